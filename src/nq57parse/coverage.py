"""Stage 9, coverage: prove the lossless rule and put every unowned line in ``unparsed``.

In: a built ``Document`` and its ``NormalisedText``.
Out: the document with one ``Unparsed`` entry (reason ``not_recognised``, or ``page_number`` for a
page number a PDF copy left alone on its line) for every non-blank line no node owns, and an error diagnostic for any line owned twice (a parser bug, never expected).

A node owns the lines ``line..end_line`` of its own text (children own theirs); a table row owns its
label line and every line in ``cell_lines``; an appendix also owns ``lines``; a block owns its span
(header and closing lines: ``signature`` and ``recipients`` are read from blocks and own nothing).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from .models import Clause, Diagnostic, Document, SourceLine, TableRow, Unparsed
from .normalise import NormalisedText
from .shapes import shape

_OWNING_LISTS = (
    "articles",
    "sections",
    "attachments",
    "appendices",
    "footnotes",
    "unparsed",
)


def owned_lines(doc: Document) -> Counter[int]:
    """How many nodes own each line (1 for every non-blank line of a sound parse)."""
    counts: Counter[int] = Counter()
    for name in _OWNING_LISTS:
        for node in getattr(doc, name):
            counts.update(_node_lines(node))
    for container in doc.structure:
        counts.update(_node_lines(container))
    # A preamble sentence split into one legal basis per document shares its lines between the pieces
    # (and with an enacting clause on the same line): the preamble owns its lines once, as a whole.
    preamble: set[int] = set()
    for basis in doc.legal_bases:
        preamble.update(_span(basis.line, basis.end_line))
    for block in doc.blocks:
        if block.kind == "enacting":
            preamble.update(_span(block.line, block.end_line))
        else:
            counts.update(_span(block.line, block.end_line))
    counts.update(preamble)
    return counts


def _span(line: int, end_line: int | None) -> range:
    return range(line, (end_line or line) + 1)


def _node_lines(node: BaseModel) -> Iterator[int]:
    if isinstance(node, TableRow):
        yield node.line
        for lines in node.cell_lines.values():
            yield from (n for n in lines if n != node.line)
        return
    if isinstance(node, SourceLine | Unparsed):
        yield node.line
        return
    has_line, has_end, children = _layout(type(node))
    synthetic = isinstance(node, Clause) and not node.label and not node.text  # holds points under an article
    if has_line and not synthetic:
        line = node.line  # type: ignore[attr-defined]
        if isinstance(line, int):
            yield from _span(line, node.end_line if has_end else None)  # type: ignore[attr-defined]
    for name in children:
        for child in getattr(node, name) or ():
            if isinstance(child, BaseModel):
                yield from _node_lines(child)


_CHILD_FIELDS = (
    "clauses",
    "points",
    "items",
    "children",
    "sections",
    "articles",
    "structure",
    "groups",
    "rows",
    "lines",
    "header_lines",
)


@cache
def _layout(model: type[BaseModel]) -> tuple[bool, bool, tuple[str, ...]]:
    """Whether a node type has ``line`` and ``end_line`` fields, and which fields hold child nodes."""
    fields = model.model_fields
    return "line" in fields, "end_line" in fields, tuple(name for name in _CHILD_FIELDS if name in fields)


def _reason(line: str) -> str:
    """Why no node took a line: a page number left by a PDF copy, or a line not recognised."""
    return "page_number" if shape(line).kind == "PAGE" else "not_recognised"


def check_coverage(doc: Document, norm: NormalisedText) -> Document:
    """Add every unowned non-blank line to ``unparsed``; flag lines owned twice."""
    counts = owned_lines(doc)
    missing = [
        Unparsed(line=n, text=text.strip(), reason=_reason(text))
        for n, text in enumerate(norm.lines, start=1)
        if text.strip() and counts[n] == 0
    ]
    twice = sorted(n for n, c in counts.items() if c > 1)
    diagnostics = list(doc.diagnostics)
    if twice:
        diagnostics.append(
            Diagnostic(
                severity="error",
                code="NQ000",
                message=f"internal: lines owned by more than one node: {twice[:10]}",
                line=twice[0],
            )
        )
    if not missing and not twice:
        return doc
    unparsed = sorted([*doc.unparsed, *missing], key=lambda u: u.line)
    return doc.model_copy(update={"unparsed": unparsed, "diagnostics": diagnostics})
