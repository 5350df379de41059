"""Stage 11, export: a ``Document`` (or any model / plain data) → JSON or YAML text (or AKN XML, akn/).

In: pydantic models or plain data. Out: text; YAML keeps Vietnamese readable (no escapes) and loads
to exactly the same data as the JSON.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from pydantic import BaseModel


def to_data(obj: Any) -> Any:
    """Plain JSON-able data for a model, a list of models, or data."""
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json")
    if isinstance(obj, list | tuple):
        return [to_data(o) for o in obj]
    return obj


def to_json(obj: Any, indent: int | None = 2) -> str:
    """JSON text with Unicode kept as is. A model is serialised by pydantic-core directly (the same
    text as ``json.dumps`` of its data, several times faster)."""
    if isinstance(obj, BaseModel) and indent == 2:
        return obj.model_dump_json(indent=2) + "\n"
    return json.dumps(to_data(obj), ensure_ascii=False, indent=indent) + "\n"


class _Dumper(yaml.SafeDumper):
    """Safe YAML dumper that never emits anchors/aliases (shared objects are written out)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_yaml(obj: Any) -> str:
    """YAML text, block style, Unicode readable, keys in model order."""
    return yaml.dump(to_data(obj), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)


def render(obj: Any, fmt: str) -> str:
    """``json``, ``yaml`` or ``akn`` (Akoma Ntoso XML of a ``Document``)."""
    if fmt == "akn":
        from .akn import to_akn

        return to_akn(obj)
    if fmt == "yaml":
        return to_yaml(obj)
    return to_json(obj)
