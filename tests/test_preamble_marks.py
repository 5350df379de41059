"""``preamble._top_level`` finds a mark outside brackets and quotes by skipping to the characters it
acts on: the same positions as a walk over every character."""

from __future__ import annotations

from itertools import accumulate

from hypothesis import given
from hypothesis import strategies as st

from nq57parse.preamble import _top_level


def _walk(text: str, mark: str) -> list[int]:
    """Each mark followed by a space or the end, tested on what stands before it: an even count of
    quotes, and a bracket depth of nought (the depth never below nought: the running sum less its
    lowest point)."""
    found: list[int] = []
    for i, ch in enumerate(text):
        if ch != mark or text[i + 1 : i + 2] not in (" ", ""):
            continue
        before = text[:i]
        sums = list(accumulate((1 if c in "(“[" else -1 for c in before if c in "(“[)”]"), initial=0))
        if before.count('"') % 2 == 0 and sums[-1] == min(sums):
            found.append(i)
    return found


@given(st.text(alphabet=st.sampled_from('(“[)”]";, aĐ\\-.'), max_size=40), st.sampled_from([";", ","]))
def test_the_marks_found_are_those_of_a_walk_over_every_character(text: str, mark: str) -> None:
    assert _top_level(text, mark) == _walk(text, mark)


def test_a_mark_inside_brackets_or_quotes_is_not_top_level() -> None:
    text = 'Căn cứ Luật (sửa đổi; bổ sung); Căn cứ "A; B"; Căn cứ [x; y] khác; hết'
    assert [text[i - 4 : i] for i in _top_level(text, ";")] == ["ung)", '; B"', "khác"]
