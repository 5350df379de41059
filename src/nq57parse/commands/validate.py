"""`nq57parse validate FILE...`: rule-based findings for CI (text, json, sarif, github).

Folders are walked as ``batch`` walks them (same walker, same exclusions); each finding carries the
column where its line's text starts. Without ``--format``, ``-o``'s suffix picks it (``.sarif``, ``.json``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from ._common import fail, format_option, output_format, write_output

FORMATS = ("text", "json", "sarif", "github")


def validate_command(
    files: list[str] = typer.Argument(..., metavar="FILE", help="Documents, or folders of them, to check."),
    fmt: str | None = format_option(FORMATS, "Output format (default: from -o's suffix, else text)."),
    strict: bool | None = typer.Option(
        None,
        "--strict/--no-strict",
        help="Fail (exit 1) on warnings too; default from the settings, else no.",
    ),
    select: str = typer.Option(
        "", "--select", metavar="CODES", help="Only these codes or prefixes, comma-separated (NQ1,NQ202)."
    ),
    ignore: str = typer.Option(
        "", "--ignore", metavar="CODES", help="Skip these codes or prefixes, comma-separated."
    ),
    config: str | None = typer.Option(
        None,
        "--config",
        metavar="FILE",
        help="Settings file (.nq57parse.yaml or pyproject.toml); default: found upwards.",
    ),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore any settings file."),
    out: str | None = typer.Option(
        None, "-o", "--output", metavar="OUT", help="Write here instead of stdout."
    ),
) -> None:
    """Check documents; exit 1 on any error (any warning too with --strict), 2 when no input is readable."""
    fmt = output_format(fmt, out, FORMATS, "text")
    from .. import __version__
    from ..batch import walk_inputs
    from ..config import Config, ConfigError, code_prefixes, find_config, load_config
    from ..errors import InputError
    from ..export import to_json
    from ..read import decode_bytes, read_bytes
    from ..validate import Finding, check_raw, to_github, to_sarif

    settings = Config()
    if not no_config:
        path = Path(config) if config else find_config(Path.cwd())
        if config and not Path(config).is_file():
            fail(f"{config}: no such settings file")
        try:
            settings = load_config(path) if path else settings
        except ConfigError as exc:
            fail(str(exc))
    try:
        chosen = set(code_prefixes(select)) or set(settings.select) or None
        skipped = set(code_prefixes(ignore)) | set(settings.ignore)
    except ValueError as exc:
        fail(f"--select/--ignore {exc}")
    strict = settings.strict if strict is None else strict
    findings: list[Finding] = []
    sources: dict[str, tuple[str, ...]] = {}
    unreadable = 0
    files = [item.path for item in walk_inputs(files)]
    if not files:
        fail("no input files found (.txt, .md, .html, .htm, .docx)")
    for file in files:
        try:
            data = read_bytes(file)
            raw = decode_bytes(data, path=file)
        except InputError as exc:
            unreadable += 1
            findings.append(Finding(file, None, "error", "NQ900", exc.reason))
            continue
        try:
            found, sources[file] = check_raw(
                _with_html_markers(raw, data, file), file, chosen, skipped, settings.severity
            )
        except Exception as exc:  # a parser bug must not hide the other files' findings
            found = [Finding(file, None, "error", "NQ002", f"the parser failed: {_one_line(exc)}")]
        findings.extend(_with_column(f, sources.get(file, ())) for f in found)
    if fmt == "json":
        write_output(to_json([f.as_dict() for f in findings]), out)
    elif fmt == "sarif":
        write_output(to_json(to_sarif(findings, __version__)), out)
    elif fmt == "github":
        write_output(to_github(findings), out)
    else:
        _print_text(findings, sources, out)
    if unreadable == len(files):
        fail(f"no readable input ({findings[0].file}: {findings[0].message})" if findings else "no input")
    failing = {"error", "warning"} if strict else {"error"}
    if any(f.severity in failing for f in findings):
        raise typer.Exit(1)


def _with_column(finding: Any, lines: tuple[str, ...]) -> Any:
    """The finding with the 1-based column where its line's text starts."""
    from dataclasses import replace

    if not finding.line or finding.column or not 0 < finding.line <= len(lines):
        return finding
    text = lines[finding.line - 1]
    return replace(finding, column=len(text) - len(text.lstrip()) + 1)


def _one_line(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


def _with_html_markers(raw: Any, data: bytes, file: str) -> Any:
    """An HTML text decoded again with its ``<!-- nq57parse: … -->`` comments kept as text (the HTML
    reader drops comments; see validate.html_markers_as_text)."""
    if not raw.encoding.startswith("html+") or b"nq57parse:" not in data:
        return raw
    from ..read import decode_bytes
    from ..validate import html_markers_as_text

    return decode_bytes(html_markers_as_text(data), path=file)


def _print_text(findings: list[Any], sources: dict[str, tuple[str, ...]], out: str | None = None) -> None:
    """Findings grouped by file, each with its source line; long lines are not wrapped (a CI log
    keeps one finding a line), colour only on a terminal; to ``out`` when given."""
    from io import StringIO

    from rich.console import Console
    from rich.markup import escape

    buffer = StringIO() if out and out != "-" else None
    console = Console(highlight=False, soft_wrap=True, file=buffer)
    colour = {"error": "red", "warning": "yellow", "info": "cyan"}
    by_file: dict[str, list] = {}
    for f in findings:
        by_file.setdefault(f.file, []).append(f)
    for file, items in by_file.items():
        console.print(f"[bold]{escape(file)}[/bold]")
        for f in items:
            where = f"{f.line}" if f.line else "-"
            console.print(
                f"  {where:>5}  [{colour[f.severity]}]{f.severity:<7}[/] {f.code}  {escape(f.message)}"
            )
            lines: tuple[str, ...] = sources.get(file) or ()
            if f.line and 0 < f.line <= len(lines):
                console.print(f"         [dim]{escape(lines[f.line - 1].strip()[:120])}[/dim]")
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    console.print(f"{len(findings)} findings: {errors} errors, {warnings} warnings")
    if buffer is not None:
        write_output(buffer.getvalue(), out)
