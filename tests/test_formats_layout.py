"""The page layout rules on made-up word boxes (no PDF needed): lines, two-column regions, wrapped
paragraphs, ruled tables, page furniture, tables over a page break; the OCR and antiword glue."""

from __future__ import annotations

from collections.abc import Sequence

from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from nq57parse.readers import OCR_LOW, _extracted
from nq57parse.readers.doc import rebuild
from nq57parse.readers.layout import (
    Box,
    OutLine,
    PageText,
    Rule,
    Table,
    assemble,
    find_tables,
    glue,
    group_lines,
    join_wrapped,
    mark_running_furniture,
    page_number,
    read_page,
    reading_order,
)
from nq57parse.readers.ocr import parse_tsv, repair_word

H = 12.0  # line height of the made-up pages
# the NĐ 30 header of seed 004 in reading order (issuer, motto, number, place and date, type)
HEADER_LINES = [
    "BỘ Y TẾ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 2121/QĐ-BYT",
    "Hà Nội, ngày 26 tháng 6 năm 2025",
    "QUYẾT ĐỊNH",
]
RIGHT = 500.0


def words(text: str, x: float, y: float, conf: float | None = None) -> list[Box]:
    """A line of words starting at (x, y), 6 units a character, one space between words."""
    out = []
    for word in text.split():
        out.append(Box(word, x, y, x + 6 * len(word), y + H, conf))
        x += 6 * len(word) + 4
    return out


def texts(lines) -> list[str]:
    return [line.text for line in lines]


# --------------------------------------------------------------------------- reading order


def test_the_two_column_header_reads_issuer_motto_number_place_date() -> None:
    page = [
        *words("BỘ Y TẾ", 60, 50),
        *words("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 260, 50),
        *words("Độc lập - Tự do - Hạnh phúc", 300, 64),
        *words("Số: 2121/QĐ-BYT", 50, 80),
        *words("Hà Nội, ngày 26 tháng 6 năm 2025", 290, 80),
        *words("QUYẾT ĐỊNH", 230, 110),
    ]
    assert texts(reading_order(group_lines(page))) == HEADER_LINES


def test_the_signature_beside_the_recipients_comes_after_the_whole_list() -> None:
    page = [
        *words("Nơi nhận:", 50, 300),
        *words("BỘ TRƯỞNG", 340, 300),
        *words("- Như Điều 3;", 50, 314),
        *words("- Văn phòng Chính phủ;", 50, 328),
        *words("Đào Hồng Lan", 335, 328),
        *words("- Lưu: VT, K2ĐT.", 50, 342),
    ]
    assert texts(reading_order(group_lines(page))) == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Văn phòng Chính phủ;",
        "- Lưu: VT, K2ĐT.",
        "BỘ TRƯỞNG",
        "Đào Hồng Lan",
    ]


def test_a_line_across_the_gutter_ends_the_region() -> None:
    page = [
        *words("BỘ Y TẾ", 60, 50),
        *words("CỘNG HÒA", 300, 50),
        *words("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025 và các văn bản", 50, 70),
        *words("Số: 1", 60, 90),
    ]
    assert texts(reading_order(group_lines(page))) == [
        "BỘ Y TẾ",
        "CỘNG HÒA",
        "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025 và các văn bản",
        "Số: 1",
    ]


# --------------------------------------------------------------------------- wrapped paragraphs


def _lines(*specs: tuple[str, float, float]):
    return group_lines([w for text, x, y in specs for w in words(text, x, y)])


SENTENCE_TEXT = (
    "Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ sửa đổi, bổ sung cập nhật Chương trình "
    "hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá "
    "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;"
)
SENTENCE = SENTENCE_TEXT.split(" ")


def wrap(x_first: float, x_rest: float, y: float) -> list[str]:
    """SENTENCE laid out as a word processor would: each line as full as RIGHT allows."""
    lines: list = []
    line: list = []
    x = x_first
    for word in SENTENCE:
        if line and x + 6 * len(word) > RIGHT:
            lines.append(" ".join(line))
            line, x = [], x_rest
        line.append(word)
        x += 6 * len(word) + 4
    lines.append(" ".join(line))
    return lines


def justified(text: str, x: float, y: float) -> list[Box]:
    """A line whose spaces are stretched so that its last word ends at RIGHT."""
    boxes = words(text, x, y)
    if len(boxes) < 2:
        return boxes
    extra = (RIGHT - boxes[-1].x1) / (len(boxes) - 1)
    return [Box(b.text, b.x0 + k * extra, b.top, b.x1 + k * extra, b.bottom) for k, b in enumerate(boxes)]


