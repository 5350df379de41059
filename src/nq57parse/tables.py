"""Stage 7, tables: rebuild an appendix's table into rows (header, groups, rows, cells, deadlines).

In: an ``Appendix`` whose ``lines`` hold the appendix body lines (after title, heading and note).
Out: the same appendix with ``columns``, ``header_lines``, ``groups`` and ``rows`` filled and
``lines`` reduced to the lines no header, group or row took, plus diagnostics (NQ301–NQ308, NQ311).
``header_lines`` holds the table's frame: header rows and separators, the header printed again on
each page, page banners and numbers between rows, the lone ``|`` lines of a cell dump.

Four inputs are understood, tried in this order:

* **Tables written with their cell boundaries** (``table_cells.py``): Markdown pipe tables (with or
  without the outer pipes, several blocks, a header row printed again), pandoc grid tables, and cell
  dumps (one ``|`` line between cells, as web pages are copied). Rows come straight from the cells;
  a row whose TT cell is empty continues the row above, unless its text opens with a bullet
  (``| | - Nhiệm vụ cấp Bộ | 400 |``: a row of its own with an empty ``tt``, under the row above); a TT cell ``I``, ``A``, ``TỔNG SỐ``,
  ``Vùng IV`` (``group_labels`` in ``table_cues.yaml``) is a group row; a table with no TT column
  numbers its rows 1, 2, … in order. Unknown column titles get keys ``col1``, ``col2`` ….
* **Flattened tables** (copied from Word, a web page or PDF text: one cell per line, empty cells
  missing, a cell sometimes spread over several lines, fragments of a few words in PDF text):

  1. *Header*: the run of lines that are column titles (``data/table_columns.yaml``; a title over up
     to three lines; two-level headers) gives the columns and their keys (``tt, task, lead,
     partners, result, deadline``, ``note`` …). The same run printed again at the top of a page,
     banners such as ``CÔNG BÁO/Số …`` and the page numbers next to them are frame, not cells.
  2. *Rows by the TT sequence* (``table_labels.py``): a line ``12.``, ``10.1`` or ``III.`` opens a
     row or a group where it continues the numbering, so ``2030`` alone is a deadline cell and a
     number inside a cell is text; a label written alone with its dot that fits nowhere (``11.``
     after ``11.6``, ``9.1`` after ``10.2``) is a row of its own with NQ311. A label may also start
     a line (``12. Xây dựng …``).
  3. *Cells by alignment*: the lines of a row are assigned to the columns in order, each column
     taking zero or more consecutive lines, maximising a score (dynamic programming over lines ×
     columns, exact): per-line evidence from ``data/table_cues.yaml`` (organisation names → lead
     and partners, result phrasing → result, temporal expressions and whole-line deadlines →
     deadline, task verbs → task), the first line being the task, line lengths, a cost for an
     empty column, and a cost for a multi-line cell that dash bullets, list punctuation (``;`` ``,``
     ``:``) and lower-case starts reduce.
* **Numbered lists** (``table_lists.py``): no header but items ``1.``, ``2.`` … (communes, units,
  procedures, sometimes in roman-numeral groups) under a ``DANH MỤC``/``DANH SÁCH`` title, or short
  items: one row per item with the columns ``tt`` and ``item``.

Entry points: ``rebuild_appendix`` (an appendix), ``with_source_lines`` (the appendix's lines as the
source has them, pipes kept: the pipeline calls it first), ``tables_in`` (the tables among an article's
or attached text's lines) and ``with_body_tables`` (the pipeline's call: ``Article.tables`` and
``Attachment.tables`` of a document).

Each row keeps the line numbers of every cell (``cell_lines``); its deadline is normalised by
``deadlines.parse_deadline``. Diagnostics: NQ301 a skipped TT label, NQ302 a repeated TT label,
NQ303 a row label repeated inside its own cell, NQ304 no header (columns not determined), NQ305 a
row without a task, NQ306 a deadline that could not be normalised, NQ307 body lines left outside
the table, NQ308 a pipe row whose cell count differs from the header's, NQ311 a label out of
sequence kept as its own row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from .datafiles import data_file
from .deadlines import is_expression, parse_deadline, time_words
from .models import (
    Appendix,
    Article,
    Diagnostic,
    Document,
    SourceLine,
    Table,
    TableColumn,
    TableGroup,
    TableRow,
    maker,
)
from .rules import diagnostic
from .shapes import shape
from .table_cells import CellBlock, CellRow, find_blocks, plain
from .table_cells import is_separator_row as is_separator_row  # re-exported: the readers' table model
from .table_cells import split_pipe_row as split_pipe_row
from .table_labels import NUM_ALONE, Label, Numbering, candidate, sequence_diagnostic
from .table_lists import rebuild_list

_COLUMN_NUMBER = re.compile(r"^\(\s*\d{1,2}\s*\)$")
_SCAN = 160
_TITLE_MAX = 40  # a line longer than this never opens a repeated header
_DASH = re.compile(r"^[-+•–]\s*")
_POINT_LABEL = re.compile(r"[a-zđ]")  # a letter row (``a``, ``b``) under a numbered row
_LIST_END_WORDS = frozenset({"và", "hoặc", "của", "với"})
_NAME_REST_WORDS = 3  # the rest of a wrapped name is at most this many words
_CLOSED = (".", ";", ":", ",", "!", "?", ")")
_ITEM_END = (".", ";", ":", "!", "?")  # a bullet ends here; a comma may end a wrapped line of it
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
    return data_file("table_cues.yaml")


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
def _column_file() -> dict:
    return data_file("table_columns.yaml")


@cache
def _column_titles() -> dict[str, str]:
    """Folded column title → column key."""
    return {_fold_title(title): key for key, titles in _column_file()["columns"].items() for title in titles}


def _fold_title(text: str) -> str:
    """A title as the column file is looked up by: NFC, case folded, without ``*`` and a closing
    ``(…)``, ``/`` without spaces around it, each run of spaces one space, no end punctuation."""
    text = unicodedata.normalize("NFC", text).casefold().replace("*", "")
    if "(" in text:
        text = _CLOSING_BRACKETS.sub("", text)
    if "/" in text:
        text = _SLASH.sub("/", text)
    return " ".join(text.split()).strip(" .:;,")  # str.split's white space is the pattern's \s


_CLOSING_BRACKETS = re.compile(r"\([^)]*\)\s*$")
_SLASH = re.compile(r"\s*/\s*")


@lru_cache(maxsize=8192)
def column_key(title: str) -> str | None:
    """The column key of a printed header title (``Cơ quan chủ trì`` → ``lead``), or None."""
    return _column_titles().get(_fold_title(title))


# --- rebuilding ---------------------------------------------------------------------------------


def with_source_lines(appendix: Appendix, lines: Sequence[str]) -> Appendix:
    """The appendix with its table lines as the source has them: a pipe row, a separator
    (``|---|``), a grid border and a lone ``|`` of a cell dump keep their pipes (the segmenter reads
    them as text or as blank), and the lone ``|`` lines inside the appendix's span are added.

    ``lines`` are the normalised lines of the document (``lines[n - 1]`` is line ``n``)."""
    if not appendix.lines:
        return appendix
    have = {sl.line: sl for sl in appendix.lines}
    first, last = min(have), max(have)
    while first - 1 > appendix.line and _frame_only(lines[first - 2]):
        first -= 1  # lone pipes just before the first line the segmenter gave ...
    while last < len(lines) and _frame_only(lines[last]):
        last += 1  # ... and just after its last
    out = []
    for n in range(first, min(last, len(lines)) + 1):
        raw = lines[n - 1].strip()
        framed = raw.startswith(("|", "+")) or raw.endswith("|")
        if n in have:
            out.append(maker(SourceLine)(line=n, text=raw) if framed else have[n])
        elif raw and _frame_only(raw):
            out.append(
                maker(SourceLine)(line=n, text=raw)
            )  # a lone pipe or a border the segmenter left blank
    return appendix.model_copy(update={"lines": out})


def _frame_only(raw: str) -> bool:
    """A line of pipes, borders and blanks only (``|``, ``+---+``, or nothing)."""
    return not raw.strip().strip("|+-=: ")


def rebuild_appendix(appendix: Appendix) -> tuple[Appendix, list[Diagnostic]]:
    """Rebuild the appendix's table; see the module docstring."""
    lines = list(appendix.lines)
    if not lines:
        return appendix, []
    blocks = [b for b in find_blocks(lines, _is_row_label) if b.form != "dump" or _titled(b.rows[0])]
    if blocks:
        return _rebuild_cells(appendix, lines, blocks)
    return _rebuild_flat(appendix, lines)


