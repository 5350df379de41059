"""Stage: validate — a parsed ``Document`` → findings, for ``nq57parse validate``.

In: the ``Document``, its path and (optionally) its normalised lines. Out: ``Finding(file, line,
severity, code, message)`` per problem, from the parser's and the table stage's diagnostics (NQ0xx,
NQ3xx) and from the rules below (NQ1xx identity, NQ2xx numbering, NQ3xx tables, NQ4xx citations and
dates, NQ5xx text). Each rule is a small pure function; codes, default severities and where a rule
applies live in ``data/rules.yaml``. Plans and news are not held to a decision's identity rules
(``applies: decision``; which types are decisions: ``decision_types`` in ``data/structure.yaml``).

Then the filters, in this order: ``select``/``ignore`` (code prefixes), severity overrides from the
configuration (``off`` drops a rule), and inline silencing: a line holding ``nq57parse: ignore NQ303``
(in a comment form: ``<!-- … -->``, ``# …``) silences that code on that line (codes in any case;
a prefix such as ``NQ3`` silences its family), ``nq57parse: ignore`` alone every finding on it.
A marker whose words after ``ignore`` are not codes (``ignore NQ3O3``, ``ignore: NQ303``) silences
nothing: a typo must not silence the whole line. ``check_raw`` parses a text with its markers taken out (the parser never
sees them; line numbers do not move) and silences against the lines as written. HTML drops comments
when read, so ``html_markers_as_text`` first turns a marker comment into text on its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from .datafiles import data_file
from .models import Document, DocumentNumber, TableRow
from .numbers import parse_number
from .read import RawText
from .rules import catalogue as catalogue  # the rule catalogue, re-exported for its users
from .shapes import POINT_LETTERS, cues

_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf]|á»|áº|Æ°|Ä‘|Ä\u0091")
_SILENCE = re.compile(r"nq57parse:[ \t]*ignore(?![\w:=-])(.*)")
_CODE_TOKEN = re.compile(r"NQ\d{1,3}", re.IGNORECASE)
_MARKER = re.compile(r"[ \t]*(?:<!--[ \t]*nq57parse:[^\n]*?-->|#[ \t]*nq57parse:[^\n]*)")
_HTML_MARKER = re.compile(rb"<!--\s*(nq57parse:[^<>]*?)\s*-->")
MOJIBAKE_FINDINGS = 5  # per document: the first lines are enough to point at a broken encoding
_SUB_LABEL = re.compile(r"^(\d{1,3}(?:\.\d{1,2})+)\.?$")  # 12.1, 27.10 (not 12.2025)
PARTY_FORM = re.compile(r"^\d+[a-z]?-")  # a Party number: serial-TYPE/ISSUER (57-NQ/TW)


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    severity: str
    code: str
    message: str
    column: int | None = None  # 1-based; where the line's text starts (set by the validate command)

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


Raw = tuple[int | None, str, str]  # line, code, message
Rule = Callable[[Document], Iterator[Raw]]


def _block_line(doc: Document, kind: str) -> int | None:
    return next((b.line for b in doc.blocks if b.kind == kind), None)


def identity(doc: Document) -> Iterator[Raw]:
    """NĐ 30/2020 components: number, date, issuer, title, signature, recipients."""
    first = doc.blocks[0].line if doc.blocks else 1
    if doc.number is None:
        yield (
            _block_line(doc, "number") or _missing_number_line(doc) or first,
            "NQ101",
            "no document number (Số: …)",
        )
    elif doc.document_type in catalogue()["NQ102"]["types"] and doc.number.year is None:
        yield (
            _block_line(doc, "number"),
            "NQ102",
            f"{doc.number.canonical}: a normative text's number carries its year",
        )
    else:
        yield from _number_form(doc)
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


def _number_form(doc: Document) -> Iterator[Raw]:
    """NQ108: a Party body numbers serial-TYPE/ISSUER (57-NQ/TW), a state body serial/TYPE-ISSUER;
    NQ109: an administrative text's number has no year (12/KH-UBND, not 12/2025/KH-UBND)."""
    number = doc.number
    if number is None:
        return
    mismatch = _form_mismatch(number)
    if mismatch:
        who, form = mismatch
    elif number.year and doc.document_type in catalogue()["NQ109"]["types"]:
        yield (
            _block_line(doc, "number"),
            "NQ109",
            f"{number.raw}: only normative texts carry the year in their number "
            f"({number.serial}/{number.type_code}-{number.issuer_code})",
        )
        return
    else:
        return
    yield _block_line(doc, "number"), "NQ108", f"{number.raw}: {who} number is written {form}"


