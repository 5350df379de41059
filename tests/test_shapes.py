"""Line shapes: markup removed, the context-free kind of a line."""

from __future__ import annotations

import pytest

from nq57parse.shapes import cues, find_place_date, is_upper, shape, sign_prefix, strip_markup


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
    assert m is not None and (m.place, m.day, m.month, m.year, m.start) == ("Hà Nội", 26, 6, 2025, 0)
    blank = find_place_date("Gia Lai, ngày    tháng    năm 2025")
    assert blank is not None and (blank.day, blank.month, blank.year) == (None, None, 2025)
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


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Hanoi, June 26, 2025", ("Hanoi", 26, 6, 2025)),
        ("Ha Noi, 26th June 2025", ("Ha Noi", 26, 6, 2025)),
        ("Hanoi, 26. juni 2025", ("Hanoi", 26, 6, 2025)),
        ("Da Nang, 1 of October, 2024", ("Da Nang", 1, 10, 2024)),
    ],
)
def test_reads_the_place_and_date_of_a_translation(line: str, expected: tuple) -> None:
    m = find_place_date(line)
    assert m is not None and (m.place, m.day, m.month, m.year) == expected
    assert shape(line).kind == "PLACE_DATE"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("KT. BỘ TRƯỞNG", ("KT.", "BỘ TRƯỞNG")),
        ("T/M BAN THƯỜNG VỤ", ("TM.", "BAN THƯỜNG VỤ")),
        ("TL. CHỦ TỊCH", ("TL.", "CHỦ TỊCH")),
        ("FOR THE MINISTER", ("KT.", "MINISTER")),
        ("ON BEHALF OF THE PEOPLE'S COMMITTEE", ("TM.", "PEOPLE'S COMMITTEE")),
        ("BY ORDER OF THE CHAIRMAN", ("TL.", "CHAIRMAN")),
        ("KT. Bộ trưởng ký thay", None),
        ("FORMER MINISTER", None),
    ],
)
def test_reads_the_signing_prefix_and_maps_a_translation_to_the_vietnamese_one(line: str, expected) -> None:
    assert sign_prefix(line) == expected


@pytest.mark.parametrize(
    ("line", "kind", "label"),
    [
        ("Article 3. Implementation", "ARTICLE", "3"),
        ("Chapter II", "CHAPTER", "II"),
        ("No. 2121/QD-BYT", "NUMBER", None),
        ("SOCIALIST REPUBLIC OF VIETNAM", "MOTTO", None),
        ("Independence - Freedom - Happiness", "MOTTO", None),
        ("Recipients:", "RECIPIENTS", None),
        ("(Enclosed with Decision No. 2121/QD-BYT dated June 26, 2025)", "NOTE", None),
        ("APPENDIX", "APPENDIX", None),
        ("Article 5 of the Decree is amended", "TEXT", None),
        ("Recipients of the award were named", "TEXT", None),
    ],
)
def test_reads_the_structure_words_of_an_english_translation(line: str, kind: str, label) -> None:
    s = shape(line)
    assert (s.kind, s.label) == (kind, label)


def test_the_place_starts_after_the_wide_gap_of_a_merged_two_column_line() -> None:
    m = find_place_date("Số: 88/2025/NĐ-CP                  Hà Nội, ngày 15 tháng 4 năm 2025")
    assert m is not None and (m.place, m.text) == ("Hà Nội", "Hà Nội, ngày 15 tháng 4 năm 2025")
    assert m.start == len("Số: 88/2025/NĐ-CP                  ")


def test_a_translated_date_inside_a_sentence_is_not_a_place_and_date() -> None:
    assert find_place_date("The conference opened in Da Nang, June 5, 2025 with 300 delegates") is None
    assert find_place_date("No. 12/QD-UBND      Da Nang, June 5, 2025").place == "Da Nang"


@pytest.mark.parametrize("line", ["Số:", "No.", "Nơi nhận:", "Recipients:"])
def test_a_heading_word_with_nothing_after_it_has_an_empty_body(line: str) -> None:
    assert shape(line).body == ""


@pytest.mark.parametrize(
    ("line", "prefix"),
    [
        ("FOR THE GOVERNMENT", "TM."),
        ("ON BEHALF OF THE PRIME MINISTER", "KT."),
        ("FOR THE MINISTER", "KT."),
        ("ON BEHALF OF THE PEOPLE'S COMMITTEE", "TM."),
        ("FOR AND ON BEHALF OF THE NATIONAL ASSEMBLY", "TM."),
    ],
)
def test_a_translated_prefix_is_tm_for_a_body_and_kt_for_a_persons_title(line: str, prefix: str) -> None:
    found = sign_prefix(line)
    assert found is not None and found[0] == prefix


@pytest.mark.parametrize("title", cues()["sign_person_titles"])
def test_each_person_title_after_for_the_makes_kt(title: str) -> None:
    found = sign_prefix(f"FOR THE {title}")
    assert found == ("KT.", title)
