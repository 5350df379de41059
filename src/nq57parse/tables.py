"""Stage 6, tables: rebuild an appendix's table into rows (header, groups, rows, cells, deadlines).

In: an ``Appendix`` whose ``lines`` hold the appendix body lines (after title, heading and note).
Out: the same appendix with ``columns``, ``header_lines``, ``groups`` and ``rows`` filled and
``lines`` reduced to the lines no header, group or row took, plus diagnostics (codes NQ301–NQ308).

Two inputs are understood:

* **Markdown pipe rows** (the team's table model: what the Markdown, HTML and DOCX readers emit):
  a header row ``| TT | Tên nhiệm vụ | … |``, an optional ``|---|---|`` separator, one line per table
  row, ``<br>`` for a line break inside a cell. Rows are built straight from the cells
  (``split_pipe_row``); a row whose TT cell is empty continues the row above.
* **Flattened tables** (copied from Word or a web page: one cell per line, empty cells missing, a
  cell sometimes spread over several lines):

  1. *Header*: the run of lines that are column titles (``data/table_columns.yaml``) gives the
     columns and their keys (``tt, task, lead, partners, result, deadline``, ``note`` …).
  2. *Rows by the TT sequence*: a line ``12.``, ``10.1`` or ``III.`` opens a row or a group only
     where it continues the numbering (next number, first child ``N.1``, next child, next roman
     group), so ``2030`` alone is a deadline cell and a number inside a cell is text. A label may
     also start a line (``12. Xây dựng …``).
  3. *Cells by alignment*: the lines of a row are assigned to the columns in order, each column
     taking zero or more consecutive lines, maximising a score (dynamic programming over lines ×
     columns, exact): per-line evidence from ``data/table_cues.yaml`` (organisation names → lead
     and partners, result phrasing → result, temporal expressions and whole-line deadlines →
     deadline, task verbs → task), the first line being the task, line lengths, a cost for an
     empty column, and a cost for a multi-line cell that dash bullets, list punctuation (``;`` ``,``
     ``:``) and lower-case starts reduce.

Each row keeps the line numbers of every cell (``cell_lines``); its deadline is normalised by
``deadlines.parse_deadline``. Diagnostics: NQ301 a skipped TT label, NQ302 a repeated TT label,
NQ303 a row label repeated inside its own cell, NQ304 no header (columns not determined), NQ305 a
row without a task, NQ306 a deadline that could not be normalised, NQ307 body lines left outside
the table, NQ308 a pipe row whose cell count differs from the header's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .datafiles import parse_yaml
from .deadlines import is_expression, parse_deadline, time_words
from .models import Appendix, Diagnostic, SourceLine, TableColumn, TableGroup, TableRow
from .rules import diagnostic
from .shapes import roman_value, to_roman

_NUM_ALONE = re.compile(r"^(\d{1,4}(?:\.\d{1,3}){0,3})([.)])?$")
_NUM_INLINE = re.compile(r"^(\d{1,4}(?:\.\d{1,3}){1,3})[.)]?\s+(\S.*)$|^(\d{1,4})[.)]\s+(\S.*)$")
_ROMAN_ALONE = re.compile(r"^([IVXLC]{1,12})[.)]?$")
_ROMAN_INLINE = re.compile(r"^([IVXLC]{1,12})[.)]\s+(\S.*)$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SEPARATOR_CELL = re.compile(r"^:?-{1,}:?$")
_COLUMN_NUMBER = re.compile(r"^\(\s*\d{1,2}\s*\)$")
_SCAN = 160
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*")
_DASH = re.compile(r"^[-+•–]\s*")
_LIST_END_WORDS = frozenset({"và", "hoặc", "của", "với"})
_COLON_VALUE = re.compile(r"^[^:]{1,60}?:\s*(.+)$")


# --- data ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cue:
    name: str
    pattern: re.Pattern[str]
    weights: dict[str, float]
    requires: re.Pattern[str] | None = None  # one of these words must stand in the line (a cheap pre-check)
    unit: bool = False  # the cue names an organisation (its name starts with ``org_``)


@cache
def _cue_file() -> dict:
    with resources.files("nq57parse.data").joinpath("table_cues.yaml").open(encoding="utf-8") as fh:
        return parse_yaml(fh)


@cache
def _cues() -> tuple[_Cue, ...]:
    return tuple(
        _Cue(
            c["name"],
            re.compile(c["pattern"]),
            {k: float(v) for k, v in c["weights"].items()},
            re.compile("|".join(map(re.escape, c["requires"]))) if c.get("requires") else None,
            c["name"].startswith("org_"),
        )
        for c in _cue_file()["cues"]
    )


def _scoring() -> dict:
    return _cue_file()["scoring"]


@cache
def _column_titles() -> dict[str, str]:
    """Folded column title → column key."""
    with resources.files("nq57parse.data").joinpath("table_columns.yaml").open(encoding="utf-8") as fh:
        data = parse_yaml(fh)
    return {_fold_title(title): key for key, titles in data["columns"].items() for title in titles}


def _fold_title(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().replace("*", "")
    text = re.sub(r"\([^)]*\)\s*$", "", text)
    text = re.sub(r"\s*/\s*", "/", text)
    return re.sub(r"\s+", " ", text).strip(" .:;,")


def column_key(title: str) -> str | None:
    """The column key of a printed header title (``Cơ quan chủ trì`` → ``lead``), or None."""
    return _column_titles().get(_fold_title(title))


# --- pipe rows (the table model shared with the readers) ----------------------------------------


def split_pipe_row(line: str) -> list[str] | None:
    """The cells of a Markdown pipe-table line, or None when the line is not one.

    ``| 1. | Xây dựng<br>kế hoạch | |`` → ``["1.", "Xây dựng\\nkế hoạch", ""]``: surrounding pipes
    dropped, cells stripped, ``<br>`` turned into a line break, ``\\|`` kept as a literal pipe. A
    separator line ``|---|:--:|`` gives its dash cells (see ``is_separator_row``).
    """
    text = line.strip()
    if not text.startswith("|") or len(text) < 2:
        return None
    body = text[1:-1] if text.endswith("|") and not text.endswith("\\|") else text[1:]
    cells, current, i = [], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body) and body[i + 1] == "|":
            current.append("|")
            i += 2
            continue
        if ch == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current))
    return ["\n".join(part.strip() for part in _BR.split(cell.strip())).strip() for cell in cells]


def is_separator_row(cells: Sequence[str]) -> bool:
    """A Markdown header separator (``|---|:---:|``)."""
    return bool(cells) and all(_SEPARATOR_CELL.match(c.replace(" ", "")) for c in cells)


# --- labels and the TT sequence -----------------------------------------------------------------


def _roman(label: str) -> int | None:
    return roman_value(label)


@dataclass(frozen=True)
class _Label:
    kind: str  # "row" or "group"
    label: str
    path: tuple[int, ...]  # row: (27, 1); group: (roman value,)
    rest: str  # text after the label on the same line
    strong: bool  # written with a trailing dot/parenthesis, or dotted (27.1)


def _candidate(text: str) -> _Label | None:
    if m := _NUM_ALONE.match(text):
        label = m[1]
        return _Label("row", label, tuple(int(p) for p in label.split(".")), "", bool(m[2]) or "." in label)
    if m := _NUM_INLINE.match(text):
        label = m[1] or m[3]
        return _Label("row", label, tuple(int(p) for p in label.split(".")), (m[2] or m[4]).strip(), True)
    if (m := _ROMAN_ALONE.match(text)) or (m := _ROMAN_INLINE.match(text)):
        value = _roman(m[1])
        if value:
            rest = m[2].strip() if m.re is _ROMAN_INLINE else ""
            return _Label("group", m[1], (value,), rest, True)
    return None


@dataclass
class _Sequence:
    """Where the numbering stands: the last row path and the last group value."""

    path: tuple[int, ...] | None = None
    group: int = 0
    after_group: bool = False

    def accepts(self, cand: _Label) -> str | None:
        """``"next"``, ``"skip"`` (a gap of one or two), ``"repeat"`` or None (not a row label)."""
        if cand.kind == "group":
            if cand.path[0] == self.group + 1:
                return "next"
            if cand.strong and self.group + 1 < cand.path[0] <= self.group + 3 and self.path is not None:
                return "skip"
            return None
        p = cand.path
        if self.path is None:
            return "next" if p == (1,) else None
        if self.after_group and p == (1,):
            return "next"
        cur = self.path
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
            if p == cur and (len(p) > 1 or cand.rest == ""):
                return "repeat"
            if (
                len(p) >= 2
                and p[-1] == 1
                and any(p[:-1] == (*cur[:depth], cur[depth] + 1) for depth in range(len(cur)))
            ):
                return "skip"  # the first sub-row of a parent row whose own label is missing (27.1 after 26)
        return None

    def advance(self, cand: _Label) -> None:
        if cand.kind == "group":
            self.group = cand.path[0]
            self.after_group = True
        else:
            self.path = cand.path
            self.after_group = False


# --- rebuilding ---------------------------------------------------------------------------------


def rebuild_appendix(appendix: Appendix) -> tuple[Appendix, list[Diagnostic]]:
    """Rebuild the appendix's table; see the module docstring."""
    lines = list(appendix.lines)
    if not lines:
        return appendix, []
    first = next((i for i, sl in enumerate(lines) if split_pipe_row(sl.text) is not None), None)
    if first is not None and first <= 3:
        return _rebuild_pipe(appendix, lines, first)
    return _rebuild_flat(appendix, lines)


