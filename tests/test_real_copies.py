"""Real copies read like clean ones: properties over the samples and the corpus (issue 11).

- Joining adjacent structural lines, as crawlers do (issuer and rule, motto and number, dateline and
  type heading, title and authority, a clause and the enacting word, signature lines), gives the
  same facts.
- Wrapping words in Markdown emphasis (``**…**``, ``*…*``), as page dumps do, gives the same facts.
- Every corpus document is lossless by character spans: each non-blank character is owned by one
  node, one boilerplate block or one ``unparsed`` entry.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES, examples, parsed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nq57parse.cleanview import clean_view
from nq57parse.coverage import unowned_or_twice
from nq57parse.models import Document
from nq57parse.normalise import normalise
from nq57parse.pipeline import parse_text
from nq57parse.segment import segment
from nq57parse.shapes import cues

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "docs"
SEED = (SAMPLES / "quyet-dinh-2121-QD-BYT.txt").read_text(encoding="utf-8")
SEED_LINES = SEED.split("\n")

# Pairs of adjacent lines of seed 004 (1-based, the first of the pair) that real copies merge: issuer
# and its rule, rule and motto, motto and number, number and dateline, dateline and type heading,
# title and authority, the last basis and the enacting word, the signing title and the name.
JOINABLE = (1, 2, 5, 6, 7, 9, 15, 28)


def facts(doc: Document) -> dict:
    signature = doc.signature
    return {
        "number": doc.number.canonical if doc.number else None,
        "document_type": doc.document_type,
        "issued_on": doc.issued_on,
        "place": doc.place,
        "issuer": doc.issuer,
        "bases": len(doc.legal_bases),
        "articles": [a.number for a in doc.articles],
        "signer": signature.signer if signature else None,
        "prefixes": signature.prefixes if signature else None,
        "rows": sum(len(a.rows) for a in doc.appendices),
    }


SEED_FACTS = facts(parse_text(SEED))


def join(lines: list[str], firsts: set[int]) -> str:
    """Join line n with line n+1 (1-based) for every n in ``firsts``, with one space."""
    out: list[str] = []
    for n, line in enumerate(lines, start=1):
        if n - 1 in firsts and out:
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def test_the_seed_facts_are_the_known_ones() -> None:
    assert SEED_FACTS["number"] == "2121/QĐ-BYT" and SEED_FACTS["issued_on"] == "2025-06-26"
    assert SEED_FACTS["bases"] == 5 and SEED_FACTS["articles"] == ["1", "2", "3"]
    assert SEED_FACTS["signer"] == "Đào Hồng Lan" and SEED_FACTS["rows"] == 79


@pytest.mark.parametrize("first", JOINABLE)
def test_each_merge_alone_keeps_the_facts(first: int) -> None:
    assert facts(parse_text(join(SEED_LINES, {first}))) == SEED_FACTS


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(JOINABLE), min_size=2))
def test_merged_header_preamble_and_signature_lines_keep_the_facts(firsts: set[int]) -> None:
    # two merges in a row join three lines (rule + motto + number …): still one line per element boundary
    assert facts(parse_text(join(SEED_LINES, firsts))) == SEED_FACTS


def emphasise(lines: list[str], chosen: set[int], mark: str) -> str:
    out = []
    for n, line in enumerate(lines, start=1):
        words = line.split(" ")
        if n in chosen and line.strip() and not line.lstrip().startswith(("|", "-")):
            out.append(" ".join(f"{mark}{w}{mark}" if w else w for w in words))
        else:
            out.append(line)
    return "\n".join(out)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.integers(1, 29), min_size=1, max_size=12), st.sampled_from(["**", "*"]))
def test_emphasis_on_any_words_of_the_decision_keeps_the_facts(chosen: set[int], mark: str) -> None:
    assert facts(parse_text(emphasise(SEED_LINES, chosen, mark))) == SEED_FACTS


def test_a_one_line_signature_block_is_read_whole() -> None:
    text = SEED.replace("BỘ TRƯỞNG\nĐào Hồng Lan", "KT. BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn")
    doc = parse_text(text)
    assert doc.signature is not None
    assert (doc.signature.prefixes, doc.signature.position, doc.signature.signer) == (
        ["KT."],
        "THỨ TRƯỞNG",
        "Đỗ Hoàng Anh Tuấn",
    )


def test_site_furniture_is_kept_apart_and_cites_nothing() -> None:
    text = (
        "**Số hiệu:**\n|\n12/2025/QĐ-UBND\n**Loại văn bản:**\n|\nQuyết định\n"
        + SEED
        + "\nVăn bản liên quan\nNghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân\n"
    )
    doc = parse_text(text)
    assert facts(doc)["number"] == "2121/QĐ-BYT"
    assert "13/2023/NĐ-CP" not in {c.target for c in doc.citations}
    assert any(b.kind == "boilerplate" and "Số hiệu" in b.text for b in doc.blocks)


@pytest.mark.parametrize("bars", ["| {} | {} |", "{} | {}", "| {}: | {} |"])
def test_a_metadata_table_laid_out_as_table_rows_is_site_furniture(bars: str) -> None:
    rows = [("Số hiệu", "2121/QĐ-BYT"), ("Loại văn bản", "Quyết định"), ("Cơ quan ban hành", "Bộ Y tế")]
    rows += [("Người ký", "Đào Hồng Lan"), ("Ngày có hiệu lực", "01/01/2026")]
    table = "\n".join(bars.format(label, value) for label, value in rows)
    doc = parse_text(table + "\n" + SEED)
    assert facts(doc) == SEED_FACTS
    furniture = [b.text for b in doc.blocks if b.kind == "boilerplate"]
    assert [f.split()[0] for f in furniture[:5]] == ["Số", "Loại", "Cơ", "Người", "Ngày"]
    assert not [d for d in doc.diagnostics if d.code == "NQ110" and "number" in d.message]


def test_a_lone_table_row_with_a_label_word_is_not_taken_for_metadata() -> None:
    # one row alone is a table of the text, not the site's metadata table (which has several labels)
    doc = parse_text(SEED.replace("Điều 1.", "| Số hiệu | 15 |\nĐiều 1.", 1))
    assert not any(b.kind == "boilerplate" for b in doc.blocks)


GAZETTE_TITLES = [
    "SỐ 2121/QĐ-BYT NGÀY 26 THÁNG 6 NĂM 2025",
    "CỦA BỘ TRƯỞNG BỘ Y TẾ SỐ 2121/QĐ-BYT NGÀY 26 THÁNG 6 NĂM 2025",
    "của Bộ trưởng Bộ Y tế số 2121/QĐ-BYT ngày 26 tháng 6 năm 2025",
    "SỐ 2121/QĐ-BYT, NGÀY 26 THÁNG 6 NĂM 2025",
]


@pytest.mark.parametrize("printed", GAZETTE_TITLES)
@pytest.mark.parametrize("same_line", [False, True])
def test_a_number_and_date_printed_in_the_title_are_read_from_it(printed: str, same_line: bool) -> None:
    # the official gazette and older copies: no Số line nor dateline, the type heading then a line
    # "(CỦA …) SỐ … NGÀY … THÁNG … NĂM …", then the title
    lines = SEED_LINES[:]
    title = lines.index("QUYẾT ĐỊNH") + 1
    head = ["QUYẾT ĐỊNH"] + ([f"{printed} {lines[title]}"] if same_line else [printed, lines[title]])
    text = "\n".join(head + lines[title + 1 :])
    doc = parse_text(text)
    assert (doc.number.canonical, doc.issued_on, doc.place) == ("2121/QĐ-BYT", "2025-06-26", None)
    assert doc.title == parse_text(SEED).title
    assert not [d for d in doc.diagnostics if d.code in ("NQ003", "NQ004")]


def test_a_title_naming_another_document_s_number_and_date_keeps_it() -> None:
    # "… THỰC HIỆN NGHỊ QUYẾT SỐ 71/NQ-CP NGÀY 01 THÁNG 4 NĂM 2025 …" is the title's own words
    doc = parse_text(SEED)
    assert doc.title.startswith("BAN HÀNH KẾ HOẠCH") and "SỐ 71/NQ-CP NGÀY 01 THÁNG 4 NĂM 2025" in doc.title
    assert doc.number.canonical == "2121/QĐ-BYT"


@pytest.mark.parametrize("bullet", ["- ", "– ", "+ ", "• "])
def test_legal_bases_written_as_a_bulleted_list_read_as_the_plain_ones(bullet: str) -> None:
    # a Party document's preamble: "- Căn cứ …;" items
    text = "\n".join(bullet + line if line.startswith("Căn cứ") else line for line in SEED_LINES)
    doc, plain = parse_text(text), parse_text(SEED)
    assert [(b.kind, b.text) for b in doc.legal_bases] == [(b.kind, b.text) for b in plain.legal_bases]
    assert [(c.number, c.relation) for c in doc.citations] == [
        (c.number, c.relation) for c in plain.citations
    ]
    assert facts(doc) == SEED_FACTS
    assert doc.unparsed == []


def test_a_bulleted_item_after_the_enacting_words_stays_in_the_body() -> None:
    lines = SEED_LINES[:]
    at = lines.index("QUYẾT ĐỊNH:") + 2
    lines.insert(at, "- Căn cứ kết quả thực hiện, các đơn vị báo cáo Bộ Y tế.")
    doc = parse_text("\n".join(lines))
    assert len(doc.legal_bases) == len(parse_text(SEED).legal_bases)


def _wrap_after_first_word(line: str) -> str:
    first, rest = line.split(" ", 1)
    return f"{first}\n{rest}"


def test_legal_bases_whose_cue_a_copy_wrapped_after_its_first_word_read_as_the_plain_ones() -> None:
    # a page dump wrapped at a fixed width: "Căn" / "cứ Luật …", "Theo" / "đề nghị của …"
    cues = ("Căn cứ", "Theo đề nghị")
    text = "\n".join(_wrap_after_first_word(line) if line.startswith(cues) else line for line in SEED_LINES)
    doc, plain = parse_text(text), parse_text(SEED)
    assert [(b.kind, b.text) for b in doc.legal_bases] == [(b.kind, b.text) for b in plain.legal_bases]
    assert facts(doc) == SEED_FACTS
    assert doc.unparsed == []


@pytest.mark.parametrize("gap", ["  ", "   ", " \t "])
def test_a_slogan_whose_dashes_a_pdf_lost_is_still_the_motto(gap: str) -> None:
    # "Độc lập  Tự do  Hạnh phúc": the PDF's text kept the spaces around the dashes, not the dashes
    text = SEED.replace("Độc lập - Tự do - Hạnh phúc", f"Độc lập{gap}Tự do{gap}Hạnh phúc")
    doc = parse_text(text)
    assert facts(doc) == SEED_FACTS
    slogan = f"Độc lập{gap}Tự do{gap}Hạnh phúc".replace("\t", " ")  # normalised: a tab is a space
    assert [b.text for b in doc.blocks if b.kind == "motto"][-1] == slogan


def test_the_slogan_s_words_in_a_sentence_are_no_motto() -> None:
    from nq57parse.shapes import is_motto

    assert not is_motto("Nhân dân ta có độc lập, tự do, hạnh phúc.")
    assert not is_motto("vì độc lập tự do hạnh phúc của nhân dân")


LAW = (SAMPLES / "luat-chuong-dieu.txt").read_text(encoding="utf-8")


def _structure(doc: Document) -> tuple:
    return (
        [(a.number, a.heading, a.text, len(a.clauses)) for a in doc.articles],
        [(s.label, s.heading) for s in doc.structure],
    )


def test_structure_words_a_copy_wrapped_away_from_their_numbers_read_as_the_plain_ones() -> None:
    # a fixed-width page dump: "Điều" / "1. Phạm vi điều chỉnh", "Chương" / "I"
    wrapped = "\n".join(
        _wrap_after_first_word(line) if line.startswith(("Điều ", "Chương ")) else line
        for line in LAW.split("\n")
    )
    doc, plain = parse_text(wrapped), parse_text(LAW)
    assert _structure(doc) == _structure(plain)
    assert doc.diagnostics == plain.diagnostics and doc.unparsed == []
    assert doc.articles[0].line == wrapped.split("\n").index("Điều") + 1  # the first line of the two


@pytest.mark.parametrize(
    "sample", ["nghi-dinh-chuong-muc-dieu.txt", "thong-tu-bo.txt", "quyet-dinh-2121-QD-BYT.txt"]
)
def test_a_type_heading_wrapped_after_its_first_word_reads_as_the_plain_one(sample: str) -> None:
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    plain = parse_text(text)
    heading = next(b.text for b in plain.blocks if b.kind == "doc_type")
    first, rest = heading.split(" ", 1)
    doc = parse_text(text.replace(f"\n{heading}\n", f"\n{first}\n{rest}\n", 1))
    assert (doc.document_type, doc.title, doc.number) == (plain.document_type, plain.title, plain.number)
    assert facts(doc) == facts(plain)


def test_a_chapter_heading_in_capitals_wrapped_over_two_lines_is_one_heading() -> None:
    lines = LAW.split("\n")
    at = lines.index("PHẠM VI ĐIỀU CHỈNH VÀ NGUYÊN TẮC")
    lines[at : at + 1] = ["PHẠM VI ĐIỀU CHỈNH", "VÀ NGUYÊN TẮC"]
    doc, plain = parse_text("\n".join(lines)), parse_text(LAW)
    assert _structure(doc) == _structure(plain)
    assert not [d for d in doc.diagnostics if d.code == "NQ001"]


@pytest.mark.parametrize("word", cues()["wrapped_label_words"])
def test_each_wrapped_label_word_is_joined_with_the_number_on_the_next_line(word: str) -> None:
    from nq57parse.cleanview import clean_view

    pieces = clean_view(normalise(f"{word}\n2. Nội dung\n"))
    assert [(p.line, p.text, p.start, p.end) for p in pieces] == [
        (1, f"{word} 2. Nội dung", 0, len(word) + 12)
    ]
    assert pieces[0].offset(len(word) + 1) == len(word) + 1  # the number: first character of line 2


@pytest.mark.parametrize("text", ["Điều 5 quy định như sau", "Điều khoản thi hành", "Chương trình hành động"])
def test_a_line_that_only_opens_with_a_structure_word_is_not_joined(text: str) -> None:
    from nq57parse.cleanview import Piece as P
    from nq57parse.cleanview import join_wrapped_labels

    pieces = [
        P(1, 0, len(text), text, ((0, 0),)),
        P(2, len(text) + 1, len(text) + 3, "1.", ((0, len(text) + 1),)),
    ]
    assert join_wrapped_labels(pieces) == pieces


def test_a_pdf_copy_without_hyphens_in_its_codes_gives_the_same_numbers() -> None:
    # "Số: 2121/QĐBYT", "Nghị định số 42/2025/NĐCP": the font lost its hyphens, not the letters
    import re as _re

    text = _re.sub(r"(?<=/)(QĐ|NĐ|NQ)-(?=[A-ZĐ])", r"\1", SEED)
    assert "2121/QĐBYT" in text and "42/2025/NĐCP" in text
    doc, plain = parse_text(text), parse_text(SEED)
    assert doc.number is not None and doc.number.canonical == "2121/QĐ-BYT"
    assert {c.target for c in doc.citations} == {c.target for c in plain.citations}


CIRCULAR = (SAMPLES / "thong-tu-bo.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("cut", [3, 6, 9])  # "Bộ trưởng Bộ Y tế" / "ban hành Thông tư …", or later
def test_an_enacting_sentence_wrapped_after_a_closed_basis_is_the_enacting_clause(cut: int) -> None:
    sentence = "Bộ trưởng Bộ Y tế ban hành Thông tư quy định về kết nối, chia sẻ dữ liệu đơn thuốc điện tử."
    words = sentence.split(" ")
    wrapped = CIRCULAR.replace(sentence, " ".join(words[:cut]) + "\n" + " ".join(words[cut:]))
    doc, plain = parse_text(wrapped), parse_text(CIRCULAR)
    assert [b.text for b in doc.blocks if b.kind == "enacting"] == [sentence]
    assert doc.unparsed == plain.unparsed == []
    assert facts(doc) == facts(plain)


def test_a_sentence_after_the_bases_that_enacts_nothing_is_not_the_enacting_clause() -> None:
    lines = CIRCULAR.split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith("Bộ trưởng Bộ Y tế ban hành"))
    lines[at:at] = ["Các cơ quan liên quan", "phối hợp thực hiện."]
    doc = parse_text("\n".join(lines))
    assert "Các cơ quan liên quan phối hợp thực hiện." not in [
        b.text for b in doc.blocks if b.kind == "enacting"
    ]


@pytest.mark.parametrize(
    ("head", "rest"), [("BỘ", "KẾ HOẠCH VÀ ĐẦU TƯ"), ("BỘ", "Y TẾ"), ("ỦY", "BAN NHÂN DÂN TỈNH QUẢNG NAM")]
)
def test_an_issuer_wrapped_after_its_head_word_is_one_issuer_even_before_a_type_word(
    head: str, rest: str
) -> None:
    # "BỘ" / "KẾ HOẠCH VÀ ĐẦU TƯ": the second line opens with a type word (KẾ HOẠCH) yet names the ministry
    text = f"{head}\n{rest}\n" + CIRCULAR.split("\n", 1)[1]
    doc, plain = parse_text(text), parse_text(CIRCULAR)
    assert doc.issuer == f"{head} {rest}"
    assert (doc.document_type, doc.title, doc.number) == (plain.document_type, plain.title, plain.number)


PLAN = (SAMPLES / "ke-hoach-ubnd-huyen.txt").read_text(encoding="utf-8")


def _sections(doc: Document) -> list:
    return [(s.label, s.heading, s.text, len(s.children)) for s in doc.sections]


@pytest.mark.parametrize("cut", ["I. MỤC ĐÍCH,\nYÊU CẦU", "I. MỤC\nĐÍCH, YÊU CẦU"])
def test_a_section_heading_in_capitals_wrapped_over_two_lines_is_one_heading(cut: str) -> None:
    doc, plain = parse_text(PLAN.replace("I. MỤC ĐÍCH, YÊU CẦU", cut, 1)), parse_text(PLAN)
    assert _sections(doc) == _sections(plain)
    assert doc.unparsed == plain.unparsed


@pytest.mark.parametrize(
    "sentence",
    [
        "The People's Committee promulgates the Decision on the Steering Committee.",
        "The Chairman promulgates a Decision on the Steering Committee.",
        "The Chairman hereby issues this Decision on the Steering Committee.",
    ],
)
def test_a_translation_s_enacting_sentence_after_a_closed_basis_is_the_enacting_clause(sentence: str) -> None:
    # "The Government promulgates (the|a|this) Decree …" where the last basis ends with ";" or "."
    text = EN.replace("\nDECIDES:\n", f"\n{sentence}\n", 1)
    doc = parse_text(text)
    assert [b.text for b in doc.blocks if b.kind == "enacting"] == [sentence]
    assert not [u for u in doc.unparsed if u.reason == "not_recognised"]


@pytest.mark.parametrize(
    "motto", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
)
@pytest.mark.parametrize("rule", ["---------------", "-" * 40])
def test_a_header_laid_out_as_one_table_row_of_two_long_cells_is_the_header(motto: str, rule: str) -> None:
    # a page dump's header: issuer, rule and number in one cell, the motto, slogan, rule and dateline in
    # the other, however long that cell is
    row = (
        f"BỘ Y TẾ ------- Số: 2121/QĐ-BYT | {motto} Độc lập - Tự do - Hạnh phúc {rule} "
        "Hà Nội, ngày 26 tháng 6 năm 2025 |"
    )
    lines = SEED_LINES[:]
    first = lines.index("QUYẾT ĐỊNH")
    got = facts(parse_text("\n".join([row, *lines[first:]])))
    assert {k: got[k] for k in ("number", "issued_on", "place", "issuer", "bases", "articles")} == {
        k: SEED_FACTS[k] for k in ("number", "issued_on", "place", "issuer", "bases", "articles")
    }


def test_a_data_row_whose_cell_names_the_state_in_a_sentence_stays_a_data_row() -> None:
    from nq57parse.cleanview import clean_view

    row = "| 1 | Tuyên truyền về Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam | Sở Tư pháp |"
    pieces = clean_view(normalise(row + "\n"))
    assert len(pieces) == 1 and pieces[0].cells[1].startswith("Tuyên truyền")


CORPUS_DOCS = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS_DOCS, reason="../shared/corpus is not beside this checkout")
@pytest.mark.parametrize("path", CORPUS_DOCS, ids=lambda p: p.name)
def test_every_corpus_document_is_lossless_by_spans(path: Path) -> None:
    doc = parsed(path)
    unowned, twice = unowned_or_twice(doc, normalise(path.read_text(encoding="utf-8")))
    assert unowned == [] and twice == []
    assert not [d for d in doc.diagnostics if d.code == "NQ000"]


# -- markdown page dumps: header and closing laid out as pipe tables ---------------------------------

EN = (SAMPLES / "decision-en-translation.txt").read_text(encoding="utf-8")


def page_dump(text: str, header: tuple[str, ...], closing: tuple[str, tuple[str, ...], str]) -> str:
    """``text`` with its header lines and its closing (recipients, then the signature) replaced by the
    tables a markdown page dump prints: rows without edge bars and a ``:--- | :---`` delimiter for
    the header, edged rows joined with ``<br>`` for the closing."""
    issuer, motto, slogan, number, dateline = header
    top = f"**{issuer}** | **{motto}**\n:--- | :---\n| **{slogan}**\n{number} | *{dateline}*\n"
    recipients, signature, signer = closing
    end = (
        "| | " + " <br> ".join(f"**{t}**" for t in signature) + " |\n| :--- | :--- |\n"
        f"| {recipients} | *(Signed)* <br><br> **{signer}** |\n"
    )
    return top + text + "\n" + end


def test_an_english_page_dump_header_and_closing_read_like_the_plain_copy() -> None:
    lines = EN.split("\n")
    body = "\n".join(lines[8 : lines.index("Recipients:")])
    dump = page_dump(
        body,
        (
            "PEOPLE'S COMMITTEE OF DA NANG CITY",
            "SOCIALIST REPUBLIC OF VIETNAM",
            "Independence - Freedom - Happiness",
            "No. 815/QD-UBND",
            "Da Nang, March 14, 2025",
        ),
        (
            "**Recipients:** <br> - As Article 3; <br> - Archived: VT, KGVX.",
            ("ON BEHALF OF THE PEOPLE'S COMMITTEE", "FOR THE CHAIRMAN", "VICE CHAIRMAN"),
            "Tran Chi Cuong",
        ),
    )
    plain, dumped = facts(parse_text(EN)), facts(parse_text(dump))
    assert dumped == plain
    assert dumped["signer"] == "Tran Chi Cuong" and dumped["prefixes"] == ["TM.", "KT."]
    assert parse_text(dump).recipients == ["As Article 3;", "Archived: VT, KGVX."]


@pytest.mark.parametrize("motto", ["SOCIALIST REPUBLIC OF VIETNAM", "THE SOCIALIST REPUBLIC OF VIETNAM"])
@pytest.mark.parametrize("row", ["{issuer} | {motto} |", "| {issuer} | {motto} |", "{issuer} | {motto}"])
def test_an_english_header_row_of_issuer_and_motto_gives_the_issuer_alone(row: str, motto: str) -> None:
    # a translation's header printed as one table row, its motto with or without "THE", its bars
    # at both edges, at the end only or at neither
    lines = EN.split("\n")
    top = row.format(issuer="PEOPLE'S COMMITTEE OF DA NANG CITY", motto=motto)
    text = "\n".join([top, "Independence - Freedom - Happiness", *lines[6:]])
    got = facts(parse_text(text))
    assert got == facts(parse_text(EN))
    assert got["issuer"] == "PEOPLE'S COMMITTEE OF DA NANG CITY"


@pytest.mark.parametrize("label", ["No:", "No.", "Number:"])
def test_an_english_header_wrapped_cell_by_cell_reads_like_the_plain_copy(label: str) -> None:
    # a translation's page dump: each header cell wrapped after its label or comma, "|" between cells
    lines = EN.split("\n")
    assert lines[6:8] == ["No. 815/QD-UBND", "Da Nang, March 14, 2025"]
    wrapped = ["|", label, "815/QD-UBND", "|", "Da Nang,", "March 14, 2025", "|"]
    got = facts(parse_text("\n".join(lines[:6] + wrapped + lines[8:])))
    assert got == facts(parse_text(EN))


def test_a_vietnamese_page_dump_header_reads_like_the_plain_copy() -> None:
    body = "\n".join(SEED_LINES[7:])
    dump = page_dump(
        body,
        (
            "BỘ Y TẾ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 2121/QĐ-BYT",
            "Hà Nội, ngày 26 tháng 6 năm 2025",
        ),
        ("**Nơi nhận:** <br> - Lưu: VT.", ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"), "Đỗ Hoàng Anh Tuấn"),
    )
    got = facts(parse_text(dump))
    assert {k: got[k] for k in ("number", "issued_on", "place", "issuer", "bases")} == {
        k: SEED_FACTS[k] for k in ("number", "issued_on", "place", "issuer", "bases")
    }


def test_a_translated_basis_naming_two_laws_gives_one_basis_per_law() -> None:
    text = EN.replace(
        "Pursuant to the Law on Organization of Local Government dated June 19, 2015;",
        "Pursuant to the Law on Organization of Local Government dated June 19, 2015; the Law on"
        " Public Investment dated June 13, 2019;",
    )
    bases = parse_text(text).legal_bases
    assert [b.text[:30] for b in bases[:2]] == [
        "Pursuant to the Law on Organiz",
        "the Law on Public Investment d",
    ]


# -- OCR copies: lost diacritics and garbled digits in a merged two-column header ---------------------

LETTER = (SAMPLES / "cong-van-vv.txt").read_text(encoding="utf-8")
LETTER_BODY = LETTER.split("\n", 6)[6]  # from the number line on


def ocr_letter(issuer: tuple[str, str], number_line: str) -> str:
    """The letter's header as an OCR pass of a two-column PDF gives it: each row of the two columns on
    one line, the motto's name without some marks, then ``number_line``."""
    top, low = issuer
    rest = LETTER_BODY.split("\n", 2)[2]  # after the number and dateline lines
    return f"{top} _ CONG HOA XÃ HỘI CHỦ NGHĨA VIET NAM\n{low} Độc lập - Tự do - Hạnh phúc\n{number_line}\n{rest}"


