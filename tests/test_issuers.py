"""The issuer block's pieces → its levels (issuers.issuer_levels): one row per rule, and one row per
word that leaves a level open (data: issuer_open_endings)."""

from __future__ import annotations

import pytest

from nq57parse.issuers import is_issuer_name, issuer_levels
from nq57parse.shapes import cues


@pytest.mark.parametrize(
    ("pieces", "levels"),
    [
        (["BỘ Y TẾ"], ["BỘ Y TẾ"]),
        (["ỦY BAN NHÂN", "DÂN", "TỈNH BẮC NINH"], ["ỦY BAN NHÂN DÂN TỈNH BẮC NINH"]),
        (["BỘ TÀI CHÍNH", "TỔNG CỤC HẢI QUAN"], ["BỘ TÀI CHÍNH", "TỔNG CỤC HẢI QUAN"]),
        (["BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN"], ["BỘ TÀI CHÍNH", "TỔNG CỤC HẢI QUAN"]),
        (["BỘ TÀI CHÍNH", "TONG CỤC HAI QUAN"], ["BỘ TÀI CHÍNH", "TONG CỤC HAI QUAN"]),
        (["HỌC VIỆN CHÍNH TRỊ QUỐC GIA HỒ CHÍ MINH"], ["HỌC VIỆN CHÍNH TRỊ QUỐC GIA HỒ CHÍ MINH"]),
        (
            ["VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO -", "TÒA ÁN NHÂN DÂN TỐI CAO"],
            ["VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO - TÒA ÁN NHÂN DÂN TỐI CAO"],
        ),
        (["**BỘ Y TẾ**", "-------"], ["BỘ Y TẾ"]),
        (["BỘ NỘI VỤ", "VỤ TỔ CHỨC CÁN BỘ"], ["BỘ NỘI VỤ", "VỤ TỔ CHỨC CÁN BỘ"]),
    ],
    ids=[
        "one level",
        "a name wrapped over lines",
        "two levels",
        "two levels on one line",
        "a level that lost its marks",
        "a name holding a level word",
        "joint issuers joined by dashes",
        "markup and a rule",
        "a level ending in a word of another",
    ],
)
def test_the_levels_of_an_issuer_block(pieces: list[str], levels: list[str]) -> None:
    assert issuer_levels(pieces) == levels


@pytest.mark.parametrize("ending", cues()["issuer_open_endings"])
def test_a_level_ending_in_an_open_word_goes_on_with_the_next_piece(ending: str) -> None:
    assert issuer_levels([f"ỦY BAN {ending}", "QUỐC HỘI"]) == [f"ỦY BAN {ending} QUỐC HỘI"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("University of Languages and International Studies", True), ("Hà Nội, ngày 5", False)],
)
def test_a_translated_issuer_name(text: str, expected: bool) -> None:
    assert is_issuer_name(text) is expected