def _find_header(lines: list[SourceLine]) -> tuple[int, int, list[TableColumn]] | None:
    """(start index, end index exclusive, columns) of the header run among the first lines."""
    for start in range(min(len(lines), 12)):
        columns: list[TableColumn] = []
        i = start
        while i < len(lines):
            # a title printed over two lines ("Thời gian" / "hoàn thành") is tried joined first
            if i + 1 < len(lines):
                joined = f"{lines[i].text} {lines[i + 1].text}"
                key = column_key(joined)
                if key is not None:
                    columns.append(TableColumn(key=key, title=joined))
                    i += 2
                    continue
            key = column_key(lines[i].text)
            if key is None:
                break
            columns.append(TableColumn(key=key, title=lines[i].text))
            i += 1
        keys = [c.key for c in columns]
        if len(columns) >= 3 and ("tt" in keys or "task" in keys):
            while i < len(lines) and _COLUMN_NUMBER.match(lines[i].text):
                i += 1
            return start, i, _unique_keys(columns)
    return None


def _unique_keys(columns: list[TableColumn]) -> list[TableColumn]:
    seen: dict[str, int] = {}
    out = []
    for c in columns:
        seen[c.key] = seen.get(c.key, 0) + 1
        out.append(c if seen[c.key] == 1 else TableColumn(key=f"{c.key}_{seen[c.key]}", title=c.title))
    return out