def tables_in(lines: Sequence[SourceLine]) -> list[tuple[Table, list[Diagnostic]]]:
    """The tables written with their cell boundaries among an article's (or attached text's) lines:
    each run of pipe rows, grid rows or cell-dump lines, rebuilt as an appendix's table is, with its
    diagnostics. Lines outside the runs are not the table's (the caller keeps them as text); a line
    of a run is in exactly one row, group or the table's ``header_lines``. ``lines`` are the source
    lines as written (pipes kept: ``with_source_lines`` does this for an appendix)."""
    out = []
    for block in find_blocks(lines, _is_row_label):
        if block.form == "dump" and not _titled(block.rows[0]):
            continue
        part = list(lines[block.start : block.end])
        holder = maker(Appendix)(title="", line=part[0].line, lines=part)
        rebuilt, diagnostics = _rebuild_cells(holder, part, [replace(block, start=0, end=len(part))])
        last = part[-1].line
        table = maker(Table)(
            line=part[0].line,
            end_line=last if last != part[0].line else None,
            columns=rebuilt.columns,
            groups=rebuilt.groups,
            rows=rebuilt.rows,
            header_lines=rebuilt.header_lines,
        )
        out.append((table, diagnostics))
    return out


def with_body_tables(doc: Document, lines: Sequence[str]) -> tuple[Document, list[Diagnostic]]:
    """The document with ``tables`` filled on its articles and attached texts (``tables_in`` over
    each one's source lines; an attached text keeps the tables in its sections, outside its own
    articles; a signature set out in a table is not one), and the tables' diagnostics. The article's text still holds the table's lines (it owns their spans);
    ``tables`` is the same text read as rows. ``lines`` are the document's normalised lines."""
    found: list[Diagnostic] = []

    def read(first: int, last: int | None, skip: Collection[int] = ()) -> list[Table]:
        span = range(first, min(last or first, len(lines)) + 1)
        text = "\n".join(lines[first - 1 : span.stop - 1])
        if "|" not in text and "+" not in text:
            return []  # every table written with cell boundaries has a bar or a grid's corner
        source = [maker(SourceLine)(line=n, text=lines[n - 1].strip()) for n in span if n not in skip]
        tables = []
        for table, diagnostics in tables_in([sl for sl in source if sl.text]):
            if _signing_layout(table):
                continue
            tables.append(table)
            found.extend(diagnostics)
        return tables

    def articles(items: list[Article]) -> list[Article]:
        return [a.model_copy(update={"tables": read(a.line, a.end_line)}) for a in items]

    attachments = []
    for att in doc.attachments:
        inside = {n for a in att.articles for n in range(a.line, (a.end_line or a.line) + 1)}
        tables = read(att.line, _last_line(att), inside)
        attachments.append(att.model_copy(update={"articles": articles(att.articles), "tables": tables}))
    updated = doc.model_copy(update={"articles": articles(doc.articles), "attachments": attachments})
    return updated, found


_SIGNING_SHAPES = frozenset({"SIGN", "SIGN_NOTE", "RECIPIENTS"})


