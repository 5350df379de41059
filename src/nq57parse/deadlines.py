"""Deadlines: normalise a ``Thời gian hoàn thành`` cell into a ``Deadline`` (SPEC, conventions.md §6).

In: the raw cell text (lines joined by ``\\n``) and optionally the plan's year for dates without one.
Out: ``Deadline{raw, kind, start, end, recurrence, parts}``; ISO dates; never raises.

Kinds: ``date`` (``15/12/2025``), ``month`` (``Tháng 12/2025`` → 2025-12-01…2025-12-31), ``quarter``
(``Quý IV/2025``), ``half`` (``6 tháng đầu năm 2026``), ``year`` (``2030``), ``range`` (``2025-2026``;
``Từ 2026`` has a start and no end; ``Đến năm 2030`` / ``Trước ngày 15/12/2025`` an end and no start),
``recurring`` (``Thường xuyên`` → recurrence ``continuous``, ``Hằng năm`` → ``yearly``, ``Định kỳ`` →
``periodic``, ``Trước ngày 15 hằng tháng`` → ``monthly;day=15``), ``relative`` (``Sau khi Luật … được
sửa đổi``, ``Theo tiến độ …``, ``Theo yêu cầu …``: tied to an event or a request; ``Trong 30 ngày kể từ
ngày ký``: a span from an event), ``unknown``.

A span from the signing or issuing of the document itself is resolved by ``resolve_spans`` once the
issue date is known (the pipeline calls it): ``start`` the issue date, ``end`` the issue date plus the
span by ``dateutil.relativedelta`` (``Trong 06 tháng kể từ ngày ký`` of 2025-08-31 ends 2026-02-28).

A cell of several parts (one per line, or ``;``/``,``-separated pieces that each read as a deadline),
such as ``Chuẩn: tháng 12/2025`` / ``Các kết quả khác: Theo yêu cầu thực tế``, keeps every part in
``parts``; the cell itself takes kind, start, end and recurrence of its first dated part (else of
its first recognised part). A part may carry a label (``Chuẩn: …``) or a parenthesis
(``Kỳ họp thứ 2 (tháng 10/2026)``). The vocabulary lives in ``data/table_cues.yaml``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache, lru_cache

from dateutil.relativedelta import relativedelta

from .datafiles import data_file
from .models import Appendix, Deadline

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"((?:19|20)\d{2})"
_DATE = re.compile(rf"^(?:ngày\s*)?(\d{{1,2}})\s*[/.-]\s*(\d{{1,2}})\s*[/.-]\s*{_YEAR}$")
_DATE_WORDS = re.compile(rf"^(?:ngày\s*)?(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\s*(?:năm|/|-)\s*{_YEAR}$")
_DATE_NO_YEAR = re.compile(r"^(?:ngày\s*)?(\d{1,2})\s*(?:/|tháng)\s*(\d{1,2})$")
_MONTH = re.compile(rf"^(?:tháng\s*|t\s*)?(\d{{1,2}})\s*(?:[/.-]|năm)\s*{_YEAR}$")
_MONTH_NO_YEAR = re.compile(r"^tháng\s*(\d{1,2})$")
_QUARTER = re.compile(rf"^(?:quý|q)\s*(iv|iii|ii|i|[1-4])\s*(?:[/.-]|năm|\s)\s*(?:năm\s*)?{_YEAR}$")
_HALF = re.compile(rf"^(?:6\s*tháng|sáu\s*tháng|nửa)\s*(đầu|cuối)\s*(?:năm\s*)?{_YEAR}$")
_YEAR_ONLY = re.compile(rf"^(?:năm\s*)?{_YEAR}$")
_LABELLED = re.compile(r"^([^:\d]{1,80}?)\s*:\s*(.+)$")
_PAREN = re.compile(r"\(([^()]{3,60})\)")
_SPLIT_PIECES = re.compile(r"\s*[;,]\s*")


@cache
def _vocabulary() -> dict:
    return data_file("table_cues.yaml")["deadline"]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("–", "-").replace("—", "-").replace("\u2212", "-")
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" .;,")


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_end(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _point(s: str, ref_year: int | None) -> Deadline | None:
    """A single point in time (date, month, quarter, half, year), or None."""
    if m := _DATE.match(s) or _DATE_WORDS.match(s):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        iso = _iso(y, mo, d)
        return Deadline(raw=s, kind="date", start=iso, end=iso) if iso else None
    if m := _MONTH.match(s):
        mo, y = int(m[1]), int(m[2])
        if 1 <= mo <= 12:
            return Deadline(raw=s, kind="month", start=_iso(y, mo, 1), end=_iso(y, mo, _month_end(y, mo)))
        return None
    if m := _QUARTER.match(s):
        q, y = _ROMAN.get(m[1]) or int(m[1]), int(m[2])
        first = 3 * q - 2
        return Deadline(
            raw=s, kind="quarter", start=_iso(y, first, 1), end=_iso(y, first + 2, _month_end(y, first + 2))
        )
    if m := _HALF.match(s):
        y = int(m[2])
        if m[1] == "đầu":
            return Deadline(raw=s, kind="half", start=_iso(y, 1, 1), end=_iso(y, 6, 30))
        return Deadline(raw=s, kind="half", start=_iso(y, 7, 1), end=_iso(y, 12, 31))
    if m := _YEAR_ONLY.match(s):
        y = int(m[1])
        return Deadline(raw=s, kind="year", start=_iso(y, 1, 1), end=_iso(y, 12, 31))
    if ref_year is not None:
        if m := _DATE_NO_YEAR.match(s):
            iso = _iso(ref_year, int(m[2]), int(m[1]))
            return Deadline(raw=s, kind="date", start=iso, end=iso) if iso else None
        if (m := _MONTH_NO_YEAR.match(s)) and 1 <= int(m[1]) <= 12:
            mo = int(m[1])
            return Deadline(
                raw=s,
                kind="month",
                start=_iso(ref_year, mo, 1),
                end=_iso(ref_year, mo, _month_end(ref_year, mo)),
            )
    return None


def _strip_prefix(s: str, words: list[str] | tuple[str, ...]) -> str | None:
    for word in _longest_first(tuple(words)):
        if s.startswith(word) and s[len(word) : len(word) + 1] == " ":
            return s[len(word) + 1 :].strip()
    return None


@cache
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _due_day() -> re.Pattern[str]:
    vocab = _vocabulary()
    prefixes = "|".join(re.escape(p) for p in sorted(vocab["due_day_prefixes"], key=len, reverse=True))
    periods = "|".join(re.escape(p) for p in sorted(vocab["due_day_periods"], key=len, reverse=True))
    return re.compile(rf"(?:{prefixes})\s*(\d{{1,2}})\s*(?:của\s+)?({periods})")


# relativedelta counts months and years by the calendar: 2025-08-31 plus 6 months is 2026-02-28.
_STEPS: dict[str, Callable[[int], relativedelta]] = {
    "days": lambda n: relativedelta(days=n),
    "weeks": lambda n: relativedelta(weeks=n),
    "months": lambda n: relativedelta(months=n),
    "years": lambda n: relativedelta(years=n),
}


@cache
def _span() -> re.Pattern[str]:
    """``trong 30 ngày kể từ ngày ký``: prefix, number, unit, ``làm việc``?, link, event (folded text)."""
    vocab = _vocabulary()

    def alternatives(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    return re.compile(
        rf"(?:{alternatives(vocab['span_prefixes'])})\s+(\d{{1,3}})\s+({alternatives(vocab['span_units'])})"
        rf"(\s+{re.escape(vocab['span_working_days'])})?\s+(?:{alternatives(vocab['span_links'])})\s+(.+)"
    )


def span_end(text: str, issued_on: date) -> str | None:
    """The end of a span counted from the document's own signing or issue (``Trong 30 ngày kể từ
    ngày ký``) as an ISO date, or None when ``text`` is no such span (another event, working days)."""
    vocab = _vocabulary()
    m = _span().fullmatch(_fold(text))
    if m is None or m[3] or not any(_is_issue(m[4], event) for event in vocab["issue_events"]):
        return None
    return (issued_on + _STEPS[vocab["span_units"][m[2]]](int(m[1]))).isoformat()


def _is_issue(event: str, issue: str) -> bool:
    """``ngày ký``, or ``ngày ký … này`` (``ngày ký ban hành Quyết định này``): this document's issue."""
    return event == issue or (event.startswith(issue + " ") and event.endswith(" này"))


