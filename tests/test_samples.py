"""Every sample document against the facts a careful reader finds in it.

In: ``tests/expectations/<sample-name>.yaml`` (format in ``tests/expectations/README.md``): the sample's
file name and one key per fact. Out: one test per (sample, key), so a failure names the fact that is
wrong. Each key has its own check in ``CHECKS``; a key without a check fails its test rather than
being ignored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import conftest
import pytest
import yaml

from nq57parse.models import Container, Document, Section

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTATIONS = Path(__file__).resolve().parent / "expectations"


def load_expectations(path: Path) -> dict[str, Any]:
    """One expectations file as a dict (``file`` plus the facts)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


def expectation_files() -> list[Path]:
    return sorted(EXPECTATIONS.glob("*.yaml"))


def parsed(file: str) -> Document:
    """A sample, parsed once per test session (shared with the other modules)."""
    return conftest.parsed(SAMPLES / file)


# --- helpers -------------------------------------------------------------------------------------


def number_of(doc: Document) -> str | None:
    return doc.number.canonical if doc.number else None


def article_map(doc: Document) -> dict[str, Any]:
    return {article.number: article for article in doc.articles}


def pick(found: dict[str, Any], expected: dict[Any, Any], get: Callable[[Any], Any]) -> dict[str, Any]:
    """``{key: get(found[key])}`` for the keys of ``expected``; a missing key gives ``"<missing>"``."""
    return {str(key): get(found[str(key)]) if str(key) in found else "<missing>" for key in expected}


def by_index(items: list[Any], expected: dict[Any, Any], get: Callable[[Any], Any]) -> dict[str, Any]:
    """Like ``pick`` over a list addressed by 1-based index."""
    found = {str(index): item for index, item in enumerate(items, start=1)}
    return pick(found, expected, get)


def stringify(expected: dict[Any, Any]) -> dict[str, Any]:
    return {str(key): value for key, value in expected.items()}


def section_at(sections: list[Section], path: str) -> Section | None:
    """The section reached by ``I/1/1.2``: at each level the first child with that label."""
    node: Section | None = None
    level = sections
    for label in path.split("/"):
        node = next((section for section in level if section.label == label), None)
        if node is None:
            return None
        level = node.children
    return node


def children_labels(sections: list[Section], expected: dict[str, list[str]]) -> dict[str, Any]:
    found = {}
    for path in expected:
        node = section_at(sections, str(path))
        found[str(path)] = [child.label for child in node.children] if node else "<missing>"
    return found


