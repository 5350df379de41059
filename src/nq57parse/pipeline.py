"""The whole pipeline, and the library API: ``parse_text`` and ``parse_file``.

read → normalise → clean view → segment → parse → build → tables (appendices, and in articles and
attached texts) → citations → resolve → coverage; ``_parse_normalised`` runs the stages after
normalisation in that order, one line each.

In: text or a path. Out: a ``Document`` (picklable, no global state). ``parse_file`` raises
``InputError`` for input that cannot be read; nothing else escapes for any text input.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from .build import build_document
from .citations import find_doc_relations, find_linked_citations, soft_joined
from .cleanview import clean_view
from .coverage import check_coverage, furniture_spans
from .deadlines import resolve_spans
from .evidence import metadata_diagnostics
from .furniture import find_furniture
from .models import Diagnostic, Document, PageFurniture, Source, SourcePage
from .normalise import NormalisedText, normalise
from .parse import parse_units
from .read import DEFAULT_MAX_BYTES, RawText, read_path
from .resolve import link_bases, own_date, own_numbers, resolve_citations
from .segment import segment
from .tables import rebuild_appendix, with_body_tables, with_source_lines


def parse_file(
    path: str | os.PathLike[str],
    registry_paths: Sequence[str | os.PathLike[str]] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read, decode and parse one file (``-`` = standard input); ``path`` a ``str`` or a ``Path``."""
    # the text read is handed on, not held here: parse_raw lets it go once normalised (memory)
    return parse_raw(
        read_path(os.fspath(path), max_bytes=max_bytes), tuple(os.fspath(p) for p in registry_paths)
    )


def parse_text(
    text: str,
    path: str | os.PathLike[str] | None = None,
    registry_paths: Sequence[str | os.PathLike[str]] = (),
) -> Document:
    """Parse already-decoded text (``path``, a ``str`` or ``Path``, is only recorded)."""
    import hashlib

    raw = RawText(
        text=text,
        encoding="utf-8",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        path=None if path is None else os.fspath(path),
    )
    return parse_raw(raw, registry_paths=tuple(os.fspath(p) for p in registry_paths))


def parse_raw(raw: RawText, registry_paths: Sequence[str] = ()) -> Document:
    """Parse decoded text with its reading facts; see the module docstring for the stages."""
    norm = normalise(raw.text)
    # memory: the stages read the normalised text only; the text as read (as large again, when
    # normalising changed it) is not held by this call while they run (a caller's copy is its own)
    raw = replace(raw, text="")
    return parse_normalised(norm, raw, registry_paths=registry_paths)


class _CollectorPause:
    """Pause Python's cyclic garbage collector while a document is parsed.

    A parse makes millions of small, acyclic objects; the collector's repeated passes over them made
    the cost grow faster than the input (50× seed 004: 60× the time with the collector running, 50×
    with it paused; 10 MB vs 1 MB: 11.3× vs 9.9×). The collector is process-wide, so this is too: it
    counts the parses under way (threads, nesting) and the last one to finish restores the state the
    first one found. Reference counting still frees everything as usual.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = False

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._depth += 1

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._was_enabled:
                gc.enable()


_COLLECTOR_PAUSE = _CollectorPause()


def parse_normalised(norm: NormalisedText, raw: RawText, registry_paths: Sequence[str] = ()) -> Document:
    """Run every stage after normalisation."""
    with _COLLECTOR_PAUSE:
        return _parse_normalised(norm, raw, registry_paths)


def _parse_normalised(norm: NormalisedText, raw: RawText, registry_paths: Sequence[str]) -> Document:
    pieces = clean_view(norm)  # 3: lines → pieces, markup read apart
    furniture = find_furniture(pieces)  # the site's, the crawler's and the gazette's pieces
    units = segment(pieces, furniture)  # 4: pieces → units (header, preamble, body, closing, annexes)
    del pieces  # memory: the units hold the pieces they need
    parsed = parse_units(units)  # 5: units → the structure tree
    doc = build_document(parsed, units, norm)  # 6: the tree → a Document
    del units, parsed  # memory: the stages below read the document and the text only
    # 7: tables, in articles and attached texts, then the appendices' rebuilt into rows
    doc, in_body = with_body_tables(doc, norm.lines)
    diagnostics = [*doc.diagnostics, *in_body, *metadata_diagnostics(doc, furniture.metadata)]
    # memory: each appendix as the build gave it (every body line a SourceLine) is let go once it is
    # rebuilt, rather than held by the document until the end
    pending = doc.appendices[::-1]
    doc = doc.model_copy(update={"appendices": []})
    appendices = []
    while pending:
        rebuilt, found = rebuild_appendix(with_source_lines(pending.pop(), norm.lines))
        appendices.append(rebuilt)
        diagnostics.extend(found)
    if doc.issued_on:  # spans from the signing (Trong 30 ngày kể từ ngày ký) dated from the issue date
        issued_on = date.fromisoformat(doc.issued_on)
        appendices = [resolve_spans(appendix, issued_on) for appendix in appendices]
    language = doc.source.language
    view = soft_joined(norm.text)  # lines a sentence merely wraps joined (own numbers and citations read it)
    own = own_numbers(norm.text, doc.number, view=view)
    # 8: citations; the site's text (boilerplate blocks) is not the document's: nothing is taken from it
    mentions, links = find_linked_citations(norm, language, exclude=furniture_spans(doc, norm), view=view)
    del view
    # resolved where they stand (memory: not every citation twice while they are copied)
    citations, references = resolve_citations(
        mentions, own, registry_paths, own_date(norm.text, doc.issued_on), in_place=True
    )
    del mentions
    # relations between cited documents, from the links found with the citations (not read again)
    relations = find_doc_relations(norm, citations, links)
    del links
    diagnostics.extend(
        Diagnostic(severity=n.severity, code=n.code, message=n.message, line=n.line) for n in raw.notes
    )
    doc = doc.model_copy(
        update={
            "source": Source(
                path=raw.path,
                sha256=raw.sha256,
                encoding=raw.encoding,
                normalizations=[*raw.repairs, *norm.normalizations],
                language=language,
                line_count=len(norm.lines),
                pages=_source_pages(raw),
            ),
            "appendices": appendices,
            "citations": citations,
            "legal_bases": link_bases(doc.legal_bases, citations),
            "references": references,
            "relations": relations,
            "diagnostics": diagnostics,
        }
    )
    return check_coverage(doc, norm)  # 10: every non-blank character owned once, or in unparsed


def _source_pages(raw: RawText) -> list[SourcePage]:
    """``source.pages`` from the reader's page spans (PDF and scans; empty for text)."""
    return [
        SourcePage(
            page=span.page,
            start_line=span.start_line,
            end_line=span.end_line,
            furniture=[PageFurniture(position=p, text=t) for p, t in span.furniture],
        )
        for span in raw.pages
    ]
