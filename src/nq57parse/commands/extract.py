"""`nq57parse extract FILE`: the whole document as JSON or YAML (SPEC.md, "The document")."""

from __future__ import annotations

import typer

from ..read import DEFAULT_MAX_BYTES
from ._common import check_choice, fail, write_output


def extract_command(
    file: str = typer.Argument(..., help="A text file, or - for standard input."),
    fmt: str = typer.Option("json", "--format", "-f", help="json, yaml or akn (Akoma Ntoso 3.0 XML)."),
    out: str | None = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
    registry: list[str] = typer.Option([], "--registry", help="Extra registry of known documents (YAML)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse larger inputs."),
) -> None:
    """Parse FILE and print the whole document."""
    check_choice(fmt, ("json", "yaml", "akn"), "--format")
    from ..errors import InputError
    from ..export import render
    from ..pipeline import parse_file

    try:
        doc = parse_file(file, registry_paths=registry, max_bytes=max_bytes)
    except InputError as exc:
        fail(str(exc))
    write_output(render(doc, fmt), out)
