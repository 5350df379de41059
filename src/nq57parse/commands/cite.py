"""`nq57parse cite FILE...`: the citations of each file, resolved (SPEC "Citations and references").

In: files (or ``-``), ``--format table|json|csv``, ``--registry FILE`` (repeatable).
Out: ``table`` = a rich table per file on stdout; ``json`` = ``[{file, citations[], references[],
relations[]}]``; ``csv`` = one row per citation with its file. Exit 0, or 2 with a one-line message for an
unreadable input or registry.
"""

from __future__ import annotations

import typer

from ._common import check_choice, fail, write_output

CSV_FIELDS = (
    "file",
    "line",
    "start",
    "end",
    "form",
    "doc_type",
    "number",
    "date",
    "issuer",
    "subject",
    "target",
    "relation",
    "language",
    "self_reference",
    "text",
)


def cite_command(
    files: list[str] = typer.Argument(..., help="Text files, or - for standard input."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
    out: str | None = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
    registry: list[str] = typer.Option([], "--registry", help="Extra registry of known documents (YAML)."),
) -> None:
    """List every document FILE cites, with its canonical target and relation."""
    check_choice(fmt, ("table", "json", "csv"), "--format")
    from ..errors import InputError
    from ..pipeline import parse_file

    docs = []
    for path in files:
        try:
            docs.append((path, parse_file(path, registry_paths=registry)))
        except InputError as exc:
            fail(str(exc))
    if fmt == "json":
        import json

        data = [
            {
                "file": path,
                "citations": [c.model_dump(mode="json") for c in doc.citations],
                "references": [r.model_dump(mode="json") for r in doc.references],
                "relations": [r.model_dump(mode="json") for r in doc.relations],
            }
            for path, doc in docs
        ]
        write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", out)
    elif fmt == "csv":
        write_output(_csv(docs), out)
    else:
        _table(docs, out)


def _csv(docs: list) -> str:
    import csv
    import io

    from ..csvsafe import safe_row

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for path, doc in docs:
        for cite in doc.citations:
            row = cite.model_dump(mode="json")
            writer.writerow(safe_row({"file": path, **{k: row.get(k) for k in CSV_FIELDS if k != "file"}}))
    return buffer.getvalue()


def _table(docs: list, out: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=open(out, "w", encoding="utf-8") if out else None, no_color=bool(out))  # noqa: SIM115
    for path, doc in docs:
        table = Table(title=f"{path}: {len(doc.citations)} citations, {len(doc.references)} documents")
        for column in ("line", "form", "relation", "text", "target", "date", "issuer"):
            table.add_column(column, overflow="fold")
        for cite in doc.citations:
            target = (cite.target or "?") + (" (self)" if cite.self_reference else "")
            table.add_row(
                str(cite.line),
                cite.form,
                cite.relation,
                cite.text,
                target,
                cite.date or "",
                cite.issuer or "",
            )
        console.print(table)
        conflicts = [(ref.id, c.message) for ref in doc.references for c in ref.conflicts]
        for ref_id, message in conflicts:
            console.print(f"[yellow]conflict[/yellow] {ref_id}: {message}")
    if out:
        console.file.close()
