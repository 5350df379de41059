"""Numbered lists printed as an appendix (not tables): one row per item.

In: an ``Appendix`` whose lines hold no table header and no written cell boundaries.
Out: the appendix with columns ``tt`` and ``item``, one row per item ``1.``, ``2.`` … (``12. Thủ tục
hải quan …``, or the label alone with its text on the next line), sub-items ``2.1`` as rows under
their parent, roman-numeral lines (``I. MIỀN BẮC``) as groups; the lines of an item after its first
(wrapped text, points ``a)``, ``a1)``) stay in its ``item`` cell. None when the lines are not such a
list.

What makes a list: at least two items numbered from 1, and either a title that names a list
(``DANH MỤC …``, ``DANH SÁCH …``: ``appendix_titles.is_list_title``) or short items (names of
communes, units, procedures: a median of at most ``SHORT_ITEM_WORDS`` words and no points under
them). Numbered prose under an ordinary title (criteria, rules with their points) is not a list, nor
are the numbered sections of a form to fill in (lines of dot leaders ``..........``).
"""

from __future__ import annotations

import re
from statistics import median

from .appendix_titles import is_list_title
from .models import Appendix, Diagnostic, SourceLine, TableColumn, TableGroup, TableRow, maker
from .table_labels import Label, Numbering, candidate, sequence_diagnostic

SHORT_ITEM_WORDS = 14
FORM_LEADER_LINES = 2  # lines with dot leaders that make an appendix a form to fill in
_DOT_LEADER = re.compile(r"\.{6,}|…{3,}")
_POINT = re.compile(r"^[a-zđ]\d{0,2}\)\s")


def rebuild_list(appendix: Appendix) -> tuple[Appendix, list[Diagnostic]] | None:
    """The list's rows, or None (see the module docstring)."""
    lines = appendix.lines
    seq = Numbering()
    diagnostics: list[Diagnostic] = []
    items: list[tuple[Label, SourceLine, list[SourceLine]]] = []
    leftover: list[SourceLine] = []
    for sl in lines:
        cand = candidate(sl.text.strip())
        verdict = seq.accepts(cand) if cand is not None else None
        if cand is not None and verdict is not None and (items or cand.path == (1,) or cand.kind == "group"):
            if verdict != "next":
                diagnostics.append(sequence_diagnostic(verdict, cand, seq, sl.line))
            seq.advance(cand, verdict, sl.line)
            items.append((cand, sl, [maker(SourceLine)(line=sl.line, text=cand.rest)] if cand.rest else []))
        elif items:
            items[-1][2].append(sl)
        else:
            leftover.append(sl)
    rows_in = [(c, h, b) for c, h, b in items if c.kind == "row"]
    if sum(1 for c, _, _ in rows_in if len(c.path) == 1) < 2:
        return None
    titled = any(is_list_title(t) for t in (appendix.title, appendix.heading or "") if t)
    if not titled and (not _short(rows_in) or _form_to_fill(lines)):
        return None
    columns = [
        maker(TableColumn)(key="tt", title="TT"),
        maker(TableColumn)(key="item", title=appendix.heading or "Nội dung"),
    ]
    groups: list[TableGroup] = []
    rows: list[TableRow] = []
    group: str | None = None
    for cand, head, body in items:
        last = max([head.line, *(b.line for b in body)])
        text = "\n".join(b.text.strip() for b in body)
        if cand.kind == "group":
            group = cand.label
            groups.append(
                maker(TableGroup)(
                    label=cand.label,
                    title=" ".join(b.text.strip() for b in body),
                    line=head.line,
                    end_line=last if last != head.line else None,
                )
            )
            continue
        rows.append(
            maker(TableRow)(
                tt=cand.label,
                group=group,
                parent=cand.label.rsplit(".", 1)[0] if "." in cand.label else None,
                line=head.line,
                end_line=last if last != head.line else None,
                cells={"tt": cand.label, "item": text},
                cell_lines={"tt": [head.line], "item": [b.line for b in body]},
            )
        )
    updated = appendix.model_copy(
        update={"columns": columns, "groups": groups, "rows": rows, "lines": leftover}
    )
    return updated, diagnostics


def _form_to_fill(lines: list[SourceLine]) -> bool:
    """A form to fill in (``Mẫu``, a template of minutes or a report): lines with dot leaders
    (``Thành phần: ..........``, a line of dots alone). Its numbered lines are the form's sections,
    not the items of a list."""
    return sum(1 for sl in lines if _DOT_LEADER.search(sl.text)) >= FORM_LEADER_LINES


def _short(rows: list[tuple[Label, SourceLine, list[SourceLine]]]) -> bool:
    """Items of a few words each, none with points under it: names, not provisions."""
    if any(_POINT.match(b.text.strip()) for _, _, body in rows for b in body):
        return False
    words = [sum(len(b.text.split()) for b in body) for _, _, body in rows]
    return median(words) <= SHORT_ITEM_WORDS
