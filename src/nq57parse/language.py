"""Language of a text: ``vi``, ``en`` or ``no`` (Norwegian), for ``source.language``.

In: the normalised text. Out: a language code. Vietnamese is told by its letters with tone marks
(ạ ả ấ ầ ẩ ẫ ậ … đ); between English and Norwegian the frequent short words decide (data/structure.yaml).
"""

from __future__ import annotations

import re

from .shapes import cues

_VI_LETTERS = re.compile(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơư]", re.IGNORECASE)
_WORD = re.compile(r"[a-zæøå]+")
_LETTER = re.compile(r"[^\W\d_]")
SAMPLE = 6_000


def detect_language(text: str) -> str:
    """``vi`` when Vietnamese letters are frequent, else ``en`` or ``no`` by stop-word counts."""
    sample = text[:SAMPLE]
    letters = len(_LETTER.findall(sample)) or 1
    if len(_VI_LETTERS.findall(sample)) > 0.02 * letters:
        return "vi"
    words = _WORD.findall(sample.lower())
    table = cues()["language_words"]
    scores = {lang: sum(1 for w in words if w in set(vocab)) for lang, vocab in table.items()}
    if not any(scores.values()):
        return "vi"
    return max(scores, key=lambda lang: scores[lang])
