"""Helpers shared by the command modules: one-line errors (exit 2) and writing output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import typer


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``nq57parse: <message>`` on stderr and exit (2 = usage error or unreadable input)."""
    sys.stderr.write(f"nq57parse: {message}\n")
    raise typer.Exit(code)


def write_output(text: str, out: str | None) -> None:
    """Write to ``out`` (a path) or to stdout."""
    if out and out != "-":
        try:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            Path(out).write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"{out}: cannot write output ({exc.strerror or exc})")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def output_format(explicit, out: str | None, allowed: tuple[str, ...], default: str | None) -> str | None:
    """The format to write: an explicit ``--format`` wins, else ``-o``'s suffix, else ``default``;
    a suffix naming a format this command cannot write is a usage error (exit 2)."""
    from ..formats import FormatError, pick

    try:
        return pick(explicit, out, allowed, default)
    except FormatError as exc:
        fail(str(exc))
