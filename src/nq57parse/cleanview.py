"""Stage 3, clean view: normalised text → pieces, the units of reading.

In: ``NormalisedText``.
Out: ``list[Piece]`` in text order. A piece is a span ``[start, end)`` of the normalised text — a
whole line, or the part of a line where a structural element begins, or a structure word and its
number that a copy wrapped onto two lines (``join_wrapped_labels``) — with ``text``, its clean
reading: Markdown and pandoc emphasis (``**…**``, ``*…*``), escapes (``\\-``, ``12\\.``), ``#``
heading marks, HTML remnants (``<div class=…>``, ``<u>``, ``<br>``) and table bars are read as markup
and left out of ``text``, never deleted from the source: ``Piece.offset`` maps every character of
``text`` back to its offset in the normalised text.

Guarantees (tested): the pieces of a line are disjoint and in order; every non-blank character of the
normalised text lies in a piece, except markup standing alone between pieces or on a line of its own
(a bare ``|`` line of a page dump, a ``**`` left by a wrapped emphasis), which coverage reports as
``unparsed`` with the reason ``markup``.

Why: real copies merge lines. A crawler joins the header (``Hà Nội, ngày 05 tháng 3 năm 2020 NGHỊ
QUYẾT …``), ends a preamble clause with the enacting word (``…, QUYẾT ĐỊNH:``), puts a signature block
on one line (``KT. BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn``) and a page dump puts the header into table
cells. The split rules (``SPLIT_RULES``, in order) cut a line where such an element begins, so the
segmenter meets one element per piece, as in a clean copy. A rule finds places in the clean text of
one line or cell; the rules that need the line's neighbours live in the segmenter.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from .datafiles import data_file
from .normalise import NormalisedText
from .pipe_rows import cell_spans
from .shapes import (
    MOTTO_ARTICLES,
    MOTTO_NAME_START,
    NAME_WORDS,
    RECIPIENTS_WORDS,
    SIGN_PREFIXES,
    UPPER,
    cues,
    find_place_date,
    fold,
    folded_type_words,
    is_upper,
    sign_prefix,
)


@dataclass(slots=True)
class Piece:
    """A span of the normalised text and its clean reading.

    ``anchors`` holds ``(clean offset, text offset)`` where a run of kept characters begins, the text
    offset counted from ``start``; a piece with no markup has one anchor, ``(0, 0)``, and holds the
    one shared tuple ``PLAIN`` (memory: a piece is made for nearly every line). ``cells`` are the
    cells of a table row kept whole.

    Never changed once made (``split_piece`` and ``dataclasses.replace`` make new ones). Not declared
    frozen: a frozen dataclass sets each field through ``object.__setattr__``, which made building
    the pieces of a copy five times dearer.
    """

    line: int
    start: int
    end: int
    text: str
    anchors: tuple[tuple[int, int], ...]
    cells: tuple[str, ...] = ()

    def offset(self, i: int) -> int:
        """Offset in the normalised text of character ``i`` of ``text`` (``len(text)``: the end)."""
        if i >= len(self.text):
            return self.end if not self.text else self.offset(len(self.text) - 1) + 1
        anchors = self.anchors
        if anchors is PLAIN:
            return self.start + i
        k = bisect_right(anchors, (i, 1 << 62)) - 1
        clean, raw = anchors[max(k, 0)]
        return self.start + raw + (i - clean)


Anchors = tuple[tuple[int, int], ...]

# The anchors of every piece whose clean text is its span's text from its start on (most pieces).
PLAIN: Anchors = ((0, 0),)


def _shifted(anchors: Anchors, by: int) -> Anchors:
    """``anchors`` with ``by`` taken from each text offset; ``PLAIN`` when that is what they are."""
    if len(anchors) == 1 and anchors[0] == (0, by):
        return PLAIN
    return tuple((c, r - by) for c, r in anchors)


def _piece(
    line: int, start: int, end: int, text: str, anchors: Anchors, cells: tuple[str, ...] = ()
) -> Piece:
    """A piece from anchors in offsets of the normalised text (a ``Part``'s)."""
    return Piece(line, start, end, text, _shifted(anchors, start), cells)


def _moved(piece: Piece, start: int, end: int) -> Piece:
    """``piece`` with a new span (its text the same), its anchors re-based to the new start."""
    anchors = piece.anchors if start == piece.start else _shifted(piece.anchors, start - piece.start)
    return Piece(piece.line, start, end, piece.text, anchors, piece.cells)


# -- markup ------------------------------------------------------------------------------------------

# Markup tokens inside a line, read and left out of the clean text. Ordered: comments and tags before
# emphasis, so ``<b>**x**</b>`` loses both.
_MARKUP = re.compile(
    r"<!--.*?-->"  # an HTML comment on one line
    r"|</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>]{0,500})?/?>"  # an HTML tag: <div class=…>, <br/>, </u>
    r"|\\(?=[\\`*_{}\[\]()#+\-.!|<>~])"  # a Markdown escape: \- \. \* \|
    r"|\\(?=\s*$)"  # a pandoc hard line break at the end of a line
    r"|\*\*\*|\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"  # emphasis
)
_MARKUP_HINT = re.compile(r"[*_<\\]")
_HEADING = re.compile(r"#{1,6}(?=\s|$)")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\s|:+=-]*$")


