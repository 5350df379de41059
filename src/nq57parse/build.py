"""Stage 6, build models: the parse tree → a ``Document``.

In: the ``ParseResult`` of stage 5 (tree, refused units, the units it read), every unit of the segment
stage (for the site furniture, which the grammar never sees) and the ``NormalisedText``.
Out: a ``Document`` with header facts, legal bases, articles or sections, signature, recipients,
attachments, appendices (body lines captured for the table stage), footnotes, blocks for the header and
closing lines, diagnostics, and ``unparsed`` for units the grammar refused.

A walk of the Lark tree (``_TreeToValues``, a Lark ``Transformer`` without visiting tokens, written out:
a rule's values go straight to its callback) turns each rule into a typed value: a model (``Article``, ``Clause``, ``Point``,
``Attachment``, ``Appendix``), a list of units, or one of the small records below (``Parts`` for the
whole document, ``Preamble``, ``Body``, ``Division``, ``Divisions``, ``Heading``, ``Enact``), so a rule
finds what its sub-rules gave by type, never by shape. Each flat part of the document has its own
builder module: ``header.py`` (issuer, number, date, title),
``preamble.py`` (legal bases) and ``closing.py`` (recipients and signatures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from lark import Token, Tree

from .closing import read_closing
from .header import read_header, read_passing_date
from .language import detect_language
from .models import (
    Appendix,
    Article,
    Attachment,
    Block,
    Clause,
    Container,
    Diagnostic,
    Document,
    DocumentNumber,
    Footnote,
    Item,
    Language,
    LegalBasis,
    Point,
    Section,
    Source,
    SourceLine,
    Unparsed,
    maker,
)
from .nodes import block, node
from .normalise import NormalisedText
from .outline import nest
from .parse import ParseResult
from .preamble import split_basis
from .rules import diagnostic
from .shapes import (
    cues,
)
from .units import Unit

_HEADING_MAX = 200
_DOC_SLUGS = {
    "quyet_dinh": "quyet-dinh",
    "nghi_quyet": "nghi-quyet",
    "nghi_dinh": "nghi-dinh",
    "thong_tu": "thong-tu",
}


@dataclass
class Body:
    """What a ``body`` rule yields: outline sections, or articles with their containers."""

    sections: list[Section]
    articles: list[Article]
    structure: list[Container]
    paragraphs: list[Unit]


@dataclass
class Enact:
    """What the ``enact`` rule yields: the enacting line (``QUYẾT ĐỊNH:``)."""

    unit: Unit


@dataclass
class Preamble:
    """What the ``preamble`` rule yields: the legal-basis units, then the enacting line if there is one."""

    bases: list[Unit]
    enact: Unit | None


@dataclass
class Heading:
    """What the ``heading`` rule yields: a container's heading line (``CHEADING``)."""

    unit: Unit


@dataclass
class Division:
    """What ``part``, ``chapter``, ``muc`` and ``tieu_muc`` yield: the container and every article under it,
    its sub-divisions' included, in order."""

    container: Container
    articles: list[Article]


@dataclass
class Divisions:
    """What ``divisions`` yields for a run of two or more top-level divisions (one alone arrives as its
    ``Division``: the rule is inlined by the grammar's ``?``)."""

    items: list[Division]


@dataclass
class Parts:
    """What the ``start`` rule yields: the zones of the document in order."""

    lead: list[Unit]  # the site's or crawler's text before the header
    front: list[Unit]  # the header
    preamble: Preamble
    body: Body
    closing: list[Unit]  # recipients, signatures, a law's passing clause
    annexes: list[Attachment | Appendix | Unit]  # a unit: a STRAY line after the closing
    notes: list[Unit]  # footnotes


