"""The header's segmentation rules: one row per rule of ``segment_header.HEADER_RULES``.

Each row is a small document whose header exercises the rule, and the unit the rule must give
(kind and clean text). A rule added to the table without a row here fails the last test.
"""

from __future__ import annotations

import pytest

from nq57parse.cleanview import clean_view
from nq57parse.normalise import normalise
from nq57parse.segment import segment
from nq57parse.segment_header import HEADER_RULES

TOP = "BỘ Y TẾ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
DATED = "Số: 12/QĐ-BYT\nHà Nội, ngày 26 tháng 6 năm 2025\n"
REST = "Căn cứ Luật Tổ chức Chính phủ;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kế hoạch.\n"
DECISION = TOP + DATED + "QUYẾT ĐỊNH\nBAN HÀNH KẾ HOẠCH Y TẾ SỐ\nBỘ TRƯỞNG BỘ Y TẾ\n" + REST
LETTER_TOP = TOP + "Số: 12/BYT-KHTC\nV/v triển khai kế hoạch\nHà Nội, ngày 26 tháng 6 năm 2025\n"
LETTER = LETTER_TOP + "Kính gửi:\n- Sở Y tế;\n- Sở Tài chính.\nBộ Y tế đề nghị các Sở thực hiện.\n"

ROWS = [
    (
        "wrapped element",
        DECISION.replace("CỘNG HÒA XÃ HỘI CHỦ", "CỘNG HÒA XÃ\nHỘI CHỦ"),
        ("H_MOTTO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ),
    (
        "merged authority",
        DECISION.replace("SỐ\nBỘ TRƯỞNG", "SỐ BỘ TRƯỞNG"),
        ("H_AUTHORITY", "BỘ TRƯỞNG BỘ Y TẾ"),
    ),
    (
        "ornament",
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-NQ/TW\nHà Nội, ngày 5 tháng 3 năm 2025\n"
        "NGHỊ QUYẾT\nVỀ CÔNG TÁC CÁN BỘ\nI. TÌNH HÌNH\n",
        ("H_RULE", "*"),
    ),
    (
        "translated issuer",
        "People's Committee of Da Nang City\nSOCIALIST REPUBLIC OF VIETNAM\nNo. 815/QD-UBND\n"
        "Da Nang, March 14, 2025\nDECISION\nOn the steering committee\nPursuant to the Law on Health;\n"
        "DECIDES:\nArticle 1. To establish the committee.\n",
        ("H_ISSUER", "People's Committee of Da Nang City"),
    ),
    (
        "issuer goes on",
        DECISION.replace("BỘ Y TẾ\n-------", "BỘ\nKẾ HOẠCH VÀ ĐẦU TƯ\n-------", 1),
        ("H_ISSUER", "KẾ HOẠCH VÀ ĐẦU TƯ"),
    ),
    ("motto or rule", DECISION, ("H_RULE", "-------")),
    ("number", DECISION, ("H_NUMBER", "Số: 12/QĐ-BYT")),
    ("place and date", DECISION, ("H_PLACE_DATE", "Hà Nội, ngày 26 tháng 6 năm 2025")),
    (
        "split place and date",
        DECISION.replace("ngày 26 tháng", "ngày 26\ntháng"),
        ("H_PLACE_DATE", "Hà Nội, ngày 26 tháng 6 năm 2025"),
    ),
    ("subject", LETTER, ("H_SUBJECT", "V/v triển khai kế hoạch")),
    ("addressee head", LETTER, ("H_ADDRESSEE_HEAD", "Kính gửi:")),
    ("addressee", LETTER, ("H_ADDRESSEE", "- Sở Y tế;")),
    ("enacting word", DECISION, ("ENACT", "QUYẾT ĐỊNH:")),
    ("type heading", DECISION, ("H_DOC_TYPE", "QUYẾT ĐỊNH")),
    ("authority", DECISION, ("H_AUTHORITY", "BỘ TRƯỞNG BỘ Y TẾ")),
    (
        "authority goes on",
        DECISION.replace(
            "BỘ TRƯỞNG BỘ Y TẾ\n", "HỘI ĐỒNG NHÂN DÂN TỈNH KHÁNH HÒA\nKHÓA VII, KỲ HỌP THỨ HAI\n"
        ),
        ("H_AUTHORITY", "HỘI ĐỒNG NHÂN DÂN TỈNH KHÁNH HÒA KHÓA VII, KỲ HỌP THỨ HAI"),
    ),
    (
        "upper-case title",
        DECISION.replace("Y TẾ SỐ\n", "Y TẾ SỐ\nCỦA BỘ Y TẾ NĂM 2025\n"),
        ("H_TITLE", "BAN HÀNH KẾ HOẠCH Y TẾ SỐ CỦA BỘ Y TẾ NĂM 2025"),
    ),
    ("upper-case name", DECISION, ("H_ISSUER", "BỘ Y TẾ")),
    (
        "title text",
        DECISION.replace("BAN HÀNH KẾ HOẠCH Y TẾ SỐ", "Về việc ban hành kế hoạch y tế số"),
        ("H_TITLE", "Về việc ban hành kế hoạch y tế số"),
    ),
    (
        "title goes on",
        DECISION.replace("BAN HÀNH KẾ HOẠCH Y TẾ SỐ", "Về việc ban hành kế hoạch\ny tế số của Bộ"),
        ("H_TITLE", "Về việc ban hành kế hoạch y tế số của Bộ"),
    ),
]


def units_of(text: str) -> list[tuple[str, str]]:
    return [(u.kind, u.text) for u in segment(clean_view(normalise(text)))]


@pytest.mark.parametrize(("rule", "text", "unit"), ROWS, ids=[r[0] for r in ROWS])
def test_each_header_rule_gives_its_unit(rule: str, text: str, unit: tuple[str, str]) -> None:
    assert unit in units_of(text)


def test_every_header_rule_has_a_row() -> None:
    assert [name for name, _ in HEADER_RULES] == [r[0] for r in ROWS]


def test_the_header_ends_at_the_enacting_word_and_the_preamble_follows() -> None:
    kinds = [k for k, _ in units_of(DECISION)]
    assert kinds[kinds.index("H_AUTHORITY") + 1 :] == ["BASIS", "ENACT", "ARTICLE"]


def test_a_letters_header_ends_with_its_addressees_and_its_text_is_body() -> None:
    kinds = [k for k, _ in units_of(LETTER)]
    assert kinds[-4:] == ["H_ADDRESSEE_HEAD", "H_ADDRESSEE", "H_ADDRESSEE", "OUTLINE"]
