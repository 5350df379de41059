"""`nq57parse validate`: seed 004 passes; each seeded error is reported at its exact line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES
from typer.testing import CliRunner

from nq57parse.cli import app
from nq57parse.normalise import normalise
from nq57parse.pipeline import parse_text
from nq57parse.validate import catalogue, validate_document

SEED = normalise((SAMPLES / "quyet-dinh-2121-QD-BYT.txt").read_text(encoding="utf-8")).text
NEWS = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_5589b16ecaed41a0.txt"
runner = CliRunner()


def findings_for(text: str):
    return validate_document(parse_text(text), "x.txt")


def test_the_decision_as_published_has_no_errors() -> None:
    assert [f for f in findings_for(SEED) if f.severity == "error"] == []
    result = runner.invoke(app, ["validate", str(SAMPLES / "quyet-dinh-2121-QD-BYT.txt")])
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("old", "new", "code", "line"),
    [
        ("Điều 3.  Các Ông/Bà", "Điều 4.  Các Ông/Bà", "NQ006", 21),
        ("ngày 26 tháng 6 năm 2025\nQUYẾT ĐỊNH", "ngày 31 tháng 2 năm 2025\nQUYẾT ĐỊNH", "NQ004", 7),
        ("ngày 27/02/2025 của Chính phủ quy định", "ngày 27/02/2026 của Chính phủ quy định", "NQ401", 12),
        ("Căn cứ Nghị định số 42/2025/NĐ-CP", "Căn cứ Quyết định số 42/2025/NĐ-CP", "NQ402", 12),
        ("Số: 2121/QĐ-BYT\n", "\n", "NQ101", 1),
        ("e) Xây dựng kế hoạch phát động", "f) Xây dựng kế hoạch phát động", "NQ202", 43),
        ("\n2.\nCụ thể hóa", "\n1.\nCụ thể hóa", "NQ302", 120),
    ],
    ids=[
        "article-skipped",
        "impossible-date",
        "basis-dated-later",
        "type-word-vs-code",
        "number-blanked",
        "point-f",
        "row-repeated",
    ],
)
def test_reports_each_seeded_error_at_its_line_and_fails_under_strict(tmp_path, old, new, code, line) -> None:
    assert old in SEED
    text = SEED.replace(old, new, 1)
    found = [(f.code, f.line) for f in findings_for(text)]
    assert (code, line) in found
    path = tmp_path / "d.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path), "--strict", "--format", "json"])
    assert result.exit_code == 1
    assert any(f["code"] == code and f["line"] == line for f in json.loads(result.stdout))


def test_reports_the_news_seeds_plan_cited_with_the_wrong_type_and_date() -> None:
    found = {
        (f.code, f.line): f.message
        for f in validate_document(parse_text(NEWS.read_text(encoding="utf-8")), "n")
    }
    assert "2026-06-26" in found[("NQ403", 13)] and "2025-06-26" in found[("NQ403", 13)]
    assert "2121/QĐ-BYT" in found[("NQ404", 13)]


def test_sarif_lists_the_rules_and_each_result_has_file_and_line(tmp_path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(SEED.replace("Điều 3.  Các", "Điều 4.  Các"), encoding="utf-8")
    sarif = json.loads(runner.invoke(app, ["validate", str(path), "--format", "sarif"]).stdout)
    assert sarif["version"] == "2.1.0" and len(sarif["runs"]) == 1
    driver = sarif["runs"][0]["tool"]["driver"]
    assert {r["id"] for r in driver["rules"]} == set(catalogue())
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "NQ006")
    loc = result["locations"][0]["physicalLocation"]
    assert (loc["artifactLocation"]["uri"], loc["region"]["startLine"]) == (str(path), 21)


def test_github_lines_carry_file_and_line(tmp_path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(SEED.replace("Điều 3.  Các", "Điều 4.  Các"), encoding="utf-8")
    out = runner.invoke(app, ["validate", str(path), "--format", "github"]).stdout
    assert f"::warning file={path},line=21,title=NQ006::Điều 4 follows Điều 2" in out.splitlines()


def test_select_and_ignore_filter_by_code_prefix() -> None:
    doc = parse_text(SEED.replace("Điều 3.  Các", "Điều 4.  Các"))
    assert {f.code for f in validate_document(doc, "x", select={"NQ0"})} == {"NQ006"}
    assert "NQ006" not in {f.code for f in validate_document(doc, "x", ignore={"NQ006"})}


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_correct_samples_give_no_errors(path: Path) -> None:
    assert [
        f
        for f in validate_document(parse_text(path.read_text(encoding="utf-8")), path.name)
        if f.severity == "error"
    ] == []


def test_unreadable_input_alone_exits_2_with_one_line(tmp_path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2


def test_every_rule_has_a_severity_a_description_and_examples() -> None:
    for code, meta in catalogue().items():
        assert code.startswith("NQ") and len(code) == 5
        assert meta["severity"] in ("error", "warning", "info")
        assert meta["applies"] in ("all", "decision")
        assert meta["description"] and meta["bad"] and meta["good"]