class _TreeToValues:
    """Rule callbacks: tokens arrive as Lark tokens whose ``start_pos`` indexes the unit list."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = units

    def transform(self, tree: Tree) -> Any:
        """The value of ``tree``: its rule's callback given its children's values, children first and
        in order (a token stays as it is), as Lark's ``Transformer`` gives it without its generator
        and wrappers per rule (every rule of the grammar has a callback).

        The tree is emptied as it is read: each subtree, and the tokens under it, go once its value is
        made, so the tree and the values built from it are not all held at once (memory: the tree of a
        large document is about 2.5 times its text). Hand the tree over (``ParseResult.take_tree``)."""
        children, tree.children = tree.children, []
        return getattr(self, tree.data)([self.transform(c) if isinstance(c, Tree) else c for c in children])

    def unit(self, token: Token) -> Unit:
        return self.units[token.start_pos or 0]  # the unit lexer sets start_pos to the unit's index

    def units_of(self, children: list) -> list[Unit]:
        return [self.unit(c) for c in children if isinstance(c, Token)]

    def start(self, children: list) -> Parts:
        lead, front, preamble, body, closing, *rest = children
        notes = rest.pop()
        annexes = [self.unit(c) if isinstance(c, Token) else c for c in rest]
        return Parts(lead, front, preamble, body, closing, annexes, notes)

    def lead(self, children: list) -> list[Unit]:
        return self.units_of(children)

    front = closing = notes = lead

    def preamble(self, children: list) -> Preamble:
        enact = next((c.unit for c in children if isinstance(c, Enact)), None)
        return Preamble(self.units_of(children), enact)

    def enact(self, children: list) -> Enact:
        return Enact(self.unit(children[0]))

    def outline_body(self, children: list) -> Body:
        return Body(nest(self.units_of(children)), [], [], [])

    def article_body(self, children: list) -> Body:
        paras = self.units_of(children)
        articles = [c for c in children if isinstance(c, Article)]
        structure: list[Container] = []
        divisions = [d for c in children if isinstance(c, Divisions) for d in c.items]
        divisions += [c for c in children if isinstance(c, Division)]  # a run of one (inlined)
        for division in divisions:
            structure.append(division.container)
            articles.extend(division.articles)
        return Body([], articles, structure, paras)

    def empty_body(self, children: list) -> Body:
        return Body([], [], [], [])

    def divisions(self, children: list) -> Divisions:
        return Divisions(list(children))

    def heading(self, children: list) -> Heading:
        return Heading(self.unit(children[0]))

    def _container(self, kind: str, children: list) -> Division:
        marker = self.unit(children[0])
        heading = next((c.unit for c in children[1:] if isinstance(c, Heading)), None)
        arts = [c for c in children if isinstance(c, Article)]
        subs = [c for c in children[1:] if isinstance(c, Division)]
        all_articles = list(arts)
        for sub in subs:
            all_articles.extend(sub.articles)
        title = marker.body or (heading.text if heading else None)
        last = heading or marker
        end = last.end_line or last.line
        container = maker(Container)(
            kind=kind,
            label=marker.label or "",
            heading=title or None,
            line=marker.line,
            end_line=end if end != marker.line else None,
            start=marker.start,
            end=last.end,
            articles=[a.number for a in arts],
            children=[sub.container for sub in subs],
        )
        return Division(container, all_articles)

    def part(self, children: list) -> Division:
        return self._container("phan", children)

    def chapter(self, children: list) -> Division:
        return self._container("chuong", children)

    def muc(self, children: list) -> Division:
        return self._container("muc", children)

    def tieu_muc(self, children: list) -> Division:
        return self._container("tieu_muc", children)

    def article(self, children: list) -> Article:
        head = self.unit(children[0])
        texts, items = _texts_and_items(self, children[1:])
        points = [c for c in children if isinstance(c, Point)]
        clauses = [c for c in children if isinstance(c, Clause)]
        own = head.body
        has_content = bool(texts or items or points or clauses)
        titled = has_content and own and len(own) <= _HEADING_MAX and not _is_sentence(own)
        heading = own if titled else None
        body_texts = ([] if titled or not own else [own]) + [t.text for t in texts]
        if points:  # points directly under an article: hold them in an unlabelled clause
            clauses = [maker(Clause)(label="", text="", line=points[0].line, points=points), *clauses]
        last = texts[-1] if texts and texts[-1].line > head.line else head
        return maker(Article)(
            number=head.label or "",
            heading=heading,
            text="\n".join(body_texts),
            line=head.line,
            end_line=_end(head, last),
            start=head.start,
            end=last.end,
            clauses=clauses,
            items=items,
            eid=f"art_{head.label}",
        )

    def clause(self, children: list) -> Clause:
        return maker(Clause)(**self._numbered(children), points=[c for c in children if isinstance(c, Point)])

    def point(self, children: list) -> Point:
        return maker(Point)(**self._numbered(children))

    def _numbered(self, children: list) -> dict:
        """Label, text, lines and dash items of a khoản or điểm: its head line and what follows it."""
        head = self.unit(children[0])
        texts, items = _texts_and_items(self, children[1:])
        return {
            "label": head.label or "",
            "text": "\n".join([head.body, *(t.text for t in texts)]).strip(),
            "line": head.line,
            "end_line": _end(head, texts[-1] if texts else head),
            "start": head.start,
            "end": (texts[-1] if texts else head).end,
            "items": items,
        }

    def attachment(self, children: list) -> Attachment:
        titled = self._titled(children, "ATT")
        body: Body = children[-1]
        return maker(Attachment)(
            **titled,
            sections=body.sections or [_para_section(p) for p in body.paragraphs],
            articles=body.articles,
            structure=body.structure,
        )

    def appendix(self, children: list) -> Appendix:
        lines = [self.unit(c) for c in children if isinstance(c, Token) and c.type == "APPX_LINE"]
        return maker(Appendix)(
            **self._titled(children, "APPX"),
            lines=[
                maker(SourceLine)(line=u.line, text=u.raw or u.text, start=u.start, end=u.end) for u in lines
            ],
        )

    def _titled(self, children: list, prefix: str) -> dict:
        """Title, heading and ``(Kèm theo …)`` note of an attached text (``ATT``) or appendix (``APPX``)."""
        title = self.unit(children[0])
        found = {c.type: self.unit(c) for c in children[1:] if isinstance(c, Token)}
        heading, note = found.get(f"{prefix}_HEADING"), found.get(f"{prefix}_NOTE")
        return {
            "title": title.text,
            "heading": heading.text if heading else None,
            "note": note.text if note else None,
            "line": title.line,
            "end_line": _end(title, note or heading or title),
            "start": title.start,
            "end": (note or heading or title).end,
        }


def _texts_and_items(tr: _TreeToValues, children: list) -> tuple[list[Unit], list[Item]]:
    """Paragraphs before the first dash item are the node's text; a paragraph after dash items is an
    unmarked item (label ``""``), so each node's own lines stay one contiguous span."""
    texts: list[Unit] = []
    items: list[Item] = []
    for c in children:
        if isinstance(c, Token):
            u = tr.unit(c)
            if c.type == "ITEM":
                items.append(node(Item, u, label=u.label or "-", text=u.body))
            elif items:
                items.append(node(Item, u, label="", text=u.text))
            else:
                texts.append(u)
    return texts, items