def _signing_layout(table: Table) -> bool:
    """A table that only sets a signature block beside its recipients (``| | FOR THE MINISTER |``,
    ``(signed)``, ``Nơi nhận:``): layout, not data. A cell line shaped as a signing prefix, a
    signing note or the recipients' title tells it."""
    cells = [*(c.title for c in table.columns), *(v for r in table.rows for v in r.cells.values())]
    return any(shape(part).kind in _SIGNING_SHAPES for cell in cells for part in cell.split("\n") if part)


def _last_line(node: object) -> int:
    """The last line of a node and everything under it (an attached text's sections, articles …)."""
    fields = vars(node)  # a model's fields (looked up there: a model has no cheap miss of an attribute)
    end = fields.get("end_line") or fields.get("line")
    last = end if isinstance(end, int) else 0
    for name in ("sections", "children", "articles", "clauses", "points", "items"):
        for child in fields.get(name) or ():
            last = max(last, _last_line(child))
    return last


def _header_at(lines: Sequence[SourceLine], i: int) -> tuple[int, list[TableColumn]] | None:
    """(end index exclusive, columns) of a header run starting at ``lines[i]``, or None.

    A title may be printed over up to three lines (``Thời gian hoàn`` / ``thành``, ``Cơ quan`` /
    ``chủ trì``), tried longest first; a two-level header (``Cơ quan thực hiện`` over ``Chủ trì`` and
    ``Phối hợp``) gives the lower titles as the columns (``two_level`` in ``table_columns.yaml``); a
    row of column numbers ``(1) (2) …`` under the titles belongs to the header.
    """
    columns: list[TableColumn] = []
    parents: list[int] = []  # indexes in ``columns`` of titles that may stand over two sub-columns
    while i < len(lines):
        for width in (3, 2, 1):
            if i + width > len(lines):
                continue
            title = " ".join(sl.text for sl in lines[i : i + width])
            key = column_key(title)
            if key is not None:
                if _fold_title(title) in _two_level_parents():
                    parents.append(len(columns))
                columns.append(maker(TableColumn)(key=key, title=title))
                i += width
                break
        else:
            break
    columns = _split_two_level(columns, parents)
    keys = [c.key for c in columns]
    if len(columns) < 3 or not ("tt" in keys or "task" in keys):
        return None
    while i < len(lines) and _COLUMN_NUMBER.match(lines[i].text):
        i += 1
    return i, _unique_keys(columns)


def _split_two_level(columns: list[TableColumn], parents: list[int]) -> list[TableColumn]:
    """Drop a parent title followed by two or more of its sub-titles; name the sub-columns after it."""
    drop: set[int] = set()
    for j in parents:
        children = _two_level_parents()[_fold_title(columns[j].title)]
        k = j + 1
        while k < len(columns) and _fold_title(columns[k].title) in children:
            k += 1
        if k - j - 1 >= 2:
            drop.add(j)
            for c in range(j + 1, k):
                columns[c] = maker(TableColumn)(
                    key=columns[c].key, title=f"{columns[j].title} / {columns[c].title}"
                )
    return [c for j, c in enumerate(columns) if j not in drop]


@cache
def _two_level_parents() -> dict[str, frozenset[str]]:
    """Folded parent title → folded sub-titles it may stand over."""
    data = _column_file().get("two_level", {})
    return {
        _fold_title(parent): frozenset(_fold_title(c) for c in children) for parent, children in data.items()
    }


def _find_header(lines: list[SourceLine]) -> tuple[int, int, list[TableColumn]] | None:
    """(start index, end index exclusive, columns) of the header run among the first lines."""
    for start in range(min(len(lines), 12)):
        found = _header_at(lines, start)
        if found is not None:
            return start, found[0], found[1]
    return None


@cache
def _banners() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(page banner, page number) patterns of ``table_cues.yaml``'s ``page_furniture``."""
    data = _cue_file()["page_furniture"]
    return (
        re.compile("|".join(data["banners"]), re.IGNORECASE),
        re.compile("|".join(data["page_numbers"]), re.IGNORECASE),
    )


def page_furniture(lines: Sequence[SourceLine], start: int, keys: Sequence[str]) -> set[int]:
    """Indexes (from ``start`` on) of the lines a printed page puts between table rows: the header
    printed again at the top of each page (the same column keys), running banners
    (``CÔNG BÁO/Số 286/Ngày 27-05-2026``) and a page number next to either (``96``, ``- 7 -``,
    ``Trang 3/12``). A number elsewhere stays text: it may be a cell."""
    banner, number = _banners()
    first_keys = {keys[0]} if keys else set()
    marks: set[int] = set()
    edges: list[int] = []  # indexes of banner and repeated-header lines, where a page number may stand
    i = start
    while i < len(lines):
        text = lines[i].text
        if banner.search(text):
            marks.add(i)
            edges.append(i)
            i += 1
            continue
        if len(text) <= _TITLE_MAX and _first_title_key(text, lines, i) in first_keys:
            found = _header_at(lines, i)
            if found is not None and [c.key for c in found[1]] == list(keys):
                marks.update(range(i, found[0]))
                edges.append(i)  # a number right after the header is the first row's label
                i = found[0]
                continue
        i += 1
    for e in edges:
        for n in (e - 1, e + 1) if banner.search(lines[e].text) else (e - 1,):
            if start <= n < len(lines) and n not in marks and number.fullmatch(lines[n].text):
                marks.add(n)
    return marks


def _first_title_key(text: str, lines: Sequence[SourceLine], i: int) -> str | None:
    """The column key of a title starting at ``lines[i]`` (alone or joined with the next line)."""
    key = column_key(text)
    if key is None and i + 1 < len(lines):
        key = column_key(f"{text} {lines[i + 1].text}")
    return key


def _unique_keys(columns: list[TableColumn]) -> list[TableColumn]:
    seen: dict[str, int] = {}
    out = []
    for c in columns:
        seen[c.key] = seen.get(c.key, 0) + 1
        out.append(c if seen[c.key] == 1 else maker(TableColumn)(key=f"{c.key}_{seen[c.key]}", title=c.title))
    return out


