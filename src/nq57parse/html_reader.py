"""HTML reader: a page saved from a legal portal (bytes) → plain text with its line structure.

In: the bytes of an ``.html`` / ``.htm`` file. Out: ``(text, charset)``; the text is what the read
stage hands to the normaliser, so line numbers downstream refer to this extracted text.

- The charset comes from a BOM, else ``<meta charset>`` / ``http-equiv`` in the first 4 KB, else
  UTF-8, else the single-byte Vietnamese codes of ``legacy.decode_single_byte``.
- Block elements (``p``, ``div``, ``h1``–``h6``, ``li``, ``br``, …) end lines; other whitespace runs
  collapse to one space, as a browser shows them (``pre`` keeps its lines); entities are decoded.
- ``script``, ``style``, ``head``, ``nav``, ``aside``, forms, and page ``header``/``footer`` (outside
  ``article``/``main``) or anything with an ARIA navigation/banner/contentinfo role are dropped.
- Every data ``<table>`` becomes Markdown pipe lines, the team's table model read by
  ``tables.split_pipe_row``: the first row, then ``|---|---|``, then one line per ``<tr>``; a line
  break inside a cell is written ``<br>``, a literal ``|`` as ``\\|``; a ``colspan`` cell is followed
  by empty cells and a ``rowspan`` cell leaves empty cells below it, so every row has the table's
  width. A small layout table (the two-column header, the signature block) gives its cells' lines
  in reading order instead (``render_table``). A table nested in a cell is flattened into that cell.

Tokens come from ``html_tokens`` (why not ``html.parser`` or an HTML5 tree builder: see there); the
whole reading is linear in the size of the page, never raises on malformed markup, and a page whose
``colspan``/``rowspan`` would expand past one cell per byte is refused (``CellBudget``).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .errors import InputError
from .html_tokens import tokens

_BLOCK = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "ul",
        "caption",
    ]
)
_DROP = frozenset(
    [
        "script",
        "style",
        "head",
        "nav",
        "aside",
        "noscript",
        "template",
        "iframe",
        "svg",
        "form",
        "button",
        "select",
        "option",
        "textarea",
        "object",
        "embed",
        "canvas",
        "map",
    ]
)
_PAGE_CHROME = frozenset({"header", "footer"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar"})
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\n\r\f]+")


def read_html(data: bytes, path: str | None) -> tuple[str, str]:
    """Decode the page and extract its text; return ``(text, charset)``."""
    markup, charset = decode_html(data, path)
    try:
        return html_to_text(markup, CellBudget(len(data))), charset
    except InputError as err:
        raise InputError(path, err.reason) from None


def decode_html(data: bytes, path: str | None) -> tuple[str, str]:
    """The page as text, and the charset name used."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.removesuffix("-sig")
            except UnicodeDecodeError:
                raise InputError(path, f"is not valid {codec.upper()} HTML") from None
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            found: str | None = codecs.lookup(name).name
        except LookupError:
            found = None
        if found and _reads_ascii(found):
            try:
                return data.decode(found), found
            except UnicodeDecodeError:
                pass
    from .legacy import decode_single_byte, utf16_without_bom

    if b"\x00" in data[:4096]:
        guess = utf16_without_bom(data)
        if guess is not None:
            return guess
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return decode_single_byte(data, path)


_ASCII_PROBE = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def _reads_ascii(codec: str) -> bool:
    """A ``<meta charset>`` is believed only for a text encoding that reads ASCII as ASCII (as the
    meta tag itself was read): not ``rot13`` or ``base64`` (no text encodings), not EBCDIC
    (``cp037``), not UTF-16/32 (a BOM says those)."""
    try:
        info = codecs.lookup(codec)
        if not getattr(info, "_is_text_encoding", True) or codec.startswith(("utf-16", "utf-32")):
            return False
        return _ASCII_PROBE.decode(codec) == _ASCII_PROBE.decode("ascii")
    except (LookupError, UnicodeDecodeError, ValueError, TypeError):
        return False


def html_to_text(markup: str, budget: CellBudget | None = None) -> str:
    """The visible text of an HTML page, one block per line, tables as pipe lines.

    ``InputError`` (without a path) when its tables expand past ``budget`` (see ``CellBudget``).
    """
    parser = _TextExtractor(budget or CellBudget(len(markup)))
    parser.feed(markup)
    return parser.result()


# --- the extractor --------------------------------------------------------------------------------


