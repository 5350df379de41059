"""Line shapes: what one line looks like on its own, before any context is applied.

In: one normalised line. Out: ``Shape(kind, label, body, text)`` where ``text`` is the line with
web-copy markup removed (Markdown emphasis ``**…**``, ``*…*``, ``#`` headings, table pipes around a
single cell), ``kind`` a context-free guess (``ARTICLE``, ``NUM``, ``POINT``, ``MOTTO``, ``UPPER``, ``PAGE`` …),
``label`` the marker without punctuation (``1.1``, ``đ``, ``IV``) and ``body`` the text after it.

The segmenter (segment.py) turns shapes into grammar tokens using the zone a line stands in.
Every pattern here is anchored and uses bounded repetition, so a line costs time linear in its length.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from .datafiles import data_file
from .pipe_rows import split_row

_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
UPPER = _UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"


@dataclass(slots=True)
class Shape:
    """The context-free reading of one line; never changed once made (not declared frozen, which
    would make each of the many shapes five times dearer to build, as ``cleanview.Piece``)."""

    kind: str
    text: str
    label: str | None = None
    body: str = ""
    cells: tuple[str, ...] = ()


@cache
def cues() -> dict:
    """The cue-word tables of ``data/structure.yaml``."""
    return data_file("structure.yaml")


def fold(text: str) -> str:
    """Upper-cased key with tone placement and ``Đ`` variants unified (``HOÀ`` = ``HÒA``)."""
    # cue words and short lines are folded again and again: those are remembered (a bounded number
    # of short strings)
    return _fold_short(text) if len(text) <= 64 else _fold(text)


def _fold(text: str) -> str:
    return (
        unicodedata.normalize("NFC", text).upper().replace("OÀ", "ÒA").replace("UỶ", "ỦY").replace("OÁ", "ÓA")
    )


_fold_short = lru_cache(maxsize=4096)(_fold)


_EMPHASIS = re.compile(r"\*\*\*|\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
# |---|:---| (or :--- | :--- without edge bars) between a table's header and rows
_TABLE_RULE = re.compile(r"^(?:\|[\s|:+=-]*-[\s|:+=-]*|[\s:]*-[\s:-]*\|[\s|:+=-]*)$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_RULE = re.compile(r"^[-_=*.…–—~]{3,}$")
# The motto's first line (the state's or the Party's name, in Vietnamese and in translations) ...
_MOTTO_NAMES = (
    r"CỘNG\s*H(?:[ÒO]A|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
    r"|SOCIALIST\s+REPUBLIC\s+OF\s+VI[EỆ]T\s*NAM|COMMUNIST\s+PARTY\s+OF\s+VIET\s*NAM"
    r"|SOSIALISTISKE\s+REPUBLIKKEN\s+VIET\s*NAM"
)
# ... and its second line, the slogan: its words between dashes, or between two spaces or more where a
# PDF's text lost the dashes (``Độc lập  Tự do  Hạnh phúc``).
_SLOGAN_GAP = r"(?:\s*[-–—]\s*|\s{2,})"
_MOTTO_SLOGANS = (
    rf"ĐỘC\s+LẬP{_SLOGAN_GAP}TỰ\s+DO{_SLOGAN_GAP}HẠNH\s+PHÚC"
    rf"|INDEPENDENCE{_SLOGAN_GAP}FREEDOM{_SLOGAN_GAP}HAPPINESS"
    rf"|UAVHENGIGHET{_SLOGAN_GAP}FRIHET{_SLOGAN_GAP}LYKKE"
)
_MOTTO_SOURCE = f"{_MOTTO_NAMES}|{_MOTTO_SLOGANS}"
# Where the motto's name begins on a merged line, in capitals only (a sentence's "nước Cộng hòa xã hội
# chủ nghĩa Việt Nam" is not a motto), OCR that lost letters in it included ("CONG E 1ÔI CHỦ NGHĨA …").
MOTTO_NAME_START = re.compile(
    _MOTTO_NAMES + r"|C[ỘOÔ0]NG\b[^a-z\n]{0,24}?\bCH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM"
)
# The article some translations print before the motto's name (THE SOCIALIST REPUBLIC OF VIETNAM).
# Looked for apart, never as an optional word in the name's pattern: that would leave the regex engine
# no first characters to skip ahead on, and it would try the pattern at every position of a line.
MOTTO_ARTICLES = ("THE", "DEN")
MOTTO = re.compile(_MOTTO_SOURCE, re.IGNORECASE)  # any case: splits a merged header line
_MOTTO_UPPER = re.compile(_MOTTO_SOURCE)  # on the upper-cased (folded) line: much faster
_NUMBER = re.compile(
    r"^(?:Luật\s+số|Số\s+hiệu|Số|SỐ|Nghị\s+quyết\s+số)\s*:\s*(.{0,200})$"
    r"|^(?:No|NO|Number|Nr|NR)\s*(?:\.\s*:?|:)\s*(\d.{0,200})?$"  # a translation: No. 2121/QD-BYT (or No: alone)
    r"|^:\s*(\d{1,5}\s*/\s*[A-ZĐ][\w/.-]{0,60})$"  # OCR lost the word Số: ": 300 /TCHQ-GSQL"
)
_PARTY_NUMBER = re.compile(
    r"^(?:Số|SỐ)\s+(\d{1,5}\s*-\s*[A-Za-zĐđ]{1,6}\s*/\s*[A-Za-zĐđ0-9-]{1,20})(.{0,200})$"
)
# The date part of ``Hà Nội, ngày 26 tháng 6 năm 2025``, from its comma; the place before it is read by
# find_place_date (a place pattern tried at every position would cost 60 steps a character).
# A day or month an OCR pass garbled (``ngày44``, ``4Â thang AO``, ``Ì Ï tháng 9{``) still marks a
# dateline: its place is read, the unreadable day or month is None (and so is the date).
_GARBLED = r"[^\s,;.]{1,3}(?:\s[^\s,;.]{1,2})?"
_DATE_TAIL = re.compile(
    rf",\s*ngày\s*(?P<d>\d{{1,2}}(?!\S)|\.{{2,}}|\s+|{_GARBLED})\s*th[áa]ng\s+"
    rf"(?P<m>\d{{1,2}}(?!\S)|\.{{2,}}|\s+|{_GARBLED})\s*n[ăa]m\s+(?P<y>\d{{4}})",
    re.IGNORECASE,
)
# The same without the comma, only where the place opens the line and is a name (capitalised words):
# "Hà Nội ngày 01 tháng 12 năm 2025", "TP. Hồ Chí Minh ngày …" (a sentence "… ký ngày 5 …" is not one).
_DATE_NO_COMMA = re.compile(
    rf"(?P<place>[{_UPPER}][\w.]*(?:\s+[{_UPPER}][\w.]*){{0,4}})\s+ngày\s*(?P<d>\d{{1,2}}|\.{{2,}})\s*tháng\s+"
    r"(?P<m>\d{1,2}|\.{2,})\s*năm\s+(?P<y>\d{4})"
)
_PLACE_START = re.compile(r"[^\W\d_]")
_PLACE_STOP = re.compile(r"[,\d]")
PLACE_DATE_START = re.compile(
    r"(?P<place>[^\W\d_][^,\d]{0,60}),\s*ngày\s+\d{0,2}(?:\s+tháng(?:\s+\d{0,2})?)?\s*$", re.IGNORECASE
)
_ARTICLE = re.compile(
    rf"^(?:Điều|ĐIỀU|Article|ARTICLE|Artikkel|ARTIKKEL)\s+(\d{{1,4}}[a-zđ]?)(?:\s*[.:]\s*(.*)|\s*$|\s+(?=[{_UPPER}])(.*))$"
)
_PART = re.compile(
    rf"^(?:Phần|PHẦN|Part|PART)\s+(thứ\s+[{_LOWER}]+|THỨ\s+[{_UPPER}]+|[IVXLC]{{1,6}}|\d{{1,3}})\b\s*[.:\-–]?\s*(.*)$"
)
_CHAPTER = re.compile(
    r"^(?:Chương|CHƯƠNG|Chapter|CHAPTER|Kapittel|KAPITTEL)\s+([IVXLC]{1,7}|\d{1,3})\b\s*[.:\-–]?\s*(.*)$"
)
_TIEU_MUC = re.compile(r"^(?:Tiểu\s+mục|TIỂU\s+MỤC)\s+(\d{1,3})\b\s*[.:\-–]?\s*(.*)$")
_MUC = re.compile(r"^(?:Mục|MỤC|Section|SECTION)\s+(\d{1,3}|[IVXLC]{1,6})\b\s*[.:\-–]?\s*(.*)$")
_ROMAN = re.compile(r"^([IVXLC]{1,7})\s*[.)]\s*(.*)$")
_NUM = re.compile(r"^(\d{1,3}(?:\.\d{1,2}){0,4})\s*[.)](?!\d)\s*(.*)$")
_NUM_SPACE = re.compile(r"^(\d{1,3}(?:\.\d{1,2}){1,4})\s+(\D.*)$")
_NUM_SUB = re.compile(r"^(\d{1,3}(?:\.\d{1,2}){1,4})\s*$")
_POINT = re.compile(rf"^([a-zđ]\d{{0,2}})\s*\)\s*(.*)$|^([a-zđ])\.\s+(?=[{_UPPER}])(.*)$")
_DASH = re.compile(r"^([-–—•·∙◦▪●○■□➢➤►✓]|\+|~(?=\s))\s*(.*)$")  # "~ ": an OCR reading of "-"
_PAGE = re.compile(
    r"^(?:[-–]\s*)?(\d{1,3})(?:\s*[-–])?$|^(?:Trang|TRANG|Page|Side)\s+(\d{1,4})(?:\s*/\s*\d{1,4})?$"
)
_FOOTNOTE = re.compile(r"^\[(\d{1,3})\]\s*(.+)$")
_NOTE = re.compile(
    r"^\(\s*(?:(?:Ban\s+hành\s+)?[Kk]èm\s+theo|(?:Enclosed|Issued|Promulgated|Attached)\s+(?:together\s+)?(?:with|to)"
    r"|Vedlagt|Vedlegg\s+til)\b.{0,1000}\)\s*[.;]?$"
)
_APPENDIX = re.compile(
    r"^(?:PHỤ\s+LỤC|Phụ\s+lục|APPENDIX|Appendix|ANNEX|Annex|VEDLEGG|Vedlegg)(?:\s+(?:SỐ\s+|số\s+|No\.\s*)?([IVXLC]{1,6}|\d{1,3}[a-z]?))?\s*[.:\-–]?\s*(.*)$"
)
# ``Nơi nhận`` as printed, or as an OCR pass that lost its marks reads it; shared with the clean view.
RECIPIENTS_WORDS = r"N[ơo]i\s+nh[ậa]n|N[ƠO]I\s+NH[ẬA]N"
# The signing prefixes as printed (TM. thay mặt, KT. ký thay, TL. thừa lệnh, TUQ., Q.; T/M, T.M …);
# shared with the clean view's cuts.
SIGN_PREFIXES = r"TM|KT|TL|TUQ|Q|T/M|K/T|T/L|T\.M|T\.L|K\.T"
_RECIPIENTS = re.compile(
    rf"^(?:{RECIPIENTS_WORDS})\s*:?\s*(.*)$|^(?:Recipients|RECIPIENTS|Mottakere|MOTTAKERE)\s*:\s*(.*)$"
)
# a letter's addressees and subject; a translation writes To: / Til: and Re: / Subject: / Vedr.:
_ADDRESSEE = re.compile(r"^(?:Kính\s+gửi|KÍNH\s+GỬI)\s*:?\s*(.*)$|^(?:To|TO|Til|TIL)\s*:\s*(.*)$")
_SUBJECT = re.compile(r"^(?:V/v|V/V|v/v)\s*:?\s*(.*)$|^(?:Re|RE|Subject|Regarding|Vedr\.?)\s*:\s*(.*)$")
NAME_WORDS = rf"[{_UPPER}][{_LOWER}]*(?:\s+[{_UPPER}][{_LOWER}]*){{1,5}}"  # a person's name
_NAME = re.compile(rf"^{NAME_WORDS}$")
# a signer's military or police rank before the name (Trung tướng Nguyễn Duy Ngọc)
_RANKED_NAME = re.compile(rf"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)\s+{NAME_WORDS}$")
_PASSED = re.compile(
    r"^(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s+này\s+(?:đã\s+)?được\s.{0,300}?\bthông\s+qua\s+(?:vào\s+)?ngày\s+\d"
)
_ENACT_SENTENCE = re.compile(
    r"\bban\s+hành\s+(?:Nghị\s+định|Thông\s+tư|Luật|Bộ\s+luật|Nghị\s+quyết|Quyết\s+định|Kế\s+hoạch|Pháp\s+lệnh|Chỉ\s+thị|Quy\s+chế|Quy\s+định|Chương\s+trình)\b"
    # a translation's: "The Government promulgates (the|a) Decree …", "The Minister issues the Circular …"
    r"|\b(?:promulgates?|issues?)\s+(?:the\s+|a\s+|this\s+)?(?:Decree|Circular|Law|Resolution|Decision|Plan"
    r"|Ordinance|Directive|Regulation)s?\b"
)


def strip_markup(line: str) -> tuple[str, tuple[str, ...]]:
    """Remove web-copy markup; return the text and, for a pipe row of several cells, its cells."""
    text = line.strip()
    cells: tuple[str, ...] = ()
    if text.startswith("|") or text.endswith("|"):
        parts = [cell.replace("\n", " ") for cell in split_row(text)]  # a <br> reads as a space
        non_empty = [p for p in parts if p and not set(p) <= set("-: ")]
        if not non_empty and any(p.strip() for p in parts):
            return "---", cells  # a Markdown table separator row |---|---|
        if len(non_empty) <= 1:
            text = non_empty[0] if non_empty else ""
        else:
            cells = tuple(_clean_emphasis(p) for p in parts)
            text = " ".join(_clean_emphasis(p) for p in non_empty)
            return text, cells
    text = _MD_HEADING.sub("", text)
    return _clean_emphasis(text), cells


def _clean_emphasis(text: str) -> str:
    if "*" in text or "__" in text:
        text = _EMPHASIS.sub("", text)
    return text.strip()


_LETTER_RE = re.compile(r"[^\W\d_]")
# Lower-case letters frequent in Vietnamese, English and Norwegian sentences (together a fifth of a
# sentence's characters or more): how many of them a line holds is a lower bound of its lower-case
# letters, found with three C-speed counts (each further count costs as much as the scan itself).
_COMMON_LOWER = ("n", "h", "t")


def is_upper(text: str) -> bool:
    """Mostly upper-case letters (a heading, an issuer, a signing title): at least 90 % of letters."""
    if text.isupper():
        return True
    if text.islower():
        return False
    limit = 0.1 * len(text)  # more lower-case letters than 10 % of all characters: a sentence
    n, h, t = _COMMON_LOWER
    if text.count(n) + text.count(h) + text.count(t) > limit:  # counted in C: most sentences stop here
        return False
    if sum(map(str.islower, text[:40])) > limit:
        return False
    lower = sum(map(str.islower, text))
    if lower > limit:
        return False
    letters = len(_LETTER_RE.findall(text))
    if letters < 2:
        return False
    return lower <= 0.1 * letters


@dataclass(frozen=True)
class PlaceDate:
    """``Hà Nội, ngày 26 tháng 6 năm 2025`` (or ``Hanoi, June 26, 2025``) read from a line: day and
    month are None where the form leaves them blank (``ngày … tháng … năm 2025``)."""

    place: str
    day: int | None
    month: int | None
    year: int
    start: int  # offset of the match in the line
    text: str  # the matched text


def find_place_date(text: str) -> PlaceDate | None:
    """The place-and-date part of a line, if any.

    A Vietnamese date is found from its ``, ngày … năm …`` and its place read back from the comma
    (linear in the line); a translated date only at the start of a line or column. A line holding no
    ``ngày`` (and, for a translation, no comma) is not searched at all.
    """
    if "gày" in text or "GÀY" in text:
        m = _DATE_NO_COMMA.match(text)
        if m:  # "Hà Nội ngày 01 tháng 12 năm 2025": no comma, the place opens the line
            return PlaceDate(
                m["place"], _int_or_none(m["d"]), _int_or_none(m["m"]), int(m["y"]), 0, m.group(0)
            )
        for m in _DATE_TAIL.finditer(text):
            start = _place_start(text, m.start())
            if start is not None:
                place = text[start : m.start()]
                return _in_last_column(
                    text, start, place, m.end(), _int_or_none(m["d"]), _int_or_none(m["m"]), int(m["y"])
                )
    if "," in text and len(text) < 200:
        m = _translated_date(text)
        if m:
            month = cues()["month_names"][(m["mon"] or m["mon2"]).casefold()]
            day, year = int(m["d"] or m["d2"]), int(m["y"] or m["y2"])
            return _in_last_column(text, m.start(), m["place"], m.end(), day, month, year)
    return None


def _place_start(text: str, comma: int) -> int | None:
    """Where the place before ``comma`` begins: the first letter of the last run of at most 61
    characters holding no comma and no digit; None when no letter stands there."""
    floor = max(0, comma - 61)
    stops = [m.end() for m in _PLACE_STOP.finditer(text, floor, comma)]
    m = _PLACE_START.search(text, stops[-1] if stops else floor, comma)
    if m is None:
        return None
    start = m.start()
    if start > 0 and not (text[start - 1].isspace() or text[start - 1] in "*|(_"):
        space = text.find(" ", start, comma)  # inside a code (299/TTg Hà Nội): the place is the next word on
        if space < 0:
            return None
        start = space + 1
    return start


_COLUMN_GAP = re.compile(r"\s{3,}")


def _may_hold_gap(text: str) -> bool:
    r"""A gap of three white spaces may stand in ``text``: two spaces in a row, or an unprintable
    character (every white space but the space is one: tested). ``\s{3,}`` is tried at every space of
    a line, which costs more than the rest of the date search; these two tests read a line in C."""
    return "  " in text or not text.isprintable()


def _in_last_column(
    text: str, start: int, place: str, end: int, day: int | None, month: int | None, year: int
) -> PlaceDate:
    """The place starts after the last wide gap: on a line that merges the header's two columns
    (``Số: 88/2025/NĐ-CP      Hà Nội, ngày …``) what stands before it belongs to the other column."""
    gaps = list(_COLUMN_GAP.finditer(place))
    skip = gaps[-1].end() if gaps else 0
    return PlaceDate(place[skip:].strip(), day, month, year, start + skip, text[start + skip : end])


def _int_or_none(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _translated_date(text: str) -> re.Match[str] | None:
    """``Hanoi, June 26, 2025``, ``Hanoi, 26 June 2025``, ``Hanoi, 26. juni 2025``: at the start of
    the line or of a column (after a gap of three spaces or more), a place of at most five words (a
    sentence ``… opened in Da Nang, June 5, 2025`` is not a dateline). Tried only where a line or a
    column starts, not at every character."""
    pattern = _place_date_translated()
    comma = text.find(",")  # the place (at most five words, so four spaces) ends at the first comma
    m = pattern.match(text) if comma > 0 and text.count(" ", 0, comma) <= 4 else None
    if m is None and _may_hold_gap(text):
        for gap in _COLUMN_GAP.finditer(text):
            m = pattern.match(text, gap.end())
            if m is not None:
                break
    return m


@cache
def _place_date_translated() -> re.Pattern[str]:
    """A translated dateline from where it starts (see ``_translated_date``)."""
    months = "|".join(sorted(cues()["month_names"], key=len, reverse=True))
    return re.compile(
        rf"(?P<place>[^\W\d_][^,\d\s]*(?: [^,\d\s]+){{0,4}}),\s*(?:(?P<mon>{months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        rf"(?P<y>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<mon2>{months})\.?,?\s+(?P<y2>\d{{4}}))\b",
        re.IGNORECASE,
    )


# a colon for the stop is an OCR misreading (``KT: THU TUONG``)
_SIGN = re.compile(rf"^({SIGN_PREFIXES})\s*[.:]?\s+(.+)$")


@cache
def _phrase_initials() -> frozenset[str]:
    return frozenset(w[:1] for w in cues()["sign_prefix_phrases"])


def sign_prefix(text: str) -> tuple[str, str] | None:
    """``(prefix, rest)`` of a signing line: ``KT. BỘ TRƯỞNG`` → ``("KT.", "BỘ TRƯỞNG")``; a
    translation's ``FOR THE MINISTER`` → ``("KT.", "MINISTER")`` (data: ``sign_prefix_phrases``).
    The rest must be upper case (a title, not a sentence)."""
    m = _SIGN.match(text) if text[:1] in "TKQ" else None  # every prefix of SIGN_PREFIXES opens so
    if m and is_upper(m.group(2)):
        prefix = m.group(1).replace(".", "").replace("/", "")  # T/M, K/T, T.L are TM., KT., TL.
        return prefix + ".", m.group(2).strip()
    phrases = cues()["sign_prefix_phrases"]
    if text[:1] not in _phrase_initials() or not (is_upper(text) or _is_title_case(text)):
        return None
    key = fold(text)
    for phrase, prefix in phrases.items():
        if key.startswith(phrase + " "):
            rest = text[len(phrase) :].strip()
            rest = rest[4:] if fold(rest).startswith("THE ") else rest
            if phrase in cues()["sign_ambiguous_phrases"]:
                prefix = "KT." if starts_with_cue(rest, "sign_person_titles") else "TM."
            return prefix, rest
    return None


_SMALL_WORDS = frozenset({"the", "of", "and", "for", "on", "behalf", "by", "order", "authorization"})


def _is_title_case(text: str) -> bool:
    """A translation's signing line in title case (``For the Rector``, ``On behalf of the People's
    Committee``): at most eight words, each capitalised but the small words of a prefix phrase."""
    words = text.split()
    return len(words) <= 8 and all(w[:1].isupper() or w in _SMALL_WORDS for w in words)


def is_signature_note(text: str) -> bool:
    """A seal or signature stand-in (data: ``signature_notes``), in round or square brackets or none,
    any case: ``(Đã ký)``, ``[Signed and sealed]``."""
    if len(text) > _longest_note() and len(text.strip("()[] ")) > _longest_note():
        return False  # (case folding never shortens a text)
    return text.strip("()[] ").casefold() in _signature_notes()


@cache
def _longest_note() -> int:
    return max(map(len, _signature_notes()))


@cache
def _signature_notes() -> frozenset[str]:
    return frozenset(n.strip("()[] ").casefold() for n in cues()["signature_notes"])


def is_position(text: str) -> bool:
    """A translation's signing title in title case (``Vice Rector``, ``Deputy Director General``),
    which has a name's shape but is not one."""
    key = fold(text)
    key = key.split(" ", 1)[1] if key.startswith(("VICE ", "DEPUTY ", "ACTING ")) else key
    return starts_with_cue(key, "sign_person_titles") is not None


