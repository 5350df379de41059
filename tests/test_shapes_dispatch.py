"""The first-character gate of ``shapes.shape_clean``: a pattern is skipped for a line that opens with
a character outside its ``FIRST_CHARS`` set, so each set must hold every character the pattern can
open with. Checked on every line of the samples (and of the corpus, when present), on each line
with its first character replaced, and on generated lines."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pytest
from conftest import CORPUS, SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from nq57parse import shapes
from nq57parse.shapes import FIRST_CHARS, shape_clean, strip_markup

PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "RULE": (shapes._RULE, shapes._TABLE_RULE),
    "PAGE": (shapes._PAGE,),
    "PASSED": (shapes._PASSED,),
    "NUMBER": (shapes._NUMBER, shapes._PARTY_NUMBER),
    "ARTICLE": (shapes._ARTICLE,),
    "PART": (shapes._PART,),
    "CHAPTER": (shapes._CHAPTER,),
    "TIEU_MUC": (shapes._TIEU_MUC,),
    "MUC": (shapes._MUC,),
    "FOOTNOTE": (shapes._FOOTNOTE,),
    "NOTE": (shapes._NOTE,),
    "APPENDIX": (shapes._APPENDIX,),
    "RECIPIENTS": (shapes._RECIPIENTS,),
    "ADDRESSEE": (shapes._ADDRESSEE,),
    "SUBJECT": (shapes._SUBJECT,),
    "ROMAN": (shapes._ROMAN,),
    "POINT": (shapes._POINT,),
    "DASH": (shapes._DASH,),
}


# one line of each kind, whether or not the documents hold one
KINDS = [
    "-----",
    "|---|---|",
    "- 12 -",
    "Trang 3",
    "Luật này đã được Quốc hội thông qua ngày 1 tháng 1 năm 2025.",
    "Số: 12/QĐ-BYT",
    "Số 57-NQ/TW",
    "Điều 3. Hiệu lực",
    "Phần thứ nhất",
    "Chương II",
    "Tiểu mục 1",
    "Mục 2. Quy định chung",
    "[1] Chú thích",
    "(Kèm theo Quyết định số 12/QĐ-BYT)",
    "PHỤ LỤC I",
    "Nơi nhận:",
    "Kính gửi: Bộ Y tế",
    "V/v triển khai",
    "IV. Tổ chức thực hiện",
    "đ) điểm",
    "• gạch đầu dòng",
]


def _lines() -> list[str]:
    files = sorted(SAMPLES.glob("*.txt")) + sorted((CORPUS / "docs").glob("*.txt"))
    found = {strip_markup(line)[0] for f in files for line in f.read_text(encoding="utf-8").splitlines()}
    found.update(KINDS)
    return sorted(line for line in found if line)


LINES = _lines()
# every character that opens a line somewhere, and the characters the sets name
OPENERS = sorted({line[0] for line in LINES} | {c for chars in FIRST_CHARS.values() for c in chars})


def _exempt(kind: str, first: str) -> bool:
    """Tried apart from the sets by shape_clean: any decimal digit for a page number, white space for
    a table rule (``:--- | :---``)."""
    return (kind == "PAGE" and first.isdecimal()) or (kind == "RULE" and first.isspace())


def test_every_gated_pattern_has_its_first_characters() -> None:
    assert set(PATTERNS) == set(FIRST_CHARS)


@pytest.mark.parametrize("kind", sorted(PATTERNS))
def test_a_pattern_matches_no_line_opening_outside_its_first_characters(kind: str) -> None:
    allowed = FIRST_CHARS[kind]
    matched = 0
    for line in LINES:
        for variant in [line, *(c + line[1:] for c in OPENERS if c not in allowed)][:40]:
            for pattern in PATTERNS[kind]:
                if pattern.match(variant):
                    matched += 1
                    assert variant[0] in allowed or _exempt(kind, variant[0]), variant
    assert matched > 0  # the check saw the pattern match


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(OPENERS), st.sampled_from(LINES), st.text(max_size=20))
def test_a_line_opening_outside_a_set_is_never_that_kind(first: str, line: str, tail: str) -> None:
    text = first + line[1:] + tail
    for kind, patterns in PATTERNS.items():
        if first not in FIRST_CHARS[kind] and not _exempt(kind, first):
            assert not any(p.match(text) for p in patterns), (kind, text)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Điều 3. Hiệu lực", "ARTICLE"),
        ("Chương II", "CHAPTER"),
        ("12. Nội dung", "NUM"),
        ("đ) điểm", "POINT"),
        ("- gạch đầu dòng", "DASH"),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "MOTTO"),
        ("Độc lập - Tự do - Hạnh phúc", "MOTTO"),
        ("Căn cứ Luật Tổ chức Chính phủ;", "BASIS"),
        ("Số: 12/QĐ-BYT", "NUMBER"),
        ("- 12 -", "PAGE"),
        ("Một câu văn bình thường.", "TEXT"),
    ],
)
def test_gated_lines_keep_their_kind(line: str, kind: str) -> None:
    assert shape_clean(line).kind == kind


# The motto's hint: a line the motto patterns find (on the folded line, or the OCR name at its start)
# holds one of the hint's words, whatever its case and whether it is in NFC or NFD.
MOTTO_FORMS = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Cộng hoà xã hội chủ nghĩa Việt Nam",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "SOCIALIST REPUBLIC OF VIETNAM",
    "Socialist Republic of Viet Nam",
    "COMMUNIST PARTY OF VIET NAM",
    "SOSIALISTISKE REPUBLIKKEN VIET NAM",
    "CONG E 1ÔI CHỦ NGHĨA VIET NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ĐỘC LẬP – TỰ DO – HẠNH PHÚC",
    "Independence - Freedom - Happiness",
    "Uavhengighet - Frihet - Lykke",
]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(MOTTO_FORMS),
    st.sampled_from([lambda t: unicodedata.normalize("NFC", t), lambda t: unicodedata.normalize("NFD", t)]),
    st.sampled_from([str, str.upper, str.lower, str.title]),
    st.text(max_size=15),
    st.text(max_size=15),
)
def test_a_motto_line_always_holds_the_motto_hint(
    form: str, normal: Callable[[str], str], case: Callable[[str], str], before: str, after: str
) -> None:
    text = normal(before + case(form) + after)
    found = shapes._MOTTO_UPPER.search(shapes.fold(text)) or shapes.MOTTO_NAME_START.match(text)
    if found:
        assert shapes._may_hold_motto(text), text


def test_the_motto_forms_are_found() -> None:
    assert all(shape_clean(form).kind == "MOTTO" for form in MOTTO_FORMS)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_the_common_lower_case_letters_never_outnumber_the_lower_case_ones(text: str) -> None:
    common = sum(map(text.count, shapes._COMMON_LOWER))
    assert all(c.islower() for c in shapes._COMMON_LOWER)
    assert common <= sum(map(str.islower, text))


@pytest.mark.parametrize("note", ["(Đã ký)", "[Signed and sealed]", "(đã ký và đóng dấu)", "( Signed )"])
def test_signature_notes_pass_the_length_gate(note: str) -> None:
    assert shapes.is_signature_note(note)


def test_every_white_space_but_the_space_is_unprintable() -> None:
    """``_may_hold_gap`` looks for tabs and odd spaces only on a line that is not printable."""
    assert not any(chr(c).isprintable() for c in range(0x110000) if re.match(r"\s", chr(c)) and c != 0x20)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([" ", "\t", "\u00a0", "\u3000", "\n", "a", "B", ","]), max_size=12))
def test_a_gap_of_three_is_never_missed(text: str) -> None:
    if shapes._COLUMN_GAP.search(text):
        assert shapes._may_hold_gap(text)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Hanoi", "Ha Noi", "Oslo", ",", " ", "  ", "June", "26", "2025", "12.", "juni", "of", "x1"]
        ),
        max_size=12,
    )
)
def test_a_translated_dateline_at_the_start_has_its_place_before_the_first_comma(parts: list[str]) -> None:
    """``_translated_date`` tries the start of a line only when at most four spaces stand before its
    first comma: the place's five words at most."""
    text = "".join(parts)
    comma = text.find(",")
    if shapes._place_date_translated().match(text):
        assert comma > 0 and text.count(" ", 0, comma) <= 4, text


def test_every_signing_prefix_opens_with_a_letter_the_gate_lets_through() -> None:
    """``sign_prefix`` tries its pattern only on a line opening with T, K or Q."""
    assert {alternative[0] for alternative in shapes.SIGN_PREFIXES.split("|")} <= set("TKQ")
