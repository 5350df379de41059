"""Tables whose cell boundaries are written in the text: read into rows of cells.

In: the body lines of an appendix (or of an article), as ``SourceLine``.
Out: ``CellBlock``s, each a run of lines holding one table, with its rows of cells (``CellRow``:
each cell's text and the source lines it came from) and which rows are header rows. The table stage
(``tables.py``) turns them into columns, groups and rows. Three written forms are read:

* **Markdown pipe tables**, with or without the outer pipes (``| TT | Nội dung |`` or
  ``TT | Nội dung``), a separator row (``|---|:--:|``) under each header row; ``<br>`` is a line
  break inside a cell. A header row printed again further down (a table split over pages) opens a
  new block.
* **Pandoc grid tables**: rows framed by ``+----+----+`` borders, the header closed by
  ``+====+====+``; a cell's text runs over several ``|`` lines between borders, split at the column
  positions of the border.
* **Cell dumps** (a web page copied cell by cell, as the thuvienphapluat pages give them): a line
  ``|`` alone between cells, the cell's text on the lines between; two pipes in a row are the end of
  one table row and the start of the next, or an empty cell. The header row gives the number of
  columns; an empty cell followed by a row label ends a shorter (merged) row, such as a group row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .models import SourceLine
from .pipe_rows import split_row

_SEPARATOR_CELL = re.compile(r"^:?-{1,}:?$")
_LOOSE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?$")
_GRID_BORDER = re.compile(r"^\+(?:[-=:]+\+)+$")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(.+)\1$", re.DOTALL)
_DUMP_PIPE = "|"
_DUMP_CELL_MAX = 80  # more lines than this between two pipes: not a cell any more


@dataclass
class CellRow:
    """One table row: each cell's text (lines joined by ``\\n``) and the source lines it came from."""

    line: int
    cells: list[str]
    cell_lines: list[list[int]]
    header: bool = False


@dataclass
class CellBlock:
    """One table written with its cell boundaries: ``lines[start:end]`` of the input."""

    form: str  # "pipe", "grid" or "dump"
    start: int
    end: int
    rows: list[CellRow] = field(default_factory=list)


def split_pipe_row(line: str) -> list[str] | None:
    """The cells of a Markdown pipe-table line, or None when the line is not one.

    ``| 1. | Xây dựng<br>kế hoạch | |`` → ``["1.", "Xây dựng\\nkế hoạch", ""]``: surrounding pipes
    dropped, cells stripped, ``<br>`` turned into a line break, ``\\|`` kept as a literal pipe. A
    separator line ``|---|:--:|`` gives its dash cells (see ``is_separator_row``).
    """
    text = line.strip()
    if not text.startswith("|") or len(text) < 2:
        return None
    return split_row(text)


def split_loose_row(line: str) -> list[str] | None:
    """The cells of a pipe-table line written with or without its outer pipes (``TT | Nội dung``)."""
    text = line.strip()
    return split_row(text) if _is_loose_row(text) else None


def _is_loose_row(text: str) -> bool:
    """``split_loose_row`` gives the cells of ``text`` (stripped): it holds a bar not escaped."""
    return len(text) >= 2 and "|" in text.replace("\\|", "")


def is_separator_row(cells: Sequence[str]) -> bool:
    """A Markdown header separator (``|---|:---:|``)."""
    return bool(cells) and all(_SEPARATOR_CELL.match(c.replace(" ", "")) for c in cells)


def plain(text: str) -> str:
    """A cell's text without bold marks and the emphasis that wraps it whole (``**I**`` → ``I``)."""
    text = text.replace("**", "").strip()
    while (m := _EMPHASIS.match(text)) is not None:
        text = m[2].strip()
    return text


# --- finding the blocks ---------------------------------------------------------------------------


def find_blocks(lines: Sequence[SourceLine], is_label: Callable[[str], bool]) -> list[CellBlock]:
    """Every table written with cell boundaries among ``lines``, in order."""
    blocks: list[CellBlock] = []
    i = 0
    while i < len(lines):
        text = lines[i].text.strip()
        if text == _DUMP_PIPE and _is_dump(lines, i):
            block = _read_dump(lines, i, is_label)
        elif _GRID_BORDER.match(text):
            block = _read_grid(lines, i)
        elif split_pipe_row(text) is not None or (
            i + 1 < len(lines) and _is_loose_row(text) and _LOOSE_SEPARATOR.match(lines[i + 1].text.strip())
        ):
            block = _read_pipe(lines, i)
        else:
            block = None
        if block is None or not block.rows:
            i += 1
            continue
        blocks.append(block)
        i = block.end
    return blocks


def _is_dump(lines: Sequence[SourceLine], i: int) -> bool:
    """Lone ``|`` lines make up a good part of what follows (not a stray pipe)."""
    window = [sl.text.strip() for sl in lines[i : i + 40]]
    return window.count(_DUMP_PIPE) >= 6


# --- pipe tables ----------------------------------------------------------------------------------


