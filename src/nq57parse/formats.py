"""Output formats of the commands: the ordered tables behind ``--format`` choices and ``-o`` suffixes.

In: a command's explicit ``--format`` (or none) and its ``-o`` path. Out: the format to write.
An explicit ``--format`` wins; otherwise ``-o``'s suffix names it (``t.csv`` → csv, ``x.yaml`` → yaml);
a suffix that names a format the command cannot write is refused (one line, exit 2) rather than
written in another format under a misleading name; an unknown suffix (``out.txt`` for json) keeps
the default. Writers are named ``module:function`` and imported only when used, so the command
line starts without loading them.

To add a format to ``extract`` (the Akoma Ntoso writer, say): one line in ``EXTRACT_FORMATS``
(``"akn": "nq57parse.akn:to_akn"``) and its suffix in ``SUFFIXES`` (``".akn": "akn"``); the choice
list, help text and shell completion follow (``commands._common.format_option``).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import PurePath
from typing import Any

# extract: format → writer(Document) -> str, in the order help lists them (the first is the default).
EXTRACT_FORMATS: dict[str, str] = {
    "json": "nq57parse.export:to_json",
    "yaml": "nq57parse.export:to_yaml",
    "text": "nq57parse.views.text:render_text",
    "markdown": "nq57parse.views.markdown:render_markdown",
    "akn": "nq57parse.akn:to_akn",
}

# extract: format → a writer that yields the same text in pieces (large documents are written out
# without holding their whole text); formats missing here are written whole.
EXTRACT_STREAMS: dict[str, str] = {
    "json": "nq57parse.export:json_chunks",
    "yaml": "nq57parse.export:yaml_chunks",
}

# file suffix → the format it names (for every command; each command accepts its own subset).
SUFFIXES: dict[str, str] = {
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".sarif": "sarif",
    ".html": "html",
    ".htm": "html",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".akn": "akn",
    ".xml": "akn",
}

# what a suffix means when the command has a plain-text view of the same name
TEXT_SUFFIXES = (".txt", ".text")


class FormatError(ValueError):
    """``-o``'s suffix names a format the command does not write."""


def pick(explicit: str | None, out: str | None, allowed: tuple[str, ...], default: str | None) -> str | None:
    """The format to write: ``explicit`` if given, else the one ``out``'s suffix names, else ``default``."""
    if explicit is not None:
        return str(explicit)
    if not out or out == "-":
        return default
    suffix = PurePath(out).suffix.lower()
    if suffix in TEXT_SUFFIXES and "text" in allowed:
        return "text"
    named = SUFFIXES.get(suffix)
    if named is None:
        return default
    if named not in allowed:
        raise FormatError(
            f"{out}: this command does not write {named} ({suffix}); "
            f"use --format {'|'.join(allowed)} or another file name"
        )
    return named


def writer(table: dict[str, str], fmt: str) -> Any:
    """The writer function a table names for ``fmt``, imported now."""
    module, _, function = table[fmt].partition(":")
    return getattr(import_module(module), function)
