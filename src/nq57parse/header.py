"""Build, the header: the front units (issuer block, motto, ``Số:``, place and date, type heading,
title, authority, ``Kính gửi``) → header facts and their blocks.

In: the ``front`` units of the parse. Out: a dict of facts (``issuer``, ``parent_issuer``, ``number``,
``place``, ``issued_on``, ``doc_type``, ``title``, ``subject``, ``authority``, ``addressees``), blocks
appended to the list given, diagnostics (NQ003 number not well formed, NQ004 date that does not exist).
"""

from __future__ import annotations

import re
from datetime import date

from .issuers import issuer_levels
from .models import Block, Diagnostic
from .nodes import block
from .numbers import parse_number, parse_printed_number
from .rules import diagnostic
from .shapes import MOTTO, MOTTO_NAME_START, PlaceDate, doc_type_heading, find_place_date, is_upper
from .units import Unit

_SUBJECT_IN_NUMBER = re.compile(r"\s*\b(?:V/v|V/V|v/v)\b\s*:?\s*(.*)$")
# The number and date printed in the title, as the official gazette and older copies print them under
# the type heading: ``NGHỊ ĐỊNH / (CỦA CHÍNH PHỦ) SỐ 136/2007/NĐ-CP NGÀY 17 THÁNG 8 NĂM 2007 / VỀ …``.
_TITLE_NUMBER_DATE = re.compile(
    r"^(?:của\s+[^\d]{2,80}?\s+)?số\s*:?\s*(?P<number>\d{1,5}[/-]\S{1,40}?)[\s,]+ngày\s+(?P<d>\d{1,2})\s+tháng\s+"
    r"(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})\b[\s,.;:]*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def read_header(front: list[Unit], blocks: list[Block], diagnostics: list[Diagnostic]) -> dict:
    """Header facts from the front units: issuer, number, place, date, type, title, authority."""
    facts: dict = {"addressees": []}
    issuers: list[str] = []
    titles: list[str] = []
    for u in front:
        kind = u.kind
        if kind == "H_MOTTO":
            blocks.append(block("motto", u))
            rest = " | ".join(u.cells) if u.cells else u.text
            rest = MOTTO_NAME_START.sub("|", MOTTO.sub("|", rest))  # the latter: a name OCR garbled
            for piece in (p.strip(" |-") for p in rest.split("|")):
                if not piece:
                    continue
                _header_piece(piece, u, facts, issuers, diagnostics)
        elif kind == "H_RULE":
            blocks.append(block("rule", u))
        elif kind == "H_ISSUER":
            blocks.append(block("issuer", u))
            issuers.append(u.text)
        elif kind == "H_NUMBER":
            blocks.append(block("number", u))
            _read_number(u.body, u, facts, diagnostics)
        elif kind == "H_PLACE_DATE":
            blocks.append(block("place_date", u))
            _read_place_date(find_place_date(u.text), u, facts, diagnostics)
        elif kind == "H_DOC_TYPE":
            blocks.append(block("doc_type", u))
            found = doc_type_heading(u.text)
            if found:
                facts.setdefault("doc_type", found[0])
                if found[1]:
                    titles.append(found[1])
        elif kind == "H_TITLE":
            blocks.append(block("title", u))
            titles.append(u.text)
        elif kind == "H_SUBJECT":
            blocks.append(block("subject", u))
            facts["subject"] = u.body
        elif kind == "H_AUTHORITY":
            blocks.append(block("authority", u))
            facts["authority"] = u.text
        elif kind == "H_ADDRESSEE_HEAD":
            blocks.append(block("addressees", u))
            if u.body:
                facts["addressees"].append(u.body.lstrip("- ").strip())
        elif kind == "H_ADDRESSEE":
            blocks.append(block("addressees", u))
            facts["addressees"].append(u.body)
    _read_issuers(issuers, facts)
    titles = _title_number_date(titles, front, facts, diagnostics)
    if titles:
        facts["title"] = " ".join(titles)
    elif facts.get("subject"):
        facts["title"] = facts["subject"]
    return facts


def _title_number_date(
    titles: list[str], front: list[Unit], facts: dict, diagnostics: list[Diagnostic]
) -> list[str]:
    """The title's first line printing the number and date (``_TITLE_NUMBER_DATE``): they are read
    where the header has no ``Số:`` line or dateline, and left out of the title."""
    m = _TITLE_NUMBER_DATE.match(titles[0]) if titles else None
    if m is None:
        return titles
    line = next((u for u in front if u.kind in ("H_TITLE", "H_DOC_TYPE")), front[0])
    _read_number(m["number"], line, facts, diagnostics)
    if "issued_on" not in facts:
        found = PlaceDate("", int(m["d"]), int(m["m"]), int(m["y"]), m.start("d"), m.group(0))
        _read_place_date(found, line, facts, diagnostics)
        facts["place"] = None
    rest = m["rest"].strip()
    return [rest, *titles[1:]] if rest else titles[1:]


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
        printed = parse_printed_number(body.strip())
        kept = "; kept as printed" if printed is not None else ""
        if printed is not None and "number" not in facts:
            facts["number"] = printed
        diagnostics.append(
            diagnostic("NQ003", f"the number {body.strip()!r} is not well formed{kept}", u.line)
        )


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


def read_passing_date(blocks: list[Block], facts: dict, diagnostics: list[Diagnostic]) -> None:
    """A law prints no place-and-date line: its date is the day of passing in its closing clause."""
    for found in blocks:
        m = _PASSED_DATE.search(found.text) if found.kind == "closing" else None
        if m:
            try:
                facts["issued_on"] = date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
            except ValueError:
                diagnostics.append(diagnostic("NQ004", f"the date {m.group(0)!r} does not exist", found.line))
            return