def _missing_number_line(doc: Document) -> int | None:
    """Where a missing Số line belongs: it shares the header's row with the place and date, so the
    blank line just above the place-date line (a Số line emptied), else the place-date line."""
    date_line = _block_line(doc, "place_date")
    if date_line is None:
        return None
    taken = {n for b in doc.blocks for n in range(b.line, (b.end_line or b.line) + 1)}
    return date_line - 1 if date_line > 1 and date_line - 1 not in taken else date_line


def _form_mismatch(number: DocumentNumber) -> tuple[str, str] | None:
    """Whose number this is and how it should be written, when its form is the other side's:
    a Party body writes serial-TYPE/ISSUER (57-NQ/TW), a state body serial/TYPE-ISSUER."""
    shared = set(catalogue()["NQ108"].get("shared_codes", ()))
    hyphen_form = bool(PARTY_FORM.match(number.raw))
    if not number.type_code:
        return None
    if number.issuer_code in party_issuers() - shared and not hyphen_form:
        return "a Party document's", f"{number.serial}-{number.type_code}/{number.issuer_code}"
    if number.issuer_code in state_issuers() - party_issuers() - shared and hyphen_form:
        year = f"{number.year}/" if number.year else ""
        return "a state document's", f"{number.serial}/{year}{number.type_code}-{number.issuer_code}"
    return None


def cited_number_form(doc: Document) -> Iterator[Raw]:
    """NQ406: a cited number in the other side's form (Nghị quyết số 57/NQ-TW for 57-NQ/TW), once
    per line and number."""
    seen = set()
    for c in doc.citations:
        number = parse_number(c.number) if c.number and c.form != "named" else None
        mismatch = _form_mismatch(number) if number else None
        if mismatch and (c.line, c.number) not in seen:
            seen.add((c.line, c.number))
            who, form = mismatch
            yield c.line, "NQ406", f"{c.number}: {who} number is written {form}"


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


_NUMBERED = re.compile(r"\d+(?:\.\d+)*")


def table_rows(doc: Document) -> Iterator[Raw]:
    """A deadline ending before the document was issued; a sub-row not under its parent row (NQ310),
    unless the table stage already reported that label as out of sequence (NQ311, which says where
    the right label belongs): one finding per mistyped label."""
    stray = {d.line for d in doc.diagnostics if d.code == "NQ311"}
    for appendix in doc.appendices:
        latest: dict[int, str] = {}  # depth (1 for 12, 2 for 12.1) → the last row label at that depth
        for row in appendix.rows:
            depth = row.tt.count(".") + 1
            if row.parent and row.line not in stray:
                above = latest.get(row.parent.count(".") + 1)
                if above != row.parent:
                    where = f"under row {above}" if above else "before any row"
                    yield row.line, "NQ310", f"row {row.tt} stands {where}, not under a row {row.parent}"
            if _NUMBERED.fullmatch(row.tt):  # a bullet row (``- …``) or a letter row (``a``) is under it
                latest = {d: tt for d, tt in latest.items() if d < depth} | {depth: row.tt}
            for line, label in _labels_in_cells(row):
                parent = label.rsplit(".", 1)[0]
                above = latest.get(parent.count(".") + 1)
                if parent != above and label != row.tt:
                    yield (
                        line,
                        "NQ310",
                        f"row {label} (read as text of row {row.tt}) stands under row {above}, "
                        f"not under a row {parent}",
                    )
            end = row.deadline.end if row.deadline else None
            if row.deadline and end and doc.issued_on and end < doc.issued_on:
                line = (row.cell_lines.get("deadline") or [row.line])[0]
                yield (
                    line,
                    "NQ309",
                    f"row {row.tt}: deadline {row.deadline.raw!r} ends before the issue date {doc.issued_on}",
                )


def _labels_in_cells(row: TableRow) -> Iterator[tuple[int, str]]:
    """Sub-row labels (``9.1``) alone on a line inside a row's cells: rows the table stage did not
    take as rows, because they do not fit under the row above."""
    for key, text in row.cells.items():
        numbers = row.cell_lines.get(key, [])
        if key == "tt" or len(numbers) != text.count("\n") + 1:
            continue
        for line, cell_line in zip(numbers, text.split("\n"), strict=True):
            m = _SUB_LABEL.match(cell_line.strip())
            if m:
                yield line, m.group(1)


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


def unresolved_short_forms(doc: Document, lines: Sequence[str] | None) -> Iterator[Raw]:
    """NQ405: a short form (Nghị quyết số 03) that resolves to no document. Not when the line goes on
    with the rest of a number the reader did not know (Quy định số 08-QĐi/TW read as 'số 08'): that
    is no short form, and the finding would send the drafter after a mistake that is not there."""
    for c in doc.citations:
        if c.form != "short" or c.target is not None:
            continue
        text = lines[c.line - 1] if lines is not None and 0 < c.line <= len(lines) else ""
        if re.search(re.escape(c.text) + r"[-/][^\W_]", text):
            continue
        yield c.line, "NQ405", f"{c.text[:60]!r} names no number that resolves to one document"


