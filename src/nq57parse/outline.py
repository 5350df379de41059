"""Outline depth: flat marked units (``I.``, ``1.``, ``1.1.``, ``a)``, ``-``, ``+``, paragraphs) → nested sections.

In: ``OUTLINE`` units in order. Out: ``list[Section]`` trees.

Rules (tested one per line in tests/test_outline.py, markers in, depths out):
1. A marker's *type* is its family: ``roman`` (I.), ``num1`` (1.), ``num2`` (1.1.), ``num3`` …,
   ``point`` (a), đ), i) — Vietnamese letters, so ``i)`` after ``h)`` is a letter), ``dash`` (-),
   ``plus`` (+).
2. A marker whose type is already open on the stack closes everything above that level and becomes a
   sibling there; a new type nests under the innermost open unit. So any order of families works
   (a plan may put dashes under ``I.`` directly, or points under dashes).
3. ``num2`` ``1.1`` also closes a deeper ``num1``? No: ``1.2`` is a sibling of ``1.1`` (same type) and a
   child of ``1.`` (a different type), which rule 2 already gives.
4. An unmarked paragraph is more text of the innermost open unit; with nothing open it is a top-level
   section with label ``""`` (news, and text before the first heading).
Heading or text: a unit's own line is its ``heading`` when content follows under it and the line
reads as a title (no closing ``.``/``;``), or always for roman headings; otherwise it is ``text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .models import Section, maker
from .units import Unit


def marker_type(label: str | None) -> str:
    """The family of a label: roman, num<depth>, point, dash, plus, or para (unmarked)."""
    if not label:
        return "para"
    if label == "-":
        return "dash"
    if label == "+":
        return "plus"
    if label[0].isdigit():
        return f"num{label.count('.') + 1}"
    if label.isupper():
        return "roman"
    return "point"


@dataclass(slots=True)
class _Open:  # slots: one per outline unit while the sections are nested (memory)
    kind: str
    unit: Unit
    paragraphs: list[Unit] = field(default_factory=list)
    children: list[_Open] = field(default_factory=list)


def nest(units: Sequence[Unit]) -> list[Section]:
    """Nest outline units by the rules in the module docstring."""
    roots: list[_Open] = []
    stack: list[_Open] = []
    for unit in units:
        kind = marker_type(unit.label)
        if kind == "para":
            if stack:
                stack[-1].paragraphs.append(unit)
            else:
                roots.append(_Open(kind, unit))
            continue
        level = next((k for k, node in enumerate(stack) if node.kind == kind), None)
        if level is not None:
            del stack[level:]
        node = _Open(kind, unit)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    del stack
    roots.reverse()  # memory: each open unit is let go once its section is made
    sections = []
    while roots:
        sections.append(_to_section(roots.pop()))
    return sections


def depths(labels: Sequence[str]) -> list[int]:
    """Depth of each marker (0 = top), for tests: ``["I", "1", "a", "2"]`` → ``[0, 1, 2, 1]``."""
    units = [Unit.of("OUTLINE", n + 1, label, label=label) for n, label in enumerate(labels)]
    out: list[int] = []

    def walk(sections: list[Section], depth: int) -> None:
        for s in sections:
            out.append(depth)
            walk(s.children, depth + 1)

    walk(nest(units), 0)
    return out


def _to_section(node: _Open) -> Section:
    unit = node.unit
    own = unit.body if unit.label else unit.text
    extra = "\n".join(p.text for p in node.paragraphs)
    has_content = bool(node.children or node.paragraphs)
    last = node.paragraphs[-1] if node.paragraphs else unit
    end = last.end_line or last.line
    titled = node.kind == "roman" or (has_content and not own.rstrip().endswith((".", ";", "./.")))
    if node.kind == "para":
        heading, text = None, "\n".join(filter(None, [own, extra]))
    elif titled:
        heading, text = own or None, extra
    else:
        heading, text = None, "\n".join(filter(None, [own, extra]))
    return maker(Section)(
        label=unit.label or "",
        heading=heading,
        text=text,
        line=unit.line,
        end_line=end if end != unit.line else None,
        start=unit.start,
        end=last.end,
        children=[_to_section(child) for child in node.children],
    )
