"""Where an appendix starts: pure tests on one line's text, for the segmenter to call.

In: the text of one line (Markdown heading marks, bold and italics allowed). Out: a yes or no.

* ``is_appendix_title``: ``PHỤ LỤC``, ``Phụ lục I``, ``### Phụ lục IV. Các chứng chỉ …``,
  ``PHỤ LỤC SỐ 01``, ``PHỤ LỤC I DANH MỤC … (Ban hành kèm theo …)``, ``**Appendix 5. Template …**``,
  ``## APPENDICES``; never a sentence that starts with the word (``Phụ lục I Thông tư này;``).
* ``is_list_title``: ``DANH SÁCH các xã …``, ``DANH MỤC THỦ TỤC …``: a list printed as an appendix
  (right after the signature, or under an appendix title).
* ``is_attachment_note``: ``(Kèm theo Quyết định số … ngày …)``, ``*(Ban hành kèm theo …)*``, the
  first line of such a note wrapped over several lines; an appendix with no title of its own starts
  at this note when it stands after the signature.

The words are data (``data/appendix_titles.yaml``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .datafiles import data_file

_HEADING = re.compile(r"^#{1,6}\s+")
_WRAP = re.compile(r"^(\*\*\*|\*\*|__|\*|_)(.+?)\1$")
_NUMBER = r"(?:[IVXLC]{1,7}|\d{1,3}[a-zđ]?|[A-ZĐ])"
_SENTENCE_END = (";", ",")
_INTRO_END = (";", ",", ":")


@cache
def _data() -> dict:
    return data_file("appendix_titles.yaml")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _title_pattern() -> re.Pattern[str]:
    data = _data()
    return re.compile(
        rf"^(?:{_alternation(data['title_words'])})(?![^\W\d_])"
        rf"(?:\s+(?:(?:{_alternation(data['number_words'])})\s*)?{_NUMBER}(?![^\W_]))?"
        r"\s*[.:\-–—]?\s*(?P<rest>.*)$"
    )


@cache
def _list_pattern() -> re.Pattern[str]:
    return re.compile(rf"^(?:{_alternation(_data()['list_words'])})(?![^\W\d_])\s*(?P<rest>.*)$")


@cache
def _note_pattern() -> re.Pattern[str]:
    return re.compile(rf"^\(\s*(?:{_alternation(_data()['note_openings'])})\b")


def _unwrap(text: str) -> tuple[str, bool]:
    """The line without Markdown heading marks and whole-line emphasis; whether it was marked so."""
    text = unicodedata.normalize("NFC", text).strip()
    marked = False
    if _HEADING.match(text):
        text, marked = _HEADING.sub("", text), True
    while (m := _WRAP.match(text)) is not None:
        text, marked = m[2].strip(), True
    return text.replace("**", "").strip(), marked


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _without_note(text: str) -> str:
    """The text before a bracketed ``(Kèm theo …)`` note that shares its line."""
    at = text.find("(")
    while at >= 0:
        if _note_pattern().match(text[at:]):
            return text[:at].strip()
        at = text.find("(", at + 1)
    return text


def _opening(text: str) -> str:
    """The first character ``_unwrap`` keeps: the first that is neither white space nor a heading or
    emphasis mark (what stands before it, ``_unwrap`` takes away)."""
    for c in text:
        if not (c.isspace() or c in "#*_"):
            return c if c.isascii() else unicodedata.normalize("NFC", c)[:1]  # (as _unwrap reads it)
    return ""


@cache
def _initials(*keys: str) -> frozenset[str]:
    """The first letters of the words of the lists ``keys``: a line whose ``_opening`` is none of
    them opens with none of the words, and is not unwrapped and matched at all."""
    return frozenset(word[:1] for key in keys for word in _data()[key])


def is_appendix_title(text: str) -> bool:
    """The line opens an appendix: see the module docstring."""
    if _opening(text) not in _initials("title_words"):
        return False
    plain, marked = _unwrap(text)
    m = _title_pattern().match(plain)
    if m is None:
        return False
    rest = _without_note(m["rest"].strip())
    if not rest or marked or _mostly_upper(rest):
        return True
    return rest[0].isupper() and not plain.endswith(_SENTENCE_END) and len(plain) <= 200


def is_list_title(text: str) -> bool:
    """``DANH SÁCH …`` / ``DANH MỤC …`` written as a title (upper case, a heading or bold), or such a
    title after an appendix title on the same line (``PHỤ LỤC I DANH MỤC …``)."""
    if _opening(text) not in _initials("title_words", "list_words"):
        return False
    plain, marked = _unwrap(text)
    if (m := _title_pattern().match(plain)) is not None:
        plain = m["rest"].strip()
    m = _list_pattern().match(plain)
    if m is None:
        return False
    rest = _without_note(m["rest"].strip())
    return marked or _mostly_upper(plain.split("(")[0]) or (bool(rest) and not plain.endswith(_INTRO_END))


def is_attachment_note(text: str) -> bool:
    """``(Kèm theo Quyết định số … ngày …)`` alone on its line, or the first line of such a note."""
    if _opening(text) != "(":
        return False
    plain, _ = _unwrap(text)
    return _note_pattern().match(plain) is not None
