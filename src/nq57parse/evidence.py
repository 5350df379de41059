"""The site's metadata table as evidence (after stage 6, build): what a page dump's table states beside
what the text says → diagnostics.

In: the built ``Document`` and ``Furniture.metadata`` (fact → (value, line): ``Số hiệu``, ``Loại văn
bản``, ``Nơi ban hành``, ``Người ký``, ``Ngày ban hành``). Out: NQ110 where the table and the text
disagree, NQ111 where the table states a fact the text does not show. The text's facts are never
replaced: the table is the website's, and it is wrong often enough (a decree's number typed with
hyphens, a ministry named for its department) that taking it silently would hide the text's own word.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .models import Diagnostic, Document
from .numbers import canonical_id, match_key
from .rules import diagnostic
from .shapes import doc_type_heading, fold

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def metadata_diagnostics(doc: Document, metadata: dict[str, tuple[str, int]]) -> list[Diagnostic]:
    """NQ110 and NQ111 for each fact the table states (see the module docstring)."""
    out: list[Diagnostic] = []
    for fact, (value, line) in metadata.items():
        rule = _FACTS.get(fact)
        if rule is None:
            continue
        read, same = rule
        text_value, table_value = read(doc), _table_value(fact, value)
        if table_value is None:
            continue
        if text_value is None:
            out.append(
                diagnostic(
                    "NQ111", f"the site's metadata gives {_NAMES[fact]} {value!r}; the text shows none", line
                )
            )
        elif not same(text_value, table_value):
            out.append(
                diagnostic(
                    "NQ110",
                    f"the site's metadata gives {_NAMES[fact]} {value!r}; the text says {text_value!r}",
                    line,
                )
            )
    return out


def _table_value(fact: str, value: str) -> str | None:
    """The table's value in the form the text's fact takes (None: not a value of that fact)."""
    if fact == "number":
        return canonical_id(value)
    if fact == "document_type":
        found = doc_type_heading(fold(value))
        return found[0] if found else None
    if fact == "issued_on":
        m = _DMY.match(value.strip())
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else None
    return value.strip() or None


def _words(text: str) -> set[str]:
    return set(fold(text).replace(",", " ").split())


def _same_body(text: str, table: str) -> bool:
    """One body named at two lengths (``Tỉnh Nghệ An`` / ``ỦY BAN NHÂN DÂN TỈNH NGHỆ AN``)."""
    a, b = _words(text), _words(table)
    return a <= b or b <= a


def _issuer(doc: Document) -> str | None:
    return " ".join(n for n in (doc.parent_issuer, doc.issuer) if n) or None


def _signer(doc: Document) -> str | None:
    return doc.signature.signer if doc.signature else None


def _number(doc: Document) -> str | None:
    return doc.number.canonical if doc.number else None


def _type(doc: Document) -> str | None:
    return doc.document_type if doc.document_type != "other" else None


def _equal(a: str, b: str) -> bool:
    return a == b


# fact → (the text's value, the test that the two agree)
_FACTS: dict[str, tuple[Callable[[Document], str | None], Callable[[str, str], bool]]] = {
    "number": (_number, lambda a, b: match_key(a) == match_key(b)),
    "document_type": (_type, _equal),
    "issuer": (_issuer, _same_body),
    "signer": (_signer, lambda a, b: fold(a) == fold(b)),
    "issued_on": (lambda d: d.issued_on, _equal),
}
_NAMES = {
    "number": "the number",
    "document_type": "the type",
    "issuer": "the issuer",
    "signer": "the signer",
    "issued_on": "the date",
}
