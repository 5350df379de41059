"""The command line's start-up cache: compiled regular expressions and parsed data files, kept on disk.

In: ``enable()``, called once by the console script (``nq57parse.cli.main``) before the app is imported.
Out: for the rest of that process,

- ``re.compile`` (and every ``re`` function, which compile through the same path) of a pattern an
  earlier run compiled skips Python's pattern parser and code generator (``re._parser``,
  ``re._compiler``, pure Python: about a sixth of a fresh ``nq57parse extract``, ~260 patterns): the
  code they produced is read back and handed to ``_sre.compile``, which validates it and returns the
  same pattern object a fresh compile gives;
- ``datafiles.data_file`` reads a bundled YAML table from the cache when its text is unchanged
  (``cached_data``), instead of building it again through PyYAML's constructor.

The cache is one ``marshal`` file under ``$XDG_CACHE_HOME/nq57parse`` (``~/.cache/nq57parse``), named by
the Python build (pattern code is only valid for the engine that made it); it is written at exit when
the run added to it, by an atomic rename. An unreadable, corrupt or unwritable cache is ignored (the
run compiles and parses as without it); ``NQ57PARSE_NO_CACHE=1`` turns it off. Nothing changes for
the library (``import nq57parse``): only the command line calls ``enable()``.
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
from array import array
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

# How much the file may hold: past either, a run that adds to it keeps only the patterns it used
# itself (and writes nothing if those alone are too many), so that patterns built from inputs, or
# from a set (whose order changes from run to run), cannot grow it without end (one extract of a
# decision uses ~290 patterns, ~100,000 words of code: 400 KB).
MAX_PATTERNS = 1_000
MAX_CODE_WORDS = 400_000

# regex: (pattern, flags) → (flags, code as bytes, groups, groupindex, indexgroup); data: file name →
# (sha-256 of its text, its data); used: the patterns this run compiled
_state: dict[str, Any] = {"path": None, "regex": {}, "data": {}, "dirty": False, "used": set()}


def cache_path() -> Path:
    """The cache file for this Python build."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{getattr(_module('_sre'), 'MAGIC', 0)}"
    return Path(base, "nq57parse", f"startup-{tag}.marshal")


def _module(name: str) -> Any:
    """A module of the interpreter's ``re`` engine (None where this Python has none of that name)."""
    try:
        return import_module(name)
    except ImportError:
        return None


def enabled() -> bool:
    return _state["path"] is not None


def enable() -> bool:
    """Load the cache and route regex compilation through it; False (nothing done) where the
    ``re`` internals are not those of CPython 3.11–3.13 or the cache is turned off."""
    if enabled() or os.environ.get("NQ57PARSE_NO_CACHE"):
        return False
    sre, compiler, parser = _module("_sre"), _module("re._compiler"), _module("re._parser")
    parse: Any = getattr(parser, "parse", None)
    code_of: Any = getattr(compiler, "_code", None)
    original: Any = getattr(compiler, "compile", None)
    if None in (parse, code_of, original) or array("I").itemsize != getattr(sre, "CODESIZE", 0):
        return False
    path = cache_path()
    _state["path"] = path
    _load(path)

    def compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, str | bytes) or flags & compiler.SRE_FLAG_DEBUG:
            return original(p, flags)
        key = (p, int(flags))
        _state["used"].add(key)
        entry = _state["regex"].get(key)
        if entry is not None:
            try:
                words = array("I")
                words.frombytes(entry[1])
                return sre.compile(p, entry[0], words.tolist(), *entry[2:])
            except Exception:  # a damaged entry: dropped, compiled afresh below
                del _state["regex"][key]
        # what re._compiler.compile does, keeping the code it makes
        tree = parse(p, flags)
        code = code_of(tree, flags)
        groupindex = dict(tree.state.groupdict)
        indexgroup: list[str | None] = [None] * tree.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        final_flags, groups = int(flags | tree.state.flags), tree.state.groups - 1
        names = tuple(indexgroup)
        pattern = sre.compile(p, final_flags, code, groups, groupindex, names)
        _state["regex"][key] = (final_flags, array("I", code).tobytes(), groups, groupindex, names)
        _state["dirty"] = True
        return pattern

    compiler.compile = compile
    atexit.register(save)
    return True


def _load(path: Path) -> None:
    try:
        table = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return
    if (
        isinstance(table, dict)
        and isinstance(table.get("regex"), dict)
        and isinstance(table.get("data"), dict)
    ):
        _state["regex"], _state["data"] = table["regex"], table["data"]


def cached_data(name: str, text: str, load: Callable[[str], Any]) -> Any:
    """``load(text)``, from the cache when ``enable()`` was called and ``name`` had this text before
    (data that ``marshal`` cannot hold, such as dates, is loaded every time)."""
    if not enabled():
        return load(text)
    import hashlib

    digest = hashlib.sha256(text.encode("utf-8")).digest()
    hit = _state["data"].get(name)
    if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == digest:
        return hit[1]
    value = load(text)
    try:
        marshal.dumps(value)
    except ValueError:
        return value
    _state["data"][name] = (digest, value)
    _state["dirty"] = True
    return value


def _too_big(regex: dict[Any, Any]) -> bool:
    words = sum(len(e[1]) for e in regex.values() if isinstance(e, tuple) and isinstance(e[1], bytes)) // 4
    return len(regex) > MAX_PATTERNS or words > MAX_CODE_WORDS


def save() -> None:
    """Write the cache if this run added to it (atomic rename; errors ignored)."""
    path = _state["path"]
    if path is None or not _state["dirty"]:
        return
    regex = _state["regex"]
    if _too_big(regex):
        regex = {key: entry for key, entry in regex.items() if key in _state["used"]}
        if _too_big(regex):  # this run alone is over the limits: the file stays as it was
            return
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary.write_bytes(marshal.dumps({"regex": regex, "data": _state["data"]}))
        os.replace(temporary, path)
        _state["dirty"] = False
    except (OSError, ValueError):
        temporary.unlink(missing_ok=True)
