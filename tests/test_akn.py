"""Akoma Ntoso export (issue 19): schema-valid AKN 3.0 for every sample, seed and corpus document,
with unique eIds, every citation a ``<ref href>``, nothing of the text lost, and the facts of the JSON
output read back from the XML."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Set
from functools import cache
from importlib import resources
from pathlib import Path

import pytest
from conftest import NEWS, SAMPLES, examples, parsed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from nq57parse import parse_file, parse_text
from nq57parse.akn import akn_text, build_akn, schema_errors, to_akn
from nq57parse.akn.build import furniture_spans, is_furniture
from nq57parse.akn.frbr import akn_type, citation_iri, document_iri, reference_iri, tables
from nq57parse.akn.ids import clean_label
from nq57parse.cleanview import clean_view
from nq57parse.cli import app
from nq57parse.export import to_data
from nq57parse.models import DocumentNumber, Reference
from nq57parse.normalise import normalise
from nq57parse.read import read_path
from nq57parse.shapes import shape

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "docs"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
SEED_004 = SAMPLES / "quyet-dinh-2121-QD-BYT.txt"  # seed 004


def _inputs() -> list[Path]:
    found = sorted(SAMPLES.glob("*.txt")) + sorted(NEWS.glob("*.txt"))
    return found + (sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])


@cache
def _exported(path: Path):
    doc = parsed(path)
    return doc, build_akn(doc)


def _main(root: etree._Element) -> etree._Element:
    """The exported document element (``act`` or ``doc``)."""
    return root[0]


# -- every document ------------------------------------------------------------------------------

ALL = pytest.mark.parametrize("path", _inputs(), ids=lambda p: p.name)


@ALL
def test_every_document_gives_schema_valid_akn_with_unique_eids(path: Path) -> None:
    _, root = _exported(path)
    assert schema_errors(root) == []
    eids = [el.get("eId") for el in root.iter() if isinstance(el.tag, str) and el.get("eId")]
    assert len(eids) == len(set(eids))
    # every element outside <meta> that is not a structural wrapper carries an eId
    exempt = set(tables()["eid_exempt"]) | set(tables()["eid_prefixing"])
    in_meta = {el for meta in root.iterfind(".//a:meta", NS) for el in meta.iter()}
    for el in _main(root).iter():
        name = etree.QName(el).localname
        if name in exempt or el in in_meta:
            continue
        assert el.get("eId"), f"<{name}> without eId"


@ALL
def test_every_citation_of_the_text_is_a_ref_to_its_work_iri(path: Path) -> None:
    doc, root = _exported(path)
    refs = {r.id: r for r in doc.references}
    furniture = furniture_spans(doc)
    expected = Counter(citation_iri(c, refs) for c in doc.citations if not is_furniture(c, furniture))
    hrefs = Counter(el.get("href") for el in root.iterfind(".//a:ref", NS))
    # every ref is a citation of the text; a citation wrapped across two nodes of the outline may
    # go unplaced (known gap, 1 of 95 in the corpus's joint circular): at least 97 % are placed
    assert not hrefs - expected
    assert sum(hrefs.values()) >= 0.97 * sum(expected.values())
    assert all(href.startswith("/akn/vn/") for href in hrefs)


@ALL
def test_the_akn_text_is_the_documents_text_with_markup_removed(path: Path) -> None:
    doc, root = _exported(path)
    # table headers are compared apart: a PDF copy repeats them on every page (page furniture) and the
    # table stage reads them into column titles, which <th> carries once per table
    headers = {h.line for a in doc.appendices for h in a.header_lines}
    body = etree.fromstring(etree.tostring(root))
    for th in body.iterfind(".//a:th", NS):
        th.getparent().remove(th)
    assert _words(akn_text(body)) == _words(" ".join(_document_lines(path, doc, skip=headers)))


@pytest.mark.parametrize("path", [p for p in _inputs() if p.parent != CORPUS], ids=lambda p: p.name)
def test_the_akn_text_keeps_the_documents_order(path: Path) -> None:
    """Word for word in order, a footnote read at its marker (its own line left out of the input)."""
    doc, root = _exported(path)
    markers_only = etree.fromstring(etree.tostring(root))
    for note in markers_only.iterfind(".//a:authorialNote", NS):
        for child in list(note):
            note.remove(child)
    notes = {n for f in doc.footnotes for n in range(f.line, (f.end_line or f.line) + 1)}
    lines = _document_lines(path, doc, skip=notes)
    assert _ordered(akn_text(markers_only)) == _ordered(" ".join(lines))


@ALL
def test_facts_read_back_from_the_xml_equal_the_json(path: Path) -> None:
    doc, root = _exported(path)
    main = _main(root)
    work = main.find("a:meta/a:identification/a:FRBRWork", NS)
    assert etree.QName(main).localname == akn_type(doc.document_type, doc.number)
    assert main.get("name") == doc.document_type
    assert work.find("a:FRBRuri", NS).get("value") == document_iri(doc)
    assert work.find("a:FRBRcountry", NS).get("value") == "vn"
    number = work.find("a:FRBRnumber", NS)
    assert (number.get("showAs") if number is not None else None) == (
        doc.number.canonical if doc.number else None
    )
    assert (work.find("a:FRBRdate", NS).get("date"), doc.issued_on) in (
        (doc.issued_on, doc.issued_on),
        ("0001-01-01", None),
    )
    lang = main.find("a:meta/a:identification/a:FRBRExpression/a:FRBRlanguage", NS).get("language")
    assert lang == {"vi": "vie", "en": "eng", "no": "nor"}[doc.source.language]
    source = main.find("a:meta/a:identification/a:FRBRManifestation/a:preservation/*", NS)
    assert source.get("sha256") == doc.source.sha256
    own_articles = [
        a for a in main.iterfind(".//a:article", NS) if not a.xpath("ancestor::a:attachments", namespaces=NS)
    ]
    # an article's eId ends art_<number>, with _2, _3 … when a number is repeated
    assert [re.search(r"art_([^_]+)(?:_\d+)?$", a.get("eId")).group(1) for a in own_articles] == [
        clean_label(a.number) for a in sorted(doc.articles, key=lambda a: a.line)
    ]
    assert len(main.findall("a:preamble/a:citations/a:citation", NS)) == len(doc.legal_bases)
    docs = main.findall("a:attachments/a:attachment/a:doc", NS)
    assert len(docs) == len(doc.attachments) + len(doc.appendices)


def _ordered(text: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"[^\W_]+", text)]


def _words(text: str) -> Counter[str]:
    return Counter(_ordered(text))


def _document_lines(path: Path, doc, skip: Set[int] = frozenset()) -> list[str]:
    """The document's text with markup removed: the clean reading of every piece of every line (the
    clean view: emphasis, escapes, HTML remnants, table bars left out), site furniture left out
    (boilerplate, page numbers on their own line or passed over inside a wrapped sentence, markup
    standing alone), a footnote's leading ``[n]`` left out (the note's marker carries it)."""
    norm = normalise(read_path(str(path)).text)
    furniture = furniture_spans(doc)
    wrapped = [(a, b) for a, b in _spans(to_data(doc)) if b > a]
    notes = {f.line for f in doc.footnotes}
    out = []
    for piece in clean_view(norm):
        n = piece.line
        if not piece.text.strip() or n in skip or _inside(piece, furniture):
            continue
        if shape(piece.text).kind == "PAGE" and any(a < n < b for a, b in wrapped):
            continue
        out.append(re.sub(r"^\[\w+\]\s*", "", piece.text) if n in notes else piece.text)
    return out


def _inside(piece, furniture: list[tuple[int, int]]) -> bool:
    for start, end in furniture:
        if (start < 0 and -start <= piece.line <= -end) or (start >= 0 and start <= piece.start < end):
            return True
    return False


def _spans(data, out=None) -> list[tuple[int, int]]:
    """``(line, end_line)`` of every wrapped text node (table rows own their cells' lines, not a span)."""
    out = [] if out is None else out
    if isinstance(data, dict):
        if isinstance(data.get("line"), int) and data.get("end_line") and "cells" not in data:
            out.append((data["line"], data["end_line"]))
        for value in data.values():
            _spans(value, out)
    elif isinstance(data, list):
        for value in data:
            _spans(value, out)
    return out


# -- seed 004 --------------------------------------------------------------------------------------

needs_seeds = pytest.mark.skipif(not SEED_004.exists(), reason="shared seeds not present")


@needs_seeds
def test_seed_004_articles_bases_signer_and_table_rows() -> None:
    _, root = _exported(SEED_004)
    main = _main(root)
    assert main.tag.endswith("}doc") and main.get("name") == "quyet_dinh"  # 2121/QĐ-BYT: no year
    assert [a.get("eId") for a in main.iterfind("a:mainBody/a:article", NS)] == ["art_1", "art_2", "art_3"]
    bases = main.findall("a:preamble/a:citations/a:citation", NS)
    assert [b.get("class") for b in bases] == ["can_cu"] * 4 + ["theo_de_nghi"]
    assert main.find("a:preamble/a:formula[@name='enactingFormula']", NS) is not None
    person = main.find("a:conclusions//a:signature/a:person", NS)
    assert (person.text, person.get("refersTo")) == ("Đào Hồng Lan", "#signer")
    assert main.find("a:conclusions//a:signature/a:role", NS).text == "BỘ TRƯỞNG"
    rows = main.findall("a:attachments/a:attachment/a:doc/a:mainBody/a:table/a:tr[a:td]", NS)
    data_rows = [r for r in rows if r.get("class") != "group"]
    assert (len(data_rows), len(rows) - len(data_rows)) == (79, 7)
    assert main.find("a:preface//a:docNumber", NS).text == "2121/QĐ-BYT"
    assert main.find("a:preface//a:docDate", NS).get("date") == "2025-06-26"


@needs_seeds
def test_seed_004_refs_point_at_the_targets_work_iri() -> None:
    doc, root = _exported(SEED_004)
    refs = {r.id: r for r in doc.references}
    hrefs = [el.get("href") for el in root.iterfind(".//a:ref", NS)]
    assert len(hrefs) == len(doc.citations) == 58
    assert hrefs.count("/akn/vn/doc/quyet-dinh/byt/2025-03-06/787") == sum(
        c.target == "787/QĐ-BYT" for c in doc.citations
    )
    assert "/akn/vn/act/nghi-dinh/cp/2025-02-27/42" in hrefs  # Nghị định 42/2025/NĐ-CP: normative
    targets = [reference_iri(refs[c.target]) if c.target else None for c in doc.citations]
    assert Counter(t for t in targets if t) <= Counter(hrefs)
    # a law named without a number and not in the registry ("Luật KH") is named by its words
    # (a law cited by name alone has no target but its version: its ref is the version's work IRI)
    assert {c.text for c in doc.citations if c.target is None and c.version is None} == {"Luật KH"}
    assert "/akn/vn/act/luat/qh15/2023/20" in hrefs  # Luật Giao dịch điện tử in 2025: 20/2023/QH15
    assert "/akn/vn/act/luat/unknown/luat-kh" in hrefs
    # the attachment's note cites the decision itself: the ref is the document's own work IRI
    own = _main(root).find("a:meta/a:identification/a:FRBRWork/a:FRBRuri", NS).get("value")
    assert own in hrefs


# -- document types, IRIs and eIds -----------------------------------------------------------------


def _number(text: str) -> DocumentNumber:
    from nq57parse.numbers import parse_number

    number = parse_number(text)
    assert number is not None
    return number


@pytest.mark.parametrize("doc_type", tables()["act_types"])
def test_normative_types_are_acts(doc_type: str) -> None:
    assert akn_type(doc_type, None) == "act"


@pytest.mark.parametrize("doc_type", tables()["act_types_with_year"])
def test_decisions_and_resolutions_are_acts_only_with_the_year_in_their_number(doc_type: str) -> None:
    assert akn_type(doc_type, _number("15/2025/QĐ-UBND")) == "act"
    assert akn_type(doc_type, _number("2121/QĐ-BYT")) == "doc"


@pytest.mark.parametrize("doc_type", ["ke_hoach", "cong_van", "thong_bao", "chi_thi", "news", "other"])
def test_administrative_types_are_docs(doc_type: str) -> None:
    assert akn_type(doc_type, _number("12/2025/KH-UBND")) == "doc"


@pytest.mark.parametrize(("ours", "iso"), sorted(tables()["languages"].items()))
def test_languages_map_to_iso_639_2(ours: str, iso: str) -> None:
    text = SAMPLES.joinpath(
        {"vi": "quyet-dinh-so-tuq.txt", "en": "decision-en-translation.txt", "no": "nyheter-no.txt"}[ours]
    ).read_text(encoding="utf-8")
    doc = parse_text(text)
    assert doc.source.language == ours
    assert build_akn(doc).find(".//a:FRBRlanguage", NS).get("language") == iso


@pytest.mark.parametrize(("kind", "words"), sorted(tables()["marker_words"].items()))
def test_marker_words_cover_every_language(kind: str, words: dict) -> None:
    assert set(words) == set(tables()["languages"])


@pytest.mark.parametrize(("word", "number"), sorted(tables()["ordinals"].items()))
def test_ordinal_parts_get_arabic_eids(word: str, number: int) -> None:
    text = f"LUẬT\nPhần thứ {word}\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\nLuật này quy định.\n"
    root = build_akn(parse_text(text))
    assert root.find(".//a:part", NS).get("eId") == f"part_{number}"


def test_leading_zeros_do_not_make_another_document() -> None:
    assert reference_iri(Reference(id="03/NQ-CP", doc_type="nghi_quyet", date="2025-01-09")) == reference_iri(
        Reference(id="3/NQ-CP", doc_type="nghi_quyet", date="2025-01-09")
    )


def test_work_iris_follow_the_naming_convention() -> None:
    doc = parse_text("BỘ Y TẾ\nSố: 2121/QĐ-BYT\nHà Nội, ngày 26 tháng 6 năm 2025\nQUYẾT ĐỊNH\nVề việc thử\n")
    assert document_iri(doc) == "/akn/vn/doc/quyet-dinh/byt/2025-06-26/2121"
    law = parse_text(
        "QUỐC HỘI\nLuật số: 12/2026/QH16\nLUẬT\nY TẾ TỪ XA\nĐiều 1. Phạm vi\nLuật này quy định.\n"
    )
    assert document_iri(law).startswith("/akn/vn/act/luat/qh16/")


@pytest.mark.parametrize(
    ("label", "clean"),
    [("1", "1"), ("1.1.", "1-1"), ("(a)", "a"), ("đ", "đ"), ("II", "II"), ("1 a", "1a"), ("-", "")],
)
def test_eid_numbers_are_labels_without_punctuation(label: str, clean: str) -> None:
    assert clean_label(label) == clean


def test_eids_follow_the_akn_naming_convention() -> None:
    text = (
        "LUẬT\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\nLuật này quy định.\n"
        "Chương II\nQUY ĐỊNH CỤ THỂ\nĐiều 5. Nguyên tắc\n1. Bảo đảm:\na) An toàn;\nb) Bí mật.\n"
    )
    root = build_akn(parse_text(text))
    assert root.find(".//a:point", NS).get("eId") == "chp_II__art_5__para_1__point_a"
    assert schema_errors(root) == []


@pytest.mark.parametrize(("name", "alias"), sorted(tables()["eid_aliases"].items()))
def test_eid_abbreviations(name: str, alias: str) -> None:
    from nq57parse.akn.ids import LABEL, assign_eids
    from nq57parse.akn.meta import E

    root = E.akomaNtoso(E.doc(E.mainBody(E(name, {LABEL: "3"}), E(name))))
    assign_eids(root)
    assert [el.get("eId") for el in root.iter(f"{{{NS['a']}}}{name}")] == [f"{alias}_3", f"{alias}_1"]


def test_a_repeated_article_number_gets_a_unique_eid() -> None:
    text = "QUYẾT ĐỊNH:\nĐiều 1. Một\nNội dung.\nĐiều 2. Hai\nNội dung.\nĐiều 2. Hai lần\nNội dung.\n"
    root = build_akn(parse_text(text))
    assert [a.get("eId") for a in root.iterfind(".//a:article", NS)] == ["art_1", "art_2", "art_2_2"]
    assert schema_errors(root) == []


def test_a_footnote_is_an_authorial_note_where_its_marker_stands() -> None:
    _, root = _exported(SAMPLES / "ke-hoach-ubnd-huyen.txt")
    note = root.find(".//a:authorialNote", NS)
    assert note.get("marker") == "1"
    assert "".join(note.itertext()) == "Chỉ tiêu năm 2023 của huyện đạt 93,6%."
    assert note.getparent().text.endswith("95%")


def test_a_block_of_no_known_place_is_kept_where_its_line_stands() -> None:
    from nq57parse.models import Block

    doc = parse_file(str(SAMPLES / "chi-thi.txt"))
    extra = Block(kind="text", text="Dòng chen giữa", line=doc.sections[-1].line - 1)
    root = build_akn(doc.model_copy(update={"blocks": [*doc.blocks, extra]}))
    p = root.find(".//a:p[@class='text']", NS)
    assert p.text == "Dòng chen giữa"
    assert p.xpath("ancestor::a:body or ancestor::a:mainBody", namespaces=NS)
    assert schema_errors(root) == []


def test_heading_organised_bodies_are_hcontainers() -> None:
    _, root = _exported(SAMPLES / "ke-hoach-ubnd-huyen.txt")
    sections = root.findall("a:doc/a:mainBody/a:hcontainer[@name='section']", NS)
    assert sections and all(s.find("a:num", NS) is not None for s in sections)


def test_schema_violations_are_reported() -> None:
    xml = to_akn(parse_file(str(SAMPLES / "chi-thi.txt")))
    assert schema_errors(xml) == []
    broken = xml.replace("<preface>", "<preface><nonsense/>", 1)
    assert any("nonsense" in e for e in schema_errors(broken))
    dup = re.sub(r'eId="preface__p_2"', 'eId="preface__p_1"', xml)
    assert any("Duplicate" in e for e in schema_errors(dup))


def test_the_shipped_schema_is_the_one_the_notice_names() -> None:
    folder = resources.files("nq57parse.akn").joinpath("schema")
    notice = folder.joinpath("NOTICE.md").read_text(encoding="utf-8")
    assert "Creative Commons" in notice
    for name in ("akomantoso30.xsd", "xml.xsd"):
        digest = hashlib.sha256(folder.joinpath(name).read_bytes()).hexdigest()
        assert f"{name} `{digest}`" in notice
    assert "cc-by 4.0" in folder.joinpath("akomantoso30.xsd").read_text(encoding="utf-8")


# -- invariants over generated documents ------------------------------------------------------------

_LINES = [
    "BỘ Y TẾ",
    "Số: 12/2025/QĐ-BYT",
    "Hà Nội, ngày 05 tháng 01 năm 2025",
    "QUYẾT ĐỊNH",
    "Căn cứ Nghị định số 42/2025/NĐ-CP ngày 27/02/2025 của Chính phủ;",
    "QUYẾT ĐỊNH:",
    "Chương I",
    "Mục 1",
    "Điều 1. Phạm vi",
    "Điều 1.",
    "1. Khoản theo Nghị quyết số 57-NQ/TW;",
    "a) Điểm [1];",
    "- Gạch đầu dòng",
    "I. MỤC TIÊU",
    "1.1. Nhiệm vụ",
    "Nơi nhận:",
    "- Lưu: VT.",
    "BỘ TRƯỞNG",
    "Đào Hồng Lan",
    "KẾ HOẠCH",
    "PHỤ LỤC",
    "TT",
    "Tên nhiệm vụ",
    "| 1 | Việc | Sở Y tế |",
    "[1] Chú thích.",
    'văn bản & <ký tự> "đặc biệt"',
    "2",
]


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=30))
def test_any_document_gives_valid_akn_with_unique_eids_and_all_its_refs(lines: list[str]) -> None:
    doc = parse_text("\n".join(lines) + "\n")
    root = build_akn(doc)
    assert schema_errors(root) == []
    furniture = furniture_spans(doc)
    assert len(root.findall(".//a:ref", NS)) == sum(not is_furniture(c, furniture) for c in doc.citations)


