"""`nq57parse graph` and `nq57parse cite` (commands/graph.py, commands/cite.py)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES
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


def test_graph_over_the_five_seeds(seeds_dir):
    graph = json.loads(runner.invoke(app, ["graph", str(seeds_dir)]).stdout)
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
    # one arrow per pair of documents, its relations on separate lines
    assert '"2121/QĐ-BYT" -> "787/QĐ-BYT" [label="replaces\\nmentions", count=2' in out.read_text(
        encoding="utf-8"
    )


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


# --------------------------------------------------------------------------- a graph that opens (issue 16)


@pytest.fixture(scope="module")
def seeds_graph(seeds_dir):
    result = runner.invoke(app, ["graph", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_dot_labels_break_the_line_instead_of_printing_a_backslash(corpus):
    dot = runner.invoke(app, ["graph", str(corpus), "-f", "dot"]).stdout
    assert '[label="2121/QĐ-BYT\\n2025-06-26"' in dot  # DOT's \n escape: a line break when drawn
    assert "\\\\n" not in dot  # never an escaped backslash that graphviz prints as text


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz (dot) not installed")
def test_graphviz_draws_the_seed_labels_on_two_lines(seeds_dir, tmp_path):
    import subprocess

    out = tmp_path / "seeds.dot"
    assert runner.invoke(app, ["graph", str(seeds_dir), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("digraph citations")  # .dot picked DOT
    svg = subprocess.run(["dot", "-Tsvg", str(out)], capture_output=True, text=True, check=True).stdout
    node = svg[svg.index("<title>2121/QĐ&#45;BYT</title>") :]
    node = node[: node.index("</g>")]
    assert [t.split(">")[1] for t in node.split("<text")[1:]] == [
        "2121/QĐ&#45;BYT</text",
        "2025&#45;06&#45;26</text",
    ]
    png = Path(__file__).parents[1] / "bench" / "out" / "graph-seeds.png"
    png.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["dot", "-Tpng", str(out), "-o", str(png)], check=True)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_parallel_citations_are_one_edge_with_a_count_and_their_lines(seeds_graph):
    keys = [(e["source"], e["relation"], e["target"]) for e in seeds_graph["edges"]]
    assert len(keys) == len(set(keys))
    for e in seeds_graph["edges"]:
        assert e["count"] == len(e["lines"]) >= 1
        assert {"file": e["file"], "line": e["line"]} == e["lines"][0]
    to_57 = next(
        e
        for e in seeds_graph["edges"]
        if (e["source"], e["relation"], e["target"]) == ("2121/QĐ-BYT", "mentions", "57-NQ/TW")
    )
    assert to_57["count"] == len({x["line"] for x in to_57["lines"]}) > 1


def test_json_graphml_and_gexf_load_in_networkx_alike(corpus, tmp_path):
    nx = pytest.importorskip("networkx")
    data = json.loads(runner.invoke(app, ["graph", str(corpus)]).stdout)
    expected_nodes = {n["id"] for n in data["nodes"]}
    expected_edges = {(e["source"], e["target"], e["relation"]): e["count"] for e in data["edges"]}
    from_json = nx.node_link_graph(data, directed=True, multigraph=True, key="relation")
    assert set(from_json.nodes) == expected_nodes
    assert {(s, t, k): d["count"] for s, t, k, d in from_json.edges(keys=True, data=True)} == expected_edges
    for suffix, read in ((".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
        out = tmp_path / f"g{suffix}"
        assert runner.invoke(app, ["graph", str(corpus), "-o", str(out)]).exit_code == 0
        g = read(out)
        assert set(g.nodes) == expected_nodes, suffix
        assert {(s, t, k): d["count"] for s, t, k, d in g.edges(keys=True, data=True)} == expected_edges, (
            suffix
        )
        assert g.nodes["2121/QĐ-BYT"]["known"] is True and isinstance(
            next(iter(g.edges(data=True)))[2]["count"], int
        )


def test_graph_reads_batch_output_without_parsing_again(corpus, tmp_path):
    stream, folder = tmp_path / "out.jsonl", tmp_path / "json"
    assert runner.invoke(app, ["batch", str(corpus), "-o", str(stream), "-j", "1", "-q"]).exit_code == 0
    assert runner.invoke(app, ["batch", str(corpus), "-o", str(folder), "-j", "1", "-q"]).exit_code == 0
    direct = json.loads(runner.invoke(app, ["graph", str(corpus)]).stdout)
    from_stream = json.loads(runner.invoke(app, ["graph", str(stream)]).stdout)
    from_folder = json.loads(runner.invoke(app, ["graph", str(folder)]).stdout)
    assert from_stream == direct
    assert from_folder == direct


def test_graph_refuses_a_file_that_is_not_a_document(tmp_path):
    bad = tmp_path / "other.json"
    bad.write_text('{"a": 1}', encoding="utf-8")
    result = runner.invoke(app, ["graph", str(bad)])
    assert result.exit_code == 2 and "not an nq57parse document" in result.stderr


def test_mermaid_over_its_edge_limit_says_so_and_names_the_filters():
    from nq57parse.graph import GraphError, to_mermaid

    graph = {
        "nodes": [{"id": f"{i}/QĐ-X", "date": None, "files": [], "known": False} for i in range(502)],
        "edges": [
            {"source": "0/QĐ-X", "relation": "mentions", "target": f"{i}/QĐ-X", "count": 1}
            for i in range(1, 502)
        ],
    }
    with pytest.raises(GraphError, match=r"501 edges: over Mermaid's limit of 500.*--min-count.*--only-type"):
        to_mermaid(graph)
    graph["edges"] = graph["edges"][:500]
    assert to_mermaid(graph).count("-->") == 500


def test_filters_keep_the_edges_asked_for(corpus):
    result = runner.invoke(app, ["graph", str(corpus), "--only-type", "implements,amends"])
    graph = json.loads(result.stdout)
    assert {e["relation"] for e in graph["edges"]} == {"implements", "amends"}
    strong = json.loads(runner.invoke(app, ["graph", str(corpus), "--min-count", "2"]).stdout)
    assert strong["edges"] and all(e["count"] >= 2 for e in strong["edges"])
    bad = runner.invoke(app, ["graph", str(corpus), "--only-type", "cites"])
    assert bad.exit_code == 2 and "unknown relation cites" in bad.stderr


def test_mermaid_draws_merged_edges(corpus):
    text = runner.invoke(app, ["graph", str(corpus), "-f", "mermaid"]).stdout
    assert text.startswith("graph LR\n")
    assert '["2121/QĐ-BYT<br/>2025-06-26"]' in text
    assert text.count("-->") == len(
        {
            (e["source"], e["target"])
            for e in json.loads(runner.invoke(app, ["graph", str(corpus)]).stdout)["edges"]
        }
    )


def test_neo4j_import_files(corpus, tmp_path):
    assert runner.invoke(app, ["graph", str(corpus), "-f", "neo4j"]).exit_code == 2  # needs a folder
    assert (
        runner.invoke(app, ["graph", str(corpus), "-f", "neo4j", "-o", str(tmp_path / "neo")]).exit_code == 0
    )
    nodes = (tmp_path / "neo" / "nodes.csv").read_text(encoding="utf-8")
    rels = (tmp_path / "neo" / "relationships.csv").read_text(encoding="utf-8")
    assert nodes.startswith("\ufeffid:ID,doc_type,date,issuer,subject,known:boolean,files:string[],:LABEL\n")
    assert rels.startswith("\ufeff:START_ID,:END_ID,:TYPE,relation,count:int,file,line:int\n")
    row = next(csv.DictReader(io.StringIO(nodes.lstrip("\ufeff"))))
    assert row["known:boolean"] in ("true", "false") and row[":LABEL"] == "Document"
    assert "2121/QĐ-BYT,787/QĐ-BYT,REPLACES,replaces," in rels


def test_the_graph_functions_take_paths(corpus, tmp_path):
    from nq57parse.graph import build_graph, load_documents, read_output

    docs = list(load_documents([corpus]))
    assert build_graph(docs)["edges"]
    stream = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["batch", str(corpus), "-o", str(stream), "-j", "1", "-q"]).exit_code == 0
    assert [file for file, _ in read_output(stream)] == [file for file, _ in docs]
