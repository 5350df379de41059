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
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from .datafiles import data_file
from .models import DocumentNumber, maker

_GROUP = r"[A-ZĐ][A-Za-zĐđ0-9&]{0,15}"
# a code group after a hyphen: joined (TT-BYT, NQ_HĐND) or, as real copies print it, after a hyphen and a
# space (TT- BYT, a hyphen at a line's end); after a space only an upper-case code (TT- BYT, not QĐ-BYT - Ban)
_NEXT_GROUP = rf"(?:[-_]{_GROUP}|-[ ]{{1,2}}(?=[A-ZĐ][A-ZĐ0-9&]){_GROUP})"
# a serial as OCR reads it: O for 0, l or I for 1 beside real digits (1O5, 2l8), never without a digit
_SERIAL = r"(?:\d{1,5}|(?=[OlI]{0,3}\d)[\dOlI]{2,5}(?<=[\dOlI]))"
_PARTY = (
    r"(?P<p_serial>" + _SERIAL + r")[ ]?-[ ]?(?P<p_type>[A-ZĐ][A-Za-zĐđ]{0,3})"
    r"(?:[ ]?/[ ]?|(?P<p_dash>-))(?P<p_issuer>[A-ZĐ][A-Za-zĐđ0-9]{0,9})"
)
_STATE = (
    r"(?P<s_serial>" + _SERIAL + r")[ ]?/[ ]?"
    r"(?:(?P<s_year>(?:19|2[0O])[\dOlI]\d|(?:19|20)\d[\dOlI])(?:[ ]?/[ ]?|(?=[A-Za-zĐđ])))?"
    rf"(?P<s_code>{_GROUP}{_NEXT_GROUP}{{0,9}})"
)
# an old state number with no year and no type code (Nghị định 169-CP, Quyết định 217-HĐBT); the code must
# be one of codes.yaml's ``old_issuers`` (checked in ``number_from_match``)
_OLD = r"(?P<o_serial>\d{1,5})-(?P<o_code>[A-ZĐ][A-Za-zĐđ]{1,5})"
# "số118/2025/NĐ-CP": a copy that lost the space after "số"
_NUMBER = rf"(?:(?<![\w/])|(?<=số)|(?<=Số))(?:{_PARTY}|{_STATE}|{_OLD})(?![\w/])"
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
    old_issuers: frozenset[str]


