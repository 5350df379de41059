"""``tables._fold_title`` (how a printed column title is looked up) gives what three pattern passes
gave: the closing ``(…)`` dropped, ``/`` without spaces, white space runs one space. The fold skips a
pass its character is missing from and collapses white space with ``str.split``, whose white space is
the pattern's ``\\s`` (checked over every character)."""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from nq57parse.tables import _fold_title, column_key


def _by_patterns(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().replace("*", "")
    text = re.sub(r"\([^)]*\)\s*$", "", text)
    text = re.sub(r"\s*/\s*", "/", text)
    return re.sub(r"\s+", " ", text).strip(" .:;,")


@given(st.text(alphabet=st.sampled_from("ab Đ\u0300()/.:;,*\t\n\u00a0\u2003\u001cX"), max_size=30))
def test_the_fold_is_the_three_pattern_passes(text: str) -> None:
    assert _fold_title(text) == _by_patterns(text)


def test_split_white_space_is_the_patterns() -> None:
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert bool(space.match(ch)) == ch.isspace() == (len(f"a{ch}b".split()) == 2), hex(code)


def test_printed_titles_find_their_columns() -> None:
    assert column_key("Cơ quan  chủ trì") == "lead"
    assert column_key("THỜI GIAN HOÀN THÀNH (dự kiến)") == "deadline"
    assert column_key("**TT**") == "tt"  # bold marks dropped
    assert column_key("Sản phẩm:") == "result"  # end punctuation dropped
    assert column_key("Xây dựng kế hoạch triển khai") is None  # a task's text is no title
