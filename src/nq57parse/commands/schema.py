"""`nq57parse schema`: the JSON Schema of extract's output."""

from __future__ import annotations


def schema_command() -> None:
    """Print the JSON Schema of the document that `extract` emits."""
    from ..export import to_json
    from ..models import Document

    schema = Document.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "nq57parse document"
    print(to_json(schema), end="")
