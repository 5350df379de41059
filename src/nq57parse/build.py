"""Stage 5, build models: the parse tree → a ``Document``.

In: ``NormalisedText``; runs segment (stage 3) and parse (stage 4) on it.
Out: a ``Document`` with header facts, legal bases, articles or sections, signature, recipients,
attachments, appendices (body lines captured for the table stage), footnotes, blocks for the header and
closing lines, diagnostics, and ``unparsed`` for boilerplate and units the grammar refused.

A Lark ``Transformer`` turns each rule into plain values (articles, containers, unit lists); the
functions below it read the header, the preamble and the closing, which are flat unit lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TypeVar

from lark import Token, Transformer

from .issuers import issuer_levels
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
    LegalBasis,
    Model,
    Point,
    Section,
    Signature,
    SourceLine,
    Unparsed,
)
from .normalise import NormalisedText
from .numbers import parse_number
from .outline import nest
from .parse import parse_units
from .rules import diagnostic
from .segment import Unit, segment
from .shapes import (
    MOTTO,
    PlaceDate,
    basis_kind,
    cues,
    find_place_date,
    fold,
    is_enacting_sentence,
    is_upper,
    sign_prefix,
)

_N = TypeVar("_N", bound=Model)
_SUBJECT_IN_NUMBER = re.compile(r"\s*\b(?:V/v|V/V|v/v)\b\s*:?\s*(.*)$")
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


class _TreeToValues(Transformer):
    """Rule callbacks: tokens arrive as Lark tokens whose ``start_pos`` indexes the unit list."""

    def __init__(self, units: list[Unit]) -> None:
        super().__init__()
        self.units = units

    def unit(self, token: Token) -> Unit:
        return self.units[token.start_pos]

    def units_of(self, children: list) -> list[Unit]:
        return [self.unit(c) for c in children if isinstance(c, Token)]

    def start(self, children: list) -> dict:
        lead, front, preamble, body, closing, *rest = children
        notes = rest.pop()
        rest = [self.unit(c) if isinstance(c, Token) else c for c in rest]
        return {
            "lead": lead,
            "front": front,
            "preamble": preamble,
            "body": body,
            "closing": closing,
            "annexes": rest,
            "notes": notes,
        }

    def lead(self, children: list) -> list[Unit]:
        return self.units_of(children)

    front = closing = notes = lead

    def preamble(self, children: list) -> tuple[list[Unit], Unit | None]:
        enact = next((c for c in children if isinstance(c, Unit)), None)
        return self.units_of(children), enact

    def enact(self, children: list) -> Unit:
        return self.unit(children[0])

    def outline_body(self, children: list) -> Body:
        return Body(nest(self.units_of(children)), [], [], [])

    def article_body(self, children: list) -> Body:
        paras = self.units_of(children)
        articles = [c for c in children if isinstance(c, Article)]
        structure: list[Container] = []
        for c in children:
            if isinstance(c, list):  # divisions
                for container, arts in c:
                    structure.append(container)
                    articles.extend(arts)
            elif isinstance(c, tuple):
                structure.append(c[0])
                articles.extend(c[1])
        return Body([], articles, structure, paras)

    def empty_body(self, children: list) -> Body:
        return Body([], [], [], [])

    def divisions(self, children: list) -> list:
        return list(children)

    def heading(self, children: list) -> Unit:
        return self.unit(children[0])

    def _container(self, kind: str, children: list) -> tuple[Container, list[Article]]:
        marker = self.unit(children[0])
        heading = next((c for c in children[1:] if isinstance(c, Unit)), None)
        arts = [c for c in children if isinstance(c, Article)]
        subs = [c for c in children[1:] if isinstance(c, tuple)]
        all_articles = list(arts)
        for _, sub_arts in subs:
            all_articles.extend(sub_arts)
        title = marker.body or (heading.text if heading else None)
        last = heading or marker
        end = last.end_line or last.line
        container = Container(
            kind=kind,
            label=marker.label or "",
            heading=title or None,
            line=marker.line,
            end_line=end if end != marker.line else None,
            start=marker.start,
            end=last.end,
            articles=[a.number for a in arts],
            children=[c for c, _ in subs],
        )
        return container, all_articles

    def part(self, children: list) -> tuple[Container, list[Article]]:
        return self._container("phan", children)

    def chapter(self, children: list) -> tuple[Container, list[Article]]:
        return self._container("chuong", children)

    def muc(self, children: list) -> tuple[Container, list[Article]]:
        return self._container("muc", children)

    def tieu_muc(self, children: list) -> tuple[Container, list[Article]]:
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
            clauses = [Clause(label="", text="", line=points[0].line, points=points), *clauses]
        last = texts[-1] if texts and texts[-1].line > head.line else head
        return Article(
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
        return Clause(**self._numbered(children), points=[c for c in children if isinstance(c, Point)])

    def point(self, children: list) -> Point:
        return Point(**self._numbered(children))

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
        return Attachment(
            **titled,
            sections=body.sections or [_para_section(p) for p in body.paragraphs],
            articles=body.articles,
            structure=body.structure,
        )

    def appendix(self, children: list) -> Appendix:
        lines = [self.unit(c) for c in children if isinstance(c, Token) and c.type == "APPX_LINE"]
        return Appendix(
            **self._titled(children, "APPX"),
            lines=[SourceLine(line=u.line, text=u.raw or u.text, start=u.start, end=u.end) for u in lines],
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
                items.append(_node(Item, u, label=u.label or "-", text=u.body))
            elif items:
                items.append(_node(Item, u, label="", text=u.text))
            else:
                texts.append(u)
    return texts, items


def _end(head: Unit, last: Unit) -> int | None:
    end = last.end_line or last.line
    return end if end != head.line else None


def _para_section(unit: Unit) -> Section:
    return _node(Section, unit, label="", text=unit.text)


def _node(model: type[_N], u: Unit, **fields: object) -> _N:
    """A node owning exactly the unit's span."""
    return model(line=u.line, end_line=u.end_line, start=u.start, end=u.end, **fields)