def text_quality(doc: Document) -> Iterator[Raw]:
    """Lines left in unparsed (website boilerplate and page numbers excepted)."""
    for u in doc.unparsed:
        if u.reason not in ("boilerplate", "page_number"):
            yield u.line, "NQ501", f"line not recognised ({u.reason}): {u.text[:60]!r}"


def mojibake(doc: Document, lines: Sequence[str] | None) -> Iterator[Raw]:
    """Signs of UTF-8 read as another encoding (``Nghá»‹ quyáº¿t``), on the first few lines showing them."""
    texts = enumerate(lines, start=1) if lines is not None else ((b.line, b.text) for b in doc.blocks)
    found = 0
    for n, text in texts:
        if _MOJIBAKE.search(text):
            yield n, "NQ502", "looks like broken encoding (mojibake)"
            found += 1
            if found == MOJIBAKE_FINDINGS:
                return


REPAIRS = {
    "tcvn3_to_unicode": "TCVN3 (ABC) font codes",
    "vni_to_unicode": "VNI font codes",
    "mojibake_repaired": "UTF-8 read as Latin-1 (mojibake)",
}


def repaired_encoding(doc: Document) -> Iterator[Raw]:
    """NQ503: the reader repaired the whole text (recorded in ``source.normalizations``), so the file
    reads right here but shows broken letters to anyone opening it as Unicode; no line, the file is."""
    done = [REPAIRS[n] for n in (doc.source.normalizations if doc.source else ()) if n in REPAIRS]
    if done:
        yield None, "NQ503", f"the file's text was repaired before checking: {', '.join(done)}"


RULES: tuple[Rule, ...] = (
    identity,
    numbering,
    table_rows,
    citation_dates,
    reference_conflicts,
    text_quality,
    repaired_encoding,
    cited_number_form,
)


@cache
def party_issuers() -> frozenset[str]:
    """Issuer codes of Party bodies (``TW``, ``TU``, ``ĐU`` …), from ``data/codes.yaml``."""
    return frozenset(data_file("codes.yaml")["party_issuers"])


@cache
def state_issuers() -> frozenset[str]:
    """Issuer codes of state bodies (``BYT``, ``UBND``, ``CP`` …), from ``data/codes.yaml``."""
    return frozenset(data_file("codes.yaml")["state_issuers"])


def silenced(line_text: str) -> set[str] | None:
    """Codes an inline ``nq57parse: ignore …`` marker silences on this line (empty set: every code),
    or None when the line has no marker."""
    marker = _MARKER.search(line_text)
    m = _SILENCE.search(marker.group(0).removesuffix("-->")) if marker else None
    if m is None:
        return None
    words = [w for w in re.split(r"[\s,]+", m.group(1)) if w]
    codes = set()
    for word in words:
        if not _CODE_TOKEN.fullmatch(word):
            break  # the codes end here; a reason may follow them
        codes.add(word.upper())
    if words and not codes:
        return None
    return codes


def validate_document(
    doc: Document,
    file: str,
    select: set[str] | frozenset[str] | None = None,
    ignore: set[str] | frozenset[str] = frozenset(),
    severity: dict[str, str] | None = None,
    lines: Sequence[str] | None = None,
) -> list[Finding]:
    """All findings for one document, sorted by line (see the module docstring for the filters).

    ``lines`` are the document's normalised lines: with them the mojibake rule reads every line and
    inline ``nq57parse: ignore`` markers are honoured."""
    rules = catalogue()
    raw: list[Raw] = [(d.line, d.code, d.message) for d in doc.diagnostics if d.code != "NQ000"]
    decision = doc.document_type in cues()["decision_types"]
    line_rules = [*mojibake(doc, lines), *unresolved_short_forms(doc, lines)]
    for line, code, message in [r for rule in RULES for r in rule(doc)] + line_rules:
        if rules.get(code, {}).get("applies") == "decision" and not decision:
            continue
        raw.append((line, code, message))
    found_as = {d.code: d.severity for d in doc.diagnostics}
    overrides = severity or {}
    findings = []
    for line, code, message in raw:
        if select and not any(code.startswith(s) for s in select):
            continue
        if any(code.startswith(s) for s in ignore):
            continue
        level = overrides.get(code) or rules.get(code, {}).get("severity") or found_as.get(code, "warning")
        if level == "off" or _silenced_inline(code, line, lines):
            continue
        findings.append(Finding(file, line, level, code, message))
    return sorted(findings, key=lambda f: (f.line or 0, f.code))