def _rebuild_flat(appendix: Appendix, lines: list[SourceLine]) -> tuple[Appendix, list[Diagnostic]]:
    header = _find_header(lines)
    if header is None and (listed := rebuild_list(appendix)) is not None:
        return listed
    if header is None:
        shaped = sum(1 for sl in lines if NUM_ALONE.match(sl.text))
        diag = Diagnostic(
            severity="warning" if shaped >= 2 else "info",
            code="NQ304",
            message=f"appendix '{appendix.title}': no table header found, columns not determined; lines kept as text",
            line=appendix.line,
        )
        return appendix, [diag]
    start, end, columns = header
    header_lines = list(lines[start:end])
    leftover = list(lines[:start])
    keys = [c.key for c in columns]
    cell_keys = [k for k in keys if k != "tt"]
    diagnostics: list[Diagnostic] = []
    groups: list[TableGroup] = []
    rows: list[TableRow] = []

    seq = Numbering()
    blocks: list[tuple[Label, SourceLine, list[SourceLine]]] = []
    furniture = page_furniture(lines, end, keys)
    breaks: dict[int, set[int]] = {}  # block index → body positions where a new page begins
    for index, sl in enumerate(lines[end:], start=end):
        if index in furniture:
            header_lines.append(sl)
            if blocks and blocks[-1][2]:
                breaks.setdefault(len(blocks) - 1, set()).add(len(blocks[-1][2]))
            continue
        cand = candidate(sl.text)
        verdict = seq.accepts(cand) if cand else None
        if (named := _named_group(sl.text)) is not None and (cand is None or verdict is None):
            seq.after_group = True  # rows may number from 1 again under a named group
            blocks.append(
                (named, sl, [maker(SourceLine)(line=sl.line, text=named.rest)] if named.rest else [])
            )
        elif cand is not None and verdict is not None:
            if verdict != "next":
                diagnostics.append(sequence_diagnostic(verdict, cand, seq, sl.line))
            seq.advance(cand, verdict, sl.line)
            body = [maker(SourceLine)(line=sl.line, text=cand.rest)] if cand.rest else []
            blocks.append((cand, sl, body))
        elif blocks:
            blocks[-1][2].append(sl)
        else:
            leftover.append(sl)

    texts = [[b.text for b in body] if cand.kind != "group" else [] for cand, _, body in blocks]
    pages = [frozenset(breaks.get(b, ())) for b in range(len(blocks))]
    weights = _weights(tuple(cell_keys))
    read = [_read_row(t, weights, p) for t, p in zip(texts, pages, strict=True)]
    assignments = [_assign(r, weights, ()) for r in read]
    widths = column_widths(texts, assignments, len(cell_keys))
    if any(widths):  # PDF text wrapped at column widths: align each row again knowing the widths
        assignments = [_assign(r, weights, widths) for r in read]
    group_label: str | None = None
    for (cand, head, body), assignment in zip(blocks, assignments, strict=True):
        if cand.kind == "group":
            group_label = cand.label
            last = body[-1].line if body else head.line
            groups.append(
                maker(TableGroup)(
                    label=cand.label,
                    title=" ".join(b.text for b in body),
                    line=head.line,
                    end_line=last if last != head.line else None,
                )
            )
            continue
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
        diagnostics.append(_leftover_note(leftover))
    header_lines.sort(key=lambda sl: sl.line)
    return _rebuilt(appendix, columns, header_lines, groups, rows, leftover), diagnostics