def test_full_lines_go_on_in_the_next_and_an_indented_line_starts_a_paragraph() -> None:
    pieces = wrap(80, 50, 100)
    assert len(pieces) >= 4
    boxes = [
        b
        for i, text in enumerate(pieces)
        for b in (justified if i < len(pieces) - 1 else words)(text, 80 if i == 0 else 50, 100 + 13 * i)
    ]
    boxes += words("Căn cứ Nghị định số 42/2025/NĐ-CP;", 80, 100 + 13 * len(pieces))
    assert texts(join_wrapped(group_lines(boxes))) == [SENTENCE_TEXT, "Căn cứ Nghị định số 42/2025/NĐ-CP;"]


def test_nothing_is_joined_on_a_page_whose_right_edge_few_lines_reach() -> None:
    lines = _lines(
        ("ỦY BAN NHÂN DÂN HUYỆN AN PHÚ", 50, 100),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 50, 113),
        ("Độc lập - Tự do - Hạnh phúc", 50, 126),
    )
    assert len(join_wrapped(lines)) == 3


def test_a_short_line_is_not_joined_even_without_an_indent() -> None:
    lines = _lines(
        ("Điều 2. Hiệu lực thi hành", 50, 100),
        ("Quyết định này có hiệu lực thi hành kể từ ngày ký, ban hành và thay thế cho Kế hoạch", 50, 113),
    )
    assert texts(join_wrapped(lines)) == [
        "Điều 2. Hiệu lực thi hành",
        "Quyết định này có hiệu lực thi hành kể từ ngày ký, ban hành và thay thế cho Kế hoạch",
    ]


def test_a_unit_opening_after_a_closed_sentence_is_never_joined() -> None:
    lines = _lines(
        ("a) Xây dựng kế hoạch tuyên truyền thường xuyên về nội dung của Nghị quyết.", 50, 100),
        ("b) Bố trí cán bộ có chuyên môn, kinh nghiệm về khoa học kỹ thuật.", 50, 113),
    )
    assert len(join_wrapped(lines)) == 2


def test_a_blank_line_between_two_lines_keeps_them_apart() -> None:
    full = "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột"
    lines = _lines((full, 50, 100), ("phá phát triển khoa học;", 50, 130))
    assert len(join_wrapped(lines)) == 2


def test_glue_keeps_a_number_cut_at_its_hyphen_whole() -> None:
    assert (
        glue("thực hiện Nghị quyết số 57-", "NQ/TW ngày 22/12/2024")
        == "thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024"
    )
    assert glue("Vụ Kế hoạch -", "Tài chính") == "Vụ Kế hoạch - Tài chính"
    assert glue("của Bộ", "Y tế") == "của Bộ Y tế"


# --------------------------------------------------------------------------- ruled tables


def _grid_rules(xs: list[float], ys: list[float], skip_inner_on_row: int | None = None) -> list[Rule]:
    rules = [Rule(xs[0], y, xs[-1], y + 0.5) for y in ys]
    for k, x in enumerate(xs):
        if skip_inner_on_row is None or k in (0, 1, len(xs) - 1):
            rules.append(Rule(x, ys[0], x + 0.5, ys[-1]))
        else:  # an inner rule that stops above the merged row and starts again below it
            r = skip_inner_on_row
            if r > 0:
                rules.append(Rule(x, ys[0], x + 0.5, ys[r]))
            if r + 1 < len(ys) - 1:
                rules.append(Rule(x, ys[r + 1], x + 0.5, ys[-1]))
    return rules


def test_a_ruled_grid_becomes_rows_a_merged_cell_followed_by_empty_cells_a_cells_lines_wrapped_or_not() -> (
    None
):
    xs, ys = [40.0, 80.0, 300.0, 450.0], [100.0, 120.0, 140.0, 174.0]
    page_words = [
        *words("TT", 45, 104),
        *words("Tên nhiệm vụ", 90, 104),
        *words("Thời gian", 310, 104),
        *words("I", 45, 124),
        *words("Nâng cao nhận thức", 90, 124),
        *words("1", 45, 144),
        *words("Xây dựng kế hoạch triển khai Chương", 90, 144),
        *words("trình hành động", 90, 158),
        *words("Chuẩn: 12/2025", 310, 144),
        *words("Khác: theo yêu cầu", 310, 158),
        *words("Căn cứ", 50, 300),
    ]
    tables, free = find_tables(_grid_rules(xs, ys, skip_inner_on_row=1), page_words)
    assert [t.rows for t in tables] == [
        [
            ["TT", "Tên nhiệm vụ", "Thời gian"],
            ["I", "Nâng cao nhận thức", ""],
            [
                "1",
                "Xây dựng kế hoạch triển khai Chương trình hành động",
                "Chuẩn: 12/2025\nKhác: theo yêu cầu",
            ],
        ]
    ]
    assert [w.text for w in free] == ["Căn", "cứ"]


