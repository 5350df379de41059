"""`nq57parse table FILE`: the appendix tables of a document as rows (SPEC "Appendix rows").

In: one file (or ``-``), ``--format csv|json|markdown`` (none: a rich table on the terminal), ``-o``.
Without ``--format``, ``-o``'s suffix picks it (``t.csv``, ``t.json``, ``t.md``); other names get the
terminal table as plain text.
Out: ``csv`` = UTF-8 with BOM, one row per task: ``tt, group, parent``, the cell columns,
``deadline_kind, deadline_start, deadline_end`` (an ``appendix`` column first when the document has
several tables); ``json`` = ``[{title, heading, note, line, columns, groups, rows}]``; ``markdown`` =
one pipe table per appendix (line breaks as ``<br>``: ``tables.split_pipe_row`` reads it back).
Exit 0; 1 when the document has no appendix table (one line on stderr, nothing on stdout); 2 for
unreadable input or a bad option.
"""

from __future__ import annotations

import typer

from ._common import fail, format_option, output_format, write_output

FORMATS = ("csv", "json", "markdown")


def table_command(
    file: str = typer.Argument(..., metavar="FILE", help="A document, or - for standard input."),
    fmt: str | None = format_option(
        FORMATS, "Output format (default: from -o's suffix, else a table on the terminal)."
    ),
    out: str | None = typer.Option(
        None, "-o", "--output", metavar="OUT", help="Write here instead of stdout."
    ),
) -> None:
    """Print the appendix (PHỤ LỤC) tables of FILE, one row per task.

    CSV is UTF-8 with a byte-order mark so spreadsheets show Vietnamese correctly. Exit 1 with a
    message on stderr when FILE has no appendix table; exit 2 when FILE cannot be read.
    """
    fmt = output_format(fmt, out, FORMATS, None)
    from ..errors import InputError
    from ..limits import limit_this_command, out_of_memory_in
    from ..pipeline import parse_file
    from ..read import DEFAULT_MAX_BYTES

    limit_this_command(DEFAULT_MAX_BYTES)
    try:
        doc = parse_file(file)
    except InputError as exc:
        fail(str(exc))
    except MemoryError:
        fail(out_of_memory_in(file))
    tables = [a for a in doc.appendices if a.rows]
    if not tables:
        fail(f"{file}: no appendix table found", code=1)
    if fmt == "csv":
        write_output("\ufeff" + to_csv(tables), out)
    elif fmt == "json":
        write_output(to_json(tables), out)
    elif fmt == "markdown":
        write_output(to_markdown(tables), out)
    else:
        _rich(tables, file, out)


def to_csv(tables: list) -> str:
    """The rows of every table as CSV text (no BOM; the command adds it); the records of
    ``nq57parse.records.rows``."""
    import csv
    import io

    from ..csvsafe import safe_row
    from ..records import row_fields, table_records

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=row_fields(tables))
    writer.writeheader()
    writer.writerows(safe_row(r) for r in table_records(tables))
    return buffer.getvalue()


def to_json(tables: list) -> str:
    """``[{title, heading, note, line, columns, groups, rows}]`` as indented JSON."""
    import json

    fields = {"title", "heading", "note", "line", "columns", "groups", "rows"}
    data = [a.model_dump(mode="json", include=fields) for a in tables]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def to_markdown(tables: list) -> str:
    """One Markdown pipe table per appendix; group rows carry their title in the second column."""
    parts = []
    for appendix in tables:
        titles = [c.title for c in appendix.columns]
        keys = [c.key for c in appendix.columns]
        lines = [f"## {appendix.title}", ""]
        if appendix.heading:
            lines += [appendix.heading, ""]
        lines.append("| " + " | ".join(_md_cell(t) for t in titles) + " |")
        lines.append("|" + "---|" * len(titles))
        events = sorted(
            [(g.line, "g", g) for g in appendix.groups] + [(r.line, "r", r) for r in appendix.rows]
        )
        for _, kind, item in events:
            if kind == "g":
                cells = [item.label, f"**{item.title}**" if item.title else ""] + [""] * (len(keys) - 2)
            else:
                cells = [item.tt if k == "tt" else item.cells.get(k, "") for k in keys]
            lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def _rich(tables: list, file: str, out: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=open(out, "w", encoding="utf-8") if out else None, no_color=bool(out))  # noqa: SIM115
    for appendix in tables:
        table = Table(title=f"{file}: {appendix.title} — {len(appendix.rows)} rows", show_lines=True)
        cell_columns = [c for c in appendix.columns if c.key != "tt"]
        table.add_column("TT", no_wrap=True)
        for column in cell_columns:
            table.add_column(column.title, overflow="fold")
        table.add_column("deadline", overflow="fold")
        events = sorted(
            [(g.line, "g", g) for g in appendix.groups] + [(r.line, "r", r) for r in appendix.rows]
        )
        for _, kind, item in events:
            if kind == "g":
                table.add_row(f"[bold]{item.label}[/bold]", f"[bold]{item.title}[/bold]", end_section=True)
                continue
            deadline = item.deadline
            normalised = ""
            if deadline is not None:
                span = "…".join(x for x in (deadline.start, deadline.end) if x)
                normalised = " ".join(x for x in (deadline.kind, span, deadline.recurrence or "") if x)
            table.add_row(item.tt, *(item.cells.get(c.key, "") for c in cell_columns), normalised)
        console.print(table)
    if out:
        console.file.close()
