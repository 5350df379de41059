"""The ``nq57parse`` command line: the console script's entry point (``main``) and its typer ``app``.

In: argv. Out: the command's output on stdout (or ``-o``), exit code 0/1/2 per SPEC.md.

``main`` makes start-up short (issue #18, "CLI") before the app (``nq57parse.commands.app``) is
imported: it enables the start-up cache (``startup_cache``: compiled regular expressions and parsed
data files kept on disk between runs) and turns off pydantic's plugin look-up
(``PYDANTIC_DISABLE_PLUGINS``, unless the caller set it), which reads the metadata of every installed
distribution for plugins the command's own models do not use. It marks the process as its own, so
that a command reading one document limits its memory (``limits``), and turns a ``MemoryError`` into
one line and exit 2. Importing this module (tests, scripts
that drive ``app``) does neither: ``app`` and ``COMMANDS`` are loaded on first use.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .commands.app import COMMANDS, app

__all__ = ["COMMANDS", "app", "main"]


def main() -> None:
    """Console-script entry point."""
    from . import limits, startup_cache

    startup_cache.enable()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    limits.own_process = True
    from .commands.app import app

    try:
        app(prog_name="nq57parse")
    except MemoryError:
        sys.stderr.write(f"nq57parse: {limits.out_of_memory(limits.applied, limits.ours)}\n")
        sys.exit(2)


def __getattr__(name: str) -> Any:
    if name in ("app", "COMMANDS"):
        from .commands import app as module

        return getattr(module, name)
    raise AttributeError(f"module 'nq57parse.cli' has no attribute {name!r}")
