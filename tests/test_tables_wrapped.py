"""PDF text of a table whose narrow columns wrap each cell over several lines (the gazette's copies):
the lines of one phrase are read together before cells are chosen, no line of a narrow column is much
longer than the column, and a label whose task follows after a column gap may be a typing slip."""

from __future__ import annotations

import random
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from nq57parse.models import Appendix, SourceLine
from nq57parse.table_labels import Numbering, candidate
from nq57parse.tables import _cap_lengths, _phrases, _weights, column_widths, rebuild_appendix

sys.path.insert(0, str(Path(__file__).parent))
from table_generator import SHAPES, generate_table, score, to_appendix

PDF_HEADER = ["STT", "Tên nhiệm vụ cụ thể", "Cơ quan", "chủ trì", "Cơ quan", "phối hợp", "Kết quả",
              "Thời gian hoàn", "thành"]  # fmt: skip
KEYS = ("task", "lead", "partners", "result", "deadline")
CUES = yaml.safe_load(
    resources.files("nq57parse.data").joinpath("table_cues.yaml").read_text(encoding="utf-8")
)


def rebuilt(lines: list[str]):
    appendix = Appendix(
        title="PHỤ LỤC", line=1, lines=[SourceLine(line=n, text=t) for n, t in enumerate(lines, start=2)]
    )
    return rebuild_appendix(appendix)


def cells(lines: list[str]) -> list[dict[str, str]]:
    table, _ = rebuilt([*PDF_HEADER, *lines])
    return [{k: v for k, v in r.cells.items() if k != "tt"} for r in table.rows]


# --- rows: text → expected rows -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            ["Xây dựng đề án", "Bộ Tài chính", "Bộ Y tế, Trường Đại học Y Hà", "Nội", "Đề án", "Quý I/2027"],
            {"lead": "Bộ Tài chính", "partners": "Bộ Y tế, Trường Đại học Y Hà\nNội"},
            id="the-rest-of-a-name-stays-in-its-cell",
        ),
        pytest.param(
            ["Xây dựng đề án", "Viện Chiến lược và", "Chính sách y tế", "Đề án", "Quý I/2027"],
            {"lead": "Viện Chiến lược và\nChính sách y tế", "result": "Đề án"},
            id="a-line-ending-on-và-goes-on",
        ),
        pytest.param(
            ["Đẩy mạnh kho dữ liệu mở đáp ứng yêu cầu của", "Nghị quyết số 57-NQ/TW", "Bộ Y tế", "Đề án",
             "2030"],
            {"task": "Đẩy mạnh kho dữ liệu mở đáp ứng yêu cầu của\nNghị quyết số 57-NQ/TW", "result": "Đề án"},
            id="a-task-ending-on-của-goes-on",
        ),
        pytest.param(
            ["Tổ chức kho dữ liệu mở theo Quyết định số", "749/QĐ-TTg ngày 03/6/2020", "Bộ Y tế", "Tháng",
             "12/2025"],
            {"task": "Tổ chức kho dữ liệu mở theo Quyết định số\n749/QĐ-TTg ngày 03/6/2020",
             "deadline": "Tháng\n12/2025"},
            id="a-number-after-số-and-a-deadline-over-two-lines",
        ),
        pytest.param(
            ["Rà soát quy định", "Vụ Kế hoạch -", "Tài chính", "Báo cáo kết quả thực", "hiện",
             "6 tháng đầu năm", "2026"],
            {"lead": "Vụ Kế hoạch -\nTài chính", "result": "Báo cáo kết quả thực\nhiện",
             "deadline": "6 tháng đầu năm\n2026"},
            id="a-hyphen-at-the-end-and-a-figure-opening-a-deadline",
        ),
        pytest.param(
            ["Rà soát quy định", "Bộ Y tế", "- Bệnh viện Bạch", "Mai", "- Cục Quản lý", "Dược", "Đề án", "2030"],
            {"lead": "Bộ Y tế", "partners": "- Bệnh viện Bạch\nMai\n- Cục Quản lý\nDược"},
            id="wrapped-bullets-are-one-list",
        ),
        pytest.param(
            ["Rà soát quy định", "Bộ Y tế", "Số liệu được cập nhật", "định kỳ", "Hằng năm"],
            {"result": "Số liệu được cập nhật\nđịnh kỳ", "deadline": "Hằng năm"},
            id="a-lower-case-line-is-not-a-deadline-of-its-own",
        ),
    ],
)  # fmt: skip
def test_a_cell_wrapped_at_a_narrow_column_is_rebuilt(body, expected):
    [row] = cells(["1.", *body])
    assert {k: row[k] for k in expected} == expected


def test_a_word_like_chuyển_đổi_số_or_hằng_năm_still_ends_a_cell():
    [row] = cells(["1.", "Xây dựng kế hoạch chuyển đổi số", "Bộ Y tế", "Báo cáo hằng năm", "2026"])
    assert (row["task"], row["lead"], row["result"], row["deadline"]) == (
        "Xây dựng kế hoạch chuyển đổi số",
        "Bộ Y tế",
        "Báo cáo hằng năm",
        "2026",
    )


