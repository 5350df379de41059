"""Row labels of appendix tables and lists, and where the numbering stands (the TT sequence).

In: the text of a line or of a TT cell. Out: a ``Label`` (``12.``, ``10.1``, ``III.``, with the text
after it on the same line) and, from a ``Numbering`` fed the labels in order, a verdict on each:
``next``, ``skip`` (a gap of one or two: NQ301), ``repeat`` (NQ302), ``stray`` (a label alone on its
line that fits nowhere, a typing slip kept as a row: NQ311) or None (not a label here: a number in a
cell, a year). After a stray label the numbering goes on from the label it stood for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .models import Diagnostic
from .rules import diagnostic
from .shapes import roman_value, to_roman

NUM_ALONE = re.compile(r"^(\d{1,4}(?:\.\d{1,3}){0,3})([.)])?$")
_NUM_INLINE = re.compile(r"^(\d{1,4}(?:\.\d{1,3}){1,3})[.)]?\s+(\S.*)$|^(\d{1,4})[.)]\s+(\S.*)$")
_ROMAN_ALONE = re.compile(r"^([IVXLC]{1,12})[.)]?$")
_ROMAN_INLINE = re.compile(r"^([IVXLC]{1,12})[.)]\s+(\S.*)$")
_MAX_SUB = 40  # the largest sub-number a label out of sequence may carry (10.3, not 7.350)


# --- labels and the TT sequence -----------------------------------------------------------------


def _roman(label: str) -> int | None:
    return roman_value(label)


@dataclass(frozen=True)
class Label:
    kind: str  # "row" or "group"
    label: str
    path: tuple[int, ...]  # row: (27, 1); group: (roman value,)
    rest: str  # text after the label on the same line
    strong: bool  # written with a trailing dot/parenthesis, or dotted (27.1)
    spaced: bool = False  # its text follows after a column gap (``11.  Xây dựng …``: PDF text)


def candidate(text: str) -> Label | None:
    if m := NUM_ALONE.match(text):
        label = m[1]
        return Label("row", label, tuple(int(p) for p in label.split(".")), "", bool(m[2]) or "." in label)
    if m := _NUM_INLINE.match(text):
        label = m[1] or m[3]
        rest = (m[2] or m[4]).strip()
        spaced = text[len(label) :].lstrip(".)").startswith("  ")
        return Label("row", label, tuple(int(p) for p in label.split(".")), rest, True, spaced)
    if (m := _ROMAN_ALONE.match(text)) or (m := _ROMAN_INLINE.match(text)):
        value = _roman(m[1])
        if value:
            rest = m[2].strip() if m.re is _ROMAN_INLINE else ""
            return Label("group", m[1], (value,), rest, True)
    return None


@dataclass
class Numbering:
    """Where the numbering stands: the last row path, the last group value, and (after a label out of
    sequence) the path that label presumably stood for, so the rows after it still follow on."""

    path: tuple[int, ...] | None = None
    group: int = 0
    after_group: bool = False
    alt: tuple[int, ...] | None = None  # after ``11.`` where 12 belonged: (12,)
    seen: dict[tuple[int, ...], int] = field(default_factory=dict)  # row path → line first seen

    def accepts(self, cand: Label) -> str | None:
        """``"next"``, ``"skip"`` (a gap of one or two), ``"repeat"``, ``"stray"`` (a label alone on
        its line that fits nowhere in the sequence: a typing slip, kept as a row) or None (not a row
        label)."""
        if cand.kind == "group":
            if cand.path[0] == self.group + 1:
                return "next"
            if cand.strong and self.group + 1 < cand.path[0] <= self.group + 3 and self.path is not None:
                return "skip"
            return None
        verdict = self._row_verdict(cand, self.path)
        if verdict != "next" and self.alt is not None and self._row_verdict(cand, self.alt) == "next":
            return "next"
        if verdict is None and self._stray(cand):
            return "stray"
        return verdict

    def _row_verdict(self, cand: Label, cur: tuple[int, ...] | None) -> str | None:
        p = cand.path
        if cur is None:
            return "next" if p == (1,) else None
        if self.after_group and p == (1,):
            return "next"
        if p == (*cur, 1):
            return "next"
        for depth in range(len(cur)):
            if p == (*cur[:depth], cur[depth] + 1):
                return "next"
        if cand.strong:
            for depth in range(len(cur)):
                if (
                    len(p) == depth + 1
                    and p[:depth] == cur[:depth]
                    and cur[depth] + 1 < p[depth] <= cur[depth] + 3
                ):
                    return "skip"
            if p == cur and (len(p) > 1 or cand.rest == "" or cand.spaced):
                return "repeat"
            if (
                len(p) >= 2
                and p[-1] == 1
                and any(p[:-1] == (*cur[:depth], cur[depth] + 1) for depth in range(len(cur)))
            ):
                return "skip"  # the first sub-row of a parent row whose own label is missing (27.1 after 26)
        return None

    def _stray(self, cand: Label) -> bool:
        """``11.`` after ``11.6``, ``9.1`` after ``10.2``: written as a label (a dot, alone on its
        line or with its text after a column gap of two spaces or more: ``11.  Xây dựng …`` in PDF
        text, where a number opening a sentence has one space), near the numbering (top level at most three past the last, sub-numbers small), so a
        figure such as ``7.350`` or ``2025`` is never taken."""
        p, cur = cand.path, self.path
        if cur is None or (cand.rest and not cand.spaced) or not cand.strong or len(p) > 3:
            return False
        top = max(cur[0], self.alt[0] if self.alt else 0)
        return 1 <= p[0] <= top + 3 and all(1 <= n <= _MAX_SUB for n in p[1:])

    def expected(self, depth: int) -> tuple[int, ...] | None:
        """The label that would continue the numbering at ``depth`` (1 for ``12``, 2 for ``10.3``)."""
        cur = self.path
        if cur is None:
            return (1,) if depth == 1 else None
        if depth <= len(cur):
            return (*cur[: depth - 1], cur[depth - 1] + 1)
        return (*cur, 1) if depth == len(cur) + 1 else None

    def advance(self, cand: Label, verdict: str = "next", line: int = 0) -> None:
        if cand.kind == "group":
            self.group = cand.path[0]
            self.after_group = True
            return
        self.alt = self.expected(len(cand.path)) if verdict in ("stray", "repeat") else None
        self.path = cand.path
        self.after_group = False
        self.seen.setdefault(cand.path, line)


def sequence_diagnostic(verdict: str, cand: Label, seq: Numbering, line: int) -> Diagnostic:
    if cand.kind == "group":
        before = to_roman(seq.group) if seq.group else "none"
    else:
        before = ".".join(map(str, seq.path)) if seq.path else "none"
    if verdict == "skip":
        return diagnostic(
            "NQ301", f"table label {cand.label} follows {before}: a label in between is missing", line
        )
    if verdict == "stray":
        want = seq.expected(len(cand.path))
        expected = f" where {'.'.join(map(str, want))} belongs" if want else ""
        first = seq.seen.get(cand.path)
        used = f" ({cand.label} is already the label of line {first})" if first else ""
        return diagnostic(
            "NQ311",
            f"table label {cand.label} after {before} is out of sequence{expected}{used}: "
            "kept as a row of its own",
            line,
        )
    return diagnostic("NQ302", f"table label {cand.label} is repeated", line)
