"""Build, the preamble: each ``Căn cứ`` / ``Thực hiện`` / ``Theo đề nghị`` unit → legal bases.

In: a basis unit (which may hold several documents separated by ``;`` and end with the enacting
clause). Out: ``LegalBasis`` nodes, one per document named, each owning its span; an enacting clause
at the end becomes a block.
"""

from __future__ import annotations

import re
from functools import cache

from .models import Block, LegalBasis, maker
from .shapes import basis_kind, cues, is_enacting_sentence
from .units import Unit


def split_basis(u: Unit, blocks: list[Block]) -> list[LegalBasis]:
    """One legal basis per document: a sentence listing several, separated by ``;``, is split; an item
    naming no document (``ý kiến thảo luận của đại biểu …``) stays with the item before it; a final
    enacting clause (``…; Ủy ban nhân dân … ban hành Kế hoạch … với các nội dung sau:``, or after a
    comma: ``…, Ban Thường vụ … xây dựng Kế hoạch thực hiện như sau:``) becomes a block."""
    kind = u.label or basis_kind(u.text) or "can_cu"
    pieces = _split_enacting_tail(_without_lead(_split_top_level(u.text), _lead(u)))
    items: list[list] = []  # [kind, start offset, end offset]: an item and the pieces that join it
    enacting: tuple[int, int] | None = None
    for k, (offset, piece) in enumerate(pieces):
        if k == len(pieces) - 1 and k > 0 and (_is_enacting_piece(piece) or _is_enacting_clause(piece)):
            enacting = (offset, offset + len(piece))
        elif items and basis_kind(piece) is None and not _names_document(piece):
            items[-1][2] = offset + len(piece)
        else:
            kind = basis_kind(piece) or kind
            items.append([kind, offset, offset + len(piece)])
    spans = _partition(u, [(start, stop) for _, start, stop in items] + ([enacting] if enacting else []))
    out = []
    for (kind, start, stop), (first, last) in zip(items, spans, strict=False):
        line, end = u.line_span(start, stop)
        out.append(
            maker(LegalBasis)(
                kind=kind,
                text=u.text[start:stop],
                line=line,
                end_line=end if end != line else None,
                start=first,
                end=last,
            )
        )
    if enacting is not None:
        line, end = u.line_span(*enacting)
        blocks.append(
            maker(Block)(
                kind="enacting",
                text=u.text[enacting[0] : enacting[1]],
                line=line,
                end_line=end if end != line else None,
                start=spans[-1][0],
                end=spans[-1][1],
            )
        )
    return out


def _lead(u: Unit) -> int:
    """How many characters open the unit's text before its body: the bullet of an item the segmenter
    read as ``- Căn cứ …;`` (a Party document's preamble), whose span keeps it and whose text does not."""
    text, body = u.text, u.body
    return len(text) - len(body) if body and text.endswith(body) else 0


def _without_lead(pieces: list[tuple[int, str]], lead: int) -> list[tuple[int, str]]:
    if not lead or not pieces:
        return pieces
    offset, piece = pieces[0]
    return [(offset + lead, piece[lead:]), *pieces[1:]]


def _partition(u: Unit, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in the normalised text of consecutive pieces of ``u.text``, made to cover the unit's
    whole span between them: the separators and markup between two pieces go with the first."""
    spans = [u.char_span(a, b) for a, b in pieces]
    out = []
    for k, (start, _) in enumerate(spans):
        head = u.start if k == 0 else start
        tail = spans[k + 1][0] if k + 1 < len(spans) else u.end
        out.append((head, tail))
    return out


def _is_enacting_piece(piece: str) -> bool:
    return is_enacting_sentence(piece) or (" ban hành " in piece and piece.rstrip().endswith(":"))


def _names_document(piece: str) -> bool:
    """The item names a document: a type word (``Tờ trình``, ``Luật`` …) or a number (``95/TTr-UBND``)."""
    return bool(_document_words().search(piece) or _DOC_NUMBER.search(piece))


_DOC_NUMBER = re.compile(r"\d+\s*[/-]\s*[\dA-ZĐ]")


@cache
def _document_words() -> re.Pattern[str]:
    words = sorted(cues()["document_words"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def _split_enacting_tail(pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Split ``<last item>, <Subject> xây dựng Kế hoạch … như sau:`` into the item and the clause."""
    if not pieces:
        return pieces
    offset, piece = pieces[-1]
    if not piece.endswith(":") or _is_enacting_clause(piece):
        return pieces
    for i in reversed(_top_level(piece, ",")):
        tail = piece[i + 2 :]
        if tail[:1].isupper() and _is_enacting_clause(tail):
            return [*pieces[:-1], (offset, piece[:i]), (offset + i + 2, tail)]
    return pieces


def _is_enacting_clause(text: str) -> bool:
    """A clause whose subject enacts this text: an enacting verb, a closing colon, no document first."""
    if not text.rstrip().endswith(":") or basis_kind(text) or _document_words().match(text):
        return False
    folded = f" {text.casefold()} "
    return any(f" {verb} " in folded for verb in cues()["enacting_verbs"])


def _top_level(text: str, mark: str) -> list[int]:
    """Where ``mark`` (``;`` or ``,``) stands outside brackets and quotes, followed by a space or the end."""
    found: list[int] = []
    depth, quoted = 0, False
    for m in _marks(mark).finditer(text):  # the characters the walk acts on, the others skipped
        i, ch = m.start(), m.group()
        if ch in "(“[":
            depth += 1
        elif ch in ")”]":
            depth = max(0, depth - 1)
        elif ch == '"':
            quoted = not quoted
        elif ch == mark and depth == 0 and not quoted and text[i + 1 : i + 2] in (" ", ""):
            found.append(i)
    return found


@cache
def _marks(mark: str) -> re.Pattern[str]:
    """A bracket, a closing bracket, a quote or ``mark``: what ``_top_level`` acts on."""
    return re.compile(f'[(“\\[)”\\]"{re.escape(mark)}]')


def _split_top_level(text: str) -> list[tuple[int, str]]:
    """Split at ``;`` outside brackets and quotes; each piece keeps its ``;``. Returns (offset, piece)."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for i in _top_level(text, ";"):
        pieces.append((start, text[start : i + 1]))
        start = i + 1
    pieces.append((start, text[start:]))
    out = []
    for offset, piece in pieces:
        stripped = piece.strip()
        if stripped:
            out.append((offset + (len(piece) - len(piece.lstrip())), stripped))
    if len(out) > 1 and any(len(p) < 8 for _, p in out):
        return [(0, text.strip())]
    return out
