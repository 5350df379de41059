"""Document numbers (số và ký hiệu): parse, canonicalise and compare.

In: a number as printed — ``2121/QĐ-BYT``, ``42/2025/NĐ-CP``, ``193/2025/QH15``, ``57-NQ/TW``,
``1552/BTTTT-TTH`` — possibly dirty (``QD-BYT``, ``09/2026NQ-HĐND``, ``NQ_HĐND``, ``2121 / QĐ-BYT``,
``72-NQ-TW``), with or without a leading ``Số:``.
Out: ``DocumentNumber(raw, canonical, serial, year, type_code, issuer_code)``; ``canonical_id`` and
``match_key`` for the resolver.

Canonical form (SPEC "Canonical ids"): codes upper case except the official mixed-case ones
(``CTr``, ``TTg``, …), Vietnamese letters restored from ASCII (``QD`` → ``QĐ``), Party numbers keep
their hyphen (``57-NQ/TW``), the serial as printed; ``match_key`` drops the serial's leading zeros so
``3/NQ-CP`` and ``03/NQ-CP`` meet. The codes themselves live in ``data/codes.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from .datafiles import parse_yaml
from .models import DocumentNumber

_GROUP = r"[A-ZĐ][A-Za-zĐđ0-9&]{0,11}"
_PARTY = (
    r"(?P<p_serial>\d{1,5})-(?P<p_type>[A-ZĐ][A-Za-zĐđ]{0,3})"
    r"(?:[ ]?/[ ]?|(?P<p_dash>-))(?P<p_issuer>[A-ZĐ][A-Za-zĐđ0-9]{0,9})"
)
_STATE = (
    r"(?P<s_serial>\d{1,5})[ ]?/[ ]?"
    r"(?:(?P<s_year>(?:19|20)\d{2})(?:[ ]?/[ ]?|(?=[A-Za-zĐđ])))?"
    rf"(?P<s_code>{_GROUP}(?:[-_]{_GROUP}){{0,5}})"
)
_NUMBER = rf"(?<![\w/])(?:{_PARTY}|{_STATE})(?![\w/])"
_SCAN = re.compile(_NUMBER)
_ANY_CASE = re.compile(_NUMBER, re.IGNORECASE)
_PREFIX = re.compile(r"^\s*(?:số|so|no|nr|n°)?\s*[.:]?\s*", re.IGNORECASE)
_TRAIL = " \t.,;:)]"


@dataclass(frozen=True)
class Codes:
    """The code tables of ``data/codes.yaml``, keyed by canonical code."""

    state_types: dict[str, str]
    party_types: dict[str, str]
    party_issuers: dict[str, str]
    state_issuers: dict[str, str]
    issuer_families: dict[str, str]
    ascii_aliases: dict[str, str]
    party_ascii_aliases: dict[str, str]
    mixed_case: dict[str, str]


@cache
def load_codes() -> Codes:
    """Load ``data/codes.yaml`` once."""
    raw = parse_yaml(resources.files("nq57parse.data").joinpath("codes.yaml").read_text("utf-8"))
    return Codes(
        state_types=dict(raw["state_types"]),
        party_types=dict(raw["party_types"]),
        party_issuers=dict(raw["party_issuers"]),
        state_issuers=dict(raw["state_issuers"]),
        issuer_families=dict(raw["issuer_families"]),
        ascii_aliases=dict(raw["ascii_aliases"]),
        party_ascii_aliases=dict(raw["party_ascii_aliases"]),
        mixed_case={code.upper(): code for code in raw["mixed_case"]},
    )


@lru_cache(maxsize=4096)
def canonical_code(code: str, party: bool = False) -> str:
    """One code group as it should read: ``qd`` → ``QĐ``, ``CTR`` → ``CTr``, ``DU`` → ``ĐU`` (Party)."""
    codes = load_codes()
    upper = code.replace("Ð", "Đ").replace("ð", "đ").upper()
    if party and upper in codes.party_ascii_aliases:
        upper = codes.party_ascii_aliases[upper]
    upper = codes.ascii_aliases.get(upper, upper)
    return codes.mixed_case.get(upper.upper(), upper)


def number_from_match(match: re.Match[str]) -> DocumentNumber | None:
    """Build a ``DocumentNumber`` from a match of the number pattern; None when the codes don't fit."""
    codes = load_codes()
    raw = match.group(0)
    if match.group("p_serial"):
        serial = match.group("p_serial")
        party_type = canonical_code(match.group("p_type"), party=True)
        issuer = canonical_code(match.group("p_issuer"), party=True)
        if party_type not in codes.party_types:
            return None
        if match.group("p_dash") and issuer not in codes.party_issuers:
            return None
        return DocumentNumber(
            raw=raw,
            canonical=f"{serial}-{party_type}/{issuer}",
            serial=serial,
            type_code=party_type,
            issuer_code=issuer,
        )
    serial = match.group("s_serial")
    year_text = match.group("s_year")
    groups = [canonical_code(g) for g in match.group("s_code").replace("_", "-").split("-")]
    if groups[0] in codes.state_types and len(groups) > 1:
        type_code: str | None = groups[0]
        issuer_code: str | None = "-".join(groups[1:])
    elif year_text:
        type_code, issuer_code = None, "-".join(groups)
    elif len(groups) > 1 and len(groups[0]) > 1:
        # công văn: the first group is the issuer (1552/BTTTT-TTH, 12/UBND-VX)
        type_code, issuer_code = None, groups[0]
    else:
        return None
    year_part = f"{year_text}/" if year_text else ""
    return DocumentNumber(
        raw=raw,
        canonical=f"{serial}/{year_part}{'-'.join(groups)}",
        serial=serial,
        year=int(year_text) if year_text else None,
        type_code=type_code,
        issuer_code=issuer_code,
    )