# -- the document ---------------------------------------------------------------------------------


def build_document(norm: NormalisedText) -> Document:
    """Segment, parse and build (see the module docstring)."""
    # A page number of a PDF copy is never parsed; coverage keeps it in unparsed unless a node's span
    # already owns its line (a sentence going on over the page break).
    units = segment(norm)
    furniture = [_block("boilerplate", u) for u in units if u.kind == "BOILERPLATE"]
    units = [u for u in units if u.kind not in ("PAGE", "BOILERPLATE", "SKIP")]
    for unit in units:
        if unit.kind == "APPX_LINE" and unit.cells:
            unit.raw = norm.lines[unit.line - 1].strip()
    result = parse_units(units)
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
    parts = _TreeToValues(units).transform(result.tree)
    del result  # the parse tree is not needed once read (memory: large inputs)
    return _assemble(parts, norm, diagnostics, unparsed, furniture)


_KIND_NAMES = {"CLAUSE": "a clause (khoản)", "POINT": "a point (điểm)", "ARTICLE": "an article (Điều)"}


def _unit_unparsed(u: Unit, reason: str) -> list[Unparsed]:
    return [Unparsed(line=p.line, text=p.text, reason=reason, start=p.start, end=p.end) for p in u.pieces]


def _source_stub(norm: NormalisedText):
    from .models import Source

    return Source(language=detect_language(norm.text), line_count=len(norm.lines))