@pytest.mark.parametrize(
    ("number_line", "number", "issued_on"),
    [
        ("Số: 1234/UBND-VX Khánh Hòa, ngày 03 tháng 02 năm 2026", "1234/UBND-VX", "2026-02-03"),
        ("Số:12Z4/UBND-VX Khánh Hòa, ngày 0Â tháng O2 năm 2026", "12Z4/UBND-VX", None),
        (": 1234 /UBND-VX Khánh Hòa, ngày44 tháng 2 năm 2026", "1234/UBND-VX", None),
    ],
    ids=["clean digits", "garbled serial and date", "Số lost, day out of range"],
)
def test_an_ocr_header_gives_issuer_number_and_place(
    number_line: str, number: str, issued_on: str | None
) -> None:
    doc = parse_text(ocr_letter(("ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA"), number_line))
    got = facts(doc)
    assert (got["issuer"], got["number"], got["place"], got["issued_on"]) == (
        "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
        number,
        "Khánh Hòa",
        issued_on,
    )
    assert got["signer"] == "Nguyễn Thanh Bình"


def test_an_issuer_level_that_lost_its_marks_is_still_a_level() -> None:
    doc = parse_text(
        ocr_letter(("BỘ TÀI CHÍNH", "TONG CỤC THUÊ"), "Số: 1234/TCT-CS Hà Nội, ngày 03 tháng 02 năm 2026")
    )
    assert (doc.issuer, doc.parent_issuer) == ("TONG CỤC THUÊ", "BỘ TÀI CHÍNH")