def _end(head: Unit, last: Unit) -> int | None:
    end = last.end_line or last.line
    return end if end != head.line else None


def _para_section(unit: Unit) -> Section:
    return node(Section, unit, label="", text=unit.text)


# -- the document ---------------------------------------------------------------------------------


def build_document(result: ParseResult, units: list[Unit], norm: NormalisedText) -> Document:
    """Build the document from the parse (``units``: every unit of the segment stage, for the site
    furniture the grammar never saw; see the module docstring)."""
    furniture = [block("boilerplate", u) for u in units if u.kind == "BOILERPLATE"]
    units = result.units
    for unit in units:  # a table row kept whole: the table stage reads its cells from the raw line
        if unit.kind == "APPX_LINE" and unit.cells:
            unit.raw = norm.lines[unit.line - 1].strip()
    diagnostics: list[Diagnostic] = []
    unparsed: list[Unparsed] = []
    for index in result.rejected:
        u = units[index]
        unparsed.extend(_unit_unparsed(u, f"unexpected_{u.kind.lower()}"))
        diagnostics.append(diagnostic("NQ001", f"{_KIND_NAMES.get(u.kind, u.kind)} out of place", u.line))
    if result.tree is None:
        done = set(result.rejected)
        for index, u in enumerate(units):
            if index not in done:
                unparsed.extend(_unit_unparsed(u, "parse_failed"))
        diagnostics.append(diagnostic("NQ002", "the structure could not be parsed", None))
        return Document(
            diagnostics=diagnostics, unparsed=unparsed, source=_source_stub(norm), blocks=furniture
        )
    parts: Parts = _TreeToValues(units).transform(result.take_tree())  # the tree let go as it is read
    return _assemble(parts, norm, diagnostics, unparsed, furniture)


_KIND_NAMES = {"CLAUSE": "a clause (khoản)", "POINT": "a point (điểm)", "ARTICLE": "an article (Điều)"}


def _unit_unparsed(u: Unit, reason: str) -> list[Unparsed]:
    return [
        maker(Unparsed)(line=p.line, text=p.text, reason=reason, start=p.start, end=p.end) for p in u.pieces
    ]


def _source_stub(norm: NormalisedText) -> Source:
    return Source(language=detect_language(norm.text), line_count=len(norm.lines))


