"""Stage 10, coverage: prove the lossless rule by character spans and put what no node owns in ``unparsed``.

In: a built ``Document`` and its ``NormalisedText``.
Out: the document with one ``Unparsed`` entry for every run of non-blank characters (on one line) that
no node owns — reason ``markup`` for table bars and emphasis marks standing alone, ``page_number`` for
a page number a PDF copy left on its own, ``not_recognised`` otherwise — and an error diagnostic
(NQ000) for any character owned twice (a parser bug, never expected).

A node owns ``normalised[start:end]``, the span of its own text (its children own theirs); a block
owns its span (``signature`` and ``recipients`` are read from blocks and own nothing). The table stage
still speaks in lines: a table row owns its label line and every line in ``cell_lines``, each as the
line's non-blank extent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from .models import Clause, Diagnostic, Document, TableRow, Unparsed, maker
from .normalise import NormalisedText
from .shapes import shape

_OWNING_LISTS = ("articles", "sections", "attachments", "appendices", "footnotes", "unparsed", "structure")
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
_RUN = re.compile(r"\S+(?:[ \t]+\S+)*")
_MARKUP_ONLY = re.compile(r"^(?:[|*#_=+:~`\\\s-]|<[^<>]{0,500}>)+$")

Span = tuple[int, int]


def owned_spans(doc: Document, norm: NormalisedText) -> list[Span]:
    """Every span a node owns, in no particular order (blank spans included)."""
    spans: list[Span] = []
    for name in _OWNING_LISTS:
        for node in getattr(doc, name):
            spans.extend(_node_spans(node, norm))
    for basis in doc.legal_bases:
        spans.extend(_node_spans(basis, norm))
    for block in doc.blocks:
        if block.kind != "boilerplate":
            spans.extend(_node_spans(block, norm))
    return spans


def furniture_spans(doc: Document, norm: NormalisedText) -> list[Span]:
    """The spans of site furniture (boilerplate blocks). A node's span may cross them (a sentence
    wrapped over a page break with the gazette's banner between its halves): the block owns those
    characters, and the crossing is not an overlap."""
    return [s for b in doc.blocks if b.kind == "boilerplate" for s in _node_spans(b, norm)]


def _line_extent(norm: NormalisedText, line: int) -> Span:
    """The non-blank extent of a line (empty for a blank line)."""
    if not 1 <= line <= len(norm.lines):
        return (0, 0)
    text = norm.lines[line - 1]
    base = norm.line_starts[line - 1]
    left = len(text) - len(text.lstrip())
    return base + left, base + len(text.rstrip())


def _node_spans(node: BaseModel, norm: NormalisedText) -> Iterator[Span]:
    start = getattr(node, "start", None)
    if isinstance(start, int) and isinstance(getattr(node, "end", None), int):
        yield start, node.end  # type: ignore[attr-defined]
    elif isinstance(node, TableRow):
        lines = {node.line}
        for cell in node.cell_lines.values():
            lines.update(cell)
        for n in sorted(lines):
            yield _line_extent(norm, n)
    else:
        line = getattr(node, "line", None)
        synthetic = isinstance(node, Clause) and not node.label and not node.text  # holds points only
        if isinstance(line, int) and not synthetic:
            for n in range(line, (getattr(node, "end_line", None) or line) + 1):
                yield _line_extent(norm, n)
    for name in _children(type(node)):
        for child in getattr(node, name) or ():
            if isinstance(child, BaseModel):
                yield from _node_spans(child, norm)


@cache
def _children(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(name for name in _CHILD_FIELDS if name in model.model_fields)


def overlaps(spans: list[Span]) -> list[Span]:
    """The stretches of text that more than one span covers (non-empty spans only)."""
    found: list[Span] = []
    reach = -1
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if start < reach:
            found.append((start, min(end, reach)))
        reach = max(reach, end)
    return found


def uncovered(spans: list[Span], norm: NormalisedText) -> Iterator[Span]:
    """Runs of non-blank characters (each within one line) that no span covers."""
    pos = 0
    text = norm.text
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if start > pos:
            for m in _RUN.finditer(text, pos, start):
                yield m.start(), m.end()
        pos = max(pos, end)
    for m in _RUN.finditer(text, pos, len(text)):
        yield m.start(), m.end()


def _reason(text: str) -> str:
    """Why no node took a run: markup alone, a page number left by a PDF copy, or not recognised."""
    if _MARKUP_ONLY.match(text):
        return "markup"
    return "page_number" if shape(text).kind == "PAGE" else "not_recognised"


def check_coverage(doc: Document, norm: NormalisedText) -> Document:
    """Add every unowned run to ``unparsed``; flag characters owned twice."""
    spans = owned_spans(doc, norm)
    furniture = furniture_spans(doc, norm)
    missing = [
        maker(Unparsed)(
            line=norm.line_of(a),
            text=norm.text[a:b],
            reason=_reason(norm.text[a:b]),
            start=a,
            end=b,
        )
        for a, b in uncovered(spans + furniture, norm)
    ]
    twice = [s for s in overlaps(spans) if norm.text[s[0] : s[1]].strip()] + _furniture_twice(furniture, norm)
    diagnostics = list(doc.diagnostics)
    if twice:
        lines = sorted({norm.line_of(a) for a, _ in twice})
        diagnostics.append(
            Diagnostic(
                severity="error",
                code="NQ000",
                message=f"internal: text owned by more than one node on lines {lines[:10]}",
                line=lines[0],
            )
        )
    if not missing and not twice:
        return doc
    unparsed = sorted([*doc.unparsed, *missing], key=lambda u: (u.line, u.start or 0))
    return doc.model_copy(update={"unparsed": unparsed, "diagnostics": diagnostics})


def unowned_or_twice(doc: Document, norm: NormalisedText) -> tuple[list[Span], list[Span]]:
    """For tests and tools: the non-blank runs no node (``unparsed`` included) owns, and the stretches
    owned twice. Both are empty for every document ``check_coverage`` has seen."""
    spans = owned_spans(doc, norm)
    furniture = furniture_spans(doc, norm)
    twice = [s for s in overlaps(spans) if norm.text[s[0] : s[1]].strip()] + _furniture_twice(furniture, norm)
    return list(uncovered(spans + furniture, norm)), twice


def _furniture_twice(furniture: list[Span], norm: NormalisedText) -> list[Span]:
    """Furniture owned twice (two boilerplate blocks over the same characters): a bug, like any overlap."""
    return [s for s in overlaps(furniture) if norm.text[s[0] : s[1]].strip()]
