"""Stage: validate — a parsed ``Document`` → findings, for ``nq57parse validate``.

In: the ``Document`` and its path. Out: ``Finding(file, line, severity, code, message)`` per problem,
from the parser's and the table stage's diagnostics (NQ0xx, NQ3xx) and from the rules below
(NQ1xx identity, NQ2xx numbering, NQ4xx citations, NQ5xx text). Each rule is a small pure function;
codes, default severities and where a rule applies live in ``data/rules.yaml``. Plans and news are not
held to a decision's identity rules (``applies: decision``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .datafiles import parse_yaml
from .models import Document
from .shapes import POINT_LETTERS

DECISION_TYPES = {
    "quyet_dinh",
    "nghi_quyet",
    "nghi_dinh",
    "thong_tu",
    "luat",
    "chi_thi",
    "cong_van",
    "thong_bao",
}
NORMATIVE_TYPES = {"nghi_dinh", "thong_tu", "luat"}
_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf]|á»|áº|Æ°|Ä‘|Ä\u0091")


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    severity: str
    code: str
    message: str

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


@cache
def catalogue() -> dict[str, dict]:
    """The rule catalogue of ``data/rules.yaml``, keyed by code."""
    text = resources.files("nq57parse.data").joinpath("rules.yaml").read_text(encoding="utf-8")
    return parse_yaml(text)


Raw = tuple[int | None, str, str]  # line, code, message
Rule = Callable[[Document], Iterator[Raw]]


def _block_line(doc: Document, kind: str) -> int | None:
    return next((b.line for b in doc.blocks if b.kind == kind), None)


def identity(doc: Document) -> Iterator[Raw]:
    """NĐ 30/2020 components: number, date, issuer, title, signature, recipients."""
    first = doc.blocks[0].line if doc.blocks else 1
    if doc.number is None:
        yield _block_line(doc, "number") or first, "NQ101", "no document number (Số: …)"
    elif doc.document_type in NORMATIVE_TYPES and doc.number.year is None:
        yield (
            _block_line(doc, "number"),
            "NQ102",
            f"{doc.number.canonical}: a normative text's number carries its year",
        )
    dated_elsewhere = doc.document_type == "luat"  # a law is dated by its closing clause (thông qua ngày …)
    if doc.issued_on is None and not dated_elsewhere and not any(d.code == "NQ004" for d in doc.diagnostics):
        yield _block_line(doc, "place_date") or first, "NQ103", "no issue date"
    if doc.issuer is None:
        yield first, "NQ104", "no issuing body in the header"
    if not doc.title:
        yield _block_line(doc, "doc_type") or first, "NQ105", "no title (trích yếu)"
    if doc.signature is None or not doc.signature.signer:
        yield _block_line(doc, "signature"), "NQ106", "no signature block with the signer's name"
    if not doc.recipients and doc.document_type != "luat":
        yield _block_line(doc, "signature"), "NQ107", "no Nơi nhận (recipients)"


def numbering(doc: Document) -> Iterator[Raw]:
    """Clauses consecutive; points in the Vietnamese alphabet and in its order."""
    for article in doc.articles:
        numbers = [int(c.label) for c in article.clauses if c.label.isdigit()]
        for prev, (clause, n) in zip(
            numbers,
            zip([c for c in article.clauses if c.label.isdigit()][1:], numbers[1:], strict=False),
            strict=False,
        ):
            if n != prev + 1:
                yield clause.line, "NQ201", f"Điều {article.number}: khoản {n} follows khoản {prev}"
        for clause in article.clauses:
            yield from _point_order([(p.label, p.line) for p in clause.points])
    sections = list(doc.sections) + [s for a in doc.attachments for s in a.sections]
    while sections:
        section = sections.pop()
        points = [
            (c.label, c.line) for c in section.children if c.label[:1].islower() and c.label[:1].isalpha()
        ]
        yield from _point_order(points)
        sections.extend(section.children)


def _point_order(points: list[tuple[str, int]]) -> Iterator[Raw]:
    """Points follow the Vietnamese alphabet (a b c d đ e g h i k …), with no f, j, w, z."""
    previous = -1
    for label, line in points:
        letter = label[:1]
        if letter in "fjwz":
            yield line, "NQ202", f"điểm {label}) is not a Vietnamese letter (no f, j, w, z)"
            continue
        index = POINT_LETTERS.find(letter)
        if index >= 0 and index != previous + 1:
            yield line, "NQ203", f"điểm {label}) out of order"
        previous = index if index >= 0 else previous


def citation_dates(doc: Document) -> Iterator[Raw]:
    """A cited document dated after the citing document."""
    if not doc.issued_on:
        return
    for c in doc.citations:
        if c.date and c.date > doc.issued_on and not c.self_reference:
            yield c.line, "NQ401", f"{c.text[:60]!r} is dated {c.date}, after this document ({doc.issued_on})"


def reference_conflicts(doc: Document) -> Iterator[Raw]:
    """Conflicts recorded by the resolver: type word vs code, two dates, registry disagreements."""
    codes = {"doc_type": "NQ402", "date": "NQ403"}
    for ref in doc.references:
        for conflict in ref.conflicts:
            line = conflict.lines[0] if conflict.lines else None
            yield line, codes.get(conflict.field, "NQ404"), f"{ref.id}: {conflict.message}"


def text_quality(doc: Document) -> Iterator[Raw]:
    """Lines left in unparsed (boilerplate excepted); mojibake."""
    for u in doc.unparsed:
        if u.reason != "boilerplate":
            yield u.line, "NQ501", f"line not recognised ({u.reason}): {u.text[:60]!r}"
    for block in doc.blocks:
        if _MOJIBAKE.search(block.text):
            yield block.line, "NQ502", "looks like broken encoding (mojibake)"
            return


RULES: tuple[Rule, ...] = (identity, numbering, citation_dates, reference_conflicts, text_quality)


def validate_document(
    doc: Document, file: str, select: set[str] | None = None, ignore: set[str] = frozenset()
) -> list[Finding]:
    """All findings for one document, sorted by line; ``select``/``ignore`` filter codes by prefix."""
    rules = catalogue()
    raw: list[Raw] = [(d.line, d.code, d.message) for d in doc.diagnostics if d.code != "NQ000"]
    decision = doc.document_type in DECISION_TYPES
    for rule in RULES:
        for line, code, message in rule(doc):
            if rules.get(code, {}).get("applies") == "decision" and not decision:
                continue
            raw.append((line, code, message))
    severities = {d.code: d.severity for d in doc.diagnostics}
    findings = []
    for line, code, message in raw:
        if select and not any(code.startswith(s) for s in select):
            continue
        if any(code.startswith(s) for s in ignore):
            continue
        severity = rules.get(code, {}).get("severity") or severities.get(code, "warning")
        findings.append(Finding(file, line, severity, code, message))
    return sorted(findings, key=lambda f: (f.line or 0, f.code))


def to_sarif(findings: list[Finding], version: str) -> dict:
    """SARIF 2.1.0: one run, every catalogued rule in tool.driver.rules."""
    level = {"error": "error", "warning": "warning", "info": "note"}
    rules = [
        {
            "id": code,
            "shortDescription": {"text": meta["description"]},
            "defaultConfiguration": {"level": level[meta["severity"]]},
        }
        for code, meta in sorted(catalogue().items())
    ]
    results = []
    for f in findings:
        location = {"physicalLocation": {"artifactLocation": {"uri": f.file}}}
        if f.line:
            location["physicalLocation"]["region"] = {"startLine": f.line}
        results.append(
            {
                "ruleId": f.code,
                "level": level[f.severity],
                "message": {"text": f.message},
                "locations": [location],
            }
        )
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "nq57parse", "version": version, "rules": rules}},
                "results": results,
            }
        ],
    }


def to_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands, one per finding."""
    kind = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for f in findings:
        where = f"file={f.file}" + (f",line={f.line}" if f.line else "")
        lines.append(f"::{kind[f.severity]} {where},title={f.code}::{f.message}")
    return "\n".join(lines) + ("\n" if lines else "")
