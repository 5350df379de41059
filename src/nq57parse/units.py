"""The unit, the record between segment (stage 4) and parse (stage 5): one token for the grammar.

A unit is a head piece of the clean view and the pieces that continue it (a sentence wrapped over
lines, the next piece of a split line), with its ``kind`` (a terminal of the grammar), ``label`` and
``body``. Every later stage reads units; only the segmenter makes them.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right

from .cleanview import PLAIN, Piece

_CLOSED_ENDINGS = (".", ";", ":", "!", "?", "./.", ".”", '."')


class Unit:
    """One token for the grammar: a head piece and the pieces that continue it.

    ``text`` and ``body`` are the pieces' clean texts joined with single spaces; they are joined once,
    on first read, so a sentence wrapped over n lines costs O(n), not O(n²). ``start``/``end`` are the
    unit's span in the normalised text, ``line``/``end_line`` its first and last line.

    Memory: a unit is made for every line of the text and lives until the document is built, so it has
    slots instead of a ``__dict__``, and a unit of one piece (most of them) holds its text and body as
    they are; the lists of a wrapped unit's pieces, texts and offsets are made when a second piece
    joins it (``pieces`` is a list made on each read). A head piece read as written (no markup, no
    cells) whose text is the unit's is not kept either: its line, span and text are the unit's, and it
    is made again when asked for, so the clean view's pieces can go once the units are made.
    """

    __slots__ = (
        "_body",
        "_head",
        "_text",
        "_wrap",
        "cells",
        "end",
        "end_line",
        "kind",
        "label",
        "line",
        "raw",
        "start",
    )

    def __init__(self, kind: str, piece: Piece, text: str, label: str | None = None, body: str = "") -> None:
        self.kind = kind
        self.line = piece.line
        self.label = label
        self.end_line: int | None = None
        self.start = piece.start
        self.end = piece.end
        self.cells: tuple[str, ...] = ()
        # the head piece, or None when it is the unit's own line, span and text (made again on demand)
        self._head: Piece | None = (
            None if piece.text is text and piece.anchors is PLAIN and not piece.cells else piece
        )
        self.raw: str | None = None
        self._text = text  # the head piece's text and body
        self._body = body
        self._wrap: _Wrap | None = None  # the pieces that joined it

    @classmethod
    def of(cls, kind: str, line: int, text: str, label: str | None = None, body: str = "") -> Unit:
        """A unit made by hand (tools and tests): one piece holding ``text`` on line ``line``."""
        return cls(kind, Piece(line, 0, len(text), text, PLAIN), text, label, body)

    def __repr__(self) -> str:
        return f"Unit({self.kind!r}, {self.line}, {self.text[:40]!r}, label={self.label!r})"

    @property
    def text(self) -> str:
        return self._join()[0]

    @property
    def body(self) -> str:
        return self._join()[1]

    @property
    def last_text(self) -> str:
        """The text of the last piece (the head's when the unit has one piece)."""
        return self._wrap.texts[-1] if self._wrap is not None else self._text

    @property
    def pieces(self) -> list[Piece]:
        """The head piece and the pieces that joined it, in order."""
        return [self._first()] if self._wrap is None else [self._first(), *self._wrap.pieces]

    def _piece(self, k: int) -> Piece:
        return self._first() if k == 0 or self._wrap is None else self._wrap.pieces[k - 1]

    def _first(self) -> Piece:
        """The head piece (made again when not kept: the unit's line, span and text, as written)."""
        if self._head is not None:
            return self._head
        return Piece(self.line, self.start, self.end, self._text, PLAIN)

    @property
    def lines(self) -> list[int]:
        return sorted({self.line, *(p.line for p in (self._wrap.pieces if self._wrap is not None else ()))})

    def _join(self) -> tuple[str, str]:
        wrap = self._wrap
        if wrap is None:  # one piece: nothing to join or keep
            return self._text.strip(), self._body.strip()
        if wrap.joined is None:
            more = wrap.texts
            body = [self._body, *more] if self._body else more
            wrap.joined = (" ".join([self._text, *more]).strip(), " ".join(body).strip())
        return wrap.joined

    def extend(self, piece: Piece, text: str) -> None:
        """Join a continuation piece (a hard-wrapped line, or the next piece of a split line)."""
        last = self.last_text
        if self._head is None:  # made while the unit's span is still the head piece's
            self._head = self._first()
        wrap = self._wrap
        if wrap is None:
            wrap = self._wrap = _Wrap()
        wrap.starts.append(wrap.starts[-1] + len(last) + 1)
        wrap.texts.append(text)
        wrap.joined = None
        wrap.pieces.append(piece)
        self.end = piece.end
        if piece.line > self.line:
            self.end_line = piece.line

    def _piece_at(self, offset: int) -> int:
        return 0 if self._wrap is None else max(bisect_right(self._wrap.starts, offset) - 1, 0)

    def line_span(self, start: int, end: int) -> tuple[int, int]:
        """The first and last line holding ``text[start:end]``."""
        first = self._piece_at(start)
        last = self._piece_at(max(end - 1, start))
        return self._piece(first).line, self._piece(last).line

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the normalised text of ``text[start:end]``."""
        first = self._piece_at(start)
        last = self._piece_at(max(end - 1, start))
        starts = self._wrap.starts if self._wrap is not None else (0,)
        head = self._piece(first).offset(start - starts[first])
        tail = self._piece(last).offset(max(end - 1, start) - starts[last]) + 1
        return head, max(tail, head + 1)

    @property
    def is_open(self) -> bool:
        """The text stops mid-sentence (no closing punctuation), so the next line may continue it."""
        # the last pieces decide, as many as hold three characters (a closing like "./."): never a join
        # of all the pieces ('và' alone on 50,000 lines)
        last = ""
        for text in itertools.chain(
            reversed(self._wrap.texts if self._wrap is not None else ()), (self._text,)
        ):
            last = f"{text} {last}" if last else text.rstrip()
            if len(last) >= 3:
                break
        return not last.endswith(_CLOSED_ENDINGS)


class _Wrap:
    """What a unit holds once a second piece joins it (most units never have one: memory)."""

    __slots__ = ("joined", "pieces", "starts", "texts")

    def __init__(self) -> None:
        self.pieces: list[Piece] = []  # the pieces that joined the head, in order
        self.texts: list[str] = []  # their texts
        self.starts: list[int] = [0]  # offset in the unit's text where each piece's text starts
        self.joined: tuple[str, str] | None = None  # text and body, joined on first read
