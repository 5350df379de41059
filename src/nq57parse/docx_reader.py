"""DOCX reader: a Word document (bytes) → plain text, paragraphs and tables in document order.

In: the bytes of a ``.docx`` file. Out: ``(text, repairs)``; line numbers downstream refer to this
extracted text. Needs the optional extra ``docx`` (python-docx); without it, or for a file that is
not a valid .docx, an ``InputError`` with a one-line reason (exit 2).

- Each body paragraph is one line (a manual line break inside it starts a new line; tabs stay).
- Each data table becomes Markdown pipe lines (the team's table model, see
  ``html_reader.render_table``): first row, ``|---|…|``, then one line per row; the paragraphs of a
  cell are joined with ``<br>``; a cell merged across columns is followed by empty cells, and the
  rows under a vertically merged cell get an empty cell, so every row has the table's width. A small
  layout table (the two-column header) gives its cells' lines in reading order. A table nested in a
  cell is flattened into it.
- Runs in a legacy Vietnamese font are converted by font name: ``.Vn…`` fonts are TCVN3 (``…H``
  fonts upper-case), ``VNI-…`` fonts are VNI; each conversion is named in the repairs.

Bounded on hostile files: the parts may unpack to no more than ``--max-bytes`` in all (a zip bomb is
refused before anything is unpacked), merged cells count against ``html_reader.CellBudget``, and
python-docx opens the package but the walk over paragraphs, runs and cells reads the XML children
itself, in linear time (python-docx's XPath unions are sorted by libxml2: quadratic in the number of
siblings).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from . import legacy
from .errors import InputError
from .html_reader import CellBudget, render_table

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_DOCUMENT = f"{{{_W}}}document"


MAX_PARTS = 10_000
_DEFAULT_MAX_UNPACKED = 50 * 1024 * 1024


def read_docx(
    data: bytes, path: str | None, max_unpacked: int = _DEFAULT_MAX_UNPACKED
) -> tuple[str, tuple[str, ...]]:
    """Extract the text of a .docx; return ``(text, repairs)``.

    Refused with one line (``InputError``): no python-docx; not a zip; a zip whose parts unpack to
    more than ``max_unpacked`` bytes in all (``--max-bytes`` counts what is read, not what is
    stored: a 50 KB file can hold gigabytes of zeros) or hold more than ``MAX_PARTS`` parts; a
    package python-docx cannot open or whose main part is not a ``w:document``; tables whose merged
    cells expand past the ``html_reader.CellBudget`` of the unpacked size.
    """
    try:
        import docx
    except ImportError:
        raise InputError(path, "reading .docx needs python-docx: pip install 'nq57parse[docx]'") from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(path, "is not a valid .docx file (not a zip archive)")
    unpacked = check_unpacked_size(data, path, max_unpacked)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for broken packages
        raise InputError(path, f"is not a valid .docx file ({_reason(exc)})") from None
    try:
        extractor = _Extractor(document, CellBudget(unpacked))
        lines: list[str] = []
        for block in _blocks(document.element.body, document._body):
            lines.extend(extractor.block_lines(block))
    except InputError as err:
        raise InputError(path, err.reason) from None
    except RecursionError:
        raise InputError(path, "is not a readable .docx file (tables nested too deeply)") from None
    except Exception as exc:  # a part that python-docx opened but cannot walk
        raise InputError(path, f"is not a readable .docx file ({_reason(exc)})") from None
    text = "\n".join(lines) + "\n" if lines else ""
    return text, tuple(sorted(extractor.repairs))


def check_unpacked_size(data: bytes, path: str | None, max_unpacked: int) -> int:
    """The total unpacked size of the archive's parts; ``InputError`` past the limits. (Reading a
    part never yields more than its declared size: ``zipfile`` stops there and checks the CRC.)"""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(path, f"is not a valid .docx file ({_reason(exc)})") from None
    if len(infos) > MAX_PARTS:
        raise InputError(path, f"is not a plausible .docx file ({len(infos):,} parts; at most {MAX_PARTS:,})")
    total = sum(info.file_size for info in infos)
    if total > max_unpacked:
        raise InputError(
            path,
            f"unpacks to {total:,} bytes, over the limit of {max_unpacked:,} (a zip bomb? see --max-bytes)",
        )
    return total


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] if text else type(exc).__name__


class _Extractor:
    def __init__(self, document: Any, budget: CellBudget) -> None:
        self.repairs: set[str] = set()
        self.budget = budget
        self._style_fonts: dict[tuple[str, str | None], str] = {}
        if document.element.tag != _W_DOCUMENT:
            raise InputError(None, "is not a valid .docx file (its main part is not a w:document)")
        self.default_font = _style_font(document.styles.default(_paragraph_style_type()))

    def block_lines(self, block: Any) -> list[str]:
        from docx.table import Table

        if isinstance(block, Table):
            return self.table_lines(block)
        return self.paragraph_text(block).split("\n")

    def paragraph_text(self, paragraph: Any) -> str:
        """The paragraph's runs (also those inside hyperlinks, insertions, content controls), each
        converted by its font. Read from the XML children: python-docx's ``run.text`` is an XPath
        union that libxml2 sorts, so one paragraph of 50,000 ``<w:br/>`` took 37 s."""
        from docx.text.run import Run

        style_font = self._style_fonts.get(("p", paragraph._p.style))
        if style_font is None:
            style_font = _style_font(paragraph.style) or self.default_font or ""
            self._style_fonts[("p", paragraph._p.style)] = style_font
        parts = []
        for r in _runs(paragraph._p):
            text = _run_text(r)
            if text:
                run = Run(r, paragraph)
                font = run.font.name or self._run_style_font(run) or style_font
                parts.append(self._convert(text, font or None))
        return "".join(parts)

    def _run_style_font(self, run: Any) -> str:
        """The font of the run's character style, looked up once per style (python-docx searches
        the styles part on every lookup)."""
        key = ("r", run._r.style)
        if key not in self._style_fonts:
            self._style_fonts[key] = _style_font(run.style) or ""
        return self._style_fonts[key]

    def _convert(self, text: str, font: str | None) -> str:
        code = legacy_font_code(font)
        if code is None or not text:
            return text
        self.repairs.add(f"{code}_to_unicode")
        converted = legacy.decode_legacy(text, code)
        if code == "tcvn3" and font and font.upper().endswith("H"):
            converted = converted.upper()
        return converted

    def cell_text(self, cell: Any) -> str:
        from docx.table import Table

        parts: list[str] = []
        for block in _blocks(cell._tc, cell):
            if isinstance(block, Table):
                for row in self.rows(block):
                    parts.append(" ".join(c.replace("\n", " ") for c in row if c))
            else:
                parts.extend(self.paragraph_text(block).split("\n"))
        return "\n".join(p.strip() for p in parts if p.strip())

    def rows(self, table: Any) -> Iterator[list[str]]:
        """Each row's cells as the grid shows them: a cell spanning ``gridSpan`` columns is followed
        by empty cells, a cell continuing a vertical merge (``vMerge``) is empty. Read from the XML
        (python-docx's ``row.cells`` walks up every merged row for every cell: quadratic, and a
        recursion per row)."""
        from docx.table import _Cell

        for tr in table._tbl.iterchildren(_w("tr")):
            out: list[str] = []
            for tc in tr.iterchildren(_w("tc")):
                span, continues = _merge(tc)
                self.budget.spend(span)
                out.append("" if continues else self.cell_text(_Cell(tc, table)))
                out.extend([""] * (span - 1))
            yield out

    def table_lines(self, table: Any) -> list[str]:
        return render_table([row for row in self.rows(table) if any(row)])


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


_R = _w("r")
_P = _w("p")
_TBL = _w("tbl")
_T = _w("t")
_BREAK = _w("br")
_BREAK_TYPE = _w("type")
_RUN_CHARACTERS = {_w("tab"): "\t", _w("ptab"): "\t", _w("cr"): "\n", _w("noBreakHyphen"): "-"}
_RUN_CONTAINERS = frozenset(
    _w(name) for name in ("hyperlink", "ins", "smartTag", "customXml", "sdt", "sdtContent", "fldSimple")
)


def _blocks(element: Any, parent: Any) -> Iterator[Any]:
    """The paragraphs and tables directly in a body or a cell, in order, as python-docx objects
    (from the children: python-docx's ``iter_inner_content`` is an XPath union that libxml2 sorts)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element:
        if child.tag == _P:
            yield Paragraph(child, parent)
        elif child.tag == _TBL:
            yield Table(child, parent)


def _merge(tc: Any) -> tuple[int, bool]:
    """A cell's ``gridSpan`` (1 to 1000) and whether it continues a vertical merge."""
    properties = tc.find(_w("tcPr"))
    if properties is None:
        return 1, False
    span, continues = 1, False
    grid_span = properties.find(_w("gridSpan"))
    if grid_span is not None:
        value = (grid_span.get(_w("val")) or "").strip()
        if value.isascii() and value.isdigit():  # a 100,000-digit number is more than int() takes
            span = 1000 if len(value) > 4 else max(1, min(int(value), 1000))
    v_merge = properties.find(_w("vMerge"))
    if v_merge is not None:
        continues = v_merge.get(_w("val"), "continue") == "continue"
    return span, continues


def _runs(element: Any) -> Iterator[Any]:
    """The ``w:r`` children of a paragraph, and those of its inline containers, in order."""
    for child in element:
        if child.tag == _R:
            yield child
        elif child.tag in _RUN_CONTAINERS:
            yield from _runs(child)


def _run_text(r: Any) -> str:
    """A run's text: ``w:t``, tabs, line breaks (a page or column break is no text), hyphens."""
    parts = []
    for child in r:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _BREAK:
            if child.get(_BREAK_TYPE) in (None, "textWrapping"):
                parts.append("\n")
        elif tag in _RUN_CHARACTERS:
            parts.append(_RUN_CHARACTERS[tag])
    return "".join(parts)


def legacy_font_code(font: str | None) -> str | None:
    """``tcvn3`` for the ABC fonts (``.VnTime``, ``.VnArialH``), ``vni`` for ``VNI-Times`` …, else None."""
    if not font:
        return None
    name = font.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith("vni-") or name.startswith("vni "):
        return "vni"
    return None


def _style_font(style: Any) -> str | None:
    while style is not None:
        name = style.font.name if hasattr(style, "font") else None
        if name:
            return name
        style = getattr(style, "base_style", None)
    return None


def _paragraph_style_type() -> Any:
    from docx.enum.style import WD_STYLE_TYPE

    return WD_STYLE_TYPE.PARAGRAPH
