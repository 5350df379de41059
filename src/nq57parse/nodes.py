"""Model nodes from units: each node owns exactly its unit's span (``line``, ``end_line``, ``start``,
``end``), so coverage can prove the output lossless. Shared by the builders of each part."""

from __future__ import annotations

from typing import TypeVar

from .models import Block, Model, maker
from .units import Unit

_N = TypeVar("_N", bound=Model)


def node(model: type[_N], u: Unit, **fields: object) -> _N:
    """A node owning exactly the unit's span (built by ``models.maker``: the builders give values of
    the field types)."""
    return maker(model)(line=u.line, end_line=u.end_line, start=u.start, end=u.end, **fields)


def block(kind: str, u: Unit, text: str | None = None) -> Block:
    """A header, preamble or closing block of kind ``kind`` (``text``: the unit's own by default)."""
    text = text if text is not None else u.text
    return maker(Block)(kind=kind, text=text, line=u.line, end_line=u.end_line, start=u.start, end=u.end)
