"""The citation graph of a corpus (SPEC "The citation graph"), and its writers.

In: documents as plain data (``Document.model_dump(mode="json")``, an ``extract`` JSON/YAML file, or a
``batch`` JSONL line's ``document``), each with the file it came from.
Out: ``{nodes: [{id, doc_type, date, issuer, subject, known, files[]}], edges: [{source, relation,
target, count, file, line, lines[{file, line}]}]}``: one edge per (source, relation, target), parallel
citations merged into ``count`` with every line they come from kept in ``lines`` (``file``/``line`` are
the first). Writers: JSON, DOT (labels on two real lines; the relations between one pair of documents
drawn as one arrow), Mermaid (refused above its 500-edge default with the filters to use), GraphML
and GEXF with typed attributes (through networkx), and Neo4j's ``neo4j-admin import`` CSV pair.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import InputError

# Mermaid's defaults (mermaid.initialize: maxEdges, maxTextSize): above them it draws an error.
MERMAID_MAX_EDGES = 500
MERMAID_MAX_TEXT = 50_000
# Files a folder is walked for: documents to parse, and the output of `extract` / `batch`.
OUTPUT_SUFFIXES = (".json", ".jsonl", ".ndjson", ".yaml", ".yml")
RELATION_ORDER = ("based_on", "implements", "replaces", "amends", "repeals", "guides", "mentions")
NODE_FIELDS = ("doc_type", "date", "issuer", "subject")
# The document fields the graph reads (what a parsed document is cut down to).
DOC_FIELDS = {"source", "number", "document_type", "issued_on", "issuer", "title"}
DOC_FIELDS |= {"citations", "references", "relations"}


class GraphError(ValueError):
    """The graph cannot be written in the chosen format (Mermaid over its limits, say)."""


# --------------------------------------------------------------------------- reading inputs


def is_output_file(path: str) -> bool:
    """A file that holds parsed documents (``extract``/``batch`` output) rather than a text."""
    return path.lower().endswith(OUTPUT_SUFFIXES)


def _is_document(data: object) -> bool:
    return isinstance(data, dict) and "schema_version" in data and "citations" in data


def read_output(path: str | os.PathLike[str]) -> Iterator[tuple[str, dict]]:
    """``(file, document)`` from a JSONL stream (its ``ok`` lines), a JSON or a YAML document."""
    path = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    if path.lower().endswith((".jsonl", ".ndjson")):
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                raise InputError(path, f"line {number} is not JSON") from None
            if isinstance(record, dict) and record.get("ok") and _is_document(record.get("document")):
                yield record.get("file") or _source_path(record["document"], path), record["document"]
        return
    try:
        if path.lower().endswith((".yaml", ".yml")):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except Exception:
        raise InputError(path, "not a JSON or YAML document") from None
    if not _is_document(data):
        raise InputError(path, "not an nq57parse document (no schema_version and citations)")
    yield _source_path(data, path), data


def _source_path(document: dict, fallback: str) -> str:
    return (document.get("source") or {}).get("path") or fallback


def load_documents(inputs: Iterable[str], registry_paths: Iterable[str] = ()) -> Iterator[tuple[str, dict]]:
    """``(file, document data)`` for every input: texts are parsed, batch and extract output read as
    it is (folders walked like ``batch`` does, for texts and for ``.json``/``.jsonl``/``.yaml``)."""
    from .batch import SUFFIXES, walk_inputs
    from .pipeline import parse_file

    registry = tuple(os.fspath(p) for p in registry_paths)
    for item in walk_inputs((os.fspath(i) for i in inputs), suffixes=SUFFIXES + OUTPUT_SUFFIXES):
        if item.path != "-" and is_output_file(item.path):
            yield from read_output(item.path)
        else:
            doc = parse_file(item.path, registry_paths=registry)
            yield item.path, doc.model_dump(mode="json", include=DOC_FIELDS)


# --------------------------------------------------------------------------- building


def build_graph(docs: Iterable[tuple[str, dict]], registry_paths: Iterable[str] = ()) -> dict:
    """The graph of ``[(file, document data)]`` as ``{nodes, edges}`` (plain data)."""
    from .registry import load_registry

    registry = load_registry(tuple(os.fspath(p) for p in registry_paths))
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str, str], dict] = {}

    def node(node_id: str, **facts: object) -> dict:
        entry = nodes.get(node_id)
        if entry is None:
            entry = nodes[node_id] = {
                "id": node_id,
                **dict.fromkeys(NODE_FIELDS),
                "known": False,
                "files": [],
            }
            known = registry.get(node_id)
            if known is not None:
                entry["known"] = True
                facts = {
                    "doc_type": known.type,
                    "date": known.date,
                    "issuer": known.issuer,
                    "subject": known.subject,
                    **{k: v for k, v in facts.items() if v},
                }
        for key, value in facts.items():
            if value and not entry.get(key):
                entry[key] = value
        return entry

    def edge(source: str, relation: str, target: str, file: str, line: int) -> None:
        entry = edges.get((source, relation, target))
        if entry is None:
            entry = edges[(source, relation, target)] = {
                "source": source,
                "relation": relation,
                "target": target,
                "count": 0,
                "file": file,
                "line": line,
                "lines": [],
            }
        where = {"file": file, "line": line}
        if where not in entry["lines"]:
            entry["lines"].append(where)
            entry["count"] += 1

    for file, doc in docs:
        number = doc.get("number") or {}
        source = number.get("canonical") or f"file:{file}"
        entry = node(
            source,
            doc_type=doc.get("document_type"),
            date=doc.get("issued_on"),
            issuer=doc.get("issuer"),
            subject=doc.get("title"),
        )
        if file not in entry["files"]:
            entry["files"].append(file)
        for ref in doc.get("references", []):
            node(ref["id"], **{k: ref.get(k) for k in NODE_FIELDS})
        for cite in doc.get("citations", []):
            target = cite.get("target")
            if target and not cite.get("self_reference") and target != source:
                node(target)
                edge(source, cite["relation"], target, file, cite["line"])
        for rel in doc.get("relations", []):
            node(rel["source"])
            node(rel["target"])
            edge(rel["source"], rel["relation"], rel["target"], file, rel["line"])
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}


def filter_graph(graph: dict, min_count: int = 1, relations: Iterable[str] = ()) -> dict:
    """Edges cited at least ``min_count`` times and of the ``relations`` given (all when empty); nodes
    that are inputs or still touch an edge."""
    wanted = set(relations)
    edges = [e for e in graph["edges"] if e["count"] >= min_count and (not wanted or e["relation"] in wanted)]
    touched = {e["source"] for e in edges} | {e["target"] for e in edges}
    nodes = [n for n in graph["nodes"] if n["files"] or n["id"] in touched]
    return {"nodes": nodes, "edges": edges}


# --------------------------------------------------------------------------- writers


def to_json(graph: dict) -> str:
    return json.dumps(graph, ensure_ascii=False, indent=2) + "\n"


def _dot_string(text: str) -> str:
    """A DOT quoted string; newlines become DOT's ``\\n`` line break (not a literal backslash)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n") + '"'