def _rebuild_flat(appendix: Appendix, lines: list[SourceLine]) -> tuple[Appendix, list[Diagnostic]]:
    header = _find_header(lines)
    if header is None:
        shaped = sum(1 for sl in lines if _NUM_ALONE.match(sl.text))
        diag = Diagnostic(
            severity="warning" if shaped >= 2 else "info",
            code="NQ304",
            message=f"appendix '{appendix.title}': no table header found, columns not determined; lines kept as text",
            line=appendix.line,
        )
        return appendix, [diag]
    start, end, columns = header
    header_lines = lines[start:end]
    leftover = list(lines[:start])
    keys = [c.key for c in columns]
    cell_keys = [k for k in keys if k != "tt"]
    diagnostics: list[Diagnostic] = []
    groups: list[TableGroup] = []
    rows: list[TableRow] = []

    seq = _Sequence()
    blocks: list[tuple[_Label, SourceLine, list[SourceLine]]] = []
    for sl in lines[end:]:
        cand = _candidate(sl.text)
        verdict = seq.accepts(cand) if cand else None
        if cand is not None and verdict is not None:
            if verdict != "next":
                diagnostics.append(_sequence_diagnostic(verdict, cand, seq, sl.line))
            seq.advance(cand)
            body = [SourceLine(line=sl.line, text=cand.rest)] if cand.rest else []
            blocks.append((cand, sl, body))
        elif blocks:
            blocks[-1][2].append(sl)
        else:
            leftover.append(sl)

    group_label: str | None = None
    for cand, head, body in blocks:
        if cand.kind == "group":
            group_label = cand.label
            last = body[-1].line if body else head.line
            groups.append(
                TableGroup(
                    label=cand.label,
                    title=" ".join(b.text for b in body),
                    line=head.line,
                    end_line=last if last != head.line else None,
                )
            )
            continue
        assignment = align_row([b.text for b in body], cell_keys)
        parts: dict[str, list[str]] = {k: [] for k in keys}
        cell_lines: dict[str, list[int]] = {k: [] for k in keys}
        if "tt" in parts:
            parts["tt"] = [cand.label]
            cell_lines["tt"] = [head.line]
        for b, col in zip(body, assignment, strict=True):
            key = cell_keys[col]
            parts[key].append(b.text)
            cell_lines[key].append(b.line)
        cells = {k: "\n".join(v) for k, v in parts.items()}
        rows.append(_make_row(cand.label, group_label, head.line, body, cells, cell_lines))

    for row in rows:
        diagnostics.extend(_row_diagnostics(row, keys))
    if leftover:
        diagnostics.append(
            Diagnostic(
                severity="info",
                code="NQ307",
                message=f"{len(leftover)} appendix line(s) outside the table kept as text",
                line=leftover[0].line,
            )
        )
    return _rebuilt(appendix, columns, header_lines, groups, rows, leftover), diagnostics