Part = tuple[str, Anchors]  # clean text and anchors (offsets of the normalised text)


def clean(raw: str, lo: int, hi: int, base: int) -> Part:
    """The clean text of ``raw[lo:hi]`` (``base`` = offset of ``raw`` in the normalised text), trimmed.

    A ``<br>`` reads as one space (anchored at its ``<``); every other markup token reads as nothing.
    """
    kept: list[tuple[int, str]] = []  # (offset in raw, text kept there)
    pos = lo
    stripped = raw[lo:hi].lstrip()
    if stripped[:1] == "#":
        m = _HEADING.match(raw, hi - len(stripped), hi)
        if m:
            pos = m.end()
    if _MARKUP_HINT.search(raw, pos, hi):
        for m in _MARKUP.finditer(raw, pos, hi):
            if m.start() > pos:
                kept.append((pos, raw[pos : m.start()]))
            if _BREAK.fullmatch(m.group()):
                kept.append((m.start(), " "))
            pos = m.end()
    if pos < hi:
        kept.append((pos, raw[pos:hi]))
    text_parts: list[str] = []
    anchors: list[tuple[int, int]] = []
    length = 0
    for a, piece in kept:
        if not text_parts:  # trim the left
            stripped = piece.lstrip()
            if not stripped:
                continue
            a += len(piece) - len(stripped)
            piece = stripped
        anchors.append((length, base + a))
        text_parts.append(piece)
        length += len(piece)
    text = "".join(text_parts).rstrip()
    return text, tuple(anchors) if text else ()


def _join(parts: list[Part]) -> Part:
    """Parts joined with one space (the clean text of a table row kept whole)."""
    text: list[str] = []
    anchors: list[tuple[int, int]] = []
    length = 0
    for part_text, part_anchors in parts:
        if not part_text:
            continue
        if text:
            text.append(" ")
            length += 1
        anchors.extend((c + length, r) for c, r in part_anchors)
        text.append(part_text)
        length += len(part_text)
    return "".join(text), tuple(anchors)


# -- split rules ---------------------------------------------------------------------------------------
# Each rule: clean text of a line (or cell) → offsets where a new piece begins. A rule never splits
# inside a word; offsets 0 and len(text) are ignored.

_RULE_RUN = re.compile(r"(?:(?<=\s)|^)[-_=–—]{4,}(?=\s|$)")
# what a rule holds; written without a leading repeat, so that the engine skips to a dash at C speed
_RULE_HINT = re.compile(r"[-_=–—][-_=–—][-_=–—][-_=–—]")
_MOTTO_END = re.compile(r"H[ạa]nh\s+[Pp]h[úu]c|HẠNH\s+PHÚC|Happiness|HAPPINESS")
# (the patterns below stand after a white space: ``_after_space`` finds them so)
_NUMBER_START = re.compile(r"(?:Số|SỐ|No\.?)\s*:\s*\S|Số\s+\d{1,5}\s*-\s*[A-ZĐ]")
_ENACT_END = re.compile(r"(?<=[,;.:])\s+([A-ZĐ][A-ZĐÀ-Ỹ ]{3,30}?)\s*:?\s*$")
_ARTICLE_START = re.compile(
    r"(?:Điều|ĐIỀU|Article|ARTICLE)\s+\d{1,4}[a-zđ]?\s*(?:[.:](?=\s|$)|(?=\s+[A-ZĐÀ-Ỹ]))"
)
_CONTAINER_HEAD = re.compile(r"^(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Chapter|CHAPTER|Section)\s+\S+")
_RECIPIENTS_START = re.compile(rf"(?:{RECIPIENTS_WORDS})\s*:")
_SIGN_START = re.compile(rf"(?:{SIGN_PREFIXES})[.:]?\s+(?=[A-ZĐÀ-Ỹ]{{2}})")


