"""Stage 7, citations: find every mention of another document (the citation issue).

In: the ``NormalisedText`` and the document's language.
Out: ``Citation`` objects with ``text == normalised.text[start:end]``.

Placeholder until that issue lands.
"""

from __future__ import annotations

from .models import Citation
from .normalise import NormalisedText


def find_citations(norm: NormalisedText, language: str = "vi") -> list[Citation]:
    """Return no citations (placeholder)."""
    return []
