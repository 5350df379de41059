"""Site furniture (data/furniture.yaml): one test per row, and the metadata table in its two layouts."""

from __future__ import annotations

import pytest

from nq57parse.cleanview import Piece
from nq57parse.furniture import find_furniture, is_furniture, metadata_label, opens_footer, piece_label, table


def _piece(line: int, text: str, cells: tuple[str, ...] = ()) -> Piece:
    return Piece(line, 0, len(text), text, ((0, 0),), cells)


@pytest.mark.parametrize("row", table()["pieces"], ids=lambda r: r["name"])
def test_each_furniture_row_takes_its_example(row: dict) -> None:
    assert is_furniture(row["example"])


@pytest.mark.parametrize("row", table()["footer_starts"], ids=lambda r: r["name"])
def test_each_footer_row_takes_its_example(row: dict) -> None:
    assert opens_footer(row["example"])


@pytest.mark.parametrize(
    "text", ["Điều 1. Phạm vi điều chỉnh", "Quyết định này có hiệu lực từ ngày ký.", "BỘ Y TẾ"]
)
def test_the_document_s_own_lines_are_not_furniture(text: str) -> None:
    assert not is_furniture(text)
    assert not opens_footer(text)


@pytest.mark.parametrize("row", table()["metadata_labels"], ids=lambda r: r["label"])
def test_each_metadata_label_is_read_with_its_colon_and_as_a_table_row(row: dict) -> None:
    expected = (row["fact"], "giá trị")
    assert metadata_label(f"{row['label']}: giá trị") == expected
    assert piece_label(_piece(1, f"{row['label']} giá trị", (row["label"], "giá trị"))) == expected
    assert piece_label(_piece(1, f"{row['label']}: giá trị", (f"{row['label']}:", "giá trị"))) == expected


def test_a_table_row_of_other_than_two_cells_is_no_metadata_label() -> None:
    assert piece_label(_piece(1, "Số hiệu 12 13", ("Số hiệu", "12", "13"))) is None
    assert piece_label(_piece(1, "Tên 12", ("Tên", "12"))) is None


def test_a_metadata_table_of_table_rows_is_furniture_and_states_its_facts() -> None:
    pieces = [
        _piece(1, "Số hiệu 348/KH-UBND", ("Số hiệu", "348/KH-UBND")),
        _piece(2, "Cơ quan ban hành Tỉnh Nghệ An", ("Cơ quan ban hành", "Tỉnh Nghệ An")),
        _piece(3, "ỦY BAN NHÂN DÂN"),
    ]
    found = find_furniture(pieces)
    assert found.indexes == {0, 1}
    assert found.metadata == {"number": ("348/KH-UBND", 1), "issuer": ("Tỉnh Nghệ An", 2)}