def match_number(text: str, pos: int = 0) -> DocumentNumber | None:
    """The number starting exactly at ``pos`` in running text (codes must start upper case), or None."""
    match = _SCAN.match(text, pos)
    return number_from_match(match) if match else None


def number_end(text: str, pos: int) -> int | None:
    """End offset of the number starting exactly at ``pos``, or None (same rules as ``match_number``)."""
    match = _SCAN.match(text, pos)
    if match is None or number_from_match(match) is None:
        return None
    return match.end()


@lru_cache(maxsize=8192)
def parse_number(text: str) -> DocumentNumber | None:
    """Parse a whole number string (``Số: 2121/QĐ-BYT``, ``42/2025/ND-CP``, ``57-NQ/TW``); None if not one."""
    body = _PREFIX.sub("", text, count=1).rstrip(_TRAIL)
    upper = body.replace("Ð", "Đ").replace("ð", "đ").upper()
    candidate = upper if len(upper) == len(body) else body
    match = _ANY_CASE.fullmatch(candidate)
    if match is None:
        return None
    number = number_from_match(match)
    if number is None:
        return None
    return number.model_copy(update={"raw": body})


def canonical_id(text: str) -> str | None:
    """Canonical id of a printed number: ``2121/QD-BYT`` → ``2121/QĐ-BYT``; None when not a number."""
    number = parse_number(text)
    return number.canonical if number else None


@lru_cache(maxsize=8192)
def match_key(canonical: str) -> str:
    """Key under which two printings of one number are equal: serial without leading zeros, case folded."""
    head, sep, rest = canonical.partition("/") if "/" in canonical else (canonical, "", "")
    party = re.match(r"^(\d+)(-.*)$", head)
    if party:
        head = f"{int(party.group(1))}{party.group(2)}"
    elif head.isdigit():
        head = str(int(head))
    return f"{head}{sep}{rest}".upper()


def doc_type_of(number: DocumentNumber) -> str | None:
    """The document type key a number's code implies (``QĐ`` → quyet_dinh; Party ``KH`` → ke_hoach)."""
    codes = load_codes()
    if number.type_code is None:
        if number.issuer_code and re.fullmatch(r"QH\d+", number.issuer_code):
            return None  # a law or a Quốc hội resolution: the code alone does not tell which
        return "cong_van" if number.year is None else None
    table = codes.party_types if "-" in number.canonical.split("/")[0] else codes.state_types
    return table.get(number.type_code)


def issuer_name(number: DocumentNumber) -> str | None:
    """The body a number's issuer code names (``CP`` → Chính phủ, ``QH15`` → Quốc hội), if known."""
    codes = load_codes()
    code = number.issuer_code or ""
    party = "-" in number.canonical.split("/")[0]
    if party:
        return codes.party_issuers.get(code)
    first = code.split("-")[0]
    if first in codes.state_issuers:
        return codes.state_issuers[first]
    family = re.fullmatch(r"([A-Z]+)\d+", first)
    if family and family.group(1) in codes.issuer_families:
        return codes.issuer_families[family.group(1)]
    return None
