"""A ``Document`` → an ``<akomaNtoso>`` tree (before eIds are assigned).

In: the ``Document`` that ``extract`` prints. Out: an lxml tree of one AKN 3.0 document, ``<act>`` or
``<doc name="…">`` (frbr.akn_type), holding every text of the document in the order of its lines:

- ``<preface>``: the header blocks (issuer as ``docAuthority``, motto, ``Số:`` with ``docNumber``,
  place and date with ``location`` and ``docDate``, ``docType``, the trích yếu as ``docTitle``, …);
- ``<preamble>``: each legal basis a ``<citation>`` in ``<citations>``, the enacting word a
  ``<formula name="enactingFormula">``;
- ``<body>`` (``<mainBody>`` for a ``doc``): ``part`` / ``chapter`` / ``section`` (Mục) /
  ``subsection`` (Tiểu mục), ``article`` (Điều), ``paragraph`` (khoản), ``point`` (điểm), dash
  bullets as ``blockList``; a heading-organised body as nested ``hcontainer name="section"``;
- ``<conclusions>``: the signature (``<signature>`` with ``<role>`` and ``<person>``), ``Nơi nhận``;
- ``<attachments>``: each attached text and appendix a ``<doc>`` of its own, tables as ``<table>``.

Every citation becomes a ``<ref href>`` to its target's work IRI where its text stands, and a footnote
an ``<authorialNote marker>`` where its ``[n]`` marker stands. Lines no node took (``unparsed``) are
kept as ``hcontainer name="unparsed"`` (or a ``p class="unparsed"`` in the preface, preamble and
conclusions) where they stand; site furniture (``boilerplate`` blocks, page numbers, markup standing
alone) is left out.
Numbered elements get a temporary ``label`` attribute that ids.assign_eids turns into eIds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from functools import partial

from lxml import etree

from ..models import (
    Appendix,
    Article,
    Attachment,
    Block,
    Citation,
    Clause,
    Container,
    Document,
    Footnote,
    Item,
    Point,
    Section,
    Unparsed,
)
from .frbr import akn_type, citation_iri, document_iri, tables
from .ids import LABEL
from .meta import NS, E, build_meta

HEADER_KINDS = frozenset(
    {"issuer", "motto", "number", "place_date", "doc_type", "title", "subject", "authority", "addressees"}
)
CLOSING_KINDS = frozenset({"recipients", "signature", "closing"})
SKIPPED_KINDS = frozenset({"boilerplate", "rule"})  # site furniture; a rule of dashes carries no text
# blocks of any other kind (``text``, or a kind added later) are kept where their line stands
PLACED_KINDS = HEADER_KINDS | CLOSING_KINDS | SKIPPED_KINDS | {"enacting"}
FURNITURE_REASONS = frozenset({"boilerplate", "page_number", "markup"})
Lines = tuple[int, int]
Part = tuple[
    int, Callable[[int], etree._Element]
]  # an attached part's line and how to build it (given its number)

_NOTE_MARK = re.compile(r"\[(\w{1,4})\]")
# The date part of a place-date line: from ``ngày`` / the month or day words to the year.
_DATE_WORDS = re.compile(
    r"(?:ngày|[Dd]ated|den)?\s*\d.*\d{4}|(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b.*\d{4}"
)


def build_tree(doc: Document) -> etree._Element:
    """The whole ``<akomaNtoso>`` element (without eIds)."""
    return _Builder(doc).build()


def furniture_spans(doc: Document) -> list[tuple[int, int]]:
    """Where site furniture stands (boilerplate blocks, unparsed page numbers, markup and boilerplate):
    ``(start, end)`` offsets into the normalised text, or ``(-line, -end_line)`` for a node without
    offsets. None of it is exported; a citation inside it is not the document's (``is_furniture``)."""
    nodes: list[Block | Unparsed] = [b for b in doc.blocks if b.kind == "boilerplate"]
    nodes += [u for u in doc.unparsed if u.reason in FURNITURE_REASONS]
    return [
        (n.start, n.end)
        if n.start is not None and n.end is not None
        else (-n.line, -(getattr(n, "end_line", None) or n.line))
        for n in nodes
    ]


