"""A wrong row label (a duplicate, a mistyped sub-row, a label out of order) stays a row with its own
cells and is reported (NQ311) at the label's line; figures and years are never taken as labels."""

from __future__ import annotations

import json

import pytest
from conftest import sample
from typer.testing import CliRunner

from nq57parse.cli import app
from nq57parse.models import Appendix, SourceLine
from nq57parse.pipeline import parse_text
from nq57parse.tables import rebuild_appendix

SEED = sample("quyet-dinh-2121-QD-BYT.txt")
HEADER = ["TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"]


def seed_with(line: int, old: str, new: str) -> str:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert lines[line - 1].strip() == old
    lines[line - 1] = new
    return "\n".join(lines)


def rebuilt(lines: list[str]):
    appendix = Appendix(
        title="PHỤ LỤC", line=1, lines=[SourceLine(line=n, text=t) for n, t in enumerate(lines, start=2)]
    )
    return rebuild_appendix(appendix)


@pytest.mark.parametrize(
    ("line", "old", "new", "task_start"),
    [
        (220, "12.", "11.", "Xây dựng đề án phát triển một số viện nghiên cứu"),
        (187, "10.3", "9.1", "Kết quả thực hiện chuyển đổi số là tiêu chí"),
    ],
)
def test_a_mistyped_label_in_seed_004_stays_a_row_with_its_own_task(line, old, new, task_start):
    doc = parse_text(seed_with(line, old, new))
    rows = doc.appendices[0].rows
    assert len(rows) == 79
    row = next(r for r in rows if r.line == line)
    assert row.tt == new.rstrip(".")
    assert row.cells["task"].startswith(task_start)
    assert "\n" + new not in rows[rows.index(row) - 1].cells["lead"]  # not text of the row above
    found = [d for d in doc.diagnostics if d.code == "NQ311"]
    assert [d.line for d in found] == [line]


def test_validate_reports_the_duplicate_label_at_its_line(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(seed_with(220, "12.", "11."), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path), "--format", "json", "--select", "NQ311"])
    assert '"line": 220' in result.output
    assert "11 after 11.6 is out of sequence where 12 belongs" in result.output
    assert "already the label of line 195" in result.output


@pytest.mark.parametrize(("line", "old", "new"), [(220, "12.", "11."), (187, "10.3", "9.1")])
def test_validate_gives_one_finding_per_wrong_label(tmp_path, line, old, new):
    path = tmp_path / "seed.txt"
    path.write_text(seed_with(line, old, new), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path), "--format", "json"])
    findings = [f for f in json.loads(result.output) if f["line"] == line]
    assert [f["code"] for f in findings] == ["NQ311"]  # not NQ310 besides, for the same slip


def test_the_rows_after_a_wrong_label_follow_the_number_it_stood_for():
    table, diagnostics = rebuilt(
        [
            *HEADER,
            "1.",
            "Xây dựng a",
            "Cục A",
            "2025",
            "1.",
            "Xây dựng b",
            "Cục B",
            "3.",
            "Xây dựng c",
            "Cục C",
        ]
    )
    assert [r.tt for r in table.rows] == ["1", "1", "3"]
    assert [r.cells["lead"] for r in table.rows] == ["Cục A", "Cục B", "Cục C"]
    # the repeat right after its own row is NQ302; 3 follows the 2 it stood for: no skip reported
    assert [d.code for d in diagnostics if d.code.startswith("NQ30") or d.code == "NQ311"] == ["NQ302"]


def test_a_label_out_of_order_is_a_row_and_the_numbering_goes_on():
    table, diagnostics = rebuilt(
        [
            *HEADER,
            "1.",
            "Xây dựng a",
            "2.",
            "Xây dựng b",
            "2.1",
            "Xây dựng c",
            "1.4",
            "Xây dựng d",
            "2.3",
            "Xây dựng e",
            "3.",
            "Xây dựng f",
        ]
    )
    assert [r.tt for r in table.rows] == ["1", "2", "2.1", "1.4", "2.3", "3"]
    assert [(d.code, d.line) for d in diagnostics if d.code in ("NQ301", "NQ311")] == [("NQ311", 12)]


@pytest.mark.parametrize("figure", ["7.350", "2025.", "96", "2030", "45.", "1.2.3.4"])
def test_figures_years_and_far_numbers_stay_cell_text(figure):
    table, diagnostics = rebuilt([*HEADER, "1.", "Xây dựng a", "Cục A", figure, "2.", "Xây dựng b"])
    assert [r.tt for r in table.rows] == ["1", "2"]
    assert (
        figure in table.rows[0].cells["deadline"] + table.rows[0].cells["lead"] + table.rows[0].cells["task"]
    )
    assert not [d for d in diagnostics if d.code == "NQ311"]


def test_a_wrong_label_in_a_pipe_table_is_reported_too():
    table, diagnostics = rebuilt(
        [
            "| TT | Tên nhiệm vụ | Chủ trì |",
            "|---|---|---|",
            "| 1 | a | Cục A |",
            "| 1.1 | b | Cục B |",
            "| 1 | c | Cục C |",
            "| 2 | d | Cục D |",
        ]
    )
    assert [r.tt for r in table.rows] == ["1", "1.1", "1", "2"]
    assert [(d.code, d.line) for d in diagnostics] == [("NQ311", 6)]