def _rebuilt(
    appendix: Appendix,
    columns: list[TableColumn],
    header_lines: list[SourceLine],
    groups: list[TableGroup],
    rows: list[TableRow],
    leftover: list[SourceLine],
) -> Appendix:
    """The appendix with its table: columns, header lines, groups, rows; lines outside it kept."""
    return appendix.model_copy(
        update={
            "columns": columns,
            "header_lines": header_lines,
            "groups": groups,
            "rows": rows,
            "lines": leftover,
        }
    )


def _make_row(
    label: str,
    group: str | None,
    line: int,
    body: Sequence[SourceLine],
    cells: dict[str, str],
    cell_lines: dict[str, list[int]],
) -> TableRow:
    last = max([line, *(b.line for b in body)])
    parent = label.rsplit(".", 1)[0] if "." in label else None
    raw_deadline = cells.get("deadline", "")
    return TableRow(
        tt=label,
        group=group,
        parent=parent,
        line=line,
        end_line=last if last != line else None,
        cells=cells,
        cell_lines=cell_lines,
        deadline=parse_deadline(raw_deadline) if raw_deadline else None,
    )


def _sequence_diagnostic(verdict: str, cand: _Label, seq: _Sequence, line: int) -> Diagnostic:
    if cand.kind == "group":
        before = to_roman(seq.group) if seq.group else "none"
    else:
        before = ".".join(map(str, seq.path)) if seq.path else "none"
    if verdict == "skip":
        return diagnostic(
            "NQ301", f"table label {cand.label} follows {before}: a label in between is missing", line
        )
    return diagnostic("NQ302", f"table label {cand.label} is repeated", line)


def _holds_label(text: str, label: str) -> bool:
    """``label`` stands in ``text`` as a number of its own (``11.5`` in ``trong 11.5 lĩnh vực``, not in
    ``111.5`` or ``11.52``)."""
    at = text.find(label)
    while at >= 0:
        before = text[at - 1 : at]
        after = text[at + len(label) : at + len(label) + 1]
        if not (before.isdigit() or before == ".") and not after.isdigit():
            return True
        at = text.find(label, at + 1)
    return False