def is_furniture(cite: Citation, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a citation stands inside site furniture (by offsets, or by lines for a node without them)."""
    for start, end in spans:
        if start < 0:
            if -start <= cite.line <= -end:
                return True
        elif start <= cite.start < end:
            return True
    return False


def _span(line: int, end_line: int | None) -> Lines:
    return line, end_line or line


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.words = tables()["marker_words"]
        self.refs = {r.id: r for r in doc.references}
        self.cites: dict[int, list[tuple[int, Citation]]] = defaultdict(list)
        for i, cite in enumerate(doc.citations):
            self.cites[cite.line].append((i, cite))
        self.placed: set[int] = set()
        # footnotes not yet placed, in print order (two notes may share a label: each is kept)
        self.notes: list[Footnote] = list(doc.footnotes)
        self.note_lines = {n for f in doc.footnotes for n in range(f.line, (f.end_line or f.line) + 1)}
        self.work = document_iri(doc)

    # -- the document ------------------------------------------------------------------------------

    def build(self) -> etree._Element:
        doc = self.doc
        kind = akn_type(doc.document_type, doc.number)
        parts = self._attachment_parts()
        first_attached = min((p[0] for p in parts), default=None)
        zones = self._main_zones(first_attached)
        preface = self._preface(zones["preface"])
        preamble = self._preamble(zones["preamble"])
        body_tag = "body" if kind == "act" else "mainBody"
        body = E(body_tag, *zones["body"])
        conclusions = self._conclusions(zones["conclusions"])
        attachments = [make(n) for n, (_, make) in enumerate(sorted(parts, key=lambda p: p[0]), 1)]
        leftover = self._leftover_notes()
        if leftover is not None:
            body.append(leftover)
        if len(body) == 0:
            body.append(_hcontainer("empty", E.content(E.p())))
        root = E(kind, build_meta(doc, self.work), name=doc.document_type, contains="originalVersion")
        for part in (preface, preamble, body, conclusions):
            if part is not None and (len(part) or part is body):
                root.append(part)
        if attachments:
            root.append(E.attachments(*attachments))
        return E.akomaNtoso(root)

    def _main_zones(self, first_attached: int | None) -> dict[str, list]:
        """Blocks, legal bases, body nodes and unparsed lines of the main text, by zone."""
        doc = self.doc
        limit = first_attached if first_attached is not None else 1 << 62
        zones: dict[str, list] = {"preface": [], "preamble": [], "body": [], "conclusions": []}
        for b in doc.blocks:
            if b.line >= limit or b.kind in SKIPPED_KINDS:
                continue
            if b.kind in HEADER_KINDS:
                zones["preface"].append(b)
            elif b.kind == "enacting":
                zones["preamble"].append(b)
            elif b.kind in CLOSING_KINDS:
                zones["conclusions"].append(b)
        zones["preamble"].extend(doc.legal_bases)
        starts = {name: min((x.line for x in items), default=None) for name, items in zones.items()}
        body: list[Container | Article | Section] = [*doc.structure, *doc.articles, *doc.sections]
        body_lines = [x.line for x in body]
        starts["body"] = min(body_lines, default=None)
        loose: list[Block | Unparsed] = [
            b for b in doc.blocks if b.kind not in PLACED_KINDS and b.line < limit
        ]
        loose += [u for u in doc.unparsed if u.line < limit and u.reason not in FURNITURE_REASONS]
        order = ["preface", "preamble", "body", "conclusions"]
        bounds = [(start, name) for name in order if (start := starts[name]) is not None]
        in_body: list[Block | Unparsed] = []
        for x in loose:
            zone = _zone_of(x.line, bounds)
            (in_body if zone == "body" else zones[zone]).append(x)
        zones["body"] = self._body_nodes(doc.structure, doc.articles, doc.sections, in_body)
        return zones

    # -- preface, preamble, conclusions -----------------------------------------------------------

    def _preface(self, items: list) -> etree._Element:
        preface = E.preface()
        for x in sorted(items, key=lambda x: x.line):
            preface.append(self._header_block(x) if isinstance(x, Block) else self._loose_p(x))
        return preface

    def _header_block(self, b: Block) -> etree._Element:
        doc, lines = self.doc, _span(b.line, b.end_line)
        p = E.p({"class": b.kind})
        if b.kind == "issuer":
            self._wrapped(p, "docAuthority", b.text, lines)
        elif b.kind == "doc_type":
            self._wrapped(p, "docType", b.text, lines)
        elif b.kind in ("title", "subject"):
            return E.longTitle(self._wrapped(E.p(), "docTitle", b.text, lines))
        else:
            self._text(p, b.text, lines)
        if b.kind == "number" and doc.number is not None:
            _wrap_first(p, doc.number.raw, E.docNumber())
        elif b.kind == "place_date" and doc.issued_on:
            if doc.place:
                _wrap_first(p, doc.place, E.location(refersTo="#place"))
            date = _DATE_WORDS.search(b.text)
            if date:
                _wrap_first(p, date.group(0), E.docDate(date=doc.issued_on))
        return p

    def _preamble(self, items: list) -> etree._Element:
        preamble = E.preamble()
        citations: etree._Element | None = None
        # an enacting clause split off the last basis shares its line and follows it
        for x in sorted(items, key=lambda x: (x.line, isinstance(x, Block))):
            if hasattr(x, "kind") and x.kind in ("can_cu", "thuc_hien", "xet", "theo_de_nghi"):
                if citations is None:
                    citations = E.citations()
                    preamble.append(citations)
                citations.append(
                    E.citation(*self._paras(x.text, _span(x.line, x.end_line)), {"class": x.kind})
                )
                continue
            citations = None
            if isinstance(x, Block) and x.kind == "enacting":
                preamble.append(E.formula(self._p(x.text, _span(x.line, x.end_line)), name="enactingFormula"))
            else:
                preamble.append(self._loose_p(x))
        return preamble

    def _conclusions(self, items: list) -> etree._Element:
        conclusions = E.conclusions()
        group: list[Block] = []
        for x in sorted(items, key=lambda x: x.line):
            if isinstance(x, Block) and x.kind in CLOSING_KINDS:
                if group and group[-1].kind != x.kind:
                    conclusions.append(self._closing_group(group))
                    group = []
                group.append(x)
                continue
            if group:
                conclusions.append(self._closing_group(group))
                group = []
            conclusions.append(self._loose_p(x))
        if group:
            conclusions.append(self._closing_group(group))
        return conclusions

    def _closing_group(self, blocks: list[Block]) -> etree._Element:
        kind = blocks[0].kind
        if kind != "signature":
            return E.blockContainer(
                *(self._p(b.text, _span(b.line, b.end_line)) for b in blocks), {"class": kind}
            )
        sig = self.doc.signature
        signature = E.signature()
        for i, b in enumerate(blocks):
            if i:
                signature.append(E.br())
            lines = _span(b.line, b.end_line)
            if sig is not None and sig.signer and b.text == sig.signer:
                self._wrapped(signature, "person", b.text, lines, refersTo="#signer", **{"as": "#position"})
            elif sig is not None and sig.position and b.text == sig.position:
                self._wrapped(signature, "role", b.text, lines, refersTo="#position")
            else:
                self._text(signature, b.text, lines)
        return E.blockContainer(E.p(signature), {"class": "signature"})

    def _loose_p(self, x: Block | Unparsed) -> etree._Element:
        cls = "unparsed" if isinstance(x, Unparsed) else x.kind
        return self._p(x.text, _span(x.line, getattr(x, "end_line", None)), cls)

    # -- the body ---------------------------------------------------------------------------------

    def _body_nodes(
        self,
        structure: Sequence[Container],
        articles: Sequence[Article],
        sections: Sequence[Section],
        loose: Sequence[Block | Unparsed],
    ) -> list[etree._Element]:
        """Containers (holding their articles), loose articles, sections and unplaced lines, in the
        order of their lines; an unplaced line inside a container's lines stays in that container."""
        by_number: dict[str, deque[Article]] = defaultdict(deque)
        for a in articles:
            by_number[a.number].append(a)
        inside = _by_container(structure, loose)
        # a container takes its articles from by_number: build the containers first, the articles
        # no container took are the loose ones
        pieces = [(c.line, self._container(c, by_number, inside)) for c in structure]
        pieces += [(a.line, self._article(a)) for q in by_number.values() for a in q]
        pieces += [(s.line, self._section(s)) for s in sections]
        pieces += [(x.line, self._unparsed(x)) for x in inside.get(None, [])]
        return [e for _, e in sorted(pieces, key=lambda p: p[0])]

    def _unparsed(self, x: Block | Unparsed) -> etree._Element:
        return _hcontainer("unparsed", E.content(self._loose_p(x)))

    def _container(
        self, c: Container, by_number: dict[str, deque[Article]], inside: dict[int | None, list]
    ) -> etree._Element:
        tag = tables()["containers"][c.kind]
        el = E(tag, E.num(f"{self._word(c.kind)} {c.label}"), {LABEL: _ordinal(c.label)})
        if c.heading:
            el.append(self._text(E.heading(), c.heading, (c.line, c.end_line or c.line)))
        kids: list[tuple[int, etree._Element]] = []
        for n in c.articles:
            if by_number.get(n):
                a = by_number[n].popleft()
                kids.append((a.line, self._article(a)))
        kids += [(k.line, self._container(k, by_number, inside)) for k in c.children]
        kids += [(x.line, self._unparsed(x)) for x in inside.get(id(c), [])]
        el.extend(e for _, e in sorted(kids, key=lambda k: k[0]))
        return el

    def _word(self, kind: str) -> str:
        words = self.words[kind]
        return words.get(self.doc.source.language, words["vi"])

    def _article(self, a: Article) -> etree._Element:
        el = E.article(E.num(f"{self._word('article')} {a.number}."), {LABEL: a.number})
        if a.heading:
            el.append(self._text(E.heading(), a.heading, _span(a.line, a.end_line)))
        kids = [(c.line, self._clause(c)) for c in a.clauses]
        self._hier_content(el, a.text, _span(a.line, a.end_line), kids, a.items)
        return el

    def _clause(self, c: Clause) -> etree._Element:
        el = E.paragraph(E.num(f"{c.label}."), {LABEL: c.label})
        kids = [(p.line, self._point(p)) for p in c.points]
        self._hier_content(el, c.text, _span(c.line, c.end_line), kids, c.items)
        return el

    def _point(self, p: Point) -> etree._Element:
        el = E.point(E.num(f"{p.label})"), {LABEL: p.label})
        self._hier_content(el, p.text, _span(p.line, p.end_line), [], p.items)
        return el

    def _section(self, s: Section) -> etree._Element:
        el = _hcontainer("section")
        if s.label:
            el.append(E.num(_section_marker(s.label)))
            el.set(LABEL, s.label)
        if s.heading:
            el.append(self._text(E.heading(), s.heading, _span(s.line, s.end_line)))
        kids = [(k.line, self._section(k)) for k in s.children]
        self._hier_content(el, s.text, _span(s.line, s.end_line), kids, [])
        return el

    def _hier_content(
        self,
        el: etree._Element,
        text: str,
        lines: Lines,
        kids: list[tuple[int, etree._Element]],
        items: Sequence[Item],
    ) -> None:
        """``content`` when there is nothing below; else ``intro`` and the children, bullets after
        the first child kept where they stand in an ``hcontainer name="list"``."""
        paras = self._paras(text, lines) if text else []
        if not kids:
            content = E.content(*paras)
            if items:
                content.append(self._block_list(items))
            if len(content) == 0:
                content.append(E.p())
            el.append(content)
            return
        first = min(line for line, _ in kids)
        before = [i for i in items if i.line < first]
        if paras or before:
            intro = E.intro(*paras)
            if before:
                intro.append(self._block_list(before))
            el.append(intro)
        after = [i for i in items if i.line >= first]
        runs: list[tuple[int, etree._Element]] = []
        lines_of_kids = sorted(line for line, _ in kids)
        for _, group in _runs(after, lambda i: bisect_right(lines_of_kids, i.line)):
            runs.append((group[0].line, _hcontainer("list", E.content(self._block_list(group)))))
        el.extend(e for _, e in sorted([*kids, *runs], key=lambda k: k[0]))

    def _block_list(self, items: Sequence[Item]) -> etree._Element:
        return E.blockList(
            *(E.item(E.num(i.label), *self._paras(i.text, _span(i.line, i.end_line))) for i in items)
        )

    # -- attachments ------------------------------------------------------------------------------

    def _attachment_parts(self) -> list[Part]:
        """Attached texts and appendices with their lines; each is numbered in the order of its line."""
        doc = self.doc
        parts: list[Part] = [(a.line, partial(self._attachment, a)) for a in doc.attachments]
        parts += [(p.line, partial(self._appendix, p)) for p in doc.appendices]
        return parts

    def _attached_doc(
        self, name: str, preface: etree._Element, body: list[etree._Element], n: int
    ) -> etree._Element:
        body_el = E.mainBody(*body)
        if len(body_el) == 0:
            body_el.append(E.p())
        meta = build_meta(self.doc, self.work, f"att_{n}", name, with_references=False)
        return E.attachment(E.doc(meta, preface, body_el, name=name), {LABEL: str(n)})

    def _attached_preface(
        self, title: str, heading: str | None, note: str | None, line: int, end: int | None
    ) -> etree._Element:
        lines = _span(line, end)
        preface = E.preface(self._wrapped(E.p({"class": "doc_type"}), "docType", title, lines))
        if heading:
            preface.append(E.longTitle(self._wrapped(E.p(), "docTitle", heading, lines)))
        if note:
            preface.append(self._p(note, lines, "note"))
        return preface

    def _attachment(self, a: Attachment, n: int) -> etree._Element:
        preface = self._attached_preface(a.title, a.heading, a.note, a.line, a.end_line)
        nodes = self._body_nodes(a.structure, a.articles, a.sections, self._loose_after(a.line))
        return self._attached_doc(_attachment_name(a.title), preface, nodes, n)

    def _appendix(self, a: Appendix, n: int) -> etree._Element:
        preface = self._attached_preface(a.title, a.heading, a.note, a.line, a.end_line)
        pieces: list[tuple[int, etree._Element]] = []
        if a.columns or a.rows:
            first = min(
                [r.line for r in a.rows] + [g.line for g in a.groups] + [h.line for h in a.header_lines]
                or [a.line]
            )
            pieces.append((first, self._table(a)))
        else:
            pieces += [(h.line, self._p(h.text, (h.line, h.line))) for h in a.header_lines]
        pieces += [(s.line, self._p(s.text, (s.line, s.line))) for s in a.lines]
        pieces += [(x.line, self._loose_p(x)) for x in self._loose_after(a.line)]
        return self._attached_doc("phu_luc", preface, [e for _, e in sorted(pieces, key=lambda p: p[0])], n)

    def _table(self, a: Appendix) -> etree._Element:
        keys = [c.key for c in a.columns]
        for r in a.rows:
            keys += [k for k in r.cells if k not in keys]
        titles = {c.key: c.title for c in a.columns}
        header_lines = (
            _span(a.header_lines[0].line, a.header_lines[-1].line) if a.header_lines else (a.line, a.line)
        )
        table = E.table(E.tr(*(E.th(self._p(titles.get(k, ""), header_lines)) for k in keys)))
        rows: list[tuple[int, etree._Element]] = []
        for g in a.groups:
            cell = E.td(self._p(f"{g.label}. {g.title}", _span(g.line, g.end_line)), colspan=str(len(keys)))
            rows.append((g.line, E.tr(cell, {"class": "group"})))
        for r in a.rows:
            cells = []
            for k in keys:
                at = r.cell_lines.get(k) or [r.line]
                cells.append(E.td(*self._paras(r.cells.get(k, ""), (min(at), max(at)))))
            rows.append((r.line, E.tr(*cells)))
        table.extend(e for _, e in sorted(rows, key=lambda x: x[0]))
        return table

    def _loose_after(self, start: int) -> list[Block | Unparsed]:
        """Lines no node of an attached part took: from its first line to the next part's."""
        parts: list[Attachment | Appendix] = [*self.doc.attachments, *self.doc.appendices]
        starts = sorted(p.line for p in parts)
        i = bisect_right(starts, start)
        stop = starts[i] if i < len(starts) else 1 << 62
        unparsed = [u for u in self.doc.unparsed if u.reason not in FURNITURE_REASONS]
        blocks = [b for b in self.doc.blocks if b.kind not in SKIPPED_KINDS]
        loose: list[Block | Unparsed] = [*unparsed, *blocks]
        return [x for x in loose if start <= x.line < stop]

    # -- text with refs and notes -----------------------------------------------------------------

    def _paras(self, text: str, lines: Lines) -> list[etree._Element]:
        return [self._p(piece, lines) for piece in text.split("\n")] if text else [E.p()]

    def _p(self, text: str, lines: Lines, cls: str | None = None) -> etree._Element:
        p = E.p({"class": cls}) if cls else E.p()
        return self._text(p, text, lines)

    def _wrapped(
        self, parent: etree._Element, tag: str, text: str, lines: Lines, **attrs: str
    ) -> etree._Element:
        parent.append(self._text(E(tag, **attrs), text, lines))
        return parent

    def _text(self, el: etree._Element, text: str, lines: Lines) -> etree._Element:
        """Append ``text`` to ``el``: citations on these lines as ``<ref>``, ``[n]`` as notes."""
        pos = 0
        for start, end, node in self._spans(text, lines):
            _append_plain(el, text[pos:start])
            el.append(node)
            pos = end
        _append_plain(el, text[pos:])
        return el

    def _spans(self, text: str, lines: Lines) -> list[tuple[int, int, etree._Element]]:
        taken: list[tuple[int, int, etree._Element]] = []
        cursor = 0
        for line in range(lines[0], lines[1] + 1):
            for i, cite in self.cites.get(line, ()):
                if i in self.placed:
                    continue
                found = _find_free(text, _needle(cite.text), cursor, taken)
                if found is None and "\n" in cite.text:
                    # a citation wrapped across two nodes of the text: the part on its first line
                    found = _find_free(text, _needle(cite.text.split("\n", 1)[0]), cursor, taken)
                if found is None:
                    continue
                self.placed.add(i)
                at, end = found
                taken.append((at, end, E.ref(text[at:end], href=citation_iri(cite, self.refs))))
                cursor = end
        if self.notes and lines[0] not in self.note_lines:
            for m in _NOTE_MARK.finditer(text):
                note = next((f for f in self.notes if f.label == m.group(1)), None)
                if note is None or any(s < m.end() and m.start() < e for s, e, _ in taken):
                    continue
                self.notes.remove(note)
                taken.append((m.start(), m.end(), self._note(note)))
        return sorted(taken, key=lambda t: t[0])

    def _note(self, note: Footnote) -> etree._Element:
        el = E.authorialNote(marker=note.label, placement="bottom")
        el.set(LABEL, note.label)
        el.extend(self._paras(note.text, _span(note.line, note.end_line)))
        return el

    def _leftover_notes(self) -> etree._Element | None:
        """Footnotes whose marker was not found in the text: kept together at the end of the body."""
        if not self.notes:
            return None
        p = E.p()
        for note in self.notes:
            p.append(self._note(note))
        self.notes = []
        return _hcontainer("footnotes", E.content(p))


def _append_plain(el: etree._Element, text: str) -> None:
    if not text:
        return
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def _needle(text: str) -> re.Pattern[str] | None:
    """A citation's words, matched across any whitespace (its span may be wrapped or double-spaced)."""
    words = text.replace("*", " ").split()
    return re.compile(r"\s+".join(map(re.escape, words))) if words else None


def _find_free(
    text: str, needle: re.Pattern[str] | None, cursor: int, taken: list[tuple[int, int, etree._Element]]
) -> tuple[int, int] | None:
    """Where ``needle`` stands in ``text`` (after ``cursor`` first) without overlapping a taken span."""
    if needle is None:
        return None
    for start in (cursor, 0):
        for m in needle.finditer(text, start):
            if not any(s < m.end() and m.start() < e for s, e, _ in taken):
                return m.start(), m.end()
    return None


def _wrap_first(el: etree._Element, needle: str, wrapper: etree._Element) -> bool:
    """Wrap the first occurrence of ``needle`` in ``el``'s own text (or a ``ref``'s) in ``wrapper``."""
    if not needle:
        return False
    if el.text and needle in el.text:
        wrapper.text = needle
        el.text, wrapper.tail = el.text.split(needle, 1)
        el.insert(0, wrapper)
        return True
    for i, child in enumerate(el):
        if etree.QName(child).localname == "ref" and _wrap_first(child, needle, wrapper):
            return True
        if child.tail and needle in child.tail:
            wrapper.text = needle
            child.tail, wrapper.tail = child.tail.split(needle, 1)
            el.insert(i + 1, wrapper)
            return True
    return False


def _ordinal(label: str) -> str:
    """``thứ nhất`` → ``1`` (data/akn.yaml ``ordinals``); other labels as they are."""
    words = label.casefold().split()
    if len(words) == 2 and words[0] == "thứ":
        return str(tables()["ordinals"].get(words[1], label))
    return label


def _hcontainer(name: str, *children: etree._Element) -> etree._Element:
    return E.hcontainer(*children, name=name)


def _section_marker(label: str) -> str:
    """How a heading's marker is printed: ``I.``, ``1.1.``, ``a)``, ``-``."""
    if label in ("-", "+", "•"):
        return label
    if re.fullmatch(r"[a-zđ]\d{0,2}", label):
        return f"{label})"
    return f"{label}."


def _attachment_name(title: str) -> str:
    """The type key of an attached text from its title (``KẾ HOẠCH HÀNH ĐỘNG`` → ``ke_hoach``)."""
    from ..shapes import cues

    upper = title.upper()
    for heading, key in cues()["document_types"].items():
        if (upper == heading or upper.startswith(heading + " ")) and key != "other":
            return key
    return "attachment"


def _by_container(
    structure: Sequence[Container], loose: Sequence[Block | Unparsed]
) -> dict[int | None, list]:
    """Unplaced lines by the innermost container whose lines hold them (key ``id(container)``; ``None``:
    outside every container). A container runs from its line to the next container at its level or above."""
    flat: list[tuple[int, int, Container]] = []

    def visit(cs: Sequence[Container], depth: int) -> None:
        for c in cs:
            flat.append((c.line, depth, c))
            visit(c.children, depth + 1)

    visit(structure, 0)
    extents = []
    for i, (line, depth, c) in enumerate(flat):
        end = next((ln for ln, d, _ in flat[i + 1 :] if d <= depth), 1 << 62)
        extents.append((line, end, depth, c))
    out: dict[int | None, list] = defaultdict(list)
    for x in loose:
        holders = [(depth, c) for line, end, depth, c in extents if line <= x.line < end]
        out[id(max(holders, key=lambda h: h[0])[1]) if holders else None].append(x)
    return out


def _zone_of(line: int, bounds: list[tuple[int, str]]) -> str:
    """The zone a loose line stands in: the last zone starting at or before it."""
    zone = bounds[0][1] if bounds else "body"
    for start, name in sorted(bounds):
        if start <= line:
            zone = name
    return zone if bounds else "body"


def _runs(items: Sequence[Item], key: Callable[[Item], int]) -> list[tuple[int, list[Item]]]:
    out: list[tuple[int, list[Item]]] = []
    for item in items:
        k = key(item)
        if out and out[-1][0] == k:
            out[-1][1].append(item)
        else:
            out.append((k, [item]))
    return out


__all__ = ["NS", "build_tree", "furniture_spans", "is_furniture"]
