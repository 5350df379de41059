"""``extract --format markdown``: the text view as GitHub-flavoured Markdown.

In: a ``Document``. Out: Markdown: a title and a facts table, the legal bases as a numbered list with
their targets, the outline as nested bullets with line numbers, the signature, each appendix as a pipe
table cut to ``rows`` rows (the rest counted), the cited documents per relation as tables, diagnostics
last. Text from the document is escaped so that ``*``, ``_``, ``|`` or ``<`` in it stay literal.
"""

from __future__ import annotations

import re

from ..models import Document
from . import common

# Characters that GitHub Markdown would read as markup inside inline text.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
BULLETS = ("-", "+", "*", "•", "·")  # labels a Markdown bullet already shows
MD_COLUMNS = ("tt", "task", "lead", "partners", "result", "deadline")


def escape(text: str) -> str:
    """Inline text with Markdown markup characters escaped and line breaks as ``<br>``."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n", "<br>")


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def header(doc: Document) -> list[str]:
    number = doc.number.canonical if doc.number else ""
    title = " ".join(x for x in (common.type_word(doc.document_type), number) if x)
    facts = [*common.header_facts(doc), ("Source", common.source_line(doc))]
    return [
        f"# {escape(title)}",
        "",
        *_table(["Field", "Value"], [[f"**{k}**", escape(v)] for k, v in facts]),
    ]


def legal_bases(doc: Document) -> list[str]:
    if not doc.legal_bases:
        return []
    lines = ["", f"## Legal bases ({len(doc.legal_bases)})", ""]
    for n, (basis, targets) in enumerate(zip(doc.legal_bases, common.basis_targets(doc), strict=True), 1):
        target = f" → {', '.join(f'**{escape(t)}**' for t in targets)}" if targets else ""
        lines.append(f"{n}. {escape(basis.text)}{target} *(line {basis.line})*")
    return lines


def outline(doc: Document) -> list[str]:
    nodes = common.outline(doc, limit=100)
    if not nodes:
        return []
    lines = ["", "## Outline", ""]
    for depth, node in common.walk(nodes):
        label = [] if node.label in BULLETS else [f"**{escape(node.label)}**"]
        words = " ".join([*label, *([escape(node.title)] if node.title else [])])
        lines.append(f"{'  ' * depth}- {words} *(line {node.line})*")
    return lines


def signature(doc: Document) -> list[str]:
    lines: list[str] = []
    sig = doc.signature
    if sig is not None:
        chain = sig.chain or [x for x in (sig.on_behalf_of, sig.position) if x]
        lines += ["", "## Signature", ""]
        lines += [f"{escape(x)}<br>" for x in chain]
        lines.append(f"**{escape(sig.signer or '(no name)')}** *(line {sig.line})*")
    if doc.recipients:
        lines += ["", f"## Recipients ({len(doc.recipients)})", ""]
        lines += [f"- {escape(r)}" for r in doc.recipients]
    return lines


def appendices(doc: Document, rows: int | None) -> list[str]:
    lines: list[str] = []
    for appendix in doc.appendices:
        lines += ["", f"## {escape(appendix.title)} ({len(appendix.rows)} rows, line {appendix.line})", ""]
        if appendix.heading:
            lines += [escape(appendix.heading), ""]
        if not appendix.rows:
            continue
        columns = [c for c in appendix.columns if c.key in MD_COLUMNS] or appendix.columns
        shown, left = common.table_rows(appendix, rows)
        body = []
        for kind, item in shown:
            if kind == "g":
                body.append(
                    [f"**{escape(item.label)}**", f"**{escape(item.title)}**"] + [""] * (len(columns) - 2)
                )
            else:
                body.append(
                    [escape(item.tt if c.key == "tt" else item.cells.get(c.key, "")) for c in columns]
                )
        lines += _table([escape(c.title) for c in columns], body)
        if left:
            lines += ["", f"*… {left} more rows (all of them: `nq57parse table FILE`)*"]
    return lines


def footnotes(doc: Document) -> list[str]:
    if not doc.footnotes:
        return []
    return ["", "## Footnotes", "", *(f"- [{escape(n.label)}] {escape(n.text)}" for n in doc.footnotes)]


def cited(doc: Document) -> list[str]:
    groups = common.cited_groups(doc)
    if not groups:
        return []
    lines = ["", f"## Cited documents ({sum(len(d) for _, d in groups)})"]
    for relation, docs in groups:
        lines += ["", f"### {escape(common.RELATION_TITLES[relation])}", ""]
        body = []
        for item in docs:
            notes = "; ".join(escape(c) for c in item.conflicts)
            body.append(
                [
                    f"**{escape(item.id)}**",
                    escape(item.description),
                    str(item.mentions),
                    ", ".join(str(n) for n in item.lines),
                    ", ".join(item.relations) + (f"; ⚠ {notes}" if notes else ""),
                ]
            )
        lines += _table(["Document", "What", "Mentions", "Lines", "Relations"], body)
    return lines


def unparsed(doc: Document) -> list[str]:
    if not doc.unparsed:
        return []
    body = [[str(u.line), escape(u.text), escape(u.reason)] for u in doc.unparsed]
    return [
        "",
        f"## Lines not placed in the structure ({len(doc.unparsed)})",
        "",
        *_table(["Line", "Text", "Reason"], body),
    ]


def diagnostics(doc: Document) -> list[str]:
    found = common.diagnostics(doc)
    lines = ["", f"## Diagnostics ({len(found)})", ""]
    if not found:
        return [*lines, "None."]
    body = [[str(d.line or ""), d.severity, d.code, escape(d.message)] for d in found]
    return lines + _table(["Line", "Severity", "Code", "Message"], body)


def render_markdown(doc: Document, rows: int | None = 20) -> str:
    """The whole Markdown view; appendix tables show ``rows`` task rows (None: all)."""
    parts = [
        header(doc),
        legal_bases(doc),
        outline(doc),
        signature(doc),
        appendices(doc, rows),
        footnotes(doc),
        cited(doc),
        unparsed(doc),
        diagnostics(doc),
    ]
    return "\n".join(line for part in parts for line in part) + "\n"