def test_phrases_join_only_what_can_only_be_one_phrase():
    weights = _weights(KEYS)
    texts = [
        "Ủy ban nhân",
        "dân cấp tỉnh",
        "Bộ Y tế;",
        "ban hành quy chế",
        "- Vụ A",
        "và B",
        "Quý",
        "IV/2025",
    ]
    assert _phrases(texts, weights) == [[0, 1], [2], [3], [4, 5], [6, 7]]
    assert _phrases(["Kế hoạch", "2026"], _weights(("task", "lead"))) == [[0], [1]]  # no deadline column


@pytest.mark.parametrize("word", CUES["dangling_words"])
def test_each_dangling_word_carries_the_line_on(word):
    assert _phrases([f"Phối hợp {word}", "Sở Y tế"], _weights(KEYS)) == [[0, 1]]


@pytest.mark.parametrize("word", CUES["number_words"])
def test_each_number_word_carries_a_figure_on_but_not_a_word(word):
    weights = _weights(KEYS)
    assert _phrases([f"Kế hoạch {word}", "57"], weights) == [[0, 1]]
    assert _phrases([f"Kế hoạch {word}", "Sở Y tế"], weights) == [[0], [1]]


# --- column widths ------------------------------------------------------------------------------


def test_a_wrapped_table_has_column_widths_and_a_word_copy_has_none():
    wrapped = [
        ["Tăng cường lãnh đạo, chỉ đạo xây dựng và", "tổ chức thực hiện hiệu quả các chủ", "trương"]
    ] * 4
    assert column_widths(wrapped, [[0, 0, 0]] * 4, 2) == (40.0, None)  # the upper quartile of 40, 34
    word = [["Xây dựng kế hoạch chuyển đổi số của ngành", "Bộ Y tế"]] * 6
    assert column_widths(word, [[0, 1]] * 6, 2) == (None, None)


def test_a_line_much_longer_than_a_narrow_column_scores_the_width_penalty_there():
    emit = [[0.0, 0.0], [0.0, 0.0]]
    _cap_lengths([50, 16], emit, (None, 14.0))  # 14 × 1.2 + 2 = 18.8 characters at most
    assert emit == [[0.0, -float(CUES["scoring"]["width_penalty"])], [0.0, 0.0]]


# --- a label with its task after a column gap -----------------------------------------------------


def test_a_repeated_label_with_its_task_after_a_column_gap_is_a_row_of_its_own():
    table, diagnostics = rebuilt(
        [
            *PDF_HEADER,
            "1.",
            "Xây dựng a",
            "Bộ Y tế",
            "2.",
            "Xây dựng b",
            "Bộ Tài chính",
            "2.  Ban hành quy trình nội bộ",
            "Bộ Công an",
            "3.",
            "Xây dựng c",
        ]
    )
    assert [r.tt for r in table.rows] == ["1", "2", "2", "3"]
    assert table.rows[2].cells["task"] == "Ban hành quy trình nội bộ"
    assert table.rows[2].line == 17
    assert [(d.code, d.line) for d in diagnostics if d.code in ("NQ302", "NQ311")] == [("NQ302", 17)]


def test_a_number_opening_a_sentence_with_one_space_stays_text():
    seq = Numbering()
    for label in ("1.", "2."):
        seq.advance(candidate(label))
    assert seq.accepts(candidate("2. Ban hành quy trình")) is None
    assert seq.accepts(candidate("1. Ban hành quy trình")) is None
    assert seq.accepts(candidate("1.  Ban hành quy trình")) == "stray"


# --- the generator's shape against the benchmark's target -----------------------------------------


def test_pdf_fragments_of_random_tables_come_back_cell_for_cell():
    right = total = 0
    for seed in range(300):
        table = generate_table(random.Random(seed), SHAPES)
        if "fragments" in table.shapes:
            got, all_cells = score(table, rebuild_appendix(to_appendix(table))[0])
            right, total = right + got, total + all_cells
    assert total > 1500 and right / total >= 0.96


def test_a_row_printed_over_a_page_break_goes_on_in_its_task_after_the_repeated_header():
    table, _ = rebuilt(
        [*PDF_HEADER, "1.", "Xây dựng Nghị định về tăng mức đóng bảo", "hiểm y tế từ năm 2027 theo lộ trình",
         "Bộ Y tế", "Bộ Tài chính", "Nghị định của", "Chính phủ", "Tháng 3/2027",
         "CÔNG BÁO/Số 286/Ngày 27-05-2026", "97", *PDF_HEADER,
         "với việc mở rộng phạm vi quyền lợi, mức", "hưởng bảo hiểm y tế.", "2.", "Xây dựng Nghị quyết",
         "Bộ Y tế", "Quý IV/2028"]
    )  # fmt: skip
    first = table.rows[0].cells
    assert first["task"].endswith(
        "theo lộ trình\nvới việc mở rộng phạm vi quyền lợi, mức\nhưởng bảo hiểm y tế."
    )
    assert (first["lead"], first["result"], first["deadline"]) == (
        "Bộ Y tế",
        "Nghị định của\nChính phủ",
        "Tháng 3/2027",
    )
    assert [r.tt for r in table.rows] == ["1", "2"]
