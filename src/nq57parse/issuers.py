"""The issuer block (box 1 of NĐ 30/2020): its pieces → the levels of the issuing body, highest first.

In: the texts of the header's issuer pieces, in order. Out: ``list[str]``, one name per level
(``["BỘ TÀI CHÍNH", "TỔNG CỤC HẢI QUAN"]``); the last is the issuer, the ones above it its parent.

Real copies wrap a name over lines (``ỦY BAN NHÂN`` / ``DÂN`` / ``TỈNH BẮC NINH``), merge two levels
on one line (``BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN``), join issuers of a joint circular with dashes
(``VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO -`` / ``TÒA ÁN NHÂN DÂN TỐI CAO -`` / …) and leave markup behind.
Rules, in order: a piece is cut before a lower level's head (data: ``issuer_sublevels``); a piece
opening with an issuing body's head word (``issuer_heads``) starts a level, unless the level above is
left open (a dash, an open word such as ``CỦA``, a single word); any other piece goes on with it.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from .shapes import bare, cues, fold, starts_with_cue

_EDGE = re.compile(r"^[\s_|\\*#-]+|[\s_|\\*#]+$|\s-{3,}.*$")


def issuer_levels(pieces: list[str]) -> list[str]:
    """The levels of the issuing body (see the module docstring)."""
    levels: list[str] = []
    for raw in pieces:
        for text in _cut_sublevels(_EDGE.sub("", raw)):
            if not text:
                continue
            if levels and _continues(levels[-1], text):
                levels[-1] = f"{levels[-1].rstrip()} {text}"
            else:
                levels.append(text)
    return [level.strip(" -") for level in levels if level.strip(" -")]


def _continues(above: str, text: str) -> bool:
    """``text`` goes on with the level above rather than starting a level of its own."""
    if above.rstrip().endswith(("-", ",")) or text.startswith("-"):
        return True  # a joint issuer (… TỐI CAO - / TÒA ÁN …)
    if is_open_level(above):
        return True  # … CỦA / …; ỦY BAN THƯỜNG VỤ / QUỐC HỘI
    if starts_with_cue(text, "issuer_continuations"):
        return True
    return not _opens_level(text)


def is_open_level(text: str) -> bool:
    """An issuer line that cannot end its level: one word (``BỘ``, ``ỦY``, a name a copy wrapped after
    its head), or an open ending (``… CỦA``, ``… VÀ``)."""
    return len(text.split()) == 1 or f" {fold(text).rstrip()}".endswith(_open_endings())


@cache
def _open_endings() -> tuple[str, ...]:
    """The endings (one word or more, data: ``issuer_open_endings``) that leave a level open."""
    return tuple(f" {fold(w)}" for w in cues()["issuer_open_endings"])


def _opens_level(text: str) -> bool:
    """An issuing body's head word opens ``text``, its diacritics lost or not (OCR: ``TONG CỤC``)."""
    if starts_with_cue(text, "issuer_heads"):
        return True
    key = bare(text)
    return any(key == head or key.startswith(head + " ") for head in _bare_heads())


@cache
def _bare_heads() -> tuple[str, ...]:
    return tuple(bare(w) for w in cues()["issuer_heads"])


@cache
def _sublevel_pattern() -> re.Pattern[str]:
    words = sorted((fold(w) for w in cues()["issuer_sublevels"]), key=len, reverse=True)
    return re.compile(r"(?<=\S )(?:" + "|".join(re.escape(w) for w in words) + r")(?= )")


def _cut_sublevels(text: str) -> list[str]:
    """``BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN`` → two levels; a name that only contains such a word after
    a word that binds it (``HỌC VIỆN``, ``BỆNH VIỆN``, ``ỦY BAN …``) is left whole."""
    key = fold(text)
    if len(key) != len(text) or len(key.split()) < 4:
        return [text]
    cuts = [
        m.start()
        for m in _sublevel_pattern().finditer(key)
        if len(key[: m.start()].split()) >= 2
        and not key[: m.start()].rstrip().endswith(("HỌC", "BỆNH", "ĐẠI"))
    ]
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(text)]
    return [text[a:b].strip() for a, b in itertools.pairwise(bounds)]


def is_issuer_name(text: str) -> bool:
    """A short line naming an issuing body in title case (``University of Languages and International
    Studies``), as translations print the issuer."""
    return len(text) <= 90 and text[:1].isupper() and bool(starts_with_cue(text, "issuer_heads"))