class _Sink:
    """Lines of text being built: the document, or the open cell of a table.

    The current line is kept as pieces and joined once when it ends, so a line made of many small
    pieces (``<b>x</b>`` repeated) costs time in proportion to its length.
    """

    __slots__ = ("has_text", "lines", "pieces")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pieces: list[str] = []
        self.has_text = False

    def add(self, text: str) -> None:
        self.pieces.append(text)
        self.has_text = self.has_text or not text.isspace()

    def newline(self) -> None:
        """End the current line, whatever it holds (``pre``)."""
        self.lines.append("".join(self.pieces))
        self.pieces, self.has_text = [], False

    def brk(self) -> None:
        """End the current line if it has text; a line of spaces only is emptied."""
        if self.has_text:
            self.newline()
        else:
            self.pieces = []

    def extend(self, lines: list[str]) -> None:
        """Whole lines after the current one (which ends first if it has text)."""
        self.brk()
        self.lines.extend(lines)

    def finish(self) -> list[str]:
        if self.pieces:
            self.newline()
        return self.lines


class CellBudget:
    """How many table cells a page may expand to: ``colspan``/``rowspan`` (``gridSpan``/``vMerge``
    in Word) fill cells that are not in the file, so a few bytes could ask for millions of them.

    The limit is one cell per byte of the input (every real cell takes more than one byte of
    markup) and never under ``minimum``; a page over it is refused with one line.
    """

    def __init__(self, input_size: int, minimum: int = 200_000) -> None:
        self.limit = max(minimum, input_size)
        self.used = 0

    def spend(self, cells: int) -> None:
        self.used += cells
        if self.used > self.limit:
            raise InputError(
                None,
                f"its tables expand to over {self.limit:,} cells (colspan/rowspan or merged cells "
                "far larger than the file)",
            )


@dataclass
class _Table:
    budget: CellBudget
    rows: list[list[tuple[str, int, int]]] = field(default_factory=list)  # (text, colspan, rowspan)
    cell: _Sink | None = None  # lines of the open cell
    span: tuple[int, int] = (1, 1)
    in_row: bool = False

    def open_row(self) -> None:
        self.close_row()
        self.rows.append([])
        self.in_row = True

    def close_row(self) -> None:
        self.close_cell()
        self.in_row = False

    def open_cell(self, colspan: int, rowspan: int) -> None:
        self.close_cell()
        if not self.in_row:
            self.open_row()
        self.cell = _Sink()
        self.span = (colspan, rowspan)

    def close_cell(self) -> None:
        if self.cell is None:
            return
        lines = (_SPACES.sub(" ", x).strip() for x in self.cell.finish())
        self.rows[-1].append(("\n".join(line for line in lines if line), *self.span))
        self.cell = None

    def render(self) -> list[str]:
        """Pipe lines: header, separator, body; spans filled with empty cells."""
        self.close_row()
        grid: list[list[str]] = []
        pending: dict[int, int] = {}  # column → rows still covered by a rowspan above
        for row in self.rows:
            out: list[str] = []
            cells = iter(row)
            col = 0
            while True:
                if pending.get(col, 0) > 0:
                    pending[col] -= 1
                    out.append("")
                    col += 1
                    continue
                cell = next(cells, None)
                if cell is None:
                    break
                text, colspan, rowspan = cell
                self.budget.spend(colspan)
                for k in range(colspan):
                    out.append(text if k == 0 else "")
                    if rowspan > 1:
                        pending[col] = rowspan - 1
                    col += 1
            self.budget.spend(len(out))
            if any(c.strip() for c in out):
                grid.append(out)
        return render_table(grid)

    def flatten(self) -> list[str]:
        """A nested table's rows as lines of plain text (cells separated by spaces)."""
        self.close_row()
        return [" ".join(c[0].replace("\n", " ") for c in row if c[0]) for row in self.rows if row]


def render_table(grid: list[list[str]]) -> list[str]:
    """Lines for a table given as rows of cell texts (``\\n`` = a line break inside a cell).

    A data table (its first row names two or more known columns, ``data/table_columns.yaml``), or
    any table wider than three columns, becomes pipe lines: the first row, ``|---|…|``, then one line
    per row, every row padded to the table's width. A small layout table (the two-column header
    ``BỘ Y TẾ | CỘNG HÒA …``, the ``Nơi nhận | KT. BỘ TRƯỞNG`` signature table) is read the way a
    plain-text copy shows it: row by row, each cell's lines in turn, left to right.
    """
    grid = [row for row in grid if any(c.strip() for c in row)]
    if not grid:
        return []
    width = max(len(r) for r in grid)
    if width <= 3 and not _names_columns(grid[0]):
        return [line for row in grid for cell in row for line in cell.split("\n") if line.strip()]
    lines = []
    for n, row in enumerate(grid):
        row = row + [""] * (width - len(row))
        lines.append("| " + " | ".join(_cell_markup(c) for c in row) + " |")
        if n == 0:
            lines.append("|" + "---|" * width)
    return lines


