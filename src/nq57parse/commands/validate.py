"""`nq57parse validate`: not built yet (see its issue)."""

from __future__ import annotations

import typer


def validate_command(paths: list[str] = typer.Argument(..., help="Input files.")) -> None:
    """Not built yet."""
    typer.echo("nq57parse validate: not implemented yet", err=True)
    raise typer.Exit(2)