def roman_value(label: str) -> int | None:
    """Value of a Roman numeral up to 3999; None when not one."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total, prev = 0, 0
    for ch in reversed(label):
        v = values.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    canonical = to_roman(total)
    return total if canonical == label else None


def to_roman(n: int) -> str:
    """Roman numeral of ``n`` (1–399)."""
    out = []
    for value, sym in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def doc_type_heading(text: str) -> tuple[str, str] | None:
    """``(document_type, rest)`` when an upper-case line opens with a document-type word."""
    if not is_upper(text):
        return None
    key = fold(text).rstrip(" :.")
    found = _opening_type_word(key, _type_words())
    if found is None and bare(key[:1]) in _bare_initials():  # without the marks (OCR: NGHỊ QUYET)
        found = _opening_type_word(bare(text).rstrip(" :."), _bare_type_words())
    if found is None:
        return None
    word, dtype, whole = found
    return dtype, "" if whole else text.strip()[len(word) :].strip()


TypeWords = tuple[tuple[str, str, str], ...]  # (word, its key, document type)


def _opening_type_word(key: str, words: TypeWords) -> tuple[str, str, bool] | None:
    """``(word, document type, whether the key is the word alone)`` of the first type word that
    opens ``key`` as a whole word."""
    for word, w, dtype in words:
        if key.startswith(w) and (len(key) == len(w) or key[len(w)] == " "):
            return word, dtype, len(key) == len(w)
    return None


@cache
def _type_words() -> TypeWords:
    return tuple((word, fold(word), dtype) for word, dtype in cues()["document_types"].items())


@cache
def folded_type_words() -> tuple[str, ...]:
    """The document-type words (``QUYẾT ĐỊNH`` …) folded, as a type heading is compared."""
    return tuple(w for _, w, _ in _type_words())


@cache
def _bare_type_words() -> TypeWords:
    return tuple((word, bare(word), dtype) for word, dtype in cues()["document_types"].items())


@cache
def _bare_initials() -> frozenset[str]:
    """The first letters of the type words without marks: a heading whose first letter, without its
    marks, is none of them holds no type word (and is not stripped of its marks to be compared)."""
    return frozenset(w[:1] for _, w, _ in _bare_type_words())


def bare(text: str) -> str:
    """``fold`` without any diacritic (``TỔNG CỤC`` → ``TONG CUC``): how a word reads after an OCR pass
    that lost its marks, for comparing names only where a near miss is harmless."""
    decomposed = unicodedata.normalize("NFD", fold(text)).replace("Đ", "D").replace("Ð", "D")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def starts_with_cue(text: str, name: str) -> str | None:
    """The first word of the cue list ``name`` (data/structure.yaml) that ``text`` opens with, as a
    whole word, compared upper-cased."""
    key = fold(text)
    for word, w in _folded_cue(name):
        if key.startswith(w) and (len(key) == len(w) or key[len(w)] in " ,"):
            return word
    return None


@cache
def _folded_cue(name: str) -> tuple[tuple[str, str], ...]:
    """``(word, fold(word))`` for each word of a cue list, folded once."""
    return tuple((w, fold(w)) for w in cues()[name])


def basis_kind(text: str) -> str | None:
    """legal_bases kind when the line opens a preamble item (``Căn cứ`` → can_cu, …)."""
    pattern, kinds = _basis_opening()
    m = pattern.match(text)
    return kinds[m[0]] if m else None


@cache
def _basis_opening() -> tuple[re.Pattern[str], dict[str, str]]:
    """One anchored alternation of the basis words, in the data's order, each a whole word."""
    words = cues()["basis_words"]
    alternation = "|".join(re.escape(word) for word, _ in words)
    return re.compile(rf"(?:{alternation})(?![^\W\d_])"), {word: kind for word, kind in words}