def _after_space(pattern: re.Pattern[str], text: str, at_start: bool = False) -> Iterator[re.Match[str]]:
    r"""The matches of ``pattern`` that stand right after a white space (or at the text's start, with
    ``at_start``), left to right and not overlapping: what ``(?<=\s)`` before the pattern would find.
    The look-behind is checked here, not in the pattern: a pattern opening with its words is searched
    at C speed, one opening with a look-behind is tried at every character."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        at = m.start()
        if text[at - 1 : at].isspace() or (at == 0 and at_start):
            yield m
            pos = max(m.end(), at + 1)
        else:
            pos = at + 1


def _first_after_space(pattern: re.Pattern[str], text: str, at_start: bool = False) -> re.Match[str] | None:
    return next(_after_space(pattern, text, at_start), None)


_TRAILING_NAME = re.compile(rf"(?<=\s)(?:{NAME_WORDS})$")


def _after_date(text: str) -> list[int]:
    """A dateline merged with what follows or precedes it (``…, ngày 05 tháng 3 năm 2020 NGHỊ QUYẾT``)."""
    found = find_place_date(text)
    if found is None:
        return []
    cuts = []
    before = text[: found.start].rstrip()
    if before:
        if not _is_header_text(before):
            return []
        cuts.append(found.start)
    end = found.start + len(found.text)
    rest = text[end:].lstrip(" .,;")
    first = rest.split(" ", 1)[0]
    if rest and ((first.isupper() and len(first) > 1) or rest.startswith(("V/v", "v/v", "Kính gửi"))):
        cuts.append(len(text) - len(rest))
    return cuts


_CODE_END = re.compile(r"\d\s*/\s*[\w-]+$")


def _is_header_text(before: str) -> bool:
    """What may stand before a dateline on a merged header line: capitals, a number, a rule."""
    tail = before.rstrip(" |*-_")
    return not tail or is_upper(tail[-40:]) or bool(_CODE_END.search(tail) or _NUMBER_ALONE.match(tail))


# ``Số: <code>`` alone before a dateline, the code however an OCR pass garbled it (``Số:3Z#2H/TCT-CS``).
_NUMBER_ALONE = re.compile(r"^(?:Số|SỐ|No\.?)\s*:\s*\S{1,40}$")


def _rules(text: str) -> list[int]:
    """A rule merged with the issuer (``BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN -------``): the rule apart."""
    if len(text) < 6 or _RULE_HINT.search(text) is None:
        return []
    cuts: list[int] = []
    for m in _RULE_RUN.finditer(text):
        cuts.extend((m.start(), m.end()))
    return cuts


# The article a translation prints before the motto's name (shapes.MOTTO_ARTICLES), right before it.
_MOTTO_ARTICLE = re.compile(rf"(?:(?<=\s)|^)(?:{'|'.join(MOTTO_ARTICLES)})\s+$")


def _motto(text: str) -> list[int]:
    """The national motto or the Party's name after the issuer, or followed by the number or date."""
    if len(text) < 20:
        return []
    m = MOTTO_NAME_START.search(text)
    if m is None:
        return []
    article = _MOTTO_ARTICLE.search(text, 0, m.start())  # THE SOCIALIST REPUBLIC …: the motto's own word
    cuts = [article.start() if article else m.start()]
    end = _MOTTO_END.search(text, m.end())
    stop = end.end() if end else m.end()
    if end is None and text[stop:].lstrip()[:1].islower():  # "… VIỆT NAM Độc lập …" never splits here
        return cuts
    cuts.append(stop)
    return cuts


_SLOGAN_START = re.compile(r"(?:Độc\s+lập|ĐỘC\s+LẬP|Independence|INDEPENDENCE)\s*[-–—]")


def _slogan(text: str) -> list[int]:
    """The motto's slogan after the issuer's lower level in capitals (``TỔNG CỤC THUẾ Độc lập - Tự do -
    Hạnh phúc``: the header's two columns merged on the motto's second line)."""
    m = _first_after_space(_SLOGAN_START, text)
    if m is None or not is_upper(text[: m.start()].rstrip(" _|*")[-40:]):
        return []
    end = _MOTTO_END.search(text, m.end())
    return [m.start(), end.end()] if end else [m.start()]


def _number(text: str) -> list[int]:
    """``Số:`` after an issuer on one line (two header columns merged)."""
    m = _first_after_space(_NUMBER_START, text)
    if m is None or not _is_header_text(text[: m.start()]):
        return []
    before = fold(text[: m.start()]).rstrip()
    if before.endswith(folded_type_words()):  # "NGHỊ QUYẾT SỐ 57-NQ/TW" names a document
        return []
    return [m.start()]


