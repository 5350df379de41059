"""Citations as real copies print them (issue 12): one table per class, each row text → expected citations.

Classes: numbers wrapped or spaced as copies print them, old and Party forms, OCR digits, Đ as D;
precision (form identifiers, over-reaching spans, site editorial notes, excluded spans, the own number);
named laws resolved to the version in force; legal bases linked to what they cite.
"""

from __future__ import annotations

import re

import pytest
from conftest import examples, seed_path
from hypothesis import given, settings
from hypothesis import strategies as st

from nq57parse.citations import find_citations, soft_joined
from nq57parse.models import LegalBasis
from nq57parse.normalise import normalise
from nq57parse.resolve import link_bases, own_date, own_numbers, resolve_citations


def cited(text: str, dated: str | None = None, own=None, exclude=()) -> list[tuple[str, str | None]]:
    norm = normalise(text)
    found, _ = resolve_citations(find_citations(norm, "vi", exclude), own, dated=dated)
    for c in found:
        assert c.text == norm.text[c.start : c.end]
    return [(c.text, c.target) for c in found if not c.self_reference]


# text → [(cited text, target)]
WRAPPED_AND_SPACED = [
    (
        "Căn cứ Nghị định số\n118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ;",
        [("Nghị định số\n118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ", "118/2025/NĐ-CP")],
    ),
    (
        "Thực hiện Công văn số\n6356/UBND-NNMT ngày 01/12/2025 của UBND Thành phố về việc",
        [("Công văn số\n6356/UBND-NNMT ngày 01/12/2025 của UBND Thành phố", "6356/UBND-NNMT")],
    ),
    (
        "*Căn cứ Nghị quyết\nsố 66/NQ-CP ngày 26 tháng 3\nnăm 2025 của Chính phủ;*",
        [("Nghị quyết\nsố 66/NQ-CP ngày 26 tháng 3\nnăm 2025 của Chính phủ", "66/NQ-CP")],
    ),
    ("Thông tư số 31/2015/TT- BYT quy định", [("Thông tư số 31/2015/TT- BYT", "31/2015/TT-BYT")]),
    ("Nghị định số 08 /2015/NĐ-CP quy định", [("Nghị định số 08 /2015/NĐ-CP", "08/2015/NĐ-CP")]),
    ("theo Nghị định số118/2025/NĐ-CP.", [("Nghị định số118/2025/NĐ-CP", "118/2025/NĐ-CP")]),
    (
        "Thông tư số 92/2009/TT-\nBTC ngày 12/5/2009",
        [("Thông tư số 92/2009/TT-\nBTC ngày 12/5/2009", "92/2009/TT-BTC")],
    ),
    (
        "Thông tư liên tịch số 02/2017/TTLT-VKSNDTC-\nTANDTC-BCA-BQP ngày 22/12/2017",
        [
            (
                "Thông tư liên tịch số 02/2017/TTLT-VKSNDTC-\nTANDTC-BCA-BQP ngày 22/12/2017",
                "02/2017/TTLT-VKSNDTC-TANDTC-BCA-BQP",
            )
        ],
    ),
    (
        "Nghị quyết liên tịch số 01/2022/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN hướng dẫn",
        [
            (
                "Nghị quyết liên tịch số 01/2022/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN",
                "01/2022/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN",
            )
        ],
    ),
    (
        "Thông tư liên tịch số 01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC",
        [
            (
                "Thông tư liên tịch số 01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC",
                "01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC",
            )
        ],
    ),
    # an issuer wraps on in lower case, not into the next line's capitalised text
    (
        "theo Quyết định số 118/2008/QĐ-TTg ngày 27/8/2008 của Thủ\ntướng Chính phủ",
        [("Quyết định số 118/2008/QĐ-TTg ngày 27/8/2008 của Thủ\ntướng Chính phủ", "118/2008/QĐ-TTg")],
    ),
    (
        "Quyết định số 3676/QĐ-BYT ngày 05/12/2024 của Bộ Y tế\nCác đơn vị thuộc Bộ",
        [("Quyết định số 3676/QĐ-BYT ngày 05/12/2024 của Bộ Y tế", "3676/QĐ-BYT")],
    ),
    # a type word ending a line and a bare month/year opening the next is no citation
    ("Kế hoạch\n06/2025", []),
]

