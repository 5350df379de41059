"""`nq57parse graph` and `nq57parse cite` (commands/graph.py, commands/cite.py)."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from conftest import SAMPLES, SEEDS
from typer.testing import CliRunner

from nq57parse.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(SAMPLES / "quyet-dinh-2121-QD-BYT.txt", folder / "qd2121.txt")
    shutil.copy(SAMPLES / "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt", folder / "kh.txt")
    (folder / "news.md").write_text(
        "Chính phủ ban hành Nghị quyết số 71/NQ-CP sửa đổi, bổ sung Nghị quyết số 03/NQ-CP.\n",
        encoding="utf-8",
    )
    (folder / "skip.csv").write_text("not walked\n", encoding="utf-8")
    return folder


def edges(graph):
    return {(e["source"], e["relation"], e["target"]) for e in graph["edges"]}


def test_graph_has_the_required_edges(corpus):
    result = runner.invoke(app, ["graph", str(corpus)])
    assert result.exit_code == 0, result.output
    graph = json.loads(result.stdout)
    assert {
        ("2121/QĐ-BYT", "replaces", "787/QĐ-BYT"),
        ("2121/QĐ-BYT", "based_on", "57-NQ/TW"),
        ("43/KH-UBND", "implements", "03/NQ-CP"),
        ("71/NQ-CP", "amends", "03/NQ-CP"),
    } <= edges(graph)
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes["2121/QĐ-BYT"]["files"] == [str(corpus / "qd2121.txt")]
    assert nodes["57-NQ/TW"]["date"] == "2024-12-22"
    assert f"file:{corpus / 'news.md'}" in nodes
    assert not any("skip.csv" in f for n in graph["nodes"] for f in n["files"])


def test_graph_over_the_five_seeds(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not available")
    graph = json.loads(runner.invoke(app, ["graph", str(SEEDS)]).stdout)
    assert {
        ("2121/QĐ-BYT", "replaces", "787/QĐ-BYT"),
        ("2121/QĐ-BYT", "based_on", "57-NQ/TW"),
        ("43/KH-UBND", "implements", "03/NQ-CP"),
        ("71/NQ-CP", "amends", "03/NQ-CP"),
    } <= edges(graph)


@pytest.mark.parametrize(
    ("fmt", "marker"), [("dot", "digraph citations"), ("mermaid", "graph LR"), ("graphml", "<graphml")]
)
def test_other_formats_carry_the_same_edges(corpus, fmt, marker):
    result = runner.invoke(app, ["graph", str(corpus), "--format", fmt])
    assert result.exit_code == 0
    assert result.stdout.lstrip().startswith(marker) or marker in result.stdout
    assert "replaces" in result.stdout and "787/QĐ-BYT" in result.stdout


def test_graph_writes_to_a_file(corpus, tmp_path):
    out = tmp_path / "g.dot"
    assert runner.invoke(app, ["graph", str(corpus), "-f", "dot", "-o", str(out)]).exit_code == 0
    assert '"2121/QĐ-BYT" -> "787/QĐ-BYT" [label="replaces"' in out.read_text(encoding="utf-8")


def test_graph_refuses_a_bad_format_and_a_missing_file(tmp_path):
    assert runner.invoke(app, ["graph", str(tmp_path), "--format", "png"]).exit_code == 2
    assert runner.invoke(app, ["graph", str(tmp_path)]).exit_code == 2
    result = runner.invoke(app, ["graph", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and "missing.txt" in result.stderr


def test_cite_json_lists_citations_and_references():
    result = runner.invoke(
        app, ["cite", str(SAMPLES / "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt"), "-f", "json"]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [c["target"] for c in data[0]["citations"]][:2] == ["5369/QĐ-UBND", "08-CTr/TU"]
    assert {"source": "43/KH-UBND", "relation": "implements", "target": "03/NQ-CP", "line": 3} in data[0][
        "relations"
    ]


def test_cite_csv_has_one_row_per_citation():
    result = runner.invoke(
        app, ["cite", str(SAMPLES / "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt"), "-f", "csv"]
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 7
    assert (rows[3]["target"], rows[3]["relation"], rows[3]["line"]) == ("43/KH-UBND", "implements", "3")


def test_cite_table_is_the_default():
    result = runner.invoke(
        app, ["cite", str(SAMPLES / "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt")], env={"COLUMNS": "250"}
    )
    assert result.exit_code == 0
    assert "5369/QĐ-UBND" in result.stdout and "implements" in result.stdout


def test_cite_bad_registry_is_a_usage_error(tmp_path):
    bad = tmp_path / "r.yaml"
    bad.write_text("documents: [", encoding="utf-8")
    result = runner.invoke(
        app, ["cite", str(SAMPLES / "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt"), "--registry", str(bad)]
    )
    assert result.exit_code == 2
    assert "not valid YAML" in result.stderr
