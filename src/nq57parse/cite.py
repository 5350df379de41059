"""The citation library API, in the manner of eyecite: find, resolve, annotate, tabulate.

In: any text (no structure parse needed): plain Python strings, NFC or decomposed (NFD) Unicode, CRLF
line endings, ``Ð`` for ``Đ``.
Out: ``Citation`` records whose ``start``/``end`` are offsets into *the text given*
(``text[c.start:c.end] == c.text``), resolved targets, the text with each citation wrapped by a template,
and plain dict records with the columns of ``nq57parse cite --format csv`` (for ``pandas.DataFrame``).

    find_citations(text, language="vi", exclude=())          -> [Citation]
    resolve_citations(citations, registry=…, own_number=…, dated=…) -> Resolved(citations, references)
    annotate(text, citations, template)                       -> str
    records(citations, file=None)                             -> [dict]

How offsets stay right: the finder works on the normalised text (NFC, ``Đ``, LF). When the given text
differs only in ways that keep every offset (the usual case) it is used as is; otherwise each normalised
character is traced back to the run of given characters it came from (a base letter and its combining
marks), so a span never cuts a Vietnamese letter in two.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

if (
    TYPE_CHECKING
):  # the stages are imported when first called: `nq57parse cite` reads RECORD_FIELDS at start-up
    from .models import Citation, Reference
    from .normalise import NormalisedText
    from .registry import Registry

from .records import CITATION_FIELDS as RECORD_FIELDS  # the columns of `nq57parse cite --format csv`

# a letter and the combining marks after it: the unit NFC composes, so the unit offsets are traced by
_CLUSTER = re.compile(r"\r\n|.[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*", re.DOTALL)
_FOLD = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\r": "\n"})


class Resolved(NamedTuple):
    """What ``resolve_citations`` returns: the citations with targets, and one reference per document."""

    citations: list[Citation]
    references: list[Reference]


def _traced(text: str) -> tuple[NormalisedText, list[int]]:
    """The normalised text, and for each of its characters (and its end) the offset in ``text``."""
    from .normalise import _INVISIBLE_RE, normalise

    pieces: list[str] = []
    origin: list[int] = []
    for m in _CLUSTER.finditer(text):
        unit = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", m.group(0)).translate(_FOLD))
        if unit == "\n\n":  # CRLF
            unit = "\n"
        pieces.append(unit)
        origin.extend([m.start()] * len(unit))
    norm = normalise("".join(pieces))  # now changes no length, but may add a final newline
    origin.extend([len(text)] * (len(norm.text) + 1 - len(origin)))
    return norm, origin


def find_citations(
    text: str, language: str = "vi", exclude: Sequence[tuple[int, int]] = ()
) -> list[Citation]:
    """Every citation in ``text`` with offsets into ``text`` itself; targets are not resolved yet.

    ``exclude``: spans ``(start, end)`` of ``text`` to pass over (site furniture); a citation that overlaps
    one is dropped."""
    from .citations import find_citations as _find
    from .normalise import normalise

    if not isinstance(text, str):
        raise TypeError(f"find_citations takes a str, not {type(text).__name__}")
    simple = "\r" not in text and unicodedata.is_normalized("NFC", text) and "\u00d0" not in text
    norm = normalise(text)
    if simple and norm.text.startswith(text) and len(norm.text) <= len(text) + 1:
        return _find(norm, language, exclude)
    norm, origin = _traced(text)
    back = {o: i for i, o in reversed(list(enumerate(origin)))}
    spans = [(back.get(a, 0), back.get(b, len(norm.text))) for a, b in exclude]
    found = []
    for cite in _find(norm, language, spans):
        start, end = origin[cite.start], origin[cite.end]
        found.append(cite.model_copy(update={"start": start, "end": end, "text": text[start:end]}))
    return found


def resolve_citations(
    citations: Sequence[Citation],
    registry: str | Sequence[str] | Sequence[Mapping[str, object]] | Registry | None = None,
    own_number: str | Sequence[str] | None = None,
    dated: str | None = None,
) -> Resolved:
    """Targets for ``citations`` (in text order, as ``find_citations`` gives them).

    ``registry``: extra known documents besides the bundled ones: a YAML file's path, several paths, a
    list of entries as mappings (``{"id": "43/KH-UBND", "date": "2025-02-14", …}``) or a ``Registry``;
    ``own_number``: the citing document's own number(s), marked ``self_reference``; ``dated``: its date
    (ISO), which chooses the version of a law cited by name."""
    from .registry import Registry, load_registry
    from .resolve import resolve_citations as _resolve

    if isinstance(registry, Registry):
        loaded = registry
    elif isinstance(registry, str):
        loaded = load_registry([registry])
    elif registry and isinstance(registry[0], Mapping):
        loaded = load_registry(rows=registry)
    else:
        loaded = load_registry([str(p) for p in registry or ()])
    found, references = _resolve(citations, own_number, dated=dated, registry=loaded)
    return Resolved(found, references)


def annotate(
    text: str,
    citations: Sequence[Citation],
    template: str | Callable[[Citation, str], str] = "[{text}]",
) -> str:
    """``text`` with each citation's span replaced by ``template``: a format string over the citation's
    fields (``{text}``, ``{target}``, ``{number}``, ``{doc_type}``, … ; a missing value is empty) or a
    function ``(citation, span_text) -> str``. The spans must not overlap (``find_citations`` gives such)."""
    out: list[str] = []
    last = 0
    for cite in sorted(citations, key=lambda c: c.start):
        if cite.start < last:
            raise ValueError(f"citations overlap at offset {cite.start}")
        span = text[cite.start : cite.end]
        if callable(template):
            wrapped = template(cite, span)
        else:
            fields = {k: ("" if v is None else v) for k, v in cite.model_dump().items()}
            wrapped = template.format(**{**fields, "text": span})
        out.append(text[last : cite.start])
        out.append(wrapped)
        last = cite.end
    out.append(text[last:])
    return "".join(out)


def records(citations: Sequence[Citation], file: str | None = None) -> list[dict[str, object]]:
    """One plain dict per citation with the columns of ``nq57parse cite --format csv`` (``RECORD_FIELDS``),
    ready for ``pandas.DataFrame(records(...))``."""
    rows = []
    for cite in citations:
        data = cite.model_dump(mode="json")
        rows.append({"file": file, **{k: data.get(k) for k in RECORD_FIELDS if k != "file"}})
    return rows
