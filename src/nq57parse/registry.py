"""The registry of known documents: the bundled ``data/registry.yaml`` plus user files (``--registry``).

In: paths of extra YAML files in the same format (``documents: [{id, type, date, issuer, subject, names,
relations}]``; see the header of ``data/registry.yaml``).
Out: a ``Registry`` keyed by ``numbers.match_key`` of each canonical id, with lookups by serial
(for short forms) and by name (for laws cited by name). A later file's entry replaces an earlier one.
Unreadable or malformed user files raise ``InputError`` (one line, exit 2 in the CLI).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

import yaml

from .datafiles import MAX_USER_BYTES, UnsafeYaml, parse_user_yaml, parse_yaml
from .errors import InputError
from .models import DocumentNumber
from .numbers import doc_type_of, match_key, parse_number
from .read import read_limited

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
        """Entries cited by this name (case and spacing ignored)."""
        key = name_key(name)
        return [doc for doc in self.documents.values() if any(name_key(n) == key for n in doc.names)]


def name_key(name: str) -> str:
    """Comparison key of a document name: lower case, single spaces."""
    return re.sub(r"\s+", " ", name).strip().casefold()


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
    return KnownDocument(
        id=canonical,
        type=doc_type,
        date=str(date) if date else None,
        issuer=raw.get("issuer"),
        subject=raw.get("subject"),
        names=tuple(str(n) for n in raw.get("names") or ()),
        relations=tuple(relations),
    )


def _documents(text: str, where: str, load=parse_yaml) -> list[KnownDocument]:
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
    return tuple(_documents(text, "registry.yaml"))


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


def load_registry(paths: Sequence[str] = ()) -> Registry:
    """The bundled registry, then each user file in order (a later entry replaces an earlier one)."""
    documents: dict[str, KnownDocument] = {}
    files = [_bundled()]
    for path in paths:
        try:
            mtime = Path(path).stat().st_mtime
        except OSError as exc:
            raise InputError(path, "registry file not found") from exc
        files.append(_user_file(path, mtime))
    for docs in files:
        for doc in docs:
            documents[match_key(doc.id)] = doc
    return Registry(documents=documents)
