"""Checking an AKN export: the official schema, and the text it carries.

In: an lxml element or XML text. Out: ``schema_errors`` lists the schema violations (``line: message``;
empty when valid) against ``schema/akomantoso30.xsd`` (OASIS, CC BY 4.0; see schema/NOTICE.md), loaded
once per process; ``akn_text`` joins the document's text nodes outside ``<meta>``, an
``<authorialNote>`` read as its ``[marker]`` followed by its text.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


@cache
def _schema() -> etree.XMLSchema:
    """The schema, read from the package's files (its import of ``./xml.xsd`` is answered from the
    package too, so it loads wherever the package is installed, a zip included)."""
    from lxml import etree

    folder = resources.files("nq57parse.akn").joinpath("schema")

    class _Local(etree.Resolver):  # type: ignore[misc]  # lxml has no type information here
        def resolve(self, url: str, pubid: str | None, context: object) -> object:
            name = url.rsplit("/", 1)[-1]
            if name in ("xml.xsd", "akomantoso30.xsd"):
                return self.resolve_string(folder.joinpath(name).read_bytes(), context)
            return None

    parser = etree.XMLParser()
    parser.resolvers.add(_Local())
    main = etree.fromstring(
        folder.joinpath("akomantoso30.xsd").read_bytes(), parser, base_url="nq57parse:akomantoso30.xsd"
    )
    return etree.XMLSchema(etree.ElementTree(main))


def _tree(xml: etree._Element | str | bytes) -> etree._Element:
    from lxml import etree

    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    if isinstance(xml, bytes):
        return etree.fromstring(xml)
    return xml


def schema_errors(xml: etree._Element | str | bytes) -> list[str]:
    """Every violation of akomantoso30.xsd, as ``line: message``; ``[]`` when the document is valid."""
    schema = _schema()
    if schema.validate(_tree(xml)):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]


def akn_text(xml: etree._Element | str | bytes) -> str:
    """All text nodes outside ``<meta>`` joined by spaces (notes as ``[marker]`` and their text)."""
    pieces: list[str] = []
    _collect(_tree(xml), pieces)
    return " ".join(p for p in pieces if p.strip())


def _collect(el: etree._Element, pieces: list[str]) -> None:
    from lxml import etree

    if not isinstance(el.tag, str) or etree.QName(el).localname == "meta":
        return
    if etree.QName(el).localname == "authorialNote":
        pieces.append(f"[{el.get('marker', '')}]")
    pieces.append(el.text or "")
    for child in el:
        _collect(child, pieces)
        pieces.append(child.tail or "")