def resolve_spans(appendix: Appendix, issued_on: date) -> Appendix:
    """The appendix with each row's deadline (and each of its parts) that is a span from the document's
    signing or issue given its dates (see the module docstring); other rows as they are."""
    rows = []
    for row in appendix.rows:
        deadline = row.deadline
        if deadline is not None and (resolved := _resolved(deadline, issued_on)) is not deadline:
            row = row.model_copy(update={"deadline": resolved})
        rows.append(row)
    return appendix.model_copy(update={"rows": rows})


def _resolved(deadline: Deadline, issued_on: date) -> Deadline:
    """The deadline with its span dates, or the same object when nothing in it is a span."""
    if deadline.parts:
        parts = [_resolved(p, issued_on) for p in deadline.parts]
        if all(new is old for new, old in zip(parts, deadline.parts, strict=True)):
            return deadline
        return _combine(deadline.raw, parts)
    if deadline.kind != "relative" or deadline.start or deadline.end:
        return deadline
    end = span_end(deadline.raw, issued_on)
    return (
        deadline if end is None else deadline.model_copy(update={"start": issued_on.isoformat(), "end": end})
    )


@lru_cache(maxsize=4096)
def _expression(s: str, ref_year: int | None) -> Deadline | None:
    """The whole folded text ``s`` as one deadline expression, or None (cached: a pure function)."""
    vocab = _vocabulary()
    if not s:
        return None
    if s in vocab["recurring"]:
        return Deadline(raw=s, kind="recurring", recurrence=vocab["recurring"][s])
    if not any(c.isdigit() for c in s):  # no number: only a relative phrase is left
        found = _strip_prefix(s, vocab["relative_prefixes"]) is not None
        return Deadline(raw=s, kind="relative") if found else None
    if m := _due_day().fullmatch(s):
        freq = vocab["due_day_periods"][m[2]]
        return Deadline(raw=s, kind="recurring", recurrence=f"{freq};day={int(m[1])}")
    if point := _point(s, ref_year):
        return point
    # ranges: "2025-2026", "năm 2025 - 2026", "giai đoạn 2026-2030", "từ tháng 7/2026 đến tháng 12/2026"
    body = _strip_prefix(s, vocab["range_prefixes"]) or s
    for sep in (" đến ", "-"):
        if sep in body:
            left, _, right = body.partition(sep)
            a = _point(left.strip(), ref_year)
            b = _point(_strip_prefix(right.strip(), ["năm"]) or right.strip(), ref_year)
            if a and b and a.start and b.end and a.start <= b.end:
                return Deadline(raw=s, kind="range", start=a.start, end=b.end)
    rest = _strip_prefix(s, vocab["from_words"])
    if rest is not None and (p := _point(_strip_prefix(rest, ["năm", "ngày"]) or rest, ref_year)):
        return Deadline(raw=s, kind="range", start=p.start)
    rest = _strip_prefix(s, vocab["by_words"])
    if rest is not None and (
        p := _point(_strip_prefix(rest, ["năm", "ngày", "hết năm", "hết"]) or rest, ref_year)
    ):
        return Deadline(raw=s, kind="range", end=p.end)
    if _strip_prefix(s, vocab["relative_prefixes"]) is not None or _span().fullmatch(s):
        return Deadline(raw=s, kind="relative")
    return None