def test_lone_rules_are_not_a_table() -> None:
    underline = [Rule(60, 70, 120, 70.5)]
    tables, free = find_tables(underline, words("BỘ Y TẾ", 60, 50))
    assert tables == [] and len(free) == 3


def test_a_table_is_placed_among_the_text_lines_at_its_height() -> None:
    xs, ys = [40.0, 80.0, 300.0, 400.0, 450.0], [100.0, 120.0, 140.0]
    page = [*words("PHỤ LỤC", 200, 60), *words("TT Tên Kết Hạn", 45, 104), *words("Ghi chú", 50, 200)]
    text = read_page(page, _grid_rules(xs, ys), 800.0)
    assert [(o.text, o.table is not None) for o in text.lines] == [
        ("PHỤ LỤC", False),
        ("", True),
        ("Ghi chú", False),
    ]


def _table_page(rows: list[list[str]], before: Sequence[str] = ()) -> PageText:
    lines = [OutLine(t, 10.0 * i) for i, t in enumerate(before)]
    lines.append(OutLine("", 100.0, 500.0, None, Table(0, 100, 500, 500, [0, 1, 2, 3, 4], rows)))
    return PageText(lines, 800.0)


def test_a_table_over_a_page_break_is_one_table_the_cut_row_one_row() -> None:
    header = ["TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"]
    first = _table_page(
        [header, ["1", "Xây dựng kế hoạch", "Cục KHCN", "06/2025"], ["2", "Cụ thể hóa", "Vụ", ""]],
        ["PHỤ LỤC"],
    )
    second = _table_page(
        [header, ["", "nhiệm vụ chuyển đổi số", "", "Thường xuyên"], ["3", "Tuyên truyền", "VP", "03/2025"]]
    )
    lines, spans, _ = assemble([first, second])
    assert lines == [
        "PHỤ LỤC",
        "| TT | Tên nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành |",
        "|---|---|---|---|",
        "| 1 | Xây dựng kế hoạch | Cục KHCN | 06/2025 |",
        "| 2 | Cụ thể hóa nhiệm vụ chuyển đổi số | Vụ | Thường xuyên |",
        "| 3 | Tuyên truyền | VP | 03/2025 |",
    ]
    assert [(s.page, s.start_line, s.end_line) for s in spans] == [(1, 1, 5), (2, 6, 6)]


# --------------------------------------------------------------------------- page furniture


def test_page_numbers_in_their_usual_forms() -> None:
    for text in ("2", "- 2 -", "– 14 –", "(3)", "Trang 3", "Trang 3/12", "3/12"):
        assert page_number(text), text
    for text in ("Điều 2", "2.", "Số: 2", "a)", "12345", "Trang"):
        assert not page_number(text), text


def test_page_numbers_and_a_running_header_are_taken_out_with_their_place() -> None:
    pages = []
    for n in range(1, 5):
        lines = [
            OutLine("CÔNG BÁO/Số 795/Ngày 22-6-2025", 20.0, 32.0),
            OutLine(f"Nội dung trang {n}", 300.0, 312.0),
        ]
        lines.append(OutLine(f"- {n} -", 780.0, 792.0))
        pages.append(PageText(lines, 800.0))
    mark_running_furniture(pages)
    assert [texts(p.lines) for p in pages] == [[f"Nội dung trang {n}"] for n in range(1, 5)]
    assert pages[2].furniture == [("header", "CÔNG BÁO/Số 795/Ngày 22-6-2025"), ("footer", "- 3 -")]


def test_a_heading_at_the_top_of_one_page_is_not_furniture() -> None:
    pages = [PageText([OutLine("QUYẾT ĐỊNH", 20.0), OutLine("Điều 1. …", 300.0)], 800.0)]
    pages.append(PageText([OutLine("KẾ HOẠCH", 20.0), OutLine("I. MỤC TIÊU", 300.0)], 800.0))
    mark_running_furniture(pages)
    assert [p.furniture for p in pages] == [[], []]


# --------------------------------------------------------------------------- invariants


box_text = st.text(alphabet="abcdđ ĐƯỜNGướ0123456789-/.;", min_size=1, max_size=8).map(
    lambda t: t.strip() or "x"
)