def _row_diagnostics(row: TableRow, keys: list[str]) -> list[Diagnostic]:
    found = []
    if "." in row.tt:
        for key, text in row.cells.items():
            if key != "tt" and _holds_label(text, row.tt):
                line = next((n for n in row.cell_lines.get(key, []) if n != row.line), row.cell_lines[key][0])
                found.append(
                    Diagnostic(
                        severity="warning",
                        code="NQ303",
                        message=f"row {row.tt}: its label {row.tt} is repeated inside the {key} cell",
                        line=line,
                    )
                )
    if "task" in keys and not row.cells.get("task"):
        found.append(
            Diagnostic(
                severity="warning", code="NQ305", message=f"row {row.tt} has no task text", line=row.line
            )
        )
    if row.deadline is not None and row.deadline.kind == "unknown":
        found.append(
            Diagnostic(
                severity="info",
                code="NQ306",
                message=f"row {row.tt}: deadline {row.deadline.raw!r} could not be normalised",
                line=(row.cell_lines.get("deadline") or [row.line])[0],
            )
        )
    return found


# --- the alignment ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Weights:
    """The scoring data of ``table_cues.yaml`` laid out for one tuple of column keys."""

    cues: tuple[tuple[re.Pattern[str], re.Pattern[str] | None, tuple[float, ...], bool], ...]
    no_unit: tuple[float, ...]
    deadline: int | None
    task: int | None
    limits: tuple[tuple[int, int], ...]  # (column index, soft maximum length)
    empty: tuple[float, ...]


@cache
def _weights(keys: tuple[str, ...]) -> _Weights:
    scoring = _scoring()
    bases = [_base_key(k) for k in keys]
    cues = []
    for cue in _cues():
        vector = tuple(cue.weights.get(b, 0.0) for b in bases)
        if any(vector):
            cues.append((cue.pattern, cue.requires, vector, cue.unit))
    empty_map = scoring["empty"]
    return _Weights(
        cues=tuple(cues),
        deadline=bases.index("deadline") if "deadline" in bases else None,
        task=bases.index("task") if "task" in bases else None,
        limits=tuple((j, scoring["length"][b]) for j, b in enumerate(bases) if b in scoring["length"]),
        empty=tuple(float(empty_map.get(b, empty_map["default"])) for b in bases),
        no_unit=tuple(float(scoring["no_unit"].get(b, 0.0)) for b in bases),
    )


def _line_scores(text: str, weights: _Weights, first: bool) -> list[float]:
    """Evidence that ``text`` belongs to each column (before the transitions)."""
    scoring = _scoring()
    scores = [0.0] * len(weights.empty)
    unit = False
    head = text[:_SCAN]  # cues are read from the start of a line: a long line is a task anyway
    for pattern, requires, vector, names_unit in weights.cues:
        if requires is not None and requires.search(head) is None:
            continue
        if pattern.search(head):
            scores = [a + b for a, b in zip(scores, vector, strict=True)]
            unit = unit or names_unit
    if not unit:
        scores = [a + b for a, b in zip(scores, weights.no_unit, strict=True)]
    if weights.deadline is not None:
        scores[weights.deadline] += _deadline_score(_DASH.sub("", text), scoring)
    n = len(text)
    for j, limit in weights.limits:
        if n > limit:
            scores[j] -= min(scoring["length_cap"], (n - limit) / scoring["length_per"])
    if weights.task is not None:
        if first:
            scores[weights.task] += scoring["first_line"]["task"]
        if n < scoring["short_task"]["short"]:
            scores[weights.task] += scoring["short_task"]["score"]
    return scores


def _base_key(key: str) -> str:
    return key.rsplit("_", 1)[0] if key[-1].isdigit() and "_" in key else key