def test_a_basis_word_in_a_letter_after_kinh_gui_is_body_text() -> None:
    text = LETTER.replace("Thực hiện Công văn", "Căn cứ Công văn")
    doc = parse_text(text)
    assert doc.legal_bases == [] and doc.addressees
    assert any(s.text.startswith("Căn cứ Công văn") for s in doc.sections)


def test_a_page_dump_issuer_and_motto_wrapped_over_cell_lines_are_read_whole() -> None:
    """A page dump prints each header cell over several lines, with bars between the cells: the
    issuer's name and the motto's name each wrapped, so six lines of names stand above the slogan."""
    head = (
        "|\n|\n**ỦY BAN NHÂN\nDÂN**\nTỈNH KHÁNH HÒA\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n|\n"
    )
    doc = parse_text("**Tình trạng:**\n|\nĐã biết\n|\n" + head + LETTER_BODY)
    assert (doc.issuer, doc.parent_issuer) == ("ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", None)
    assert facts(doc)["number"] == "1234/UBND-VX"


@pytest.mark.parametrize(
    ("closing", "prefixes", "position"),
    [
        (["For the Chairman", "Vice Chairman", "[Signed and sealed]"], ["KT."], "Vice Chairman"),
        (["FOR THE CHAIRMAN", "VICE CHAIRMAN", "(signed)"], ["KT."], "VICE CHAIRMAN"),
        (["On behalf of the People's Committee", "Chairman", "(Signed)"], ["TM."], "Chairman"),
    ],
    ids=["title case, square-bracket note", "capitals", "title case, on behalf of a body"],
)
def test_a_translated_signature_in_any_case_gives_prefix_title_and_name(
    closing: list[str], prefixes: list[str], position: str
) -> None:
    lines = EN.split("\n")
    end = lines.index("ON BEHALF OF THE PEOPLE'S COMMITTEE")
    doc = parse_text("\n".join([*lines[:end], *closing, "Tran Chi Cuong"]))
    assert doc.signature is not None
    assert (doc.signature.prefixes, doc.signature.position, doc.signature.signer) == (
        prefixes,
        position,
        "Tran Chi Cuong",
    )


