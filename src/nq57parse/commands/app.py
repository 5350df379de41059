"""The typer app of the ``nq57parse`` command line: wires each command module in ``nq57parse.commands``.

In: argv (``app(prog_name="nq57parse")``, called by ``nq57parse.cli.main``). Out: the command's output
on stdout (or ``-o``), exit code 0/1/2 per SPEC.md. Command modules import their heavy dependencies
inside the command body, so start-up stays lean.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from .. import __version__
from . import batch, cite, extract, graph, report, rule, schema, table, validate
from ._help import CleanCommand, CleanGroup

app = typer.Typer(
    cls=CleanGroup,
    name="nq57parse",
    help="Turn Vietnamese legal and administrative documents into structured, validated, cross-linked data.",
    no_args_is_help=True,
    add_completion=True,
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


# name → command function, in the order `nq57parse --help` lists them
COMMANDS: dict[str, Callable[..., Any]] = {
    "extract": extract.extract_command,
    "cite": cite.cite_command,
    "table": table.table_command,
    "validate": validate.validate_command,
    "batch": batch.batch_command,
    "graph": graph.graph_command,
    "report": report.report_command,
    "rule": rule.rule_command,
    "schema": schema.schema_command,
}
for _name, _function in COMMANDS.items():
    app.command(_name, cls=CleanCommand)(_function)