def _deadline_score(text: str, scoring: dict) -> float:
    if len(text) > 120 or not _may_be_time(text):
        return 0.0
    if is_expression(text):
        return float(scoring["deadline_exact"])
    if (m := _COLON_VALUE.match(text)) and is_expression(m[1]):
        return float(scoring["deadline_labelled"])
    if ("," in text or ";" in text) and len(text) <= 100:
        found = parse_deadline(text)
        if found.parts and all(p.kind != "unknown" for p in found.parts):
            return float(scoring["deadline_labelled"])
    return 0.0


_DIGIT = re.compile(r"\d")


def _may_be_time(text: str) -> bool:
    """A cheap pre-check: a number, or a first word (of the line or after a colon) that opens one
    of the deadline vocabulary's phrases."""
    if _DIGIT.search(text):
        return True
    starts = time_words()
    head = text.rsplit(":", 1)[-1] if ":" in text else text
    first = head.strip().split(" ", 1)[0].casefold()
    return first in starts


@dataclass(frozen=True)
class _Form:
    """What the continuation score reads of a line: bullet, list ending, case, bullet shape."""

    dash: bool
    colon_end: bool
    list_end: bool
    lower: bool
    shape: tuple[bool, str]


def _form(text: str) -> _Form:
    return _Form(
        dash=bool(_DASH.match(text)),
        colon_end=text.endswith(":"),
        list_end=text.endswith((";", ",", ":")) or text.rsplit(" ", 1)[-1] in _LIST_END_WORDS,
        lower=next((c for c in text if c.isalpha()), "").islower(),
        shape=_shape(text),
    )


def _continuation_score(prev: _Form, line: _Form, scoring: dict) -> float:
    score = float(scoring["continuation"])
    if line.dash and (prev.dash or prev.colon_end):
        score += scoring["continuation_dash"]
        if prev.dash:
            score += scoring["dash_same_shape"] if prev.shape == line.shape else scoring["dash_other_shape"]
    elif prev.list_end:
        score += scoring["continuation_after_list"]
    if line.lower and not line.dash:
        score += scoring["continuation_lowercase"]
    return score


def _shape(text: str) -> tuple[bool, str]:
    """A bullet's shape: does its text start in lower case, and how does it end."""
    first_letter = next((c for c in _DASH.sub("", text) if c.isalpha()), "")
    end = text[-1] if text[-1] in ";,.:" else ""
    return first_letter.islower(), end


def align_row(texts: Sequence[str], keys: Sequence[str]) -> list[int]:
    """Assign each line of a row to a column index (non-decreasing), maximising the row's score.

    ``texts`` are the row's lines after its TT label, ``keys`` the columns after ``tt``. Exact:
    dynamic programming over (line, column) with the best predecessor column for each state.
    """
    m, k = len(texts), len(keys)
    if m == 0 or k == 0:
        return [0] * m if k else []
    scoring = _scoring()
    weights = _weights(tuple(keys))
    empty = weights.empty
    # prefix sums of empty scores: cost of leaving columns a..b-1 empty = pre[b] - pre[a]
    pre = [0.0]
    for e in empty:
        pre.append(pre[-1] + e)
    emit = [_line_scores(t, weights, i == 0) for i, t in enumerate(texts)]
    neg = float("-inf")
    best = [[neg] * k for _ in range(m)]
    back = [[0] * k for _ in range(m)]
    for c in range(k):
        best[0][c] = emit[0][c] + pre[c]
    forms = [_form(t) for t in texts]
    for i in range(1, m):
        cont = _continuation_score(forms[i - 1], forms[i], scoring)
        for c in range(k):
            top, arg = best[i - 1][c] + cont, c
            for p in range(c):
                cand = best[i - 1][p] + pre[c] - pre[p + 1]
                if cand > top:
                    top, arg = cand, p
            best[i][c] = top + emit[i][c]
            back[i][c] = arg
    last = max(range(k), key=lambda c: best[m - 1][c] + pre[k] - pre[c + 1])
    out = [0] * m
    out[-1] = last
    for i in range(m - 1, 0, -1):
        out[i - 1] = back[i][out[i]]
    return out