OLD_PARTY_OCR_D = [
    ("Quyết định số 169-CP về công tác điều tra", [("Quyết định số 169-CP", "169-CP")]),
    (
        "theo tinh thần Nghị định 404-CP ngày 09/11/1979 của Hội đồng Chính phủ,",
        [("Nghị định 404-CP ngày 09/11/1979 của Hội đồng Chính phủ", "404-CP")],
    ),
    (
        "trước ngày Nghị định số 25/CP ngày 23 tháng 5 năm 1993 có hiệu lực",
        [("Nghị định số 25/CP ngày 23 tháng 5 năm 1993", "25/CP")],
    ),
    ("Quyết định 217-HĐBT ngày 14/11/1987", [("Quyết định 217-HĐBT ngày 14/11/1987", "217-HĐBT")]),
    ("Kế hoạch số 45- KH/TU ngày 12/3/2021", [("Kế hoạch số 45- KH/TU ngày 12/3/2021", "45-KH/TU")]),
    ("Nghị định số 1O5/2020/NĐ-CP quy định", [("Nghị định số 1O5/2020/NĐ-CP", "105/2020/NĐ-CP")]),
    ("Quyết định số 2l8/QĐ-TTg ngày 3/2/2020", [("Quyết định số 2l8/QĐ-TTg ngày 3/2/2020", "218/QĐ-TTg")]),
    ("Nghị định số 42/2O25/NĐ-CP", [("Nghị định số 42/2O25/NĐ-CP", "42/2025/NĐ-CP")]),
    ("Nghị định số 42/2025/ND-CP", [("Nghị định số 42/2025/ND-CP", "42/2025/NĐ-CP")]),
    ("Quyết định số 2121/QÐ-BYT", [("Quyết định số 2121/QĐ-BYT", "2121/QĐ-BYT")]),
    ("Kế hoạch số 23-KH/DU", [("Kế hoạch số 23-KH/DU", "23-KH/ĐU")]),
    # neither OCR letters alone nor Roman numerals are serials
    ("Quý II/2025 và Điều lO/QĐ", []),
]

PRECISION = [
    (
        "Thực hiện các Nghị quyết số 57-NQ/TW, 59-NQ/TW của Bộ Chính trị và Quyết định số 2121/QĐ-BYT.",
        [
            ("Nghị quyết số 57-NQ/TW", "57-NQ/TW"),
            ("59-NQ/TW của Bộ Chính trị", "59-NQ/TW"),
            ("Quyết định số 2121/QĐ-BYT", "2121/QĐ-BYT"),
        ],
    ),
    ("Báo cáo theo Mẫu số 01/TK và Mẫu số 02/BC-UBND.", []),
    ("lập theo Biểu mẫu 03/KH-UBND ban hành kèm theo", []),
    ("using Form No. 03/KH-UBND attached", []),
    ("chi tiết tại Phụ lục số 02/PL-UBND kèm theo", []),  # an appendix's number, not a document's
    (
        "1. Nhà ở [Khoản này được hướng dẫn bởi Điều 7 Nghị định 127/2005/NĐ-CP có hiệu lực từ ngày 01/11/2005]",
        [],
    ),
    ("[Về cho vay được hướng dẫn bởi Công văn 4530/NHCS-TDNN năm 2024 có hiệu lực từ ngày 01/08/2024]", []),
    # brackets that are the document's own text keep their citations
    (
        "các văn bản [Nghị định số 42/2025/NĐ-CP] nêu trên",
        [("Nghị định số 42/2025/NĐ-CP", "42/2025/NĐ-CP")],
    ),
    ("Điều 3. Hiệu lực thi hành; tăng 15% so với năm 2024; ngày 12/5/2025; ĐT: 024.3826.4444", []),
    ("Giai đoạn 2021-2025, từ khoản 1 đến khoản 3 Điều 5, Chương II", []),
    # a compound in capitals is no law; one law's name ends where the next begins
    ("Thư Viện Pháp Luật Việt Nam - tra cứu văn bản", []),
    (
        "theo Luật Kinh doanh bất động sản và Luật Các tổ chức tín dụng.",
        [("Luật Kinh doanh bất động sản", None), ("Luật Các tổ chức tín dụng", None)],
    ),
]


def _form_words() -> list[str]:
    from nq57parse.citations import _load

    return _load("doc_types.yaml")["form_words"]


