"""Line shapes: markup removed, the context-free kind of a line."""

from __future__ import annotations

import pytest

from nq57parse.shapes import find_place_date, is_upper, shape, strip_markup


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("***Nơi nhận:***", "Nơi nhận:"),
        ("**Điều 1.**", "Điều 1."),
        ("*Căn cứ Luật Đất đai;*", "Căn cứ Luật Đất đai;"),
        ("__KT. BỘ TRƯỞNG__", "KT. BỘ TRƯỞNG"),
        ("## PHỤ LỤC", "PHỤ LỤC"),
        ("| **Điều 2.** Hiệu lực |", "Điều 2. Hiệu lực"),
        ("a * b", "a * b"),
        ("5*3", "5*3"),
    ],
)
def test_removes_web_copy_markup_and_keeps_a_lone_asterisk(line: str, text: str) -> None:
    assert strip_markup(line)[0] == text


def test_bold_italic_recipients_heading_is_the_recipients_shape() -> None:
    assert shape("***Nơi nhận:***").kind == "RECIPIENTS"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BỘ TRƯỞNG BỘ Y TẾ", True),
        ("QUYẾT ĐỊNH Về việc", False),  # 5 lower-case letters of 14
        ("KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW CỦA BỘ CHÍNH TRỊ VỀ ĐỘT PHÁ PHÁT TRIỂN KHOA HỌc", True),
        ("Căn cứ Luật Tổ chức Chính phủ", False),
        ("12/2025", False),
    ],
)
def test_upper_case_means_at_least_nine_letters_in_ten(text: str, expected: bool) -> None:
    assert is_upper(text) is expected


def test_finds_the_place_and_date_only_where_the_line_holds_one() -> None:
    m = find_place_date("Hà Nội, ngày 26 tháng 6 năm 2025")
    assert m is not None and (m["place"], m["d"], m["m"], m["y"]) == ("Hà Nội", "26", "6", "2025")
    assert find_place_date("HÀ NỘI, NGÀY 26 THÁNG 6 NĂM 2025") is not None
    assert find_place_date("Hà Nội, tháng 6 năm 2025") is None
    assert find_place_date("Căn cứ Luật Tổ chức Chính phủ, Luật Đất đai") is None


@pytest.mark.parametrize(
    ("line", "label"), [("2", "2"), ("- 14 -", "14"), ("Trang 3/12", "3"), ("Page 7", "7")]
)
def test_a_page_number_alone_on_its_line_is_a_page_shape(line: str, label: str) -> None:
    s = shape(line)
    assert (s.kind, s.label) == ("PAGE", label)


@pytest.mark.parametrize("line", ["2025", "2.", "1)", "Trang phục"])
def test_a_year_a_clause_label_or_a_word_is_not_a_page_number(line: str) -> None:
    assert shape(line).kind != "PAGE"