def _assemble(
    parts: Parts,
    norm: NormalisedText,
    diagnostics: list[Diagnostic],
    unparsed: list[Unparsed],
    furniture: list[Block],
) -> Document:
    blocks: list[Block] = list(furniture)
    for u in parts.lead:  # what stands before the header: the site's or the crawler's
        blocks.append(block("boilerplate", u))
    header = read_header(parts.front, blocks, diagnostics)
    legal_bases = []
    for u in parts.preamble.bases:
        legal_bases.extend(split_basis(u, blocks))
    if parts.preamble.enact is not None:
        blocks.append(block("enacting", parts.preamble.enact))
    body = parts.body
    sections = body.sections or [_para_section(p) for p in body.paragraphs]
    signatures, recipients = read_closing(parts.closing, blocks)
    signature = signatures[0] if signatures else None
    if header.get("issued_on") is None and "issued_on" not in header:
        read_passing_date(blocks, header, diagnostics)
    attachments, appendices = [], []
    for annex in parts.annexes:
        if isinstance(annex, Attachment):
            attachments.append(annex)
        elif isinstance(annex, Appendix):
            appendices.append(annex)
        else:
            unparsed.extend(_unit_unparsed(annex, "after_closing"))
    footnotes = [node(Footnote, u, label=u.label or "", text=u.body) for u in parts.notes]
    language = detect_language(norm.text)
    number = header.get("number")
    doc_type = _document_type(header, body, language, legal_bases)
    if body.articles:
        diagnostics.extend(_article_diagnostics(body.articles))
    doc = maker(Document)(
        document_type=doc_type,
        issuer=header.get("issuer"),
        parent_issuer=header.get("parent_issuer"),
        number=number,
        place=header.get("place"),
        issued_on=header.get("issued_on"),
        title=header.get("title"),
        authority=header.get("authority"),
        legal_bases=legal_bases,
        structure=body.structure,
        articles=body.articles,
        signature=signature,
        signatures=signatures if len(signatures) > 1 else [],
        recipients=recipients,
        addressees=header.get("addressees", []),
        sections=sections if not body.articles else [],
        attachments=attachments,
        appendices=appendices,
        footnotes=footnotes,
        diagnostics=diagnostics,
        unparsed=sorted(unparsed, key=lambda x: x.line),
        blocks=sorted(blocks, key=lambda b: b.line),
    )
    doc.source.language = cast(Language, language)  # detect_language gives one of vi, en, no
    doc.work_id = _work_id(doc)
    return doc


# -- header ---------------------------------------------------------------------------------------


def _document_type(header: dict, body: Body, language: str, legal_bases: list[LegalBasis]) -> str:
    if header.get("doc_type"):
        return header["doc_type"]
    number: DocumentNumber | None = header.get("number")
    if number is not None:
        code = number.type_code
        by_code = cues()["type_codes"]
        if code in by_code:
            return by_code[code]
        if header.get("subject") or code is None:
            return "cong_van"
        return "cong_van" if number.issuer_code is None else "other"
    if header.get("subject"):
        return "cong_van"
    if not body.articles and not legal_bases and not header.get("issuer"):
        return "news"
    return "other"


def _work_id(doc: Document) -> str | None:
    if doc.number is None:
        return None
    slug = _DOC_SLUGS.get(doc.document_type, doc.document_type.replace("_", "-"))
    issuer = (doc.number.issuer_code or "unknown").lower()
    when = doc.issued_on or (str(doc.number.year) if doc.number.year else "unknown")
    return f"/akn/vn/{slug}/{issuer}/{when}/{doc.number.serial}"


# -- preamble -------------------------------------------------------------------------------------


def _is_sentence(text: str) -> bool:
    """An article's own text that is a sentence, not a heading: it ends in ``.`` or ``;``, or it
    introduces its clauses with a colon after more than a heading's few words (``…, gồm các thành
    viên sau:``)."""
    end = text.rstrip()
    return end.endswith((".", ";", "./.")) or (end.endswith(":") and len(end.split()) > _HEADING_WORDS)


_HEADING_WORDS = 8


# -- closing --------------------------------------------------------------------------------------


# -- structure checks -----------------------------------------------------------------------------


_DIGITS = re.compile(r"\d+")


def _article_diagnostics(articles: list[Article]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    previous: int | None = None
    seen: set[str] = set()
    for a in articles:
        if a.number in seen:
            out.append(diagnostic("NQ005", f"Điều {a.number} appears twice", a.line))
        seen.add(a.number)
        digits = _DIGITS.match(a.number)
        if not digits:
            continue
        n = int(digits.group())
        if previous is not None and n != previous + 1 and n != previous:
            out.append(diagnostic("NQ006", f"Điều {a.number} follows Điều {previous}", a.line))
        previous = n
    return out


__all__ = ["build_document"]
