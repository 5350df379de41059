"""Helpers shared by the command modules: one-line errors (exit 2) and writing output."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

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


def write_chunks(chunks: Iterable[str], out: str | None) -> None:
    """``write_output`` for text given in pieces, each written as it comes."""
    if out and out != "-":
        try:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            with Path(out).open("w", encoding="utf-8") as fh:
                for chunk in chunks:
                    fh.write(chunk)
        except OSError as exc:
            fail(f"{out}: cannot write output ({exc.strerror or exc})")
    else:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()


def format_option(formats: tuple[str, ...] | list[str], help: str, default: str | None = None) -> Any:
    """``--format``/``-f`` whose choices show in help (``json|yaml``) and in shell completion; an
    unknown value is refused by ``output_format`` with one line (exit 2), on every typer version."""
    names = tuple(formats)

    def complete(incomplete: str) -> list[str]:
        return [f for f in names if f.startswith(incomplete)]

    return typer.Option(
        default,
        "--format",
        "-f",
        metavar="|".join(names),
        help=help,
        autocompletion=complete,
        show_default=default is not None,
    )


def output_format(
    explicit: str | None, out: str | None, allowed: tuple[str, ...], default: str | None
) -> str | None:
    """The format to write: an explicit ``--format`` wins, else ``-o``'s suffix, else ``default``;
    an unknown ``--format`` or a suffix naming a format this command cannot write is a usage error
    (one line, exit 2)."""
    from ..formats import FormatError, pick

    if explicit is not None and explicit not in allowed:
        fail(f"--format must be one of {', '.join(allowed)} (got {explicit!r})")
    try:
        return pick(explicit, out, allowed, default)
    except FormatError as exc:
        fail(str(exc))