def is_enacting_word(text: str) -> bool:
    """``QUYẾT ĐỊNH:``, ``QUYẾT NGHỊ:`` … (the colon optional)."""
    key = fold(text).rstrip(" :").strip()
    return key in _enacting_keys() or bare(key) in _enacting_keys()  # the latter: OCR lost the marks


@cache
def _enacting_keys() -> frozenset[str]:
    words = cues()["enacting_words"]
    return frozenset({*(fold(w) for w in words), *(bare(w) for w in words)})


def is_enacting_sentence(text: str) -> bool:
    """``Chính phủ ban hành Nghị định quy định …``: the enacting formula of a normative text."""
    return bool(_ENACT_SENTENCE.search(text)) and len(text) < 600 and text.rstrip().endswith((".", ":"))


def shape(line: str) -> Shape:
    """Classify one line on its own (see the module docstring)."""
    text, cells = strip_markup(line)
    return shape_clean(text, cells)


# The characters each anchored pattern can open with (a line that opens otherwise is not tried
# against it: most lines are sentences and pass every test below untouched). Kept in step with the
# patterns by tests/test_shapes_dispatch.py, which matches each on lines opening with other characters.
_DIGITS = "0123456789"
FIRST_CHARS: dict[str, frozenset[str]] = {
    "RULE": frozenset("-_=*.…–—~|:"),
    "PAGE": frozenset("-–TPS" + _DIGITS),
    "PASSED": frozenset("LBP"),
    "NUMBER": frozenset("LSN:"),
    "ARTICLE": frozenset("ĐA"),
    "PART": frozenset("P"),
    "CHAPTER": frozenset("CK"),
    "TIEU_MUC": frozenset("T"),
    "MUC": frozenset("MS"),
    "FOOTNOTE": frozenset("["),
    "NOTE": frozenset("("),
    "APPENDIX": frozenset("PAV"),
    "RECIPIENTS": frozenset("NRM"),
    "ADDRESSEE": frozenset("KT"),  # Kính gửi; To, Til
    "SUBJECT": frozenset("VvRS"),  # V/v; Re, Regarding, Subject, Vedr.
    "ROMAN": frozenset("IVXLC"),
    "POINT": frozenset("abcdefghijklmnopqrstuvwxyzđ"),
    "DASH": frozenset("-–—•·∙◦▪●○■□➢➤►✓+~"),
}
_CONTAINERS = (("PART", _PART), ("CHAPTER", _CHAPTER), ("TIEU_MUC", _TIEU_MUC), ("MUC", _MUC))


