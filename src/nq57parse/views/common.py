"""The pieces every human view shows, taken from a ``Document`` once and laid out by each view.

In: a ``Document``. Out: plain records: ``header_facts`` (label, value) pairs; ``outline`` a tree of
``Node(kind, label, title, line, children)`` over Phần/Chương/Mục/Điều/khoản/điểm, heading-organised
sections (``I.``/``1.``/``a)``) and attached texts; ``basis_targets`` the documents each legal basis names;
``cited_groups`` the cited documents grouped by relation with their mention lines; ``table_rows`` an
appendix cut to a number of rows with the count left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..models import Article, Container, Document, Section

# How each kind of node is labelled in a view; order of the relation groups shown to a reader.
CONTAINER_WORDS = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "tieu_muc": "Tiểu mục"}
RELATION_ORDER = ("based_on", "implements", "replaces", "amends", "repeals", "guides", "mentions")
RELATION_TITLES = {
    "based_on": "based on (Căn cứ)",
    "implements": "implements (thực hiện)",
    "replaces": "replaces (thay thế)",
    "amends": "amends (sửa đổi, bổ sung)",
    "repeals": "repeals (bãi bỏ)",
    "guides": "guides (hướng dẫn)",
    "mentions": "mentions",
}
BASIS_WORDS = {"can_cu": "Căn cứ", "thuc_hien": "Thực hiện", "xet": "Xét", "theo_de_nghi": "Theo đề nghị"}
DOC_TYPE_WORDS = {
    "quyet_dinh": "Quyết định",
    "nghi_quyet": "Nghị quyết",
    "nghi_dinh": "Nghị định",
    "thong_tu": "Thông tư",
    "luat": "Luật",
    "chi_thi": "Chỉ thị",
    "ke_hoach": "Kế hoạch",
    "chuong_trinh": "Chương trình",
    "thong_bao": "Thông báo",
    "cong_van": "Công văn",
    "huong_dan": "Hướng dẫn",
    "bao_cao": "Báo cáo",
    "to_trinh": "Tờ trình",
    "news": "News",
    "other": "Other",
}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Node:
    """One line of the outline: ``kind`` (chuong, dieu, khoan, diem, item, section, attachment…),
    its printed ``label`` (``Điều 2.``, ``1.``, ``a)``), a ``title`` (heading or opening text) and line."""

    kind: str
    label: str
    title: str
    line: int
    children: list[Node] = field(default_factory=list)


@dataclass
class CitedDocument:
    """A referenced document as a reader wants it: id, what it is, and where it is mentioned."""

    id: str
    description: str
    relations: list[str]
    mentions: int
    lines: list[int]
    known: bool
    conflicts: list[str]


def type_word(doc_type: str | None) -> str:
    return DOC_TYPE_WORDS.get(doc_type or "", doc_type or "")


def header_facts(doc: Document) -> list[tuple[str, str]]:
    """The header panel: (label, value) for each fact the document has."""
    facts = [
        ("Type", type_word(doc.document_type)),
        ("Number", doc.number.canonical if doc.number else ""),
        ("Issuer", " / ".join(x for x in (doc.parent_issuer, doc.issuer) if x)),
        ("Place", doc.place or ""),
        ("Date", doc.issued_on or ""),
        ("Title", doc.title or ""),
        ("Authority", doc.authority or ""),
    ]
    return [(label, value) for label, value in facts if value]


def source_line(doc: Document) -> str:
    """``path · encoding · N lines · language``."""
    src = doc.source
    return " · ".join(
        x for x in (src.path or "<stdin>", src.encoding, f"{src.line_count} lines", src.language) if x
    )


def basis_targets(doc: Document) -> list[list[str]]:
    """For each legal basis, the canonical targets it cites, in order, once each: its own
    ``citations`` when the parser filled them, else the citations on its lines whose text is part of
    the basis text (several bases can share one line: ``Thực hiện A; B; C``)."""
    result = []
    for basis in doc.legal_bases:
        cites = basis.citations
        if not cites:
            own = " ".join(basis.text.split())
            near = [c for c in doc.citations if basis.line <= c.line <= (basis.end_line or basis.line)]
            cites = [c for c in near if " ".join(c.text.split()) in own]
        targets: list[str] = []
        for cite in cites:
            if cite.target and not cite.self_reference and cite.target not in targets:
                targets.append(cite.target)
        result.append(targets)
    return result


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _article_node(article: Article, limit: int) -> Node:
    title = article.heading or shorten(article.text, limit)
    node = Node("dieu", f"Điều {article.number}.", title, article.line)
    for clause in article.clauses:
        child = Node("khoan", f"{clause.label}.", shorten(clause.text, limit), clause.line)
        for point in clause.points:
            leaf = Node("diem", f"{point.label})", shorten(point.text, limit), point.line)
            leaf.children = [Node("item", i.label, shorten(i.text, limit), i.line) for i in point.items]
            child.children.append(leaf)
        child.children += [Node("item", i.label, shorten(i.text, limit), i.line) for i in clause.items]
        node.children.append(child)
    node.children += [Node("item", i.label, shorten(i.text, limit), i.line) for i in article.items]
    return node


def _container_nodes(containers: list[Container], articles: dict[str, Article], limit: int) -> list[Node]:
    nodes = []
    for box in containers:
        node = Node(box.kind, f"{CONTAINER_WORDS[box.kind]} {box.label}", box.heading or "", box.line)
        nodes.append(node)
        inner = {n for child in box.children for n in _all_articles(child)}
        for number in box.articles:
            if number in articles and number not in inner:
                node.children.append(_article_node(articles[number], limit))
        node.children += _container_nodes(box.children, articles, limit)
        node.children.sort(key=lambda n: n.line)
    return nodes


def _all_articles(box: Container) -> list[str]:
    return [*box.articles, *(n for child in box.children for n in _all_articles(child))]


def _section_label(label: str) -> str:
    """The label as printed: ``I.``, ``1.1.``, ``a)``, ``-``; an unmarked paragraph shows ``·``."""
    if not label:
        return "·"
    if label in ("-", "+", "*", "•"):
        return label
    if len(label) <= 2 and label[0].islower():
        return f"{label})"
    return f"{label}."


def _section_nodes(sections: list[Section], limit: int) -> list[Node]:
    return [
        Node(
            "section",
            _section_label(sec.label),
            sec.heading or shorten(sec.text, limit),
            sec.line,
            _section_nodes(sec.children, limit),
        )
        for sec in sections
    ]


def _body_nodes(structure: list[Any], articles: list[Any], sections: list[Any], limit: int) -> list[Node]:
    by_number = {a.number: a for a in articles}
    nodes = _container_nodes(structure, by_number, limit)
    placed = {n for box in structure for n in _all_articles(box)}
    nodes += [_article_node(a, limit) for a in articles if a.number not in placed]
    nodes += _section_nodes(sections, limit)
    return sorted(nodes, key=lambda n: n.line)


def outline(doc: Document, limit: int = 70) -> list[Node]:
    """The document's outline tree: body (containers, articles, sections), then attached texts."""
    nodes = _body_nodes(doc.structure, doc.articles, doc.sections, limit)
    for att in doc.attachments:
        node = Node("attachment", att.title, shorten(att.heading or "", limit), att.line)
        node.children = _body_nodes(att.structure, att.articles, att.sections, limit)
        nodes.append(node)
    return nodes


