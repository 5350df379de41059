"""``nq57parse report FILE... -o report.html``: one self-contained HTML page for reading documents.

In: parsed documents with the normalised text their offsets point into (``ReportInput``), and the
citation graph of the inputs (``nq57parse.graph``). Out: one HTML file with its CSS and JavaScript
inline (``views/assets/``) and nothing fetched from the network: a navigation outline; per document its
header facts, legal bases, the text line by line with every citation highlighted and linked to its
reference entry (and that entry to the other input when the cited document is one), diagnostics
beside their lines, appendix tables that sort (click a column) and filter (type words), the references
and the diagnostics; then the graph of the inputs as inline SVG drawn by graphviz's ``dot`` when it is
installed, else as a list of edges.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from html import escape
from importlib import resources

from ..models import Document
from ..normalise import NormalisedText
from . import common


@dataclass
class ReportInput:
    """One document of the report: its path, the parsed document and its normalised text."""

    path: str
    doc: Document
    norm: NormalisedText


def load_input(
    path: str | os.PathLike[str], registry_paths: tuple[str, ...] = (), max_bytes: int | None = None
) -> ReportInput:
    """Read and parse ``path`` keeping the normalised text (``InputError`` when it cannot be read)."""
    path = os.fspath(path)
    from ..normalise import normalise
    from ..pipeline import parse_normalised
    from ..read import DEFAULT_MAX_BYTES, read_path

    raw = read_path(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    norm = normalise(raw.text)
    return ReportInput(path, parse_normalised(norm, raw, registry_paths=registry_paths), norm)


def _asset(name: str) -> str:
    return resources.files("nq57parse.views").joinpath("assets", name).read_text(encoding="utf-8")


def _number(doc: Document) -> str | None:
    return doc.number.canonical if doc.number else None


def doc_title(item: ReportInput) -> str:
    doc = item.doc
    name = " ".join(x for x in (common.type_word(doc.document_type), _number(doc) or "") if x)
    return name if _number(doc) else f"{name} — {os.path.basename(item.path) or item.path}"


# --------------------------------------------------------------------------- the text with citations


def _line_spans(item: ReportInput, refs: dict[str, str]) -> dict[int, list[tuple[int, int, str]]]:
    """Per line, the citation pieces on it: (start, end) within the line and the link target id."""
    norm = item.norm
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for cite in item.doc.citations:
        ref = refs.get(cite.target or "", "")
        first, last = norm.line_of(cite.start), norm.line_of(max(cite.start, cite.end - 1))
        for line in range(first, last + 1):
            begin = norm.line_starts[line - 1]
            end = begin + len(norm.lines[line - 1])
            lo, hi = max(cite.start, begin) - begin, min(cite.end, end) - begin
            if hi > lo:
                spans.setdefault(line, []).append((lo, hi, ref))
    return spans


def _line_html(text: str, pieces: list[tuple[int, int, str]]) -> str:
    out, at = [], 0
    for lo, hi, ref in sorted(pieces):
        if lo < at:
            continue  # overlapping citations: the first one wins
        out.append(escape(text[at:lo]))
        inner = escape(text[lo:hi])
        if ref:
            out.append(f'<a class="cite" href="#{ref}">{inner}</a>')
        else:
            out.append(f'<a class="cite unresolved" title="not resolved to a document">{inner}</a>')
        at = hi
    out.append(escape(text[at:]))
    return "".join(out)


def _text_block(item: ReportInput, key: str, refs: dict[str, str]) -> str:
    spans = _line_spans(item, refs)
    notes: dict[int, list[str]] = {}
    for d in item.doc.diagnostics:
        if d.line:
            notes.setdefault(d.line, []).append(
                f'<span class="diag {d.severity}" title="{d.severity}">{d.code} {escape(d.message)}</span>'
            )
    rows = []
    for number, text in enumerate(item.norm.lines, 1):
        here = notes.get(number, [])
        cls = "ln-row has-diag" if here else "ln-row"
        rows.append(
            f'<div class="{cls}" id="{key}-L{number}"><span class="no"><a href="#{key}-L{number}">{number}</a></span>'
            f'<span class="tx">{_line_html(text, spans.get(number, []))}</span>'
            f'<span class="notes">{"".join(here)}</span></div>'
        )
    return '<div class="text">' + "\n".join(rows) + "</div>"


# --------------------------------------------------------------------------- the other parts


def _facts(doc: Document) -> str:
    rows = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>"
        for k, v in [*common.header_facts(doc), ("Source", common.source_line(doc))]
    )
    return f'<table class="facts">{rows}</table>'


def _target_links(targets: list[str], refs: dict[str, str]) -> str:
    return ", ".join(
        f'<a class="target" href="#{refs[t]}">{escape(t)}</a>'
        if t in refs
        else f'<span class="target">{escape(t)}</span>'
        for t in targets
    )


def _bases(doc: Document, key: str, refs: dict[str, str]) -> str:
    if not doc.legal_bases:
        return ""
    items = []
    for basis, targets in zip(doc.legal_bases, common.basis_targets(doc), strict=True):
        arrow = f" → {_target_links(targets, refs)}" if targets else ""
        items.append(
            f'<li>{escape(basis.text)}{arrow} <a class="muted" href="#{key}-L{basis.line}">line {basis.line}</a></li>'
        )
    return f'<h3>Legal bases ({len(items)})</h3><ol class="bases">{"".join(items)}</ol>'


def _signature(doc: Document, key: str) -> str:
    sig = doc.signature
    if sig is None:
        return ""
    chain = "<br>".join(escape(x) for x in sig.chain or [x for x in (sig.on_behalf_of, sig.position) if x])
    name = escape(sig.signer or "(no name)")
    return (
        f"<h3>Signature</h3><p>{chain}<br><strong>{name}</strong> "
        f'<a class="muted" href="#{key}-L{sig.line}">line {sig.line}</a></p>'
    )


def _appendices(doc: Document, key: str) -> str:
    parts = []
    for n, appendix in enumerate(doc.appendices):
        if not appendix.rows:
            continue
        groups = {g.label: g.title for g in appendix.groups}
        columns = [c for c in appendix.columns if c.key != "tt"]
        head = "<th>TT</th>" + ("<th>Group</th>" if groups else "")
        head += "".join(f"<th>{escape(c.title)}</th>" for c in columns) + "<th>Line</th>"
        body = []
        for row in appendix.rows:
            group = (
                f'<td title="{escape(groups.get(row.group or "", ""))}">{escape(row.group or "")}</td>'
                if groups
                else ""
            )
            cells = "".join(f"<td>{escape(row.cells.get(c.key, ''))}</td>" for c in columns)
            body.append(
                f'<tr><td>{escape(row.tt)}</td>{group}{cells}<td><a href="#{key}-L{row.line}">{row.line}</a></td></tr>'
            )
        title = escape(" — ".join(x for x in (appendix.title, appendix.heading or "") if x))
        parts.append(
            f'<div class="appendix" id="{key}-app{n}"><h3>{title}</h3>'
            f'<div class="table-tools"><input type="search" placeholder="Filter rows: type words" '
            f'aria-label="Filter rows"><span class="count">{len(body)} rows</span>'
            f"<span>Click a column title to sort.</span></div>"
            f'<div class="table-wrap"><table class="data"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div></div>"
        )
    return "".join(parts)


def _references(item: ReportInput, key: str, refs: dict[str, str], inputs_by_number: dict[str, str]) -> str:
    doc = item.doc
    lines = common.mention_lines(doc, self_references=True)
    entries = []
    for ref in doc.references:
        parts = [common.type_word(ref.doc_type), ref.date or "", ref.issuer or ""]
        what = " · ".join(escape(p) for p in parts if p)
        subject = f" — {escape(ref.subject)}" if ref.subject else ""
        where = ", ".join(f'<a href="#{key}-L{n}">{n}</a>' for n in lines.get(ref.id, []))
        other = inputs_by_number.get(ref.id)
        other = other if other != key else None
        opened = (
            f' <a class="input-link" href="#{other}">open this document in the report →</a>' if other else ""
        )
        known = "" if ref.known else ' <span class="muted">(not in the registry)</span>'
        conflicts = "".join(f'<div class="conflict">⚠ {escape(c.message)}</div>' for c in ref.conflicts)
        entries.append(
            f'<li id="{refs[ref.id]}"><span class="target">{escape(ref.id)}</span>{known} {what}{subject}'
            f'<div class="muted">{escape(", ".join(ref.relations) or "mentions")}; {ref.mentions} '
            f"mention(s); lines {where}</div>{opened}{conflicts}</li>"
        )
    if not entries:
        return ""
    return f'<h3>Cited documents ({len(entries)})</h3><ol class="refs">{"".join(entries)}</ol>'


def _diagnostics(doc: Document, key: str) -> str:
    found = common.diagnostics(doc)
    if not found:
        return '<h3>Diagnostics (0)</h3><p class="muted">None.</p>'
    items = "".join(
        f'<li><span class="diag {d.severity}">'
        + (f'<a href="#{key}-L{d.line}">line {d.line}</a> ' if d.line else "")
        + f"{d.severity} {d.code}: {escape(d.message)}</span></li>"
        for d in found
    )
    return f'<h3>Diagnostics ({len(found)})</h3><ul class="diags">{items}</ul>'


def _nav(items: list[ReportInput], keys: list[str]) -> str:
    parts = ['<nav class="outline" aria-label="Outline"><h1>nq57parse report</h1><ul>']
    for item, key in zip(items, keys, strict=True):
        parts.append(f'<li><a class="doc-link" href="#{key}">{escape(doc_title(item))}</a>')
        parts.append(_nav_tree(common.outline(item.doc, limit=60), key))
        parts.append("</li>")
    parts.append('<li><a class="doc-link" href="#graph">Citation graph</a></li></ul></nav>')
    return "".join(parts)


def _nav_tree(nodes: list[common.Node], key: str) -> str:
    if not nodes:
        return ""
    items = "".join(
        f'<li><a href="#{key}-L{n.line}" title="{escape(n.title)}">{escape(n.label)} {escape(n.title)}</a>'
        f"{_nav_tree(n.children, key) if n.kind not in ('khoan', 'diem', 'item') else ''}</li>"
        for n in nodes
    )
    return f"<ul>{items}</ul>"


# --------------------------------------------------------------------------- the graph


def graph_svg(dot_text: str, timeout: float = 60.0) -> str | None:
    """The graph drawn by graphviz as an inline ``<svg>`` element, or None without ``dot``."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    try:
        done = subprocess.run(
            [dot, "-Tsvg"], input=dot_text, capture_output=True, text=True, timeout=timeout, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    svg = done.stdout
    start = svg.find("<svg")
    return re.sub(r"<!--.*?-->", "", svg[start:], flags=re.S) if start >= 0 else None


def _graph_section(graph: dict, svg: str | None) -> str:
    if svg:
        body = f'<div class="graph">{svg}</div>'
    else:
        items = "".join(
            f"<li>{escape(e['source'])} — {escape(e['relation'])} ×{e['count']} → {escape(e['target'])}</li>"
            for e in graph["edges"]
        )
        body = f'<p class="muted">graphviz is not installed: the edges as a list.</p><ul>{items}</ul>'
    return f'<section id="graph" class="doc"><h2>Citation graph</h2>{body}</section>'


# --------------------------------------------------------------------------- the page


def render_report(
    items: list[ReportInput], graph: dict, svg: str | None, title: str = "nq57parse report"
) -> str:
    """The whole page."""
    keys = [f"d{i}" for i in range(len(items))]
    inputs_by_number = {
        number: key for it, key in zip(items, keys, strict=True) if (number := _number(it.doc))
    }
    sections = []
    for item, key in zip(items, keys, strict=True):
        doc = item.doc
        refs = {ref.id: f"{key}-ref{n}" for n, ref in enumerate(doc.references)}
        sections.append(
            f'<section class="doc" id="{key}"><h2>{escape(doc_title(item))}</h2>{_facts(doc)}'
            f"{_bases(doc, key, refs)}{_signature(doc, key)}"
            f"<h3>Text ({len(item.norm.lines)} lines, {len(doc.citations)} citations)</h3>"
            f"{_text_block(item, key, refs)}{_appendices(doc, key)}"
            f"{_references(item, key, refs, inputs_by_number)}{_diagnostics(doc, key)}</section>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_asset('report.css')}</style></head>"
        f'<body><div class="layout">{_nav(items, keys)}<main>'
        + "\n".join(sections)
        + _graph_section(graph, svg)
        + f"</main></div><script>{_asset('report.js')}</script></body></html>\n"
    )