# -- a cross reference wrapped to a line start is not an article ---------------------------------------

DECREE = (SAMPLES / "nghi-dinh-chuong-muc-dieu.txt").read_text(encoding="utf-8")
CLAUSE = "2. Cơ quan quản lý nhà nước về y tế ở trung ương và địa phương."


@pytest.mark.parametrize(
    "wrapped",
    [
        "2. Cơ quan quy định tại khoản 6\nĐiều 9 Nghị định này:",
        "2. Cơ quan nêu tại điểm b khoản 1\nĐiều 3 Nghị định này.",
        "2. Hàng hóa thực hiện theo quy định tại khoản 3, khoản 4\nĐiều 58 Luật Hải quan năm 2014.",
    ],
    ids=["after khoản N", "after điểm x khoản N", "a law named after the article"],
)
def test_a_wrapped_cross_reference_stays_in_its_clause(wrapped: str) -> None:
    doc = parse_text(DECREE.replace(CLAUSE, wrapped))
    assert [a.number for a in doc.articles] == [a.number for a in parse_text(DECREE).articles]
    clause = doc.articles[1].clauses[1]
    assert clause.text == wrapped.split(" ", 1)[1].replace("\n", " ")


def test_an_article_heading_after_a_finished_sentence_is_still_an_article() -> None:
    text = DECREE.replace("Điều 3. Giải thích từ ngữ", "Điều 3 Giải thích từ ngữ")
    assert [a.number for a in parse_text(text).articles] == [a.number for a in parse_text(DECREE).articles]


