"""HTML tokenizer: markup (str) → a flat stream of start tags, end tags and text, in linear time.

In: the decoded page. Out: ``Token`` tuples, in order: ``("start", name, attrs, self_closing)``,
``("end", name, (), False)`` and ``("text", text, (), False)``; names lower case, attribute values
and text with character references decoded (``html.unescape``), text split only at tags.

It follows the HTML5 tokenizer where it matters for extracting text: a ``>`` inside a quoted
attribute value does not end the tag; ``<!--…-->`` (also ``<!-->``, ``--!>``), ``<!…>`` and ``<?…>``
are comments; a ``<`` that starts no tag is text; ``script``/``style``/``iframe``/``noscript``/… hold
raw text up to their end tag, ``title``/``textarea`` text up to theirs; ``plaintext`` takes the rest.
Where the HTML5 tokenizer reaches the end of the input inside a tag, a quoted value or a comment,
the rest of the input is that tag or comment, and so it is here.

Why our own and not a library (measured on this machine, ``python bench/bench_hostile.py``): the
standard ``html.parser`` goes back over the input after every unfinished construct, so ``'<a ' *
20000`` (60 KB) takes 45 s; the tree builders of the HTML5 parsers (lexbor through selectolax,
html5lib) check the stack of open elements at every tag, so 200 KB of nested ``<div>`` takes 14 s
in lexbor (10× the input: 120× the time); libxml2 (lxml) is fast but silently drops everything
below a nesting depth of 256; html5lib's tokenizer reads about 0.3 MB/s. Text extraction needs no
tree, only this token stream: every step below consumes input or ends it, so the time is linear
whatever the markup, and no nesting is kept here at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

Token = tuple[str, str, tuple[tuple[str, str], ...], bool]

_OPEN = re.compile(r"<(?:(/?)([A-Za-z][^\t\n\f\r />]*)|(!--)|(!)|(\?)|(/))")
_SPACE = re.compile(r"[\t\n\f\r /]*")
_ATTR_NAME = re.compile(r"=?[^\t\n\f\r />=]*")
_BLANK = re.compile(r"[\t\n\f\r ]*")
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")
_COMMENT_END = re.compile(r"--!?>")
MAX_ATTRIBUTES = 64  # kept per tag; the rest are read past (``<a <a <a …`` is one tag of 20,000)
RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"})
ESCAPABLE_RAW_TEXT = frozenset({"title", "textarea"})
_END_OF: dict[str, re.Pattern[str]] = {
    name: re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE) for name in RAW_TEXT | ESCAPABLE_RAW_TEXT
}


class _EndOfInput(Exception):
    """The input ended inside a tag or a quoted value: the rest of the input is that tag."""


def tokens(markup: str) -> Iterator[Token]:
    """The page's tokens in order (see the module docstring)."""
    pos, size = 0, len(markup)
    text: list[str] = []
    while pos < size:
        lt = markup.find("<", pos)
        if lt < 0:
            text.append(markup[pos:])
            break
        text.append(markup[pos:lt])
        found = _OPEN.match(markup, lt)
        if found is None:  # a '<' that starts nothing is text
            text.append("<")
            pos = lt + 1
            continue
        slash, name, comment, bang, question, bare_end = found.groups()
        if name is None:
            pos = _skip_comment(markup, found.end(), comment, bang or question, bare_end)
            continue
        if text:
            yield from _text(text)
        try:
            attrs, self_closing, pos = _attributes(markup, found.end())
        except _EndOfInput:
            return
        name = name.lower()
        if slash:
            yield ("end", name, (), False)
            continue
        yield ("start", name, attrs, self_closing)
        if name == "plaintext":
            text.append(markup[pos:])
            break
        if name in _END_OF and not self_closing:
            end = _END_OF[name].search(markup, pos)
            stop = end.start() if end else size
            content = markup[pos:stop]
            if content:
                yield ("text", unescape(content) if name in ESCAPABLE_RAW_TEXT else content, (), False)
            pos = stop
    yield from _text(text)


def _text(pieces: list[str]) -> Iterator[Token]:
    joined = "".join(pieces)
    pieces.clear()
    if joined:
        yield ("text", unescape(joined), (), False)


def _skip_comment(markup: str, pos: int, comment: str | None, bogus: str | None, bare_end: str | None) -> int:
    """The position after a comment (``<!--``), a bogus comment (``<!``, ``<?``, ``</`` + non-letter)."""
    if comment:
        if markup.startswith(">", pos):
            return pos + 1
        if markup.startswith("->", pos):
            return pos + 2
        end = _COMMENT_END.search(markup, pos)
        return end.end() if end else len(markup)
    if bare_end and markup.startswith(">", pos):
        return pos + 1  # '</>' is nothing
    close = markup.find(">", pos)
    return close + 1 if close >= 0 else len(markup)


def _run_end(pattern: re.Pattern[str], markup: str, pos: int) -> int:
    """Where a run of ``pattern`` (which matches the empty string too) starting at ``pos`` ends."""
    found = pattern.match(markup, pos)
    return found.end() if found else pos


def _attributes(markup: str, pos: int) -> tuple[tuple[tuple[str, str], ...], bool, int]:
    """The attributes of the tag whose name ends at ``pos``; whether it ends ``/>``; where it ends."""
    attrs: list[tuple[str, str]] = []
    size = len(markup)
    while True:
        pos = _run_end(_SPACE, markup, pos)
        if pos >= size:
            raise _EndOfInput
        if markup[pos] == ">":
            return tuple(attrs), markup[pos - 1] == "/", pos + 1
        name_end = _run_end(_ATTR_NAME, markup, pos)
        name = markup[pos:name_end].lower()
        pos = _run_end(_BLANK, markup, name_end)
        value = ""
        if markup.startswith("=", pos):
            pos = _run_end(_BLANK, markup, pos + 1)
            if pos >= size:
                raise _EndOfInput
            quote = markup[pos]
            if quote in "\"'":
                close = markup.find(quote, pos + 1)
                if close < 0:
                    raise _EndOfInput
                value, pos = markup[pos + 1 : close], close + 1
            else:
                value_end = _run_end(_UNQUOTED, markup, pos)
                value, pos = markup[pos:value_end], value_end
        if len(attrs) < MAX_ATTRIBUTES:
            attrs.append((name, unescape(value) if "&" in value else value))
