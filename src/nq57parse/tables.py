"""Stage 6, tables: rebuild an appendix's flattened table into rows (the appendix-table issue).

In: an ``Appendix`` whose ``lines`` hold the appendix body lines (after title, heading and note).
Out: the same appendix with ``columns``, ``groups`` and ``rows`` filled and ``lines`` reduced to the
lines no row or group took, plus diagnostics.

Placeholder until that issue lands: every body line stays in ``lines``.
"""

from __future__ import annotations

from .models import Appendix, Diagnostic


def rebuild_appendix(appendix: Appendix) -> tuple[Appendix, list[Diagnostic]]:
    """Return the appendix unchanged (placeholder)."""
    return appendix, []