def _title_end(text: str) -> list[int]:
    """A type heading and its title in capitals run on into the first sentence (``CHỈ THỊ VỀ CÔNG TÁC
    ĐO ĐẠC … TRONG CẢ NƯỚC Ngày 24 tháng 6 năm 1977 Hội đồng …``): cut where the capitals end, when
    a sentence of at least four words follows."""
    if _CAPITAL_WORDS.search(text) is None:  # a type word in capitals, then a word in capitals
        return []
    m = _first_after_space(_type_heading_start(), text, at_start=True)
    if m is None:
        return []
    words = list(_WORD.finditer(text, m.start()))
    for k, word in enumerate(words):
        if any(c.islower() for c in word.group()):
            return [word.start()] if k >= 2 and len(words) - k >= 4 else []
    return []


_WORD = re.compile(r"\S+")
# two words in capitals in a row (the end of one, the start of the next): every type word ends in two
# capitals (tested), so a line without this holds no type heading with its title
_CAPITAL_WORDS = re.compile(rf"[{UPPER}][{UPPER}]\s+[{UPPER}][{UPPER}]")


@cache
def _type_heading_start() -> re.Pattern[str]:
    """A type word in capitals followed by another word in capitals (at a word's start: the caller
    asks for it, ``_after_space``)."""
    words = sorted(cues()["document_types"], key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:{alternatives})\s+[{UPPER}]{{2,}}\b")


def _enacting(text: str) -> list[int]:
    """The enacting word at the end of a preamble clause: ``Xét đề nghị của …, QUYẾT ĐỊNH:``."""
    if not text.rstrip().endswith(":") and not text.rstrip().endswith(tuple(cues()["enacting_words"])):
        return []
    m = _ENACT_END.search(text)
    if m is None:
        return []
    words = fold(m.group(1)).strip()
    if words not in _enacting_set():
        return []
    return [m.start(1)]


@cache
def _enacting_set() -> frozenset[str]:
    return frozenset(fold(w) for w in cues()["enacting_words"])


def _article(text: str) -> list[int]:
    """``Điều N.`` after a sentence's end, a chapter heading or a crawler's title prefix."""
    if "iều" not in text and "IỀU" not in text and "rticle" not in text and "RTICLE" not in text:
        return []
    cuts = []
    for m in _ARTICLE_START.finditer(text):
        if m.start() == 0:
            continue
        before = text[: m.start()].rstrip()
        if before.endswith(":") and not is_upper(before[-30:]):
            continue  # "… như sau: Điều 5. …" quotes an article; "QUYẾT ĐỊNH: Điều 1." starts one
        if (before.endswith((".", ":", ";", "!", "?")) and not _ends_with_reference(before)) or (
            _CONTAINER_HEAD.match(before) and is_upper(before.split(None, 2)[-1])
        ):
            cuts.append(m.start())
    return cuts


_REFERENCE_END = re.compile(r"(?:khoản|điểm|Điều|Chương|Mục|số)\s+[\w.]{1,8}[.:]?$", re.IGNORECASE)


def _ends_with_reference(before: str) -> bool:
    return bool(_REFERENCE_END.search(before))


def _recipients(text: str) -> list[int]:
    m = _first_after_space(_RECIPIENTS_START, text)
    return [m.start()] if m else []


_SIGN_HEAD = re.compile(rf"^(?:{SIGN_PREFIXES})\.?\s+(?=[A-ZĐÀ-Ỹ]{{2}})")


def _signature(text: str) -> list[int]:
    """A signature block on one line: ``KT. BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn`` → prefix and
    organisation, title, name (and what follows the name); several blocks side by side start at each
    prefix; a block after a recipient (``- Lưu: VT, TXNK KT. TỔNG CỤC TRƯỞNG …``) starts at its prefix."""
    mid = [m.start() for m in _after_space(_SIGN_MID, text)]
    if not (_SIGN_HEAD.match(text) or _title_start(text) == 0 or mid):
        return []
    prefixes = sorted({*(m.start() for m in _after_space(_SIGN_START, text)), *mid})
    cuts = list(prefixes)
    first = prefixes[0] if prefixes and not _SIGN_HEAD.match(text) else 0
    starts = [first, *(p for p in prefixes if p > first)]
    for start, stop in zip(starts, [*starts[1:], len(text)], strict=False):
        name = _NAME_IN_BLOCK.search(text, start, stop)
        title_end = stop
        if name and is_upper(text[start : name.start()].rstrip()):
            cuts.extend((name.start(), name.end()))
            title_end = name.start()
        k = _title_start(text[start:title_end], skip_first=True)
        if k:
            cuts.append(start + k)
    return cuts