# --- pipe tables --------------------------------------------------------------------------------


def _rebuild_pipe(
    appendix: Appendix, lines: list[SourceLine], first: int
) -> tuple[Appendix, list[Diagnostic]]:
    header_cells = split_pipe_row(lines[first].text) or []
    columns = _unique_keys(
        [
            TableColumn(key=column_key(title) or f"col{j + 1}", title=title.replace("\n", " "))
            for j, title in enumerate(header_cells)
        ]
    )
    keys = [c.key for c in columns]
    if sum(1 for t in header_cells if column_key(t)) < 2:
        diag = Diagnostic(
            severity="warning",
            code="NQ304",
            message=f"appendix '{appendix.title}': the table's header row does not name known columns",
            line=lines[first].line,
        )
        return appendix, [diag]
    header_lines = [lines[first]]
    leftover = list(lines[:first])
    diagnostics: list[Diagnostic] = []
    groups: list[TableGroup] = []
    rows: list[TableRow] = []
    tt_index = keys.index("tt") if "tt" in keys else None
    seq = _Sequence()
    group_label: str | None = None
    for sl in lines[first + 1 :]:
        cells = split_pipe_row(sl.text)
        if cells is None:
            leftover.append(sl)
            continue
        if is_separator_row(cells):
            header_lines.append(sl)
            continue
        if len(cells) != len(keys):
            diagnostics.append(
                Diagnostic(
                    severity="warning",
                    code="NQ308",
                    message=f"table row has {len(cells)} cells, the header {len(keys)}",
                    line=sl.line,
                )
            )
            cells = (cells + [""] * len(keys))[: len(keys)]
        if not any(cells):
            leftover.append(sl)
            continue
        label_text = cells[tt_index].strip().rstrip(".)") if tt_index is not None else ""
        cand = _candidate(label_text) if label_text else None
        others = [c for j, c in enumerate(cells) if j != tt_index and c]
        if cand is not None and cand.kind == "group":
            verdict = seq.accepts(cand)
            if verdict in ("skip", "repeat"):
                diagnostics.append(_sequence_diagnostic(verdict, cand, seq, sl.line))
            seq.advance(cand)
            group_label = cand.label
            groups.append(
                TableGroup(
                    label=cand.label,
                    title=_EMPHASIS.sub(r"\1", " ".join(" ".join(o.split()) for o in others)),
                    line=sl.line,
                )
            )
            continue
        if not label_text and rows:
            rows[-1] = _extend_row(rows[-1], keys, cells, sl.line)
            continue
        label = cand.label if cand is not None else label_text or str(len(rows) + 1)
        if cand is not None:
            verdict = seq.accepts(cand)
            if verdict in ("skip", "repeat"):
                diagnostics.append(_sequence_diagnostic(verdict, cand, seq, sl.line))
            seq.advance(cand)
        cell_map = {key: cells[j] for j, key in enumerate(keys)}
        if tt_index is not None:
            cell_map["tt"] = label
        cell_lines = {key: ([sl.line] if cell_map[key] else []) for key in keys}
        rows.append(_make_row(label, group_label, sl.line, [], cell_map, cell_lines))
    for row in rows:
        diagnostics.extend(_row_diagnostics(row, keys))
    return _rebuilt(appendix, columns, header_lines, groups, rows, leftover), diagnostics


def _extend_row(row: TableRow, keys: list[str], cells: list[str], line: int) -> TableRow:
    merged = dict(row.cells)
    lines = {k: list(v) for k, v in row.cell_lines.items()}
    for key, text in zip(keys, cells, strict=True):
        if text:
            merged[key] = f"{merged[key]}\n{text}" if merged.get(key) else text
            lines.setdefault(key, []).append(line)
    return _make_row(row.tt, row.group, row.line, [SourceLine(line=line, text="")], merged, lines)
