"""`nq57parse graph INPUT...`: the citation graph of a corpus (SPEC "The citation graph").

In: files or folders (walked recursively for .txt, .md, .html, .htm, .docx, .doc, .pdf, and images
with ``--ocr``), ``--format
json|dot|mermaid|graphml``, ``-o OUT``, ``--registry FILE``.
Out: ``{nodes: [{id, doc_type, date, issuer, subject, known, files[]}], edges: [{source, relation, target,
file, line}]}`` in the chosen format. A node is an input document (its canonical number, or
``file:<path>``) or a document cited; edges come from each input's citations (one per source, relation,
target and file, at the first line) and from relations stated between two cited documents.
"""

from __future__ import annotations

from pathlib import Path

import typer

from ._common import check_choice, fail, write_output

FORMATS = ("json", "dot", "mermaid", "graphml")


def graph_command(
    inputs: list[str] = typer.Argument(..., help="Files or folders."),
    fmt: str = typer.Option("json", "--format", "-f", help="json, dot, mermaid or graphml."),
    out: str | None = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
    registry: list[str] = typer.Option([], "--registry", help="Extra registry of known documents (YAML)."),
    ocr: bool = typer.Option(False, "--ocr", help="Walk images (.png .jpg .tif) too and read them by OCR."),
) -> None:
    """Build the graph of documents and the citations between them."""
    check_choice(fmt, FORMATS, "--format")
    from ..batch import walked_suffixes
    from ..errors import InputError
    from ..pipeline import parse_file

    files = walk(inputs, ocr)
    if not files:
        fail(f"no input files found ({', '.join(walked_suffixes(ocr))})")
    docs = []
    for path in files:
        try:
            docs.append((path, parse_file(path, registry_paths=registry)))
        except InputError as exc:
            fail(str(exc))
    try:
        graph = build_graph(docs, registry)
    except InputError as exc:
        fail(str(exc))
    write_output(RENDERERS[fmt](graph), out)


def walk(inputs: list[str], ocr: bool = False) -> list[str]:
    """Input files in order; folders give their matching files, sorted, recursively."""
    from ..batch import walked_suffixes

    suffixes = walked_suffixes(ocr)
    files: list[str] = []
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            files.extend(
                str(p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in suffixes
            )
        else:
            files.append(item)
    return files


def build_graph(docs: list, registry_paths: list[str] | tuple[str, ...] = ()) -> dict:
    """The graph of parsed documents ``[(path, Document)]`` as ``{nodes, edges}`` (plain data)."""
    from ..registry import load_registry

    registry = load_registry(registry_paths)
    nodes: dict[str, dict] = {}

    def node(node_id: str, **facts: object) -> dict:
        entry = nodes.setdefault(
            node_id,
            {
                "id": node_id,
                "doc_type": None,
                "date": None,
                "issuer": None,
                "subject": None,
                "known": False,
                "files": [],
            },
        )
        known = registry.get(node_id)
        if known is not None:
            entry["known"] = True
            facts = {
                "doc_type": known.type,
                "date": known.date,
                "issuer": known.issuer,
                "subject": known.subject,
                **facts,
            }
        for key, value in facts.items():
            if value and not entry.get(key):
                entry[key] = value
        return entry

    edges: list[dict] = []
    seen: set[tuple[str, str, str, str]] = set()

    def edge(source: str, relation: str, target: str, file: str, line: int) -> None:
        key = (source, relation, target, file)
        if key not in seen:
            seen.add(key)
            edges.append(
                {"source": source, "relation": relation, "target": target, "file": file, "line": line}
            )

    for path, doc in docs:
        source = doc.number.canonical if doc.number else f"file:{path}"
        entry = node(
            source, doc_type=doc.document_type, date=doc.issued_on, issuer=doc.issuer, subject=doc.title
        )
        if path not in entry["files"]:
            entry["files"].append(path)
        for ref in doc.references:
            node(ref.id, doc_type=ref.doc_type, date=ref.date, issuer=ref.issuer, subject=ref.subject)
        for cite in doc.citations:
            if cite.target and not cite.self_reference and cite.target != source:
                edge(source, cite.relation, cite.target, path, cite.line)
        for rel in doc.relations:
            node(rel.source)
            node(rel.target)
            edge(rel.source, rel.relation, rel.target, path, rel.line)
    return {"nodes": list(nodes.values()), "edges": edges}


def to_json(graph: dict) -> str:
    import json

    return json.dumps(graph, ensure_ascii=False, indent=2) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(graph: dict) -> str:
    lines = ["digraph citations {", "  rankdir=LR;", "  node [shape=box];"]
    for n in graph["nodes"]:
        label = n["id"] + (f"\\n{n['date']}" if n["date"] else "")
        style = "" if n["known"] or n["files"] else ", style=dashed"
        lines.append(
            f"  {_quote(n['id'])} [label={_quote(label)}, doc_type={_quote(n['doc_type'] or '')}{style}];"
        )
    for e in graph["edges"]:
        lines.append(
            f"  {_quote(e['source'])} -> {_quote(e['target'])} "
            f"[label={_quote(e['relation'])}, file={_quote(e['file'])}, line={e['line']}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_mermaid(graph: dict) -> str:
    ids = {n["id"]: f"n{i}" for i, n in enumerate(graph["nodes"])}
    lines = ["graph LR"]
    for n in graph["nodes"]:
        label = n["id"].replace('"', "#quot;")
        lines.append(f'  {ids[n["id"]]}["{label}"]')
    for e in graph["edges"]:
        lines.append(f"  {ids[e['source']]} -->|{e['relation']}| {ids[e['target']]}")
    return "\n".join(lines) + "\n"


def to_graphml(graph: dict) -> str:
    from xml.sax.saxutils import escape, quoteattr

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ]
    for key in ("doc_type", "date", "issuer", "subject", "known", "files"):
        out.append(f'  <key id="{key}" for="node" attr.name="{key}" attr.type="string"/>')
    for key in ("relation", "file", "line"):
        out.append(f'  <key id="{key}" for="edge" attr.name="{key}" attr.type="string"/>')
    out.append('  <graph id="citations" edgedefault="directed">')
    for n in graph["nodes"]:
        out.append(f"    <node id={quoteattr(n['id'])}>")
        for key in ("doc_type", "date", "issuer", "subject"):
            if n[key]:
                out.append(f'      <data key="{key}">{escape(str(n[key]))}</data>')
        out.append(f'      <data key="known">{str(n["known"]).lower()}</data>')
        if n["files"]:
            out.append(f'      <data key="files">{escape(";".join(n["files"]))}</data>')
        out.append("    </node>")
    for i, e in enumerate(graph["edges"]):
        out.append(f'    <edge id="e{i}" source={quoteattr(e["source"])} target={quoteattr(e["target"])}>')
        out.append(f'      <data key="relation">{e["relation"]}</data>')
        out.append(f'      <data key="file">{escape(e["file"])}</data>')
        out.append(f'      <data key="line">{e["line"]}</data>')
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>"]
    return "\n".join(out) + "\n"


RENDERERS = {"json": to_json, "dot": to_dot, "mermaid": to_mermaid, "graphml": to_graphml}
