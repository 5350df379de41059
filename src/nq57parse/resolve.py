"""Stage 8, resolve: link citations to canonical targets and merge them into references.

In: citations in document order, the document's own canonical number, extra registry files.
Out: citations with ``target``/``relation``/``self_reference`` set, and one ``Reference`` per target.

Placeholder until the citation issue lands.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import Citation, Reference


def resolve_citations(
    citations: Sequence[Citation],
    own_number: str | None = None,
    registry_paths: Sequence[str] = (),
) -> tuple[list[Citation], list[Reference]]:
    """Return the citations unchanged and no references (placeholder)."""
    return list(citations), []
