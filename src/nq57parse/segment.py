"""Stage 4, segment: clean-view pieces → units, the tokens of the structure grammar.

In: the ``Piece`` list of the clean view (stage 3). Each piece gets its shape (``shapes.shape_clean``)
and the site furniture is marked (``furniture.find_furniture``).
Out: ``list[Unit]`` in text order. A unit is one piece plus the hard-wrapped pieces that continue it,
with ``kind`` = a terminal of ``grammars/document.lark`` (``H_NUMBER``, ``BASIS``, ``ARTICLE``,
``CLAUSE``, ``OUTLINE``, ``RECIPIENT``, ``APPX_LINE`` …). Every piece is in exactly one unit.

Why a pre-pass: the grammar should only see explicit structure (the lesson of bluebell and Indigo).
Whether ``QUYẾT ĐỊNH`` is the type heading or the enacting word, whether ``BỘ TRƯỞNG`` is the authority
line or a signing title, whether a line continues the previous sentence: these depend on context (the
zone a line stands in, its neighbours, its capitals), which is cheap to decide here in one forward pass
and awkward in a grammar. Zones come in a fixed order: lead (website boilerplate) → header → preamble →
body → closing (``Nơi nhận``, signature) → annexes (attached texts, ``PHỤ LỤC``) → footnotes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .appendix_titles import is_appendix_title, is_attachment_note, is_list_title
from .cleanview import Piece, split_piece
from .furniture import Furniture, find_furniture
from .issuers import is_issuer_name
from .segment_header import read_header
from .shapes import (
    MOTTO,
    NAME_WORDS,
    Shape,
    basis_kind,
    cues,
    doc_type_heading,
    find_place_date,
    fold,
    is_enacting_sentence,
    is_enacting_word,
    is_position,
    is_upper,
    shape_clean,
    starts_with_cue,
)
from .tables import column_key
from .units import Unit

HEADER_SCAN = 80  # non-blank lines searched for the header's anchor (motto, Số:, place and date)


def _continues(text: str) -> bool:
    """A line that can only go on a sentence: it opens in lower case, with a digit (``2030 (có …)``
    after ``giai đoạn 2025 -``) or with a closing bracket or punctuation."""
    first = text[:1]
    return first.islower() or first.isdigit() or first in ")]}”,;.:"


def _wrapped_motto(first: Shape, texts: list[str]) -> bool:
    return first.kind == "UPPER" and bool(MOTTO.match(" ".join(texts)))


def _wrapped_place_date(first: Shape, texts: list[str]) -> bool:
    if first.kind not in ("TEXT", "NAME", "UPPER") or len(texts[0]) > 60:  # never a V/v subject's end
        return False
    joined = " ".join(texts)
    found = find_place_date(joined)
    return (
        found is not None
        and found.start == 0
        and found.start + len(found.text) > len(joined) - len(texts[-1])
    )


_CODE = re.compile(r"^[:.]?\s*[\dA-ZĐ][\w.&/ -]{0,60}$")


def _wrapped_number(first: Shape, texts: list[str]) -> bool:
    """``Số:`` with its number on the next piece, or a number cut after a hyphen or slash."""
    if first.kind != "NUMBER" or len(texts) != 2:
        return False
    body = first.body.rstrip()
    return (
        (not body or body.endswith(("-", "/")))
        and bool(_CODE.match(texts[1]))
        and any(ch.isdigit() or ch.isupper() for ch in texts[1][:3])
    )


_NAME_AFTER_ITEM = re.compile(rf"[;.]\s+({NAME_WORDS})$")


def _wrapped_type_heading(first: Shape, texts: list[str]) -> bool:
    """A type heading wrapped after its first word (``THÔNG`` / ``TƯ``, ``NGHỊ`` / ``ĐỊNH``)."""
    if first.kind != "UPPER" or " " in texts[0].strip() or len(texts) != 2 or not is_upper(texts[1]):
        return False
    found = doc_type_heading(" ".join(texts))
    return found is not None and not found[1]


# Header elements a copy wraps over pieces, in order: (unit kind, rule over the pieces' texts).
WRAPPED_RULES: tuple[tuple[str, Callable[[Shape, list[str]], bool]], ...] = (
    ("H_MOTTO", _wrapped_motto),
    ("H_NUMBER", _wrapped_number),
    ("H_PLACE_DATE", _wrapped_place_date),
    ("H_DOC_TYPE", _wrapped_type_heading),
)


def authority_start(text: str, issuers: list[str]) -> int | None:
    """Where an authority merged at the end of a title begins, or None: the issuer's name (or its
    last level) ending the line, with an authority word right before it, or an authority word
    followed by at most eight words."""
    key = fold(text).rstrip(" :.")
    best: int | None = None
    for issuer in issuers:
        name = fold(issuer).strip(" -")
        for level in {name, *_levels(name)}:
            if len(level) > 4 and key.endswith(" " + level):
                start = len(key) - len(level)
                best = start if best is None else min(best, start)
    words = [fold(w) for w in cues()["authority_words"]]
    for word in sorted(words, key=len, reverse=True):
        at = key.rfind(" " + word + " ")
        if at > 0 and len(key[at:].split()) <= 10 and (best is None or at + 1 < best):
            best = at + 1 if best is None or at + 1 + len(word) + 1 >= best else best
    if best is None or best < 12:
        return None
    return best


def _levels(name: str) -> list[str]:
    return [
        name[m.start() :] for m in re.finditer(r"(?<= )(?:TỔNG CỤC|CỤC|SỞ|TRƯỜNG|VIỆN|VĂN PHÒNG)\b", name)
    ]


_BARE_ARTICLE = re.compile(r"(?:Điều|ĐIỀU)\s+\d+[a-zđ]?\s+(?![.:])\S")
# Where a sentence stops before a cross reference's ``Điều N``: a clause or point named, or a word that
# needs what follows.
_REFERENCE_TAIL = re.compile(
    r"(?:\b(?:khoản|điểm|mục|tiết)\s+(?:\d+[a-zđ]?|[a-zđ])|\b(?:tại|theo|của|và|hoặc|quy định)|,)\s*$",
    re.IGNORECASE,
)
_CUT_WORDS = (
    *("số", "của", "và", "ngày", "tại", "theo", "về", "với", "các", "những", "cho", "được", "năm"),
    *("thuộc", "trong", "từ", "đến", "bởi", "hoặc", "là", "đối", "trực"),
)


def _cut_short(unit: Unit) -> bool:
    """The unit stops where no sentence can: after a hyphen or slash inside a code (``134/2016/NĐ-``)
    or after a word that needs what follows (``số``, ``của``, ``ngày`` …), so the next line goes on
    with it even when it opens with a capital (``CP ngày 1/9/2016``, ``Chính phủ``)."""
    last = unit.last_text.rstrip()
    return last.endswith(("-", "/")) or last.rsplit(" ", 1)[-1] in _CUT_WORDS


def segment(pieces: Sequence[Piece], furniture: Furniture | None = None) -> list[Unit]:
    """Split the document's clean-view pieces into units (see the module docstring); ``furniture``:
    the site's pieces, found here when not given."""
    shapes = [shape_clean(p.text, p.cells) for p in pieces]
    return Segmenter(shapes, pieces, furniture if furniture is not None else find_furniture(pieces)).run()


