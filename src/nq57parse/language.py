"""Language of a text: ``vi``, ``en`` or ``no`` (Norwegian), for ``source.language``.

In: the normalised text. Out: a language code. Vietnamese is told by its letters with tone marks
(ạ ả ấ ầ ẩ ẫ ậ … đ); between English and Norwegian the frequent short words decide (data/structure.yaml).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import islice

from .shapes import cues

_VI_LOWER = "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơư"
# the toned letters in both cases, spelt out: a case-blind class is checked a character at a time,
# several times slower over the sample (tested to take exactly what the case-blind class takes)
_VI_LETTERS = re.compile(f"[{_VI_LOWER}{_VI_LOWER.upper()}]")
_WORD = re.compile(r"[a-zæøå]+")
_LETTER = re.compile(r"[^\W\d_]")
SAMPLE = 6_000


@cache
def _vocabularies() -> dict[str, frozenset[str]]:
    return {lang: frozenset(vocab) for lang, vocab in cues()["language_words"].items()}


def _count(pattern: re.Pattern[str], text: str, most: int) -> int:
    """How many matches of ``pattern`` ``text`` holds, counted up to ``most``."""
    return sum(1 for _ in islice(pattern.finditer(text), most))


def detect_language(text: str) -> str:
    """``vi`` when Vietnamese letters are frequent, else ``en`` or ``no`` by stop-word counts."""
    sample = text[:SAMPLE]
    # there are never more letters than characters: past 2 % of the sample's length, the toned letters
    # say Vietnamese without a letter count (and are counted no further)
    enough = int(0.02 * len(sample)) + 1
    vietnamese = _count(_VI_LETTERS, sample, enough)
    if vietnamese >= enough:
        return "vi"
    # more than 2 % of the letters: fewer letters than 50 times the toned ones (counted that far)
    if vietnamese and _count(_LETTER, sample, 50 * vietnamese) < 50 * vietnamese:
        return "vi"
    words = _WORD.findall(sample.lower())
    scores = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _vocabularies().items()}
    if not any(scores.values()):
        return "vi"
    return max(scores, key=lambda lang: scores[lang])
