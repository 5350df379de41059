"""Stage 11, export: a ``Document`` (or any model / plain data) → JSON or YAML text (or AKN XML, akn/).

In: pydantic models or plain data. Out: text; YAML keeps Vietnamese readable (no escapes) and loads
to exactly the same data as the JSON. ``json_chunks`` and ``yaml_chunks`` give the same text in
pieces, one top-level key or one list item at a time, so that a large document is written out
without ever holding its whole text (or its whole plain-data copy) in memory.

YAML goes through libyaml's C emitter when PyYAML has it (4–5× faster than the pure-Python one,
the same text: a piece holding a character beyond U+FFFF, which libyaml would escape, is written by
the pure-Python emitter; U+0085 is written ``\\N``, where the pure-Python emitter wrote it raw and it
did not read back as itself); both are safe dumpers that never write anchors or aliases.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
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


class _PythonDumper(yaml.SafeDumper):
    """Safe YAML dumper that never emits anchors/aliases (shared objects are written out)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _CDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """The same through libyaml's emitter (the safe representer is shared, so the text is too)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper = _CDumper if getattr(yaml, "__with_libyaml__", False) else _PythonDumper


def _yaml(data: Any) -> str:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)
    if "\\U" in text and "\\N" not in text and _Dumper is not _PythonDumper:
        # libyaml escapes characters beyond U+FFFF ("\U0001F4C4"), the pure-Python emitter writes them
        # as they are: such a piece is written by the latter, so the text stays what it always was
        # (unless it holds U+0085, which only libyaml writes so that it reads back)
        return yaml.dump(data, Dumper=_PythonDumper, allow_unicode=True, sort_keys=False, width=1_000_000)
    return text


def to_yaml(obj: Any) -> str:
    """YAML text, block style, Unicode readable, keys in model order (a model: ``yaml_chunks`` joined,
    so that the pieces are always the whole text)."""
    if isinstance(obj, BaseModel) and type(obj).model_fields:
        return "".join(yaml_chunks(obj))
    return _yaml(to_data(obj))


def _list_of_models(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, BaseModel) for v in value)


def json_chunks(obj: Any) -> Iterator[str]:
    """``to_json(obj)`` in pieces: a model's list fields one item at a time (the pieces join to the
    same text, byte for byte)."""
    if not isinstance(obj, BaseModel):
        yield to_json(obj)
        return
    yield "{"
    for n, name in enumerate(type(obj).model_fields):
        value = getattr(obj, name)
        yield ("\n  " if n == 0 else ",\n  ") + json.dumps(name, ensure_ascii=False) + ": "
        if _list_of_models(value):
            for i, item in enumerate(value):
                yield ("[\n    " if i == 0 else ",\n    ") + item.model_dump_json(indent=2).replace(
                    "\n", "\n    "
                )
            yield "\n  ]"
        else:  # the field alone, as the model writes it: {"name": VALUE} without its braces
            whole = obj.model_dump_json(indent=2, include={name})
            yield whole[whole.index(": ") + 2 : -2]
    yield "\n}\n" if type(obj).model_fields else "}\n"


def yaml_chunks(obj: Any) -> Iterator[str]:
    """``to_yaml(obj)`` in pieces: a model's top-level keys one at a time, its list fields one item
    at a time (a block sequence under a top-level key is written at column 0, as a list alone is)."""
    if not isinstance(obj, BaseModel) or not type(obj).model_fields:
        yield _yaml(to_data(obj))
        return
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if _list_of_models(value):
            yield _yaml({name: [value[0].model_dump(mode="json")]})
            for item in value[1:]:
                yield _yaml([item.model_dump(mode="json")])
        else:
            yield _yaml(obj.model_dump(mode="json", include={name}))


def render(obj: Any, fmt: str) -> str:
    """``json``, ``yaml`` or ``akn`` (Akoma Ntoso XML of a ``Document``)."""
    if fmt == "akn":
        from .akn import to_akn

        return to_akn(obj)
    if fmt == "yaml":
        return to_yaml(obj)
    return to_json(obj)
