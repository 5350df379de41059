"""`nq57parse schema`: the JSON Schema of extract's output (to stdout, or ``-o FILE``)."""

from __future__ import annotations

import typer

from ._common import output_format, write_output


def schema_command(
    out: str | None = typer.Option(
        None, "-o", "--output", metavar="OUT", help="Write here instead of stdout."
    ),
) -> None:
    """Print the JSON Schema of the document that `extract` emits."""
    output_format(None, out, ("json",), "json")
    from ..export import to_json
    from ..models import Document

    schema = Document.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "nq57parse document"
    write_output(to_json(schema), out)
