"""Cells for spreadsheet output: text that a spreadsheet would run as a formula is written as text.

In: one CSV row (a mapping of field → value). Out: the same row with every text value that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return prefixed with ``'`` (the OWASP rule
against CSV injection: ``=HYPERLINK(…)``, ``@SUM(…)``, ``-2+3+cmd|…``), unless it is a plain number
(``-5``, ``+84``, ``-1.5``), which cannot run. Spreadsheets show the ``'`` as nothing, and a reader
of the CSV as text can strip it. ``table --format csv`` and ``cite --format csv`` write through it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet will not run it (non-text values are returned as they are)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Every value of a CSV row through ``safe_cell``."""
    return {key: safe_cell(value) for key, value in row.items()}
