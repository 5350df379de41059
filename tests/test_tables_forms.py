"""Tables written with their cell boundaries (pipe without outer pipes, grid, cell dumps), numbered
lists, group rows, tables inside an article, and the appendix-start tests the segmenter calls."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from nq57parse import appendix_titles
from nq57parse.appendix_titles import is_appendix_title, is_attachment_note, is_list_title
from nq57parse.models import Appendix, Article, SourceLine
from nq57parse.pipeline import parse_text
from nq57parse.read import decode_bytes
from nq57parse.table_cells import find_blocks, split_loose_row
from nq57parse.tables import is_group_label, rebuild_appendix, tables_in, with_source_lines
from nq57parse.validate import check_raw


def source(lines: list[str], first: int = 2) -> list[SourceLine]:
    return [SourceLine(line=n, text=t) for n, t in enumerate(lines, start=first) if t.strip()]


def rebuilt(lines: list[str], title: str = "PHỤ LỤC", heading: str | None = None):
    return rebuild_appendix(Appendix(title=title, heading=heading, line=1, lines=source(lines)))


def owned_once(table, lines: list[SourceLine]) -> None:
    """Every line of the table is in exactly one row, group, frame or leftover line."""
    owned = [h.line for h in table.header_lines] + [sl.line for sl in getattr(table, "lines", [])]
    owned += [n for g in table.groups for n in range(g.line, (g.end_line or g.line) + 1)]
    for row in table.rows:
        owned += [row.line, *(n for ls in row.cell_lines.values() for n in ls if n != row.line)]
    assert sorted(owned) == [sl.line for sl in lines]


# --- cell dumps -----------------------------------------------------------------------------------

DUMP = ["|", "**TT**", "|", "**Nội dung thực", "hiện**", "|", "**Cơ quan chủ trì**", "|", "**Thời gian**", "|",
        "|", "**I**", "|", "**KIỆN TOÀN BỘ MÁY**", "|",
        "|", "1", "|", "Tổ chức lại Ban Chỉ huy", "cấp xã", "|", "Bộ CHQS tỉnh", "|", "Trước ngày", "30/11/2025", "|",
        "|", "2", "|", "Triển khai thực hiện", "|", "|", "2025", "|",
        "|", "3", "|", "Hướng dẫn thống kê", "|", "Sở Y tế", "|", "|",
        "….................",
        "|", "2", "|", "Thành lập Quỹ", "|", "Sở Tài chính", "|", "Thường xuyên", "|",
        "Văn bản này chưa cập nhật nội dung Tiếng Anh", "Ban hành:", "|", "Hiệu lực"]  # fmt: skip


def test_a_cell_dump_gives_groups_rows_empty_cells_and_stops_at_the_site_text():
    table, diagnostics = rebuilt(DUMP)
    assert [(c.key, c.title) for c in table.columns] == [
        ("tt", "TT"),
        ("task", "Nội dung thực hiện"),
        ("lead", "Cơ quan chủ trì"),
        ("deadline", "Thời gian"),
    ]
    assert [(g.label, g.title) for g in table.groups] == [("I", "KIỆN TOÀN BỘ MÁY")]
    assert [r.tt for r in table.rows] == ["1", "2", "3", "2"]
    assert table.rows[0].cells == {
        "tt": "1",
        "task": "Tổ chức lại Ban Chỉ huy\ncấp xã",
        "lead": "Bộ CHQS tỉnh",
        "deadline": "Trước ngày\n30/11/2025",
    }
    assert table.rows[1].cells["lead"] == "" and table.rows[1].cells["deadline"] == "2025"
    assert table.rows[2].cells["deadline"] == ""
    assert [sl.text for sl in table.lines] == ["Văn bản này chưa cập nhật nội dung Tiếng Anh", "Ban hành:", "|",
                                               "Hiệu lực"]  # fmt: skip
    assert [d.code for d in diagnostics if d.code == "NQ311"] == ["NQ311"]  # 2 after 3: a cut, reported
    owned_once(table, source(DUMP))


def test_a_page_of_lone_pipes_without_a_known_title_is_not_a_table():
    lines = [
        "|",
        "NỘI DUNG SỬA ĐỔI",
        "|",
        "|",
        "|",
        "**Địa chỉ:**",
        "|",
        "17 Nguyễn Gia Thiều",
        "|",
        "|",
        "|",
    ]
    table, _ = rebuilt(lines)
    assert table.rows == []


# --- pipe and grid tables -------------------------------------------------------------------------


def test_a_pipe_table_without_outer_pipes_is_read():
    assert split_loose_row("TT | Nội dung | Chủ trì") == ["TT", "Nội dung", "Chủ trì"]
    table, _ = rebuilt(
        ["TT | Nội dung | Chủ trì", "---|---|---", "1 | Xây dựng | Cục A", "2 | Ban hành | Vụ B"]
    )
    assert [(r.tt, r.cells["lead"]) for r in table.rows] == [("1", "Cục A"), ("2", "Vụ B")]


def test_a_pandoc_grid_table_joins_each_cells_lines():
    lines = [
        "+----+--------------+----------+",
        "| TT | Nội dung     | Chủ trì  |",
        "+====+==============+==========+",
        "| 1  | Xây dựng     | Cục A    |",
        "|    | kế hoạch     |          |",
        "+----+--------------+----------+",
        "| 2  | Ban hành     | Vụ B     |",
        "+----+--------------+----------+",
    ]
    table, _ = rebuilt(lines)
    assert [c.key for c in table.columns] == ["tt", "task", "lead"]
    assert [(r.tt, r.cells["task"], r.line) for r in table.rows] == [
        ("1", "Xây dựng\nkế hoạch", 5),
        ("2", "Ban hành", 8),
    ]
    owned_once(table, source(lines))


def test_a_table_split_over_pages_repeats_its_header_and_keeps_every_row():
    block = ["| TT | Nội dung | Người phụ trách |", "| :-- | :--- | :--- |"]
    table, _ = rebuilt([*block, "| 1 | a | Tổ trưởng |", *block, "| 2 | b | Thư ký |", "| ... | | |"])
    assert [r.tt for r in table.rows] == ["1", "2", "..."]


def test_a_table_without_a_tt_column_numbers_its_rows_and_keeps_unknown_titles():
    table, _ = rebuilt(
        ["| Môn | Chứng chỉ |", "| --- | --- |", "| **Tiếng Anh** | IELTS 5.5 |", "| | TOEFL 72 |"]
    )
    assert [(c.key, c.title) for c in table.columns] == [("mon", "Môn"), ("chung_chi", "Chứng chỉ")]
    assert [(r.tt, r.cells["mon"], r.cells["chung_chi"]) for r in table.rows] == [
        ("1", "Tiếng Anh", "IELTS 5.5"),  # emphasis is the copy's markup, not the cell's text
        ("2", "", "TOEFL 72"),
    ]
    assert table.groups == []


GROUP_LABELS = yaml.safe_load(
    resources.files("nq57parse.data").joinpath("table_cues.yaml").read_text(encoding="utf-8")
)["group_labels"]


@pytest.mark.parametrize(
    ("pattern", "label"), list(zip(GROUP_LABELS, ["IV", "B", "TỔNG SỐ", "Vùng IV"], strict=True))
)
def test_each_group_label_pattern_makes_a_group_row(pattern, label):
    assert is_group_label(label) and is_group_label(f"**{label}**")
    table, _ = rebuilt(
        ["| TT | Nội dung | Chủ trì |", "|---|---|---|", f"| {label} | Nhóm | |", "| 1 | a | Cục A |"]
    )
    assert [(g.label, g.title) for g in table.groups] == [(label, "Nhóm")]
    assert [(r.tt, r.group) for r in table.rows] == [("1", label)]


@pytest.mark.parametrize("text", ["1", "a", "Bậc 3", "2.1", "Ghi chú"])
def test_a_data_label_is_not_a_group(text):
    assert not is_group_label(text)


# --- lists ----------------------------------------------------------------------------------------


def test_a_numbered_list_under_a_danh_muc_title_is_one_row_per_item():
    lines = ["1. Thủ tục hải quan đối với hàng hóa vận chuyển độc lập theo quy định của Luật Hải quan hiện hành.",
             "2. Các chứng từ điện tử gồm:", "a) Tờ khai hải quan;", "b) Quyết định thông quan.",
             "3. Thủ tục cấp giấy phép."]  # fmt: skip
    table, _ = rebuilt(lines, title="PHỤ LỤC I DANH MỤC CÁC THỦ TỤC HÀNH CHÍNH")
    assert [c.key for c in table.columns] == ["tt", "item"]
    assert [r.tt for r in table.rows] == ["1", "2", "3"]
    assert (
        table.rows[1].cells["item"]
        == "Các chứng từ điện tử gồm:\na) Tờ khai hải quan;\nb) Quyết định thông quan."
    )
    owned_once(table, source(lines))


def test_a_list_of_short_names_in_roman_groups_needs_no_list_title():
    lines = ["I. MIỀN BẮC", "1. Hà Nội", "2. Hải Phòng", "II. MIỀN NAM", "3. Cần Thơ", "4. Cà Mau"]
    table, _ = rebuilt(lines)
    assert [(g.label, g.title) for g in table.groups] == [("I", "MIỀN BẮC"), ("II", "MIỀN NAM")]
    assert [(r.tt, r.group, r.cells["item"]) for r in table.rows] == [
        ("1", "I", "Hà Nội"),
        ("2", "I", "Hải Phòng"),
        ("3", "II", "Cần Thơ"),
        ("4", "II", "Cà Mau"),
    ]


def test_numbered_provisions_under_an_ordinary_title_are_not_a_list():
    lines = ["1. Học sinh THPT tham dự kỳ thi chọn đội tuyển quốc gia dự thi Olympic quốc tế được tuyển thẳng",
             "a) Đoạt giải chính thức;", "2. Học sinh THPT trên toàn quốc được ưu tiên xét tuyển:"]  # fmt: skip
    table, diagnostics = rebuilt(lines, title="Phụ lục VI. Xét tuyển thẳng")
    assert table.rows == [] and [d.code for d in diagnostics] == ["NQ304"]


BUDGET = ["| TT | Nội dung | Dự toán được giao |", "| :--- | :--- | ---: |",
          "| **II** | **Dự toán chi ngân sách nhà nước** | **7.350** |", "| 2 | Nghiên cứu khoa học | **400** |",
          "| 2.1 | Kinh phí thực hiện nhiệm vụ khoa học công nghệ | **400** |",
          "| | - Nhiệm vụ khoa học công nghệ cấp quốc gia | |", "| | - Nhiệm vụ khoa học công nghệ cấp Bộ | 400 |",
          "| 2.2 | Chi quản lý hành chính | |", "| a | Kinh phí thực hiện chế độ tự chủ | |",
          "| b | Kinh phí không thực hiện chế độ tự chủ | |", "| | thuộc nguồn ngân sách nhà nước | |",
          "| 3 | Chi sự nghiệp giáo dục | **6.950** |"]  # fmt: skip


def test_budget_rows_bullet_items_and_letter_rows_keep_their_own_figures():
    table, _ = rebuilt(BUDGET)
    assert [(r.tt, r.parent, r.cells["task"], r.cells["du_toan_duoc_giao"]) for r in table.rows] == [
        ("2", None, "Nghiên cứu khoa học", "400"),
        ("2.1", "2", "Kinh phí thực hiện nhiệm vụ khoa học công nghệ", "400"),
        ("", "2.1", "- Nhiệm vụ khoa học công nghệ cấp quốc gia", ""),
        ("", "2.1", "- Nhiệm vụ khoa học công nghệ cấp Bộ", "400"),
        ("2.2", "2", "Chi quản lý hành chính", ""),
        ("a", "2.2", "Kinh phí thực hiện chế độ tự chủ", ""),
        ("b", "2.2", "Kinh phí không thực hiện chế độ tự chủ\nthuộc nguồn ngân sách nhà nước", ""),
        ("3", None, "Chi sự nghiệp giáo dục", "6.950"),
    ]
    assert [(g.label, g.title) for g in table.groups] == [("II", "Dự toán chi ngân sách nhà nước 7.350")]


def test_validate_reads_bullet_and_letter_rows_as_under_the_row_above():
    text = "\n".join(["QUYẾT ĐỊNH", "Về việc thử", "QUYẾT ĐỊNH:", "Điều 1. Ban hành.", "PHỤ LỤC", *BUDGET])
    findings = check_raw(decode_bytes(text.encode("utf-8"), path="x.txt"), "x.txt")[0]
    assert [f.code for f in findings if f.code.startswith("NQ3")] == []


FORM = ["BIÊN BẢN", "I. THÀNH PHẦN", "1. Đại diện đoàn kiểm tra", "........................................",
        "2. Đại diện đơn vị", "........................................", "II. NỘI DUNG",
        "1. Giới thiệu thành phần đoàn.", "2. Kết quả kiểm tra hồ sơ.", "Biên bản lập thành ba bản."]  # fmt: skip


def test_the_numbered_sections_of_a_form_to_fill_in_are_not_a_list():
    table, diagnostics = rebuilt(FORM, title="Phụ lục 15. Mẫu biên bản")
    assert table.rows == [] and [d.code for d in diagnostics] == ["NQ304"]
    # the same short items without the dot leaders are a list
    listed, _ = rebuilt([t for t in FORM if not t.startswith("....")], title="Phụ lục 15")
    assert [r.cells["item"] for r in listed.rows][:2] == ["Đại diện đoàn kiểm tra", "Đại diện đơn vị"]


def test_a_titled_list_with_dot_leaders_stays_a_list():
    lines = ["1. Xã Tân Phú ..........", "2. Xã Đông Hòa ..........", "3. Phường 7 .........."]
    table, _ = rebuilt(lines, title="PHỤ LỤC", heading="DANH SÁCH CÁC XÃ")
    assert [r.tt for r in table.rows] == ["1", "2", "3"]


def test_an_appendix_title_ends_the_recipients_when_no_signer_was_read():
    # a translated signature block in mixed case is not read as one: the recipients went on over
    # the appendix title and its table
    text = "\n".join(["MINISTRY OF HEALTH", "No. 12/BYT-KH", "Re: reporting", "To: the units.",
                     "The units shall report.", "Recipients:", "- As above;", "- Archives.",
                     "For the Head of Department", "Deputy Head", "[Signed]", "Tran Van Binh", "APPENDICES",
                     "| TT | Unit name |", "|---|---|", "| 1 | Unit A |", "| 2 | Unit B |"])  # fmt: skip
    doc = parse_text(text)
    assert [(a.title, [r.tt for r in a.rows]) for a in doc.appendices] == [("APPENDICES", ["1", "2"])]


# --- tables inside an article, and the pipeline -----------------------------------------------------


def test_tables_in_an_articles_lines_and_the_article_keeps_them():
    lines = source(["Điều 2. Mức thu", "| TT | Nội dung | Mức thu |", "|---|---|---|", "| 1 | Lệ phí | 50.000 |",
                    "Sau bảng là văn bản."], first=1)  # fmt: skip
    [(table, diagnostics)] = tables_in(lines)
    assert (table.line, table.end_line, diagnostics) == (2, 4, [])
    assert [(r.tt, r.cells["task"]) for r in table.rows] == [("1", "Lệ phí")]
    article = Article(number="2", line=1, tables=[table])
    assert Article.model_validate(article.model_dump()).tables[0].rows[0].cells["muc_thu"] == "50.000"
    assert Article(number="3", line=9).tables == []


FEE_TABLE = [
    "| TT | Nội dung | Mức thu |",
    "|---|---|---|",
    "| 1 | Cấp mới | 50.000 |",
    "| 2 | Cấp lại | 20.000 |",
]


def test_a_table_inside_an_article_is_that_articles_not_an_appendix():
    text = "\n".join(["THÔNG TƯ", "Quy định mức thu", "Điều 1. Phạm vi", "Thông tư này quy định mức thu.",
                     "Điều 2. Mức thu", "Mức thu như sau:", *FEE_TABLE, "Sau bảng là văn bản.",
                     "Điều 3. Hiệu lực", "Có hiệu lực từ ngày ký."])  # fmt: skip
    doc = parse_text(text)
    first, second, third = doc.articles
    assert first.tables == [] and third.tables == [] and doc.appendices == []
    [table] = second.tables
    assert (table.line, table.end_line) == (7, 10)
    assert [(r.tt, r.cells["task"], r.cells["muc_thu"], r.line) for r in table.rows] == [
        ("1", "Cấp mới", "50.000", 9),
        ("2", "Cấp lại", "20.000", 10),
    ]
    assert "Sau bảng là văn bản." in second.text  # the article keeps its text (and its spans)
    assert not [d for d in doc.diagnostics if d.code == "NQ000"]


def test_an_attached_texts_table_outside_its_articles_is_the_attached_texts():
    lines = ["QUYẾT ĐỊNH", "Về việc ban hành Quy chế", "QUYẾT ĐỊNH:", "Điều 1. Ban hành Quy chế kèm theo.",
             "QUY CHẾ", "(Ban hành kèm theo Quyết định số 12/QĐ-UBND)", "Điều 1. Mức thu", "Mức thu như sau:",
             *FEE_TABLE, "Điều 2. Hiệu lực", "Có hiệu lực."]  # fmt: skip
    doc = parse_text("\n".join(lines))
    [attachment] = doc.attachments
    assert attachment.tables == []  # the table is inside the attached text's Điều 1
    assert [[r.tt for r in t.rows] for t in attachment.articles[0].tables] == [["1", "2"]]
    assert attachment.articles[1].tables == []


def test_a_table_in_an_attached_plans_sections_is_the_attached_texts():
    lines = ["QUYẾT ĐỊNH", "Về việc ban hành Kế hoạch", "QUYẾT ĐỊNH:", "Điều 1. Ban hành Kế hoạch kèm theo.",
             "KẾ HOẠCH", "(Ban hành kèm theo Quyết định số 12/QĐ-UBND)", "I. MỤC ĐÍCH", "Bảo đảm thu đúng.",
             "II. MỨC THU", *FEE_TABLE, "III. TỔ CHỨC THỰC HIỆN", "Các sở thực hiện."]  # fmt: skip
    doc = parse_text("\n".join(lines))
    [attachment] = doc.attachments
    assert [[(r.tt, r.line) for r in t.rows] for t in attachment.tables] == [[("1", 12), ("2", 13)]]
    assert doc.articles[0].tables == [] and doc.appendices == []


@pytest.mark.parametrize(
    "layout",
    [
        ["| | **FOR THE MINISTER** <br> **DEPUTY MINISTER** |", "| :--- | :--- |", "| | *(signed)* <br> **Bùi Văn Ga** |"],
        ["| **Nơi nhận:** <br> - Như Điều 3; | **KT. BỘ TRƯỞNG** <br> **THỨ TRƯỞNG** |", "|---|---|",
         "| | (Đã ký) <br> Nguyễn Văn A |"],
    ],
    ids=["english-signature", "recipients-beside-signature"],
)  # fmt: skip
def test_a_signature_set_out_in_a_table_inside_an_article_is_not_a_table(layout):
    text = "\n".join(["THÔNG TƯ", "Quy định mức thu", "Điều 1. Phạm vi", "Thông tư này quy định mức thu.",
                     "Điều 2. Hiệu lực", "Có hiệu lực từ ngày ký./.", *layout])  # fmt: skip
    doc = parse_text(text)
    assert [t for a in doc.articles for t in a.tables] == []


def test_the_pipeline_hands_the_table_its_pipes_and_lone_pipe_lines():
    text = "\n".join(
        ["QUYẾT ĐỊNH", "Điều 1. Ban hành.", "PHỤ LỤC", "(Kèm theo Kế hoạch số 980/KH-UBND)", *DUMP[:35]]
    )
    doc = parse_text(text)
    assert [r.tt for r in doc.appendices[0].rows] == ["1", "2"]
    assert not [u for u in doc.unparsed if u.text == "|"]
    appendix = Appendix(
        title="PHỤ LỤC", line=1, lines=[SourceLine(line=2, text="a"), SourceLine(line=4, text="b")]
    )
    assert [sl.text for sl in with_source_lines(appendix, ["PHỤ LỤC", "a", "|", "b"]).lines] == [
        "a",
        "|",
        "b",
    ]


def test_find_blocks_reports_each_form():
    lines = source(["| a | b |", "|---|---|", "| 1 | 2 |", "text", "+---+---+", "| x | y |", "+===+===+"])
    assert [b.form for b in find_blocks(lines, lambda t: False)] == ["pipe", "grid"]


# --- where an appendix starts -----------------------------------------------------------------------

TITLE_DATA = yaml.safe_load(
    resources.files("nq57parse.data").joinpath("appendix_titles.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("word", TITLE_DATA["title_words"])
def test_each_title_word_opens_an_appendix_alone_numbered_and_as_a_heading(word):
    assert is_appendix_title(word)
    assert is_appendix_title(f"{word} IV")
    assert is_appendix_title(f"### {word} 2. Danh sách các cơ sở")
    assert not is_appendix_title(f"{word} I Thông tư liên tịch này;")


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="#*_ \t\u00a0", max_size=6),
    st.sampled_from([*TITLE_DATA["title_words"], *TITLE_DATA["list_words"], "(Kèm theo", "Pa", "x"]),
    st.text(alphabet="#*_ \t", max_size=4),
    st.text(max_size=12),
)
def test_the_opening_gate_keeps_every_line_the_words_can_open(marks, word, inner, tail):
    """The tests skip a line whose first kept character opens none of the words: that character is
    the first character of what ``_unwrap`` leaves, whenever what it leaves opens with one of them."""
    text = marks + word + inner + tail + marks[::-1]
    plain = appendix_titles._unwrap(text)[0]
    if plain[:1] in appendix_titles._initials("title_words", "list_words") | {"("}:
        assert appendix_titles._opening(text) == plain[:1]


@pytest.mark.parametrize("word", TITLE_DATA["number_words"])
def test_each_number_word_may_stand_before_the_appendix_number(word):
    assert is_appendix_title(f"PHỤ LỤC {word} 01")


@pytest.mark.parametrize("word", TITLE_DATA["list_words"])
def test_each_list_word_makes_a_list_title(word):
    assert is_list_title(f"{word.upper()} CÁC XÃ, PHƯỜNG")
    assert is_list_title(f"PHỤ LỤC I {word.upper()} CÁC THỦ TỤC (Ban hành kèm theo Thông tư số 89/2016)")
    assert not is_list_title(f"{word} các đơn vị gồm:")


@pytest.mark.parametrize("word", TITLE_DATA["note_openings"])
def test_each_note_opening_makes_an_attachment_note(word):
    assert is_attachment_note(f"({word} Quyết định số 1592/QĐ-ĐHVN ngày 31 tháng 12 năm 2024)")
    assert is_attachment_note(f"*({word} Quyết định số 844/QĐ-TTg*")
    assert not is_attachment_note(f"{word} Quyết định này là Kế hoạch.")


@pytest.mark.parametrize(
    "text",
    [
        "PHỤ LỤC I DANH MỤC CÁC THỦ TỤC HÀNH CHÍNH (Ban hành kèm theo Thông tư liên tịch số 89/2016)",
        "**Appendix 5. Template for the Program Self-Assessment Report**",
        "## APPENDICES",
        "### **Appendix**",
        "PHỤ LỤC SỐ 01",
    ],
)
def test_real_appendix_titles_are_recognised(text):
    assert is_appendix_title(text)


@pytest.mark.parametrize(
    "text",
    [
        "Phụ lục kèm theo Nghị định này được sửa đổi như sau:",
        "Phụ lục ban hành kèm theo Quyết định này.",
        "Phụ",
    ],
)
def test_sentences_that_open_with_the_word_are_not_titles(text):
    assert not is_appendix_title(text)


def test_the_table_command_gives_a_cell_dump_as_spreadsheet_ready_csv(tmp_path):
    import csv

    from typer.testing import CliRunner

    from nq57parse.cli import app

    path = tmp_path / "kh.txt"
    head = [
        "QUYẾT ĐỊNH",
        "Điều 1. Ban hành.",
        "PHỤ LỤC",
        "DANH MỤC NHIỆM VỤ",
        "(Kèm theo Kế hoạch số 980/KH-UBND)",
    ]
    path.write_text("\n".join([*head, *DUMP[:35]]), encoding="utf-8")
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(app, ["table", str(path), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert [(r["tt"], r["group"], r["task"], r["deadline_kind"]) for r in rows] == [
        ("1", "I", "Tổ chức lại Ban Chỉ huy\ncấp xã", "date"),
        ("2", "I", "Triển khai thực hiện", "year"),
    ]


@pytest.mark.parametrize(
    ("title", "key"),
    [("Tên tiêu chí", "ten_tieu_chi"), ("Đơn vị cấp chứng chỉ", "don_vi_cap_chung_chi"), ("Full name", "full_name"),
     ("(*)", "col4"), ("Group", "col4"), ("2025", "col4")],
)  # fmt: skip
def test_a_title_no_data_row_names_gets_a_key_made_of_its_words(title, key):
    from nq57parse.tables import title_key

    assert title_key(title, 3) == key