def node_label(node: dict) -> str:
    """``2121/QĐ-BYT`` over ``2025-06-26`` (two lines when the date is known); a document without a
    number shows its file's name."""
    name = node["id"]
    if name.startswith("file:"):
        name = os.path.basename(name[5:]) or name
    return name + (f"\n{node['date']}" if node.get("date") else "")


def pair_edges(graph: dict) -> list[dict]:
    """One drawn arrow per (source, target): its relations with their counts, in graph order."""
    pairs: dict[tuple[str, str], dict] = {}
    for e in graph["edges"]:
        entry = pairs.setdefault(
            (e["source"], e["target"]), {"source": e["source"], "target": e["target"], "relations": {}}
        )
        entry["relations"][e["relation"]] = entry["relations"].get(e["relation"], 0) + e["count"]
    return list(pairs.values())


def _relations_label(relations: dict[str, int]) -> str:
    ordered = sorted(relations.items(), key=lambda item: RELATION_ORDER.index(item[0]))
    return "\n".join(f"{r} ×{n}" if n > 1 else r for r, n in ordered)


def to_dot(graph: dict, urls: dict[str, str] | None = None) -> str:
    """DOT text; ``urls`` (node id → link) makes those nodes clickable in an SVG drawing."""
    urls = urls or {}
    lines = [
        "digraph citations {",
        "  rankdir=LR;",
        '  node [shape=box, style=rounded, fontname="DejaVu Sans"];',
        '  edge [fontname="DejaVu Sans", fontsize=10];',
    ]
    for n in graph["nodes"]:
        style = "rounded,filled" if n["files"] else ("rounded" if n["known"] else "rounded,dashed")
        extra = ', fillcolor="#e8f0fe"' if n["files"] else ""
        if n["id"] in urls:
            extra += f", URL={_dot_string(urls[n['id']])}"
        lines.append(
            f"  {_dot_string(n['id'])} [label={_dot_string(node_label(n))}, "
            f"doc_type={_dot_string(n['doc_type'] or '')}, style={_dot_string(style)}{extra}];"
        )
    for pair in pair_edges(graph):
        total = sum(pair["relations"].values())
        width = 1 + math.log2(total)
        lines.append(
            f"  {_dot_string(pair['source'])} -> {_dot_string(pair['target'])} "
            f"[label={_dot_string(_relations_label(pair['relations']))}, count={total}, penwidth={width:.2f}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", "<br/>")