# -- commands -------------------------------------------------------------------------------------


def test_extract_format_akn_prints_valid_xml() -> None:
    result = CliRunner().invoke(app, ["extract", str(SAMPLES / "luat-chuong-dieu.txt"), "--format", "akn"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<?xml")
    assert schema_errors(result.stdout) == []


@pytest.mark.parametrize("suffix", [".akn", ".xml"])
def test_extract_to_an_akn_or_xml_file_writes_akn(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    result = CliRunner().invoke(app, ["extract", str(SAMPLES / "chi-thi.txt"), "-o", str(out)])
    assert result.exit_code == 0
    assert schema_errors(out.read_bytes()) == []


def test_extract_format_akn_of_a_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "missing.txt"), "--format", "akn"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_batch_format_akn_writes_one_valid_xml_per_input(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("chi-thi.txt", "thong-tu-bo.txt"):
        (inputs / name).write_text((SAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["batch", str(inputs), "-o", str(out), "--format", "akn", "--jobs", "1", "-q"]
    )
    assert result.exit_code == 0
    written = sorted(p.name for p in out.glob("*.xml"))
    assert written == ["chi-thi.xml", "thong-tu-bo.xml"]
    for name in written:
        assert schema_errors((out / name).read_bytes()) == []


def test_two_footnotes_with_one_label_are_both_kept_with_their_refs() -> None:
    doc = parse_text("[1] Chú thích.\n1. Khoản theo Nghị quyết số 57-NQ/TW;\n[1] Chú thích khác.\n")
    root = build_akn(doc)
    notes = root.findall(".//a:authorialNote", NS)
    assert len(notes) == 2
    assert [r.text for r in root.findall(".//a:ref", NS)] == ["Nghị quyết số 57-NQ/TW"]
