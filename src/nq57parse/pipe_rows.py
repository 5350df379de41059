"""Pipe-table rows: where the cells of one Markdown pipe row lie, read the same way by every stage.

In: one line of text. Out: ``cell_spans`` gives the ``(start, end)`` offsets of each cell in the line
(the clean view maps them back to the text); ``split_row`` gives the cells' texts (the segmenter's
shapes and the table stage). One reading for all of them:

* a bar escaped as ``\\|`` is text inside its cell, never a boundary;
* the bars at the row's edges are dropped, and a row may be written with or without them
  (``| TT | Nội dung |`` and ``TT | Nội dung`` have the same two cells);
* in a cell's text, ``\\|`` reads as ``|`` and a ``<br>`` as a line break, each part stripped.

Whether a line is a table row at all (edge bars, a separator line under it, a layout row of the
header) is the caller's question; this module only cuts a row into cells.
"""

from __future__ import annotations

import re
from itertools import pairwise

_BAR = re.compile(r"(?<!\\)\|")  # a cell boundary: a bar not escaped
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def cell_spans(line: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each cell of ``line``, the edge bars' empty ends left out (not stripped)."""
    bars = [m.start() for m in _BAR.finditer(line)]
    edges = [-1, *bars, len(line)]
    spans = [(a + 1, b) for a, b in pairwise(edges)]
    stripped = line.strip()
    if stripped.startswith("|"):
        spans = spans[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|") and spans:
        spans = spans[:-1]
    return spans


def cell_text(raw: str) -> str:
    """A cell's text: ``\\|`` read as ``|``, each ``<br>`` a line break, every part stripped."""
    return "\n".join(part.strip() for part in _BREAK.split(raw.replace("\\|", "|").strip())).strip()


def split_row(line: str) -> list[str]:
    """The cells' texts of a pipe row (see the module docstring)."""
    return [cell_text(line[a:b]) for a, b in cell_spans(line)]
