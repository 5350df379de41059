"""The header's segmentation rules (part of stage 4, segment): one piece of the header → its unit.

In: the segmenter, the position of a piece in the header zone, its shape, and the header's state so
far (``HeaderState``: a type heading or ``V/v`` seen, a number or dateline seen, inside ``Kính gửi``,
the title unit still open). Out: the units emitted, and how many pieces the rule took; 0 ends the
header (the preamble or body begins).

The rules form an ordered table, ``HEADER_RULES``: the first rule that applies to a piece decides it,
so the order is the rule set (a wrapped element before its parts; an ornament before an issuer; an
enacting word ends the header before an upper-case line could be read as a title). Each rule is a
small function with one test row (tests/test_segment_header.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from .cleanview import Piece, split_piece
from .issuers import is_issuer_name, is_open_level
from .shapes import PLACE_DATE_START, Shape, cues, doc_type_heading, is_enacting_word, starts_with_cue
from .units import Unit


class Segmenter(Protocol):
    """What the header's rules use of the segmenter (segment.Segmenter)."""

    nonblank: list[int]
    shapes: Sequence[Shape]
    pieces: Sequence[Piece]
    units: list[Unit]
    addressed: bool

    def emit(self, kind: str, i: int, label: str | None = None, body: str | None = None) -> Unit: ...
    def emit_piece(self, kind: str, piece: Piece) -> Unit: ...
    def wrapped_element(self, pos: int) -> tuple[str, int] | None: ...
    def authority_tail(self, pos: int, s: Shape) -> int | None: ...
    def is_authority(self, pos: int, s: Shape) -> bool: ...
    def shape_at(self, i: int | None) -> Shape | None: ...
    def next_nonblank(self, pos: int, k: int = 1) -> int | None: ...


@dataclass
class HeaderState:
    """What the header has shown so far."""

    seen_type: bool = False  # a type heading (QUYẾT ĐỊNH) or a V/v subject
    seen_anchor: bool = False  # a number or a dateline
    in_addressees: bool = False  # after Kính gửi
    title: Unit | None = None  # the title (or subject) unit, while lines may still join it


# A rule: (segmenter, position, shape, state) → pieces taken, 0 to end the header, None: not this rule.
HeaderRule = Callable[["Segmenter", int, Shape, HeaderState], "int | None"]
STOP = 0