@st.composite
def page_boxes(draw) -> list[Box]:
    out = []
    for _ in range(draw(st.integers(0, 40))):
        x = draw(st.floats(0, 500, allow_nan=False))
        y = draw(st.floats(0, 780, allow_nan=False))
        text = draw(box_text)
        out.append(Box(text, x, y, x + 6 * len(text), y + H))
    return out


@settings(max_examples=examples(150), deadline=None)
@given(page_boxes())
def test_reading_order_and_paragraphs_lose_and_repeat_no_word(boxes: list[Box]) -> None:
    ordered = reading_order(group_lines(boxes))
    assert sorted(w.text for line in ordered for w in line.words) == sorted(b.text for b in boxes)
    joined = "".join(o.text for o in join_wrapped(ordered))
    assert sorted(joined.replace(" ", "")) == sorted("".join(b.text for b in boxes).replace(" ", ""))


# --------------------------------------------------------------------------- OCR and antiword glue


TSV = "\n".join(
    [
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
        "1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t",
        "4\t1\t1\t1\t1\t0\t100\t100\t600\t40\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t104\t60\t30\t95.5\tSố:",
        "5\t1\t1\t1\t1\t2\t170\t100\t200\t36\t91.0\t2121/QĐÐ-BYT",
        "4\t1\t1\t1\t2\t0\t100\t160\t600\t40\t-1\t",
        "5\t1\t1\t1\t2\t1\t100\t162\t80\t30\t41.0\tCăn",
        "5\t1\t1\t1\t2\t2\t190\t160\t60\t36\t35.0\tcú",
        "4\t1\t1\t1\t3\t0\t100\t400\t1400\t40\t-1\t",
        "5\t1\t1\t1\t3\t1\t100\t400\t1400\t40\t90.0\tQUYẾT-ĐỊNH-RẤT-DÀI",
    ]
)


def test_tesseract_tsv_gives_words_with_their_lines_height_and_confidence() -> None:
    [(page_words, height)] = parse_tsv(TSV)
    assert height == 2339
    assert [(w.text, w.top, w.bottom, w.conf) for w in page_words] == [
        ("Số:", 100, 140, 95.5),
        ("2121/QĐ-BYT", 100, 140, 91.0),
        ("Căn", 160, 200, 41.0),
        ("cú", 160, 200, 35.0),
        ("QUYẾT-ĐỊNH-RẤT-DÀI", 400, 440, 90.0),
    ]


def test_a_line_read_with_low_confidence_carries_a_warning_naming_page_and_line() -> None:
    [(page_words, height)] = parse_tsv(TSV)
    extracted = _extracted([read_page(page_words, [], height)], "png+ocr", "scan.png")
    assert extracted.text == "Số: 2121/QĐ-BYT\nCăn cú\nQUYẾT-ĐỊNH-RẤT-DÀI\n"
    assert [(n.line, n.code, n.severity) for n in extracted.notes] == [(2, OCR_LOW, "warning")]
    assert extracted.notes[0].message.startswith(
        "page 1: OCR read this line with 38 % confidence (below 60 %)"
    )


def test_the_ocr_repairs_undo_the_doubled_d() -> None:
    assert repair_word("ĐÐU") == "ĐU"
    assert repair_word("đðường") == "đường"
    assert repair_word("ĐĐ") == "ĐĐ"  # a real ĐĐ (Đảng đoàn) is left alone


def test_antiword_tables_become_pipe_rows_and_layout_tables_read_in_order() -> None:
    out = rebuild(
        [
            "|BỘ Y TẾ       |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|",
            "|              |Độc lập - Tự do - Hạnh phúc       |",
            "|Số: 12/QĐ-BYT |Hà Nội, ngày 26 tháng 6 năm 2025  |",
            "",
            "QUYẾT ĐỊNH",
            "|TT  |Tên nhiệm vụ        |Đơn vị chủ trì |Thời gian hoàn thành|",
            "|1   |Xây dựng kế hoạch   |Cục KHCN       |06/2025             |",
            "|    |sửa đổi             |               |                    |",
            "|2   |Tuyên truyền        |Văn phòng      |- Quý III           |",
            "|    |                    |               |- Quý IV            |",
        ]
    )
    assert out == [
        "BỘ Y TẾ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/QĐ-BYT",
        "Hà Nội, ngày 26 tháng 6 năm 2025",
        "QUYẾT ĐỊNH",
        "| TT | Tên nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành |",
        "|---|---|---|---|",
        "| 1 | Xây dựng kế hoạch sửa đổi | Cục KHCN | 06/2025 |",
        "| 2 | Tuyên truyền | Văn phòng | - Quý III<br>- Quý IV |",
    ]
