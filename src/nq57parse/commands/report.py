"""`nq57parse report FILE... -o report.html`: one self-contained HTML page to read documents in.

In: files or folders (walked like ``batch``), ``-o`` (default: standard output), ``--registry``.
Out: the page of ``nq57parse.views.report`` (no network needed to open it); exit 2 with one line for
unreadable input.
"""

from __future__ import annotations

import typer

from ..read import DEFAULT_MAX_BYTES
from ._common import fail, output_format, write_output


def report_command(
    inputs: list[str] = typer.Argument(..., metavar="FILE", help="Documents or folders of documents."),
    out: str | None = typer.Option(
        None, "-o", "--output", metavar="OUT", help="The .html file to write (default: standard output)."
    ),
    registry: list[str] = typer.Option(
        [], "--registry", metavar="FILE", help="Extra registry of known documents (YAML); repeatable."
    ),
    max_bytes: int = typer.Option(
        DEFAULT_MAX_BYTES, "--max-bytes", metavar="BYTES", help="Refuse larger inputs."
    ),
) -> None:
    """Write one self-contained HTML report: outline, text with linked citations, tables, graph."""
    output_format(None, out, ("html",), "html")
    from ..batch import walk_inputs
    from ..errors import InputError
    from ..graph import DOC_FIELDS, build_graph, to_dot
    from ..views.report import graph_svg, load_input, render_report

    items = []
    try:
        for item in walk_inputs(inputs):
            items.append(load_input(item.path, tuple(registry), max_bytes))
        if not items:
            fail("no input files found (.txt, .md, .html, .htm, .docx)")
        graph = build_graph(
            [(it.path, it.doc.model_dump(mode="json", include=DOC_FIELDS)) for it in items], registry
        )
    except InputError as exc:
        fail(str(exc))
    urls = {}
    for n, it in enumerate(items):
        urls[it.doc.number.canonical if it.doc.number else f"file:{it.path}"] = f"#d{n}"
    write_output(render_report(items, graph, graph_svg(to_dot(graph, urls))), out)
