"""``extract --format text``: a document as a person reads it, in an 80-column terminal.

In: a ``Document``. Out: plain text (no colour codes, so it pipes and diffs): the header panel, legal
bases with the documents they name, the outline as a tree with line numbers, the signature and
recipients, each appendix as a table cut to ``rows`` rows with the number left out, footnotes, the
cited documents grouped by relation with their mention lines, unparsed lines, then the diagnostics.
"""

from __future__ import annotations

import textwrap

from ..models import Appendix, Document
from . import common

# Appendix columns shown in a terminal (others are in `nq57parse table`): key, share of the free width;
# a table without them shows its own first columns.
TEXT_COLUMNS = (("task", 0.5), ("lead", 0.3), ("deadline", 0.2))


def _heading(title: str) -> list[str]:
    return ["", title, "─" * len(title)]


def _wrap(text: str, width: int, indent: str, first: str | None = None) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    ) or [(indent if first is None else first).rstrip()]


def _fit(text: str, width: int) -> str:
    return common.shorten(text, width).ljust(width) if width > 0 else ""


def header(doc: Document, width: int) -> list[str]:
    number = doc.number.canonical if doc.number else ""
    title = " ".join(x for x in (common.type_word(doc.document_type).upper(), number) if x)
    lines = [title, "═" * min(width, max(len(title), 20))]
    facts = [*common.header_facts(doc), ("Source", common.source_line(doc))]
    pad = max(len(label) for label, _ in facts) + 2
    for label, value in facts:
        lines += _wrap(value, width, " " * pad, first=label.ljust(pad))
    return lines


def legal_bases(doc: Document, width: int) -> list[str]:
    if not doc.legal_bases:
        return []
    lines = _heading(f"Legal bases ({len(doc.legal_bases)})")
    for n, (basis, targets) in enumerate(zip(doc.legal_bases, common.basis_targets(doc), strict=True), 1):
        lines += _wrap(basis.text, width, "     ", first=f"{n:>3}. ")
        where = f"line {basis.line}"
        lines.append(f"     → {', '.join(targets)}  ({where})" if targets else f"     ({where})")
    return lines


def outline(doc: Document, width: int) -> list[str]:
    nodes = common.outline(doc, limit=width)
    if not nodes:
        return []
    lines = _heading("Outline")
    lines += _tree(nodes, "", width, top=True)
    return lines


def _tree(nodes: list[common.Node], prefix: str, width: int, top: bool = False) -> list[str]:
    lines = []
    for i, node in enumerate(nodes):
        last = i == len(nodes) - 1
        branch = "" if top else ("└─ " if last else "├─ ")
        head = f"{node.line:>5}  {prefix}{branch}{node.label}"
        room = width - len(head) - 1
        lines.append(f"{head} {common.shorten(node.title, room)}".rstrip() if room > 8 else head)
        inner = prefix if top else prefix + ("   " if last else "│  ")
        lines += _tree(node.children, inner, width)
    return lines


def signature(doc: Document, width: int) -> list[str]:
    lines: list[str] = []
    sig = doc.signature
    if sig is not None:
        lines += _heading("Signature")
        chain = sig.chain or [x for x in (sig.on_behalf_of, sig.position) if x]
        lines += [f"  {x}" for x in chain]
        lines.append(f"  {sig.signer or '(no name)'}  (line {sig.line})")
    if doc.recipients:
        lines += _heading(f"Recipients ({len(doc.recipients)})")
        for r in doc.recipients:
            lines += _wrap(r, width, "    ", first="  - ")
    return lines


def appendices(doc: Document, width: int, rows: int | None) -> list[str]:
    lines: list[str] = []
    for appendix in doc.appendices:
        title = f"{appendix.title} ({len(appendix.rows)} rows, line {appendix.line})"
        lines += _heading(title)
        if appendix.heading:
            lines += _wrap(appendix.heading, width, "  ")
        if not appendix.rows:
            continue
        lines.append("")
        lines += _table(appendix, width, rows)
    return lines


