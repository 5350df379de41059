"""Stage 2, normalise: decoded text → the normalised text every offset refers to.

In: ``RawText.text``.
Out: ``NormalisedText(text, lines, line_starts, normalizations)``.

Guarantees (tested):
- the number of lines never changes: line N of the normalised text is line N of the input;
- line endings are LF (CRLF and lone CR become LF); the text ends with a newline;
- Unicode NFC; ``Ð``/``ð`` (U+00D0/U+00F0) → ``Đ``/``đ``; no-break and other odd spaces → space;
  zero-width characters, soft hyphens and stray BOMs removed; tabs → space; en/em dashes and minus
  signs inside document codes (``QĐ–BYT``) → ``-``.
``normalizations`` names each kind of change that was made, for ``source.normalizations``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

_SPACES = "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Sparse replacements: a character-class ``sub`` is much faster than ``str.translate`` with a dict.
_SPACE_RE = re.compile(f"[{_SPACES}]")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_ETH = {"\u00d0": "Đ", "\u00f0": "đ"}
# a dash between two code letters/digits: 2121/QĐ–BYT, 57–NQ/TW (the dash first, then the character
# before it looked back at: the scan skips to dashes instead of trying a look-behind at every character)
_DASHES = "\u2010\u2011\u2012\u2013\u2212"
_CODE_DASH = re.compile(rf"[{_DASHES}](?<=[0-9A-Za-zĐđ].)(?=[A-Za-zĐđ0-9]+(?:/|\b))")


@dataclass(frozen=True)
class NormalisedText:
    """The normalised text with its line table; positions downstream are offsets into ``text``."""

    text: str
    lines: tuple[str, ...]
    line_starts: tuple[int, ...]
    normalizations: tuple[str, ...]

    def line_of(self, offset: int) -> int:
        """1-based line number holding ``offset``."""
        return bisect_right(self.line_starts, offset)

    def span_of_line(self, line: int) -> tuple[int, int]:
        """(start, end) offsets of line ``line`` (1-based), without its newline."""
        start = self.line_starts[line - 1]
        return start, start + len(self.lines[line - 1])


def normalise(text: str) -> NormalisedText:
    """Normalise decoded text; never adds or removes a line."""
    done: list[str] = []
    if "\r" in text:
        done.append("line_endings")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _holds_any(text, _INVISIBLE):
        done.append("invisible_characters")
        text = _INVISIBLE_RE.sub("", text)
    if _holds_any(text, _SPACES):
        done.append("no_break_spaces")
        text = _SPACE_RE.sub(" ", text)
    if "\t" in text:
        done.append("tabs")
        text = text.replace("\t", " ")
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        done.append("nfc")
        text = nfc
    if "\u00d0" in text or "\u00f0" in text:
        done.append("eth_to_d_stroke")
        text = text.replace("\u00d0", _ETH["\u00d0"]).replace("\u00f0", _ETH["\u00f0"])
    if _holds_any(text, _DASHES):
        dashed, count = _CODE_DASH.subn("-", text)
        if count:
            done.append("dashes_in_codes")
            text = dashed
    if not text.endswith("\n"):
        text += "\n"
    lines = _shared_short(text.split("\n")[:-1])
    starts = tuple(accumulate((len(line) + 1 for line in lines[:-1]), initial=0)) if lines else ()
    return NormalisedText(text=text, lines=lines, line_starts=starts, normalizations=tuple(done))


# A line this short is held once however often it stands in the text (memory: page numbers, bars, a
# list's ``1.``, ``a)`` or ``-``; a Python string costs 50 bytes or more, a short line three or four).
_SHORT_LINE = 8


def _shared_short(lines: list[str]) -> tuple[str, ...]:
    """``lines`` as a tuple, each repeated short line one shared string."""
    seen: dict[str, str] = {}
    return tuple(seen.setdefault(line, line) if len(line) <= _SHORT_LINE else line for line in lines)


def _holds_any(text: str, chars: str) -> bool:
    """``text`` holds one of ``chars``: a substring test per character is several times faster over a
    long text than a character-class search, which checks every character against the class."""
    return any(c in text for c in chars)
