"""nq57parse: Vietnamese legal and administrative documents to structured, validated, cross-linked data.

The library API, for scripts and engines (Dask, multiprocessing, notebooks)::

    import nq57parse

    doc = nq57parse.parse_file("quyet-dinh.txt")          # a nq57parse.Document
    doc = nq57parse.parse_text(text, path="memo.txt")     # already-decoded text
    doc.number.canonical, [c.target for c in doc.citations]

``parse_file`` raises ``nq57parse.InputError`` (one-line message) for input that cannot be read;
``Document`` is a pydantic model that pickles, and calls share no state. The names are loaded on
first use, so ``import nq57parse`` stays cheap for the command line.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name → module that defines it (loaded lazily by __getattr__)
_LAZY = {
    "parse_file": ".pipeline",
    "parse_text": ".pipeline",
    "Document": ".models",
    "InputError": ".errors",
}

__all__ = ["Document", "InputError", "__version__", "parse_file", "parse_text"]

if TYPE_CHECKING:
    from .errors import InputError
    from .models import Document
    from .pipeline import parse_file, parse_text


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'nq57parse' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
