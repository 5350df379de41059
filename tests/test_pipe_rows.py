"""One reading of pipe-table rows (issue 15): the shapes, the clean view and the table stage cut a row
into the same cells, with escaped bars, ``<br>`` and rows written with or without their edge bars."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57parse.cleanview import line_pieces
from nq57parse.pipe_rows import cell_spans, cell_text, split_row
from nq57parse.shapes import strip_markup
from nq57parse.table_cells import _is_loose_row, is_separator_row, split_loose_row, split_pipe_row

# row → its cells' texts
ROWS = [
    ("| 1. | A \\| B<br>C | Vụ |", ["1.", "A | B\nC", "Vụ"]),  # the two parsers disagreed on this row
    ("| TT | Nội dung |", ["TT", "Nội dung"]),
    ("TT | Nội dung", ["TT", "Nội dung"]),  # no edge bars
    ("| TT | Nội dung", ["TT", "Nội dung"]),  # a bar at the start only
    ("TT | Nội dung |", ["TT", "Nội dung"]),  # a bar at the end only
    ("  | a |  b  |  ", ["a", "b"]),  # blanks around the row and the cells
    ("| 1. | | Sở Y tế |", ["1.", "", "Sở Y tế"]),  # an empty cell
    ("||", [""]),  # one empty cell
    ("| a \\|", ["a |"]),  # an escaped bar at the end is text, not an edge
    ("| a | b \\| c |", ["a", "b | c"]),
    ("| x<BR/>y | z<br />w |", ["x\ny", "z\nw"]),  # <br> in any case and form
    ("| a <br> | b |", ["a", "b"]),  # a break at a cell's end leaves nothing behind
    ("|---|:--:|", ["---", ":--:"]),  # a separator row gives its dash cells
]


@pytest.mark.parametrize(("row", "cells"), ROWS)
def test_a_row_gives_its_cells(row: str, cells: list[str]) -> None:
    assert split_row(row) == cells


@pytest.mark.parametrize(("row", "cells"), ROWS)
def test_the_spans_hold_the_cells_in_the_line(row: str, cells: list[str]) -> None:
    spans = cell_spans(row)
    assert [cell_text(row[a:b]) for a, b in spans] == cells
    assert all(0 <= a <= b <= len(row) for a, b in spans)
    assert all("|" not in row[a:b].replace("\\|", "") for a, b in spans)  # no boundary inside a cell


@pytest.mark.parametrize(("row", "cells"), [r for r in ROWS if len(r[1]) > 1 and "-" not in r[0]])
def test_the_shapes_and_the_table_stage_read_the_same_cells(row: str, cells: list[str]) -> None:
    assert split_loose_row(row) == cells
    if row.strip().startswith("|"):
        assert split_pipe_row(row) == cells
    else:
        assert split_pipe_row(row) is None  # a row without its first bar needs a separator under it
    if row.strip().startswith("|") or row.strip().endswith("|"):
        _, shape_cells = strip_markup(row)
        assert list(shape_cells) == [c.replace("\n", " ") for c in cells]


def test_the_clean_view_cuts_the_disputed_row_into_the_same_three_cells() -> None:
    row = "| 1. | A \\| B<br>C | Vụ |"
    (piece,) = line_pieces(row, 0, 1)
    assert piece.cells == ("1.", "A | B C", "Vụ")


_CELL = st.text(alphabet=st.sampled_from("ab Đ|<>\\"), max_size=8).filter(
    lambda c: c == c.strip() and not c.endswith("\\") and "<br" not in c.lower()
)


@given(st.lists(_CELL, min_size=2, max_size=5), st.booleans(), st.booleans())
def test_escaped_cells_joined_by_bars_come_back(cells: list[str], lead: bool, trail: bool) -> None:
    body = " | ".join(c.replace("|", "\\|") for c in cells)
    row = ("| " if lead else "") + body + (" |" if trail else "")
    if (not lead and cells[0] == "") or (not trail and cells[-1] == ""):
        # an empty first or last cell written without its edge bar reads as the edge bar itself
        assert len(split_row(row)) < len(cells)
        return
    assert split_row(row) == cells


_ROW_TEXT = st.text(alphabet=st.sampled_from("|\\-: ab<br>\t"), max_size=24)


@given(_ROW_TEXT)
def test_a_line_is_taken_as_a_loose_row_exactly_when_it_splits_into_cells(line: str) -> None:
    assert _is_loose_row(line.strip()) == (split_loose_row(line) is not None)


@given(_ROW_TEXT)
def test_a_separator_row_holds_a_dash(line: str) -> None:
    """The pipe reader looks for a separator under a row only in a line with a dash."""
    cells = split_loose_row(line)
    if cells is not None and is_separator_row(cells):
        assert "-" in line