def _leftover_note(leftover: list[SourceLine]) -> Diagnostic:
    """NQ307: appendix lines the table did not take, kept as text."""
    return diagnostic(
        "NQ307", f"{len(leftover)} appendix line(s) outside the table kept as text", leftover[0].line
    )


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
    return maker(TableRow)(
        tt=label,
        group=group,
        parent=parent,
        line=line,
        end_line=last if last != line else None,
        cells=cells,
        cell_lines=cell_lines,
        deadline=parse_deadline(raw_deadline) if raw_deadline else None,
    )


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
                    diagnostic(
                        "NQ303", f"row {row.tt}: its label {row.tt} is repeated inside the {key} cell", line
                    )
                )
    if "task" in keys and not row.cells.get("task"):
        found.append(diagnostic("NQ305", f"row {row.tt} has no task text", row.line))
    if row.deadline is not None and row.deadline.kind == "unknown":
        found.append(
            diagnostic(
                "NQ306",
                f"row {row.tt}: deadline {row.deadline.raw!r} could not be normalised",
                (row.cell_lines.get("deadline") or [row.line])[0],
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
    start: int | None
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
        start=bases.index("start") if "start" in bases else None,
        task=bases.index("task") if "task" in bases else None,
        limits=tuple((j, scoring["length"][b]) for j, b in enumerate(bases) if b in scoring["length"]),
        empty=tuple(float(empty_map.get(b, empty_map["default"])) for b in bases),
        no_unit=tuple(float(scoring["no_unit"].get(b, 0.0)) for b in bases),
    )


def _line_scores(text: str, weights: _Weights, first: bool) -> tuple[list[float], bool, bool]:
    """Evidence that ``text`` belongs to each column (before the transitions); whether any cue
    fired, and whether one named a unit (the ``no_unit`` penalty is in the scores when none did)."""
    scoring = _scoring()
    scores = [0.0] * len(weights.empty)
    unit = cued = False
    head = text[:_SCAN]  # cues are read from the start of a line: a long line is a task anyway
    for pattern, requires, vector, names_unit in weights.cues:
        if requires is not None and requires.search(head) is None:
            continue
        if pattern.search(head):
            scores = [a + b for a, b in zip(scores, vector, strict=True)]
            unit = unit or names_unit
            cued = True
    if not unit:
        scores = [a + b for a, b in zip(scores, weights.no_unit, strict=True)]
    if weights.deadline is not None or weights.start is not None:
        timed = _deadline_score(_DASH.sub("", text), scoring)
        cued = cued or timed > 0
        for j in (weights.deadline, weights.start):
            if j is not None:
                scores[j] += timed
    n = len(text)
    for j, limit in weights.limits:
        if n > limit:
            scores[j] -= min(scoring["length_cap"], (n - limit) / scoring["length_per"])
    if weights.task is not None:
        if first:
            scores[weights.task] += scoring["first_line"]["task"]
        if n < scoring["short_task"]["short"]:
            scores[weights.task] += scoring["short_task"]["score"]
    return scores, cued, unit


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
    open_end: bool  # ends without closing punctuation: the sentence goes on


def _form(text: str) -> _Form:
    return _Form(
        dash=bool(_DASH.match(text)),
        colon_end=text.endswith(":"),
        list_end=text.endswith((";", ",", ":")) or text.rsplit(" ", 1)[-1] in _LIST_END_WORDS,
        lower=_DASH.sub("", text)[:1].islower(),  # ``6 tháng …`` opens with a figure, not in lower case
        shape=_shape(text),
        open_end=not text.endswith(_CLOSED),
    )


@cache
def _dangling_words() -> frozenset[str]:
    """``dangling_words`` of ``table_cues.yaml``: words no cell ends on."""
    return frozenset(w.casefold() for w in _cue_file()["dangling_words"])


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
        if prev.open_end:
            score += scoring["continuation_wrapped"]
    return score


def _shape(text: str) -> tuple[bool, str]:
    """A bullet's shape: does its text start in lower case, and how does it end."""
    first_letter = next((c for c in _DASH.sub("", text) if c.isalpha()), "")
    end = text[-1] if text[-1] in ";,.:" else ""
    return first_letter.islower(), end


def _name_glue(
    texts: Sequence[str], forms: list[_Form], read: list[tuple[list[float], bool, bool]], weights: _Weights
) -> list[list[float]]:
    """The extra score, per column, for keeping line i in the cell of line i-1 when it is the rest
    of a name or a phrase wrapped at a narrow column (``Bảo hiểm xã hội`` / ``Việt Nam``, ``Bộ Thông
    tin và`` / ``Truyền thông``): a short line of words (not a figure) with no cue of its own after a
    line that stops mid-phrase. The rest of a unit's name kept in the unit's cell is not penalised as naming no
    unit (in another column it still is)."""
    scoring = _scoring()
    k = len(weights.empty)
    out = [[0.0] * k for _ in texts]
    carried = [bool(r[2]) for r in read]
    for i in range(1, len(texts)):
        prev, line = forms[i - 1], forms[i]
        _, cued, _ = read[i]
        words = texts[i].split()
        if (
            not prev.open_end
            or line.dash
            or cued
            or len(words) > _NAME_REST_WORDS
            or not words[0][0].isalpha()
        ):
            continue
        out[i] = [float(scoring["continuation_name"])] * k
        if carried[i - 1]:
            carried[i] = True
            out[i] = [g - n for g, n in zip(out[i], weights.no_unit, strict=True)]
    return out


def _wrapped_pair(line: str, after: str) -> bool:
    """``after`` may be ``line`` wrapped: no bullet opens it and ``line`` stops mid-sentence."""
    return not _DASH.match(after) and not line.endswith(_CLOSED) and not after[:1].isupper()


def column_widths(
    texts: Sequence[Sequence[str]], assignments: Sequence[Sequence[int]], k: int
) -> tuple[float | None, ...]:
    """The printed width of each of ``k`` columns of a table whose text is wrapped at its columns
    (PDF text of a narrow column), read off a first alignment of its rows: the lengths of the lines
    a cell goes on after in lower case, mid-sentence. A column with fewer than ``width_lines`` such
    lines has no width (a Word or web copy: a cell's lines are its paragraphs); else the width is
    the ``width_quantile`` of those lengths (a wrapped line stops a word short of the width, and a
    proportional font makes the count of characters vary)."""
    scoring = _scoring()
    found: list[list[int]] = [[] for _ in range(k)]
    for lines, columns in zip(texts, assignments, strict=True):
        for i in range(1, len(lines)):
            if columns[i] == columns[i - 1] and _wrapped_pair(lines[i - 1], lines[i]):
                found[columns[i]].append(len(lines[i - 1]))
    out: list[float | None] = []
    for lengths in found:
        if len(lengths) < scoring["width_lines"]:
            out.append(None)
            continue
        lengths.sort()
        out.append(float(lengths[min(len(lengths) - 1, int(scoring["width_quantile"] * len(lengths)))]))
    return tuple(out)


def _one_deadline(line: str, after: str) -> bool:
    """A deadline wrapped over two lines (``Tháng`` / ``09/2025``, ``6 tháng đầu năm`` / ``2026``):
    the two read together as one deadline and the first alone does not."""
    if len(line) + len(after) > 60 or not _DIGIT.search(after) or is_expression(line):
        return False  # the second part carries the figure (``09/2025``, ``IV/2025``, ``2026``)
    return is_expression(f"{line} {after}")


def _cell_ended(text: str, weights: _Weights) -> float:
    """How sure it is that the cell whose last line before a page break is ``text`` ended there
    (``page_cell_ended`` when it closes a sentence or reads as a whole deadline), so the text after
    the break is another cell's rest."""
    whole = text.endswith(_ITEM_END) or (weights.deadline is not None and is_expression(text))
    return float(_scoring()["page_cell_ended"]) if whole else 0.0


def _cap_lengths(longest: Sequence[int], emit: list[list[float]], widths: Sequence[float | None]) -> None:
    """In PDF text wrapped at column widths no line is much longer than its column: a phrase whose
    longest line is over ``width_cap`` × the width (plus ``width_slack`` characters) scores
    ``width_penalty`` there."""
    scoring = _scoring()
    ratio, slack, penalty = scoring["width_cap"], scoring["width_slack"], scoring["width_penalty"]
    for i, length in enumerate(longest):
        for c, width in enumerate(widths):
            if width is not None and length > width * ratio + slack:
                emit[i][c] -= penalty


def _item_forms(texts: Sequence[str], forms: list[_Form]) -> list[_Form]:
    """The form of the bullet or paragraph each line belongs to, for the continuation score: a line
    wrapped from a dash bullet (``- Hệ thống được đưa`` / ``vào vận hành``) keeps the bullet's dash
    and case, with its own closing punctuation, so the next bullet of the list is seen as one."""
    out = list(forms)
    for i in range(1, len(texts)):
        if out[i - 1].dash and not forms[i].dash and not texts[i - 1].endswith(_ITEM_END):
            out[i] = replace(forms[i], dash=True, shape=(out[i - 1].shape[0], forms[i].shape[1]))
    return out


def align_row(
    texts: Sequence[str],
    keys: Sequence[str],
    widths: Sequence[float | None] = (),
    pages: frozenset[int] = frozenset(),
) -> list[int]:
    """Assign each line of a row to a column index (non-decreasing), maximising the row's score.

    ``texts`` are the row's lines after its TT label, ``keys`` the columns after ``tt``; ``widths``
    (``column_widths``) the printed width of each column where the table is PDF text wrapped at
    its columns: no line of a column is much longer. Lines that can only be
    one phrase wrapped (``_phrases``) are read together and go to one column. ``pages`` are the
    positions of lines that open a new page inside the row (a row printed over a page break): there
    each cell that overflowed goes on, from the first column again. Exact: dynamic programming over
    (phrase, column) with the best predecessor column for each state.
    """
    if not keys:
        return []
    weights = _weights(tuple(keys))
    return _assign(_read_row(texts, weights, pages), weights, widths)


@dataclass(frozen=True)
class _Row:
    """What the alignment reads of a row's lines, whatever the columns' widths (read once when a
    table is aligned twice, the second time knowing its widths): the lines grouped into phrases,
    each phrase's text and longest line, the phrases that open a page, and each phrase's evidence
    (``_line_scores``), form, name glue and item form."""

    phrases: list[list[int]]
    joined: list[str]
    longest: list[int]
    starts: frozenset[int]
    read: list[tuple[list[float], bool, bool]]
    forms: list[_Form]
    glue: list[list[float]]
    items: list[_Form]


def _read_row(texts: Sequence[str], weights: _Weights, pages: frozenset[int] = frozenset()) -> _Row:
    phrases = _phrases(texts, weights, pages)
    joined = [" ".join(texts[i] for i in p) for p in phrases]
    read = [_line_scores(t, weights, i == 0) for i, t in enumerate(joined)]
    forms = [_form(t) for t in joined]
    return _Row(
        phrases=phrases,
        joined=joined,
        longest=[max(len(texts[i]) for i in p) for p in phrases],
        starts=frozenset(n for n, p in enumerate(phrases) if p[0] in pages),
        read=read,
        forms=forms,
        glue=_name_glue(joined, forms, read, weights),
        items=_item_forms(joined, forms),
    )


def _assign(row: _Row, weights: _Weights, widths: Sequence[float | None]) -> list[int]:
    """Each line's column: its phrase's (``_align``)."""
    columns = _align(row, weights, widths)
    return [c for c, p in zip(columns, row.phrases, strict=True) for _ in p]


def _phrases(texts: Sequence[str], weights: _Weights, pages: frozenset[int] = frozenset()) -> list[list[int]]:
    """The row's lines grouped into phrases: a line goes on the phrase before it when it can only
    be its rest — it opens in lower case after a line that does not close a sentence or bullet
    (``Ủy ban nhân`` / ``dân cấp tỉnh``), or the line before ends on a word no cell ends on
    (``Viện Chiến lược và`` / ``Chính sách y tế``) or on a word a figure follows and the line opens
    with a figure (``Nghị quyết số`` / ``57-NQ/TW``; not ``hằng năm``, a whole recurrence), or the two read as one deadline only together
    (``Tháng`` / ``09/2025``). A dash and a new page always open a phrase."""
    out: list[list[int]] = []
    for i, text in enumerate(texts):
        if out and i not in pages and not _DASH.match(text) and _goes_on(texts[i - 1], text, weights):
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _goes_on(line: str, after: str, weights: _Weights) -> bool:
    if after[:1].islower() and not line.endswith(_ITEM_END):
        return True
    last = line.rsplit(" ", 1)[-1].casefold()
    if last in _dangling_words():
        return True
    if after[:1].isdigit() and last in _number_words() and not is_expression(" ".join(line.split()[-2:])):
        return True  # ``Nghị quyết số`` / ``57-NQ/TW``, but ``Báo cáo hằng năm`` is whole
    return weights.deadline is not None and _one_deadline(line, after)


@cache
def _number_words() -> frozenset[str]:
    """``number_words`` of ``table_cues.yaml``: words a figure follows (``số`` / ``57-NQ/TW``)."""
    return frozenset(w.casefold() for w in _cue_file()["number_words"])


def _align(row: _Row, weights: _Weights, widths: Sequence[float | None]) -> list[int]:
    """``align_row`` over the row's phrases; the width cap reads each phrase's longest line, and any
    column may follow at a phrase that opens a new page."""
    texts, longest, starts = row.joined, row.longest, row.starts
    m, k = len(texts), len(weights.empty)
    if m == 0:
        return []
    scoring = _scoring()
    empty = weights.empty
    # prefix sums of empty scores: cost of leaving columns a..b-1 empty = pre[b] - pre[a]
    pre = [0.0]
    for e in empty:
        pre.append(pre[-1] + e)
    forms, glue, items = row.forms, row.glue, row.items
    neg = float("-inf")
    best = [[neg] * k for _ in range(m)]
    back = [[0] * k for _ in range(m)]
    emit = [r[0] for r in row.read]
    if widths:
        emit = [list(e) for e in emit]  # the row's evidence stays as read
        _cap_lengths(longest, emit, widths)
    for c in range(k):
        best[0][c] = emit[0][c] + pre[c]
    for i in range(1, m):
        if i in starts:  # a new page: each cell that overflowed goes on, from any column
            ended = _cell_ended(texts[i - 1], weights)
            for c in range(k):
                moves = [best[i - 1][p] - (ended if c == p else 0.0) for p in range(k)]
                arg = max(range(k), key=moves.__getitem__)
                best[i][c] = moves[arg] + emit[i][c]
                back[i][c] = arg
            continue
        base = _continuation_score(items[i - 1], forms[i], scoring)
        paid = starts and i > min(starts)  # after a page break the empty cells were counted before it
        for c in range(k):
            top, arg = best[i - 1][c] + base + glue[i][c], c
            for p in range(c):
                cand = best[i - 1][p] + (0.0 if paid else pre[c] - pre[p + 1])
                if cand > top:
                    top, arg = cand, p
            best[i][c] = top + emit[i][c]
            back[i][c] = arg
    tail = 0.0 if starts else 1.0
    last = max(range(k), key=lambda c: best[m - 1][c] + tail * (pre[k] - pre[c + 1]))
    out = [0] * m
    out[-1] = last
    for i in range(m - 1, 0, -1):
        out[i - 1] = back[i][out[i]]
    return out


# --- tables written with their cell boundaries (pipe, grid, cell dumps) -----------------------------


@cache
def _group_label() -> re.Pattern[str]:
    """A TT cell that names a group row (``I``, ``A``, ``TỔNG SỐ``, ``Vùng IV``): ``group_labels``."""
    return re.compile("|".join(f"(?:{p})" for p in _cue_file()["group_labels"]))


def is_group_label(text: str) -> bool:
    """``I``, ``II``, ``A``, ``TỔNG SỐ``, ``Vùng IV``: a TT cell that heads a group, not a data row."""
    return bool(_group_label().fullmatch(plain(text).rstrip(".)").strip()))


_NAMED_GROUP = re.compile(r"^([A-ZĐ])[.)]\s+(\S.*)$")


def _named_group(text: str) -> Label | None:
    """A flattened table's group row that is not a roman numeral: ``A.`` / ``B. CÁC NHIỆM VỤ …``, a
    capital letter with its title in upper case, or ``TỔNG SỐ``, ``Vùng IV`` alone on the line."""
    text = plain(text).strip()
    if (m := _NAMED_GROUP.match(text)) is not None and _upper_title(m[2]):
        return Label("group", m[1], (0,), m[2].strip(), True)
    bare = text.rstrip(".)").strip()
    if bare and not bare.isdigit() and is_group_label(bare) and candidate(bare) is None:
        return Label("group", bare, (0,), "", True)
    return None


def _upper_title(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _is_row_label(text: str) -> bool:
    """A cell dump's cell that opens a row: a TT label alone (``12``, ``3.1``, ``IV``, ``TỔNG SỐ``)."""
    text = plain(text).strip()
    if is_group_label(text):
        return True
    cand = candidate(text)
    return cand is not None and not cand.rest and cand.path[0] <= 999


_RESERVED_KEYS = frozenset(
    {"tt", "group", "parent", "appendix", "deadline_kind", "deadline_start", "deadline_end"}
)
_KEY_MAX = 32


def title_key(title: str, index: int) -> str:
    """A column key for a title no data row names: the title without diacritics, lower case, words
    joined by ``_`` (``Tên tiêu chí`` → ``ten_tieu_chi``, ``Full name`` → ``full_name``); ``col3`` for
    the third column when the title gives nothing or would clash with a CSV column of its own."""
    folded = unicodedata.normalize("NFD", title.replace("Đ", "D").replace("đ", "d"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    key = "_".join(re.findall(r"[a-z0-9]+", ascii_text))[:_KEY_MAX].rstrip("_")
    if not key or key[0].isdigit() or key in _RESERVED_KEYS:
        return f"col{index + 1}"
    return key


def _titled(row: CellRow) -> bool:
    """A cell dump's first row names a known column (a site's own boxes never do)."""
    return any(column_key(plain(" ".join(cell.split()))) for cell in row.cells)


def _header_columns(headers: list[CellRow]) -> list[TableColumn]:
    """Columns of one or more header rows (a two-level header gives each column its titles joined)."""
    width = max(len(h.cells) for h in headers)
    columns = []
    for j in range(width):
        titles: list[str] = []
        for h in headers:
            title = " ".join(h.cells[j].split()) if j < len(h.cells) else ""
            if title and title not in titles:
                titles.append(title)
        key = next((k for t in reversed(titles) if (k := column_key(plain(t)))), None)
        title = plain(" / ".join(titles))
        columns.append(maker(TableColumn)(key=key or title_key(title, j), title=title))
    return _unique_keys(columns)


def _rebuild_cells(
    appendix: Appendix, lines: list[SourceLine], blocks: list[CellBlock]
) -> tuple[Appendix, list[Diagnostic]]:
    """Rows of the tables written with cell boundaries; lines outside them are kept as text."""
    diagnostics: list[Diagnostic] = []
    columns: list[TableColumn] = []
    groups: list[TableGroup] = []
    rows: list[TableRow] = []
    frame: list[SourceLine] = []
    leftover: list[SourceLine] = []
    taken = 0
    for block in blocks:
        leftover += lines[taken : block.start]
        taken = block.end
        found = _block_rows(block, columns, groups, rows, diagnostics)
        owned = {n for g in found[0] for n in range(g.line, (g.end_line or g.line) + 1)}
        owned |= {n for r in found[1] for n in [r.line, *(m for ls in r.cell_lines.values() for m in ls)]}
        frame += [sl for sl in lines[block.start : block.end] if sl.line not in owned]
    leftover += lines[taken:]
    for row in rows:
        diagnostics.extend(_row_diagnostics(row, [c.key for c in columns]))
    if leftover and rows:
        diagnostics.append(_leftover_note(leftover))
    return _rebuilt(appendix, columns, frame, groups, rows, leftover), diagnostics


def _block_rows(
    block: CellBlock,
    columns: list[TableColumn],
    groups: list[TableGroup],
    rows: list[TableRow],
    diagnostics: list[Diagnostic],
) -> tuple[list[TableGroup], list[TableRow]]:
    """Add one block's groups and rows (and any new columns) to the table's; return the block's own."""
    headers = [r for r in block.rows if r.header]
    body = [r for r in block.rows if not r.header]
    own = _header_columns(headers) if headers else list(columns)
    for c in own:
        if c.key not in {k.key for k in columns}:
            columns.append(c)
    keys = [c.key for c in own]
    tt_index = keys.index("tt") if "tt" in keys else None
    seq = Numbering()
    group_label = groups[-1].label if groups else None
    new_groups: list[TableGroup] = []
    new_rows: list[TableRow] = []
    numbered: str | None = None  # the last row with a number label
    items = _bullet_items(body, tt_index)
    for index, cell_row in enumerate(body):
        cells = ["\n".join(plain(part) for part in c.split("\n")) for c in cell_row.cells]  # **400** → 400
        cell_lines = [list(n) for n in cell_row.cell_lines]
        written = plain(cells[tt_index]).strip() if tt_index is not None and cells else ""
        label_text = written.rstrip(".)").strip() or written  # "…" or "..." is a placeholder row's label
        if tt_index is not None and is_group_label(label_text):
            others = [plain(" ".join(c.split())) for j, c in enumerate(cells) if j != tt_index and c]
            last = max(n for ls in cell_lines for n in ls)
            group_label = label_text
            cand = candidate(label_text)
            if cand is not None and cand.kind == "group":
                verdict = seq.accepts(cand)
                if verdict in ("skip", "repeat"):
                    diagnostics.append(sequence_diagnostic(verdict, cand, seq, cell_row.line))
                seq.advance(cand, verdict or "next", cell_row.line)
            new_groups.append(
                maker(TableGroup)(
                    label=label_text,
                    title=" ".join(others),
                    line=cell_row.line,
                    end_line=last if last != cell_row.line else None,
                )
            )
            continue
        if len(cells) != len(keys):
            if block.form == "pipe":
                diagnostics.append(
                    diagnostic(
                        "NQ308", f"table row has {len(cells)} cells, the header {len(keys)}", cell_row.line
                    )
                )
            cells = (cells + [""] * len(keys))[: len(keys)]
            cell_lines = (cell_lines + [[] for _ in keys])[: len(keys)]
        if tt_index is not None and not label_text and new_rows:
            if index in items:  # ``| | - Nhiệm vụ cấp Bộ | 400 |``: an item of its own
                parent = new_rows[-1].tt if new_rows[-1].tt else new_rows[-1].parent
                cell_map = {key: cells[j] for j, key in enumerate(keys)}
                lines_map = {key: cell_lines[j] for j, key in enumerate(keys)}
                row = _make_row("", group_label, cell_row.line, [], cell_map, lines_map)
                new_rows.append(row.model_copy(update={"parent": parent}))
                continue
            new_rows[-1] = _extend_row(new_rows[-1], keys, cells, cell_lines)
            continue
        if tt_index is None:
            label = str(len(rows) + len(new_rows) + 1)
        else:
            label = label_text
            cand = candidate(label_text)
            if cand is not None and cand.kind == "row":
                cand = replace(cand, strong=True)  # the cell boundary makes it a label
                verdict = seq.accepts(cand)
                if verdict in ("skip", "repeat", "stray"):
                    diagnostics.append(sequence_diagnostic(verdict, cand, seq, cell_row.line))
                seq.advance(cand, verdict or "next", cell_row.line)
                label = cand.label
        cell_map = {key: cells[j] for j, key in enumerate(keys)}
        lines_map = {key: cell_lines[j] for j, key in enumerate(keys)}
        if tt_index is not None:
            cell_map["tt"] = label
        row = _make_row(label, group_label, cell_row.line, [], cell_map, lines_map)
        if _POINT_LABEL.fullmatch(label) and numbered is not None:
            row = row.model_copy(update={"parent": numbered})  # ``a``, ``b`` under the row ``2.1`` above
        elif label[:1].isdigit():
            numbered = label
        new_rows.append(row)
    groups += new_groups
    rows += new_rows
    return new_groups, new_rows


def _bullet_items(body: Sequence[CellRow], tt_index: int | None) -> set[int]:
    """Indexes of rows that are un-numbered items of their own: a run of rows with an empty TT
    cell whose text opens with a bullet (``| | - Nhiệm vụ cấp Bộ | 400 |``), one of which holds a
    cell beside its text (a budget line's figure). A run with nothing beside its text is the rest
    of the row above (``| | - bổ sung quy định | | |``)."""
    if tt_index is None:
        return set()
    found: set[int] = set()
    run: list[int] = []
    beside = False
    for i, row in enumerate([*body, None]):
        filled = (
            [] if row is None else [t for j, c in enumerate(row.cells) if j != tt_index and (t := plain(c))]
        )
        if row is not None and not plain(row.cells[tt_index]) and filled and _DASH.match(filled[0]):
            run.append(i)
            beside = beside or len(filled) > 1
            continue
        if beside:
            found.update(run)
        run, beside = [], False
    return found


def _extend_row(row: TableRow, keys: list[str], cells: list[str], cell_lines: list[list[int]]) -> TableRow:
    """A row whose TT cell is empty goes on the row above, cell by cell."""
    merged = dict(row.cells)
    lines = {k: list(v) for k, v in row.cell_lines.items()}
    for key, text, numbers in zip(keys, cells, cell_lines, strict=True):
        if text:
            merged[key] = f"{merged[key]}\n{text}" if merged.get(key) else text
            lines.setdefault(key, []).extend(n for n in numbers if n not in lines[key])
    body = [maker(SourceLine)(line=n, text="") for ls in cell_lines for n in ls]
    extended = _make_row(row.tt, row.group, row.line, [*body, *_body_of(row)], merged, lines)
    return extended.model_copy(update={"parent": row.parent})


def _body_of(row: TableRow) -> list[SourceLine]:
    return [maker(SourceLine)(line=row.end_line, text="")] if row.end_line else []