def without_markers(text: str) -> str:
    """The text with every inline ``nq57parse:`` marker taken out; lines and their count are kept."""
    return _MARKER.sub("", text) if "nq57parse:" in text else text


def html_markers_as_text(data: bytes) -> bytes:
    """HTML whose marker comments (``<!-- nq57parse: ignore … -->``) are written as text instead, so
    that reading the HTML (which drops comments) keeps each marker on its line of the extracted text."""
    return _HTML_MARKER.sub(rb"&lt;!-- \1 --&gt;", data)


def check_raw(
    raw: RawText,
    file: str,
    select: set[str] | frozenset[str] | None = None,
    ignore: set[str] | frozenset[str] = frozenset(),
    severity: dict[str, str] | None = None,
) -> tuple[list[Finding], tuple[str, ...]]:
    """Parse a read text without its inline markers and validate it; return the findings and the
    text's normalised lines as written (markers included), which findings' line numbers point into."""
    from dataclasses import replace

    from .normalise import normalise
    from .pipeline import parse_normalised

    norm = normalise(raw.text)
    bare = without_markers(raw.text)
    parsed_norm = norm if bare == raw.text else normalise(bare)
    doc = parse_normalised(parsed_norm, replace(raw, text=bare))
    return validate_document(doc, file, select, ignore, severity, norm.lines), norm.lines


def _silenced_inline(code: str, line: int | None, lines: Sequence[str] | None) -> bool:
    if line is None or lines is None or not 0 < line <= len(lines):
        return False
    codes = silenced(lines[line - 1])
    return codes is not None and (not codes or any(code.startswith(c) for c in codes))


def to_sarif(findings: list[Finding], version: str) -> dict:
    """SARIF 2.1.0: one run, every catalogued rule in ``tool.driver.rules`` (with its description and
    bad/good example as help), each result pointing at its rule by id and index, its file and line."""
    level = {"error": "error", "warning": "warning", "info": "note"}
    codes = sorted(catalogue())
    index = {code: i for i, code in enumerate(codes)}
    rules = [_sarif_rule(code, catalogue()[code], level) for code in codes]
    results = []
    for f in findings:
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.file)}}}
        if f.line:
            location["physicalLocation"]["region"] = {"startLine": f.line}
            if f.column:
                location["physicalLocation"]["region"]["startColumn"] = f.column
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": level[f.severity],
            "message": {"text": f.message},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        result["locations"] = [location]
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "nq57parse",
                        "version": version,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }


def artifact_uri(file: str) -> str:
    """A file name as a SARIF ``uri``: a relative path stays relative (``docs/qd%20mới.txt``, which
    code scanning reads against the checkout), an absolute one becomes ``file:///…``."""
    from pathlib import PurePath
    from urllib.parse import quote

    path = PurePath(file)
    return path.as_uri() if path.is_absolute() else quote(path.as_posix())


def _sarif_rule(code: str, meta: dict, level: dict[str, str]) -> dict:
    example = f"Bad: {meta['bad']}\nGood: {meta['good']}"
    return {
        "id": code,
        "name": code,
        "shortDescription": {"text": meta["description"]},
        "fullDescription": {"text": f"{meta['description']} (applies to: {meta['applies']})"},
        "help": {"text": example, "markdown": f"**Bad:** `{meta['bad']}`  \n**Good:** `{meta['good']}`"},
        "defaultConfiguration": {"level": level[meta["severity"]]},
    }


def to_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands, one per finding. The runner reads ``%25``, ``%0D`` and
    ``%0A`` back as ``%`` and line breaks, and ``%3A``/``%2C`` in a property (the file name) as ``:``
    and ``,``; so a message quoting ``50%`` or a file named ``a,b.txt`` arrives as written."""
    kind = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for f in findings:
        where = f"file={_github_property(f.file)}" + (f",line={f.line}" if f.line else "")
        lines.append(f"::{kind[f.severity]} {where},title={f.code}::{_github_data(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def rules_markdown() -> str:
    """The README's rule reference, one section per rule of ``data/rules.yaml``; written into the
    README by ``scripts/gen_rules_readme.py`` and kept in step by a test."""
    applies = {"all": "all documents", "decision": "decisions (not plans or news)"}
    out = []
    for code, meta in sorted(catalogue().items()):
        out += [
            f"#### {code} — {meta['description']}",
            "",
            f"Severity: {meta['severity']}. Applies to: {applies[meta['applies']]}.",
            "",
            f"- bad: `{meta['bad']}`",
            f"- good: `{meta['good']}`",
            "",
        ]
    return "\n".join(out)
