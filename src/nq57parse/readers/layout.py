"""Page layout: positioned words → text lines in reading order (shared by the PDF and OCR readers).

In: one page's words as ``Box`` records (text and bounding box, y growing downwards, in any unit:
PDF points or image pixels; every threshold is relative to the line height) and the page's ruling
lines (``Rule``). Out: ``PageText``: the page's lines in reading order, the furniture lines taken
out of them, and the page's ruled tables as grids of cell texts.

The rules, each a small function:

- ``group_lines``: words whose vertical extents overlap by half the smaller height form a line;
  ``segments`` splits a line where the horizontal gap is wider than ``COLUMN_GAP`` line heights.
- ``find_tables``: ruling lines that touch form a grid; each band between two horizontal rules is
  a row, its cells the spans between the vertical rules that cross that band (a cell merged across
  columns is followed by empty cells, as ``html_reader.render_table`` expects). Words inside a grid
  belong to its cells; a cell's lines are joined with a space, or a line break before a bullet line.
- ``reading_order``: lines top to bottom, except in a *two-column region* (the NĐ 30/2020 header
  ``issuer | motto``, ``number | place and date``, and the ``Nơi nhận | signature`` block): a run of
  lines split at one common gutter, none crossing it. A region is read band by band, each band's
  left column, then its right column; a new band starts where the left column resumes after a gap
  of at least ``BAND_GAP`` line heights (``Số: …`` under ``BỘ Y TẾ``), so the signature beside the
  recipients list stays one band.
- ``furniture``: the first or last line of a page inside the top or bottom ``MARGIN_ZONE`` of its
  height that is a page number (``2``, ``- 2 -``, ``Trang 2/21``) or repeats (digits ignored) at
  the same edge of at least half the pages (``mark_running_furniture``).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

COLUMN_GAP = 2.0  # a horizontal gap wider than this many line heights separates two columns
BAND_GAP = 0.8  # the left column resuming after this many line heights of space starts a new band
MARGIN_ZONE = 0.12  # furniture lives in the top and bottom 12 % of a page
RULE_THICKNESS = 3.0  # a ruling line is at most this thick (PDF points) …
RULE_LENGTH = 8.0  # … and at least this long
TOUCH = 2.5  # two rules closer than this touch
CELL_PADDING = 1.0  # a cell's inner margins, both sides together, in line heights
BULLETS = ("-", "–", "+", "•", "*")
PAGE_NUMBER = re.compile(r"^(?:trang\s*)?[-–(]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–)]?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Box:
    """A word (or a run of glyphs) with its bounding box; ``conf`` is OCR's confidence, 0–100."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float | None = None

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1e-6)


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line or a thin filled rectangle (table border), as its bounding box."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(slots=True)
class Line:
    """Words on one text line, left to right."""

    words: list[Box]
    region: bool = False  # read as part of a two-column region

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return median(w.height for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def conf(self) -> float | None:
        scores = [w.conf for w in self.words if w.conf is not None]
        return sum(scores) / len(scores) if scores else None


@dataclass(slots=True)
class Table:
    """A ruled table: its box and its rows of cell texts (``\\n`` = a line break inside a cell)."""

    x0: float
    top: float
    x1: float
    bottom: float
    columns: list[float]
    rows: list[list[str]]


@dataclass(slots=True)
class OutLine:
    """One line of a page's text: plain text, or a table (``table`` set, ``text`` empty)."""

    text: str
    top: float
    bottom: float = 0.0
    conf: float | None = None
    table: Table | None = None
    words: int = 0  # how many words ``conf`` is the mean of
    fresh: bool = True  # starts a paragraph (indented, a marker, or after a gap)
    open_end: bool = False  # reaches the right edge without closing punctuation: may go on


@dataclass(slots=True)
class PageText:
    """A page read: its lines in reading order, furniture taken out, and the page height."""

    lines: list[OutLine]
    height: float
    furniture: list[tuple[str, str]] = field(default_factory=list)  # (position, text)


# --------------------------------------------------------------------------- lines


def group_lines(words: list[Box]) -> list[Line]:
    """Words → lines, top to bottom; in each line the words left to right."""
    bands: list[list] = []  # [top, bottom, height of the first word, words]: cheaper than Line here
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        for band in reversed(bands[-4:]):
            overlap = min(band[1], word.bottom) - max(band[0], word.top)
            if overlap >= 0.5 * min(band[2], word.height):
                band[0], band[1] = min(band[0], word.top), max(band[1], word.bottom)
                band[3].append(word)
                break
        else:
            bands.append([word.top, word.bottom, word.height, [word]])
    bands.sort(key=lambda b: b[0])
    return [Line(sorted(band[3], key=lambda w: w.x0)) for band in bands]


def segments(line: Line) -> list[Line]:
    """The parts of a line separated by a gap wider than ``COLUMN_GAP`` line heights."""
    parts = [Line([line.words[0]])]
    limit = COLUMN_GAP * line.height
    for prev, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - prev.x1 > limit:
            parts.append(Line([word]))
        else:
            parts[-1].words.append(word)
    return parts


# --------------------------------------------------------------------------- reading order


def reading_order(lines: list[Line]) -> list[Line]:
    """Lines in reading order: two-column regions read band by band, left column first."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        end, gutter = _region(lines, i)
        if gutter is None:
            out.append(lines[i])
            i += 1
            continue
        out.extend(_read_region(lines[i:end], gutter))
        i = end
    return out


def _gutter(line: Line) -> tuple[float, float] | None:
    """The widest column gap of a line, as (left column's right edge, right column's left edge)."""
    parts = segments(line)
    if len(parts) < 2:
        return None
    k = max(range(1, len(parts)), key=lambda j: parts[j].x0 - parts[j - 1].x1)
    return parts[k - 1].x1, parts[k].x0


def _region(lines: list[Line], start: int) -> tuple[int, tuple[float, float] | None]:
    """The end (exclusive) and gutter of the two-column region starting at ``lines[start]``, if any."""
    gutter = _gutter(lines[start])
    if gutter is None:
        return start + 1, None
    lo, hi = gutter
    end = last_split = start + 1
    while end < len(lines):
        line = lines[end]
        g = _gutter(line)
        if g is not None and max(lo, g[0]) < min(hi, g[1]):
            lo, hi = max(lo, g[0]), min(hi, g[1])
            last_split = end + 1
        elif g is not None or (line.x0 < lo and line.x1 > hi):
            break  # another layout, or a line across the gutter: the region is over
        end += 1
    # one-sided lines right under the last split line go on with their column (``- Lưu: VT.``)
    while last_split < len(lines):
        line, above = lines[last_split], lines[last_split - 1]
        crosses = line.x0 < lo and line.x1 > hi
        if crosses or _gutter(line) is not None or line.top - above.bottom >= BAND_GAP * line.height:
            break
        last_split += 1
    return last_split, (lo, hi)


def _read_region(lines: list[Line], gutter: tuple[float, float]) -> list[Line]:
    lo, hi = gutter
    middle = (lo + hi) / 2
    bands: list[tuple[list[Line], list[Line]]] = []
    last_left: Line | None = None
    for line in lines:
        left = [w for w in line.words if (w.x0 + w.x1) / 2 < middle]
        right = [w for w in line.words if (w.x0 + w.x1) / 2 >= middle]
        if left:
            gap = line.top - last_left.bottom if last_left is not None else 0.0
            if not bands or (last_left is not None and gap >= BAND_GAP * line.height and bands[-1][1]):
                bands.append(([], []))
            last_left = Line(left, region=True)
            bands[-1][0].append(last_left)
        if right:
            if not bands:
                bands.append(([], []))
            bands[-1][1].append(Line(right, region=True))
    return [ln for left, right in bands for ln in (*left, *right)]


# --------------------------------------------------------------------------- tables


def find_tables(rules: list[Rule], words: list[Box]) -> tuple[list[Table], list[Box]]:
    """Ruled tables on a page, and the words outside them."""
    thin = [r for r in rules if _is_rule(r)]
    tables = []
    for group in _touching(thin):
        table = _grid(group, words)
        if table is not None:
            tables.append(table)
    if not tables:
        return [], words
    free = [w for w in words if not any(_inside(w, t) for t in tables)]
    return tables, free


def _is_rule(rule: Rule) -> bool:
    w, h = rule.x1 - rule.x0, rule.bottom - rule.top
    return min(w, h) <= RULE_THICKNESS and max(w, h) >= RULE_LENGTH


def _touching(rules: list[Rule]) -> list[list[Rule]]:
    """Groups of rules connected by touching (union-find over the pairs)."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(rules):
        for j in range(i + 1, len(rules)):
            b = rules[j]
            if (
                a.x0 - TOUCH <= b.x1
                and b.x0 - TOUCH <= a.x1
                and a.top - TOUCH <= b.bottom
                and b.top - TOUCH <= a.bottom
            ):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    return list(groups.values())


def _positions(values: list[float]) -> list[float]:
    """Distinct positions, values closer than ``TOUCH`` merged."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOUCH:
            out.append(v)
    return out


def _grid(rules: list[Rule], words: list[Box]) -> Table | None:
    hs = [r for r in rules if r.horizontal]
    vs = [r for r in rules if not r.horizontal]
    ys = _positions([(r.top + r.bottom) / 2 for r in hs])
    xs = _positions([(r.x0 + r.x1) / 2 for r in vs])
    if len(ys) < 2 or len(xs) < 2:
        return None
    x0, x1, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    inside = [w for w in words if _centre_in(w, x0, top, x1, bottom)]
    rows: list[list[str]] = []
    for y_top, y_bottom in itertools.pairwise(ys):
        mid = (y_top + y_bottom) / 2
        edges = [x for x in xs if any(_covers(v, x, mid) for v in vs)] or [x0, x1]
        if edges[0] > x0 + TOUCH:
            edges.insert(0, x0)
        if edges[-1] < x1 - TOUCH:
            edges.append(x1)
        row = [""] * (len(xs) - 1)
        band = [w for w in inside if y_top <= (w.top + w.bottom) / 2 < y_bottom]
        for left, right in itertools.pairwise(edges):
            cell = [w for w in band if left <= (w.x0 + w.x1) / 2 < right]
            column = min(range(len(xs) - 1), key=lambda k: abs(xs[k] - left))
            row[column] = cell_text(cell, right - left)
        rows.append(row)
    return Table(x0, top, x1, bottom, xs, rows)


def _covers(rule: Rule, x: float, y: float) -> bool:
    return abs((rule.x0 + rule.x1) / 2 - x) <= TOUCH and rule.top - TOUCH <= y <= rule.bottom + TOUCH


def _centre_in(w: Box, x0: float, top: float, x1: float, bottom: float) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _inside(w: Box, t: Table) -> bool:
    return _centre_in(w, t.x0, t.top, t.x1, t.bottom)


def cell_text(words: list[Box], width: float | None = None) -> str:
    """A cell's words as text: a wrapped line joined to the next by a space; a line break before a
    bullet, and after a line that ended by choice: the next line's first word would have fitted
    on it within the cell's ``width`` (less its padding), whatever the cell's alignment."""
    text = ""
    prev: Line | None = None
    for line in group_lines(words):
        if prev is not None and width is not None and not line.text.startswith(BULLETS):
            first = line.words[0]
            needed = (prev.x1 - prev.x0) + 0.3 * prev.height + (first.x1 - first.x0)
            if needed < width - CELL_PADDING * prev.height:
                text += "\n" + line.text
                prev = line
                continue
        text = join_cell(text, line.text)
        prev = line
    return text


def join_cell(text: str, more: str) -> str:
    """Two pieces of one cell: a line break before a bullet line, else a space."""
    if not text or not more:
        return text or more
    return f"{text}\n{more}" if more.startswith(BULLETS) else glue(text, more)


# --------------------------------------------------------------------------- a page


def read_page(words: list[Box], rules: list[Rule], height: float) -> PageText:
    """One page: tables found, the other words in lines, reading order, wrapped lines joined into
    their paragraphs (``join_wrapped``); furniture not yet marked."""
    tables, free = find_tables(rules, words)
    out = join_wrapped(reading_order(group_lines(free)))
    out.extend(OutLine("", t.top, t.bottom, None, t) for t in tables)
    return PageText(_stable_by_region(out), height)


# --------------------------------------------------------------------------- paragraphs

# a line opening like this after a line that closed a sentence starts a new unit, whatever its place
STARTS_UNIT = re.compile(
    r"^[*_#>\s]*(?:[ĐÐ]iều\s+\d|Article\s+\d|Artikkel\s+\d|Chương\s|Mục\s|Phần\s|[IVXLC]+\\?\."
    r"|\d+(?:\.\d+)*\\?\.|[a-zđ]\)|[-–+•]\s)"
)
# an article heading (``Điều 2.``: the number and its full stop) starts a unit whatever came before
ARTICLE_HEADING = re.compile(r"^[*_#>\s]*(?:[ĐÐ]iều|Article|Artikkel)\s+\d+[a-z]?\.(?:\s|\*|$)")
CLOSES = (".", ";", ":", "!", "?")
MIN_EDGE_LINES = 3  # lines ending together (within EDGE_SLACK line heights) make a justified edge
EDGE_SLACK = 0.3
RULE_TAIL = re.compile(r"(?:^|\s)[-_=–—]{3,}$")


def join_wrapped(lines: list[Line]) -> list[OutLine]:
    """Lines → paragraphs: a line the layout wrapped is joined to the next one.

    Line B continues line A (both outside two-column regions) when B's first word would not have
    fitted at the end of A (A was full: it reaches the page's right text edge less that word),
    B is not indented further than A (a first-line indent starts a paragraph), no blank line lies
    between them, B is not an article heading (``Điều 2.``), and B does not open a unit (``a)``,
    ``1.``, ``-``) after A closed a sentence, nor follows a rule typed as text (``------``). The right
    edge is that of justified text (``justified_edge``): on a page of ragged or short lines nothing is
    joined (the segmenter still joins hard-wrapped sentences).
    A line ending in a code's hyphen (``57-`` / ``NQ/TW``) is joined without a space."""
    flow = [ln for ln in lines if not ln.region]
    left = min((ln.x0 for ln in flow), default=0.0)
    edge = justified_edge(flow)
    edge_known = edge is not None
    right = edge if edge is not None else 0.0
    out: list[OutLine] = []
    prev: Line | None = None
    for line in lines:
        joinable = edge_known and prev is not None and not line.region and not prev.region
        if joinable and prev is not None and _continues(prev, line, left, right):
            last = out[-1]
            count = len(line.words)
            last.text = glue(last.text, line.text)
            last.bottom = line.bottom
            if line.conf is not None and last.conf is not None:
                last.conf = (last.conf * last.words + line.conf * count) / (last.words + count)
            last.words += count
        else:
            fresh = line.region or line.x0 > left + 0.5 * line.height or bool(STARTS_UNIT.match(line.text))
            out.append(OutLine(line.text, line.top, line.bottom, line.conf, None, len(line.words), fresh))
        out[-1].open_end = (
            edge_known
            and not line.region
            and line.x1 >= right - line.height
            and not line.text.endswith(CLOSES)
        )
        prev = line
    return out


def justified_edge(lines: list[Line]) -> float | None:
    """The right edge of justified text: the rightmost x where at least ``MIN_EDGE_LINES`` lines end
    together (within ``EDGE_SLACK`` of a line height). None for ragged text or a page of short lines,
    where a wrapped line cannot be told from one its writer ended."""
    ends = sorted(((ln.x1, ln.height) for ln in lines), reverse=True)
    for x, h in ends:
        if x < ends[0][0] - h:
            return None  # the edge is the rightmost text: lines ending together further left are not one
        if sum(1 for x1, _ in ends if abs(x1 - x) <= EDGE_SLACK * h) >= MIN_EDGE_LINES:
            return x
    return None


def _centred(line: Line, left: float, right: float) -> bool:
    return abs((line.x0 - left) - (right - line.x1)) < line.height


def _continues(a: Line, b: Line, left: float, right: float) -> bool:
    h = a.height
    if b.top < a.top or b.top - a.bottom > 0.8 * h:
        return False
    first = b.words[0]
    if a.x1 + 0.3 * h + (first.x1 - first.x0) < right - 0.1 * h:
        return False  # B's first word would have fitted: A ended where its writer ended it
    if b.x0 > a.x0 + 0.5 * h and not (_centred(a, left, right) and _centred(b, left, right)):
        return False  # indented: a new paragraph (centred title lines are not indented)
    if RULE_TAIL.search(a.text) or ARTICLE_HEADING.match(b.text):
        return False  # a rule typed as text (``-------``) closes a header block; an article opens one
    return not (a.text.endswith(CLOSES) and STARTS_UNIT.match(b.text))


def glue(text: str, more: str) -> str:
    """Join a wrapped line to the next: a space, none after a code's hyphen (``57-`` + ``NQ/TW``)."""
    last = text.rsplit(" ", 1)[-1]
    if last.endswith("-") and last[:-1][-1:].isalnum() and more[:1].isalnum():
        return text + more
    return f"{text} {more}"


def _stable_by_region(out: list[OutLine]) -> list[OutLine]:
    """Put each table among the text lines at its place, keeping the text lines' own order."""
    text = [o for o in out if o.table is None]
    tables = sorted((o for o in out if o.table is not None), key=lambda o: o.top)
    merged: list[OutLine] = []
    for line in text:
        while tables and tables[0].top <= line.top:
            merged.append(tables.pop(0))
        merged.append(line)
    merged.extend(tables)
    return merged


def page_number(text: str) -> bool:
    """``2``, ``- 2 -``, ``(2)``, ``Trang 2``, ``2/21``, ``Trang 2/21``."""
    return bool(PAGE_NUMBER.match(text.strip()))


def _edge_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def mark_running_furniture(pages: list[PageText]) -> None:
    """Take page numbers and running headers/footers out of each page's lines (in place)."""

    def edges(page: PageText) -> list[tuple[str, OutLine]]:
        found = []
        text = [o for o in page.lines if o.table is None]
        if text and text[0].top <= MARGIN_ZONE * page.height:
            found.append(("header", text[0]))
        if text and text[-1].bottom >= (1 - MARGIN_ZONE) * page.height and (not found or len(text) > 1):
            found.append(("footer", text[-1]))
        return found

    counts: Counter[tuple[str, str]] = Counter()
    for page in pages:
        for position, line in edges(page):
            counts[(position, _edge_key(line.text))] += 1
    needed = max(2, (len(pages) + 1) // 2)
    for page in pages:
        for position, line in edges(page):
            if page_number(line.text) or counts[(position, _edge_key(line.text))] >= needed:
                page.furniture.append((position, line.text))
                page.lines.remove(line)


# --------------------------------------------------------------------------- the whole text


@dataclass(frozen=True, slots=True)
class PageSpan:
    """Where a page's lines are in the text (1-based, inclusive; None for a page with no text)."""

    page: int
    start_line: int | None
    end_line: int | None
    furniture: tuple[tuple[str, str], ...] = ()


def assemble(pages: list[PageText]) -> tuple[list[str], list[PageSpan], list[tuple[int, float]]]:
    """The text lines of all pages, each page's line range, and (line, confidence) for OCR'd lines.

    A ruled table becomes pipe lines (``html_reader.render_table``). A table that starts a page
    right after a table that ended the page before, with as many columns, continues it: its rows
    follow without a new header, and a first row repeating the header is dropped."""
    from ..html_reader import render_table

    lines: list[str] = []
    spans: list[PageSpan] = []
    confidences: list[tuple[int, float]] = []
    open_header: list[str] | None = None
    last_row: list[str] = []
    open_text: OutLine | None = None
    for number, page in enumerate(pages, start=1):
        start = len(lines) + 1
        for index, item in enumerate(page.lines):
            if item.table is None:
                if index == 0 and open_text is not None and not item.fresh and lines:
                    lines[-1] = glue(lines[-1], item.text)  # a paragraph going on over the page break
                    start = len(lines) + 1
                else:
                    lines.append(item.text)
                if item.conf is not None:
                    confidences.append((len(lines), item.conf))
                open_header = None
                open_text = item if item.open_end else None
                continue
            open_text = None
            rows = item.table.rows
            if open_header is not None and index == 0 and len(rows[0]) == len(open_header):
                if _same_row(rows[0], open_header):
                    rows = rows[1:]
                if rows and not rows[0][0].strip() and last_row:
                    # the row the page break cut in two: its cells go on in the row above
                    last_row = [join_cell(a, b) for a, b in zip(last_row, rows[0], strict=True)]
                    lines[-1] = render_table([open_header, last_row])[2]
                    rows = rows[1:]
                lines.extend(render_table([open_header, *rows])[2:])
                last_row = rows[-1] if rows else last_row
                continue
            rendered = render_table(rows)
            lines.extend(rendered)
            open_header = rows[0] if rendered and rendered[0].startswith("|") else None
            last_row = rows[-1] if len(rows) > 1 else []
        if page.lines and page.lines[-1].table is None:
            open_header = None
        end = len(lines)
        spans.append(
            PageSpan(
                number, start if end >= start else None, end if end >= start else None, tuple(page.furniture)
            )
        )
    return lines, spans, confidences


def _same_row(a: list[str], b: list[str]) -> bool:
    return [" ".join(c.split()) for c in a] == [" ".join(c.split()) for c in b]