def _assemble(
    parts: dict,
    norm: NormalisedText,
    diagnostics: list[Diagnostic],
    unparsed: list[Unparsed],
    furniture: list[Block],
) -> Document:
    blocks: list[Block] = list(furniture)
    for u in parts["lead"]:  # what stands before the header: the site's or the crawler's
        blocks.append(_block("boilerplate", u))
    header = read_header(parts["front"], blocks, diagnostics)
    bases_units, enact = parts["preamble"]
    legal_bases = []
    for u in bases_units:
        legal_bases.extend(split_basis(u, blocks))
    if enact is not None:
        blocks.append(_block("enacting", enact))
    body: Body = parts["body"]
    sections = body.sections or [_para_section(p) for p in body.paragraphs]
    signatures, recipients = read_closing(parts["closing"], blocks)
    signature = signatures[0] if signatures else None
    if header.get("issued_on") is None and "issued_on" not in header:
        _read_passing_date(blocks, header, diagnostics)
    attachments, appendices = [], []
    for annex in parts["annexes"]:
        if isinstance(annex, Attachment):
            attachments.append(annex)
        elif isinstance(annex, Appendix):
            appendices.append(annex)
        else:
            unparsed.extend(_unit_unparsed(annex, "after_closing"))
    footnotes = [_node(Footnote, u, label=u.label or "", text=u.body) for u in parts["notes"]]
    language = detect_language(norm.text)
    number = header.get("number")
    doc_type = _document_type(header, body, language, legal_bases)
    if body.articles:
        diagnostics.extend(_article_diagnostics(body.articles))
    doc = Document(
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
    doc.source.language = language
    doc.work_id = _work_id(doc)
    return doc


def _block(kind: str, u: Unit, text: str | None = None) -> Block:
    return _node(Block, u, kind=kind, text=text if text is not None else u.text)


# -- header ---------------------------------------------------------------------------------------


def read_header(front: list[Unit], blocks: list[Block], diagnostics: list[Diagnostic]) -> dict:
    """Header facts from the front units: issuer, number, place, date, type, title, authority."""
    facts: dict = {"addressees": []}
    issuers: list[str] = []
    titles: list[str] = []
    for u in front:
        kind = u.kind
        if kind == "H_MOTTO":
            blocks.append(_block("motto", u))
            rest = " | ".join(u.cells) if u.cells else u.text
            rest = MOTTO.sub("|", rest)
            for piece in (p.strip(" |-") for p in rest.split("|")):
                if not piece:
                    continue
                _header_piece(piece, u, facts, issuers, diagnostics)
        elif kind == "H_RULE":
            blocks.append(_block("rule", u))
        elif kind == "H_ISSUER":
            blocks.append(_block("issuer", u))
            issuers.append(u.text)
        elif kind == "H_NUMBER":
            blocks.append(_block("number", u))
            _read_number(u.body, u, facts, diagnostics)
        elif kind == "H_PLACE_DATE":
            blocks.append(_block("place_date", u))
            _read_place_date(find_place_date(u.text), u, facts, diagnostics)
        elif kind == "H_DOC_TYPE":
            blocks.append(_block("doc_type", u))
            from .shapes import doc_type_heading

            found = doc_type_heading(u.text)
            if found:
                facts.setdefault("doc_type", found[0])
                if found[1]:
                    titles.append(found[1])
        elif kind == "H_TITLE":
            blocks.append(_block("title", u))
            titles.append(u.text)
        elif kind == "H_SUBJECT":
            blocks.append(_block("subject", u))
            facts["subject"] = u.body
        elif kind == "H_AUTHORITY":
            blocks.append(_block("authority", u))
            facts["authority"] = u.text
        elif kind == "H_ADDRESSEE_HEAD":
            blocks.append(_block("addressees", u))
            if u.body:
                facts["addressees"].append(u.body.lstrip("- ").strip())
        elif kind == "H_ADDRESSEE":
            blocks.append(_block("addressees", u))
            facts["addressees"].append(u.body)
    _read_issuers(issuers, facts)
    if titles:
        facts["title"] = " ".join(titles)
    elif facts.get("subject"):
        facts["title"] = facts["subject"]
    return facts


def _header_piece(
    piece: str, u: Unit, facts: dict, issuers: list[str], diagnostics: list[Diagnostic]
) -> None:
    """A fact found next to the motto on a merged or two-column line."""
    from .shapes import shape

    s = shape(piece)
    if s.kind == "NUMBER":
        _read_number(s.body, u, facts, diagnostics)
    elif found := find_place_date(piece):
        _read_place_date(found, u, facts, diagnostics)
    elif is_upper(piece) and "number" not in facts:
        issuers.append(piece)


def _read_issuers(issuers: list[str], facts: dict) -> None:
    levels = issuer_levels(issuers)
    if not levels:
        return
    facts["issuer"] = levels[-1]
    if len(levels) > 1:
        facts["parent_issuer"] = " ".join(levels[:-1])


def _read_number(body: str, u: Unit, facts: dict, diagnostics: list[Diagnostic]) -> None:
    subject = _SUBJECT_IN_NUMBER.search(body)
    if subject:
        facts["subject"] = subject.group(1).strip()
        body = body[: subject.start()]
    place = find_place_date(body)
    if place:
        _read_place_date(place, u, facts, diagnostics)
        body = body[: place.start]
    number = parse_number(body.strip())
    if number is not None and "number" not in facts:
        facts["number"] = number
    elif number is None and body.strip():
        diagnostics.append(diagnostic("NQ003", f"the number {body.strip()!r} is not well formed", u.line))


def _read_place_date(found: PlaceDate | None, u: Unit, facts: dict, diagnostics: list[Diagnostic]) -> None:
    if not found or "issued_on" in facts:
        return
    facts["place"] = found.place
    try:
        facts["issued_on"] = date(found.year, found.month or 0, found.day or 0).isoformat()
    except ValueError:
        facts["issued_on"] = None
        diagnostics.append(diagnostic("NQ004", f"the issue date {found.text!r} does not exist", u.line))


_PASSED_DATE = re.compile(r"thông\s+qua\s+(?:vào\s+)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def _read_passing_date(blocks: list[Block], facts: dict, diagnostics: list[Diagnostic]) -> None:
    """A law prints no place-and-date line: its date is the day of passing in its closing clause."""
    for block in blocks:
        m = _PASSED_DATE.search(block.text) if block.kind == "closing" else None
        if m:
            try:
                facts["issued_on"] = date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
            except ValueError:
                diagnostics.append(diagnostic("NQ004", f"the date {m.group(0)!r} does not exist", block.line))
            return


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


def split_basis(u: Unit, blocks: list[Block]) -> list[LegalBasis]:
    """One legal basis per document: a sentence listing several, separated by ``;``, is split; an item
    naming no document (``ý kiến thảo luận của đại biểu …``) stays with the item before it; a final
    enacting clause (``…; Ủy ban nhân dân … ban hành Kế hoạch … với các nội dung sau:``, or after a
    comma: ``…, Ban Thường vụ … xây dựng Kế hoạch thực hiện như sau:``) becomes a block."""
    kind = u.label or basis_kind(u.text) or "can_cu"
    pieces = _split_enacting_tail(_split_top_level(u.text))
    items: list[list] = []  # [kind, start offset, end offset]: an item and the pieces that join it
    enacting: tuple[int, int] | None = None
    for k, (offset, piece) in enumerate(pieces):
        if k == len(pieces) - 1 and k > 0 and (_is_enacting_piece(piece) or _is_enacting_clause(piece)):
            enacting = (offset, offset + len(piece))
        elif items and basis_kind(piece) is None and not _names_document(piece):
            items[-1][2] = offset + len(piece)
        else:
            kind = basis_kind(piece) or kind
            items.append([kind, offset, offset + len(piece)])
    spans = _partition(u, [(start, stop) for _, start, stop in items] + ([enacting] if enacting else []))
    out = []
    for (kind, start, stop), (first, last) in zip(items, spans, strict=False):
        line, end = u.line_span(start, stop)
        out.append(
            LegalBasis(
                kind=kind,
                text=u.text[start:stop],
                line=line,
                end_line=end if end != line else None,
                start=first,
                end=last,
            )
        )
    if enacting is not None:
        line, end = u.line_span(*enacting)
        blocks.append(
            Block(
                kind="enacting",
                text=u.text[enacting[0] : enacting[1]],
                line=line,
                end_line=end if end != line else None,
                start=spans[-1][0],
                end=spans[-1][1],
            )
        )
    return out


def _partition(u: Unit, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in the normalised text of consecutive pieces of ``u.text``, made to cover the unit's
    whole span between them: the separators and markup between two pieces go with the first."""
    spans = [u.char_span(a, b) for a, b in pieces]
    out = []
    for k, (start, _) in enumerate(spans):
        head = u.start if k == 0 else start
        tail = spans[k + 1][0] if k + 1 < len(spans) else u.end
        out.append((head, tail))
    return out


def _is_enacting_piece(piece: str) -> bool:
    return is_enacting_sentence(piece) or (" ban hành " in piece and piece.rstrip().endswith(":"))


def _names_document(piece: str) -> bool:
    """The item names a document: a type word (``Tờ trình``, ``Luật`` …) or a number (``95/TTr-UBND``)."""
    return bool(_document_words().search(piece) or _DOC_NUMBER.search(piece))


_DOC_NUMBER = re.compile(r"\d+\s*[/-]\s*[\dA-ZĐ]")


@cache
def _document_words() -> re.Pattern[str]:
    words = sorted(cues()["document_words"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def _split_enacting_tail(pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Split ``<last item>, <Subject> xây dựng Kế hoạch … như sau:`` into the item and the clause."""
    if not pieces:
        return pieces
    offset, piece = pieces[-1]
    if not piece.endswith(":") or _is_enacting_clause(piece):
        return pieces
    for i in reversed(_top_level(piece, ",")):
        tail = piece[i + 2 :]
        if tail[:1].isupper() and _is_enacting_clause(tail):
            return [*pieces[:-1], (offset, piece[:i]), (offset + i + 2, tail)]
    return pieces


def _is_enacting_clause(text: str) -> bool:
    """A clause whose subject enacts this text: an enacting verb, a closing colon, no document first."""
    if not text.rstrip().endswith(":") or basis_kind(text) or _document_words().match(text):
        return False
    folded = f" {text.casefold()} "
    return any(f" {verb} " in folded for verb in cues()["enacting_verbs"])


def _top_level(text: str, mark: str) -> list[int]:
    """Where ``mark`` (``;`` or ``,``) stands outside brackets and quotes, followed by a space or the end."""
    found: list[int] = []
    depth, quoted = 0, False
    for i, ch in enumerate(text):
        if ch in "(“[":
            depth += 1
        elif ch in ")”]":
            depth = max(0, depth - 1)
        elif ch == '"':
            quoted = not quoted
        elif ch == mark and depth == 0 and not quoted and text[i + 1 : i + 2] in (" ", ""):
            found.append(i)
    return found


def _split_top_level(text: str) -> list[tuple[int, str]]:
    """Split at ``;`` outside brackets and quotes; each piece keeps its ``;``. Returns (offset, piece)."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for i in _top_level(text, ";"):
        pieces.append((start, text[start : i + 1]))
        start = i + 1
    pieces.append((start, text[start:]))
    out = []
    for offset, piece in pieces:
        stripped = piece.strip()
        if stripped:
            out.append((offset + (len(piece) - len(piece.lstrip())), stripped))
    if len(out) > 1 and any(len(p) < 8 for _, p in out):
        return [(0, text.strip())]
    return out


# -- closing --------------------------------------------------------------------------------------


def read_closing(closing: list[Unit], blocks: list[Block]) -> tuple[list[Signature], list[str]]:
    """Recipients and the signature blocks, which may come in either order. Several signers (a joint
    text) give several blocks, in print order: a prefix after a block's name opens the next one."""
    recipients: list[str] = []
    groups: list[tuple[list[Unit], list[Unit]]] = [([], [])]  # (title units, signer units) per block
    for u in closing:
        if u.kind == "PASSED":
            blocks.append(_block("closing", u))
        elif u.kind == "RECIPIENTS_HEAD":
            blocks.append(_block("recipients", u))
            first = u.body.lstrip("-–+ ").strip()
            if first:
                recipients.append(first)
        elif u.kind == "RECIPIENT":
            blocks.append(_block("recipients", u))
            recipients.append(u.body if u.label else u.text)
        elif u.kind == "SIGN":
            blocks.append(_block("signature", u))
            if groups[-1][1] and sign_prefix(u.text):
                groups.append(([], []))
            groups[-1][0].append(u)
        elif u.kind == "SIGNER":
            blocks.append(_block("signature", u))
            groups[-1][1].append(u)
    return [_signature(sign, signers) for sign, signers in groups if sign or signers], recipients


def _signature(sign: list[Unit], signers: list[Unit]) -> Signature:
    """One signature block: its prefixes, on whose behalf, the title, the (last) name."""
    signer = signers[-1] if signers else None
    prefixes: list[str] = []
    on_behalf_of = None
    titles: list[str] = []
    notes = set(cues()["signature_notes"])
    for u in sign:
        if u.text in notes:
            continue
        signing = sign_prefix(u.text)
        if signing:
            prefix, rest = signing
            prefixes.append(prefix)
            if on_behalf_of is None and prefix not in ("Q.",):
                on_behalf_of = rest
            titles.append(rest)
        else:
            titles.append(u.text)
    position = titles[-1] if titles else None
    if position is not None and on_behalf_of == position and len(titles) == 1:
        on_behalf_of = None
    units = [*sign, *signers]
    first = min(u.line for u in units)
    last = max(u.end_line or u.line for u in units)
    return Signature(
        prefixes=prefixes,
        on_behalf_of=on_behalf_of,
        position=position,
        signer=signer.text if signer else None,
        line=first,
        end_line=last if last != first else None,
        start=min(u.start for u in units),
        end=max(u.end for u in units),
        chain=[u.text for u in sign if u.text not in notes],
    )


# -- structure checks -----------------------------------------------------------------------------


def _article_diagnostics(articles: list[Article]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    previous: int | None = None
    seen: set[str] = set()
    for a in articles:
        if a.number in seen:
            out.append(diagnostic("NQ005", f"Điều {a.number} appears twice", a.line))
        seen.add(a.number)
        digits = re.match(r"\d+", a.number)
        if not digits:
            continue
        n = int(digits.group())
        if previous is not None and n != previous + 1 and n != previous:
            out.append(diagnostic("NQ006", f"Điều {a.number} follows Điều {previous}", a.line))
        previous = n
    return out


__all__ = ["build_document", "fold", "read_closing", "read_header", "split_basis"]