# Every motto name ends in NAM (VIỆT NAM, VIET NAM, the OCR forms of MOTTO_NAME_START too); every
# slogan opens with ĐỘC LẬP, INDEPENDENCE or UAVHENGIGHET. A line holding none of them in lower case
# (nor a dot below, which an NFD ``độc`` holds) is not folded and searched. Literal tests on the
# lower-cased line: cheaper than any case-blind pattern, which the regex engine tries at every character.
def _may_hold_motto(text: str) -> bool:
    low = text.lower()
    return (
        "nam" in low
        or "độc" in low
        or "independence" in low
        or "uavhengighet" in low
        or "ŉam" in low
        or "\u0323" in low
    )


def is_motto(text: str) -> bool:
    """The national motto's name or slogan stands in ``text`` (in capitals, or OCR's broken form of the
    name at its start), in Vietnamese, English or Norwegian."""
    return _may_hold_motto(text) and bool(
        _MOTTO_UPPER.search(fold(text)) or MOTTO_NAME_START.match(text)  # the latter: letters OCR lost
    )


_ADMITS: dict[str, frozenset[str]] = {}


def _admitted(first: str) -> frozenset[str]:
    """The kinds of ``FIRST_CHARS`` whose patterns can open with ``first``, and ``BASIS`` where a basis
    word can (found once per character)."""
    kinds = _ADMITS.get(first)
    if kinds is None:
        opened = {kind for kind, chars in FIRST_CHARS.items() if first in chars}
        if first in _basis_initials():
            opened.add("BASIS")
        kinds = _ADMITS[first] = frozenset(opened)
    return kinds


