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

Stdlib ``html.parser`` only: it never raises on malformed markup and runs in linear time.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .errors import InputError

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
    return html_to_text(markup), charset


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
        if found and found not in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                return data.decode(found), found
            except UnicodeDecodeError:
                pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        from .legacy import decode_single_byte

        return decode_single_byte(data, path)


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, one block per line, tables as pipe lines."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return parser.result()


# --- the extractor --------------------------------------------------------------------------------


@dataclass
class _Table:
    rows: list[list[tuple[str, int, int]]] = field(default_factory=list)  # (text, colspan, rowspan)
    cell: list[str] | None = None  # lines of the open cell
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
        self.cell = [""]
        self.span = (colspan, rowspan)

    def close_cell(self) -> None:
        if self.cell is None:
            return
        text = "\n".join(line for line in (_SPACES.sub(" ", x).strip() for x in self.cell) if line)
        self.rows[-1].append((text, *self.span))
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
                for k in range(colspan):
                    out.append(text if k == 0 else "")
                    if rowspan > 1:
                        pending[col] = rowspan - 1
                    col += 1
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


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    for key, value in attrs:
        if key == name and value:
            digits = re.match(r"\s*(\d+)", value)
            if digits:
                return max(1, min(int(digits.group(1)), 1000))
    return 1


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.tables: list[_Table] = []
        self.skip: list[str] = []  # open elements whose content is dropped
        self.content_depth = 0  # open article/main elements
        self.pre = 0

    # where text goes: the open cell of the innermost table, else the document lines
    def _target(self) -> list[str]:
        if self.tables and self.tables[-1].cell is not None:
            return self.tables[-1].cell
        return self.lines

    def _break(self) -> None:
        target = self._target()
        if target[-1].strip():
            target.append("")
        else:
            target[-1] = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        role = next((v for k, v in attrs if k == "role"), None) or ""
        dropped = tag in _DROP or role.lower() in _CHROME_ROLES
        if tag in _PAGE_CHROME and self.content_depth == 0:
            dropped = True
        if dropped and tag not in _VOID:
            self.skip.append(tag)
            return
        if tag in ("article", "main"):
            self.content_depth += 1
        if tag == "table":
            if not self.tables or self.tables[-1].cell is not None:
                self._break()
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self.tables[-1].open_row()
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].open_cell(_span(attrs, "colspan"), _span(attrs, "rowspan"))
        elif tag == "br" or tag in _BLOCK:
            self._break()
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in ("article", "main") and self.content_depth:
            self.content_depth -= 1
        if tag == "table" and self.tables:
            table = self.tables.pop()
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.extend(table.flatten())
                self.tables[-1].cell.append("")
            else:
                self._break()
                self.lines[-1:] = [*table.render(), ""]
        elif tag == "tr" and self.tables:
            self.tables[-1].close_row()
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].close_cell()
        elif tag in _BLOCK:
            self._break()
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.tables and self.tables[-1].cell is None:
            return  # text between cells (indentation) is not content
        target = self._target()
        if self.pre and target is self.lines:
            first, *rest = data.split("\n")
            target[-1] += first
            target.extend(rest)
            return
        target[-1] += _SPACES.sub(" ", data)

    def result(self) -> str:
        while self.tables:
            table = self.tables.pop()
            self.lines[-1:] = [*self.lines[-1:], *table.render(), ""]
        out: list[str] = []
        for line in self.lines:
            line = line if line.startswith("| ") else _SPACES.sub(" ", line).strip()
            if line or (out and out[-1]):
                out.append(line)
        while out and not out[-1]:
            out.pop()
        return "\n".join(out) + "\n" if out else ""
