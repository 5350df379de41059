"""Loading the YAML data tables (package data and users' registry files).

In: YAML text or a stream, or the name of a bundled data file (``data_file``, cached). Out: plain data. Uses libyaml's C loader when PyYAML was built with it
(about 8× faster on our data files, which every run loads), else the pure-Python safe loader; both are
safe loaders (no arbitrary objects).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import IO, Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(source: str | IO[str]) -> Any:
    """``yaml.safe_load`` with the fastest safe loader available."""
    return yaml.load(source, Loader=_LOADER)


@cache
def data_file(name: str) -> Any:
    """The parsed content of ``data/<name>`` (``"codes.yaml"``), read once per process.

    Every module reads the bundled data files through this one loader. The value is shared between
    callers: treat it as read-only (copy before changing it).
    """
    text = resources.files("nq57parse.data").joinpath(name).read_text(encoding="utf-8")
    return parse_yaml(text)
