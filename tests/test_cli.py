"""The conventions a command-line user expects (issue 16): output format from -o's suffix, CSV that
spreadsheets read, folders everywhere, `python -m`, `rule`, paths as str or Path, and clean help."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FAST_YAML, SAMPLES
from typer.testing import CliRunner

import nq57parse
from nq57parse.cli import COMMANDS, app
from nq57parse.formats import EXTRACT_FORMATS, FormatError, pick

runner = CliRunner()
DECISION = SAMPLES / "quyet-dinh-2121-QD-BYT.txt"
PLAN = SAMPLES / "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt"


# --------------------------------------------------------------------------- -o picks the format


@pytest.mark.parametrize(
    ("explicit", "out", "allowed", "default", "expected"),
    [
        (None, "x.yaml", ("json", "yaml"), "json", "yaml"),
        (None, "x.YML", ("json", "yaml"), "json", "yaml"),
        ("json", "x.yaml", ("json", "yaml"), "json", "json"),  # an explicit --format wins
        (None, "x.out", ("json", "yaml"), "json", "json"),  # an unknown suffix keeps the default
        (None, None, ("json", "yaml"), "json", "json"),
        (None, "-", ("csv", "json"), None, None),
        (None, "t.csv", ("csv", "json", "markdown"), None, "csv"),
        (None, "t.md", ("csv", "json", "markdown"), None, "markdown"),
        (None, "v.txt", ("text", "json"), "json", "text"),
        (None, "g.gv", ("json", "dot"), "json", "dot"),
    ],
)
def test_the_output_suffix_names_the_format(explicit, out, allowed, default, expected):
    assert pick(explicit, out, allowed, default) == expected


def test_a_suffix_the_command_cannot_write_is_refused():
    with pytest.raises(FormatError, match=r"x\.csv: this command does not write csv"):
        pick(None, "x.csv", ("json", "yaml"), "json")


def test_extract_to_a_yaml_file_writes_yaml(tmp_path):
    out = tmp_path / "x.yaml"
    assert runner.invoke(app, ["extract", str(DECISION), "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("schema_version: '1.0'\n")
    data = yaml.load(text, Loader=FAST_YAML)
    assert data == json.loads(runner.invoke(app, ["extract", str(DECISION)]).stdout)


def test_extract_to_a_csv_file_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["extract", str(DECISION), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2 and "does not write csv" in result.stderr
    assert not (tmp_path / "x.csv").exists()


def test_table_to_a_csv_file_writes_csv(tmp_path):
    out = tmp_path / "t.csv"
    assert runner.invoke(app, ["table", str(DECISION), "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("\ufefftt,group,parent,task,")
    assert "│" not in text and "┃" not in text  # no box drawing
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0]["tt"] == "1" and rows[0]["deadline_kind"]


def test_table_to_markdown_and_json_files(tmp_path):
    assert runner.invoke(app, ["table", str(DECISION), "-o", str(tmp_path / "t.md")]).exit_code == 0
    assert (tmp_path / "t.md").read_text(encoding="utf-8").startswith("## PHỤ LỤC")
    assert runner.invoke(app, ["table", str(DECISION), "-o", str(tmp_path / "t.json")]).exit_code == 0
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))[0]["rows"]


def test_cite_csv_has_a_bom_and_true_false(tmp_path):
    result = runner.invoke(app, ["cite", str(DECISION), "--format", "csv"])
    assert result.stdout.startswith("\ufefffile,line,start,end,")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert {r["self_reference"] for r in rows} <= {"true", "false"} and "true" in {
        r["self_reference"] for r in rows
    }
    assert "False" not in result.stdout and "True" not in result.stdout
    out = tmp_path / "c.csv"
    assert runner.invoke(app, ["cite", str(DECISION), "-o", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbffile,")


def test_validate_to_a_sarif_file_writes_sarif(tmp_path):
    out = tmp_path / "findings.sarif"
    runner.invoke(app, ["validate", str(DECISION), "--no-config", "-o", str(out)])
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"


# --------------------------------------------------------------------------- validate walks folders


def test_validate_accepts_a_folder_like_batch(tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "qd.txt").write_text(DECISION.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "kh.md").write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "notes.csv").write_text("not walked\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("not walked\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder), "-f", "json", "--no-config"])
    assert result.exit_code == 0, result.output
    files = {f["file"] for f in json.loads(result.stdout)}
    assert files == {str(folder / "sub" / "qd.txt")}  # the plan has no finding
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = runner.invoke(app, ["validate", str(empty)])
    assert refused.exit_code == 2 and "no input files found" in refused.stderr


def test_findings_carry_the_column_where_the_line_starts(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(DECISION.read_text(encoding="utf-8").replace("Điều 3.", "   Điều 4."), encoding="utf-8")
    found = json.loads(runner.invoke(app, ["validate", str(path), "-f", "json", "--no-config"]).stdout)
    nq006 = next(f for f in found if f["code"] == "NQ006")
    assert nq006["column"] == 4
    assert all(f["column"] >= 1 for f in found if f["line"])
    sarif = json.loads(runner.invoke(app, ["validate", str(path), "-f", "sarif", "--no-config"]).stdout)
    regions = [r["locations"][0]["physicalLocation"].get("region") for r in sarif["runs"][0]["results"]]
    assert {"startLine": nq006["line"], "startColumn": 4} in regions


# --------------------------------------------------------------------------- rule, python -m, the API


def test_rule_explains_a_rule_with_examples():
    result = runner.invoke(app, ["rule", "nq301"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "NQ301: An appendix row label is skipped"
    assert "Flagged:   1. … 3." in lines and "Accepted:  1. … 2." in lines
    data = json.loads(runner.invoke(app, ["rule", "NQ301", "-f", "json"]).stdout)
    assert data["severity"] == "warning" and data["applies"] == "all"
    listing = runner.invoke(app, ["rule"]).stdout.splitlines()
    assert listing[0].startswith("NQ001  ") and any(line.startswith("NQ301  ") for line in listing)
    unknown = runner.invoke(app, ["rule", "NQ999"])
    assert unknown.exit_code == 2 and "no rule 'NQ999'" in unknown.stderr


def test_python_dash_m_runs_the_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "nq57parse", "extract", str(DECISION), "-f", "text"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("QUYẾT ĐỊNH 2121/QĐ-BYT\n")
    helped = subprocess.run(
        [sys.executable, "-m", "nq57parse", "--help"], capture_output=True, text=True, timeout=120
    )
    assert "Usage: nq57parse [OPTIONS] COMMAND" in helped.stdout


def test_parse_file_takes_a_path_and_raises_input_error_for_bad_input(tmp_path):
    doc = nq57parse.parse_file(DECISION)  # a Path
    assert doc.number.canonical == "2121/QĐ-BYT" and doc.source.path == str(DECISION)
    for bad in (tmp_path / "missing.txt", tmp_path):
        with pytest.raises(nq57parse.InputError):
            nq57parse.parse_file(bad)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(nq57parse.InputError):
        nq57parse.parse_file(binary)
    assert nq57parse.parse_text("Số: 1/QĐ-BYT", path=Path("x.txt")).source.path == "x.txt"


def test_records_match_the_csv_columns():
    from nq57parse import records

    cited = records.citations(DECISION)
    csv_rows = list(
        csv.DictReader(
            io.StringIO(runner.invoke(app, ["cite", str(DECISION), "-f", "csv"]).stdout.lstrip("\ufeff"))
        )
    )
    assert list(cited[0]) == list(csv_rows[0]) and len(cited) == len(csv_rows)
    assert isinstance(cited[0]["self_reference"], bool) and isinstance(cited[0]["line"], int)
    rows = records.rows(nq57parse.parse_file(DECISION))
    table = list(
        csv.DictReader(
            io.StringIO(runner.invoke(app, ["table", str(DECISION), "-f", "csv"]).stdout.lstrip("\ufeff"))
        )
    )
    assert list(rows[0]) == list(table[0]) and [r["tt"] for r in rows] == [r["tt"] for r in table]
    bases = records.legal_bases(str(PLAN))
    assert [b["targets"] for b in bases][:2] == ["5369/QĐ-UBND", "08-CTr/TU"]
    assert set(bases[0]) == set(records.LEGAL_BASIS_FIELDS)


# --------------------------------------------------------------------------- help


PYTHON_TYPE_TAGS = re.compile(r"<(bool|str|int|float|list\[[^\]]*\])>")


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)])
def test_help_shows_metavars_not_python_types(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert not PYTHON_TYPE_TAGS.search(result.stdout), result.stdout
    assert "{" not in result.stdout.splitlines()[1]  # usage line: FILE..., not {file}
    if command:
        assert re.search(rf"Usage: nq57parse {command[0]} \[OPTIONS\]", result.stdout)


@pytest.mark.parametrize(
    ("command", "choices"),
    [
        ("extract", "json|yaml|text|markdown"),
        ("cite", "table|json|csv"),
        ("table", "csv|json|markdown"),
        ("validate", "text|json|sarif|github"),
        ("batch", "json|yaml|jsonl"),
        ("graph", "json|dot|mermaid|graphml|gexf|neo4j"),
    ],
)
def test_format_is_a_list_of_choices(command, choices):
    helped = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
    assert choices in helped
    refused = runner.invoke(app, [command, str(DECISION), "--format", "nope", "-o", "x"])
    assert refused.exit_code == 2


def test_extract_formats_follow_the_format_table():
    helped = runner.invoke(app, ["extract", "--help"], env={"COLUMNS": "200"}).stdout
    assert "|".join(EXTRACT_FORMATS) in helped


def test_usage_lines_name_the_arguments():
    def usage(command: str) -> str:
        text = runner.invoke(app, [command, "--help"]).stdout
        return next(line.strip() for line in text.splitlines() if "Usage:" in line)

    assert usage("cite") == "Usage: nq57parse cite [OPTIONS] FILE..."
    assert usage("extract") == "Usage: nq57parse extract [OPTIONS] FILE"
    assert usage("rule") == "Usage: nq57parse rule [OPTIONS] [CODE]"


def test_shell_completion_offers_the_format_choices():
    done = subprocess.run(
        [sys.executable, "-m", "nq57parse"],
        env={
            **__import__("os").environ,
            "_NQ57PARSE_COMPLETE": "complete_bash",
            "COMP_WORDS": "nq57parse graph --format g",
            "COMP_CWORD": "3",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.split() == ["graphml", "gexf"]


def test_schema_writes_to_a_json_file(tmp_path):
    out = tmp_path / "schema.json"
    assert runner.invoke(app, ["schema", "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "nq57parse document"
    assert runner.invoke(app, ["schema", "-o", str(tmp_path / "schema.yaml")]).exit_code == 2
