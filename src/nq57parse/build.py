"""Stage 5, build: placeholder that owns nothing (every line ends up in ``unparsed``)."""

from __future__ import annotations

from .models import Document
from .normalise import NormalisedText


def build_document(norm: NormalisedText) -> Document:
    """Placeholder."""
    return Document()
