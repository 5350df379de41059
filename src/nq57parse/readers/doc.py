"""Word 97–2003 reader: the bytes of a ``.doc`` (an OLE2 compound file) → text, by ``antiword``.

In: the bytes of an OLE2 file. Out: the document's text, one paragraph a line; ``InputError`` when
antiword (Debian package ``antiword``) is not installed or cannot read the file (an Excel ``.xls``
is OLE2 too).

antiword is run as ``antiword -m UTF-8.txt -w 0 FILE`` (UTF-8 out, no wrapping). It prints a table
as lines of ``|cell|cell|``, each cell's text wrapped inside a fixed-width column over several
lines. ``table_lines`` rebuilds them: a data table (four or more columns, or a header row naming
known columns) gives one pipe row per table row (a line whose first cell is not empty starts a
row; the lines under it continue its cells, joined by a space where antiword wrapped the text, by
a line break where a new paragraph began), written by ``html_reader.render_table``; a small
layout table (the two-column header, the ``Nơi nhận | signature`` block) is read in the same
reading order as a PDF's (``layout.reading_order``: each band's left column, then its right).
Text in a legacy Vietnamese font (TCVN3, VNI) comes out as Latin-1 letters; the read stage's
legacy detection converts it like any other text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from ..errors import InputError
from .layout import Box, group_lines, reading_order

TIMEOUT = 120.0
INSTALL = "apt-get install antiword"


def read_doc(data: bytes, path: str | None) -> str:
    """The text of a Word 97–2003 document."""
    exe = shutil.which("antiword")
    if exe is None:
        raise InputError(path, f"is a Word 97–2003 document (.doc); reading it needs antiword ({INSTALL})")
    fd, tmp = tempfile.mkstemp(suffix=".doc")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        done = subprocess.run([exe, "-m", "UTF-8.txt", "-w", "0", tmp], capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise InputError(path, f"antiword took more than {TIMEOUT:g} s") from None
    finally:
        os.unlink(tmp)
    if done.returncode != 0 or not done.stdout.strip():
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        why = said[-1].strip() if said else f"exit {done.returncode}"
        raise InputError(path, f"is an OLE2 file that antiword cannot read as a Word document ({why})")
    return "\n".join(rebuild(done.stdout.decode("utf-8", "replace").splitlines())) + "\n"


def rebuild(lines: list[str]) -> list[str]:
    """antiword's lines with each run of ``|…|`` table lines rebuilt (see the module docstring)."""
    out: list[str] = []
    run: list[list[str]] = []
    for line in [*lines, ""]:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            run.append(stripped[1:-1].split("|"))  # cells padded to their column's width
            continue
        if run:
            out.extend(table_lines(run))
            run = []
        if stripped:
            out.append(stripped)
    return out


def table_lines(run: list[list[str]]) -> list[str]:
    """One antiword table (its lines split into cells) → text lines."""
    from ..html_reader import _names_columns, render_table

    widths = [len(c) for c in max(run, key=len)]
    run = [[c.strip() for c in cells] for cells in run]
    if len(widths) >= 4 or _names_columns(run[0]):
        return render_table(_rows(run, widths))
    # a layout table: cells as boxes on a grid (line i, column j), read like a page
    boxes = [
        Box(text, 100.0 * j, 10.0 * i, 100.0 * j + 50.0, 10.0 * i + 8.0)
        for i, cells in enumerate(run)
        for j, text in enumerate(cells)
        if text
    ]
    return [line.text for line in reading_order(group_lines(boxes))]


def _rows(run: list[list[str]], widths: list[int]) -> list[list[str]]:
    """Table rows from antiword's lines: a line under a row continues its cells, each piece joined
    by a space where antiword wrapped it (its first word did not fit on the line above, in the
    column's width), else by a line break (a new paragraph in the cell, or a bullet)."""
    rows: list[list[str]] = []
    above: list[str] = []  # each column's last line
    for cells in run:
        if not rows or cells[0]:
            rows.append(list(cells))
            above = list(cells)
            continue
        row = rows[-1]
        for j, text in enumerate(cells):
            if not text:
                continue
            if j >= len(row):
                row.extend([""] * (j + 1 - len(row)))
                above.extend([""] * (j + 1 - len(above)))
            width = widths[j] if j < len(widths) else 0
            wrapped = len(above[j]) + 1 + len(text.split(" ", 1)[0]) > width
            joiner = "\n" if text.startswith(("-", "+", "•")) or not wrapped else " "
            row[j] = f"{row[j]}{joiner}{text}" if row[j] else text
            above[j] = text
    return rows
