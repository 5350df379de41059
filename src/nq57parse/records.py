"""Flat records for data engineers: one dict per citation, appendix row or legal basis.

In: a ``Document``, or a path (``str`` or ``Path``) to parse. Out: lists of flat dicts whose keys are
the columns of the CSV the command line writes (``cite --format csv``, ``table --format csv``), so a
DataFrame built from them and one read from the CSV have the same columns::

    import pandas as pd
    from nq57parse import records

    pd.DataFrame(records.citations("quyet-dinh.txt"))
    pd.DataFrame(records.rows("quyet-dinh.txt"))          # appendix task rows, deadlines normalised
    pd.DataFrame(records.legal_bases("quyet-dinh.txt"))

Values are plain (str, int, bool, None); a row's cells are columns of their own.
"""

from __future__ import annotations

import os
from typing import Any

# `cite --format csv` columns
CITATION_FIELDS = (
    "file",
    "line",
    "start",
    "end",
    "form",
    "doc_type",
    "number",
    "date",
    "issuer",
    "subject",
    "target",
    "version",
    "version_basis",
    "relation",
    "language",
    "self_reference",
    "text",
)
LEGAL_BASIS_FIELDS = ("file", "line", "end_line", "kind", "targets", "text")


def _document(source: Any) -> Any:
    from .models import Document

    if isinstance(source, Document):
        return source
    from .pipeline import parse_file

    return parse_file(os.fspath(source))


def _file(doc: Any, file: str | None) -> str | None:
    return file if file is not None else doc.source.path


def citations(source: Any, file: str | None = None) -> list[dict]:
    """One record per citation: ``CITATION_FIELDS`` (``file`` is the document's path unless given)."""
    doc = _document(source)
    where = _file(doc, file)
    return [
        {"file": where, **{k: c.model_dump(mode="json").get(k) for k in CITATION_FIELDS if k != "file"}}
        for c in doc.citations
    ]


def row_fields(appendices: list) -> list[str]:
    """The columns of ``rows``: ``appendix`` (several tables only), ``tt, group, parent``, the tables'
    own cell columns, then ``deadline_kind, deadline_start, deadline_end``."""
    keys: list[str] = []
    for appendix in appendices:
        for column in appendix.columns:
            if column.key != "tt" and column.key not in keys:
                keys.append(column.key)
    several = len(appendices) > 1
    first = ["appendix"] if several else []
    return [*first, "tt", "group", "parent", *keys, "deadline_kind", "deadline_start", "deadline_end"]


def table_records(appendices: list) -> list[dict]:
    """The task rows of these appendix tables, as ``rows`` gives them."""
    fields = row_fields(appendices)
    keys = [
        f for f in fields if f not in ("appendix", "tt", "group", "parent") and not f.startswith("deadline_")
    ]
    several = "appendix" in fields
    out = []
    for number, appendix in enumerate(appendices, start=1):
        for row in appendix.rows:
            record: dict[str, Any] = {"appendix": number} if several else {}
            record.update({"tt": row.tt, "group": row.group or "", "parent": row.parent or ""})
            record.update({k: row.cells.get(k, "") for k in keys})
            deadline = row.deadline
            record["deadline_kind"] = deadline.kind if deadline else ""
            record["deadline_start"] = (deadline.start or "") if deadline else ""
            record["deadline_end"] = (deadline.end or "") if deadline else ""
            out.append(record)
    return out


def rows(source: Any) -> list[dict]:
    """One record per appendix task row, the columns of ``table --format csv``."""
    doc = _document(source)
    return table_records([a for a in doc.appendices if a.rows])


def legal_bases(source: Any, file: str | None = None) -> list[dict]:
    """One record per legal basis: ``LEGAL_BASIS_FIELDS``; ``targets`` the canonical numbers it cites,
    ``; ``-separated."""
    from .views.common import basis_targets

    doc = _document(source)
    where = _file(doc, file)
    return [
        {
            "file": where,
            "line": basis.line,
            "end_line": basis.end_line,
            "kind": basis.kind,
            "targets": "; ".join(targets),
            "text": basis.text,
        }
        for basis, targets in zip(doc.legal_bases, basis_targets(doc), strict=True)
    ]
