"""Configuration of ``nq57parse validate``: which rules run and how severe they are.

In: a starting folder (or an explicit file). Out: a ``Config`` (``select``, ``ignore``, ``severity``
overrides, ``strict``) and the file it came from.

The settings are read from the first of these found walking up from the folder: ``.nq57parse.yaml``
(top-level keys) or a ``pyproject.toml`` with a ``[tool.nq57parse]`` table (a ``pyproject.toml``
without one is passed over; one that does not parse is ours if it names ``tool.nq57parse``). In
one folder ``.nq57parse.yaml`` wins. Keys::

    select = ["NQ1", "NQ202"]          # only these codes or code prefixes
    ignore = ["NQ501"]                 # never these
    strict = true                      # warnings fail the run too
    [tool.nq57parse.severity]          # per code: error, warning, info or off
    NQ303 = "info"
    NQ107 = "off"

In YAML an unquoted ``off`` reads as false and means ``off``. Codes are ``NQ`` and three digits,
prefixes ``NQ`` and fewer digits, in any case (``nq303`` is ``NQ303``): anything else is a mistake that
would silently select or ignore nothing, so it is refused.

Command-line flags win over the file. A file that cannot be read or holds an unknown key or value is
a ``ConfigError`` (one line, for exit 2).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .datafiles import parse_yaml

CONFIG_NAMES = (".nq57parse.yaml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info", "off")
_KEYS = {"select", "ignore", "severity", "strict"}
_PREFIX = re.compile(r"NQ\d{0,3}")
_CODE = re.compile(r"NQ\d{3}")


class ConfigError(Exception):
    """A configuration file that cannot be used; ``str()`` is one line naming the file."""


@dataclass(frozen=True)
class Config:
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    strict: bool = False
    source: str | None = None  # the file the settings came from


def find_config(start: Path) -> Path | None:
    """The first configuration file found in ``start`` or a folder above it."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            path = folder / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
    return None


def load_config(path: Path) -> Config:
    """Read and check one configuration file (``.yaml`` or ``pyproject.toml``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    try:
        if path.name == "pyproject.toml" or path.suffix == ".toml":
            table = tomllib.loads(text).get("tool", {}).get("nq57parse", {})
        else:
            table = parse_yaml(text) or {}
    except Exception as exc:  # tomllib / yaml syntax errors
        message = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise ConfigError(f"{path}: not valid ({message})") from None
    return _checked(table, str(path))


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml holds our table; one that does not parse counts as ours when it
    names ``tool.nq57parse`` (its broken settings are an error, not silently skipped)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        return "nq57parse" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return "tool.nq57parse" in text


def _checked(table: object, source: str) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: the settings must be a table of keys")
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigError(f"{source}: unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(_KEYS))})")
    severity = table.get("severity", {}) or {}
    if not isinstance(severity, dict):
        raise ConfigError(f"{source}: 'severity' must map rule codes to {', '.join(SEVERITIES)}")
    levels = {}
    for code, level in severity.items():
        level = "off" if level is False else level  # YAML reads an unquoted off as false
        if level not in SEVERITIES:
            raise ConfigError(
                f"{source}: severity of {code} is {level!r}, not one of {', '.join(SEVERITIES)}"
            )
        key = str(code).strip().upper()
        if not _CODE.fullmatch(key):
            raise ConfigError(
                f"{source}: severity is set for {code!r}, not a rule code (NQ and three digits)"
            )
        levels[key] = level
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{source}: 'strict' must be true or false")
    return Config(
        select=_codes(table.get("select"), "select", source),
        ignore=_codes(table.get("ignore"), "ignore", source),
        severity=levels,
        strict=strict,
        source=source,
    )


def _codes(value: object, key: str, source: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: '{key}' must be a list of rule codes or prefixes")
    try:
        return code_prefixes(value)
    except ValueError as exc:
        raise ConfigError(f"{source}: '{key}' {exc}") from None


def code_prefixes(values: list[str] | str) -> frozenset[str]:
    """Rule codes or prefixes (``NQ303``, ``NQ3``), upper-cased; a list or a comma-separated string.
    ``ValueError`` (one line) for anything that is not ``NQ`` and at most three digits."""
    if isinstance(values, str):
        values = values.split(",")
    codes = frozenset(v.strip().upper() for v in values if v.strip())
    bad = sorted(c for c in codes if not _PREFIX.fullmatch(c))
    if bad:
        raise ValueError(f"holds {bad[0]!r}, not a rule code or prefix (NQ and up to three digits)")
    return codes