_SIGN_MID = re.compile(rf"(?:TM|KT|TL|TUQ)[.:]\s+(?=[{UPPER}]{{2,}}\s+[{UPPER}])")  # after a space
_NAME_IN_BLOCK = re.compile(
    rf"(?<=\s)(?:{NAME_WORDS})(?=\s*$|\s+\(|\s+[{UPPER}]{{2,}}[\s.]+[{UPPER}]{{2,}}|\s+(?:TM|KT|TL|TUQ)\.)"
)


@cache
def _titles_pattern() -> re.Pattern[str]:
    titles = sorted(cues()["signing_titles"], key=len, reverse=True)
    return re.compile(r"(?:^|(?<=\s))(?:" + "|".join(re.escape(t) for t in titles) + r")(?=\s|$)")


def _title_start(text: str, skip_first: bool = False) -> int | None:
    """Where a signing title (``THỨ TRƯỞNG``, ``PHÓ CHỦ TỊCH`` …) begins in ``text``: at 0 only when
    ``skip_first`` is off; with it, the first title after the prefix's organisation."""
    if not skip_first:
        return 0 if _titles_pattern().match(text) else None
    for m in _titles_pattern().finditer(text):
        if m.start() > 0:
            before = text[: m.start()].strip()
            prefix = sign_prefix(before)
            if prefix is not None and prefix[1]:
                return m.start()
    return None


_SIGNED_NOTE = re.compile(r"(?<=\S)\s+(\((?:Đã ký|đã ký|Signed|signed)[^()]{0,30}\))\s*$")
_ATTACHED_NOTE = re.compile(r"\((?:Ban hành )?[Kk]èm theo [^()]{5,300}\)")
_CONTAINER_START = re.compile(r"(?:Phần|PHẦN|Chương|CHƯƠNG)\s+(?:[IVXLC]{1,6}|\d{1,3}|thứ\s+\w+)\b")


def _signed_note(text: str) -> list[int]:
    """``Nguyễn Văn An (Đã ký)``: the name and the note apart."""
    if "ã ký" not in text and "igned" not in text:
        return []
    m = _SIGNED_NOTE.search(text)
    return [m.start(1)] if m else []


def _attached_note(text: str) -> list[int]:
    """An attached text's ``(Ban hành kèm theo …)`` note merged with its title or its first heading."""
    cuts = []
    for m in _ATTACHED_NOTE.finditer(text):
        if m.start() > 0 and is_upper(text[: m.start()].rstrip()[-40:]):
            cuts.append(m.start())
            if text[m.end() :].strip():
                cuts.append(m.end())
    return cuts


@cache
def _crawler_title() -> re.Pattern[str]:
    """A crawler's title line (data: furniture.yaml ``crawler_title``) that runs on into the issuer:
    ``Quyết định 3176/QĐ-BYT năm 2024. BỘ Y TẾ``."""
    row = next(r for r in data_file("furniture.yaml")["pieces"] if r["name"] == "crawler_title")
    head = row["pattern"].removesuffix(r"\.?\s*$")
    return re.compile(rf"^{head}\.\s+(?=[{UPPER}]{{2}})")


def _crawler_title_end(text: str) -> list[int]:
    """Where a crawler's title merged with the header ends."""
    m = _crawler_title().match(text)
    return [m.end()] if m else []


def _container(text: str) -> list[int]:
    """``Phần I`` or ``Chương II`` after a closing bracket or a sentence's end on the same line."""
    if "hần" not in text and "ương" not in text and "HẦN" not in text and "ƯƠNG" not in text:
        return []
    return [
        m.start()
        for m in _CONTAINER_START.finditer(text)
        if m.start() > 0 and text[: m.start()].rstrip().endswith((")", ".", ":"))
    ]


SplitRule = Callable[[str], list[int]]

# The split rules, in order; each names the element it cuts before (or around).
SPLIT_RULES: tuple[tuple[str, SplitRule], ...] = (
    ("crawler_title", _crawler_title_end),
    ("rule", _rules),
    ("motto", _motto),
    ("slogan", _slogan),
    ("number", _number),
    ("place_date", _after_date),
    ("title_end", _title_end),
    ("enacting_word", _enacting),
    ("article", _article),
    ("recipients", _recipients),
    ("signature", _signature),
    ("signed_note", _signed_note),
    ("attached_note", _attached_note),
    ("container", _container),
)