class Segmenter:
    """One forward pass over the shapes with a zone state; ``run`` returns the units."""

    def __init__(
        self, shapes: Sequence[Shape], pieces: Sequence[Piece], furniture: Furniture | None = None
    ) -> None:
        self.shapes = shapes
        self.pieces = pieces
        self.furniture = furniture or Furniture()
        skip = self.furniture.indexes
        self.nonblank = [i for i, s in enumerate(shapes) if s.kind != "BLANK" and i not in skip]
        self.units: list[Unit] = []
        self.addressed = False  # the header holds ``Kính gửi``: a letter, whose ``Căn cứ`` are body text

    # -- helpers -------------------------------------------------------------------------------
    def emit(self, kind: str, i: int, label: str | None = None, body: str | None = None) -> Unit:
        s = self.shapes[i]
        unit = Unit(
            kind,
            self.pieces[i],
            s.text,
            label if label is not None else s.label,
            s.body if body is None else body,
        )
        unit.cells = s.cells
        self.units.append(unit)
        return unit

    def next_nonblank(self, pos: int, k: int = 1) -> int | None:
        """Index (into shapes) of the k-th non-blank line after non-blank position ``pos``."""
        j = pos + k
        return self.nonblank[j] if j < len(self.nonblank) else None

    def shape_at(self, i: int | None) -> Shape | None:
        return self.shapes[i] if i is not None else None

    # -- zone boundaries -----------------------------------------------------------------------
    def header_start(self) -> int | None:
        """Non-blank position where the header begins, or None when the text has no header."""
        anchors = ("MOTTO", "NUMBER", "PLACE_DATE")
        scan = self.nonblank[:HEADER_SCAN]
        first = next((p for p, i in enumerate(scan) if self.shapes[i].kind in anchors), None)
        if first is None:
            return self.type_heading_start(scan[:5])
        # At most six lines of names above the anchor (an issuer and a motto's name, each wrapped over
        # up to three lines); rules and bars are free.
        start, named = first, 0
        while start > 0 and named < 6:
            prev = self.shapes[self.nonblank[start - 1]]
            ornament = len(prev.text) <= 3 and not any(c.isalnum() for c in prev.text)
            if prev.kind in ("RULE", "MOTTO", "PIPE") or ornament:
                start -= 1
            elif (prev.kind == "UPPER" and len(prev.text) <= 90) or is_issuer_name(prev.text):
                start, named = start - 1, named + 1
            else:
                break
        return start

    def type_heading_start(self, scan: Sequence[int]) -> int | None:
        """A header with no anchor (a standalone plan): an upper-case type heading among the first
        lines, with no structure before it (so a chapter heading ``QUY ĐỊNH CỤ THỂ`` never counts)."""
        for p, i in enumerate(scan):
            s = self.shapes[i]
            if s.kind == "UPPER" and doc_type_heading(s.text):
                return p
            if s.kind not in ("UPPER", "TEXT", "RULE", "PAGE"):
                return None
        return None

    def footnotes_start(self) -> int:
        """Non-blank position of the first footnote in the trailing run of ``[n] …`` lines."""
        pos = len(self.nonblank)
        start = pos
        while pos > 0:
            s = self.shapes[self.nonblank[pos - 1]]
            if s.kind == "FOOTNOTE":
                start = pos - 1
            elif s.kind not in ("TEXT", "NAME", "UPPER", "NUM", "DASH", "PAGE"):
                break
            pos -= 1
        return start

    def is_closing_start(self, pos: int) -> bool:
        """``Nơi nhận``, a signing prefix, or a signing title followed closely by a name."""
        s = self.shapes[self.nonblank[pos]]
        if s.kind in ("RECIPIENTS", "SIGN", "PASSED"):
            return True
        if s.kind == "UPPER" and len(s.text) <= 60 and starts_with_cue(s.text, "authority_words"):
            for k in (1, 2, 3):
                nxt = self.shape_at(self.next_nonblank(pos, k))
                if nxt is None:
                    return False
                if nxt.kind == "NAME":
                    return True
                if nxt.kind not in ("UPPER", "SIGN_NOTE", "SIGN"):
                    return False
        return False

    def is_annex_start(self, pos: int, after_closing: bool) -> bool:
        """``PHỤ LỤC``, or an upper-case title of an attached text (with its ``(Kèm theo …)`` note
        within three lines unless it directly follows the signature)."""
        s = self.shapes[self.nonblank[pos]]
        if self.is_appendix_start(pos, after_closing):
            return True
        if s.kind != "UPPER":
            return False
        titled = starts_with_cue(s.text, "attachment_titles") or doc_type_heading(s.text)
        if not titled:
            return False
        if after_closing:
            return True
        return any(
            (nxt := self.shape_at(self.next_nonblank(pos, k))) is not None and nxt.kind == "NOTE"
            for k in (1, 2, 3)
        )

    def is_appendix_start(self, pos: int, after_closing: bool) -> bool:
        """An appendix begins: ``PHỤ LỤC``/``Phụ lục I``/``### Appendix 5`` (``is_appendix_title``);
        after the signature also a ``DANH SÁCH …``/``DANH MỤC …`` list title, a title whose next line
        is a ``(Kèm theo …)`` note without being an attached text's title, or such a note alone."""
        i = self.nonblank[pos]
        s = self.shapes[i]
        text = self.pieces[i].text
        if (s.kind == "APPENDIX" and is_upper(s.text)) or is_appendix_title(text):
            return True
        if not after_closing:
            return False
        if is_list_title(text) or (s.kind == "NOTE" and is_attachment_note(text)):
            return True
        nxt = self.shape_at(self.next_nonblank(pos))
        structured = any(
            (later := self.shape_at(self.next_nonblank(pos, k))) is not None
            and later.kind in ("ARTICLE", "CHAPTER", "PART", "MUC")
            for k in (2, 3, 4)
        )
        return (
            s.kind == "UPPER"
            and nxt is not None
            and nxt.kind == "NOTE"
            and not structured  # an attached text with articles of its own
            and not starts_with_cue(s.text, "attachment_titles")
            and not doc_type_heading(s.text)
        )

    # -- the pass ------------------------------------------------------------------------------
    def run(self) -> list[Unit]:
        if not self.nonblank:
            return []
        notes = self.footnotes_start()
        head = self.header_start()
        pos = 0
        if head is not None:
            for p in range(head):
                self.emit("JUNK", self.nonblank[p])
            pos = self.header(head)
            if not self.addressed:
                pos = self.preamble(pos)
        closing = self.find_closing(pos, notes)
        end_body = closing if closing is not None else self.first_annex(pos, notes, after_closing=False)
        self.body(pos, end_body)
        pos = end_body
        if closing is not None:
            pos = self.closing(pos, notes)
        pos = self.annexes(pos, notes)
        self.footnotes(pos)
        if self.furniture.indexes:  # site furniture, passed over above, in its place among the units
            for i in sorted(self.furniture.indexes):
                self.emit("BOILERPLATE", i)
        self.units.sort(key=lambda u: u.start)
        return self.units

    def find_closing(self, pos: int, notes: int) -> int | None:
        for p in range(pos, notes):
            if self.is_closing_start(p):
                return p
            if (
                self.is_annex_start(p, after_closing=False)
                and self.shapes[self.nonblank[p]].kind == "APPENDIX"
            ):
                return None
        return None

    def first_annex(self, pos: int, notes: int, after_closing: bool) -> int:
        for p in range(pos, notes):
            if self.is_annex_start(p, after_closing):
                return p
        return notes

    # -- header --------------------------------------------------------------------------------
    def header(self, pos: int) -> int:
        """Issuer block, motto, ``Số:``, place and date, type heading, title, authority, ``Kính gửi``:
        the rules of ``segment_header.HEADER_RULES``, in order."""
        return read_header(self, pos)

    def is_authority(self, pos: int, s: Shape) -> bool:
        """An upper-case line opening with a title word, right before the preamble or enacting word."""
        if not starts_with_cue(s.text, "authority_words"):
            return False
        for k in (1, 2):  # the authority may run over two lines (HĐND … / KHÓA XIV, KỲ HỌP THỨ HAI)
            nxt = self.shape_at(self.next_nonblank(pos, k))
            if nxt is None:
                return False
            if nxt.kind == "BASIS" or (nxt.kind == "UPPER" and is_enacting_word(nxt.text)):
                return True
            if nxt.kind != "UPPER":
                return False
        return False

    def emit_piece(self, kind: str, piece: Piece) -> Unit:
        """A unit of a piece the segmenter cut itself (see ``authority_tail``)."""
        s = shape_clean(piece.text)
        unit = Unit(kind, piece, s.text, s.label, s.body)
        self.units.append(unit)
        return unit

    def wrapped_element(self, pos: int) -> tuple[str, int] | None:
        """A header element that a copy wrapped over two or three pieces (``CỘNG HÒA XÃ`` / ``HỘI CHỦ
        NGHĨA VIỆT NAM``; ``Hà Nội ngày 01`` / ``tháng 12 năm 2025``; ``Số:`` / ``388/NQ-CP``): the
        unit kind and how many pieces it takes, the first rule of ``WRAPPED_RULES`` that fits."""
        first = self.shapes[self.nonblank[pos]]
        for kind, rule in WRAPPED_RULES:
            texts = [first.text]
            for k in (1, 2):
                nxt = self.shape_at(self.next_nonblank(pos, k))
                if nxt is None or nxt.kind in ("BASIS", "ARTICLE", "MOTTO"):
                    break
                texts.append(nxt.text)
                if rule(first, texts):
                    return kind, len(texts)
        return None

    def authority_tail(self, pos: int, s: Shape) -> int | None:
        """Where the authority begins on an upper-case title line merged with it, right before the
        preamble (``… CÁC CHẾ ĐỘ LIÊN QUAN BỘ TRƯỞNG BỘ Y TẾ``): an authority word (data:
        ``authority_words``) or the issuer's name among the line's last words."""
        if s.kind not in ("UPPER", "TEXT") or len(s.text) < 20 or starts_with_cue(s.text, "authority_words"):
            return None  # a line that is all authority is read as one (``is_authority``)
        nxt = self.shape_at(self.next_nonblank(pos))
        if nxt is None or not (nxt.kind == "BASIS" or (nxt.kind == "UPPER" and is_enacting_word(nxt.text))):
            return None
        issuers = [u.text for u in self.units if u.kind == "H_ISSUER"]
        return authority_start(s.text, issuers)

    # -- preamble ------------------------------------------------------------------------------
    def preamble(self, pos: int) -> int:
        """``Căn cứ …;`` items (each with its wrapped lines) and the enacting word or sentence."""
        current: Unit | None = None
        while pos < len(self.nonblank):
            i = self.nonblank[pos]
            s = self.shapes[i]
            if s.kind == "PAGE":
                self.emit("PAGE", i)
            elif s.kind == "BASIS":
                current = self.emit("BASIS", i, label=basis_kind(s.text), body=s.text)
            elif (kind := self.wrapped_basis(pos)) is not None:  # "Căn" / "cứ Luật …": a copy wrapped it
                current = self.emit("BASIS", i, label=kind, body=s.text)
            elif s.kind == "DASH" and (kind := basis_kind(s.body)):  # "- Căn cứ …;" (a Party document's)
                current = self.emit("BASIS", i, label=kind, body=s.body)
            elif s.kind == "UPPER" and is_enacting_word(s.text):
                self.emit("ENACT", i)
                return pos + 1
            elif (
                current is not None and current.is_open and s.kind in ("TEXT", "NAME", "UPPER", "PLACE_DATE")
            ):
                current.extend(self.pieces[i], s.text)
            elif current is not None and s.kind == "TEXT" and (count := self.enacting_lines(pos)):
                unit = self.emit("ENACT", i)
                for k in range(1, count):  # the sentence a copy wrapped: "Bộ trưởng Bộ …" / "ban hành …"
                    j = self.nonblank[pos + k]
                    unit.extend(self.pieces[j], self.shapes[j].text)
                return pos + count
            else:
                return pos
            pos += 1
        return pos

    def enacting_lines(self, pos: int) -> int:
        """How many lines from ``pos`` hold the enacting sentence (``Bộ trưởng … ban hành Thông tư …``),
        wrapped over at most four; 0 when they hold none."""
        texts: list[str] = []
        for k in range(4):
            s = self.shape_at(self.next_nonblank(pos, k)) if k else self.shapes[self.nonblank[pos]]
            if s is None or (k and s.kind not in ("TEXT", "NAME")):
                return 0
            texts.append(s.text)
            if s.text.rstrip().endswith((".", ":")):
                return k + 1 if is_enacting_sentence(" ".join(texts)) else 0
        return 0

    def wrapped_basis(self, pos: int) -> str | None:
        """The kind of basis whose cue a copy wrapped after its first word (``Căn`` / ``cứ Luật …``,
        ``Theo`` / ``đề nghị của …``): a line of one short word that opens a basis with the next line."""
        text = self.shapes[self.nonblank[pos]].text
        nxt = self.shape_at(self.next_nonblank(pos))
        if nxt is None or len(text) > 12 or " " in text.strip() or nxt.kind in ("BASIS", "BLANK"):
            return None
        return basis_kind(f"{text.strip()} {nxt.text}")

    # -- body ----------------------------------------------------------------------------------
    def body(self, start: int, end: int) -> None:
        """Articles and their containers, or an outline of headings (plans, news)."""
        articles = any(
            self.shapes[self.nonblank[p]].kind == "ARTICLE" and not self.is_cross_reference(p)
            for p in range(start, end)
        )
        if articles:
            self.article_units(start, end)
        else:
            self.outline_units(start, end)

    def is_cross_reference(self, pos: int) -> bool:
        """An ``Điều N`` without its full stop at a line start that goes on with the line before, which
        stopped at a reference word (``… quy định tại khoản 6`` / ``Điều 9 Nghị định này:``): a wrapped
        cross reference, not an article."""
        if pos == 0 or not _BARE_ARTICLE.match(self.shapes[self.nonblank[pos]].text):
            return False
        return bool(_REFERENCE_TAIL.search(self.shapes[self.nonblank[pos - 1]].text))

    def article_units(self, start: int, end: int) -> None:
        last: Unit | None = None
        expect_heading = False
        for p in range(start, end):
            i = self.nonblank[p]
            s = self.shapes[i]
            kind = s.kind
            if expect_heading and kind in ("UPPER", "TEXT", "NAME") and s.text[:1].isupper():
                last = self.emit("CHEADING", i)
                expect_heading = False
                continue
            expect_heading = False
            if kind == "PAGE":
                self.emit("PAGE", i)  # the sentence before a page break may go on after it
            elif kind == "UPPER" and last is not None and last.kind == "CHEADING" and is_upper(last.text):
                last.extend(self.pieces[i], s.text)  # a heading in capitals wrapped: "QUY" / "ĐỊNH CHUNG"
            elif kind == "ARTICLE" and last is not None and self.is_cross_reference(p):
                last.extend(self.pieces[i], s.text)  # "… tại khoản 6 / Điều 9 Nghị định này:"
            elif kind == "ARTICLE":
                last = self.emit("ARTICLE", i)
            elif kind in ("PART", "CHAPTER", "MUC", "TIEU_MUC"):
                last = self.emit(kind, i)
                expect_heading = not s.body
            elif kind == "NUM":
                last = self.emit("CLAUSE", i)
            elif kind == "POINT":
                last = self.emit("POINT", i)
            elif kind == "DASH":
                last = self.emit("ITEM", i)
            elif (
                last is not None
                and last.is_open
                and kind in ("TEXT", "NAME")
                and (_continues(s.text) or _cut_short(last))
            ):
                last.extend(self.pieces[i], s.text)
            else:
                last = self.emit("PARA", i, label="", body=s.text)

    def outline_units(self, start: int, end: int) -> None:
        last: Unit | None = None
        heading: Unit | None = None  # the last unit, when it is a section heading in capitals (I. MỤC TIÊU)
        for p in range(start, end):
            i = self.nonblank[p]
            s = self.shapes[i]
            if s.kind == "PAGE":
                self.emit("PAGE", i)
            elif (
                s.kind == "UPPER" and heading is not None and last is heading and not last.text.endswith(".")
            ):
                last.extend(
                    self.pieces[i], s.text
                )  # a heading in capitals wrapped: "I. MỤC ĐÍCH," / "YÊU CẦU"
            elif s.kind in ("ROMAN", "NUM", "POINT", "DASH"):
                last = self.emit("OUTLINE", i)
                heading = last if s.kind == "ROMAN" and is_upper(s.body) else None
            elif (
                last is not None
                and last.is_open
                and s.kind in ("TEXT", "NAME")
                and (_continues(s.text) or _cut_short(last))
            ) or (last is not None and s.kind == "ARTICLE" and self.is_cross_reference(p)):
                last.extend(self.pieces[i], s.text)
            else:
                last = self.emit("OUTLINE", i, label="", body=s.text)

    # -- closing -------------------------------------------------------------------------------
    def closing(self, pos: int, notes: int) -> int:
        """``Nơi nhận:`` with its recipients, and the signature block, in either order."""
        in_recipients = signed = listed = False  # listed: a Nơi nhận head seen
        while pos < notes:
            i = self.nonblank[pos]
            s = self.shapes[i]
            kind = s.kind
            if kind == "PAGE":
                self.emit("PAGE", i)
            elif kind == "RULE" or (kind == "TEXT" and not any(c.isalnum() for c in s.text)):
                self.emit("SKIP", i)  # a table rule or a stray bracket between closing blocks: markup
            elif kind == "RECIPIENTS":
                self.emit("RECIPIENTS_HEAD", i)
                in_recipients = listed = True
            elif kind == "PASSED":
                self.emit("PASSED", i)
            elif kind == "SIGN" or kind == "SIGN_NOTE":
                self.emit("SIGN", i)
                in_recipients = False
            elif kind == "NAME" and not in_recipients:
                self.emit("SIGNER", i)
                signed = True
            elif kind == "TEXT" and not signed and self.units[-1].kind == "SIGN" and is_position(s.text):
                self.emit("SIGN", i)  # a translation's title in title case: ``Vice Rector``
            elif kind == "UPPER" and not (
                (signed or in_recipients) and self.is_annex_start(pos, after_closing=True)
            ):
                if in_recipients and not starts_with_cue(s.text, "authority_words"):
                    self.emit("RECIPIENT", i)
                else:
                    self.emit("SIGN", i)
                    in_recipients = False
            elif in_recipients and kind not in ("APPENDIX", "FOOTNOTE") and not is_appendix_title(s.text):
                self.emit("RECIPIENT", i)
            elif kind == "DASH" and listed and not signed:
                # two columns read across: the list goes on after a signing line (``Nơi nhận: TM. …``)
                self.emit("RECIPIENT", i)
                in_recipients = True
            else:
                break
            pos += 1
        if not signed:
            self.name_after_recipient()
        return pos

    def name_after_recipient(self) -> None:
        """Two columns read across (``Nơi nhận`` | signature): the signer's name stands at the end of a
        recipient line (``- Ủy ban TW Mặt trận Tổ quốc Việt Nam; Trần Thanh Mẫn``)."""
        for k in range(len(self.units) - 1, max(-1, len(self.units) - 40), -1):
            unit = self.units[k]
            if unit.kind != "RECIPIENT" or len(unit.pieces) != 1:
                continue
            m = _NAME_AFTER_ITEM.search(unit.text)
            if m:
                head, tail = split_piece(unit.pieces[0], m.start(1))
                self.units[k] = Unit("RECIPIENT", head, head.text, unit.label, shape_clean(head.text).body)
                self.emit_piece("SIGNER", tail)
                return

    # -- annexes -------------------------------------------------------------------------------
    def annexes(self, pos: int, notes: int) -> int:
        """Attached texts and ``PHỤ LỤC`` blocks, each with title, heading and ``(Kèm theo …)`` note."""
        first = True
        while pos < notes:
            i = self.nonblank[pos]
            s = self.shapes[i]
            if not self.is_annex_start(pos, after_closing=first):
                self.emit("STRAY", i)
                pos += 1
                continue
            appendix = self.is_appendix_start(pos, after_closing=first)
            first = False
            self.emit("APPX_TITLE" if appendix else "ATT_TITLE", i)
            pos += 1
            heading: Unit | None = None
            while pos < notes and s.kind != "NOTE":
                j = self.nonblank[pos]
                t = self.shapes[j]
                if appendix and column_key(t.text) is not None:
                    break  # a table's column title (TT, STT), not the appendix's heading
                if t.kind == "NOTE":
                    self.emit("APPX_NOTE" if appendix else "ATT_NOTE", j)
                    pos += 1
                    break
                if t.kind == "UPPER":
                    if heading is None:
                        heading = self.emit("APPX_HEADING" if appendix else "ATT_HEADING", j)
                    else:
                        heading.extend(self.pieces[j], t.text)
                    pos += 1
                    continue
                break
            end = pos
            while end < notes and not self.is_annex_start(end, after_closing=False):
                end += 1
            if appendix:
                for p in range(pos, end):
                    self.emit("APPX_LINE", self.nonblank[p])
            else:
                self.body(pos, end)
            pos = end
        return pos

    def footnotes(self, pos: int) -> None:
        """``[1] …`` notes at the end, each with its wrapped lines."""
        last: Unit | None = None
        for p in range(pos, len(self.nonblank)):
            i = self.nonblank[p]
            s = self.shapes[i]
            if s.kind == "PAGE":
                self.emit("PAGE", i)
            elif s.kind == "FOOTNOTE" or last is None:
                last = self.emit("FOOTNOTE", i)
            else:
                last.extend(self.pieces[i], s.text)