def outline(containers: list[Container], expected: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actual containers projected on the keys each expected container names."""
    projected: list[dict[str, Any]] = []
    for index, container in enumerate(containers):
        wanted = expected[index] if index < len(expected) else {"kind": None, "label": None}
        item: dict[str, Any] = {}
        for key in wanted:
            if key == "children":
                item[key] = outline(container.children, wanted["children"])
            else:
                item[key] = getattr(container, key)
        projected.append(item)
    return projected


def subset(model: Any, expected: dict[str, Any]) -> dict[str, Any]:
    return {key: getattr(model, key) for key in expected}


def signature_facts(doc: Document, expected: dict[str, Any] | None) -> Any:
    if expected is None or doc.signature is None:
        return doc.signature
    return subset(doc.signature, expected)


def first_appendix(doc: Document) -> Any:
    return doc.appendices[0] if doc.appendices else None


def appendix_rows(doc: Document) -> dict[str, Any]:
    appendix = first_appendix(doc)
    return {row.tt: row for row in appendix.rows} if appendix else {}


def deadlines(doc: Document, expected: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    """For each expected row: its deadline projected on the keys expected for that row."""
    rows = appendix_rows(doc)
    found: dict[str, Any] = {}
    for tt, wanted in expected.items():
        row = rows.get(str(tt))
        if row is None:
            found[str(tt)] = "<missing>"
        else:
            found[str(tt)] = subset(row.deadline, wanted) if row.deadline else None
    return found


# --- the checks: key → (doc, expected) → (actual, expected) ---------------------------------------

Check = Callable[[Document, Any], tuple[Any, Any]]

CHECKS: dict[str, Check] = {
    "document_type": lambda d, e: (d.document_type, e),
    "language": lambda d, e: (d.source.language, e),
    "issuer": lambda d, e: (d.issuer, e),
    "parent_issuer": lambda d, e: (d.parent_issuer, e),
    "number": lambda d, e: (number_of(d), e),
    "place": lambda d, e: (d.place, e),
    "issued_on": lambda d, e: (d.issued_on, e),
    "title": lambda d, e: (d.title, e),
    "title_startswith": lambda d, e: ((d.title or "")[: len(e)], e),
    "title_contains": lambda d, e: (e if e in (d.title or "") else d.title, e),
    "authority": lambda d, e: (d.authority, e),
    "authority_startswith": lambda d, e: ((d.authority or "")[: len(e)], e),
    "legal_bases": lambda d, e: (dict(Counter(b.kind for b in d.legal_bases)), e),
    "legal_basis_lines": lambda d, e: ([b.line for b in d.legal_bases], e),
    "legal_basis_end_lines": lambda d, e: (by_index(d.legal_bases, e, lambda b: b.end_line), stringify(e)),
    "legal_basis_texts": lambda d, e: (by_index(d.legal_bases, e, lambda b: b.text), stringify(e)),
    "articles": lambda d, e: ([a.number for a in d.articles], e),
    "article_lines": lambda d, e: (pick(article_map(d), e, lambda a: a.line), stringify(e)),
    "article_end_lines": lambda d, e: (pick(article_map(d), e, lambda a: a.end_line), stringify(e)),
    "article_headings": lambda d, e: (pick(article_map(d), e, lambda a: a.heading), stringify(e)),
    "article_texts": lambda d, e: (pick(article_map(d), e, lambda a: a.text), stringify(e)),
    "article_items": lambda d, e: (pick(article_map(d), e, lambda a: len(a.items)), stringify(e)),
    "clauses": lambda d, e: (pick(article_map(d), e, lambda a: [c.label for c in a.clauses]), stringify(e)),
    "points": lambda d, e: (
        pick(
            {f"{a.number}.{c.label}": c for a in d.articles for c in a.clauses},
            e,
            lambda c: [p.label for p in c.points],
        ),
        stringify(e),
    ),
    "structure": lambda d, e: (outline(d.structure, e), e),
    "sections": lambda d, e: ([s.label for s in d.sections], e),
    "sections_marked": lambda d, e: ([s.label for s in d.sections if s.label], e),
    "section_children": lambda d, e: (children_labels(d.sections, e), stringify(e)),
    "attachments": lambda d, e: (len(d.attachments), e),
    "attachment_sections": lambda d, e: (
        [s.label for s in d.attachments[0].sections] if d.attachments else None,
        e,
    ),
    "attachment_section_children": lambda d, e: (
        children_labels(d.attachments[0].sections, e) if d.attachments else None,
        stringify(e),
    ),
    "signature": lambda d, e: (signature_facts(d, e), e),
    "recipients": lambda d, e: (d.recipients, e),
    "recipients_count": lambda d, e: (len(d.recipients), e),
    "recipients_first": lambda d, e: (d.recipients[0] if d.recipients else None, e),
    "recipients_last": lambda d, e: (d.recipients[-1] if d.recipients else None, e),
    "addressees": lambda d, e: (d.addressees, e),
    "footnotes": lambda d, e: ([f.label for f in d.footnotes], e),
    "appendices": lambda d, e: (len(d.appendices), e),
    "appendix": lambda d, e: (subset(first_appendix(d), e) if d.appendices else None, e),
    "appendix_rows": lambda d, e: (list(appendix_rows(d)), e),
    "appendix_deadlines": lambda d, e: (deadlines(d, e), stringify(e)),
    "appendix_empty_cells": lambda d, e: (
        pick(appendix_rows(d), e, lambda row: sum(1 for text in row.cells.values() if text == "")),
        stringify(e),
    ),
    "reference_ids": lambda d, e: (sorted(r.id for r in d.references), sorted(e)),
    "unparsed_count": lambda d, e: (len(d.unparsed), e),
    "unparsed_lines": lambda d, e: ([u.line for u in d.unparsed], e),
    "boilerplate_lines": lambda d, e: (sorted({b.line for b in d.blocks if b.kind == "boilerplate"}), e),
}


def cases() -> Iterator[Any]:
    for path in expectation_files():
        data = load_expectations(path)
        file = data.pop("file", None)
        for key, value in data.items():
            yield pytest.param(file, key, value, id=f"{path.stem}:{key}")


# --- tests ---------------------------------------------------------------------------------------


def test_every_sample_has_an_expectations_file_and_every_expectations_file_a_sample() -> None:
    samples = {path.name for path in SAMPLES.glob("*.txt")}
    described = {load_expectations(path).get("file") for path in expectation_files()}
    assert samples == described


def test_each_expectations_file_is_named_after_its_sample_and_uses_only_known_keys() -> None:
    for path in expectation_files():
        data = load_expectations(path)
        assert data.get("file") == f"{path.stem}.txt", path.name
        unknown = set(data) - set(CHECKS) - {"file"}
        assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"


# Facts the parser does not yet give. Each stays a strict xfail: fixing the parser turns it red, and
# then the entry is removed. Keep the reason precise; these are the core parser's open work items.
KNOWN_GAPS: dict[str, str] = {}  # "<sample>:<key>": why — a strict xfail until the parser is fixed


def _case(param: Any) -> Any:
    if param.id in KNOWN_GAPS:
        return pytest.param(
            *param.values, id=param.id, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[param.id])
        )
    return param


@pytest.mark.parametrize(("file", "key", "expected"), [_case(c) for c in cases()])
def test_sample_yields_the_expected_fact(file: str, key: str, expected: Any) -> None:
    check = CHECKS.get(key)
    if check is None:
        pytest.fail(f"unknown expectation key {key!r} for {file}")
    actual, wanted = check(parsed(file), expected)
    assert actual == wanted
