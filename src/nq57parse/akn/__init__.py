"""Akoma Ntoso 3.0 export: ``extract --format akn`` and ``batch --format akn``.

In: a ``Document``. Out: the text of one ``<akomaNtoso>`` document (OASIS LegalDocML, the format
Laws.Africa's Indigo and cobalt, the EU's LEOS and several parliaments exchange legislation in),
valid against the official schema ``akomantoso30.xsd`` kept in ``schema/`` with its notice.

Stages: build.py lays the document out (preface, preamble, body, conclusions, attachments; citations
as ``<ref href>``, footnotes as ``<authorialNote>``), meta.py writes the FRBR identity, ids.py gives
every element its eId, schema.py validates. lxml builds and validates (libxml2 checks the schema's
eId uniqueness constraints too, and is fast enough to validate every export).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

    from ..models import Document


def build_akn(doc: Document) -> etree._Element:
    """The ``<akomaNtoso>`` element of a document, with its eIds."""
    from .build import build_tree
    from .ids import assign_eids

    root = build_tree(doc)
    assign_eids(root)
    return root


def to_akn(doc: Document) -> str:
    """The AKN XML text of a document (UTF-8, with an XML declaration)."""
    from lxml import etree

    data = etree.tostring(build_akn(doc), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data.decode("utf-8")


from .schema import akn_text, schema_errors  # noqa: E402  (light: lxml is imported on first use)

__all__ = ["akn_text", "build_akn", "schema_errors", "to_akn"]