@pytest.mark.parametrize("word", _form_words())
def test_the_number_after_a_form_word_is_no_document(word):
    english = {"Form": "No.", "Appendix": "No.", "Annex": "No.", "Skjema": "nr.", "Vedlegg": "nr."}
    marker = english.get(word, "số")
    assert cited(f"lập theo {word} {marker} 02/BC-UBND kèm theo") == []
    assert cited(f"lập theo {word} 02/BC-UBND kèm theo") == []
    # the same number with no form word before it is a document
    assert cited("lập theo 02/BC-UBND kèm theo") == [("02/BC-UBND", "02/BC-UBND")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [*WRAPPED_AND_SPACED, *OLD_PARTY_OCR_D, *PRECISION],
    ids=[r[0][:50] for r in [*WRAPPED_AND_SPACED, *OLD_PARTY_OCR_D, *PRECISION]],
)
def test_finds_each_number_as_real_copies_print_it_and_nothing_more(text, expected):
    assert cited(text) == expected


# the document's own number is never an outside citation, even when its header was not read
OWN = [
    ("Số: 12/QĐ-UBND\nĐiều 1. Ban hành kèm theo Quyết định số 12/QĐ-UBND Quy chế.", ("12/QĐ-UBND",)),
    ("**Số hiệu:**\n|\n21/2025/NQ-HĐND\n|\nNghị quyết 21/2025/NQ-HĐND quy định", ("21/2025/NQ-HĐND",)),
    ("No.: 4998/QĐ-BGDĐT\n(Issued together with Decision No. 4998/QĐ-BGDĐT)", ("4998/QĐ-BGDĐT",)),
    ("Số: 01/2022/TTLT-VKSNDTC-\nTANDTC-BCA\nHà Nội", ("01/2022/TTLT-VKSNDTC-TANDTC-BCA",)),
    ("Số 57-NQ/TW\nHà Nội, ngày 22 tháng 12 năm 2024", ("57-NQ/TW",)),
    # a list of cited numbers that opens a line is not the header's
    ("tại các Tờ trình:\nSố 202/TTr-BVHTTDL ngày 11 tháng 5 năm 2026, số 192/TTr-BVHTTDL", ()),
]


@pytest.mark.parametrize(("text", "expected"), OWN, ids=[r[0][:40] for r in OWN])
def test_reads_the_own_number_from_the_text_and_marks_its_citations_self(text, expected):
    assert own_numbers(text) == expected
    assert not [t for _, t in cited(text, own=own_numbers(text)) if t in expected]


# text → the document's own date, when the parser did not read it (it chooses a named law's version)
OWN_DATE = [
    ("BỘ Y TẾ\nSố: 1/QĐ-BYT\nHà Nội, ngày 26 tháng 6 năm 2025\nQUYẾT ĐỊNH", "2025-06-26"),
    ("Số:\n21/2025/NQ-HĐND\n|\n*Vĩnh Long, ngày\n18 tháng 11 năm 2025 *", "2025-11-18"),
    ("No.: 4998/QĐ-BGDĐT\n*Hà Nội, December 31, 2021*", "2021-12-31"),
    ("No. 04/2016/TT-BGDĐT | *Hà Nội, 14 March 2016*", "2016-03-14"),
    ("Hanoi, Smarch 14, 2016", None),
    ("Hà Nội, ngày 31 tháng 02 năm 2025", None),  # no such day
    ("Căn cứ Nghị định số 42/2025/NĐ-CP ngày 27/02/2025;", None),  # a cited document's date is not ours
]


@pytest.mark.parametrize(("text", "expected"), OWN_DATE, ids=[r[0][:30] for r in OWN_DATE])
def test_reads_the_own_date_from_the_place_date_line(text, expected):
    assert own_date(text) == expected
    assert own_date(text, "2020-01-01") == "2020-01-01"  # the header's, when read, wins


def test_the_header_number_read_by_the_parser_comes_first():
    assert own_numbers("Số: 5/QĐ-UBND\n", "7/QĐ-UBND") == ("7/QĐ-UBND", "5/QĐ-UBND")