def test_a_wrapped_cross_reference_in_a_letter_keeps_it_a_letter() -> None:
    text = LETTER.replace(
        "1. Giao Sở Y tế chủ trì,",
        "1. Thực hiện theo quy định tại khoản 3\nĐiều 58 Luật Hải quan năm 2014. Giao Sở Y tế chủ trì,",
    )
    doc = parse_text(text)
    assert doc.articles == [] and "Điều 58 Luật Hải quan" in doc.sections[1].text


# -- OCR closings: lost marks, a colon for the stop, two columns read across ---------------------------

SEED_CLOSING = "\n".join(SEED_LINES[21:29])


@pytest.mark.parametrize(
    ("closing", "recipients", "prefixes", "signer"),
    [
        (SEED_CLOSING.replace("Nơi nhận:", "Noi nhận:"), 5, [], "Đào Hồng Lan"),
        (SEED_CLOSING.replace("BỘ TRƯỞNG\n", "KT: BỘ TRƯỞNG\nTHỨ TRƯỞNG\n"), 5, ["KT."], "Đào Hồng Lan"),
        (
            "Nơi nhận: TM. BỘ Y TẾ\n- Như Điều 3;\n~ Văn phòng Chính phủ; KT: BỘ TRƯỞNG\n- Lưu: VT, K2ĐT.\n"
            "THỨ TRƯỞNG\nĐỗ Hoàng Anh Tuấn",
            3,
            ["TM.", "KT."],
            "Đỗ Hoàng Anh Tuấn",
        ),
    ],
    ids=["Noi nhận", "KT: with a colon", "two columns read across"],
)
def test_an_ocr_closing_gives_recipients_prefixes_and_signer(
    closing: str, recipients: int, prefixes: list[str], signer: str
) -> None:
    doc = parse_text(SEED.replace(SEED_CLOSING, closing))
    assert doc.signature is not None
    assert (len(doc.recipients), doc.signature.prefixes, doc.signature.signer) == (
        recipients,
        prefixes,
        signer,
    )