def walk(nodes: list[Node], depth: int = 0) -> Iterator[tuple[int, Node]]:
    """``(depth, node)`` for every node, depth first."""
    for node in nodes:
        yield depth, node
        yield from walk(node.children, depth + 1)


def mention_lines(doc: Document, self_references: bool = False) -> dict[str, list[int]]:
    """Each cited target's lines, in order, once each (the document's own number left out unless
    ``self_references``)."""
    lines: dict[str, list[int]] = {}
    for cite in doc.citations:
        if cite.target and (self_references or not cite.self_reference):
            seen = lines.setdefault(cite.target, [])
            if cite.line not in seen:
                seen.append(cite.line)
    return lines


def cited_groups(doc: Document) -> list[tuple[str, list[CitedDocument]]]:
    """Cited documents grouped by their strongest relation (Căn cứ first, mere mentions last)."""
    lines = mention_lines(doc)
    groups: dict[str, list[CitedDocument]] = {r: [] for r in RELATION_ORDER}
    for ref in doc.references:
        if ref.id not in lines:
            continue
        relations = sorted(ref.relations or ["mentions"], key=RELATION_ORDER.index)
        parts = [type_word(ref.doc_type), ref.date or "", ref.issuer or ""]
        description = " · ".join(p for p in parts if p)
        if ref.subject:
            description += f" — {ref.subject}" if description else ref.subject
        groups[relations[0]].append(
            CitedDocument(
                id=ref.id,
                description=description,
                relations=relations,
                mentions=ref.mentions,
                lines=lines[ref.id],
                known=ref.known,
                conflicts=[c.message for c in ref.conflicts],
            )
        )
    return [(r, docs) for r, docs in groups.items() if docs]


def table_rows(appendix: Any, limit: int | None) -> tuple[list[tuple[str, Any]], int]:
    """Group and task rows of an appendix in line order (``("g", group)`` / ``("r", row)``), cut to
    ``limit`` task rows; also the number of task rows left out."""
    events = sorted(
        [(g.line, "g", g) for g in appendix.groups] + [(r.line, "r", r) for r in appendix.rows],
        key=lambda e: (e[0], e[1]),
    )
    shown: list[tuple[str, object]] = []
    rows = 0
    for _, kind, item in events:
        if kind == "r":
            if limit is not None and rows >= limit:
                break
            rows += 1
        shown.append((kind, item))
    if shown and shown[-1][0] == "g":
        shown.pop()
    return shown, len(appendix.rows) - rows


def diagnostics(doc: Document) -> list:
    """Diagnostics by line (findings with no line last), errors before warnings at one line."""
    return sorted(
        doc.diagnostics, key=lambda d: (d.line is None, d.line or 0, SEVERITY_ORDER.get(d.severity, 3))
    )