def _read_pipe(lines: Sequence[SourceLine], start: int) -> CellBlock:
    rows: list[CellRow] = []
    loose = not lines[start].text.strip().startswith("|")
    i = start
    while i < len(lines):
        text = lines[i].text.strip()
        cells = split_loose_row(text) if loose else split_pipe_row(text)
        if cells is None or (loose and not rows and i > start):
            break
        nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
        if is_separator_row(cells):
            i += 1
            continue
        next_cells = split_loose_row(nxt) if "-" in nxt else None  # a separator's cells are dashes
        over_separator = next_cells is not None and is_separator_row(next_cells)
        rows.append(
            CellRow(
                line=lines[i].line,
                cells=cells,
                cell_lines=[[lines[i].line] if c else [] for c in cells],
                header=over_separator or not rows,
            )
        )
        i += 1
    return CellBlock("pipe", start, i, rows)


# --- grid tables ----------------------------------------------------------------------------------


def _read_grid(lines: Sequence[SourceLine], start: int) -> CellBlock:
    border = lines[start].text.strip()
    cuts = [k for k, ch in enumerate(border) if ch == "+"]
    rows: list[CellRow] = []
    pending: list[SourceLine] = []
    saw_header_rule = False
    i = start + 1
    while i < len(lines):
        text = lines[i].text.strip()
        if _GRID_BORDER.match(text):
            if pending:
                rows.append(_grid_row(pending, cuts))
                if "=" in text:
                    for row in rows:
                        row.header = True
                    saw_header_rule = True
            pending = []
            i += 1
            continue
        if not (text.startswith("|") and text.endswith("|")):
            break
        pending.append(lines[i])
        i += 1
    if rows and not saw_header_rule:
        rows[0].header = True
    return CellBlock("grid", start, i if not pending else i - len(pending), rows)


def _grid_row(pending: list[SourceLine], cuts: list[int]) -> CellRow:
    parts: list[list[tuple[int, str]]] = [[] for _ in range(len(cuts) - 1)]
    for sl in pending:
        text = sl.text.strip()
        for j in range(len(cuts) - 1):
            piece = text[cuts[j] + 1 : cuts[j + 1]].strip()
            if piece:
                parts[j].append((sl.line, piece))
    taken: set[int] = set()
    cell_lines = []
    for part in parts:
        own = [n for n, _ in part if n not in taken]  # a line is owned once, by its first cell
        taken.update(own)
        cell_lines.append(own)
    return CellRow(
        line=pending[0].line,
        cells=["\n".join(p for _, p in part) for part in parts],
        cell_lines=cell_lines,
    )


# --- cell dumps -----------------------------------------------------------------------------------


def _read_dump(lines: Sequence[SourceLine], start: int, is_label: Callable[[str], bool]) -> CellBlock:
    """Cells between lone ``|`` lines; see the module docstring for how rows end. The table ends
    at the last pipe, or where a row that should open with a label (the first body row did) opens
    with ordinary text; a cell of dots alone between rows (``…......``, a cut the site made) is
    passed over."""
    cells: list[tuple[int, list[SourceLine]]] = []  # (index of the closing pipe, the texts before it)
    current: list[SourceLine] = []
    for k in range(start + 1, len(lines)):
        sl = lines[k]
        if sl.text.strip() == _DUMP_PIPE:
            cells.append((k, current))
            current = []
        else:
            current.append(sl)
            if len(current) > _DUMP_CELL_MAX:
                break
    rows: list[CellRow] = []
    width = 0
    labelled = False
    end = start + 1
    k = 0
    while k < len(cells):
        row: list[list[SourceLine]] = []
        opening = k
        while k < len(cells):
            cell = cells[k][1]
            if width and len(row) >= width:
                if not cell or _is_cut(cell):
                    k += 1  # the pipes between this row's closing and the next row's opening
                    continue
                break
            if not cell:
                if not width and row:
                    k += 1  # the header row ends at its first empty cell
                    break
                nxt = cells[k + 1][1] if k + 1 < len(cells) else None
                if row and nxt and is_label(_cell_text(nxt)):
                    k += 1  # a shorter (merged) row ends; a labelled row starts
                    break
            row.append(cell)
            k += 1
        if not any(row):
            continue
        first = _cell_text(row[0]) if row[0] else ""
        if rows and len(rows) == 1 and width:
            labelled = bool(first) and is_label(first)
        elif labelled and first and not is_label(first):
            break  # ordinary text where a row label belongs: the table has ended
        texts = [_cell_text(c) for c in row]
        rows.append(
            CellRow(
                line=next(c[0].line for c in row if c),
                cells=texts,
                cell_lines=[[sl.line for sl in c] for c in row],
                header=not rows,
            )
        )
        end = cells[min(k, len(cells)) - 1][0] + 1 if k > opening else end
        if not width:
            width = len(row)
    return CellBlock("dump", start, end, rows)


def _is_cut(cell: list[SourceLine]) -> bool:
    """A cell of dots and ellipses alone: a cut the copy made, not a row."""
    return all(not ch.isalnum() for sl in cell for ch in sl.text)


def _cell_text(cell: list[SourceLine]) -> str:
    return plain("\n".join(sl.text.strip() for sl in cell))
