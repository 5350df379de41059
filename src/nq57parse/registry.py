"""The registry of known documents: the bundled ``data/registry.yaml`` plus user files (``--registry``).

In: paths of extra YAML files in the same format (``documents: [{id, type, date, issuer, subject, names,
relations}]``; see the header of ``data/registry.yaml``).
Out: a ``Registry`` keyed by ``numbers.match_key`` of each canonical id, with lookups by serial
(for short forms) and by name (for laws cited by name). A later file's entry replaces an earlier one.
Unreadable or malformed user files raise ``InputError`` (one line, exit 2 in the CLI).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .datafiles import MAX_USER_BYTES, UnsafeYaml, parse_user_yaml, parse_yaml
from .errors import InputError
from .models import DocumentNumber
from .numbers import doc_type_of, match_key, name_key, parse_number
from .read import read_limited
from .startup_cache import cached_data

RELATIONS = ("based_on", "implements", "replaces", "amends", "repeals", "guides", "mentions")


@dataclass(frozen=True)
class KnownDocument:
    """One registry entry; ``id`` is canonical."""

    id: str
    type: str | None = None
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    names: tuple[str, ...] = ()
    relations: tuple[tuple[str, str], ...] = ()
    effective: str | None = None  # ISO date the document took effect (hiệu lực); None: from ``date``
    replaced_by: str | None = None  # id of the version that replaced it
    source: str | None = None  # where the row's facts come from


@dataclass(frozen=True)
class Registry:
    """Known documents by match key, with the indexes the resolver needs."""

    documents: dict[str, KnownDocument] = field(default_factory=dict)

    def get(self, target: str) -> KnownDocument | None:
        """The entry for a canonical id (any printing of the same number), or None."""
        return self.documents.get(match_key(target))

    def by_serial(self, serial: str, year: int | None = None) -> list[KnownDocument]:
        """Entries whose serial (leading zeros ignored) and, when given, year match."""
        return [
            doc
            for doc, number in self._serials.get(int(serial), ())
            if year is None or number.year in (None, year)
        ]

    @cached_property
    def _serials(self) -> dict[int, list[tuple[KnownDocument, DocumentNumber]]]:
        """Entries by serial, in registry order (built on first use; the registry never changes)."""
        index: dict[int, list[tuple[KnownDocument, DocumentNumber]]] = {}
        for doc in self.documents.values():
            number = parse_number(doc.id)
            if number is not None:
                index.setdefault(int(number.serial), []).append((doc, number))
        return index

    def by_name(self, name: str) -> list[KnownDocument]:
        """Entries cited by this name (case, spacing and tone placement ignored), in registry order."""
        for keys in self._names.values():
            if name_key(name) in keys:
                return keys[name_key(name)]
        return []

    def named_at_start(self, text: str) -> tuple[str, list[KnownDocument]]:
        """The longest known name that ``text`` starts with, and its entries (every version); ("", []) if none."""
        for size, keys in self._names.items():
            head = text[:size]
            found = keys.get(name_key(head))
            if found and (len(text) == size or not text[size].isalnum()):
                return head, found
        return "", []

    @cached_property
    def _names(self) -> dict[int, dict[str, list[KnownDocument]]]:
        """Entries by the length of a name (longest first), then by its ``name_key``."""
        index: dict[int, dict[str, list[KnownDocument]]] = {}
        for doc in self.documents.values():
            for name in doc.names:
                index.setdefault(len(name), {}).setdefault(name_key(name), []).append(doc)
        return dict(sorted(index.items(), reverse=True))


@dataclass(frozen=True)
class VersionChoice:
    """The version of a named document a citation means, or why none could be chosen."""

    target: str | None
    candidates: tuple[str, ...] = ()
    reason: str | None = None  # set when ``target`` is None and there were candidates
    basis: str | None = None  # how ``target`` was chosen: "date", "year", "in_force" or "only"


def choose_version(
    versions: Sequence[KnownDocument],
    registry: Registry,
    cited_date: str | None = None,
    cited_year: int | None = None,
    citing_date: str | None = None,
) -> VersionChoice:
    """Which of the versions of one name (``Luật Giao dịch điện tử``: 51/2005/QH11, 20/2023/QH15) a
    citation means, never by guessing:

    - a date printed in the citation names the version passed that day (``Luật Tổ chức chính quyền địa
      phương ngày 19 tháng 6 năm 2015`` → 77/2015/QH13), a year (``năm 2015``) the one passed that year;
    - otherwise the version in force on the citing document's date: in force from its ``effective`` date
      (else its date of passing) until its successor took effect; a successor already passed but not yet
      in force fits too, and then two fit;
    - no version, or more than one, fits → no target, with the reason.
    """
    ids = tuple(v.id for v in versions)
    if not versions:
        return VersionChoice(None)
    if cited_date or cited_year:
        same_day = [v for v in versions if cited_date and v.date == cited_date]
        year = cited_year or (int(cited_date[:4]) if cited_date else None)
        fit = same_day or [v for v in versions if v.date and int(v.date[:4]) == year]
        if len(fit) == 1:
            return VersionChoice(fit[0].id, ids, basis="date" if same_day else "year")
        printed = cited_date or str(cited_year)
        return VersionChoice(None, ids, f"no single version of {len(ids)} passed on {printed}")
    if len(versions) == 1 and (not citing_date or not versions[0].date or versions[0].date <= citing_date):
        return VersionChoice(versions[0].id, ids, basis="only")
    if not citing_date:
        return VersionChoice(None, ids, "the citing document has no date to choose a version by")
    fit = []
    for v in versions:
        start = v.date or v.effective
        successor = registry.get(v.replaced_by) if v.replaced_by else None
        until = (successor.effective or successor.date) if successor else None
        if start and start <= citing_date and (until is None or citing_date < until):
            fit.append(v)
    if len(fit) == 1:
        return VersionChoice(fit[0].id, ids, basis="in_force")
    if not fit:
        return VersionChoice(None, ids, f"no version in force on {citing_date}")
    return VersionChoice(None, ids, f"{len(fit)} versions fit {citing_date} (one passed, not yet in force)")


def _entry(raw: object, where: str) -> KnownDocument:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise InputError(where, "registry entry without an id")
    number = parse_number(raw["id"])
    canonical = number.canonical if number else raw["id"].strip()
    relations = []
    for rel in raw.get("relations") or []:
        if not isinstance(rel, dict) or rel.get("relation") not in RELATIONS or not rel.get("target"):
            raise InputError(where, f"bad relation in registry entry {canonical}")
        target = parse_number(str(rel["target"]))
        relations.append((rel["relation"], target.canonical if target else str(rel["target"])))
    date = raw.get("date")
    doc_type = raw.get("type") or (doc_type_of(number) if number else None)
    effective = raw.get("effective")
    replaced = parse_number(str(raw["replaced_by"])) if raw.get("replaced_by") else None
    return KnownDocument(
        id=canonical,
        type=doc_type,
        date=str(date) if date else None,
        issuer=raw.get("issuer"),
        subject=raw.get("subject"),
        names=tuple(str(n) for n in raw.get("names") or ()),
        relations=tuple(relations),
        effective=str(effective) if effective else None,
        replaced_by=(replaced.canonical if replaced else str(raw["replaced_by"]).strip())
        if raw.get("replaced_by")
        else None,
        source=str(raw["source"]) if raw.get("source") else None,
    )


def _documents(text: str, where: str, load: Callable[[str], Any] = parse_yaml) -> list[KnownDocument]:
    try:
        data = load(text)
    except UnsafeYaml as exc:
        raise InputError(where, f"registry refused: {exc}") from None
    except yaml.YAMLError as exc:
        raise InputError(where, f"registry is not valid YAML ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise InputError(where, "registry must be a mapping with a 'documents' list")
    return [_entry(raw, where) for raw in data["documents"]]


@cache
def _bundled() -> tuple[KnownDocument, ...]:
    text = resources.files("nq57parse.data").joinpath("registry.yaml").read_text("utf-8")
    return tuple(_documents(text, "registry.yaml", lambda t: cached_data("registry.yaml", t, parse_yaml)))


@cache
def _user_file(path: str, mtime: float) -> tuple[KnownDocument, ...]:
    try:
        with open(path, "rb") as handle:
            data = read_limited(handle, MAX_USER_BYTES)
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read registry ({exc.__class__.__name__})") from exc
    if len(data) > MAX_USER_BYTES:
        raise InputError(path, f"registry too large (over {MAX_USER_BYTES} bytes)")
    return tuple(_documents(text, path, parse_user_yaml))


def load_registry(paths: Sequence[str] = (), rows: Sequence[object] = ()) -> Registry:
    """The bundled registry, then each user file in order, then ``rows`` (entries given as mappings in the
    files' format); a later entry replaces an earlier one.

    Without ``rows`` the registry is built once per set of files (a file changed on disk is read again)
    and shared by every later call, with the indexes it builds on first use: never change it."""
    keyed = []
    for path in paths:
        try:
            keyed.append((path, Path(path).stat().st_mtime))
        except OSError as exc:
            raise InputError(path, "registry file not found") from exc
    if not rows:
        return _shared_registry(tuple(keyed))
    return _registry([*_files(tuple(keyed)), tuple(_entry(row, "registry rows") for row in rows)])


@cache
def _shared_registry(keyed: tuple[tuple[str, float], ...]) -> Registry:
    return _registry(_files(keyed))


def _files(keyed: tuple[tuple[str, float], ...]) -> list[tuple[KnownDocument, ...]]:
    return [_bundled(), *(_user_file(path, mtime) for path, mtime in keyed)]


def _registry(files: Sequence[tuple[KnownDocument, ...]]) -> Registry:
    documents: dict[str, KnownDocument] = {}
    for docs in files:
        for doc in docs:
            documents[match_key(doc.id)] = doc
    return Registry(documents=documents)