# What any rule needs to see in a line before it can cut it (one search instead of ten rules on the
# many lines that hold none of it); a dateline is looked for apart (``_may_hold_date``). Literals only,
# so that the regex engine skips ahead on their first letters; the two upper-case tests apart.
_HINT = re.compile(
    _RULE_HINT.pattern + r"|C[ỘOÔ0]NG|ĐẢNG|SOCIALIST|COMMUNIST|Độc\s+lập|ĐỘC\s+LẬP|Independence|INDEPENDENCE"
    r"|(?:Số|SỐ)\s*[:\d]|No\.?\s*:|(?:Điều|ĐIỀU|Article|ARTICLE)\s+\d|N[ơoƠO][iI]\s+[nN][hH]|Recipients|Mottakere"
    r"|(?:TM|KT|TL|TUQ|T/M|K/T|Q)[.:]?\s|\((?:Đã|đã|Signed|signed)|èm theo|(?:Phần|PHẦN|Chương|CHƯƠNG)\s+[IVXLC\dt]"
)


# A word every alternative of _HINT holds, as plain literals: the engine skips through a line for them
# about six times faster than through _HINT, which is tried only on a line holding one.
_HINT_WORDS = re.compile(
    "|".join(
        re.escape(w)
        for w in (
            *("--", "__", "==", "––", "——", "CỘNG", "CONG", "CÔNG", "C0NG", "ĐẢNG", "SOCIALIST", "COMMUNIST"),
            *("Độc", "ĐỘC", "Independence", "INDEPENDENCE", "Số", "SỐ", "No", "NO", "Nơ", "NƠ"),
            *("Điều", "ĐIỀU", "Article", "ARTICLE", "Recipients", "Mottakere"),
            *(
                "TM",
                "KT",
                "TL",
                "T/M",
                "K/T",
                "Q.",
                "Q ",
                "Q:",
                "(Đã",
                "(đã",
                "(Signed",
                "(signed",
                "èm theo",
            ),
            *("Phần", "PHẦN", "Chương", "CHƯƠNG"),
        )
    )
)


def _may_need_cut(text: str) -> bool:
    """A rule may cut this line: a hint word, two words in capitals first, or a word in capitals last."""
    if _holds_hint(text):
        return True
    if _crawler_title().match(text) is not None:
        return True
    # a lower-case letter among the first or the last two characters settles each test below at once
    if not (text[:1].islower() or text[1:2].islower()):
        words = text.split(maxsplit=2)
        if len(words) >= 2 and len(words[0]) >= 2 and words[0].isupper() and words[1].isupper():
            return True
    tail = text.rstrip(" :")
    if tail[-1:].islower() or tail[-2:-1].islower():
        return False
    last = tail.rpartition(" ")[2]
    return len(last) >= 4 and last.isupper()


def _holds_hint(text: str) -> bool:
    """``_HINT`` finds something in ``text``. Every match of ``_HINT`` but a run of dashes starts
    where one of ``_HINT_WORDS`` starts (``TUQ.``: at its ``Q.``), so it is tried anchored there only,
    instead of at every character; a run of dashes (``_HINT``'s first alternative, ``_RULE_HINT``) is
    looked for apart."""
    m = _HINT_WORDS.search(text)
    if m is None:
        return False
    if _RULE_HINT.search(text) is not None:
        return True
    while m is not None:
        if _HINT.match(text, m.start()) is not None:
            return True
        m = _HINT_WORDS.search(text, m.start() + 1)
    return False


def _may_hold_date(text: str) -> bool:
    return "gày" in text or "GÀY" in text or ("," in text and len(text) < 200)


def split_points(text: str) -> list[int]:
    """Every offset of ``text`` where a rule starts a new piece, sorted, without 0 and the end."""
    if not _may_need_cut(text):
        if not _may_hold_date(text):
            return []
        dated = _after_date(text)  # and a type heading with its title after the date (… 2024 QUYẾT ĐỊNH VỀ …)
        return sorted(c for c in {*dated, *(_title_end(text) if dated else ())} if 0 < c < len(text))
    cuts: set[int] = set()
    for _name, rule in SPLIT_RULES:
        cuts.update(rule(text))
    return sorted(c for c in cuts if 0 < c < len(text) and not text[c - 1 : c + 1].isalnum())


# -- table rows ----------------------------------------------------------------------------------------

