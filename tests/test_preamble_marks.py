"""``preamble._top_level`` finds a mark outside brackets and quotes by skipping to the characters it
acts on: the same positions as a walk over every character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nq57parse.preamble import _top_level


def _walk(text: str, mark: str) -> list[int]:
    """Every character looked at in turn."""
    found: list[int] = []
    depth, quoted = 0, False
    for i, ch in enumerate(text):
        if ch in "(“[":
            depth += 1
        elif ch in ")”]":
            depth = max(0, depth - 1)
        elif ch == '"':
            quoted = not quoted
        elif ch == mark and depth == 0 and not quoted and text[i + 1 : i + 2] in (" ", ""):
            found.append(i)
    return found


@given(st.text(alphabet=st.sampled_from('(“[)”]";, aĐ\\-.'), max_size=40), st.sampled_from([";", ","]))
def test_the_marks_found_are_those_of_a_walk_over_every_character(text: str, mark: str) -> None:
    assert _top_level(text, mark) == _walk(text, mark)


def test_a_mark_inside_brackets_or_quotes_is_not_top_level() -> None:
    text = 'Căn cứ Luật (sửa đổi; bổ sung); Căn cứ "A; B"; Căn cứ [x; y] khác; hết'
    assert [text[i - 4 : i] for i in _top_level(text, ";")] == ["ung)", '; B"', "khác"]