@pytest.mark.parametrize(
    ("heading", "enacting"),
    [("NGHỊ QUYET", "QUYET DINH:"), ("NGHỊ QUYET", "QUYẾT ĐỊNH:")],
    ids=["enacting word without marks", "enacting word marked"],
)
def test_a_type_heading_and_enacting_word_that_lost_their_marks_still_open_and_close_the_header(
    heading: str, enacting: str
) -> None:
    text = SEED.replace("\nQUYẾT ĐỊNH\n", "\nNGHỊ QUYET\n", 1).replace("QUYẾT ĐỊNH:", enacting, 1)
    units = [(u.kind, u.text) for u in segment(clean_view(normalise(text)))]
    assert ("H_DOC_TYPE", "NGHỊ QUYET") in units and ("ENACT", enacting) in units
    assert parse_text(text).document_type == "nghi_quyet"


@pytest.mark.parametrize("word", ["thuộc", "trong", "từ", "đến", "bởi", "hoặc", "là", "đối", "trực"])
def test_a_pdf_line_cut_after_a_word_no_sentence_ends_on_goes_on_even_before_a_capital(word: str) -> None:
    wrapped = f"2. Cơ quan quản lý nhà nước {word}\nBộ Y tế ở trung ương và địa phương."
    doc = parse_text(DECREE.replace(CLAUSE, wrapped))
    assert doc.articles[1].clauses[1].text == wrapped.split(" ", 1)[1].replace("\n", " ")


