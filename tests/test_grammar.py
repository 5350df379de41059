"""The structure grammar: conflict-free LALR, and what it accepts and refuses."""

from __future__ import annotations

from nq57parse.cleanview import clean_view
from nq57parse.normalise import normalise
from nq57parse.parse import parse_units, parser
from nq57parse.pipeline import parse_text
from nq57parse.segment import segment


def test_builds_without_shift_reduce_conflicts_in_strict_mode() -> None:
    assert parser(strict=True).options.parser == "lalr"


def test_nests_articles_in_chapters_and_sections() -> None:
    text = "\n".join(
        [
            "Chương I",
            "NHỮNG QUY ĐỊNH CHUNG",
            "Điều 1. Phạm vi điều chỉnh",
            "Nghị định này quy định về dữ liệu y tế.",
            "Điều 2. Đối tượng áp dụng",
            "Chương II",
            "QUY ĐỊNH CỤ THỂ",
            "Mục 1. THU THẬP DỮ LIỆU",
            "Điều 3. Nguyên tắc",
            "1. Dữ liệu phải chính xác.",
            "a) Đầy đủ;",
            "b) Kịp thời.",
            "2. Bảo mật.",
        ]
    )
    doc = parse_text(text)
    assert [(c.kind, c.label, c.heading, c.articles) for c in doc.structure] == [
        ("chuong", "I", "NHỮNG QUY ĐỊNH CHUNG", ["1", "2"]),
        ("chuong", "II", "QUY ĐỊNH CỤ THỂ", []),
    ]
    muc = doc.structure[1].children[0]
    assert (muc.kind, muc.label, muc.heading, muc.articles) == ("muc", "1", "THU THẬP DỮ LIỆU", ["3"])
    assert [a.number for a in doc.articles] == ["1", "2", "3"]
    dieu3 = doc.articles[2]
    assert [(c.label, [p.label for p in c.points]) for c in dieu3.clauses] == [("1", ["a", "b"]), ("2", [])]
    assert doc.articles[0].text == "Nghị định này quy định về dữ liệu y tế."
    assert doc.unparsed == []


def test_records_an_orphan_clause_as_unparsed_with_a_diagnostic_instead_of_failing() -> None:
    units = segment(clean_view(normalise("QUYẾT ĐỊNH:\n1. Khoản mồ côi.\nĐiều 1. Ban hành.\n")))
    # the segmenter reads the orphan as a clause; the grammar, not the segmenter, refuses it
    assert [(u.kind, u.line) for u in units] == [("ENACT", 1), ("CLAUSE", 2), ("ARTICLE", 3)]
    doc = parse_text(
        "Căn cứ Luật A;\nQUYẾT ĐỊNH:\nĐiều 1. Một.\nChương I\nĐiều 2. Hai.\n1. Khoản.\nChương I\n"
    )
    assert [a.number for a in doc.articles] == ["1", "2"]
    assert all(u.reason for u in doc.unparsed)


def test_parses_every_unit_sequence_it_is_given() -> None:
    units = segment(clean_view(normalise("Nơi nhận:\n- A;\nĐiều 1. Sau chữ ký.\nPHỤ LỤC\n1.\nViệc\n")))
    result = parse_units(units)
    assert result.tree is not None
