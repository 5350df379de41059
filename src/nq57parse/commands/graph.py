"""`nq57parse graph INPUT...`: the citation graph of a corpus (SPEC "The citation graph").

In: files or folders: texts (.txt, .md, .html, .htm, .docx) are parsed; ``batch`` and ``extract`` output
(.jsonl streams, .json/.yaml documents, folders of them) is read without parsing again. ``--format``
(or ``-o``'s suffix): json, dot, mermaid, graphml, gexf, neo4j (a folder: nodes.csv, relationships.csv).
``--min-count`` / ``--only-type`` keep the edges cited often enough / of those relations.
Out: the graph (``nq57parse.graph``); exit 2 with one line for unreadable input or an undrawable
Mermaid graph.
"""

from __future__ import annotations

from typing import Any

import typer

from ._common import fail, format_option, output_format, write_output

FORMATS = ("json", "dot", "mermaid", "graphml", "gexf", "neo4j")


def graph_command(
    inputs: list[str] = typer.Argument(
        ..., metavar="INPUT", help="Documents, batch/extract output (.jsonl, .json), or folders of them."
    ),
    fmt: str | None = format_option(FORMATS, "Output format (default: from -o's suffix, else json)."),
    out: str | None = typer.Option(
        None, "-o", "--output", metavar="OUT", help="Write here (a folder for neo4j) instead of stdout."
    ),
    min_count: int = typer.Option(1, "--min-count", metavar="N", help="Only edges cited at least N times."),
    only_type: str = typer.Option(
        "",
        "--only-type",
        metavar="RELATIONS",
        help="Only these relations, comma-separated (based_on,implements).",
    ),
    registry: list[str] = typer.Option(
        [], "--registry", metavar="FILE", help="Extra registry of known documents (YAML); repeatable."
    ),
) -> None:
    """Build the graph of documents and the citations between them."""
    chosen = output_format(fmt, out, FORMATS, "json") or "json"
    from ..errors import InputError
    from ..graph import (
        RELATION_ORDER,
        WRITERS,
        GraphError,
        build_graph,
        filter_graph,
        load_documents,
        write_folder,
    )

    relations = [r.strip() for r in only_type.split(",") if r.strip()]
    unknown = sorted(set(relations) - set(RELATION_ORDER))
    if unknown:
        fail(f"--only-type: unknown relation {', '.join(unknown)} (one of {', '.join(RELATION_ORDER)})")
    if chosen == "neo4j" and (not out or out == "-"):
        fail("--format neo4j writes two files: give -o a folder")
    try:
        docs = list(load_documents(inputs, registry))
        if not docs:
            fail("no input documents found (.txt, .md, .html, .htm, .docx, or batch output .json/.jsonl)")
        graph = filter_graph(build_graph(docs, registry), min_count, relations)
        result: Any = WRITERS[chosen](graph)
    except (InputError, GraphError) as exc:
        fail(str(exc))
    if chosen == "neo4j":
        try:
            write_folder(result, str(out))
        except OSError as exc:
            fail(f"{out}: cannot write output ({exc.strerror or exc})")
    else:
        write_output(result, out)