def test_a_type_heading_and_title_in_capitals_run_on_into_the_first_basis() -> None:
    lines = [line for line in SEED_LINES if line != "BỘ TRƯỞNG BỘ Y TẾ"]
    merged = join(lines, {7, 8, 9})  # dateline, type heading, title and the first Căn cứ on one line
    doc, plain = parse_text(merged), parse_text("\n".join(lines))
    assert (doc.title, len(doc.legal_bases), doc.document_type) == (
        plain.title,
        len(plain.legal_bases),
        "quyet_dinh",
    )


def test_a_heading_that_holds_its_title_takes_no_sentence_after_it() -> None:
    text = "\n".join(SEED_LINES[:7]) + (
        "\nCHỈ THỊ VỀ CÔNG TÁC Y TẾ CƠ SỞ Ngày 24 tháng 6 năm 2025 Bộ Y tế đã ban hành Kế hoạch số 12/KH-BYT.\n"
        "1. Các đơn vị triển khai kế hoạch.\n"
    )
    doc = parse_text(text)
    assert (doc.document_type, doc.title) == ("chi_thi", "VỀ CÔNG TÁC Y TẾ CƠ SỞ")


def test_a_translated_letter_gives_subject_addressees_place_and_date() -> None:
    text = (
        "MINISTRY OF HEALTH\nDEPARTMENT OF SCIENCE\nNo.: 12/K2ĐT-CNTT\nRe: Reporting on digital transformation\n"
        "Official Letter No. 2085/BYT-K2ĐT\n\nSOCIALIST REPUBLIC OF VIET NAM\nIndependence - Freedom - Happiness\n"
        "Hà Nội, 10 June 2025\n\nTo:\n- Hospitals under the Ministry;\n- Provincial Departments of Health.\n\n"
        "The Department asks the units to report before 30 June 2025.\n\nRecipients:\n- As above;\n- Archived: VT.\n"
        "For the Director General\nDeputy Director General\n[Signed and sealed]\nTran Van An\n"
    )
    doc = parse_text(text)
    assert (doc.place, doc.issued_on, doc.issuer, doc.parent_issuer) == (
        "Hà Nội",
        "2025-06-10",
        "DEPARTMENT OF SCIENCE",
        "MINISTRY OF HEALTH",
    )
    assert doc.addressees == ["Hospitals under the Ministry;", "Provincial Departments of Health."]
    assert doc.title == "Reporting on digital transformation Official Letter No. 2085/BYT-K2ĐT"
    assert doc.signature is not None and doc.signature.signer == "Tran Van An"


