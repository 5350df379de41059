"""`nq57parse batch`: not built yet (see its issue)."""

from __future__ import annotations

import typer


def batch_command(paths: list[str] = typer.Argument(..., help="Input files.")) -> None:
    """Not built yet."""
    typer.echo("nq57parse batch: not implemented yet", err=True)
    raise typer.Exit(2)
