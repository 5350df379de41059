"""Language detection (language.py): the toned letters decide Vietnamese, stop words English or
Norwegian; the counts stop as soon as the answer is known."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nq57parse import language
from nq57parse.language import detect_language


def test_the_toned_letters_are_what_a_case_blind_class_takes() -> None:
    blind = re.compile(f"[{language._VI_LOWER}]", re.IGNORECASE)
    for code in range(0x10000):
        c = chr(code)
        assert bool(blind.match(c)) == bool(language._VI_LETTERS.match(c)), hex(code)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; QUYẾT ĐỊNH: Điều 1. Ban hành kèm theo",
            "vi",
        ),
        ("CỘNG HÒA " + "1 " * 300, "vi"),  # few toned letters for the length, but of few letters
        ("Pursuant to the Law on Organization of the Government; the Minister decides: Article 1.", "en"),
        ("I medhold av lov om forvaltning og etter forslag fra departementet er det vedtatt at", "no"),
        ("12345 67890", "vi"),  # no letters, no words: the default
    ],
)
def test_each_path_gives_its_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def _reference(text: str) -> str:
    """The decision as first written, counting every toned letter and every letter."""
    sample = text[: language.SAMPLE]
    vietnamese = len(re.findall(f"[{language._VI_LOWER}]", sample, re.IGNORECASE))
    if vietnamese > 0.02 * len(sample):
        return "vi"
    letters = len(language._LETTER.findall(sample)) or 1
    if vietnamese > 0.02 * letters:
        return "vi"
    words = language._WORD.findall(sample.lower())
    scores = {lang: sum(1 for w in words if w in vocab) for lang, vocab in language._vocabularies().items()}
    if not any(scores.values()):
        return "vi"
    return max(scores, key=lambda lang: scores[lang])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["ạ", "Ệ", "đ", "a", "B", " ", "1", ".", "the ", "og ", "và "]), max_size=300)
)
def test_the_stopping_counts_decide_as_the_full_counts(parts: list[str]) -> None:
    text = "".join(parts)
    assert detect_language(text) == _reference(text)
