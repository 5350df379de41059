"""Site furniture: which pieces of a copy are the website's, the crawler's or the gazette's, not the document's.

In: the clean-view pieces (``list[Piece]``). Out: ``Furniture``, the indexes of the pieces that are
furniture and the facts a page dump's metadata table states (``Số hiệu``, ``Loại văn bản``, ``Nơi ban
hành``, ``Người ký``, ``Ngày ban hành``).

The segmenter passes furniture over (the zones are decided without it) and the build stage keeps it
as ``boilerplate`` blocks; the citation stage takes nothing from it. The metadata table is evidence,
not a source: the build stage compares it with what the text says (NQ110) and never takes it instead.
The rules are data (``data/furniture.yaml``): patterns for pieces that are furniture wherever they
stand, the metadata table's labels, and the pieces that open a site footer (all after them is
furniture).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from .cleanview import Piece
from .datafiles import data_file


@dataclass
class Furniture:
    indexes: set[int] = field(default_factory=set)
    metadata: dict[str, tuple[str, int]] = field(default_factory=dict)  # fact → (value, line)


@cache
def table() -> dict:
    """The rows of ``data/furniture.yaml``."""
    return data_file("furniture.yaml")


@cache
def _pattern(key: str) -> re.Pattern[str]:
    rows = table()[key]
    return re.compile("|".join(f"(?:{row['pattern']})" for row in rows), re.IGNORECASE)


@cache
def _labels() -> tuple[re.Pattern[str], dict[str, str | None]]:
    rows = table()["metadata_labels"]
    names = "|".join(re.escape(row["label"]) for row in sorted(rows, key=lambda r: -len(r["label"])))
    facts = {row["label"].casefold(): row["fact"] for row in rows}
    return re.compile(rf"^({names})\s*:\s*(.*)$", re.IGNORECASE), facts


def is_furniture(text: str) -> bool:
    """A piece that is furniture wherever it stands (a gazette banner, a signing stamp …)."""
    return bool(_pattern("pieces").match(text))


def opens_footer(text: str) -> bool:
    return bool(_pattern("footer_starts").match(text))


def metadata_label(text: str) -> tuple[str | None, str] | None:
    """``(fact, value)`` of a metadata-table label piece (``Số hiệu: 388/NQ-CP`` → ``("number", …)``)."""
    if ":" not in text:  # every label is followed by its colon (most pieces hold none: not matched)
        return None
    m = _labels()[0].match(text)
    if m is None:
        return None
    return _labels()[1][m.group(1).casefold()], m.group(2).strip()


def piece_label(piece: Piece) -> tuple[str | None, str] | None:
    """``metadata_label`` of a piece: its text, or, for a table row of two cells (the metadata table of
    a page dump converted to Markdown, ``| Số hiệu | 348/KH-UBND |``), its label cell and value cell."""
    if len(piece.cells) == 2:
        label, value = piece.cells
        return metadata_label(f"{label.strip().rstrip(':')}: {value}")
    return metadata_label(piece.text)


def find_furniture(pieces: Sequence[Piece]) -> Furniture:
    """Mark the furniture among the pieces (see the module docstring)."""
    found = Furniture()
    count = len(pieces)
    k = _front_matter_end(pieces)
    found.indexes.update(range(k))
    while k < count:
        text = pieces[k].text
        label = piece_label(pieces[k])
        if label is not None and _in_table(pieces, k):
            found.indexes.add(k)
            fact, value = label
            if not value and k + 1 < count and piece_label(pieces[k + 1]) is None:
                k += 1
                found.indexes.add(k)
                value = pieces[k].text
            if fact and value and fact not in found.metadata:
                found.metadata[fact] = (value, pieces[k].line)
        elif is_furniture(text):
            found.indexes.add(k)
        elif k > count // 3 and opens_footer(text):
            found.indexes.update(range(k, count))
            break
        k += 1
    return found


def _in_table(pieces: Sequence[Piece], k: int) -> bool:
    """A label is read as the metadata table's only next to another label (within four pieces)."""
    nearby = range(max(0, k - 4), min(len(pieces), k + 5))
    return any(j != k and piece_label(pieces[j]) is not None for j in nearby)


def _front_matter_end(pieces: Sequence[Piece]) -> int:
    """A YAML front matter block at the top (``---`` … ``---``): how many pieces it takes, or 0."""
    if not pieces or pieces[0].line != 1 or pieces[0].text != "---":
        return 0
    for k in range(1, min(len(pieces), 80)):
        if pieces[k].text in ("---", "..."):
            return k + 1
    return 0
