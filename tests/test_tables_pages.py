"""Tables as PDF text gives them: the header printed again on every page, page banners and numbers
between rows, titles and cells split over lines, two-level headers, a label and its task on one line."""

from __future__ import annotations

import pytest

from nq57parse.models import Appendix, SourceLine
from nq57parse.tables import column_key, page_furniture, rebuild_appendix

PDF_HEADER = ["STT", "Tên nhiệm vụ cụ thể", "Cơ quan", "chủ trì", "Cơ quan", "phối hợp", "Kết quả",
              "Thời gian hoàn", "thành"]  # fmt: skip


def rebuilt(lines: list[str]):
    appendix = Appendix(
        title="PHỤ LỤC", line=1, lines=[SourceLine(line=n, text=t) for n, t in enumerate(lines, start=2)]
    )
    return rebuild_appendix(appendix)


def test_a_gazette_table_over_two_pages_keeps_its_rows_and_drops_banner_number_and_repeated_header():
    lines = [
        *PDF_HEADER,
        "I. Đổi mới mạnh mẽ tư duy và hành động trong lãnh đạo",
        "nhân dân",
        "1.",
        "Tăng cường lãnh đạo, chỉ đạo xây dựng và",
        "tổ chức thực hiện hiệu quả các chủ trương",
        "Bộ Y tế",
        "Các cơ quan, tổ chức có liên quan",
        "Văn bản chỉ đạo",
        "Thường xuyên",
        "CÔNG BÁO/Số 286/Ngày 27-05-2026",
        "96",
        *PDF_HEADER,
        "2.  Xây dựng Luật Bảo hiểm y tế sửa đổi.",
        "Bộ Tài chính",
        "Quý I/2027",
    ]
    table, diagnostics = rebuilt(lines)
    assert [c.key for c in table.columns] == ["tt", "task", "lead", "partners", "result", "deadline"]
    assert [c.title for c in table.columns][2] == "Cơ quan chủ trì"
    assert [(g.label, g.title) for g in table.groups] == [
        ("I", "Đổi mới mạnh mẽ tư duy và hành động trong lãnh đạo nhân dân")
    ]
    assert [r.tt for r in table.rows] == ["1", "2"]
    assert table.rows[0].cells["deadline"] == "Thường xuyên"
    assert table.rows[1].cells == {
        "tt": "2",
        "task": "Xây dựng Luật Bảo hiểm y tế sửa đổi.",
        "lead": "Bộ Tài chính",
        "partners": "",
        "result": "",
        "deadline": "Quý I/2027",
    }
    furniture = {sl.text for sl in table.header_lines}
    assert {"CÔNG BÁO/Số 286/Ngày 27-05-2026", "96"} <= furniture
    assert len(table.header_lines) == 2 * len(PDF_HEADER) + 2
    assert table.lines == []
    assert not [d for d in diagnostics if d.code in ("NQ301", "NQ302", "NQ307", "NQ311")]


def test_a_number_that_is_not_next_to_a_banner_or_header_stays_a_cell():
    lines = [
        "TT",
        "Nội dung",
        "Chủ trì",
        "Thời gian",
        "1.",
        "Xây dựng a",
        "Cục A",
        "2026",
        "2.",
        "Xây dựng b",
    ]
    table, _ = rebuilt(lines)
    assert table.rows[0].cells["deadline"] == "2026"
    assert (
        page_furniture([SourceLine(line=1, text="96"), SourceLine(line=2, text="Cục A")], 0, ["tt"]) == set()
    )


@pytest.mark.parametrize("title", ["S TT", "STT", "TT", "Số TT", "Số thứ tự"])
def test_every_way_of_writing_the_number_column_is_the_tt_column(title):
    assert column_key(title) == "tt"
    table, _ = rebuilt([title, "Nội dung", "Chủ trì", "1.", "Xây dựng a", "Cục A"])
    assert [c.key for c in table.columns] == ["tt", "task", "lead"]


def test_a_two_level_header_gives_its_lower_titles_as_columns():
    lines = ["TT", "Nội dung", "Cơ quan thực hiện", "Chủ trì", "Phối hợp", "Thời gian thực hiện", "Bắt đầu",
             "Kết thúc", "1.", "Xây dựng a", "Cục A", "Vụ B", "2025", "2026"]  # fmt: skip
    table, _ = rebuilt(lines)
    assert [(c.key, c.title) for c in table.columns] == [
        ("tt", "TT"),
        ("task", "Nội dung"),
        ("lead", "Cơ quan thực hiện / Chủ trì"),
        ("partners", "Cơ quan thực hiện / Phối hợp"),
        ("start", "Thời gian thực hiện / Bắt đầu"),
        ("deadline", "Thời gian thực hiện / Kết thúc"),
    ]
    assert table.rows[0].cells["lead"] == "Cục A"
    assert table.rows[0].cells["deadline"] == "2026"


def test_a_parent_title_without_sub_titles_is_an_ordinary_column():
    table, _ = rebuilt(["TT", "Nội dung", "Cơ quan thực hiện", "Thời gian thực hiện", "1.", "Xây dựng a"])
    assert [c.key for c in table.columns] == ["tt", "task", "lead", "deadline"]


def test_letter_total_and_named_groups_of_a_flattened_table_are_groups_and_rows_restart_under_them():
    lines = ["TT", "Nội dung", "Chủ trì", "Thời gian", "A. NHIỆM VỤ CHUNG", "1.", "Xây dựng a", "Cục A", "2025",
             "2.", "Xây dựng b", "B", "NHIỆM VỤ RIÊNG", "1.", "Xây dựng c", "TỔNG SỐ", "Vùng IV", "1.", "Xây dựng d"]  # fmt: skip
    table, diagnostics = rebuilt(lines)
    assert [(g.label, g.title) for g in table.groups] == [
        ("A", "NHIỆM VỤ CHUNG"),
        ("B", "NHIỆM VỤ RIÊNG"),
        ("TỔNG SỐ", ""),
        ("Vùng IV", ""),
    ]
    assert [(r.tt, r.group) for r in table.rows] == [("1", "A"), ("2", "A"), ("1", "B"), ("1", "Vùng IV")]
    assert table.rows[0].cells["lead"] == "Cục A"
    assert not [d for d in diagnostics if d.code in ("NQ301", "NQ302", "NQ311")]


def test_a_capital_letter_with_an_ordinary_sentence_is_not_a_group():
    table, _ = rebuilt(["TT", "Nội dung", "Chủ trì", "1.", "A. Xây dựng kế hoạch", "Cục A"])
    assert table.groups == [] and table.rows[0].cells["task"] == "A. Xây dựng kế hoạch"
