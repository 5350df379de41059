"""The two official seed documents parse to exactly the facts issue 2 lists."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import FAST_YAML, SAMPLES, parsed

from nq57parse.export import to_json, to_yaml
from nq57parse.models import Document
from nq57parse.pipeline import parse_file, parse_text

DECISION = SAMPLES / "quyet-dinh-2121-QD-BYT.txt"
PLAN = SAMPLES / "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt"


@pytest.fixture(scope="module")
def decision() -> Document:
    return parsed(DECISION)


@pytest.fixture(scope="module")
def plan() -> Document:
    return parsed(PLAN)


def test_reads_the_decision_header(decision: Document) -> None:
    assert decision.document_type == "quyet_dinh"
    assert decision.issuer == "BỘ Y TẾ"
    assert decision.number is not None
    assert decision.number.canonical == "2121/QĐ-BYT"
    assert decision.place == "Hà Nội"
    assert decision.issued_on == "2025-06-26"
    assert decision.authority == "BỘ TRƯỞNG BỘ Y TẾ"
    assert decision.title is not None
    assert decision.title.startswith(
        "BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG CỦA BỘ Y TẾ THỰC HIỆN NGHỊ QUYẾT SỐ 71/NQ-CP"
    )
    assert decision.work_id == "/akn/vn/quyet-dinh/byt/2025-06-26/2121"


def test_splits_the_decision_preamble_into_four_can_cu_and_one_proposal(decision: Document) -> None:
    assert [(b.kind, b.line) for b in decision.legal_bases] == [
        ("can_cu", 11),
        ("can_cu", 12),
        ("can_cu", 13),
        ("can_cu", 14),
        ("theo_de_nghi", 15),
    ]
    assert decision.legal_bases[4].text == "Theo đề nghị của Cục trưởng Cục khoa học công nghệ và Đào tạo."


def test_reads_three_articles_with_the_heading_and_items_of_dieu_2(decision: Document) -> None:
    assert [(a.number, a.line) for a in decision.articles] == [("1", 17), ("2", 18), ("3", 21)]
    dieu2 = decision.articles[1]
    assert dieu2.heading == "Hiệu lực thi hành"
    assert [i.line for i in dieu2.items] == [19, 20]
    assert dieu2.items[0].text.startswith("Quyết định này có hiệu lực thi hành kể từ ngày ký")
    assert decision.articles[0].heading is None
    assert decision.articles[0].text.startswith("Ban hành kèm theo Quyết định này Kế hoạch hành động")
    assert decision.structure == []


def test_keeps_the_signature_block_out_of_the_last_article(decision: Document) -> None:
    assert decision.articles[2].text.endswith("chịu trách nhiệm thi hành Quyết định này./.")
    assert decision.signature is not None
    assert decision.signature.position == "BỘ TRƯỞNG"
    assert decision.signature.signer == "Đào Hồng Lan"
    assert decision.signature.prefixes == []
    assert (decision.signature.line, decision.signature.end_line) == (28, 29)
    assert decision.recipients == [
        "Như Điều 3;",
        "Văn phòng Chính phủ;",
        "Các đồng chí Thứ trưởng;",
        "Bộ Khoa học và Công nghệ (để phối hợp);",
        "Lưu: VT, K2ĐT.",
    ]


def test_reads_the_attached_action_plan_and_its_outline(decision: Document) -> None:
    assert len(decision.attachments) == 1
    plan = decision.attachments[0]
    assert plan.title == "KẾ HOẠCH HÀNH ĐỘNG"
    assert plan.line == 30
    assert plan.heading is not None and plan.heading.startswith(
        "THỰC HIỆN NGHỊ QUYẾT SỐ 71/NQ-CP NGÀY 01/4/2025"
    )
    assert plan.note == "(Kèm theo Quyết định số 2121/QĐ-BYT ngày 26 tháng 6 năm 2025 của Bộ trưởng Bộ Y tế)"
    assert [s.label for s in plan.sections] == ["I", "II", "III"]
    assert [s.heading for s in plan.sections] == [
        "MỤC TIÊU",
        "NHIỆM VỤ, GIẢI PHÁP CỤ THỂ",
        "TỔ CHỨC THỰC HIỆN",
    ]
    tasks = plan.sections[1]
    assert [c.label for c in tasks.children] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [p.label for p in tasks.children[0].children] == ["a", "b", "c", "d", "đ", "e", "g", "h"]
    org = plan.sections[2].children[0]
    assert (org.heading, org.text[:20]) == ("Cục Khoa học công nghệ và Đào tạo", "Chủ trì, hướng dẫn, ")


def test_captures_the_appendix_block_with_title_heading_and_note(decision: Document) -> None:
    assert len(decision.appendices) == 1
    appendix = decision.appendices[0]
    assert (appendix.title, appendix.line, appendix.end_line) == ("PHỤ LỤC", 103, 105)
    assert appendix.heading is not None and appendix.heading.startswith("DANH MỤC CÁC NHIỆM VỤ TRIỂN KHAI")
    assert appendix.note is not None and appendix.note.startswith("(Kèm theo Kế hoạch hành động")


def test_leaves_nothing_of_the_decision_unparsed(decision: Document) -> None:
    assert decision.unparsed == []
    assert [d for d in decision.diagnostics if d.severity == "error"] == []


def test_reads_the_standalone_plan_without_a_header(plan: Document) -> None:
    assert plan.document_type == "ke_hoach"
    assert plan.number is None
    assert plan.issuer is None
    assert (
        plan.title
        == "HỢP TÁC QUỐC TẾ VỀ CHUYỂN GIAO CÔNG NGHỆ TRONG LĨNH VỰC Y TẾ CỦA THÀNH PHỐ HÀ NỘI ĐẾN NĂM 2030"
    )


def test_splits_the_plans_single_thuc_hien_sentence_into_five_legal_bases(plan: Document) -> None:
    assert [b.kind for b in plan.legal_bases] == ["thuc_hien"] * 5
    assert all(b.line == 3 for b in plan.legal_bases)
    assert plan.legal_bases[0].text.startswith("Thực hiện Quyết định số 5369/QĐ-UBND ngày 14/10/2024")
    assert plan.legal_bases[1].text.startswith("Chương trình số 08-CTr/TU ngày 17/3/2021")
    assert plan.legal_bases[4].text.startswith("Kế hoạch số 19/KH-UBND ngày 20/01/2025")
    enacting = [b for b in plan.blocks if b.kind == "enacting"]
    assert len(enacting) == 1 and enacting[0].text.endswith("với các nội dung sau:")


def test_reads_the_plans_sections_footnotes_and_signature_chain(plan: Document) -> None:
    assert [s.label for s in plan.sections] == ["I", "II", "III", "IV"]
    assert [c.label for c in plan.sections[1].children[0].children] == [f"1.{n}" for n in range(1, 10)]
    assert [(f.label, f.line) for f in plan.footnotes] == [("1", 102), ("2", 103)]
    assert plan.signature is not None
    assert plan.signature.prefixes == ["TM.", "KT."]
    assert plan.signature.on_behalf_of == "ỦY BAN NHÂN DÂN"
    assert plan.signature.position == "PHÓ CHỦ TỊCH"
    assert plan.signature.signer == "Vũ Thu Hà"
    assert len(plan.recipients) == 12
    assert plan.unparsed == []


@pytest.mark.parametrize("path", [DECISION, PLAN], ids=["decision", "plan"])
def test_yaml_output_loads_to_the_same_data_as_json(path) -> None:
    doc = parse_file(str(path))
    assert yaml.load(to_yaml(doc), Loader=FAST_YAML) == json.loads(to_json(doc))


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_json_text_is_byte_for_byte_what_the_standard_library_writes(path) -> None:
    doc = parse_file(str(path))
    assert to_json(doc) == json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def test_json_text_escapes_control_characters_like_the_standard_library() -> None:
    doc = parse_text('Tin tức\x02 về \u2028 Nghị quyết số 57-NQ/TW “trích dẫn” \\ và "ngoặc"\n')
    assert to_json(doc) == json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
