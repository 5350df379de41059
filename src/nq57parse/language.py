"""Language of a text: ``vi``, ``en`` or ``no`` (Norwegian), for ``source.language``.

In: the normalised text. Out: a language code. Vietnamese is told by its letters with tone marks
(ạ ả ấ ầ ẩ ẫ ậ … đ); between English and Norwegian the frequent short words decide (data/structure.yaml).
"""

from __future__ import annotations

import re
from functools import cache

from .shapes import cues

_VI_LETTERS = re.compile(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơư]", re.IGNORECASE)
_WORD = re.compile(r"[a-zæøå]+")
_LETTER = re.compile(r"[^\W\d_]")
SAMPLE = 6_000


@cache
def _vocabularies() -> dict[str, frozenset[str]]:
    return {lang: frozenset(vocab) for lang, vocab in cues()["language_words"].items()}


def detect_language(text: str) -> str:
    """``vi`` when Vietnamese letters are frequent, else ``en`` or ``no`` by stop-word counts."""
    sample = text[:SAMPLE]
    vietnamese = len(_VI_LETTERS.findall(sample))  # a short list: only the toned letters
    # there are never more letters than characters: a text past 2 % of its length needs no letter count
    if vietnamese > 0.02 * len(sample):
        return "vi"
    letters = len(_LETTER.findall(sample)) or 1
    if vietnamese > 0.02 * letters:
        return "vi"
    words = _WORD.findall(sample.lower())
    scores = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _vocabularies().items()}
    if not any(scores.values()):
        return "vi"
    return max(scores, key=lambda lang: scores[lang])