_LAYOUT_START = re.compile(
    rf"(?:Số|SỐ|No\.?)\s*[:\d]|(?:{RECIPIENTS_WORDS}|Kính\s+gửi|Recipients\s*:|Mottakere\s*:)"
    r"|(?:TM|KT|TL|TUQ|T/M|K/T)\.?\s|(?-i:(?:FOR|ON\s+BEHALF\s+OF)\s+THE\s)"  # no Q: the pattern ignores case
    r"|CỘNG\s+H[ÒO]A\s+XÃ|ĐẢNG\s+CỘNG\s+SẢN|Độc\s+lập|SOCIALIST\s+REPUBLIC",
    re.IGNORECASE,
)


def _is_layout(cells: list[Part]) -> bool:
    """A table row that lays out the header or the closing (issuer | motto, number | date, ``Nơi nhận``
    | signature), not data: one of its cells opens with a header or closing cue, is a dateline or holds
    the motto's name in capitals near its start (``THE SOCIALIST REPUBLIC OF VIETNAM``, ``CỘNG HOÀ …``)."""
    for text, _ in cells:
        if _LAYOUT_START.match(text) or MOTTO_NAME_START.search(text, 0, 60):  # the motto's name, in capitals
            return True
        if len(text) < 90 and (found := find_place_date(text)) is not None and found.start == 0:
            return True
    return False


def _row_pieces(line: str, base: int, n: int, edged: bool) -> list[Piece] | None:
    """A pipe row: one piece holding its cells (a data row, read by the table stage), or, for a row
    that lays out the header or closing or holds one cell, each cell's own pieces. A row written
    without bars at its edges (``ISSUER | MOTTO``) is read as one only when it lays out the header or
    closing: None, and a site menu ``Trang chủ | Tin tức`` stays a line of text."""
    if edged and _SEPARATOR.match(line):  # |---|---| (a rule) or a bare | (markup only)
        stripped = line.strip()
        if "-" in stripped or "=" in stripped:
            lead = base + len(line) - len(line.lstrip())
            return [Piece(n, lead, lead + len(stripped), stripped, PLAIN)]
        return []
    spans = cell_spans(line)
    parts = [clean(line, a, b, base) for a, b in spans]
    filled = [p for p in parts if p[0]]
    layout = _is_layout(filled)
    if not edged and not layout:
        return None
    if not filled:
        return []
    if len(filled) == 1 or layout:
        return [piece for a, b in spans for piece in _broken_pieces(line, base, n, a, b)]
    text, anchors = _join(parts)
    return [_piece(n, anchors[0][1], anchors[0][1] + 1, text, anchors, tuple(t for t, _ in parts))]


# -- the view ------------------------------------------------------------------------------------------


def clean_view(norm: NormalisedText) -> list[Piece]:
    """The pieces of the whole text (see the module docstring)."""
    pieces: list[Piece] = []
    for n, (line, base) in enumerate(zip(norm.lines, norm.line_starts, strict=True), start=1):
        if line and not line.isspace():
            pieces.extend(line_pieces(line, base, n))
    return join_wrapped_labels(pieces)


# What follows a wrapped structure word on the next line: its number (``1.``, ``12a``, ``IV``).
_LABEL_NUMBER = re.compile(r"(?:[IVXLC]{1,7}|\d{1,4}[a-zđ]?)(?![\w/])")


def join_wrapped_labels(pieces: list[Piece]) -> list[Piece]:
    """A structure word alone on its line (data: ``wrapped_label_words``) and its number opening the
    next line, read as one piece (``Điều`` / ``1. Phạm vi …`` → ``Điều 1. Phạm vi …``): a copy wrapped
    at a fixed width printed them so. The joined piece spans both lines; its anchors map each part."""
    words = _wrapped_label_words()
    joins = [
        k
        for k in [k for k, piece in enumerate(pieces[:-1]) if piece.text in words]  # most texts: none
        if pieces[k + 1].line == pieces[k].line + 1
        and not pieces[k + 1].cells
        and _LABEL_NUMBER.match(pieces[k + 1].text)
    ]
    if not joins:
        return pieces
    out: list[Piece] = []
    last = 0
    for k in joins:
        if k < last:  # "Điều" / "Điều" / "1.": the second word joins, the first stays
            continue
        out.extend(pieces[last:k])
        out.append(_joined(pieces[k], pieces[k + 1]))
        last = k + 2
    out.extend(pieces[last:])
    return out


