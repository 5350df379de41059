"""Loading the YAML data tables (package data and users' registry files).

In: YAML text or a stream, or the name of a bundled data file (``data_file``, cached). Out: plain data. Uses libyaml's C loader when PyYAML was built with it
(about 8× faster on our data files, which every run loads), else the pure-Python safe loader; both are
safe loaders (no arbitrary objects). Files that users give are loaded with ``parse_user_yaml``,
which also refuses aliases and deep nesting.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import IO, Any

import yaml

from .startup_cache import cached_data

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(source: str | IO[str]) -> Any:
    """``yaml.safe_load`` with the fastest safe loader available."""
    return yaml.load(source, Loader=_LOADER)


MAX_DEPTH = 64
MAX_USER_BYTES = 50 * 1024 * 1024


class UnsafeYaml(yaml.YAMLError):
    """A user's YAML file that uses what our data files never need: aliases, deep nesting."""


def _line(event: yaml.Event) -> int | str:
    """The 1-based line where ``event`` starts ("?" when the parser gave no position)."""
    mark = event.start_mark
    return mark.line + 1 if mark is not None else "?"


def parse_user_yaml(source: str) -> Any:
    """``parse_yaml`` for a file a user gives (``--registry``): refused (``UnsafeYaml``) when it
    uses an alias (``*name``: a 700-byte file of nested aliases expands to gigabytes once walked)
    or nests more than ``MAX_DEPTH`` levels. Checked on the event stream first, which keeps no
    tree and no recursion, then loaded."""
    depth = 0
    for event in yaml.parse(source, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise UnsafeYaml(f"aliases (*{event.anchor}) are not allowed, line {_line(event)}")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise UnsafeYaml(f"nested more than {MAX_DEPTH} levels, line {_line(event)}")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return parse_yaml(source)


@cache
def data_file(name: str) -> Any:
    """The parsed content of ``data/<name>`` (``"codes.yaml"``), read once per process.

    Every module reads the bundled data files through this one loader. The value is shared between
    callers: treat it as read-only (copy before changing it).
    """
    text = resources.files("nq57parse.data").joinpath(name).read_text(encoding="utf-8")
    return cached_data(name, text, parse_yaml)