def _names_columns(cells: list[str]) -> bool:
    from .tables import column_key

    return sum(1 for c in cells if column_key(c.replace("\n", " "))) >= 2


def _cell_markup(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _span(attrs: Sequence[tuple[str, str | None]], name: str) -> int:
    for key, value in attrs:
        if key == name and value:
            digits = re.match(r"\s*(\d{1,7})", value)  # 10**5 digits would be too many for int()
            if digits:
                return max(1, min(int(digits.group(1)), 1000))
    return 1


class _TextExtractor:
    """Receives the tokens of ``html_tokens`` and builds the lines (see the module docstring)."""

    def __init__(self, budget: CellBudget) -> None:
        self.doc = _Sink()
        self.tables: list[_Table] = []
        self.skip: list[str] = []  # open elements whose content is dropped
        self.skip_open: dict[str, int] = {}  # how many of each are in ``skip``
        self.content_depth = 0  # open article/main elements
        self.pre = 0
        self.budget = budget

    def feed(self, markup: str) -> None:
        for kind, name, attrs, self_closing in tokens(markup):
            if kind == "text":
                self.handle_data(name)
            elif kind == "end":
                self.handle_endtag(name)
            else:
                self.handle_starttag(name, attrs)
                if self_closing and name not in _VOID:
                    self.handle_endtag(name)

    # where text goes: the open cell of the innermost table, else the document lines
    def _target(self) -> _Sink:
        if self.tables and self.tables[-1].cell is not None:
            return self.tables[-1].cell
        return self.doc

    def _skip(self, tag: str) -> None:
        self.skip.append(tag)
        self.skip_open[tag] = self.skip_open.get(tag, 0) + 1

    def handle_starttag(self, tag: str, attrs: tuple[tuple[str, str], ...]) -> None:
        if self.skip:
            if tag not in _VOID:
                self._skip(tag)
            return
        role = next((v for k, v in attrs if k == "role"), None) or ""
        dropped = tag in _DROP or role.lower() in _CHROME_ROLES
        if tag in _PAGE_CHROME and self.content_depth == 0:
            dropped = True
        if dropped and tag not in _VOID:
            self._skip(tag)
            return
        if tag in ("article", "main"):
            self.content_depth += 1
        if tag == "table":
            if not self.tables or self.tables[-1].cell is not None:
                self._target().brk()
            self.tables.append(_Table(self.budget))
        elif tag == "tr" and self.tables:
            self.tables[-1].open_row()
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].open_cell(_span(attrs, "colspan"), _span(attrs, "rowspan"))
        elif tag == "br" or tag in _BLOCK:
            self._target().brk()
        if tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if self.skip_open.get(tag):
                while self.skip:
                    popped = self.skip.pop()
                    self.skip_open[popped] -= 1
                    if popped == tag:
                        break
            return
        if tag in ("article", "main") and self.content_depth:
            self.content_depth -= 1
        if tag == "table" and self.tables:
            table = self.tables.pop()
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.extend(table.flatten())
            else:
                self.doc.extend(table.render())
        elif tag == "tr" and self.tables:
            self.tables[-1].close_row()
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].close_cell()
        elif tag in _BLOCK:
            self._target().brk()
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.tables and self.tables[-1].cell is None:
            return  # text between cells (indentation) is not content
        target = self._target()
        if self.pre and target is self.doc:
            first, *rest = data.split("\n")
            target.add(first)
            for line in rest:
                target.newline()
                target.add(line)
            return
        target.add(_SPACES.sub(" ", data))

    def result(self) -> str:
        while self.tables:
            table = self.tables.pop()
            self.doc.extend(table.render())
        out: list[str] = []
        for line in self.doc.finish():
            line = line if line.startswith("| ") else _SPACES.sub(" ", line).strip()
            if line or (out and out[-1]):
                out.append(line)
        while out and not out[-1]:
            out.pop()
        return "\n".join(out) + "\n" if out else ""
