"""Stage 8, citations: find every mention of another document in the normalised text.

In: the ``NormalisedText`` and the document's language (``vi``, ``en``, ``no``).
Out: ``Citation`` objects in text order, each with ``text == norm.text[start:end]``, its line, type, number
as printed, date (ISO), issuer and subject as printed, form (full, short, list, alias, named), relation
(typed from the cue words before it) and language. ``target`` is left to the resolve stage.

How: a cheap scan for type words (``Nghị quyết``, ``Decision``, ``resolusjon``, … from
``data/doc_types.yaml``) gives candidate positions; at each one, precise anchored patterns read the
marker (``số``/``No.``/``nr.``), the number (``numbers.py``), list members (``57, 59, 66 và 68``) and then
the date, issuer and subject that follow *immediately* (so one citation's metadata never bleeds into its
neighbour). A second scan picks up bare full numbers (``708/BTTTT-CATTT``), alias definitions
(``(sau đây gọi tắt là …)``) and laws cited by name (``Luật Giao dịch điện tử``). Every quantifier is
bounded and every pattern anchored, so the pass stays linear in the text size.

Relations (``data/relations.yaml``): the cue nearest before a citation in the same clause types it
(``Căn cứ`` → based_on, ``thực hiện`` → implements, …); a citation that follows another one in the same
clause after a cue is *nested* (``Nghị quyết 71 … thực hiện Nghị quyết 57``): it is only mentioned by the
document, and ``find_doc_relations`` turns the pair into a relation between the two cited documents.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date
from functools import cache
from itertools import islice
from typing import NamedTuple

from .datafiles import data_file
from .models import Citation, DocRelation, maker
from .normalise import NormalisedText
from .numbers import _SCAN as NUMBER_RE
from .numbers import doc_type_of, match_key, name_key, number_from_match, parse_number

LANGS = ("vi", "en", "no")
_WORD_END = r"(?![\w])"
_WORD_START = r"(?<![\w])"


def _phrase(text: str) -> str:
    """A phrase as a regex: spaces match 1–3 whitespace, a comma its usual spacing."""
    parts = [re.escape(p).replace(",", r"[^\S\n]{0,2},") for p in re.split(r"[^\S\n]+", text.strip())]
    return r"[^\S\n]{1,3}".join(parts)


def _alternation(phrases: Sequence[str]) -> str:
    """The phrases as one alternation, longest first; in one order from run to run (a set's order
    changes with Python's hash seed, and the start-up cache keeps a pattern by its text)."""
    return "|".join(_phrase(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


class _Compiled:
    """A ``Lexicon`` pattern, compiled from its source on first read and then kept on the instance.

    Most texts need only some of the patterns (a text with no type word never reads the date, issuer
    or subject patterns; the case-insensitive type pattern serves only rare paths), so a run compiles
    only what it uses.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, lex: Lexicon | None, owner: type | None = None) -> re.Pattern[str]:
        if lex is None:
            raise AttributeError(self.name)
        source, flags = lex.sources[self.name]
        pattern = re.compile(source, flags)
        lex.__dict__[self.name] = pattern  # a non-data descriptor: the instance value wins from now on
        return pattern


@dataclass(frozen=True)
class Lexicon:
    """The tables read from the data files, and the patterns built from them (compiled when first read)."""

    sources: dict[str, tuple[str, int]]  # pattern name -> (regex source, flags)
    type_of: dict[str, tuple[str, tuple[str, ...]]]
    marker_lang: dict[str, str]
    months: dict[str, int]
    named_types: dict[str, str]
    cue_of: dict[str, str]
    cue_window: int
    first_words: tuple[str, ...]
    compound_first: tuple[str, ...]
    named_prefixes: tuple[str, ...]
    type_reach: int  # the longest text a type word can match (its spaces widened to 3)
    number_reach: int  # the longest text between a type word and the first digit of its number

    type_re = _Compiled()
    marker_re = _Compiled()
    short_re = _Compiled()
    bare_short_bad = _Compiled()
    form_before_re = _Compiled()
    list_sep_re = _Compiled()
    date_vi = _Compiled()
    date_en = _Compiled()
    date_no = _Compiled()
    issuer_re = _Compiled()
    issuer_stop_re = _Compiled()
    subject_re = _Compiled()
    alias_re = _Compiled()
    named_re = _Compiled()
    name_stop_re = _Compiled()
    cue_re = _Compiled()
    compound_re = _Compiled()
    may_number_re = _Compiled()
    typed_before_re = _Compiled()

    def type_word_at(self, low: str, start: int) -> re.Match[str] | None:
        """The type word (lower case) that starts at ``start`` of the lower-cased text, or None."""
        by_char = self.__dict__.get("_keys_by_char")
        if by_char is None:
            by_char = self.__dict__["_keys_by_char"] = {}
            for key in self.first_words:
                by_char.setdefault(key[0], []).append(key)
        for key in by_char.get(low[start : start + 1], ()):
            if low.startswith(key, start):
                return self.type_at(key).match(low, start)
        return None

    def type_at(self, key: str) -> re.Pattern[str]:
        """The type pattern (lower case) narrowed to the type words whose first word starts with ``key``,
        one of ``first_words`` (compiled when a text first holds the key, then kept)."""
        cache = self.__dict__.setdefault("_type_at", {})
        pattern = cache.get(key)
        if pattern is None:
            phrases = [p for p in self.type_of if p.split()[0].startswith(key)]
            pattern = cache[key] = re.compile(_WORD_START + "(?:" + _alternation(phrases) + ")" + _WORD_END)
        return pattern


def pattern_names() -> tuple[str, ...]:
    """The names of the lexicon's patterns (each has a source in ``Lexicon.sources``)."""
    return tuple(name for name, value in vars(Lexicon).items() if isinstance(value, _Compiled))


def _load(name: str) -> dict:
    return data_file(name)


@cache
def lexicon() -> Lexicon:
    """Read ``doc_types.yaml`` and ``relations.yaml`` once and build the pattern sources (compiled lazily)."""
    types = _load("doc_types.yaml")
    relations = _load("relations.yaml")
    type_of: dict[str, tuple[str, tuple[str, ...]]] = {}
    for key, by_lang in types["types"].items():
        for lang in LANGS:
            for word in by_lang.get(lang, []):
                folded = word.casefold()
                old_key, old_langs = type_of.get(folded, (key, ()))
                type_of[folded] = (old_key, (*old_langs, lang))
    types_alt = _WORD_START + "(?:" + _alternation(list(type_of)) + ")" + _WORD_END
    marker_lang = {}
    markers = []
    for lang, words in types["number_markers"].items():
        for word in words:
            marker_lang[word.casefold().rstrip(".")] = lang
            markers.append(word)
    marker_alt = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    months = {**types["months"]["en"], **types["months"]["no"]}
    month_alt = "|".join(sorted(months, key=len, reverse=True))
    lead = r"[^\S\n]{0,3},?[^\S\n]{0,3}"
    issuer_words = [w for ws in types["issuer_words"].values() for w in ws]
    heads = [h for hs in types["issuer_heads"].values() for h in hs]
    stops = [w for ws in types["issuer_stops"].values() for w in ws]
    subject_words = [w for ws in types["subject_words"].values() for w in ws]
    intros = [w for ws in types["alias_intros"].values() for w in ws]
    named_types = {word: key for key, words in types["named_types"].items() for word in words}
    cue_of: dict[str, str] = {}
    for relation, by_lang in relations["cues"].items():
        for lang in LANGS:
            for phrase in by_lang.get(lang, []):
                cue_of[_cue_key(phrase)] = relation
    compounds = [c.lower() for c in types.get("compounds", [])]
    marker_back = "|".join(re.escape(m[::-1]) for m in sorted(markers, key=len, reverse=True))
    types_back = "|".join(
        r"[^\S\n]{1,3}".join(re.escape(w[::-1]).replace(",", r",[^\S\n]{0,2}") for w in reversed(t.split()))
        for t in sorted(type_of, key=len, reverse=True)
    )
    type_ends = re.escape("".join(sorted({t[-1] for t in type_of})))  # what a type word ends with
    every_first = {w.split()[0] for w in type_of}
    first_words = sorted(w for w in every_first if not any(w != o and w.startswith(o) for o in every_first))
    i = re.IGNORECASE
    sources: dict[str, tuple[str, int]] = {
        "type_re": (types_alt, i),
        "marker_re": (rf"[^\S\n]{{1,3}}(?P<marker>{marker_alt})(?![^\W\d])[^\S\n]{{0,3}}:?[^\S\n]{{0,3}}", i),
        "short_re": (r"(?P<serial>\d{1,5})(?:/(?P<year>(?:19|20)\d{2}))?(?![\w%/]|[.,]\d)", 0),
        "bare_short_bad": (
            r"[^\S\n]{0,3}(?:năm|tháng|giờ|phút|người|lần|%|triệu|tỷ|nghìn|điểm|years?|months?|år|måneder)(?![\w])",
            i,
        ),
        "list_sep_re": (r"[^\S\n]{0,3}(?:,|;)?[^\S\n]{0,3}(?:và|and|og|&)?[^\S\n]{0,3}", i),
        "date_vi": (
            lead
            + r"(?:ban[^\S\n]+hành[^\S\n]+)?ngày[^\S\n]{1,3}(?:(?P<d>\d{1,2})[^\S\n]?[/.-][^\S\n]?(?P<m>\d{1,2})[^\S\n]?[/.-][^\S\n]?(?P<y>\d{4})"
            r"|(?P<d2>\d{1,2})[^\S\n]{1,3}tháng[^\S\n]{1,3}(?P<m2>\d{1,2})[^\S\n]{1,3}năm[^\S\n]{1,3}(?P<y2>\d{4}))(?!\d)",
            i,
        ),
        "date_en": (
            lead
            + rf"(?:dated|of|issued[^\S\n]+on)[^\S\n]{{1,3}}(?:(?P<mon>{month_alt})[^\S\n]{{1,3}}(?P<d>\d{{1,2}}),?[^\S\n]{{1,3}}(?P<y>\d{{4}})"
            rf"|(?P<d2>\d{{1,2}})[^\S\n]{{1,3}}(?P<mon2>{month_alt}),?[^\S\n]{{1,3}}(?P<y2>\d{{4}}))(?!\d)",
            i,
        ),
        "date_no": (
            lead
            + rf"(?:datert|av|fra)[^\S\n]{{1,3}}(?:den[^\S\n]{{1,3}})?(?P<d>\d{{1,2}})\.[^\S\n]{{0,3}}(?P<mon>{month_alt})[^\S\n]{{1,3}}(?P<y>\d{{4}})(?!\d)",
            i,
        ),
        "issuer_re": (
            lead
            + "(?:"
            + _alternation(issuer_words)
            + r")[^\S\n]{1,3}(?P<issuer>(?:"
            + _alternation(heads)
            + r")"
            + _WORD_END
            + r"[^,;.()“”\"\n:]{0,80})",
            i,
        ),
        "issuer_stop_re": (r"[^\S\n](?:" + _alternation(stops) + r")" + _WORD_END, i),
        "subject_re": (
            lead + r"(?P<intro>" + _alternation(subject_words) + r")[^\S\n]{1,3}(?P<subject>[^;\n(]{1,300})",
            i,
        ),
        "alias_re": (
            r"\([^\S\n]{0,3}(?:"
            + _alternation(intros)
            + r")[^\S\n]{1,3}(?P<name>[^()\n]{2,80}?)[^\S\n]{0,3}\)",
            i,
        ),
        # "Mẫu số 02/BC-UBND": the number of a form to fill in, not of a document (read backwards: the
        # pattern is matched on the reversed few characters before a number)
        "form_before_re": (
            r"[^\S\n]{0,3}:?[^\S\n]{0,3}(?:(?:ốs|\.?on|\.?rn)[^\S\n]{1,3})?(?:"
            + "|".join(re.escape(w[::-1]) for w in types["form_words"])
            + r")(?!\w)",
            i,
        ),
        "named_re": (_WORD_START + r"(?:" + _alternation(list(named_types)) + r")[^\S\n](?=\w)", 0),
        "name_stop_re": (r"[^\S\n](?:" + _alternation(types["name_stops"]) + r")" + _WORD_END, 0),
        "cue_re": (_WORD_START + "(?:" + _alternation(list(cue_of)) + ")" + _WORD_END, i),
        # what must follow a type word for it to open a citation: a marker or a space, then an ASCII digit
        # (an OCR serial may open with O, l or I); a type word without it is passed over at once
        "may_number_re": (
            rf"(?:[^\S\n]{{1,3}}(?:{marker_alt})(?![^\W\d])[^\S\n]{{0,3}}:?[^\S\n]{{0,3}}|[^\S\n]{{1,3}})[OlI]{{0,3}}[0-9]",
            i,
        ),
        "compound_re": (_WORD_START + "(?:" + _alternation(compounds) + ")" + _WORD_END, 0),
        # ``may_number_re`` and a type word before it, read backwards from a number's first digit (matched on
        # the reversed text before the digit): may a type word stand where its number could follow?
        "typed_before_re": (
            rf"[OlI]{{0,3}}(?:[^\S\n]{{0,3}}:?[^\S\n]{{0,3}}(?:{marker_back})[^\S\n]{{1,3}}|[^\S\n]{{1,3}})"
            rf"(?=[{type_ends}])(?:{types_back})(?!\w)",
            i,
        ),
    }
    return Lexicon(
        sources=sources,
        type_of=type_of,
        marker_lang=marker_lang,
        months=months,
        named_types=named_types,
        cue_of=cue_of,
        cue_window=int(relations.get("window", 110)),
        first_words=tuple(first_words),
        compound_first=tuple(sorted({c.split()[0] for c in compounds})),
        named_prefixes=tuple(named_types),
        type_reach=max(len(t) + 2 * t.count(" ") + 2 * t.count(",") for t in type_of),
        number_reach=3 + max(len(m) for m in markers) + 3 + 1 + 3 + 3,
    )


_SPACES = re.compile(r"[^\S\n]+")
_COMMA = re.compile(r"[^\S\n]*,[^\S\n]*")


def _cue_key(phrase: str) -> str:
    return _COMMA.sub(", ", _SPACES.sub(" ", phrase.strip())).casefold()


# ---------------------------------------------------------------- metadata after a number


def _iso(year: str, month: int | str, day: str) -> str | None:
    try:
        return Date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _date_at(text: str, pos: int, lex: Lexicon) -> tuple[int, str | None] | None:
    """A date right at ``pos`` (``ngày 22/12/2024``, ``dated December 22, 2024``, ``datert 22. desember 2024``)."""
    m = lex.date_vi.match(text, pos)
    if m:
        if m.group("d"):
            return m.end(), _iso(m.group("y"), m.group("m"), m.group("d"))
        return m.end(), _iso(m.group("y2"), m.group("m2"), m.group("d2"))
    m = lex.date_en.match(text, pos)
    if m:
        if m.group("mon"):
            return m.end(), _iso(m.group("y"), lex.months[m.group("mon").casefold()], m.group("d"))
        return m.end(), _iso(m.group("y2"), lex.months[m.group("mon2").casefold()], m.group("d2"))
    m = lex.date_no.match(text, pos)
    if m:
        return m.end(), _iso(m.group("y"), lex.months[m.group("mon").casefold()], m.group("d"))
    return None


def _issuer_at(text: str, pos: int, lex: Lexicon, original: str) -> tuple[int, str] | None:
    """``của Bộ Chính trị`` / ``of the Politburo`` / ``fra Politbyrået`` right at ``pos``."""
    m = lex.issuer_re.match(text, pos)
    if not m:
        return None
    start = m.start("issuer")
    raw = m.group("issuer")
    stop = lex.issuer_stop_re.search(raw)
    cut = stop.start() if stop else len(raw)
    # "và" joins a name only when a capitalised word follows (Bộ Khoa học và Công nghệ)
    # and never goes on into the next citation (… của Bộ Chính trị và Quyết định số 2121/QĐ-BYT)
    for joint in re.finditer(r"[^\S\n](?:và|and|og)[^\S\n]+(\S)", raw[:cut]):
        if not joint.group(1).isupper() or lex.type_re.match(raw, joint.start(1)):
            cut = joint.start()
            break
    # a wrapped issuer goes on in lower case (của Bộ Chính⏎trị, của Thủ⏎tướng); a capital after the line
    # break opens something else (… của Bộ Y tế⏎Các đơn vị thuộc Bộ …)
    line_break = original.find("\n", start, start + cut)
    while line_break != -1:
        if raw[line_break - start + 1 : cut].lstrip()[:1].isupper() and raw[: line_break - start].split():
            cut = line_break - start
            break
        line_break = original.find("\n", line_break + 1, start + cut)
    words = raw[:cut].split()[:10]
    if not words:
        return None
    issuer = " ".join(words)
    end = text.index(words[-1], start) + len(words[-1])
    return end, issuer


def _subject_at(text: str, pos: int, lex: Lexicon) -> str | None:
    """The trích yếu right after a citation: ``về …`` / ``on …`` / ``om …``, to the end of its clause."""
    m = lex.subject_re.match(text, pos)
    if not m:
        return None
    subject = m.group("subject")
    end = re.search(r"\.(?=[^\S\n]|$)", subject)
    if end:
        subject = subject[: end.start()]
    subject = subject.strip().strip("“”\"'").strip(" ,.:").strip("“”\"'").strip()
    return subject or None


@dataclass
class _Meta:
    end: int
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None


def _meta_after(text: str, pos: int, lex: Lexicon, original: str) -> _Meta:
    """Date and issuer (in either order) right after ``pos``, then the subject."""
    meta = _Meta(end=pos)
    for _ in range(2):
        if meta.date is None:
            found = _date_at(text, meta.end, lex)
            if found:
                meta.end, meta.date = found
                continue
        if meta.issuer is None:
            got = _issuer_at(text, meta.end, lex, original)
            if got:
                meta.end, meta.issuer = got
                continue
        break
    # the date and issuer may wrap onto the next line; the subject ends with its line as printed
    meta.subject = _subject_at(original, meta.end, lex)
    return meta


# ---------------------------------------------------------------- candidates


@dataclass
class _Found:
    start: int
    end: int
    doc_type: str | None
    number: str | None
    form: str
    language: str
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None


def _language_of(word: str, marker: str | None, default: str, lex: Lexicon) -> str:
    langs = lex.type_of[" ".join(word.split()).casefold()][1]
    if marker:
        by_marker = lex.marker_lang.get(marker.casefold().rstrip("."))
        if by_marker in langs:
            return by_marker
    if default in langs:
        return default
    return langs[0]


def _typed_at(text: str, hit: re.Match[str], default_lang: str, lex: Lexicon, original: str) -> list[_Found]:
    """The citation(s) opened by the type word ``hit``: one, or one per member of a list."""
    word = hit.group(0)
    doc_type = lex.type_of[" ".join(word.split()).casefold()][0]
    pos = hit.end()
    marker_m = lex.marker_re.match(text, pos)
    marker = marker_m.group("marker") if marker_m else None
    if marker_m:
        pos = marker_m.end()
    else:
        spaces = re.compile(r"[^\S\n]{1,3}").match(text, pos)
        if not spaces:
            return []
        pos = spaces.end()
    lang = _language_of(word, marker, default_lang, lex)
    found: list[_Found] = []
    start = hit.start()
    first = True
    for _ in range(30):
        number_m = NUMBER_RE.match(text, pos)
        number = number_from_match(number_m) if number_m else None
        if number_m and number:
            end, printed, form = number_m.end(), number_m.group(0), "full"
        else:
            if first and marker is None and "\n" in original[hit.end() : pos]:
                break  # a type word ending a line, a bare serial opening the next (a table cell, a date)
            short = lex.short_re.match(text, pos)
            if not short:
                break
            serial = short.group("serial")
            if first and marker is None:
                year_like = len(serial) == 4 and serial[:2] in ("19", "20") and not short.group("year")
                if year_like or lex.bare_short_bad.match(text, short.end()):
                    break
            if not first and len(serial) == 4 and serial[:2] in ("19", "20"):
                break
            end, printed, form = short.end(), short.group(0), "short"
        meta = _meta_after(text, end, lex, original)
        member_type = doc_type
        if not first and form == "full" and number is not None:
            member_type = doc_type_of(number) or doc_type
        found.append(
            _Found(
                start=start,
                end=meta.end,
                doc_type=member_type,
                number=printed,
                form=form,
                language=lang,
                date=meta.date,
                issuer=meta.issuer,
                subject=meta.subject,
            )
        )
        first = False
        sep = lex.list_sep_re.match(text, meta.end)
        if sep is None or sep.end() == meta.end or ";" in sep.group(0):
            break
        nxt = sep.end()
        if not (NUMBER_RE.match(text, nxt) or lex.short_re.match(text, nxt)):
            break
        if found[0].form == "short" and not lex.short_re.match(text, nxt):
            break
        pos = start = nxt
    if len(found) > 1:
        for member in found:
            if member.form == "short":
                member.form = "list"
    return found


_HEADER_PREFIX = re.compile(r"[^\S\n]{0,10}(?:Số|SỐ|số|So|No\.?|Nr\.?)?[^\S\n]{0,3}:?[^\S\n]{0,3}")
_HEADER_PREFIX_MAX = 24  # the longest text _HEADER_PREFIX can match, and some


def _form_number(text: str, start: int, lex: Lexicon) -> bool:
    """True for the number of a form (``Mẫu số 01/TK``, ``Biểu mẫu 02/BC-UBND``): a form word just before it."""
    before = text[max(0, start - 24) : start][::-1]
    return lex.form_before_re.match(before) is not None


def _header_number(text: str, start: int) -> bool:
    """True for the document's own ``Số: 2121/QĐ-BYT`` line: only a ``Số:`` stands before the number.

    Only the last few characters are looked at, so a long line costs nothing more."""
    low = max(0, start - _HEADER_PREFIX_MAX)
    newline = text.rfind("\n", low, start)
    if newline < 0 and low > 0:
        return False  # the line holds more before the number than a "Số:" prefix can
    return _HEADER_PREFIX.fullmatch(text, newline + 1, start) is not None


class _Spans:
    """Non-overlapping (start, end) spans kept sorted, for O(log n) overlap checks."""

    def __init__(self, spans: Sequence[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def covered(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


_LAW_NUMBER = re.compile(r"[^\S\n]số[^\S\n]{1,3}(?P<number>\d{1,5}/)")


def _type_word_between(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """A capitalised type word in ``text[start:end]`` that is not part of a compound (``pháp luật`` is no
    ``Luật``; ``văn bản quy phạm pháp luật`` in a law's name is no ``văn bản`` cited)."""
    for m in lex.type_re.finditer(text, start, end):
        if not m.group(0)[:1].isupper():
            continue
        near = text[max(start, m.start() - 12) : m.end() + 12].lower()
        if not any(
            c.start() <= m.start() - max(start, m.start() - 12) < c.end()
            for c in lex.compound_re.finditer(near)
        ):
            return True
    return False


def _named_at(
    text: str, hit: re.Match[str], lex: Lexicon, names: dict[int, dict[str, str]], original: str
) -> _Found | None:
    """``Luật Giao dịch điện tử``: a known name (longest first), else the capitalised words after ``Luật``."""
    start = hit.start()
    # a law cited by name and number: Luật Khám bệnh, chữa bệnh số 15/2023/QH15
    clause_end = min(x for x in (text.find(";", start), text.find("\n", start), start + 160) if x >= 0)
    numbered = _LAW_NUMBER.search(text, hit.end(), clause_end)
    if numbered and not _type_word_between(text, hit.end(), numbered.start(), lex):
        number_m = NUMBER_RE.match(text, numbered.start("number"))
        if number_m and number_from_match(number_m):
            meta = _meta_after(text, number_m.end(), lex, original)
            return _Found(
                start,
                meta.end,
                lex.named_types[hit.group(0).strip()],
                number_m.group(0),
                "full",
                "vi",
                meta.date,
                meta.issuer,
                meta.subject,
            )
    end = _known_name_end(text, start, names)
    if end is None:
        window = text[hit.end() : hit.end() + 80]
        cut = re.search(r"[,;.()“”\"\n:]", window)
        window = window[: cut.start()] if cut else window
        stop = lex.name_stop_re.search(" " + window)
        if stop:
            window = window[: max(stop.start() - 1, 0)]
        words = window.split()[:8]
        if not words or not words[0][:1].isupper() or words[0][:1].isdigit():
            return None
        end = text.index(words[-1], hit.end()) + len(words[-1])
    # the version: "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "Hiến pháp năm 1992"
    year = _NAME_YEAR.match(text, end)
    if year:
        return _Found(start, year.end(), lex.named_types[hit.group(0).strip()], None, "named", "vi")
    dated = _date_at(text, end, lex)
    if dated:
        return _Found(start, dated[0], lex.named_types[hit.group(0).strip()], None, "named", "vi", dated[1])
    return _Found(start, end, lex.named_types[hit.group(0).strip()], None, "named", "vi")


_NAME_YEAR = re.compile(r"[^\S\n]{1,3}năm[^\S\n]{1,3}(?:19|20)\d{2}(?!\d)")


def _known_name_end(text: str, start: int, names: dict[int, dict[str, str]]) -> int | None:
    """End of the longest known name at ``start`` (spelling of tones and case ignored: ``hoà`` = ``hòa``)."""
    if not names:
        return None
    window = text[start : start + next(iter(names))]
    folded = name_key(window)  # one key for the longest window; a shorter name is its prefix …
    same = len(folded) == len(window)  # … when folding kept every character in place (no double spaces)
    for size, keys in names.items():  # longest first
        end = start + size
        head = folded[:size] if same else name_key(text[start:end])
        if head in keys and (end >= len(text) or not text[end].isalnum()):
            return end
    return None


def _find_all(text: str, pattern: re.Pattern[str], keys: Sequence[str]) -> list[re.Match[str]]:
    """Matches of ``pattern`` starting where one of the literal ``keys`` occurs (the cheap keyword scan)."""
    starts: set[int] = set()
    for key in keys:
        i = text.find(key)
        while i != -1:
            starts.add(i)
            i = text.find(key, i + 1)
    hits: list[re.Match[str]] = []
    end = -1
    for start in sorted(starts):
        if start < end:
            continue
        m = pattern.match(text, start)
        if m:
            hits.append(m)
            end = m.end()
    return hits


def _type_hits(low: str, lex: Lexicon) -> list[re.Match[str]]:
    """Type words in the lower-cased text, left to right and not overlapping: ``str.find`` gives where each
    first word occurs (``first_words``: none the prefix of another, so ``plan`` finds ``planen`` too and a
    position holds at most one), and only the type words of that first word are tried there (``type_at``)."""
    starts: dict[int, str] = {}
    for key in lex.first_words:
        i = low.find(key)
        while i != -1:
            starts[i] = key
            i = low.find(key, i + 1)
    hits: list[re.Match[str]] = []
    end = -1
    type_at = lex.type_at
    for start in sorted(starts):
        if start < end:
            continue
        m = type_at(starts[start]).match(low, start)
        if m:
            hits.append(m)
            end = m.end()
    return hits


_WORD_STARTS = re.compile(r"(?<!\w)\w")
# up to one digit per this many characters, reading back from the numbers is the cheaper way to find the type
# words (the real corpus and the samples: one digit per 44 characters on average; a table of figures has more)
_CHARS_PER_DIGIT = 20


def _digit_runs(text: str, most: int) -> list[int] | None:
    """Where each run of ASCII digits starts, in no particular order (one ``str.find`` scan per digit); None
    as soon as more than ``most`` digits are met (a text dense with figures)."""
    starts: list[int] = []
    seen = 0
    for digit in "0123456789":
        i = text.find(digit)
        while i != -1:
            seen += 1
            if seen > most:
                return None
            if not (i and text[i - 1].isdigit()):
                starts.append(i)
            i = text.find(digit, i + 1)
    return starts


def _typed_hits(low: str, text: str, lex: Lexicon, digit_runs: Sequence[int]) -> list[re.Match[str]]:
    """The type words (matched in ``low``, the lower-cased ``text``) that a number may follow, in text order:
    of the type words read left to right without overlapping (a type word inside an earlier one is none:
    ``Nghị quyết định`` holds ``Nghị quyết``, not ``quyết định``), those ``may_number_re`` accepts with an
    ASCII digit — all ``_typed_at`` can read a citation from.

    Found from the numbers back: a number's first digit stands at most ``number_reach`` characters after its
    type word, and a type word is at most ``type_reach`` long, so only the few characters before each run of
    digits are read, backwards (``typed_before_re``); where a type word may stand there, each word start of
    those characters is tried (``type_word_at``). A type word found so is kept unless an earlier type word
    that is kept itself overlaps it. ``digit_runs``: where the runs of digits start (``_digit_runs``). The
    cost is a little per number: on a text dense with figures ``_type_hits`` is cheaper, and ``_candidates``
    chooses by the count of digits."""
    reach = lex.number_reach + lex.type_reach + 1
    before, may_number = lex.typed_before_re.match, lex.may_number_re.match
    words: dict[int, re.Match[str] | None] = {}  # word start -> the type word there, or None

    def type_word(start: int) -> re.Match[str] | None:
        if start not in words:
            words[start] = lex.type_word_at(low, start)
        return words[start]

    found: dict[int, re.Match[str]] = {}
    for at in digit_runs:
        window = max(0, at - reach)
        if not before(low[window:at][::-1]):
            continue
        for word in _WORD_STARTS.finditer(low, window, at):
            hit = type_word(word.start())
            if hit is not None and may_number(text, hit.end()):
                found[word.start()] = hit
    kept: dict[int, bool] = {}

    def is_kept(start: int) -> bool:
        """The left-to-right reading keeps the type word at ``start``: no kept one before overlaps it."""
        if start not in kept:
            kept[start] = not any(
                (earlier := type_word(w.start())) is not None and earlier.end() > start and is_kept(w.start())  # noqa: F821 (bound until the return below)
                for w in _WORD_STARTS.finditer(low, max(0, start - lex.type_reach), start)
            )
        return kept[start]

    hits = [found[start] for start in sorted(found) if is_kept(start)]
    # memory: a recursive closure is a reference cycle (through ``low`` and ``words``'s matches), left
    # until the parse ends while the collector is paused (pipeline); emptying its cell breaks it
    del is_kept
    return hits


def _number_hits(text: str) -> list[re.Match[str]]:
    """Bare numbers: every number has a ``/`` (or a Party ``-``) near its serial, so look only there."""
    starts: set[int] = set()
    for sep in ("/", "-"):
        i = text.find(sep)
        while i != -1:
            j = i
            while j > 0 and text[j - 1] == " " and i - j < 1:
                j -= 1
            if sep == "-" or not text[j - 1 : j].isdigit():
                # a Party number's slash follows letters (57-NQ/TW); the serial is before the dash
                if sep == "/":
                    k = j
                    while k > 0 and text[k - 1].isalpha() and j - k < 5:
                        k -= 1
                    j = k - 1 if k > 0 and text[k - 1] == "-" else -1
                if j <= 0:
                    i = text.find(sep, i + 1)
                    continue
            k = j
            while k > 0 and text[k - 1].isdigit() and j - k < 5:
                k -= 1
            if k < j:
                starts.add(k)
            i = text.find(sep, i + 1)
    hits: list[re.Match[str]] = []
    end = -1
    for start in sorted(starts):
        if start < end:
            continue
        m = NUMBER_RE.match(text, start)
        if m:
            hits.append(m)
            end = m.end()
    return hits


# ---------------------------------------------------------------- wrapped lines

# a line that opens a new unit: a bullet, a numbered or lettered label, a heading word, a header's Số line
_HARD_START = re.compile(
    r"[ \t*_]{0,4}(?:[-+•–—|#>=]|\d{1,3}(?:\.\d{1,3})*[.)](?:\s|$)|[a-zđ]\)|[IVXLC]{1,7}[.)](?:\s|$)"
    r"|(?:Điều|Chương|Mục|Phần|Căn cứ|Xét|Theo đề nghị|Nơi nhận|PHỤ LỤC|Phụ lục|Số(?:[ ]hiệu)?[ ]{0,2}:|No\.?[ ]?:)(?!\w)"
    r"|[ \t*_]*$)"
)
# a line that ends in a word, a digit, a comma, a slash or a hyphen (then at most 4 spaces or markdown marks)
# and the newline after it; a blank line right after such a line is taken with it (the second newline)
# (the newline first, what stands before it looked behind at: the scan jumps from newline to newline)
_SOFT_END = re.compile(r"\n(?:" + "|".join(rf"(?<=[\w,/–-][ \t*_]{{{k}}}\n)" for k in range(5)) + r")(\n)?")


def soft_joined(text: str) -> str:
    """``text`` with each newline that only wraps a sentence replaced by a space (same length, same offsets).

    Real copies wrap anywhere: after ``số`` (``Nghị định số⏎118/2025/NĐ-CP``), inside a number after a
    hyphen (``TTLT-VKSNDTC-⏎TANDTC``), inside a date or an issuer. A newline is a wrap when the line before
    ends in a word, a digit, a comma, a slash or a hyphen, and the line after opens no new unit (a bullet,
    a label, ``Điều``, ``Căn cứ``, a header's ``Số:`` line, the end of the text). One scan finds the lines
    that end so; only their newlines are looked at further."""
    parts: list[str] = []
    last = 0
    for m in _SOFT_END.finditer(text):
        end = m.end()
        for i in (end - 2, end - 1) if m.group(1) else (end - 1,):
            if not _HARD_START.match(text, i + 1):
                parts.append(text[last:i])
                parts.append(" ")
                last = i + 1
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def lower_in_chunks(text: str, size: int = 1 << 16) -> str:
    """``text.lower()``, lowered about ``size`` characters at a time, each piece ending at a newline.

    Memory: ``str.lower`` works in a buffer of three 4-byte characters per character of its input (12
    bytes a character: nine times a Vietnamese text's UTF-8 size, for the whole text at once). Cut after
    a newline, the pieces lower to the same text: a newline is neither cased nor case-ignorable, so the
    one context rule (a final capital sigma) never looks across it."""
    if len(text) <= size:
        return text.lower()
    parts: list[str] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + size)
        end = len(text) if end == -1 else end + 1
        parts.append(text[start:end].lower())
        start = end
    return "".join(parts)


def _candidates(
    text: str, language: str, lex: Lexicon, names: dict[int, dict[str, str]], original: str | None = None
) -> list[_Found]:
    original = text if original is None else original
    found: list[_Found] = []
    spans = _Spans()
    low = lower_in_chunks(text)
    if len(low) != len(text):  # a character whose lower case is longer: fall back to the slow path
        low, hits = text, list(lex.type_re.finditer(text))
        compounds = _Spans([(m.start(), m.end()) for m in lex.compound_re.finditer(text.lower())])
    else:
        # from the numbers back when they are few (most texts), else by first words (tables of figures)
        runs = _digit_runs(low, len(low) // _CHARS_PER_DIGIT)
        hits = _typed_hits(low, text, lex, runs) if runs is not None else _type_hits(low, lex)
        compounds = _Spans(
            [(m.start(), m.end()) for m in _find_all(low, lex.compound_re, lex.compound_first)]
        )
    may_number = lex.may_number_re.match
    for hit in hits:
        if not may_number(text, hit.end()):
            continue  # (found by first words) no number follows: _typed_at would find nothing
        if spans.covered(hit.start(), hit.end()) or compounds.covered(hit.start(), hit.end()):
            continue
        for cite in _typed_at(text, hit, language, lex, original):
            found.append(cite)
            spans.add(cite.start, cite.end)
    for hit in _find_all(text, lex.named_re, lex.named_prefixes):
        # "Thư viện Pháp Luật Việt Nam": a compound written in capitals is no law's name either
        if spans.covered(hit.start(), hit.end()) or compounds.covered(hit.start(), hit.end()):
            continue
        named = _named_at(text, hit, lex, names, original)
        if named:
            found.append(named)
            spans.add(named.start, named.end)
    for m in _number_hits(text):
        if (
            spans.covered(m.start(), m.end())
            or _header_number(original, m.start())
            or _form_number(text, m.start(), lex)
        ):
            continue
        number = number_from_match(m)
        if number is None:
            continue
        meta = _meta_after(text, m.end(), lex, original)
        found.append(
            _Found(
                m.start(),
                meta.end,
                doc_type_of(number),
                m.group(0),
                "full",
                language,
                meta.date,
                meta.issuer,
                meta.subject,
            )
        )
        spans.add(m.start(), meta.end)
    found.sort(key=lambda c: c.start)
    return _aliases(text, found, lex)


def _aliases(text: str, found: list[_Found], lex: Lexicon) -> list[_Found]:
    """Mark alias definitions ``(sau đây gọi tắt là …)`` and add later mentions of a defined name."""
    names: list[str] = []
    starts = [c.start for c in found]
    dropped: set[int] = set()
    added: list[_Found] = []
    for m in lex.alias_re.finditer(text):
        lo, hi = bisect_left(starts, m.start("name")), bisect_left(starts, m.end("name"))
        inside = found[lo:hi]
        for c in inside:
            c.form = "alias"
        if any(c.form == "alias" and c.number and NUMBER_RE.fullmatch(c.number) for c in inside):
            continue
        name = m.group("name").strip()
        if not (re.search(r"\d", name) or len(name.split()) >= 3) or not name[:1].isupper():
            continue
        start = m.start("name") + m.group("name").index(name)
        dropped.update(id(c) for c in inside if start <= c.start < start + len(name))
        added.append(_Found(start, start + len(name), None, None, "alias", "vi"))
        names.append(name)
    found = [c for c in found if id(c) not in dropped] + added
    names = list(dict.fromkeys(names))  # a name defined again adds nothing: scan the text once per name
    by_length: dict[int, set[str]] = {}
    for name in names:
        by_length.setdefault(len(name), set()).add(name)
    # a later typed mention of the defined name (Đề án 146) is the alias, not a short form
    found = [
        c
        for c in found
        if c.form == "alias"
        or not any(
            c.end <= c.start + size and text[c.start : c.start + size] in same_size
            for size, same_size in by_length.items()
        )
    ]
    spans = _Spans([(c.start, c.end) for c in found])
    for occurrences in _mentions(text, names):
        for start, end in occurrences:
            if not spans.covered(start, end):
                found.append(_Found(start, end, None, None, "alias", "vi"))
                spans.add(start, end)
    found.sort(key=lambda c: c.start)
    return found


_FEW_NAMES = 8  # up to this many names, one regex scan of the text per name is the quicker way
_WORD_RUN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def _mentions(text: str, names: Sequence[str]) -> list[list[tuple[int, int]]]:
    """For each name, its whole-word occurrences in ``text`` (non-overlapping, in text order, as
    ``re.finditer`` gives them). Many names are found in one pass over the text's words, so that a
    text defining thousands of aliases is not read once per alias."""
    if len(names) <= _FEW_NAMES:
        return [
            [m.span() for m in re.finditer(_WORD_START + re.escape(name) + _WORD_END, text)] for name in names
        ]
    # a whole-word occurrence starts where a run of word characters starts, and that run is the
    # name's own first run: look names up by it, then by their length
    index: dict[str, dict[int, dict[str, int]]] = {}
    for i, name in enumerate(names):
        head = _WORD_RUN.match(name)
        if head is None:  # a name that does not start with a word character (never: names start upper-case)
            continue
        index.setdefault(head.group(0), {}).setdefault(len(name), {})[name] = i
    found: list[list[tuple[int, int]]] = [[] for _ in names]
    for run in _WORD_RUN.finditer(text):
        by_size = index.get(run.group(0))
        if by_size is None:
            continue
        start = run.start()
        for size, same_size in by_size.items():
            at = same_size.get(text[start : start + size])
            if at is None or _WORD_CHAR.match(text, start + size):
                continue
            spans = found[at]
            if not spans or spans[-1][1] <= start:
                spans.append((start, start + size))
    for i, name in enumerate(names):  # a name whose first character is no word character
        if not _WORD_RUN.match(name):
            found[i] = [m.span() for m in re.finditer(_WORD_START + re.escape(name) + _WORD_END, text)]
    return found


# ---------------------------------------------------------------- relations


_SENTENCE_END = re.compile(r"[.!?](?=([^\S\n]{1,3})[A-ZĐÀ-Ỹ])")


class _Clauses:
    """Where clauses begin in a text (line starts, ``;``, sentence ends). The marks of a line are found
    the first time a citation in it asks (most lines hold none), once, so that each citation's clause
    is a bisection away: the cost stays linear on a one-line 10 MB text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self._marks: dict[int, tuple[list[int], list[int], list[int]]] = {}

    def line_start(self, pos: int) -> int:
        k = bisect_left(self.newlines, pos) - 1
        return self.newlines[k] + 1 if k >= 0 else 0

    def _line_marks(self, line_start: int) -> tuple[list[int], list[int], list[int]]:
        """The line's semicolons, sentence ends and where the next sentence's capital stands (a sentence
        end and its capital never stand on two lines)."""
        marks = self._marks.get(line_start)
        if marks is None:
            end = self.text.find("\n", line_start)
            end = len(self.text) if end < 0 else end
            semicolons = [m.start() for m in _SEMICOLON.finditer(self.text, line_start, end)]
            ends = [
                (m.end(), m.end() + len(m.group(1)))
                for m in _SENTENCE_END.finditer(self.text, line_start, end)
            ]
            marks = self._marks[line_start] = (semicolons, [b for b, _ in ends], [u for _, u in ends])
        return marks

    def start(self, pos: int) -> tuple[int, bool]:
        """Start of the clause holding ``pos`` (line start, ``;`` or a sentence end whose capital stands
        before ``pos``) and whether it was a ``;``."""
        line_start = self.line_start(pos)
        semicolons, sentence_ends, capitals = self._line_marks(line_start)
        k = bisect_left(semicolons, pos) - 1
        semi = semicolons[k] if k >= 0 else -1
        k = bisect_left(capitals, pos) - 1
        sentence = sentence_ends[k] if k >= 0 else -1
        best = max(line_start, semi + 1 if semi >= 0 else -1, sentence)
        return best, semi >= 0 and semi + 1 == best


_SEMICOLON = re.compile(";")
_WORD = re.compile(r"\S+")


def _at_most_words(text: str, start: int, end: int, limit: int) -> bool:
    """``text[start:end]`` holds at most ``limit`` words (read no further than word ``limit + 1``)."""
    return sum(1 for _ in islice(_WORD.finditer(text, start, end), limit + 1)) <= limit


def _nearest_cue(text: str, start: int, end: int, lex: Lexicon) -> str | None:
    """The relation of the cue nearest before ``end`` in ``text[start:end]`` (within the cue window)."""
    start = max(start, end - lex.cue_window)
    last = None
    for m in lex.cue_re.finditer(text, start, end):
        last = m
    if last is None:
        return None
    return lex.cue_of.get(_cue_key(last.group(0)))


@dataclass(frozen=True)
class _Link:
    relation: str
    previous: int | None  # index of the citation this one is nested after (relation between documents)
    between: str | None


def _links(text: str, spans: Sequence[tuple[int, int, str, str | None]], lex: Lexicon) -> list[_Link]:
    """For each citation (start, end, form, number key): its relation, and the citation it is nested after."""
    links: list[_Link] = []
    head_relation = "mentions"
    head_clause = -1
    clauses = _Clauses(text)
    last_of_key: dict[str, int] = {}  # the latest citation of each number key
    for i, (start, _end, form, key) in enumerate(spans):
        clause, after_semicolon = clauses.start(start)
        line_start = clauses.line_start(start)
        prev = i - 1 if i > 0 and spans[i - 1][1] <= start and spans[i - 1][1] > clause else None
        left = spans[prev][1] if prev is not None else clause
        cue = _nearest_cue(text, left, start, lex)
        twin = last_of_key.get(key) if key else None
        if key:
            last_of_key[key] = i
        if prev is not None:
            if form == "alias":
                links.append(_Link(links[prev if twin is None else twin].relation, None, None))
                continue
            if cue and cue != "mentions":
                links.append(_Link("mentions", prev, cue))
            elif cue == "mentions":
                links.append(_Link("mentions", None, None))
            else:
                links.append(_Link(links[prev].relation, None, None))
            continue
        if cue:
            relation = cue
        elif after_semicolon and head_clause == line_start and _at_most_words(text, clause, start, 3):
            relation = head_relation
        else:
            relation = "mentions"
        if head_clause != line_start or not after_semicolon:
            head_clause, head_relation = line_start, relation
        links.append(_Link(relation, None, None))
    return links


# ---------------------------------------------------------------- entry points


def _key(number: str | None) -> str | None:
    if not number:
        return None
    parsed = parse_number(number)
    return match_key(parsed.canonical) if parsed else number.lstrip("0")


@cache
def _known_names() -> dict[int, dict[str, str]]:
    """The registry's names by length (longest first), each by its ``name_key``."""
    from .registry import load_registry

    by_size: dict[int, dict[str, str]] = {}
    for doc in load_registry().documents.values():
        for name in doc.names:
            by_size.setdefault(len(name), {})[name_key(name)] = name
    return dict(sorted(by_size.items(), reverse=True))


def find_citations(
    norm: NormalisedText, language: str = "vi", exclude: Sequence[tuple[int, int]] = ()
) -> list[Citation]:
    """Every citation in ``norm.text``, in text order; ``target`` is left for ``resolve``.

    ``exclude``: character spans ``(start, end)`` of ``norm.text`` that are not the document's own text
    (site furniture: footers, related-document lists, editorial notes); a citation that overlaps one is
    dropped. Editorial notes a site inserts in brackets (``[Điều này được hướng dẫn bởi …]``) are
    excluded always."""
    return find_linked_citations(norm, language, exclude).citations


class Linked(NamedTuple):
    """What ``find_linked_citations`` returns: the citations, and how each one links to the one before it
    (what ``find_doc_relations`` reads, so that it need not read the clauses again)."""

    citations: list[Citation]
    links: list[_Link]


def find_linked_citations(
    norm: NormalisedText,
    language: str = "vi",
    exclude: Sequence[tuple[int, int]] = (),
    view: str | None = None,
) -> Linked:
    """``find_citations``, with the links between the citations kept for ``find_doc_relations``;
    ``view``: ``soft_joined(norm.text)`` when the caller has it already."""
    lex = lexicon()
    text = norm.text
    view = soft_joined(text) if view is None else view
    found = _candidates(view, language if language in LANGS else "vi", lex, _known_names(), original=text)
    skip = _Spans(_merged([*exclude, *editorial_notes(text)])) if exclude or "[" in text else None
    if skip is not None:
        found = [c for c in found if not skip.covered(c.start, c.end)]
    # relations read clauses on the text as printed (a line is a clause boundary, as in the seeds' plans)
    links = _links(text, [(c.start, c.end, c.form, _key(c.number)) for c in found], lex)
    make_citation = maker(Citation)  # values of the field types: built without validation (models.maker)
    citations = [
        make_citation(
            text=text[c.start : c.end],
            start=c.start,
            end=c.end,
            line=norm.line_of(c.start),
            doc_type=c.doc_type,
            number=c.number,
            date=c.date,
            issuer=c.issuer,
            subject=c.subject,
            form=c.form,
            relation=link.relation,
            language=c.language,
        )
        for c, link in zip(found, links, strict=True)
    ]
    return Linked(citations, links)


# a note a legal-text site inserts in brackets into the text it shows: [Khoản này được hướng dẫn bởi Điều 7
# Nghị định 127/2005/NĐ-CP có hiệu lực từ ngày 01/11/2005]; never text of the document
_EDITORIAL = re.compile(
    r"\[[^\[\]\n]{0,300}?(?:được|bị)[^\S\n]+(?:hướng[^\S\n]+dẫn|sửa[^\S\n]+đổi|bổ[^\S\n]+sung|bãi[^\S\n]+bỏ"
    r"|thay[^\S\n]+thế|đính[^\S\n]+chính|hủy[^\S\n]+bỏ|ngưng[^\S\n]+hiệu[^\S\n]+lực)"
    r"(?:[^\S\n]+(?:bởi|theo|tại))[^\[\]\n]{0,300}\]"
)


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans merged into one (``_Spans`` holds spans that do not overlap)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted((int(a), int(b)) for a, b in spans if b > a):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def editorial_notes(text: str) -> list[tuple[int, int]]:
    """Spans of the bracketed editorial notes a legal-text site inserts (``[Điều này được hướng dẫn bởi
    Điều 9 Nghị định 127/2005/NĐ-CP …]``, ``[… được sửa đổi bởi Khoản 2 Điều 1 Luật …]``)."""
    return [m.span() for m in _EDITORIAL.finditer(text)]


def find_doc_relations(
    norm: NormalisedText, citations: Sequence[Citation], links: Sequence[_Link] | None = None
) -> list[DocRelation]:
    """Relations stated between two cited documents (``43/KH-UBND … thực hiện Nghị quyết số 03/NQ-CP``).

    Takes the resolved citations (in text order, as ``resolve_citations`` returns them); a pair whose
    source or target is unresolved, or that names one document twice, gives nothing. Duplicates are dropped.
    ``links``: those ``find_linked_citations`` found with these citations (resolving keeps their order,
    spans, forms and numbers, which is all the links are read from); without them they are read again.
    """
    if links is None or len(links) != len(citations):
        links = _links(norm.text, [(c.start, c.end, c.form, _key(c.number)) for c in citations], lexicon())
    out: list[DocRelation] = []
    seen: set[tuple[str, str, str]] = set()
    for cite, link in zip(citations, links, strict=True):
        if link.previous is None or link.between is None:
            continue
        source = citations[link.previous].target
        if not source or not cite.target or source == cite.target:
            continue
        key = (source, link.between, cite.target)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            maker(DocRelation)(source=source, relation=link.between, target=cite.target, line=cite.line)
        )
    return out