@cache
def _basis_initials() -> frozenset[str]:
    return frozenset(word[:1] for word, _ in cues()["basis_words"])


def shape_clean(text: str, cells: tuple[str, ...] = ()) -> Shape:
    """Classify a clean reading (markup already read apart, as in a clean-view piece)."""
    if not text:
        return Shape("BLANK", "")
    first = text[0]
    admits = _admitted(first)
    if ("RULE" in admits or first.isspace()) and (_RULE.match(text) or _TABLE_RULE.match(text)):
        return Shape("RULE", text)
    if cells:
        return Shape("PIPE", text, cells=cells)
    digit = first.isdecimal()  # ``\d`` is any decimal digit
    if digit or "PAGE" in admits:
        m = _PAGE.match(text)
        if m:  # a page number a PDF copy left on its own line (a table's lone TT label is read by tables.py)
            return Shape("PAGE", text, m.group(1) or m.group(2))
    if "PASSED" in admits and _PASSED.match(text):
        return Shape(
            "PASSED", text
        )  # the closing clause of a law: "Luật này đã được Quốc hội … thông qua ngày …"
    if "BASIS" in admits and basis_kind(text):
        return Shape("BASIS", text, body=text)
    if is_motto(text):
        return Shape("MOTTO", text)
    if "NUMBER" in admits:
        m = _NUMBER.match(text)
        if m:
            return Shape("NUMBER", text, body=(m.group(1) or m.group(2) or m.group(3) or "").strip())
        m = _PARTY_NUMBER.match(text)
        if m:
            return Shape("NUMBER", text, body=(m.group(1) + m.group(2)).strip())
    if "ARTICLE" in admits:
        m = _ARTICLE.match(text)
        if m:
            return Shape("ARTICLE", text, m.group(1), (m.group(2) or m.group(3) or "").strip())
    for kind, pattern in _CONTAINERS:
        if kind in admits:
            m = pattern.match(text)
            if m:
                return Shape(kind, text, m.group(1), m.group(2).strip())
    if first == "[":
        m = _FOOTNOTE.match(text)
        if m:
            return Shape("FOOTNOTE", text, m.group(1), m.group(2).strip())
    if first == "(" and _NOTE.match(text):
        return Shape("NOTE", text)
    if "APPENDIX" in admits:
        m = _APPENDIX.match(text)
        if m and (is_upper(text) or (m.group(1) and not m.group(2))):
            return Shape("APPENDIX", text, m.group(1), m.group(2).strip())
    if "RECIPIENTS" in admits:
        m = _RECIPIENTS.match(text)
        if m:
            return Shape("RECIPIENTS", text, body=(m.group(1) or m.group(2) or "").strip())
    if "ADDRESSEE" in admits:
        m = _ADDRESSEE.match(text)
        if m:
            return Shape("ADDRESSEE", text, body=(m.group(1) or m.group(2) or "").strip())
    if "SUBJECT" in admits:
        m = _SUBJECT.match(text)
        if m:
            return Shape("SUBJECT", text, body=(m.group(1) or m.group(2) or "").strip())
    signing = sign_prefix(text)
    if signing:
        return Shape("SIGN", text, *signing)
    if "ROMAN" in admits:
        m = _ROMAN.match(text)
        if m and (value := roman_value(m.group(1))) and value <= 60:
            return Shape("ROMAN", text, m.group(1), m.group(2).strip())
    if digit:
        if _NUM_SUB.match(text):
            return Shape("NUM", text, text.strip())
        m = _NUM_SPACE.match(text) or _NUM.match(text)
        if m:
            return Shape("NUM", text, m.group(1), m.group(2).strip())
    if "POINT" in admits:
        m = _POINT.match(text)
        if m:
            label = m.group(1) or m.group(3)
            if label[0] in POINT_LETTERS or m.group(1):  # f), j) … are still points (validate flags them)
                return Shape("POINT", text, label, (m.group(2) if m.group(1) else m.group(4)).strip())
    if "DASH" in admits:
        m = _DASH.match(text)
        if m and not _RULE.match(text):
            return Shape("DASH", text, "+" if m.group(1) == "+" else "-", m.group(2).strip())
    if len(text) < 120 and find_place_date(text):
        return Shape("PLACE_DATE", text)
    if is_signature_note(text):
        return Shape("SIGN_NOTE", text)
    if is_upper(text):
        return Shape("UPPER", text)
    if ((len(text) <= 40 and _NAME.match(text)) or (len(text) <= 60 and _RANKED_NAME.match(text))) and not (
        is_position(text)
    ):
        return Shape("NAME", text)
    return Shape("TEXT", text)
