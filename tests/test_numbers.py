"""Document numbers: parsing, canonical ids and match keys (numbers.py, data/codes.yaml)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57parse.numbers import (
    canonical_code,
    canonical_id,
    doc_type_of,
    issuer_name,
    load_codes,
    match_key,
    match_number,
    number_end,
    parse_number,
)

# text → (canonical, serial, year, type_code, issuer_code)
NUMBERS = [
    ("2121/QĐ-BYT", ("2121/QĐ-BYT", "2121", None, "QĐ", "BYT")),
    ("42/2025/NĐ-CP", ("42/2025/NĐ-CP", "42", 2025, "NĐ", "CP")),
    ("193/2025/QH15", ("193/2025/QH15", "193", 2025, None, "QH15")),
    ("57-NQ/TW", ("57-NQ/TW", "57", None, "NQ", "TW")),
    ("23-KH/ĐU", ("23-KH/ĐU", "23", None, "KH", "ĐU")),
    ("08-CTr/TU", ("08-CTr/TU", "08", None, "CTr", "TU")),
    ("1552/BTTTT-TTH", ("1552/BTTTT-TTH", "1552", None, None, "BTTTT")),
    ("12/UBND-VX", ("12/UBND-VX", "12", None, None, "UBND")),
    ("15/2025/QĐ-UBND", ("15/2025/QĐ-UBND", "15", 2025, "QĐ", "UBND")),
    ("24/2023/TT-BYT", ("24/2023/TT-BYT", "24", 2023, "TT", "BYT")),
    ("110/2025/UBTVQH15", ("110/2025/UBTVQH15", "110", 2025, None, "UBTVQH15")),
    # dirty forms
    ("2121/QD-BYT", ("2121/QĐ-BYT", "2121", None, "QĐ", "BYT")),
    ("2121/QÐ-BYT", ("2121/QĐ-BYT", "2121", None, "QĐ", "BYT")),
    ("42/2025/ND-CP", ("42/2025/NĐ-CP", "42", 2025, "NĐ", "CP")),
    ("09/2026NQ-HĐND", ("09/2026/NQ-HĐND", "09", 2026, "NQ", "HĐND")),
    ("09/2026/NQ_HĐND", ("09/2026/NQ-HĐND", "09", 2026, "NQ", "HĐND")),
    ("09/2026/NQ-HDND", ("09/2026/NQ-HĐND", "09", 2026, "NQ", "HĐND")),
    ("2121 / QĐ-BYT", ("2121/QĐ-BYT", "2121", None, "QĐ", "BYT")),
    ("Số: 2121/QĐ-BYT", ("2121/QĐ-BYT", "2121", None, "QĐ", "BYT")),
    ("Số 57-NQ/TW", ("57-NQ/TW", "57", None, "NQ", "TW")),
    ("72-NQ-TW", ("72-NQ/TW", "72", None, "NQ", "TW")),
    ("23-KH/DU", ("23-KH/ĐU", "23", None, "KH", "ĐU")),
    ("05-Ctr/ĐUK", ("05-CTr/ĐUK", "05", None, "CTr", "ĐUK")),
    ("146/qđ-ttg", ("146/QĐ-TTg", "146", None, "QĐ", "TTg")),
    ("5/2025/QD-BGDDT", ("5/2025/QĐ-BGDĐT", "5", 2025, "QĐ", "BGDĐT")),
    ("2121/QĐ-BYT.", ("2121/QĐ-BYT", "2121", None, "QĐ", "BYT")),
    # a PDF's text without its hyphens: the type code and a known issuer's code, run together
    ("1961/QĐUBND", ("1961/QĐ-UBND", "1961", None, "QĐ", "UBND")),
    ("61/2018/NĐCP", ("61/2018/NĐ-CP", "61", 2018, "NĐ", "CP")),
    ("01/2018/TTVPCP", ("01/2018/TT-VPCP", "01", 2018, "TT", "VPCP")),
    ("12/2019/TTLTBTC", ("12/2019/TTLT-BTC", "12", 2019, "TTLT", "BTC")),
    ("146/QĐTTg", ("146/QĐ-TTg", "146", None, "QĐ", "TTg")),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS, ids=[t for t, _ in NUMBERS])
def test_parses_each_number_shape_to_its_canonical_parts(text, expected):
    number = parse_number(text)
    assert number is not None
    assert (number.canonical, number.serial, number.year, number.type_code, number.issuer_code) == expected


NOT_NUMBERS = [
    "12/2025",
    "22/12/2024",
    "2021-2030",
    "Điều 3",
    "45%",
    "0243.8264.444",
    "QĐ-BYT",
    "",
    "số",
    "1/2",
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_refuses_what_is_not_a_document_number(text):
    assert parse_number(text) is None


def test_refuses_an_unknown_party_type():
    assert parse_number("2021-COVID/TW") is None


def test_keeps_the_raw_text_as_printed():
    assert parse_number("Số: 2121/QD-BYT").raw == "2121/QD-BYT"
    assert parse_number("1961/QĐUBND").raw == "1961/QĐUBND"  # read apart, printed as it was


def test_canonical_id_restores_vietnamese_letters():
    assert canonical_id("787/QD-BYT") == "787/QĐ-BYT"
    assert canonical_id("not a number") is None


def test_match_key_ignores_leading_zeros_and_case():
    assert match_key("03/NQ-CP") == match_key("3/NQ-CP")
    assert match_key("08-CTr/TU") == match_key("8-CTR/TU")
    assert match_key("09/2026/NQ-HĐND") == match_key("9/2026/NQ-HĐND")
    assert match_key("03/NQ-CP") != match_key("03/NQ-HĐND")


def test_match_number_requires_the_number_to_start_at_the_position():
    text = "theo Quyết định số 2121/QĐ-BYT ngày 26/6/2025"
    start = text.index("2121")
    assert match_number(text, start).canonical == "2121/QĐ-BYT"
    assert number_end(text, start) == start + len("2121/QĐ-BYT")
    assert match_number(text, start + 1) is None
    assert number_end(text, text.index("26/6")) is None


def test_a_number_inside_a_longer_token_is_not_matched():
    assert match_number("x2121/QĐ-BYT", 1) is None
    assert match_number("2121/QĐ-BYTabc", 0).canonical == "2121/QĐ-BYTABC"
    assert match_number("2121/QĐ-BYTà", 0) is None


def test_doc_type_and_issuer_follow_the_codes():
    assert doc_type_of(parse_number("23-KH/ĐU")) == "ke_hoach"
    assert doc_type_of(parse_number("1552/BTTTT-TTH")) == "cong_van"
    assert doc_type_of(parse_number("193/2025/QH15")) is None
    assert issuer_name(parse_number("71/NQ-CP")) == "Chính phủ"
    assert issuer_name(parse_number("193/2025/QH15")) == "Quốc hội"
    assert issuer_name(parse_number("57-NQ/TW")) == "Trung ương"
    assert issuer_name(parse_number("5/XYZ-ABC")) is None


CODES = load_codes()


@pytest.mark.parametrize("code", sorted(CODES.state_types))
def test_every_state_type_code_parses_in_a_number(code):
    number = parse_number(f"12/{code}-BYT")
    assert number is not None
    assert number.type_code == code
    assert doc_type_of(number) == CODES.state_types[code]


@pytest.mark.parametrize("code", sorted(CODES.party_types))
def test_every_party_type_code_parses_in_a_party_number(code):
    number = parse_number(f"12-{code}/TW")
    assert number is not None
    assert number.type_code == code
    assert doc_type_of(number) == CODES.party_types[code]


@pytest.mark.parametrize("code", sorted(CODES.party_issuers))
def test_every_party_issuer_code_parses(code):
    assert parse_number(f"3-NQ/{code}").issuer_code == code
    assert issuer_name(parse_number(f"3-NQ/{code}")) == CODES.party_issuers[code]


@pytest.mark.parametrize("code", sorted(CODES.state_issuers))
def test_every_state_issuer_code_parses(code):
    number = parse_number(f"7/QĐ-{code}")
    assert number.issuer_code == code
    assert issuer_name(number) == CODES.state_issuers[code]


@pytest.mark.parametrize(("ascii", "code"), sorted(CODES.ascii_aliases.items()))
def test_every_ascii_alias_restores_its_code(ascii, code):
    assert canonical_code(ascii) == code
    assert canonical_code(ascii.lower()) == code


@pytest.mark.parametrize(("ascii", "code"), sorted(CODES.party_ascii_aliases.items()))
def test_every_party_ascii_alias_applies_only_in_party_numbers(ascii, code):
    assert canonical_code(ascii, party=True) == code
    assert canonical_code(ascii) == ascii


@pytest.mark.parametrize("code", sorted(CODES.mixed_case.values()))
def test_every_mixed_case_code_keeps_its_case(code):
    assert canonical_code(code.upper()) == code


@given(st.text(max_size=60))
def test_parse_number_never_raises(text):
    number = parse_number(text)
    if number is not None:
        assert parse_number(number.canonical).canonical == number.canonical


def test_a_party_quy_dinh_number_keeps_its_mixed_case_code():
    from nq57parse.pipeline import parse_text

    number = parse_number("08-QĐi/TW")
    assert (number.canonical, number.type_code, number.issuer_code) == ("08-QĐi/TW", "QĐi", "TW")
    doc = parse_text("Tin tức\nThực hiện Quy định số 08-QĐi/TW của Ban Chấp hành Trung ương.\n")
    assert [(c.target, c.form) for c in doc.citations] == [("08-QĐi/TW", "full")]


@pytest.mark.parametrize("code", ["TTCP", "HĐCP", "UBND", "CCTTHC", "QLCL"])
def test_a_code_that_is_no_type_and_issuer_run_together_stays_whole(code: str) -> None:
    # a known issuer's own code (Thanh tra Chính phủ, Hội đồng Chính phủ) or an office's code
    number = parse_number(f"123/2019/{code}")
    assert number is not None and number.canonical == f"123/2019/{code}"
