"""Details of the structure: preamble items (one legal basis per document), article headings vs
sentences, page breaks and wrapped lines of PDF copies."""

from __future__ import annotations

from nq57parse.cleanview import Piece
from nq57parse.pipeline import parse_text
from nq57parse.units import Unit

HEAD = "KẾ HOẠCH\nTriển khai thử nghiệm\n"


def bases(text: str) -> list[tuple[str, int, str]]:
    doc = parse_text(HEAD + text)
    return [(b.kind, b.line, b.text) for b in doc.legal_bases]


def enacting(text: str) -> list[str]:
    return [b.text for b in parse_text(HEAD + text).blocks if b.kind == "enacting"]


def test_splits_a_sentence_naming_two_documents_at_the_semicolon() -> None:
    text = "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị; Kế hoạch số 19/KH-UBND của UBND Thành phố;\n"
    assert bases(text) == [
        ("thuc_hien", 3, "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị;"),
        ("thuc_hien", 3, "Kế hoạch số 19/KH-UBND của UBND Thành phố;"),
    ]


def test_keeps_an_item_naming_no_document_with_the_item_before_it() -> None:
    text = "Xét Tờ trình số 95/TTr-UBND của Ủy ban nhân dân tỉnh; ý kiến thảo luận của đại biểu tại kỳ họp.\n"
    assert bases(text) == [
        (
            "xet",
            3,
            "Xét Tờ trình số 95/TTr-UBND của Ủy ban nhân dân tỉnh; ý kiến thảo luận của đại biểu tại kỳ họp.",
        )
    ]


def test_an_item_opening_with_its_own_basis_word_stands_alone() -> None:
    text = "Căn cứ Luật Đất đai; Theo đề nghị của Giám đốc Sở Tài chính;\n"
    assert [(k, t) for k, _, t in bases(text)] == [
        ("can_cu", "Căn cứ Luật Đất đai;"),
        ("theo_de_nghi", "Theo đề nghị của Giám đốc Sở Tài chính;"),
    ]


def test_an_enacting_clause_after_a_comma_becomes_its_own_block() -> None:
    text = (
        "Thực hiện Nghị quyết số 03/NQ-CP, ngày 09/01/2025 của Chính phủ ban hành Chương trình hành động,"
        " Ban Thường vụ Đảng ủy xây dựng Kế hoạch thực hiện như sau:\n"
    )
    assert bases(text) == [
        (
            "thuc_hien",
            3,
            "Thực hiện Nghị quyết số 03/NQ-CP, ngày 09/01/2025 của Chính phủ ban hành Chương trình hành động",
        )
    ]
    assert enacting(text) == ["Ban Thường vụ Đảng ủy xây dựng Kế hoạch thực hiện như sau:"]


def test_a_lower_case_tail_after_the_last_comma_is_not_an_enacting_clause() -> None:
    text = (
        "Căn cứ Nghị quyết số 03/NQ-CP, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện, cụ thể như sau:\n"
    )
    assert enacting(text) == ["Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện, cụ thể như sau:"]


def test_a_comma_inside_brackets_never_splits_an_item() -> None:
    text = "Căn cứ Luật số 51/2024/QH15 (sửa đổi, Quốc hội ban hành Luật mới:)\n"
    assert len(bases(text)) == 1 and enacting(text) == []


def test_a_wrapped_basis_reports_the_lines_of_each_item() -> None:
    doc = parse_text(
        HEAD
        + "Thực hiện Nghị quyết số 57-NQ/TW; Kế hoạch số\n19/KH-UBND ngày 20/01/2025; Quyết định\nsố 5/QĐ-UBND;\n"
    )
    assert [(b.line, b.end_line) for b in doc.legal_bases] == [(3, None), (3, 4), (4, 5)]


def test_a_unit_joins_continuation_lines_with_one_space_and_maps_offsets_to_lines() -> None:
    unit = Unit.of("TEXT", 7, "Căn cứ Luật")
    for n, part in enumerate(["Đất đai số", "31/2024/QH15;"], start=8):
        unit.extend(Piece(n, 10 * n, 10 * n + len(part), part, ((0, 0),)), part)
    assert unit.text == "Căn cứ Luật Đất đai số 31/2024/QH15;"
    assert unit.lines == [7, 8, 9] and unit.end_line == 9
    start = unit.text.index("31/")
    assert unit.line_span(0, 6) == (7, 7)
    assert unit.line_span(start, len(unit.text)) == (9, 9)
    assert unit.line_span(0, len(unit.text)) == (7, 9)
    assert unit.char_span(start, len(unit.text)) == (90, 90 + len("31/2024/QH15;"))
    assert unit.char_span(start + 3, start + 7) == (93, 97)