def to_mermaid(graph: dict) -> str:
    pairs = pair_edges(graph)
    hint = "narrow it with --min-count N (edges cited at least N times) or --only-type based_on,implements"
    if len(pairs) > MERMAID_MAX_EDGES:
        raise GraphError(
            f"{len(pairs)} edges: over Mermaid's limit of {MERMAID_MAX_EDGES} (it would draw an error); {hint}, "
            "or use --format dot"
        )
    ids = {n["id"]: f"n{i}" for i, n in enumerate(graph["nodes"])}
    lines = ["graph LR"]
    for n in graph["nodes"]:
        lines.append(f'  {ids[n["id"]]}["{_mermaid_text(node_label(n))}"]')
    for pair in pairs:
        label = _mermaid_text(_relations_label(pair["relations"]))
        lines.append(f'  {ids[pair["source"]]} -->|"{label}"| {ids[pair["target"]]}')
    text = "\n".join(lines) + "\n"
    if len(text) > MERMAID_MAX_TEXT:
        raise GraphError(
            f"{len(text)} characters: over Mermaid's limit of {MERMAID_MAX_TEXT} characters; {hint}, "
            "or use --format dot"
        )
    return text


def to_networkx(graph: dict) -> Any:
    """A networkx ``MultiDiGraph``: one edge per (source, relation, target), keyed by relation;
    attributes typed (``known`` bool, ``count`` and ``line`` int); lists as ``;``-joined text."""
    import networkx as nx

    g = nx.MultiDiGraph(name="citations")
    for n in graph["nodes"]:
        attrs = {k: n[k] for k in NODE_FIELDS if n.get(k)}
        g.add_node(n["id"], label=n["id"], known=bool(n["known"]), files=";".join(n["files"]), **attrs)
    for e in graph["edges"]:
        g.add_edge(
            e["source"],
            e["target"],
            key=e["relation"],
            relation=e["relation"],
            count=int(e["count"]),
            file=e["file"],
            line=int(e["line"]),
            lines=";".join(f"{x['file']}:{x['line']}" for x in e["lines"]),
        )
    return g


def _xml(write: Any, graph: dict) -> str:
    import networkx as nx  # noqa: F401  (the writers below are networkx's)

    buffer = io.BytesIO()
    write(to_networkx(graph), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def to_graphml(graph: dict) -> str:
    """GraphML with typed keys; booleans written ``true``/``false`` as XML Schema has them."""
    import re

    import networkx as nx

    text = _xml(nx.write_graphml_xml, graph)
    known = re.search(r'<key id="(d\d+)" for="node" attr.name="known"', text)
    if known:
        key = known.group(1)
        text = re.sub(
            rf'(<data key="{key}">)(True|False)(</data>)', lambda m: m[1] + m[2].lower() + m[3], text
        )
    return text


def to_gexf(graph: dict) -> str:
    import networkx as nx

    return _xml(nx.write_gexf, graph)


def to_neo4j(graph: dict) -> dict[str, str]:
    """``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import`` (UTF-8 with a BOM,
    ``true``/``false``, arrays ``;``-separated): ``--nodes=nodes.csv --relationships=relationships.csv``."""
    nodes = io.StringIO()
    writer = csv.writer(nodes, lineterminator="\n")
    writer.writerow(
        ["id:ID", "doc_type", "date", "issuer", "subject", "known:boolean", "files:string[]", ":LABEL"]
    )
    for n in graph["nodes"]:
        writer.writerow(
            [
                n["id"],
                *(n.get(k) or "" for k in NODE_FIELDS),
                bool_text(n["known"]),
                ";".join(n["files"]),
                "Document",
            ]
        )
    rels = io.StringIO()
    writer = csv.writer(rels, lineterminator="\n")
    writer.writerow([":START_ID", ":END_ID", ":TYPE", "relation", "count:int", "file", "line:int"])
    for e in graph["edges"]:
        writer.writerow(
            [e["source"], e["target"], e["relation"].upper(), e["relation"], e["count"], e["file"], e["line"]]
        )
    return {"nodes.csv": "\ufeff" + nodes.getvalue(), "relationships.csv": "\ufeff" + rels.getvalue()}


def bool_text(value: object) -> str:
    return "true" if value else "false"


def write_folder(files: dict[str, str], folder: str) -> None:
    """Write each ``name → text`` into ``folder`` (created)."""
    os.makedirs(folder, exist_ok=True)
    for name, text in files.items():
        Path(folder, name).write_text(text, encoding="utf-8")


# format → writer, in the order help lists them; neo4j writes a folder of two CSV files.
WRITERS = {
    "json": to_json,
    "dot": to_dot,
    "mermaid": to_mermaid,
    "graphml": to_graphml,
    "gexf": to_gexf,
    "neo4j": to_neo4j,
}