# (text, citing document's date) → version: the one in force, or the one the printed date names; a name
# alone prints no number, so the target stays null whatever the version
VERSIONS = [
    ("Căn cứ Luật Giao dịch điện tử;", "2016-05-01", "51/2005/QH11"),
    ("Căn cứ Luật Giao dịch điện tử;", "2025-06-26", "20/2023/QH15"),
    ("Căn cứ Luật Giao dịch điện tử;", None, None),  # no date: no guess
    ("Căn cứ Luật Giao dịch điện tử;", "2024-01-15", None),  # passed, not yet in force: two fit
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "2025-08-01", "77/2015/QH13"),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", "2025-08-01", "72/2025/QH15"),
    ("Căn cứ Luật Tổ chức chính quyền địa phương;", "2025-08-01", "72/2025/QH15"),
    ("Căn cứ Luật Tổ chức Chính phủ năm 2015;", "2025-08-01", "76/2015/QH13"),
    ("Căn cứ Luật Tổ chức Chính phủ ngày 22 tháng 11 năm 2019;", "2020-03-01", None),  # no version that day
    ("Căn cứ Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam;", "2020-01-01", "Hiến pháp 2013"),
    ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992;", "2010-01-01", "Hiến pháp 1992"),
    ("Căn cứ Luật Ngân sách nhà nước;", "2016-06-01", None),  # 83/2015 passed, 01/2002 still in force
    ("Căn cứ Luật Ngân sách nhà nước;", "2018-06-01", "83/2015/QH13"),
    ("Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;", "2024-01-01", "22/2008/QH12"),
    ("Căn cứ Luật Khám bệnh, chữa bệnh;", "2024-06-01", "15/2023/QH15"),
]


@pytest.mark.parametrize(
    ("text", "dated", "version"), VERSIONS, ids=[f"{r[0][7:40]}@{r[1]}" for r in VERSIONS]
)
def test_a_law_cited_by_name_resolves_to_the_version_in_force_or_named_by_its_date(text, dated, version):
    norm = normalise(text)
    found, refs = resolve_citations(find_citations(norm), dated=dated)
    assert [(c.form, c.target, c.version) for c in found] == [("named", None, version)]
    assert not [r for r in refs if r.mentions]  # no reference counts it: it has no target
    if version is None:
        assert found[0].version_basis is None
        assert any(c.field == "target" for r in refs for c in r.conflicts)


# text → why the version is the one it is (``version_basis``)
VERSION_BASES = [
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "date"),
    ("Căn cứ Luật Tổ chức Chính phủ năm 2015;", "year"),
    ("Căn cứ Luật Giao dịch điện tử;", "in_force"),
    ("Căn cứ Luật Khoa học và Công nghệ;", "only"),
]


@pytest.mark.parametrize(("text", "basis"), VERSION_BASES, ids=[b for _, b in VERSION_BASES])
def test_a_named_law_says_why_it_means_its_version(text, basis):
    found, _ = resolve_citations(find_citations(normalise(text)), dated="2025-08-01")
    assert [(c.target, c.version is not None, c.version_basis) for c in found] == [(None, True, basis)]


def test_a_law_named_with_its_number_has_that_number_as_target_and_no_version():
    found, _ = resolve_citations(
        find_citations(normalise("Căn cứ Luật Khám bệnh, chữa bệnh số 15/2023/QH15;")), dated="2025-08-01"
    )
    assert [(c.target, c.version, c.version_basis) for c in found] == [("15/2023/QH15", None, None)]


def test_an_alias_defined_after_a_named_law_carries_its_version():
    text = "Căn cứ Luật Giao dịch điện tử (sau đây gọi tắt là Luật GDĐT mới);\nTheo Luật GDĐT mới, …"
    found, _ = resolve_citations(find_citations(normalise(text)), dated="2025-08-01")
    assert [(c.form, c.target, c.version) for c in found] == [
        ("named", None, "20/2023/QH15"),
        ("alias", None, "20/2023/QH15"),
        ("alias", None, "20/2023/QH15"),
    ]


