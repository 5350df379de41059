"""Loading the YAML data tables (package data and users' registry files).

In: YAML text or a stream. Out: plain data. Uses libyaml's C loader when PyYAML was built with it
(about 8× faster on our data files, which every run loads), else the pure-Python safe loader; both are
safe loaders (no arbitrary objects).
"""

from __future__ import annotations

from typing import IO, Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(source: str | IO[str]) -> Any:
    """``yaml.safe_load`` with the fastest safe loader available."""
    return yaml.load(source, Loader=_LOADER)