def _table(appendix: Appendix, width: int, rows: int | None) -> list[str]:
    titles = {c.key: c.title for c in appendix.columns}
    keys = _text_columns([c.key for c in appendix.columns if c.key != "tt"])
    free = width - 6 - 2 * len(keys)
    widths = [max(8, int(free * share / sum(s for _, s in keys))) for _, share in keys]
    widths[0] += free - sum(widths)
    out = ["TT    " + "  ".join(_fit(titles[k], w) for (k, _), w in zip(keys, widths, strict=True))]
    out[0] = out[0].rstrip()
    out.append("─" * min(width, 6 + sum(widths) + 2 * (len(widths) - 1)))
    shown, left = common.table_rows(appendix, rows)
    for kind, item in shown:
        if kind == "g":
            out.append(f"{item.label:<6}{common.shorten(item.title.upper(), width - 6)}")
        else:
            cells = [item.cells.get(k, "") for k, _ in keys]
            row = f"{common.shorten(item.tt, 5):<6}" + "  ".join(
                _fit(c, w) for c, w in zip(cells, widths, strict=True)
            )
            out.append(row.rstrip())
    if left:
        out.append(f"… {left} more rows (all of them: nq57parse table FILE)")
    return out


def _text_columns(available: list[str]) -> list[tuple[str, float]]:
    """The cell columns a terminal has room for: the usual ones (task, lead, deadline) that the table
    has, topped up with its other columns to three."""
    keys = [(k, share) for k, share in TEXT_COLUMNS if k in available]
    chosen = {k for k, _ in keys}
    keys += [(k, 0.3) for k in available if k not in chosen][: max(0, 3 - len(keys))]
    return keys


def footnotes(doc: Document, width: int) -> list[str]:
    if not doc.footnotes:
        return []
    lines = _heading(f"Footnotes ({len(doc.footnotes)})")
    for note in doc.footnotes:
        lines += _wrap(note.text, width, "      ", first=f"  [{note.label}] ".ljust(6))
    return lines


def cited(doc: Document, width: int) -> list[str]:
    groups = common.cited_groups(doc)
    if not groups:
        return []
    total = sum(len(docs) for _, docs in groups)
    lines = _heading(f"Cited documents ({total})")
    for relation, docs in groups:
        lines.append(f"{common.RELATION_TITLES[relation]}:")
        for item in docs:
            lines.append(f"  {item.id}" + ("" if item.known else "  (not in the registry)"))
            if item.description:
                lines += _wrap(item.description, width, "      ")
            where = ", ".join(str(n) for n in item.lines[:12]) + (" …" if len(item.lines) > 12 else "")
            also = [r for r in item.relations if r != relation]
            extra = f"; also {', '.join(also)}" if also else ""
            said = f"{item.mentions} {'mention' if item.mentions == 1 else 'mentions'}"
            lines += _wrap(f"{said}, {_lines_word(item.lines)} {where}{extra}", width, "      ")
            lines += [f"      ! {c}" for c in item.conflicts]
    return lines


def _lines_word(lines: list[int]) -> str:
    return "line" if len(lines) == 1 else "lines"


def unparsed(doc: Document, width: int) -> list[str]:
    if not doc.unparsed:
        return []
    lines = _heading(f"Lines not placed in the structure ({len(doc.unparsed)})")
    for u in doc.unparsed:
        reason = f" [{u.reason}]" if u.reason else ""
        lines.append(f"{u.line:>5}  " + common.shorten(u.text + reason, width - 7))
    return lines


def diagnostics(doc: Document, width: int) -> list[str]:
    found = common.diagnostics(doc)
    lines = _heading(f"Diagnostics ({len(found)})")
    if not found:
        return [*lines, "  none"]
    for d in found:
        where = f"{d.line:>5}" if d.line else "    -"
        lines += _wrap(d.message, width, " " * 22, first=f"{where}  {d.severity:<7} {d.code}  ")
    return lines


def render_text(doc: Document, width: int = 80, rows: int | None = 10) -> str:
    """The whole text view; appendix tables show ``rows`` task rows (None: all)."""
    parts = [
        header(doc, width),
        legal_bases(doc, width),
        outline(doc, width),
        signature(doc, width),
        appendices(doc, width, rows),
        footnotes(doc, width),
        cited(doc, width),
        unparsed(doc, width),
        diagnostics(doc, width),
    ]
    return "\n".join(line for part in parts for line in part) + "\n"
