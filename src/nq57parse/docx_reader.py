"""DOCX reader: a Word document (bytes) → plain text, paragraphs and tables in document order.

In: the bytes of a ``.docx`` file. Out: ``(text, repairs)``; line numbers downstream refer to this
extracted text. python-docx is a normal dependency (a ``.docx`` never needs an extra); should it be
missing all the same, or for a file that is not a valid .docx, an ``InputError`` with a one-line
reason (exit 2).

- Each body paragraph is one line (a manual line break inside it starts a new line; tabs stay).
- Each data table becomes Markdown pipe lines (the team's table model, see
  ``html_reader.render_table``): first row, ``|---|…|``, then one line per row; the paragraphs of a
  cell are joined with ``<br>``; a cell merged across columns is followed by empty cells, and the
  rows under a vertically merged cell get an empty cell, so every row has the table's width. A small
  layout table (the two-column header) gives its cells' lines in reading order. A table nested in a
  cell is flattened into it.
- Runs in a legacy Vietnamese font are converted by font name: ``.Vn…`` fonts are TCVN3 (``…H``
  fonts upper-case), ``VNI-…`` fonts are VNI; each conversion is named in the repairs.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from . import legacy
from .errors import InputError
from .html_reader import render_table


def read_docx(data: bytes, path: str | None) -> tuple[str, tuple[str, ...]]:
    """Extract the text of a .docx; return ``(text, repairs)``."""
    try:
        import docx
    except ImportError:
        raise InputError(
            path,
            "reading .docx needs python-docx, a dependency of nq57parse missing here: pip install python-docx",
        ) from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(path, "is not a valid .docx file (not a zip archive)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for broken packages
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(path, f"is not a valid .docx file ({reason})") from None
    extractor = _Extractor(document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        lines.extend(extractor.block_lines(block))
    text = "\n".join(lines) + "\n" if lines else ""
    return text, tuple(sorted(extractor.repairs))


class _Extractor:
    def __init__(self, document: Any) -> None:
        self.repairs: set[str] = set()
        self.default_font = _style_font(document.styles.default(_paragraph_style_type()))

    def block_lines(self, block: Any) -> list[str]:
        from docx.table import Table

        if isinstance(block, Table):
            return self.table_lines(block)
        return self.paragraph_text(block).split("\n")

    def paragraph_text(self, paragraph: Any) -> str:
        style_font = _style_font(paragraph.style) or self.default_font
        parts = []
        for run in paragraph.runs:
            font = run.font.name or _style_font(run.style) or style_font
            parts.append(self._convert(run.text, font))
        if not paragraph.runs:
            return self._convert(paragraph.text, style_font)
        return "".join(parts)

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
        for block in cell.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    parts.append(" ".join(self.cell_text(c).replace("\n", " ") for c in _unique(row.cells)))
            else:
                parts.extend(self.paragraph_text(block).split("\n"))
        return "\n".join(p.strip() for p in parts if p.strip())

    def table_lines(self, table: Any) -> list[str]:
        grid: list[list[str]] = []
        above: list[Any] = []
        for row in table.rows:
            cells = list(row.cells)
            out = []
            for j, cell in enumerate(cells):
                merged_left = j > 0 and cells[j - 1]._tc is cell._tc
                merged_up = j < len(above) and above[j]._tc is cell._tc
                out.append("" if merged_left or merged_up else self.cell_text(cell))
            above = cells
            if any(out):
                grid.append(out)
        return render_table(grid)


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


def _unique(cells: list[Any]) -> list[Any]:
    seen: list[Any] = []
    for cell in cells:
        if not any(cell._tc is s._tc for s in seen):
            seen.append(cell)
    return seen


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