def test_exclude_drops_exactly_the_citations_inside_or_overlapping_a_span():
    text = "Căn cứ Nghị định số 42/2025/NĐ-CP;\nNghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân\n"
    footer = text.index("Nghị định 13")
    assert [t for _, t in cited(text, exclude=[(footer, len(text))])] == ["42/2025/NĐ-CP"]
    assert [t for _, t in cited(text, exclude=[(footer + 12, footer + 14)])] == ["42/2025/NĐ-CP"]
    assert [t for _, t in cited(text, exclude=[(0, 3), (len(text) - 2, len(text))])] == [
        "42/2025/NĐ-CP",
        "13/2023/NĐ-CP",
    ]


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 60)), max_size=4))
def test_excluding_spans_removes_exactly_the_citations_that_overlap_them(spans):
    text = seed_path("004_bd353b12c519b883.txt").read_text(encoding="utf-8")[:4000]
    norm = normalise(text)
    exclude = [(a * 20, a * 20 + b) for a, b in spans]
    every = find_citations(norm)
    kept = find_citations(norm, exclude=exclude)
    overlapping = {(c.start, c.end) for c in every for a, b in exclude if b > a and c.start < b and a < c.end}
    assert [(c.start, c.end) for c in kept] == [
        (c.start, c.end) for c in every if (c.start, c.end) not in overlapping
    ]


@given(st.text(alphabet="ab số-/,.;:\n*|1", max_size=120))
def test_the_wrapped_view_only_turns_newlines_into_spaces(text):
    view = soft_joined(text)
    assert len(view) == len(text)
    assert all(a == b or (a == "\n" and b == " ") for a, b in zip(text, view, strict=True))


def soft_joined_newline_by_newline(text: str) -> str:
    """The wrap rule read one newline at a time (the obvious way, slower): the reference for the scan."""
    from nq57parse.citations import _HARD_START

    ends = re.compile(r"[\w,/–-][ \t*_]{0,4}$")
    chars = list(text)
    for i, char in enumerate(text):
        if char == "\n" and ends.search(text, max(0, i - 6), i) and not _HARD_START.match(text, i + 1):
            chars[i] = " "
    return "".join(chars)


@settings(max_examples=400)
@given(st.text(alphabet="aĐ 1-,/._*\t\n+Số:", max_size=80))
def test_the_one_scan_wraps_exactly_the_newlines_the_rule_read_one_at_a_time_wraps(text):
    assert soft_joined(text) == soft_joined_newline_by_newline(text)


def test_seed_004_legal_bases_each_list_their_targets():
    from nq57parse.pipeline import parse_text

    doc = parse_text(seed_path("004_bd353b12c519b883.txt").read_text(encoding="utf-8"))
    bases = [b for b in doc.legal_bases if b.kind == "can_cu"]
    assert [b.citations[0].target for b in bases] == ["57-NQ/TW", "42/2025/NĐ-CP", "71/NQ-CP", "23-KH/ĐU"]
    for basis in doc.legal_bases:
        for c in basis.citations:
            assert basis.line <= c.line <= (basis.end_line or basis.line)


def test_bases_sharing_a_line_share_its_citations_by_text():
    text = "Thực hiện Nghị quyết số 57-NQ/TW; Kế hoạch số 23-KH/ĐU; Luật Giao dịch điện tử;\n"
    found, _ = resolve_citations(find_citations(normalise(text)), dated="2025-06-26")
    bases = [
        LegalBasis(kind="thuc_hien", text="Thực hiện Nghị quyết số 57-NQ/TW;", line=1),
        LegalBasis(kind="thuc_hien", text="Kế hoạch số 23-KH/ĐU;", line=1),
        LegalBasis(kind="thuc_hien", text="Luật Giao dịch điện tử;", line=1),
    ]
    linked = link_bases(bases, found)
    assert [[c.target or c.version for c in b.citations] for b in linked] == [
        ["57-NQ/TW"],
        ["23-KH/ĐU"],
        ["20/2023/QH15"],  # a law named by its name alone carries its version
    ]


# table cells one a line (a plan's appendix): the relation is read in the citation's own line, as printed
CELL_RELATIONS = [
    (
        "Sau khi Luật KH,CN và các văn bản liên quan được sửa đổi\n11.4\n"
        "Thông tư thay thế Thông tư số 46/2018/TT-BYT ngày 28/12/2018\n",
        ["mentions", "replaces"],
    ),
    (
        "Sau khi Luật KH,CN và các văn bản liên quan được sửa đổi\n11.3\n"
        "Sửa đổi Thông tư số 24/2023/TT-BYT ngày 18 tháng 12 năm 2023 của Bộ Y tế\n",
        ["mentions", "amends"],
    ),
    (
        "DANH MỤC NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW CỦA BỘ CHÍNH TRỊ VỀ CHUYỂN ĐỔI SỐ QUỐC GIA\n"
        "(Kèm theo Kế hoạch của Bộ Y tế thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025)\n",
        ["implements", "implements"],
    ),
]


