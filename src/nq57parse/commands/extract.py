"""`nq57parse extract FILE`: the whole document (SPEC.md, "The document").

``--format json`` (default) or ``yaml`` give the data; ``text`` and ``markdown`` a view a person reads
(header, legal bases, outline tree, signature, appendix tables cut to ``--rows``, cited documents,
diagnostics). Without ``--format``, ``-o``'s suffix picks it (``x.yaml``, ``x.md``, ``x.txt``).
The formats are the ordered table ``nq57parse.formats.EXTRACT_FORMATS``.
"""

from __future__ import annotations

import typer

from ..formats import EXTRACT_FORMATS, EXTRACT_STREAMS, writer
from ..read import DEFAULT_MAX_BYTES
from ._common import fail, format_option, output_format, write_chunks, write_output


def extract_command(
    file: str = typer.Argument(..., metavar="FILE", help="A document, or - for standard input."),
    fmt: str | None = format_option(
        tuple(EXTRACT_FORMATS), "Output format (default: from -o's suffix, else json)."
    ),
    out: str | None = typer.Option(
        None, "-o", "--output", metavar="OUT", help="Write here instead of stdout."
    ),
    registry: list[str] = typer.Option(
        [], "--registry", metavar="FILE", help="Extra registry of known documents (YAML); repeatable."
    ),
    rows: int = typer.Option(
        10, "--rows", metavar="N", help="Appendix rows shown by text and markdown (0: all)."
    ),
    max_bytes: int = typer.Option(
        DEFAULT_MAX_BYTES, "--max-bytes", metavar="BYTES", help="Refuse larger inputs."
    ),
) -> None:
    """Parse FILE and print the whole document."""
    chosen = output_format(fmt, out, tuple(EXTRACT_FORMATS), "json") or "json"
    from ..errors import InputError
    from ..limits import limit_this_command, out_of_memory_in
    from ..pipeline import parse_file

    limit_this_command(max_bytes)
    try:
        doc = parse_file(file, registry_paths=registry, max_bytes=max_bytes)
    except InputError as exc:
        fail(str(exc))
    except MemoryError:
        fail(out_of_memory_in(file))
    if chosen in EXTRACT_STREAMS:
        write_chunks(writer(EXTRACT_STREAMS, chosen)(doc), out)
        return
    write = writer(EXTRACT_FORMATS, chosen)
    if chosen in ("text", "markdown"):
        write_output(write(doc, rows=rows or None), out)
    else:
        write_output(write(doc), out)
