"""`nq57parse cite FILE...`: the citations of each file, resolved (SPEC "Citations and references").

In: files (or ``-``), ``--format table|json|csv``, ``--registry FILE`` (repeatable).
Out: ``table`` = a rich table per file on stdout; ``json`` = ``[{file, citations[], references[],
relations[]}]``; ``csv`` = one row per citation with its file (UTF-8 with a byte-order mark, so
spreadsheets show Vietnamese right; booleans ``true``/``false``). Without ``--format``, ``-o``'s suffix
picks it (``.csv``, ``.json``). Exit 0, or 2 with a one-line message for an
unreadable input or registry.
"""

from __future__ import annotations

import typer

from ._common import fail, format_option, output_format, write_output

FORMATS = ("table", "json", "csv")


def cite_command(
    files: list[str] = typer.Argument(..., metavar="FILE", help="Documents, or - for standard input."),
    fmt: str | None = format_option(FORMATS, "Output format (default: from -o's suffix, else table)."),
    out: str | None = typer.Option(
        None, "-o", "--output", metavar="OUT", help="Write here instead of stdout."
    ),
    registry: list[str] = typer.Option(
        [], "--registry", metavar="FILE", help="Extra registry of known documents (YAML); repeatable."
    ),
) -> None:
    """List every document FILE cites, with its canonical target and relation."""
    fmt = output_format(fmt, out, FORMATS, "table")
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
        write_output("\ufeff" + _csv(docs), out)
    else:
        _table(docs, out)


def csv_value(value: object) -> object:
    """A CSV cell: booleans as ``true``/``false`` (not Python's ``True``), None as empty."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _csv(docs: list) -> str:
    """One row per citation (no byte-order mark; the command adds it): ``records.citations``."""
    import csv
    import io

    from ..csvsafe import safe_row
    from ..records import CITATION_FIELDS, citations

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CITATION_FIELDS, lineterminator="\n")
    writer.writeheader()
    for path, doc in docs:
        writer.writerows(safe_row({k: csv_value(v) for k, v in r.items()}) for r in citations(doc, file=path))
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
            target = cite.target or (f"≈ {cite.version} ({cite.version_basis})" if cite.version else "?")
            target += " (self)" if cite.self_reference else ""  # ≈: a named law's version, no number printed
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
