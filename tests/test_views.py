"""`extract --format text` and `--format markdown` (views/text.py, views/markdown.py, views/common.py)."""

from __future__ import annotations

import pytest
from conftest import SAMPLES, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from nq57parse import parse_file, parse_text
from nq57parse.cli import app
from nq57parse.views.common import basis_targets, outline, table_rows, walk
from nq57parse.views.markdown import escape, render_markdown
from nq57parse.views.text import render_text

runner = CliRunner()
DECISION = SAMPLES / "quyet-dinh-2121-QD-BYT.txt"
PLAN = SAMPLES / "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt"


@pytest.fixture(scope="module")
def decision_text() -> str:
    result = runner.invoke(app, ["extract", str(DECISION), "--format", "text"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_text_view_fits_an_80_column_terminal(decision_text):
    assert max(len(line) for line in decision_text.splitlines()) <= 80


def test_text_view_shows_the_header_panel(decision_text):
    lines = decision_text.splitlines()
    assert lines[0] == "QUYẾT ĐỊNH 2121/QĐ-BYT"
    for expected in (
        "Type       Quyết định",
        "Number     2121/QĐ-BYT",
        "Issuer     BỘ Y TẾ",
        "Place      Hà Nội",
    ):
        assert expected in lines
    assert "Date       2025-06-26" in lines
    assert any(line.startswith("Title      BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG") for line in lines)


def test_text_view_lists_legal_bases_with_their_targets(decision_text):
    lines = decision_text.splitlines()
    assert "Legal bases (5)" in lines
    assert "     → 57-NQ/TW  (line 11)" in lines
    assert "     → 42/2025/NĐ-CP  (line 12)" in lines
    assert "     → 71/NQ-CP, 57-NQ/TW  (line 13)" in lines


def test_text_view_draws_the_outline_as_a_tree(decision_text):
    lines = decision_text.splitlines()
    assert "   18  Điều 2. Hiệu lực thi hành" in lines
    assert "   33  ├─ I. MỤC TIÊU" in lines
    assert any(line.startswith("   38  │  │  ├─ a) Xây dựng") for line in lines)
    assert "   83  └─ III. TỔ CHỨC THỰC HIỆN" in lines


def test_text_view_signature_table_citations_and_diagnostics_last(decision_text):
    lines = decision_text.splitlines()
    assert "  Đào Hồng Lan  (line 28)" in lines
    assert "… 69 more rows (all of them: nq57parse table FILE)" in lines
    header = next(line for line in lines if line.startswith("TT    Tên nhiệm vụ"))
    assert "Đơn vị chủ trì" in header
    assert "based on (Căn cứ):" in lines and "replaces (thay thế):" in lines
    assert lines.index("based on (Căn cứ):") < lines.index("mentions:")
    assert lines[-3:-1] == ["Diagnostics (1)", "───────────────"]
    assert lines[-1].startswith("  214  warning NQ303  row 11.5")


def test_rows_zero_shows_the_whole_table():
    full = runner.invoke(app, ["extract", str(DECISION), "-f", "text", "--rows", "0"]).stdout
    assert "more rows" not in full
    assert (
        runner.invoke(app, ["extract", str(DECISION), "-f", "text", "--rows", "3"]).stdout.count(
            "more rows (all of them"
        )
        == 1
    )


def test_a_plan_by_headings_shows_its_sections_and_footnotes():
    text = render_text(parse_file(PLAN))
    assert "Legal bases (5)" in text
    assert "     → 43/KH-UBND, 03/NQ-CP, 57-NQ/TW  (line 3)" in text.splitlines()  # one line, five bases
    assert "    4  I. MỤC ĐÍCH, YÊU CẦU" in text.splitlines()
    assert "Footnotes (2)" in text


def test_markdown_renders_as_github_markdown():
    md = runner.invoke(app, ["extract", str(DECISION), "--format", "markdown"]).stdout
    lines = md.splitlines()
    assert lines[0] == "# Quyết định 2121/QĐ-BYT"
    assert lines[2:4] == ["| Field | Value |", "|---|---|"]
    assert "## Legal bases (5)" in lines
    assert any(
        line.startswith("1. Căn cứ Nghị quyết số 57-NQ/TW") and "→ **57-NQ/TW**" in line for line in lines
    )
    assert "- **Điều 2.** Hiệu lực thi hành *(line 18)*" in lines
    assert "  - **I.** MỤC TIÊU *(line 33)*" in lines  # nested under the attached plan
    assert (
        "| TT | Tên nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Kết quả | Thời gian hoàn thành |" in lines
    )
    assert "### based on (Căn cứ)" in lines
    assert lines[-3] == "| Line | Severity | Code | Message |"
    # every table row has as many cells as its header
    tables = [line for line in lines if line.startswith("|")]
    assert all(line.endswith("|") for line in tables)


def test_markdown_from_the_output_suffix(tmp_path):
    out = tmp_path / "d.md"
    assert runner.invoke(app, ["extract", str(DECISION), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Quyết định 2121/QĐ-BYT\n")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a*b*", "a\\*b\\*"),
        ("x|y", "x\\|y"),
        ("<b>", "\\<b\\>"),
        ("_nghiêng_", "\\_nghiêng\\_"),
        ("a\nb", "a<br>b"),
    ],
)
def test_markdown_escapes_what_github_would_read_as_markup(raw, escaped):
    assert escape(raw) == escaped


def test_basis_targets_take_only_the_citations_of_each_basis():
    doc = parse_file(PLAN)
    targets = basis_targets(doc)
    assert targets[0] == ["5369/QĐ-UBND"]
    assert targets[1] == ["08-CTr/TU"]
    assert targets[3] == ["43/KH-UBND", "03/NQ-CP", "57-NQ/TW"]


def test_table_rows_cut_counts_the_rest():
    doc = parse_file(DECISION)
    appendix = doc.appendices[0]
    shown, left = table_rows(appendix, 5)
    assert [kind for kind, _ in shown].count("r") == 5 and left == len(appendix.rows) - 5
    everything, none_left = table_rows(appendix, None)
    assert none_left == 0 and [k for k, _ in everything].count("r") == len(appendix.rows)


def test_a_document_with_chapters_shows_them_above_its_articles():
    text = "\n".join(
        [
            "QUỐC HỘI",
            "Luật số: 1/2025/QH15",
            "LUẬT",
            "THỬ NGHIỆM",
            "Chương I",
            "QUY ĐỊNH CHUNG",
            "Điều 1. Phạm vi điều chỉnh",
            "Luật này quy định việc thử.",
            "Chương II",
            "ĐIỀU KHOẢN THI HÀNH",
            "Điều 2. Hiệu lực thi hành",
            "1. Luật này có hiệu lực từ ngày ký.",
            "a) Điểm một.",
        ]
    )
    tree = [(depth, node.label) for depth, node in walk(outline(parse_text(text)))]
    assert tree == [(0, "Chương I"), (1, "Điều 1."), (0, "Chương II"), (1, "Điều 2."), (2, "1."), (3, "a)")]


@settings(max_examples=examples(40), deadline=None)
@given(st.text(alphabet=st.sampled_from("ĐđIiề1.2) a-\n Căn cứ;Số:/QĐ"), max_size=300))
def test_views_never_fail_and_text_stays_in_80_columns(text):
    doc = parse_text(text)
    assert all(len(line) <= 80 for line in render_text(doc).splitlines())
    assert render_markdown(doc).startswith("# ")


def test_markdown_parses_as_tables_and_nested_lists():
    from markdown_it import MarkdownIt  # rich's own dependency: a CommonMark parser with GFM tables

    md = render_markdown(parse_file(DECISION))
    html = MarkdownIt("commonmark").enable("table").render(md)
    tables = md.count("|---|") and sum(1 for line in md.splitlines() if line.startswith("|---|"))
    assert html.count("<table>") == tables >= 4  # facts, appendix, cited documents, diagnostics
    assert "|---|" not in html and "<h1>Quyết định 2121/QĐ-BYT</h1>" in html
    assert "<ul>\n<li><strong>I.</strong> MỤC TIÊU" in html  # the plan's sections nested in a list
    assert "<em>… " in html and "more rows" in html


@pytest.mark.parametrize(
    ("header", "shown"),
    [
        ("| STT | Nội dung | Ghi chú |", ["Nội dung", "Ghi chú"]),
        ("| STT | Cơ quan | Số lượng | Ghi chú | Khác |", ["Cơ quan", "Số lượng", "Ghi chú"]),
    ],
)
def test_a_table_with_other_columns_shows_its_own(header, shown):
    cells = header.count("|") - 1
    text = "\n".join(
        [
            "BỘ Y TẾ",
            "Số: 1/QĐ-BYT",
            "QUYẾT ĐỊNH",
            "Về việc thử",
            "Điều 1. Thử.",
            "PHỤ LỤC",
            header,
            "|" + "---|" * cells,
            "| 1 | " + " | ".join(["một"] * (cells - 1)) + " |",
        ]
    )
    lines = render_text(parse_text(text)).splitlines()
    head = next(line for line in lines if line.startswith("TT    "))
    assert head.split()[1:] == [w for title in shown for w in title.split()]
    assert any(line.startswith("1     một") for line in lines)