@cache
def load_codes() -> Codes:
    """Load ``data/codes.yaml`` once."""
    raw = data_file("codes.yaml")
    return Codes(
        state_types=dict(raw["state_types"]),
        party_types=dict(raw["party_types"]),
        party_issuers=dict(raw["party_issuers"]),
        state_issuers=dict(raw["state_issuers"]),
        issuer_families=dict(raw["issuer_families"]),
        ascii_aliases=dict(raw["ascii_aliases"]),
        party_ascii_aliases=dict(raw["party_ascii_aliases"]),
        mixed_case={code.upper(): code for code in raw["mixed_case"]},
        old_issuers=frozenset(raw["old_issuers"]),
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


_OCR_DIGITS = str.maketrans("OoLlIi", "001111")


def _ocr_digits(text: str) -> str:
    """Digits as printed, with an OCR's letters for digits put right (1O5 → 105, 2l8 → 218)."""
    return text.translate(_OCR_DIGITS)


def number_from_match(match: re.Match[str]) -> DocumentNumber | None:
    """Build a ``DocumentNumber`` from a match of the number pattern; None when the codes don't fit."""
    codes = load_codes()
    raw = match.group(0)
    if match.group("p_serial"):
        serial = _ocr_digits(match.group("p_serial"))
        party_type = canonical_code(match.group("p_type"), party=True)
        issuer = canonical_code(match.group("p_issuer"), party=True)
        if party_type not in codes.party_types:
            return None
        if match.group("p_dash") and issuer not in codes.party_issuers:
            return None
        return maker(DocumentNumber)(
            raw=raw,
            canonical=f"{serial}-{party_type}/{issuer}",
            serial=serial,
            type_code=party_type,
            issuer_code=issuer,
        )
    if match.group("o_serial"):
        code = canonical_code(match.group("o_code"))
        if code not in codes.old_issuers:
            return None
        serial = match.group("o_serial")
        return maker(DocumentNumber)(raw=raw, canonical=f"{serial}-{code}", serial=serial, issuer_code=code)
    serial = _ocr_digits(match.group("s_serial"))
    year_text = _ocr_digits(match.group("s_year")) if match.group("s_year") else None
    groups = [canonical_code(g) for g in match.group("s_code").replace(" ", "").replace("_", "-").split("-")]
    if len(groups) == 1:
        groups = _lost_hyphen(groups[0], codes)
    if groups[0] in codes.state_types and len(groups) > 1:
        type_code: str | None = groups[0]
        issuer_code: str | None = "-".join(groups[1:])
    elif year_text:
        type_code, issuer_code = None, "-".join(groups)
    elif len(groups) > 1 and len(groups[0]) > 1:
        # công văn: the first group is the issuer (1552/BTTTT-TTH, 12/UBND-VX)
        type_code, issuer_code = None, groups[0]
    elif groups[0] in codes.old_issuers:
        # an old number with the issuer's code only (Nghị định 25/CP, Quyết định 299/TTg)
        type_code, issuer_code = None, groups[0]
    else:
        return None
    year_part = f"{year_text}/" if year_text else ""
    return maker(DocumentNumber)(
        raw=raw,
        canonical=f"{serial}/{year_part}{'-'.join(groups)}",
        serial=serial,
        year=int(year_text) if year_text else None,
        type_code=type_code,
        issuer_code=issuer_code,
    )


def _lost_hyphen(code: str, codes: Codes) -> list[str]:
    """A type code and an issuer code a PDF's text printed without their hyphen (``QĐUBND``,
    ``NĐCP``) as the two codes; any other code (a known issuer's own, ``TTCP``, ``HĐCP``) as it is."""
    if code in codes.state_issuers or code in codes.old_issuers:
        return [code]
    upper = code.upper()
    for size in (4, 3, 2):  # the longest type code first: TTLT before TT
        head, rest = canonical_code(upper[:size]), canonical_code(upper[size:])
        if head in codes.state_types and rest in codes.state_issuers:
            return [head, rest]
    return [code]


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


# A number whose serial an OCR pass garbled (``3Z#2H/TCT-CS``) while its codes are still letters.
_GARBLED_SERIAL = re.compile(r"(?P<serial>[^\s/]{1,8})\s*/\s*(?P<codes>[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+){0,4})")


def parse_printed_number(text: str) -> DocumentNumber | None:
    """A header number that ``parse_number`` rejects, kept as printed when it still has a number's
    outline: a short serial, ``/``, and letter codes. The caller reports it as not well formed."""
    body = _PREFIX.sub("", text, count=1).rstrip(_TRAIL)
    match = _GARBLED_SERIAL.fullmatch(body)
    if match is None:
        return None
    printed = f"{match['serial']}/{match['codes']}"
    return maker(DocumentNumber)(
        raw=body, canonical=printed, serial=match["serial"], issuer_code=match["codes"]
    )


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


def _is_party(number: DocumentNumber) -> bool:
    """A Party number (57-NQ/TW): a hyphen after the serial and a slash after the type."""
    head, slash, _ = number.canonical.partition("/")
    return bool(slash) and "-" in head


def doc_type_of(number: DocumentNumber) -> str | None:
    """The document type key a number's code implies (``QĐ`` → quyet_dinh; Party ``KH`` → ke_hoach)."""
    codes = load_codes()
    if number.type_code is None:
        if number.issuer_code and re.fullmatch(r"QH\d+", number.issuer_code):
            return None  # a law or a Quốc hội resolution: the code alone does not tell which
        if number.issuer_code in codes.old_issuers and "-" not in number.canonical.partition("/")[2]:
            return None  # an old number (25/CP, 169-CP): only the type word tells
        return "cong_van" if number.year is None else None
    table = codes.party_types if _is_party(number) else codes.state_types
    return table.get(number.type_code)


def issuer_name(number: DocumentNumber) -> str | None:
    """The body a number's issuer code names (``CP`` → Chính phủ, ``QH15`` → Quốc hội), if known."""
    codes = load_codes()
    code = number.issuer_code or ""
    party = _is_party(number)
    if party:
        return codes.party_issuers.get(code)
    first = code.split("-")[0]
    if first in codes.state_issuers:
        return codes.state_issuers[first]
    family = re.fullmatch(r"([A-Z]+)\d+", first)
    if family and family.group(1) in codes.issuer_families:
        return codes.issuer_families[family.group(1)]
    return None


# the old and the new placement of a tone mark (hoà / hòa, uỷ / ủy): one spelling for comparing names
_OLD_TONES = re.compile(r"o[àáảãạ]|u[ỳýỷỹỵ]")
_TONE_FIRST = {
    **{f"o{t}": f"{m}a" for t, m in zip("àáảãạ", "òóỏõọ", strict=True)},
    **{f"u{t}": f"{m}y" for t, m in zip("ỳýỷỹỵ", "ùúủũụ", strict=True)},
}


_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """Comparison key of a document name: lower case, single spaces, one placement of the tone mark
    (``Cộng hoà`` = ``Cộng hòa``, ``Uỷ ban`` = ``Ủy ban``)."""
    folded = _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip().casefold()
    return _OLD_TONES.sub(lambda m: _TONE_FIRST[m.group(0)], folded)