def parse_expression(text: str, ref_year: int | None = None) -> Deadline | None:
    """The whole ``text`` as one deadline expression (``Tháng 12/2025``, ``Thường xuyên``), or None.

    The returned ``raw`` is ``text`` as given. Used by the table stage as strong evidence that a
    line is a deadline cell.
    """
    found = _expression(_fold(text), ref_year)
    return found.model_copy(update={"raw": text.strip()}) if found else None


@cache
def time_words() -> frozenset[str]:
    """First words of the vocabulary's phrases without a number (``thường``, ``hằng``, ``sau``, …)."""
    vocab = _vocabulary()
    phrases = [*vocab["recurring"], *vocab["relative_prefixes"]]
    return frozenset(p.split(" ", 1)[0] for p in phrases)


def is_expression(text: str, ref_year: int | None = None) -> bool:
    """Whether the whole ``text`` is one deadline expression (``parse_expression`` without the copy)."""
    return _expression(_fold(text), ref_year) is not None


def parse_part(text: str, ref_year: int | None = None) -> Deadline:
    """One part of a cell: an expression, ``label: expression``, or text ending in / holding one."""
    raw = text.strip()
    s = _fold(raw)
    found = _expression(s, ref_year)
    if found is None and (m := _LABELLED.match(s)):
        found = _expression(m[2].strip(" .;,"), ref_year)
    if found is None and (m := _PAREN.search(s)):
        found = _expression(_fold(m[1]), ref_year)
    if found is None:
        # a short label before the expression: "Đề án quý IV/2025"
        words = s.split(" ")
        for i in range(1, min(len(words), 8)):
            found = _expression(" ".join(words[i:]), ref_year)
            if found is not None and found.kind != "relative":
                break
            found = None
    if found is None:
        return Deadline(raw=raw, kind="unknown")
    return found.model_copy(update={"raw": raw})


def parse_deadline(raw: str, ref_year: int | None = None) -> Deadline:
    """Normalise a deadline cell; see the module docstring for the forms and the multi-part rule."""
    text = unicodedata.normalize("NFC", raw or "").strip()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return Deadline(raw=text, kind="unknown")
    if len(lines) == 1:
        exact = _expression(_fold(lines[0]), ref_year)
        if exact is not None:
            return exact.model_copy(update={"raw": text})
        whole = parse_part(lines[0], ref_year)
        pieces = [p for p in _SPLIT_PIECES.split(lines[0]) if p]
        if len(pieces) > 1:
            parsed = [parse_part(p, ref_year) for p in pieces]
            if all(p.kind != "unknown" for p in parsed):
                return _combine(text, parsed)
        return whole.model_copy(update={"raw": text})
    return _combine(text, [parse_part(line, ref_year) for line in lines])


def _combine(raw: str, parts: list[Deadline]) -> Deadline:
    main = next((p for p in parts if p.start or p.end), None) or next(
        (p for p in parts if p.kind != "unknown"), parts[0]
    )
    return Deadline(
        raw=raw, kind=main.kind, start=main.start, end=main.end, recurrence=main.recurrence, parts=parts
    )