def test_a_page_break_inside_a_sentence_keeps_the_sentence_whole_and_the_number_unparsed() -> None:
    text = (
        "QUYẾT ĐỊNH:\nĐiều 1. Giao Sở Y tế chủ trì triển khai\n7\nkế hoạch này.\n"
        "Điều 2. Quyết định này có hiệu lực từ ngày ký.\n"
    )
    doc = parse_text("QUYẾT ĐỊNH\nVề việc thử\n" + text)
    assert doc.articles[0].text == "Giao Sở Y tế chủ trì triển khai kế hoạch này."
    assert (doc.articles[0].line, doc.articles[0].end_line) == (4, 6)
    assert doc.unparsed == [] and doc.diagnostics == []  # the article's span owns the page line


def test_a_page_number_between_two_nodes_is_kept_in_unparsed() -> None:
    doc = parse_text(
        "QUYẾT ĐỊNH\nVề việc thử\nQUYẾT ĐỊNH:\nĐiều 1. Giao Sở Y tế.\n7\nĐiều 2. Hiệu lực từ ngày ký.\n"
    )
    assert [(u.line, u.text, u.reason) for u in doc.unparsed] == [(5, "7", "page_number")]
    assert [a.number for a in doc.articles] == ["1", "2"] and doc.diagnostics == []


def test_a_line_opening_with_a_digit_goes_on_an_open_sentence() -> None:
    doc = parse_text(
        "QUYẾT ĐỊNH\nVề việc thử\nQUYẾT ĐỊNH:\nĐiều 1. Phê duyệt Kế hoạch giai đoạn 2025 -\n2030 (kèm theo).\n"
    )
    assert doc.articles[0].heading is None
    assert doc.articles[0].text == "Phê duyệt Kế hoạch giai đoạn 2025 - 2030 (kèm theo)."


def test_an_article_sentence_introducing_its_clauses_with_a_colon_is_text_not_heading() -> None:
    doc = parse_text(
        "QUYẾT ĐỊNH\nVề việc thử\nQUYẾT ĐỊNH:\n"
        "Điều 1. Thành lập Tổ giúp việc triển khai Đề án của tỉnh, gồm các thành viên sau:\n"
        "1. Tổ trưởng: Phó Chánh Văn phòng.\n"
        "Điều 2. Nhiệm vụ của Tổ:\n1. Tham mưu.\n"
    )
    first, second = doc.articles
    assert first.heading is None and first.text.endswith("gồm các thành viên sau:")
    assert second.heading == "Nhiệm vụ của Tổ:" and second.text == ""


NORWEGIAN = """HELSEDEPARTEMENTET
SOSIALISTISKE REPUBLIKKEN VIETNAM
Uavhengighet - Frihet - Lykke
Nr. 2121/QD-BYT
Hanoi, 26. juni 2025
VEDTAK
Om handlingsplanen for vitenskap og teknologi
HELSEMINISTEREN
I medhold av resolusjon nr. 71/NQ-CP av 1. april 2025 fra regjeringen;
Etter forslag fra direktøren for avdelingen for vitenskap,
VEDTAR:
Artikkel 1. Handlingsplanen vedtas.
Artikkel 2. Vedtaket trer i kraft fra signeringsdatoen.
Mottakere:
- Som artikkel 2;
- Arkiv.
PÅ VEGNE AV MINISTEREN
VISEMINISTER
Dao Hong Lan
"""


def test_a_norwegian_translation_of_a_decision_has_the_original_structure() -> None:
    doc = parse_text(NORWEGIAN)
    assert (doc.document_type, doc.number.canonical, doc.issued_on, doc.source.language) == (
        "quyet_dinh",
        "2121/QĐ-BYT",
        "2025-06-26",
        "no",
    )
    assert (doc.issuer, doc.place, doc.authority) == ("HELSEDEPARTEMENTET", "Hanoi", "HELSEMINISTEREN")
    assert doc.title == "Om handlingsplanen for vitenskap og teknologi"
    assert [(b.kind, b.line) for b in doc.legal_bases] == [("can_cu", 9), ("theo_de_nghi", 10)]
    assert [(a.number, a.line) for a in doc.articles] == [("1", 12), ("2", 13)]
    assert doc.recipients == ["Som artikkel 2;", "Arkiv."]
    sig = doc.signature
    assert (sig.prefixes, sig.on_behalf_of, sig.position, sig.signer) == (
        ["TM."],
        "MINISTEREN",
        "VISEMINISTER",
        "Dao Hong Lan",
    )
    assert doc.unparsed == [] and doc.diagnostics == []


def test_a_number_and_a_date_merged_on_one_line_are_both_read() -> None:
    doc = parse_text(
        "CHÍNH PHỦ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 88/2025/NĐ-CP          Hà Nội, ngày 15 tháng 4 năm 2025\n"
        "NGHỊ ĐỊNH\nQuy định chi tiết\n"
    )
    assert (doc.number.canonical, doc.place, doc.issued_on, doc.issuer) == (
        "88/2025/NĐ-CP",
        "Hà Nội",
        "2025-04-15",
        "CHÍNH PHỦ",
    )