def wrapped_element(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """A motto, number, dateline or type heading a copy wrapped over two or three pieces: one unit."""
    wrapped = seg.wrapped_element(pos)
    if wrapped is None:
        return None
    element, count = wrapped
    if element == "H_DOC_TYPE":
        if st.seen_type:  # the type heading comes once; a second one is a title's words
            return None
        st.seen_type, st.title = True, None
    unit = seg.emit(element, seg.nonblank[pos])
    for k in range(1, count):
        j = seg.nonblank[pos + k]
        unit.extend(seg.pieces[j], seg.shapes[j].text)
    st.seen_anchor = st.seen_anchor or element in ("H_NUMBER", "H_PLACE_DATE")
    return count


def merged_authority(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """A type heading or title with the authority merged at its end (``… BỘ TRƯỞNG BỘ Y TẾ``): cut
    into the heading or title, and the authority."""
    if s.kind != "UPPER" and not st.seen_type:
        return None
    cut = seg.authority_tail(pos, s)
    if cut is None:
        return None
    head, tail = split_piece(seg.pieces[seg.nonblank[pos]], cut)
    if not st.seen_type and doc_type_heading(head.text):
        st.seen_type = True
        seg.emit_piece("H_DOC_TYPE", head)
    elif st.title is not None and seg.units[-1] is st.title:
        st.title.extend(head, head.text)
    else:
        seg.emit_piece("H_TITLE", head)
    seg.emit_piece("H_AUTHORITY", tail)
    st.title = None
    return 1


def ornament(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """A short mark with no letter or digit, such as the Party header's ``*``."""
    if s.kind != "TEXT" or len(s.text) > 3 or any(c.isalnum() for c in s.text):
        return None
    return _emit(seg, "H_RULE", pos)


def translated_issuer(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """A translation's issuer in title case (``People's Committee of Da Nang City``), before any anchor."""
    if st.seen_anchor or st.seen_type or s.kind not in ("TEXT", "NAME") or not is_issuer_name(s.text):
        return None
    return _emit(seg, "H_ISSUER", pos)


def issuer_goes_on(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """An upper-case line right after an issuer line that cannot end there (``BỘ`` / ``KẾ HOẠCH VÀ ĐẦU
    TƯ``, ``… CỦA`` / …), before any anchor or type heading: the issuer's, even when it opens with a
    type word."""
    if s.kind != "UPPER" or st.seen_anchor or st.seen_type or not seg.units:
        return None
    last = seg.units[-1]
    if last.kind != "H_ISSUER" or not is_open_level(last.text):
        return None
    return _emit(seg, "H_ISSUER", pos)


def motto_or_rule(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """The motto (or a layout row holding it), or a rule under a header block."""
    if s.kind not in ("MOTTO", "RULE", "PIPE"):
        return None
    return _emit(seg, "H_RULE" if s.kind == "RULE" else "H_MOTTO", pos)


def number(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """``Số: 2121/QĐ-BYT``."""
    if s.kind != "NUMBER":
        return None
    st.seen_anchor = True
    return _emit(seg, "H_NUMBER", pos)


def place_date(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """``Hà Nội, ngày 26 tháng 6 năm 2025``."""
    if s.kind != "PLACE_DATE":
        return None
    st.seen_anchor = True
    return _emit(seg, "H_PLACE_DATE", pos)


def split_place_date(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """A dateline cut before its month or year (``Hà Nội, ngày 25`` / ``tháng 11 năm 2025``)."""
    nxt = seg.shape_at(seg.next_nonblank(pos))
    if s.kind != "TEXT" or nxt is None or nxt.text[:3].lower() not in ("năm", "thá"):
        return None
    if not PLACE_DATE_START.search(s.text):
        return None
    unit = seg.emit("H_PLACE_DATE", seg.nonblank[pos])
    j = seg.nonblank[pos + 1]
    unit.extend(seg.pieces[j], seg.shapes[j].text)
    st.seen_anchor = True
    return 2


def subject(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """A letter's ``V/v …`` subject: its trích yếu, which later lines may continue."""
    if s.kind != "SUBJECT":
        return None
    st.title = seg.emit("H_SUBJECT", seg.nonblank[pos])
    st.seen_type = True
    return 1


def addressee_head(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """``Kính gửi:``: the text is a letter, whose ``Căn cứ`` sentences are body text."""
    if s.kind != "ADDRESSEE":
        return None
    st.in_addressees = seg.addressed = True
    return _emit(seg, "H_ADDRESSEE_HEAD", pos)


def addressee(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """``- Sở Y tế;`` under ``Kính gửi``."""
    if not st.in_addressees or s.kind != "DASH":
        return None
    return _emit(seg, "H_ADDRESSEE", pos)


def enacting_word(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """``QUYẾT ĐỊNH:`` after the type heading (or with its colon): the header ends here."""
    if s.kind != "UPPER" or not is_enacting_word(s.text):
        return None
    return STOP if st.seen_type or s.text.rstrip().endswith(":") else None


def type_heading(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """``QUYẾT ĐỊNH``, ``KẾ HOẠCH`` …: the document's type, once."""
    if s.kind != "UPPER" or st.seen_type or not doc_type_heading(s.text):
        return None
    st.seen_type = True
    st.title = None
    return _emit(seg, "H_DOC_TYPE", pos)


def authority(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """``BỘ TRƯỞNG BỘ Y TẾ`` right before the preamble or the enacting word."""
    if s.kind != "UPPER" or not seg.is_authority(pos, s):
        return None
    return _emit(seg, "H_AUTHORITY", pos)


def authority_goes_on(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """An upper-case line after the authority continues it (``… KHÓA XIV, KỲ HỌP THỨ HAI``)."""
    if s.kind != "UPPER" or not seg.units or seg.units[-1].kind != "H_AUTHORITY":
        return None
    seg.units[-1].extend(seg.pieces[seg.nonblank[pos]], s.text)
    return 1


def upper_title(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """An upper-case line after the type heading: the title, or its next line."""
    if s.kind != "UPPER" or not st.seen_type:
        return None
    if st.title is not None and st.title.kind == "H_TITLE" and seg.units[-1] is st.title:
        st.title.extend(seg.pieces[seg.nonblank[pos]], s.text)
    else:
        st.title = seg.emit("H_TITLE", seg.nonblank[pos])
    return 1


def upper_name(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """Any other upper-case line: the issuer before the number or dateline, a title after them."""
    if s.kind != "UPPER":
        return None
    return _emit(seg, "H_TITLE" if st.seen_anchor else "H_ISSUER", pos)


def title_text(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """A title in sentence case under the type heading (``Về việc …``, or the line right after it)."""
    if s.kind not in ("TEXT", "NAME") or not st.seen_type or st.title is not None:
        return None
    last = seg.units[-1]
    bare_heading = last.kind == "H_DOC_TYPE" and not (doc_type_heading(last.text) or ("", "x"))[1]
    if not (s.text.startswith(tuple(cues()["title_openers"])) or bare_heading):
        return None  # a heading that holds its title (CHỈ THỊ VỀ …) takes no sentence after it
    st.title = seg.emit("H_TITLE", seg.nonblank[pos])
    return 1


def title_goes_on(seg: Segmenter, pos: int, s: Shape, st: HeaderState) -> int | None:
    """A line right after an open title continues it (never across another unit): one in lower case,
    or one naming the document the title is about (``… thực hiện`` / ``Chỉ thị số 52-CT/TW …``)."""
    title = st.title
    if s.kind not in ("TEXT", "NAME") or title is None or not title.is_open or seg.units[-1] is not title:
        return None
    if not (s.text[:1].islower() or starts_with_cue(s.text, "document_words")):
        return None
    title.extend(seg.pieces[seg.nonblank[pos]], s.text)
    return 1


def _emit(seg: Segmenter, kind: str, pos: int) -> int:
    seg.emit(kind, seg.nonblank[pos])
    return 1


# The header's rules, in order: the first that applies to a piece decides it; none: the header ends.
HEADER_RULES: tuple[tuple[str, HeaderRule], ...] = (
    ("wrapped element", wrapped_element),
    ("merged authority", merged_authority),
    ("ornament", ornament),
    ("translated issuer", translated_issuer),
    ("issuer goes on", issuer_goes_on),
    ("motto or rule", motto_or_rule),
    ("number", number),
    ("place and date", place_date),
    ("split place and date", split_place_date),
    ("subject", subject),
    ("addressee head", addressee_head),
    ("addressee", addressee),
    ("enacting word", enacting_word),
    ("type heading", type_heading),
    ("authority", authority),
    ("authority goes on", authority_goes_on),
    ("upper-case title", upper_title),
    ("upper-case name", upper_name),
    ("title text", title_text),
    ("title goes on", title_goes_on),
)


def read_header(seg: Segmenter, pos: int) -> int:
    """Emit the header's units from ``pos`` on; the position where the header ends."""
    state = HeaderState()
    while pos < len(seg.nonblank):
        s = seg.shapes[seg.nonblank[pos]]
        taken = next((n for _name, rule in HEADER_RULES if (n := rule(seg, pos, s, state)) is not None), STOP)
        if taken == STOP:
            break
        pos += taken
    return pos
