"""Legacy Vietnamese font encodings (TCVN3/ABC and VNI) and mojibake: detection and repair.

In: text that was decoded byte-for-byte as Windows-1252 / Latin-1 (what a TCVN3 or VNI file, or a
Word run in a ``.VnTime`` / ``VNI-Times`` font, looks like: ``Céng hoµ`` / ``Coäng hoøa``), or UTF-8
text that went through a cp1252 or Mac Roman decoder once too often (``Nghá»‹ quyáº¿t``).
Out: Unicode NFC text (``Cộng hoà``, ``Nghị quyết``) and the name of the repair. Also the reading
of 8-bit files with no declared encoding (``decode_single_byte``: TCVN3, VNI or Windows-1258, whichever
reads as Vietnamese), which the text, HTML and DOCX readers share.

The code tables live in ``data/tcvn3.yaml`` and ``data/vni.yaml``. Charset detectors are blind to
these fonts (their bytes are valid cp1252), so detection scores each reading by how many of its
non-ASCII words are well-formed Vietnamese syllables: a TCVN3 text read as cp1252 has almost none,
the same text converted has almost all, and real Vietnamese, French or Norwegian text is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .datafiles import data_file
from .errors import InputError

LEGACY_CODES = ("tcvn3", "vni")
_SAMPLE_CHARS = 200_000  # detection looks at the start of the text only (linear, bounded cost)

# --- the code tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LegacyCode:
    """One legacy code: Unicode letter ↔ its legacy spelling (a string of Latin-1 characters)."""

    name: str
    encode_map: dict[str, str]
    decode_map: dict[str, str]
    pattern: re.Pattern[str]
    signature: frozenset[str]


@cache
def legacy_code(name: str) -> LegacyCode:
    """Load ``data/<name>.yaml`` (``tcvn3`` or ``vni``)."""
    raw = data_file(f"{name}.yaml")
    encode: dict[str, str] = {}
    for letter, code in raw["letters"].items():
        codes = code if isinstance(code, list) else [code]
        encode[letter] = "".join(chr(b) for b in codes)
    decode = {spelling: letter for letter, spelling in encode.items()}
    if name == "vni":
        # a capital base letter with a lower-case mark byte (or the reverse) is seen in the wild;
        # the base letter decides the case.
        for letter, spelling in encode.items():
            if len(spelling) == 2:
                for variant in (spelling[0] + spelling[1].swapcase(),):
                    decode.setdefault(variant, letter)
    keys = sorted(decode, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(k) for k in keys))
    vietnamese = set(_VIETNAMESE_LETTERS)
    # Ð ð are left out: they stand in for Đ đ in much ordinary Unicode text
    signature = frozenset(
        ch for k in decode for ch in k if ord(ch) > 127 and ch not in vietnamese and ch not in "Ðð"
    )
    return LegacyCode(name, encode, decode, pattern, signature)


def encode_legacy(text: str, name: str) -> str:
    """Unicode → legacy spelling (Latin-1 characters; ``.encode("latin-1")`` gives the bytes).

    TCVN3 has no code for most upper-case letters: they get the lower-case code, as typed with the
    upper-case ``.VnTimeH`` font.
    """
    code = legacy_code(name)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        spelled = code.encode_map.get(ch)
        if spelled is None and ch != ch.lower():
            spelled = code.encode_map.get(ch.lower())
        out.append(spelled if spelled is not None else ch)
    return "".join(out)


def decode_legacy(text: str, name: str) -> str:
    """Legacy spelling (Latin-1 / cp1252 characters) → Unicode NFC.

    For TCVN3, a word whose ASCII letters are all capitals (``QUYÕT``) is upper-cased whole: the
    ``.VnTimeH`` font wrote its Vietnamese letters with lower-case codes.
    """
    code = legacy_code(name)
    decoded = code.pattern.sub(lambda m: code.decode_map[m.group(0)], text)
    if name == "tcvn3":
        decoded = "\n".join(_restore_capitals(line) for line in decoded.split("\n"))
    return unicodedata.normalize("NFC", decoded)


_WORD = re.compile(r"[^\W\d_]+")


def _restore_capitals(line: str) -> str:
    """Upper-case what the ``.VnTimeH`` font wrote with lower-case codes.

    A line with no lower-case ASCII letter and two or more such words (``Së Y TÕ``) is upper-cased
    whole; elsewhere a word with two capitals and no lower-case ASCII letter (``QUYếT``).
    """
    if not any(c.islower() for c in line):
        return line
    words = _WORD.findall(line)
    mixed = [w for w in words if w != w.upper() and any(c.isupper() for c in w)]
    if not any("a" <= c <= "z" for c in line) and len(mixed) >= 2:
        return line.upper()
    return _WORD.sub(_upper_if_capitals, line)


def _upper_if_capitals(match: re.Match[str]) -> str:
    word = match.group(0)
    capitals = sum(1 for c in word if c.isupper())
    if capitals >= 2 and not any("a" <= c <= "z" for c in word) and word != word.upper():
        return word.upper()
    return word


# --- detection ------------------------------------------------------------------------------------

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VIETNAMESE_LETTERS = (
    "áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ"
    "ÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ"
)
_BEYOND_LATIN1 = frozenset(c for c in _VIETNAMESE_LETTERS if ord(c) > 0xFF)
# Latin-1 characters that are not Vietnamese letters (nor Ð ð): a superset of both signatures
_LATIN1_SIGN = re.compile(
    "[" + "".join(chr(c) for c in range(0xA1, 0x100) if chr(c) not in _VIETNAMESE_LETTERS + "Ðð") + "]"
)
# a toneless Vietnamese syllable: onset, one to three vowels, coda
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?"
)


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None


def vietnamese_score(text: str) -> tuple[int, int]:
    """(well-formed, total) Vietnamese syllables among the words that hold a non-ASCII letter."""
    good = total = 0
    for word in _WORD.findall(text[:_SAMPLE_CHARS]):
        if word.isascii():
            continue
        total += 1
        if len(word) <= 7 and _is_syllable(word):
            good += 1
    return good, total


def _merit(text: str) -> int:
    good, total = vietnamese_score(text)
    return good - (total - good)


def detect_legacy(text: str) -> str | None:
    """``"tcvn3"`` or ``"vni"`` when ``text`` (cp1252 characters) reads far better converted, else None.

    A cheap pre-check (legacy signature characters must be frequent) keeps ordinary text fast.
    """
    if _LATIN1_SIGN.search(text, 0, _SAMPLE_CHARS) is None:
        return None  # no character either code could have produced: skip loading the tables
    sample = unicodedata.normalize("NFC", text[:_SAMPLE_CHARS])
    letters = sum(1 for c in sample if c.isalpha()) or 1
    # letters beyond Latin-1 (ạ ộ ơ ư đ …) never come out of a legacy font read as cp1252
    unicode_vietnamese = sum(1 for c in sample if c in _BEYOND_LATIN1)
    current = None
    best_name, best_merit = None, 0
    for name in LEGACY_CODES:
        signature = legacy_code(name).signature
        hits = sum(1 for c in sample if c in signature)
        if hits < 3 or hits * 100 < letters or unicode_vietnamese * 20 >= hits:
            continue
        if current is None:
            current = _merit(sample.replace("Ð", "Đ").replace("ð", "đ"))
        converted = decode_legacy(sample, name)
        good, total = vietnamese_score(converted)
        merit = good - (total - good)
        if total and good >= 0.8 * total and merit > current and merit > best_merit:
            best_name, best_merit = name, merit
    return best_name


def best_reading(candidates: dict[str, str]) -> str:
    """The candidate name whose text scores best as Vietnamese (the first one on ties)."""
    names = list(candidates)
    return max(names, key=lambda n: (_merit(candidates[n]), -names.index(n)))


# --- mojibake -------------------------------------------------------------------------------------

# UTF-8 bytes of Vietnamese letters shown as cp1252 (á» áº Ä‘ Æ° Ã ) or Mac Roman (·ª ·∫ ƒë ∆∞ √)
_MOJIBAKE = re.compile(
    r"á[»º]|Ä[\u0080-\u00bf‘’“”\u2018-\u201e]|Æ[°¡]|Ã[\u0080-\u00bf\u2018-\u201e]|·[ª∫]|ƒë|∆[∞°]|√[†°¢®©]"
)


def looks_like_mojibake(text: str) -> bool:
    """At least two UTF-8-read-as-cp1252 / Mac Roman sequences in the sample."""
    found = _MOJIBAKE.findall(text[:_SAMPLE_CHARS])
    return len(found) >= 2


def repair_mojibake(text: str) -> str | None:
    """The repaired text (ftfy, imported only now), or None when ftfy changes nothing useful."""
    import ftfy

    fixed = ftfy.fix_encoding(text)
    if fixed == text or len(_MOJIBAKE.findall(fixed[:_SAMPLE_CHARS])) >= len(
        _MOJIBAKE.findall(text[:_SAMPLE_CHARS])
    ):
        return None
    return fixed


# --- single-byte files -----------------------------------------------------------------------------


def decode_single_byte(data: bytes, path: str | None) -> tuple[str, str]:
    """8-bit Vietnamese text: TCVN3 or VNI when it reads far better so, else Windows-1258."""
    as_cp1252 = sloppy_cp1252(data)
    code = detect_legacy(as_cp1252)
    try:
        cp1258 = data.decode("cp1258")
    except UnicodeDecodeError:
        cp1258 = None
    if code is not None:
        converted = decode_legacy(as_cp1252, code)
        if cp1258 is None or best_reading({code: converted, "cp1258": cp1258}) == code:
            return converted, code
    if cp1258 is None:
        raise InputError(path, "is not in a known text encoding (UTF-8, UTF-16, Windows-1258, TCVN3, VNI)")
    return cp1258, "cp1258"


_CP1252_HIGH = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}
_CP1252_TABLE = str.maketrans({chr(b): ch for b, ch in _CP1252_HIGH.items()})


def sloppy_cp1252(data: bytes) -> str:
    """Windows-1252 that never fails: its five undefined bytes become the Latin-1 control characters."""
    return data.decode("latin-1").translate(_CP1252_TABLE)


def utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 with no BOM: NULs in every other byte of mostly-ASCII text."""
    if len(data) < 4 or len(data) % 2:
        return None
    evens, odds = data[0::2], data[1::2]
    for zeros, codec in ((odds, "utf-16-le"), (evens, "utf-16-be")):
        if zeros.count(0) > 0.6 * len(zeros):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None