@pytest.mark.parametrize(("text", "relations"), CELL_RELATIONS, ids=[r[1][-1] for r in CELL_RELATIONS])
def test_relations_are_read_in_the_line_as_printed_not_across_joined_cells(text, relations):
    found = find_citations(normalise(text))
    assert [c.relation for c in found] == relations


# the seeds' citation facts stay as they were before copies' wrapped lines were read: count and relations
SEED_RELATIONS = [
    ("000_5589b16ecaed41a0.txt", {"implements": 1, "mentions": 10}),
    ("001_7e62dc0e135f94c8.txt", {"implements": 2, "mentions": 10}),
    ("002_d60a3bd8c1bbe9f0.txt", {"implements": 1, "mentions": 4}),
    ("003_9ee2f3347a3d47ab.txt", {"implements": 5, "mentions": 2}),
    (
        "004_bd353b12c519b883.txt",
        {"amends": 1, "based_on": 4, "implements": 21, "mentions": 30, "replaces": 2},
    ),
]


@pytest.mark.parametrize(("name", "relations"), SEED_RELATIONS, ids=[r[0][:3] for r in SEED_RELATIONS])
def test_the_seeds_citations_keep_their_relations(name, relations):
    from collections import Counter

    found = find_citations(normalise(seed_path(name).read_text(encoding="utf-8")))
    assert Counter(c.relation for c in found) == relations


def type_words_left_to_right(text: str, numbered: bool = False) -> list[tuple[int, int]]:
    """The type words read left to right over the whole lower-cased text with one pattern of every type word,
    not overlapping (the obvious way, slower); ``numbered``: only those a number may follow. The reference
    for the scan that starts from the numbers."""
    from nq57parse.citations import lexicon

    lex = lexicon()
    every = re.compile(lex.sources["type_re"][0])  # the type words, lower case
    found = [m for m in every.finditer(text.lower())]
    return [m.span() for m in found if not numbered or lex.may_number_re.match(text, m.end())]


TYPE_PIECES = [
    "Nghị quyết",
    "quyết định",
    "nghị",
    "Quyết",
    "định",
    "thông báo",
    "báo cáo",
    "bộ luật",
    "Luật",
    "công văn",
    "văn bản",
    "Decision",
    "resolusjon",
    "resolusjonene",
    "plan",
    "planen",
    "số",
    "No.",
    " ",
    "  ",
    "\n",
    ",",
    "x",
    " số 5",
    " 12",
    " No. 3",
    " Ol2",
    "số:",
    " nr.7",
    ":",
    "O",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(TYPE_PIECES), max_size=40).map("".join))
def test_type_words_found_from_the_numbers_back_or_by_first_words_are_those_read_left_to_right(text):
    from nq57parse.citations import _digit_runs, _type_hits, _typed_hits, lexicon

    low = text.lower()
    runs = _digit_runs(low, len(low))
    assert [m.span() for m in _typed_hits(low, text, lexicon(), runs)] == type_words_left_to_right(
        text, numbered=True
    )
    assert [m.span() for m in _type_hits(low, lexicon())] == type_words_left_to_right(text)


def test_a_type_word_inside_an_earlier_one_is_none_even_when_a_number_follows_it():
    from nq57parse.citations import _typed_hits, lexicon

    text = "theo Nghị quyết định số 5 và Thông báo cáo số 7"
    assert type_words_left_to_right(text) == [(5, 15), (29, 38)]  # nghị quyết, thông báo
    assert type_words_left_to_right(text, numbered=True) == []
    assert _typed_hits(text.lower(), text, lexicon(), [24, 46]) == []  # the two numbers
    assert cited(text) == []


def test_the_first_words_are_letters_and_none_is_the_start_of_another():
    from nq57parse.citations import lexicon

    words = lexicon().first_words
    assert all(w.isalpha() for w in words)
    assert not [(a, b) for a in words for b in words if a != b and b.startswith(a)]
    assert {t.split()[0] for t in lexicon().type_of} >= set(words)
