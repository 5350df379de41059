"""The ``<meta>`` block: FRBR work, expression and manifestation, and the people and bodies referred to.

In: a ``Document`` and its work IRI (plus a component name for an attachment). Out: an lxml
``<meta>`` element. The work is the text in every language (country ``vn``, subtype, issuer, date,
number, name = our type key); the expression is this language's version (``vie``, ``eng``, ``nor``);
the manifestation is this XML, made by nq57parse, whose ``<preservation>`` records the sha256 and
encoding of the source it was made from. The FRBR dates are the issue date (``0001-01-01``, named
``unknown``, when the text does not give one), so the same input always gives the same XML.
"""

from __future__ import annotations

from lxml import etree
from lxml.builder import ElementMaker

from ..models import Document
from .frbr import language_code, serial_part, slug, tables

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SOURCE_NS = "urn:nq57parse:source"  # our element inside <preservation>
E = ElementMaker(namespace=NS, nsmap={None: NS})


def build_meta(
    doc: Document, work: str, component: str = "main", name: str | None = None, with_references: bool = True
) -> etree._Element:
    """``<meta>`` for the document (``component`` ``main``) or one of its attachments (``att_1``, with the
    attachment's ``name``: ``ke_hoach``, ``phu_luc``)."""
    date = doc.issued_on or tables()["null_date"]
    date_name = "issue" if doc.issued_on else "unknown"
    lang = language_code(doc.source.language)
    expression = f"{work}/{lang}@{doc.issued_on or ''}"
    work_el = E.FRBRWork(
        E.FRBRthis(value=f"{work}/!{component}"),
        E.FRBRuri(value=work),
        *([E.FRBRalias(value=doc.title, name="title")] if doc.title else []),
        E.FRBRdate(date=date, name=date_name),
        E.FRBRauthor(href="#issuer"),
        E.FRBRcountry(value="vn"),
        E.FRBRsubtype(value=doc.document_type.replace("_", "-")),
        *(
            [E.FRBRnumber(value=serial_part(doc.number.serial), showAs=doc.number.canonical)]
            if doc.number
            else []
        ),
        E.FRBRname(value=name or doc.document_type),
    )
    expression_el = E.FRBRExpression(
        E.FRBRthis(value=f"{expression}/!{component}"),
        E.FRBRuri(value=expression),
        E.FRBRdate(date=date, name=date_name),
        E.FRBRauthor(href="#issuer"),
        E.FRBRlanguage(language=lang),
    )
    source = etree.Element(
        etree.QName(SOURCE_NS, "source"),
        nsmap={"nq": SOURCE_NS},
        sha256=doc.source.sha256,
        encoding=doc.source.encoding,
    )
    manifestation_el = E.FRBRManifestation(
        E.FRBRthis(value=f"{expression}/!{component}.xml"),
        E.FRBRuri(value=f"{expression}.akn"),
        E.FRBRdate(date=date, name=date_name),
        E.FRBRauthor(href="#nq57parse"),
        E.preservation(source),
        E.FRBRformat(value="application/akn+xml"),
    )
    meta = E.meta(E.identification(work_el, expression_el, manifestation_el, source="#nq57parse"))
    if with_references:
        meta.append(_references(doc))
    return meta


def _references(doc: Document) -> etree._Element:
    """The TLC entries that ``#issuer``, ``#signer``, ``#position`` and ``#place`` point at."""
    issuer = doc.issuer or "unknown"
    code = doc.number.issuer_code if doc.number and doc.number.issuer_code else issuer
    refs = E.references(
        E.TLCOrganization(eId="nq57parse", href="/ontology/organization/nq57parse", showAs="nq57parse"),
        E.TLCOrganization(
            eId="issuer", href=f"/ontology/organization/vn/{slug(code) or 'unknown'}", showAs=issuer
        ),
        source="#nq57parse",
    )
    sig = doc.signature
    if sig is not None and sig.signer:
        refs.append(
            E.TLCPerson(eId="signer", href=f"/ontology/person/vn/{slug(sig.signer)}", showAs=sig.signer)
        )
    if sig is not None and sig.position:
        refs.append(
            E.TLCRole(eId="position", href=f"/ontology/role/vn/{slug(sig.position)}", showAs=sig.position)
        )
    if doc.place:
        refs.append(
            E.TLCLocation(eId="place", href=f"/ontology/location/vn/{slug(doc.place)}", showAs=doc.place)
        )
    return refs