def _joined(first: Piece, second: Piece) -> Piece:
    """``first`` and ``second`` as one piece, their texts joined by a space."""
    shift, moved = len(first.text) + 1, second.start - first.start  # (anchors count from a piece's start)
    anchors = first.anchors + tuple((clean + shift, raw + moved) for clean, raw in second.anchors)
    return Piece(first.line, first.start, second.end, f"{first.text} {second.text}", anchors)


@cache
def _wrapped_label_words() -> frozenset[str]:
    return frozenset(cues()["wrapped_label_words"])


def line_pieces(line: str, base: int, n: int) -> list[Piece]:
    """The pieces of one line (``base``: its offset in the normalised text); together they cover the
    line from its first to its last non-blank character (markup between pieces goes with the piece
    before it)."""
    stripped = line.strip()
    # a line that starts with its text starts where the line does: the offset the lines' table holds
    # is kept rather than a new int of the same value (memory: one fewer object a line)
    first = base if line[:1] == stripped[:1] else base + len(line) - len(line.lstrip())
    edged = stripped[:1] == "|" or stripped[-1:] == "|"
    row = _row_pieces(line, base, n, edged) if edged or " | " in stripped else None
    if row is not None:
        found = row
    elif _MARKUP_CHARS.search(stripped) is None:  # most lines: the clean text is the line itself
        cuts = split_points(stripped)
        if not cuts:  # and most of them are one piece
            return [Piece(n, first, first + len(stripped), stripped, PLAIN)]
        found = list(_split((stripped, ((0, first),)), n, cuts))
    elif "<br" in line or "<BR" in line:
        found = list(_broken_pieces(line, base, n, 0, len(line)))
    else:
        found = list(_split(clean(line, 0, len(line), base), n))
    if not found:
        return found
    last = base + len(line.rstrip())
    if len(found) == 1:
        return [_moved(found[0], first, last)]
    out = []
    for k, piece in enumerate(found):
        start = first if k == 0 else piece.start
        if k + 1 < len(found):
            end = found[k + 1].start
            while end > start + 1 and line[end - base - 1].isspace():
                end -= 1
        else:
            end = last
        out.append(_moved(piece, start, end))
    return out


# What only markup holds (emphasis, tags, escapes, table bars, headings, entities): a line with none
# of it reads as itself.
_MARKUP_CHARS = re.compile(r"[*_<\\|#&]")


def _broken_pieces(line: str, base: int, n: int, lo: int, hi: int) -> Iterator[Piece]:
    """A line or cell holding ``<br>`` line breaks: each part its own line of text."""
    pos = lo
    for m in _BREAK.finditer(line, lo, hi):
        yield from _split(clean(line, pos, m.start(), base), n)
        pos = m.end()
    yield from _split(clean(line, pos, hi, base), n)


def _split(part: Part, n: int, cuts: list[int] | None = None) -> Iterator[Piece]:
    """The pieces of one clean part, cut where ``split_points`` says (``cuts``: those, when the caller
    has them already)."""
    text, anchors = part
    if not text:
        return
    whole = _piece(n, anchors[0][1], anchors[0][1] + 1, text, anchors)
    cuts = split_points(text) if cuts is None else cuts
    if not cuts:
        yield whole
        return
    bounds = [0, *cuts, len(text)]
    for a, b in itertools.pairwise(bounds):
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        chunk = chunk.strip()
        if not chunk:
            continue
        start = a + lead
        local = _sub_anchors(anchors, start, start + len(chunk))
        at = whole.offset(start)
        yield _piece(n, at, at + 1, chunk, local)


def _sub_anchors(anchors: Anchors, start: int, end: int) -> Anchors:
    """The anchors of ``text[start:end]``, re-based to its first character."""
    k = max(bisect_right(anchors, (start, 1 << 62)) - 1, 0)
    clean0, raw0 = anchors[k]
    out = [(0, raw0 + (start - clean0))]
    for c, r in anchors[k + 1 :]:
        if c >= end:
            break
        out.append((c - start, r))
    return tuple(out)


def split_piece(piece: Piece, at: int) -> tuple[Piece, Piece]:
    """Cut a piece at offset ``at`` of its text (both parts trimmed; the markup between goes first)."""
    head = piece.text[:at].rstrip()
    rest = piece.text[at:]
    lead = len(rest) - len(rest.lstrip())
    tail = rest.strip()
    cut = piece.offset(at + lead)
    first = Piece(piece.line, piece.start, cut, head, piece.anchors)
    local = _sub_anchors(piece.anchors, at + lead, len(piece.text))  # from the piece's start
    second = Piece(piece.line, cut, piece.end, tail, _shifted(local, cut - piece.start))
    return first, second
