"""`nq57parse validate`: seed 004 passes; each seeded error is reported at its exact line."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

import pytest
from conftest import NEWS, SAMPLES
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from nq57parse.cli import app
from nq57parse.legacy import encode_legacy
from nq57parse.normalise import normalise
from nq57parse.pipeline import parse_text
from nq57parse.validate import catalogue, validate_document

SEED = normalise((SAMPLES / "quyet-dinh-2121-QD-BYT.txt").read_text(encoding="utf-8")).text
ROOT = Path(__file__).resolve().parents[1]
NEWS_CONFLICT = NEWS / "tin-tuc-ke-hoach-sai-ngay.txt"  # a plan cited with the type and date wrong
runner = CliRunner()


@cache
def findings_for(text: str) -> tuple:
    """The findings of a text, computed once per text in the session (the tests only read them)."""
    return tuple(validate_document(parse_text(text), "x.txt"))


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
        ("Số: 2121/QĐ-BYT\n", "\n", "NQ101", 6),
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
    path = tmp_path / "d.txt"
    path.write_text(SEED.replace(old, new, 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path), "--strict", "--format", "json"])
    assert result.exit_code == 1
    assert (code, line) in [(f["code"], f["line"]) for f in json.loads(result.stdout)]


def test_reports_the_news_seeds_plan_cited_with_the_wrong_type_and_date() -> None:
    found = {
        (f.code, f.line): f.message
        for f in validate_document(parse_text(NEWS_CONFLICT.read_text(encoding="utf-8")), "n")
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
    assert (loc["artifactLocation"]["uri"], loc["region"]["startLine"]) == (path.as_uri(), 21)


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
    assert [f for f in findings_for(path.read_text(encoding="utf-8")) if f.severity == "error"] == []


def test_unreadable_input_alone_exits_2_with_one_line(tmp_path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2


def test_every_rule_has_a_severity_a_description_and_examples() -> None:
    for code, meta in catalogue().items():
        assert code.startswith("NQ") and len(code) == 5
        assert meta["severity"] in ("error", "warning", "info")
        assert meta["applies"] in ("all", "decision")
        assert meta["description"] and meta["bad"] and meta["good"]


def test_every_code_the_package_can_report_is_in_the_catalogue() -> None:
    import re

    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "nq57parse").rglob("*.py"))
    emitted = set(re.findall(r'"(NQ\d{3})"', source))
    assert {"NQ006", "NQ101", "NQ310", "NQ900"} <= emitted
    assert emitted - {"NQ000"} <= set(catalogue())  # NQ000 (a parser note) is never a finding


# -- SARIF against the standard's schema ------------------------------------------------------------

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-2.1.0-subset.json").read_text(encoding="utf-8")
)


def sarif_for(tmp_path, text: str) -> dict:
    path = tmp_path / "d.txt"
    path.write_text(text, encoding="utf-8")
    return json.loads(runner.invoke(app, ["validate", str(path), "--format", "sarif", "--no-config"]).stdout)


@pytest.fixture(scope="module")
def skipped_article_sarif(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """SARIF of seed 004 with Điều 3 numbered 4 (an NQ006 finding), made once for the module."""
    return sarif_for(tmp_path_factory.mktemp("sarif"), SEED.replace("Điều 3.  Các", "Điều 4.  Các"))


def test_sarif_output_is_valid_against_the_sarif_2_1_0_schema(skipped_article_sarif: dict) -> None:
    import jsonschema

    sarif = skipped_article_sarif
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(sarif)
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "NQ006")
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "NQ006"
    assert rules[result["ruleIndex"]]["help"]["text"] == "Bad: Điều 2. … Điều 4. …\nGood: Điều 2. … Điều 3. …"


def test_sarif_for_an_unreadable_file_among_others_points_at_the_read_rule(tmp_path) -> None:
    import jsonschema

    good = tmp_path / "d.txt"
    good.write_text(SEED, encoding="utf-8")
    args = ["validate", str(good), str(tmp_path / "gone.txt"), "--format", "sarif", "--no-config"]
    result = runner.invoke(app, args)
    sarif = json.loads(result.stdout)
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(sarif)
    run = sarif["runs"][0]
    missing = next(r for r in run["results"] if r["ruleId"] == "NQ900")
    assert run["tool"]["driver"]["rules"][missing["ruleIndex"]]["defaultConfiguration"] == {"level": "error"}
    assert missing["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": (tmp_path / "gone.txt").as_uri()}
    }
    assert result.exit_code == 1


@pytest.mark.parametrize(
    "breakage",
    [
        lambda s: s["runs"][0]["results"][0].update(level="fatal"),
        lambda s: s["runs"][0]["results"][0].pop("message"),
        lambda s: s["runs"][0]["tool"]["driver"].pop("name"),
        lambda s: s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(
            startLine=0
        ),
        lambda s: s["runs"][0]["results"][0].update(line=21),
        lambda s: s.update(version="2.0.0"),
    ],
    ids=["unknown-level", "no-message", "tool-without-name", "line-zero", "unknown-property", "old-version"],
)
def test_the_sarif_schema_rejects_what_the_standard_rejects(skipped_article_sarif: dict, breakage) -> None:
    import jsonschema

    sarif = copy.deepcopy(skipped_article_sarif)
    breakage(sarif)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(SARIF_SCHEMA).validate(sarif)


# -- rules added for the catalogue ------------------------------------------------------------------


def codes_at(text: str) -> set[tuple[str, int | None]]:
    return {(f.code, f.line) for f in findings_for(text)}


def test_a_deadline_before_the_issue_date_is_reported_at_its_cell() -> None:
    assert ("NQ309", 131) in codes_at(SEED)  # row 3 of seed 004 is due 03/2025; the plan is of 26/06/2025
    assert ("NQ309", 131) not in codes_at(SEED.replace("\n03/2025\n", "\n09/2025\n", 1))


def test_a_sub_row_without_its_parent_row_is_reported() -> None:
    table = "| TT | Nhiệm vụ | Đơn vị chủ trì |\n|---|---|---|\n| 1 | Xây dựng | Cục A |\n| 2.1 | Rà soát | Cục B |\n"
    text = "QUYẾT ĐỊNH\nVề việc thử\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành.\nPHỤ LỤC\n" + table
    assert ("NQ310", 9) in codes_at(text)
    assert "NQ310" not in {c for c, _ in codes_at(text.replace("| 2.1 |", "| 1.1 |"))}


def test_a_short_form_that_resolves_to_nothing_is_reported() -> None:
    text = "Tin tức\nBộ Y tế triển khai Nghị quyết số 99 của Chính phủ về chuyển đổi số.\n"
    assert ("NQ405", 2) in codes_at(text)
    assert "NQ405" not in {c for c, _ in codes_at(text.replace("số 99 của", "số 99/NQ-CP của"))}


def test_a_party_number_written_like_a_state_number_is_reported() -> None:
    text = (SAMPLES / "ke-hoach-dang-uy.txt").read_text(encoding="utf-8")
    assert "NQ108" not in {c for c, _ in codes_at(text)}
    assert ("NQ108", 4) in codes_at(text.replace("Số 23-KH/ĐU", "Số: 23/KH-ĐU"))


def test_mojibake_is_reported_on_each_broken_line_up_to_five() -> None:
    from nq57parse.normalise import normalise as norm

    broken = SEED.replace("Nghị quyết", "Nghá»‹ quyáº¿t")  # as text (a file is repaired when read)
    found = validate_document(parse_text(broken), "m", lines=norm(broken).lines)
    lines = [f.line for f in found if f.code == "NQ502"]
    first = next(n for n, line in enumerate(norm(broken).lines, start=1) if "Nghá»‹" in line)
    assert len(lines) == 5 and lines == sorted(lines) and lines[0] == first


def test_a_mojibake_file_is_repaired_when_read_and_then_passes(tmp_path) -> None:
    path = tmp_path / "m.txt"
    path.write_text(SEED.replace("Nghị quyết", "Nghá»‹ quyáº¿t"), encoding="utf-8")
    out = json.loads(runner.invoke(app, ["validate", str(path), "--format", "json", "--no-config"]).stdout)
    assert "NQ502" not in {f["code"] for f in out}


NEW_RULES = ("NQ108", "NQ109", "NQ309", "NQ310", "NQ405", "NQ406", "NQ502", "NQ503")


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "message"),
    [
        (
            "Số: 2121/QĐ-BYT",
            "Số: 2121/QĐ-TW",
            "NQ108",
            6,
            "2121/QĐ-TW: a Party document's number is written 2121-QĐ/TW",
        ),
        (
            "Số: 2121/QĐ-BYT",
            "Số: 2121-QĐ/BYT",
            "NQ108",
            6,
            "2121-QĐ/BYT: a state document's number is written 2121/QĐ-BYT",
        ),
        (
            "\n12/2025\n6.\n",
            "\n01/2025\n6.\n",
            "NQ309",
            144,
            "row 5: deadline '01/2025' ends before the issue date 2025-06-26",
        ),
        (
            "\n11.3\n",
            "\n12.3\n",
            "NQ311",
            207,
            "table label 12.3 after 11.2 is out of sequence where 11.3 belongs: kept as a row of its own",
        ),
        (
            "\n10.3\n",
            "\n9.1\n",
            "NQ311",
            187,
            "table label 9.1 after 10.2 is out of sequence where 10.3 belongs: kept as a row of its own",
        ),
        (
            "\n11.6\n",
            "\n10.4\n",
            "NQ311",
            216,
            "table label 10.4 after 11.5 is out of sequence where 11.6 belongs: kept as a row of its own",
        ),
        (
            "c) Triển khai thực hiện Nghị quyết số 59-NQ/TW ngày 24/01/2025",
            "c) Triển khai thực hiện Nghị quyết số 03 ngày 24/01/2025",
            "NQ405",
            82,
            "'Nghị quyết số 03 ngày 24/01/2025 của Bộ Chính trị' names no number that resolves to one document",
        ),
    ],
    ids=[
        "party-number-in-state-form",
        "state-number-in-party-form",
        "deadline-before-issue",
        "sub-row-no-parent",
        "sub-row-earlier-parent",
        "sub-row-other-parent",
        "short-form-unresolved",
    ],
)
def test_reports_each_new_rule_at_its_line_in_a_seeded_copy_of_the_decision(
    old, new, code, line, message
) -> None:
    assert SEED.count(old) == 1
    before = {(f.code, f.line) for f in findings_for(SEED)}
    found = {(f.code, f.line): f.message for f in findings_for(SEED.replace(old, new))}
    assert (code, line) not in before
    assert found[(code, line)] == message
    assert {k for k in found if k[0] == code} - before == {(code, line)}  # one new finding of the rule, there
    assert [k for k in found if k[1] == line] == [(code, line)]  # and no other finding for the same slip


EXPECTED_NEW_FINDINGS = {
    "quyet-dinh-2121-QD-BYT": {("NQ309", 131), ("NQ309", 150)}
}  # the plan's real deadlines


def test_an_administrative_number_with_a_year_is_reported_but_a_decisions_is_not() -> None:
    plan = (SAMPLES / "ke-hoach-ubnd-huyen.txt").read_text(encoding="utf-8")
    found = {
        (f.code, f.line): f.message
        for f in findings_for(plan.replace("Số: 88/KH-UBND", "Số: 88/2024/KH-UBND"))
    }
    assert (
        found[("NQ109", 7)]
        == "88/2024/KH-UBND: only normative texts carry the year in their number (88/KH-UBND)"
    )
    normative_decision = SEED.replace("Số: 2121/QĐ-BYT", "Số: 21/2025/QĐ-BYT")  # a decision may be normative
    assert "NQ109" not in {f.code for f in findings_for(normative_decision)}


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_the_new_rules_raise_no_false_alarm_on_the_samples(path: Path) -> None:
    from nq57parse.read import read_path
    from nq57parse.validate import check_raw

    found, _ = check_raw(read_path(str(path)), path.name)
    assert {(f.code, f.line) for f in found if f.code in NEW_RULES} == EXPECTED_NEW_FINDINGS.get(
        path.stem, set()
    )


# -- configuration and inline silencing -------------------------------------------------------------

SKIPPED = SEED.replace("Điều 3.  Các", "Điều 4.  Các")


def run_in(folder: Path, *args: str):
    import os

    here = os.getcwd()
    os.chdir(folder)
    try:
        return runner.invoke(app, ["validate", "d.txt", "--format", "json", *args])
    finally:
        os.chdir(here)


def test_a_pyproject_table_changes_severities_and_turns_rules_off(tmp_path) -> None:
    (tmp_path / "d.txt").write_text(SKIPPED, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.nq57parse]\nignore = ["NQ309"]\n\n'
        '[tool.nq57parse.severity]\nNQ006 = "error"\nNQ303 = "off"\n',
        encoding="utf-8",
    )
    result = run_in(tmp_path)
    found = {f["code"]: f["severity"] for f in json.loads(result.stdout)}
    assert found["NQ006"] == "error" and "NQ303" not in found and "NQ309" not in found
    assert result.exit_code == 1  # NQ006 is an error now
    assert run_in(tmp_path, "--no-config").exit_code == 0


def test_a_dot_yaml_file_is_found_from_a_folder_below_and_wins_over_pyproject(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.nq57parse]\nstrict = false\n", encoding="utf-8")
    (tmp_path / ".nq57parse.yaml").write_text("strict: true\nselect: [NQ0]\n", encoding="utf-8")
    below = tmp_path / "decisions" / "2025"
    below.mkdir(parents=True)
    (below / "d.txt").write_text(SKIPPED, encoding="utf-8")
    result = run_in(below)
    assert {f["code"] for f in json.loads(result.stdout)} == {"NQ006"}
    assert result.exit_code == 1  # strict: the NQ006 warning fails the run


def test_an_explicit_config_file_and_command_line_flags_win(tmp_path) -> None:
    (tmp_path / "d.txt").write_text(SKIPPED, encoding="utf-8")
    (tmp_path / "ci.yaml").write_text("severity: {NQ006: error}\n", encoding="utf-8")
    result = run_in(tmp_path, "--config", "ci.yaml", "--ignore", "NQ006")
    assert "NQ006" not in {f["code"] for f in json.loads(result.stdout)} and result.exit_code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("severity: {NQ006: fatal}\n", "severity of NQ006 is 'fatal'"),
        ("selekt: [NQ1]\n", "unknown key 'selekt'"),
        ("select: [NQ1\n", "not valid"),
        ("strict: maybe\n", "'strict' must be true or false"),
    ],
)
def test_a_bad_config_file_is_one_line_and_exit_2(tmp_path, content, message) -> None:
    (tmp_path / "d.txt").write_text(SKIPPED, encoding="utf-8")
    (tmp_path / ".nq57parse.yaml").write_text(content, encoding="utf-8")
    result = run_in(tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def checked(text: str, path: str = "x.txt") -> list:
    from nq57parse.read import decode_bytes
    from nq57parse.validate import check_raw

    return check_raw(decode_bytes(text.encode("utf-8"), path=path), path)[0]


def test_an_inline_marker_silences_its_code_on_its_line_only() -> None:
    marked = SKIPPED.replace("Điều 4.  Các", "Điều 4.  Các <!-- nq57parse: ignore NQ006 -->", 1)
    assert [(f.code, f.line) for f in checked(SKIPPED) if f.code == "NQ006"] == [("NQ006", 21)]
    assert "NQ006" not in {f.code for f in checked(marked)}
    assert {f.code for f in checked(marked)} == {f.code for f in checked(SKIPPED)} - {"NQ006"}
    other = SKIPPED.replace("Điều 4.  Các", "Điều 4.  Các # nq57parse: ignore NQ005", 1)
    assert "NQ006" in {f.code for f in checked(other)}
    elsewhere = SKIPPED.replace("Điều 2.  Hiệu lực", "Điều 2.  Hiệu lực # nq57parse: ignore NQ006", 1)
    assert ("NQ006", 21) in {(f.code, f.line) for f in checked(elsewhere)}  # line 18 is not line 21


def test_a_bare_marker_silences_every_finding_on_its_line_but_none_without_a_line() -> None:
    text = SEED.replace("\n03/2025\n", "\n03/2025 # nq57parse: ignore\n", 1).replace(
        "Số: 2121/QĐ-BYT\n", "\n"
    )
    found = {(f.code, f.line) for f in checked(text)}
    assert ("NQ309", 131) not in found and ("NQ309", 150) in found
    assert ("NQ101", 6) in found  # a marker silences only the line it is on


def test_a_heading_with_a_trailing_marker_parses_as_the_same_article() -> None:
    from nq57parse.validate import without_markers

    marked = SEED.replace(
        "Điều 2.  Hiệu lực thi hành", "Điều 2.  Hiệu lực thi hành <!-- nq57parse: ignore -->"
    )
    as_parsed = parse_text(marked)  # the parser reads the comment as markup: not in the heading
    assert [(a.number, a.line) for a in as_parsed.articles] == [("1", 17), ("2", 18), ("3", 21)]
    assert as_parsed.articles[1].heading == "Hiệu lực thi hành"
    assert (
        parse_text(without_markers(marked)).model_dump() == parse_text(SEED).model_dump()
    )  # validate's view


def test_a_marker_in_a_table_row_leaves_the_row_parsed_as_without_it() -> None:
    from nq57parse.validate import without_markers

    table = "| TT | Nhiệm vụ | Đơn vị chủ trì |\n|---|---|---|\n| 1 | Xây dựng | Cục A |\n| 2.1 | Rà soát | Cục B |\n"
    text = "QUYẾT ĐỊNH\nVề việc thử\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành.\nPHỤ LỤC\n" + table
    marked = text.replace("| Cục B |", "| Cục B | <!-- nq57parse: ignore NQ310 -->")
    assert ("NQ310", 9) in {(f.code, f.line) for f in checked(text)}
    assert "NQ310" not in {f.code for f in checked(marked)}
    assert parse_text(without_markers(marked)).appendices == parse_text(text).appendices


@given(
    st.lists(st.text(alphabet="abcđ ịĐ1.|\t", max_size=12), min_size=1, max_size=6),
    st.lists(
        st.sampled_from(["<!-- nq57parse: ignore -->", " # nq57parse: ignore NQ303, NQ101", ""]),
        min_size=6,
        max_size=6,
    ),
)
def test_taking_markers_out_gives_back_the_text_as_it_was_without_them(lines, markers) -> None:
    from nq57parse.validate import without_markers

    marked = "\n".join(line + marker for line, marker in zip(lines, markers, strict=False))
    expected = [line.rstrip(" \t") if marker else line for line, marker in zip(lines, markers, strict=False)]
    assert without_markers(marked) == "\n".join(expected)  # the marker and the blanks before it
    assert without_markers(marked).count("\n") == marked.count("\n")


def test_a_marker_comment_in_html_silences_its_line(tmp_path) -> None:
    page = (
        "<html><body><p>QUYẾT ĐỊNH</p><p>Về việc thử</p><p>QUYẾT ĐỊNH:</p><p>Điều 1. Một.</p>"
        "<p>Điều 3. Ba.{}</p></body></html>"
    )
    plain, marked = tmp_path / "a.html", tmp_path / "b.html"
    plain.write_text(page.format(""), encoding="utf-8")
    marked.write_text(page.format("<!-- nq57parse: ignore NQ006 -->"), encoding="utf-8")
    found = json.loads(runner.invoke(app, ["validate", str(plain), "--format", "json", "--no-config"]).stdout)
    assert ("NQ006", 5) in {(f["code"], f["line"]) for f in found}
    found = json.loads(
        runner.invoke(app, ["validate", str(marked), "--format", "json", "--no-config"]).stdout
    )
    assert "NQ006" not in {f["code"] for f in found}


def gen_rules_readme():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "gen_rules_readme", ROOT / "scripts" / "gen_rules_readme.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_lists_every_rule_as_the_catalogue_has_it() -> None:
    from nq57parse.validate import rules_markdown

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert block == rules_markdown()
    assert gen_rules_readme().main(["--check", str(ROOT / "README.md")]) == 0
    for code, meta in catalogue().items():
        assert f"#### {code} — {meta['description']}\n" in block
        assert f"- bad: `{meta['bad']}`\n- good: `{meta['good']}`" in block


def test_the_readme_script_rewrites_only_what_lies_between_the_markers(tmp_path) -> None:
    script = gen_rules_readme()
    readme = tmp_path / "README.md"
    readme.write_text(
        "# X\n<!-- rules:start -->\nstale text\n<!-- rules:end -->\n## Next\n", encoding="utf-8"
    )
    assert script.main(["--check", str(readme)]) == 1
    assert script.main([str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# X\n<!-- rules:start -->\n#### NQ001 — ") and text.endswith(
        "<!-- rules:end -->\n## Next\n"
    )
    assert "stale text" not in text and script.main(["--check", str(readme)]) == 0
    readme.write_text("# X\n", encoding="utf-8")
    assert script.main([str(readme)]) == 2


def test_a_file_the_parser_fails_on_is_an_nq002_error_and_the_other_files_are_still_checked(
    tmp_path, monkeypatch
) -> None:
    import nq57parse.validate as validate_module

    real = validate_module.check_raw

    def failing(raw, file, *args):
        if file.endswith("bad.txt"):
            raise AttributeError("'NoneType' object has no attribute 'strip'\nsecond line")
        return real(raw, file, *args)

    monkeypatch.setattr(validate_module, "check_raw", failing)
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_text(SEED, encoding="utf-8")
    good.write_text(SEED.replace("Điều 3.  Các", "Điều 4.  Các"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad), str(good), "-f", "json", "--no-config"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found[0] == {
        "file": str(bad),
        "line": None,
        "column": None,
        "severity": "error",
        "code": "NQ002",
        "message": "the parser failed: AttributeError: 'NoneType' object has no attribute 'strip'",
    }
    assert ("NQ006", 21) in [(f["code"], f["line"]) for f in found if f["file"] == str(good)]


def test_an_empty_number_line_gives_findings_not_a_traceback(tmp_path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(SEED.replace("Số: 2121/QĐ-BYT\n", "Số:\n"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path), "-f", "json", "--no-config"])
    assert result.exit_code == 1
    errors = [(f["code"], f["line"]) for f in json.loads(result.stdout) if f["severity"] == "error"]
    assert errors == [("NQ101", 6)]


def test_sarif_writes_a_relative_file_name_as_a_relative_uri_reference(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("văn bản").mkdir()
    Path("văn bản/qd 1.txt").write_text(SEED.replace("Điều 3.  Các", "Điều 4.  Các"), encoding="utf-8")
    sarif = json.loads(
        runner.invoke(app, ["validate", "văn bản/qd 1.txt", "-f", "sarif", "--no-config"]).stdout
    )
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
    }
    assert uris == {"v%C4%83n%20b%E1%BA%A3n/qd%201.txt"}


def test_github_commands_escape_percent_signs_line_breaks_and_separators_in_the_file_name() -> None:
    from nq57parse.validate import Finding, to_github

    found = [Finding("a,b:c.txt", 4, "warning", "NQ501", "line not recognised: 'đạt 50%\r\nxong'")]
    assert to_github(found) == (
        "::warning file=a%2Cb%3Ac.txt,line=4,title=NQ501::line not recognised: 'đạt 50%25%0D%0Axong'\n"
    )


@pytest.mark.parametrize(
    ("stored", "repair"),
    [
        (lambda text: encode_legacy(text, "tcvn3"), "TCVN3 (ABC) font codes"),
        (lambda text: text.encode("utf-8").decode("latin-1"), "UTF-8 read as Latin-1 (mojibake)"),
    ],
    ids=["tcvn3", "mojibake"],
)
def test_a_whole_file_repaired_on_reading_is_one_nq503_note_with_no_line(tmp_path, stored, repair) -> None:
    path = tmp_path / "d.txt"
    path.write_text(stored(SEED), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path), "-f", "json", "--no-config", "--strict"])
    found = json.loads(result.stdout)
    assert [f for f in found if f["code"] in ("NQ502", "NQ503")] == [
        {
            "file": str(path),
            "line": None,
            "column": None,
            "severity": "info",
            "code": "NQ503",
            "message": f"the file's text was repaired before checking: {repair}",
        }
    ]
    assert result.exit_code == 1  # the deadlines of rows 3 and 6 (NQ309), not the note
    assert {f["code"] for f in found if f["severity"] != "info"} == {"NQ303", "NQ309"}


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        ("Điều 4. Các <!-- nq57parse: ignore NQ006 -->", {"NQ006"}),
        ("Điều 4. Các <!--nq57parse:ignore NQ006,NQ005-->", {"NQ006", "NQ005"}),
        ("03/2025 # nq57parse: ignore nq309, NQ3 hạn cũ chép từ bản gốc", {"NQ309", "NQ3"}),
        ("03/2025 # nq57parse: ignore", set()),
        ("03/2025 <!--nq57parse:ignore-->", set()),
        ("03/2025 # nq57parse: ignore NQ3O3", None),
        ("03/2025 # nq57parse: ignore: NQ309", None),
        ("03/2025 # nq57parse: ignored", None),
        ("03/2025 nq57parse: ignore NQ309", None),
        ("03/2025", None),
    ],
)
def test_a_marker_silences_the_codes_it_names_and_a_typo_silences_nothing(line, codes) -> None:
    from nq57parse.validate import silenced

    assert silenced(line) == codes


def test_a_lower_case_code_or_a_family_prefix_in_a_marker_silences_its_findings_only() -> None:
    from nq57parse.read import RawText
    from nq57parse.validate import Finding, check_raw

    text = SEED.replace("\n03/2025\n", "\n03/2025 # nq57parse: ignore nq3\n", 1).replace(
        "\n3/2025\n", "\n3/2025 # nq57parse: ignore NQ3O9\n", 1
    )
    found, _ = check_raw(RawText(text=text, encoding="utf-8", sha256="", path="x.txt"), "x.txt")
    assert [f for f in found if f.code == "NQ309"] == [
        Finding(
            "x.txt", 150, "warning", "NQ309", "row 6: deadline '3/2025' ends before the issue date 2025-06-26"
        )
    ]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "Căn cứ Nghị quyết số 57-NQ/TW",
            "Căn cứ Nghị quyết số 57/NQ-TW",
            11,
            "57/NQ-TW: a Party document's number is written 57-NQ/TW",
        ),
        (
            "Căn cứ Nghị quyết số 71/NQ-CP",
            "Căn cứ Nghị quyết số 71-NQ/CP",
            13,
            "71-NQ/CP: a state document's number is written 71/NQ-CP",
        ),
        (
            "Kế hoạch số 23-KH/ĐU",
            "Kế hoạch số 23/KH-ĐU",
            14,
            "23/KH-ĐU: a Party document's number is written 23-KH/ĐU",
        ),
    ],
    ids=["party-in-state-form", "state-in-party-form", "party-committee-plan"],
)
def test_a_cited_number_in_the_other_sides_form_is_nq406_at_its_line(old, new, line, message) -> None:
    assert old in SEED
    found = [(f.line, f.message) for f in findings_for(SEED.replace(old, new, 1)) if f.code == "NQ406"]
    assert found == [(line, message)]


def test_a_number_without_a_type_code_is_not_judged_for_its_form() -> None:
    from nq57parse.models import DocumentNumber
    from nq57parse.validate import _form_mismatch

    def number(raw: str, type_code: str | None) -> DocumentNumber:
        return DocumentNumber(raw=raw, canonical=raw, serial="57", type_code=type_code, issuer_code="TW")

    assert _form_mismatch(number("57/TW", None)) is None
    assert _form_mismatch(number("57/NQ-TW", "NQ")) == ("a Party document's", "57-NQ/TW")


def test_a_number_line_taken_out_is_reported_at_the_place_and_date_line_it_shared() -> None:
    found = [(f.code, f.line) for f in findings_for(SEED.replace("Số: 2121/QĐ-BYT\n", "", 1))]
    assert ("NQ101", 6) in found  # line 6 is now 'Hà Nội, ngày 26 tháng 6 năm 2025'
    assert SEED.replace("Số: 2121/QĐ-BYT\n", "", 1).splitlines()[5].startswith("Hà Nội, ngày")


def test_the_readme_workflow_is_complete_valid_yaml() -> None:
    import re

    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"### In GitHub Actions\n.*?```yaml\n(.*?)```", readme, re.S).group(1)
    workflow = yaml.safe_load(block)
    job = workflow["jobs"]["validate"]
    assert workflow[True] == ["push", "pull_request"]  # YAML 1.1 reads the key 'on' as true
    assert job["permissions"]["security-events"] == "write"
    uses = [step.get("uses", "").split("@")[0] for step in job["steps"]]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    upload = job["steps"][uses.index("github/codeql-action/upload-sarif")]
    assert upload["if"] == "always()"
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert any("--format sarif -o nq57parse.sarif" in run for run in runs)
    assert upload["with"]["sarif_file"] == "nq57parse.sarif"


def test_text_output_goes_to_the_output_file_one_finding_a_line(tmp_path) -> None:
    out = tmp_path / "report.txt"
    result = runner.invoke(
        app, ["validate", str(SAMPLES / "quyet-dinh-2121-QD-BYT.txt"), "--no-config", "-o", str(out)]
    )
    assert result.exit_code == 0 and result.stdout == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "    131  warning NQ309  row 3: deadline '03/2025' ends before the issue date 2025-06-26" in lines
    assert lines[-1] == "3 findings: 0 errors, 3 warnings"
    assert "\x1b[" not in out.read_text(encoding="utf-8")  # no colour codes in a file


def test_a_number_the_reader_does_not_know_is_no_unresolved_short_form() -> None:
    from nq57parse.read import RawText
    from nq57parse.validate import check_raw

    def nq405(text: str) -> list[tuple[int | None, str]]:
        found, _ = check_raw(RawText(text=text, encoding="utf-8", sha256="", path="x.txt"), "x.txt")
        return [(f.line, f.message) for f in found if f.code == "NQ405"]

    basis = "Căn cứ Nghị định số 42/2025/NĐ-CP"
    assert nq405(SEED.replace(basis, "Căn cứ Quy định số 08-QĐi/TW ngày 25/10/2021; " + basis, 1)) == []
    assert nq405(SEED.replace(basis, "Căn cứ Quy định số 08 ngày 25/10/2021; " + basis, 1)) == [
        (12, "'Quy định số 08 ngày 25/10/2021' names no number that resolves to one document")
    ]


def test_no_strict_on_the_command_line_wins_over_strict_in_the_settings(tmp_path) -> None:
    (tmp_path / "d.txt").write_text(SEED, encoding="utf-8")  # warnings only (NQ303, NQ309)
    (tmp_path / ".nq57parse.yaml").write_text("strict: true\n", encoding="utf-8")
    assert run_in(tmp_path).exit_code == 1
    assert run_in(tmp_path, "--no-strict").exit_code == 0
    assert run_in(tmp_path, "--no-config").exit_code == 0
    assert run_in(tmp_path, "--no-config", "--strict").exit_code == 1


# --------------------------------------------------------------------------- one severity per code (issue 15)


def _emitted_codes() -> set[str]:
    """Every finding code written literally in the package's source."""
    import re

    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "nq57parse").rglob("*.py"))
    return set(re.findall(r'"(NQ\d{3})"', source))


def test_every_code_the_package_emits_is_catalogued() -> None:
    # NQ000 is the lossless check's internal alarm (coverage.py), never shown by validate
    assert _emitted_codes() - set(catalogue()) == {"NQ000"}


def test_a_repeated_table_label_is_an_error_in_extract_as_in_validate(tmp_path) -> None:
    text = SEED.replace("\n2.\n", "\n1.\n", 1)
    doc = parse_text(text)
    in_extract = {(d.code, d.severity) for d in doc.diagnostics if d.code == "NQ302"}
    in_validate = {(f.code, f.severity) for f in validate_document(doc, "x.txt") if f.code == "NQ302"}
    assert in_extract == in_validate == {("NQ302", "error")}
