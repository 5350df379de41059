"""FRBR identity: which AKN document type a text is, its work IRI, and the IRIs of the texts it cites.

In: a document type key, a ``DocumentNumber``, a date (or a ``Reference`` / ``Citation``). Out: strings
by the Akoma Ntoso naming convention (akn-nc v1.0): ``/akn/vn/{act|doc}/{subtype}/{actor}/{date}/{number}``
with the Vietnamese type as subtype (``quyet-dinh``), the issuer code as actor (``byt``), the issue date
(the number's year, or ``unknown``, when the date is not known) and the serial without leading zeros
(``2121``; ``03/NQ-CP`` → ``3``). The same
function names the exported document and every document it cites, so a ``<ref href>`` to a document
equals that document's own ``FRBRthis`` when it is exported too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..datafiles import data_file
from ..models import Citation, Document, DocumentNumber, Reference
from ..numbers import doc_type_of, parse_number


@cache
def tables() -> dict:
    """The mapping tables of ``data/akn.yaml``."""
    return data_file("akn.yaml")


def akn_type(doc_type: str, number: DocumentNumber | None) -> str:
    """``act`` for normative types (always, or when the number carries the year), else ``doc``."""
    data = tables()
    if doc_type in data["act_types"]:
        return "act"
    if doc_type in data["act_types_with_year"] and number is not None and number.year is not None:
        return "act"
    return "doc"


def language_code(language: str) -> str:
    """``vi`` → ``vie`` (FRBRlanguage takes ISO 639-2/T codes)."""
    return tables()["languages"].get(language, "vie")


def slug(text: str) -> str:
    """An ASCII IRI component: ``Giao dịch điện tử`` → ``giao-dich-dien-tu``."""
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def serial_part(serial: str) -> str:
    """The number component of an IRI: the serial without leading zeros (``03`` and ``3`` are one
    document, as everywhere in nq57parse), lower-case ASCII otherwise (``12a``)."""
    return str(int(serial)) if serial.isdigit() else slug(serial) or serial


def work_iri(doc_type: str, number: DocumentNumber | None, date: str | None, name: str | None = None) -> str:
    """The work IRI of a document: ``/akn/vn/doc/quyet-dinh/byt/2025-06-26/2121``.

    A document with no number is named by ``name`` (a law cited by its name) or ``nn``."""
    kind = akn_type(doc_type, number)
    subtype = doc_type.replace("_", "-")
    when = date or (str(number.year) if number is not None and number.year else tables()["unknown_date"])
    if number is None:
        return f"/akn/vn/{kind}/{subtype}/{when}/{slug(name or '') or 'nn'}"
    actor = slug(number.issuer_code or "") or "unknown"
    return f"/akn/vn/{kind}/{subtype}/{actor}/{when}/{serial_part(number.serial)}"


def document_iri(doc: Document) -> str:
    """The exported document's own work IRI (a text without a number is named by its hash)."""
    name = f"nn-{doc.source.sha256[:12]}" if doc.source.sha256 else None
    return work_iri(doc.document_type, doc.number, doc.issued_on, name)


def reference_iri(ref: Reference) -> str:
    """The work IRI of a cited document, from what its citations and the registry say about it."""
    number = parse_number(ref.number or ref.id)
    doc_type = ref.doc_type or (doc_type_of(number) if number else None) or "other"
    return work_iri(doc_type, number, ref.date, ref.id)


def citation_iri(cite: Citation, refs: dict[str, Reference]) -> str:
    """Where a citation points: its target's work IRI, else one built from the citation alone."""
    if cite.target and cite.target in refs:
        return reference_iri(refs[cite.target])
    number = parse_number(cite.number) if cite.number else None
    if number is None and (cite.target or cite.version):  # a law cited by name: its version's number
        number = parse_number(cite.target or cite.version or "")
    doc_type = cite.doc_type or (doc_type_of(number) if number else None) or "other"
    return work_iri(doc_type, number, cite.date, cite.text)