# -- the clean view's quick filter never hides a line a rule needs -------------------------------------

_FRAGMENTS = [
    "Số: 12/QĐ-UBND",
    "Số 12-NQ/TW",
    "No.: 3/QD",
    "Điều 5.",
    "Article 2",
    "Nơi nhận:",
    "NOI NHAN:",
    "Noi nhận",
    "KT. BỘ TRƯỞNG",
    "TM: UBND",
    "Q. GIÁM ĐỐC",
    "(Đã ký)",
    "(signed)",
    "Kèm theo",
    "Chương II",
    "PHẦN thứ",
    "CỘNG HÒA",
    "C0NG HOA",
    "ĐẢNG CỘNG SẢN",
    "Độc lập - Tự do",
    "Independence -",
    "-----",
    "____",
    "====",
    "Hà Nội,",
    "các nội dung",
    "và",
    " ",
    "\t",
    "1.",
    "a)",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=8))
def test_the_hint_words_hold_every_line_the_hint_finds(parts: list[str]) -> None:
    from nq57parse.cleanview import _HINT, _HINT_WORDS

    text = " ".join(parts)
    assert _HINT.search(text) is None or _HINT_WORDS.search(text) is not None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_FRAGMENTS, "TUQ.", "TUQ ", "-=-=", "–—–—", "x"]), min_size=1, max_size=8))
def test_the_anchored_hint_finds_what_the_hint_finds(parts: list[str]) -> None:
    """``_holds_hint`` tries ``_HINT`` only where a hint word starts (and a run of dashes apart): the
    same answer as a hint word anywhere and ``_HINT`` anywhere."""
    from nq57parse.cleanview import _HINT, _HINT_WORDS, _holds_hint

    for text in (" ".join(parts), "".join(parts)):
        assert _holds_hint(text) == (_HINT_WORDS.search(text) is not None and _HINT.search(text) is not None)


def test_a_crawler_title_run_on_into_the_issuer_is_site_text() -> None:
    doc = parse_text("Quyết định 2121/QĐ-BYT năm 2025. " + SEED.lstrip())
    assert facts(doc) == SEED_FACTS
    assert any(b.kind == "boilerplate" and b.text == "Quyết định 2121/QĐ-BYT năm 2025." for b in doc.blocks)


def test_every_type_word_ends_in_two_capitals_the_title_gate_knows() -> None:
    """``_title_end`` looks for a type heading only on a line where two words in capitals meet."""
    from nq57parse.cleanview import _CAPITAL_WORDS
    from nq57parse.shapes import cues

    for word in cues()["document_types"]:
        assert _CAPITAL_WORDS.search(f"{word} VỀ VIỆC"), word


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_FRAGMENTS, "Độc lập -", "KT. BỘ TRƯỞNG", "xKT. AB CD", "Số:1", "aSố: 2"]),
        max_size=8,
    )
)
def test_matches_after_a_space_are_those_a_look_behind_finds(parts: list[str]) -> None:
    """``_after_space`` finds what the same pattern behind ``(?<=\\s)`` finds (and with ``at_start``,
    behind ``(?:^|(?<=\\s))``), in the same order."""
    import re

    from nq57parse import cleanview

    text = " ".join(parts)
    for pattern in (
        cleanview._NUMBER_START,
        cleanview._SIGN_START,
        cleanview._SIGN_MID,
        cleanview._SLOGAN_START,
    ):
        behind = re.compile(rf"(?<=\s)(?:{pattern.pattern})")
        assert [m.span() for m in cleanview._after_space(pattern, text)] == [
            m.span() for m in behind.finditer(text)
        ]
    heading = cleanview._type_heading_start()
    behind = re.compile(rf"(?:^|(?<=\s))(?:{heading.pattern})")
    assert [m.span() for m in cleanview._after_space(heading, text, at_start=True)] == [
        m.span() for m in behind.finditer(text)
    ]
