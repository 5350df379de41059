"""The ``nq57parse`` command line (typer): wires each command module in ``nq57parse.commands``.

In: argv. Out: the command's output on stdout (or ``-o``), exit code 0/1/2 per SPEC.md.
Command modules import their heavy dependencies inside the command body, so start-up stays lean.
"""

from __future__ import annotations

import typer

from . import __version__
from .commands import batch, cite, extract, graph, schema, table, validate

app = typer.Typer(
    name="nq57parse",
    help="Turn Vietnamese legal and administrative documents into structured, validated, cross-linked data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nq57parse {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """nq57parse: Vietnamese legal documents → JSON/YAML, citations, tables, findings."""


app.command("extract")(extract.extract_command)
app.command("cite")(cite.cite_command)
app.command("table")(table.table_command)
app.command("validate")(validate.validate_command)
app.command("batch")(batch.batch_command)
app.command("graph")(graph.graph_command)
app.command("schema")(schema.schema_command)


def main() -> None:
    """Console-script entry point."""
    app()
