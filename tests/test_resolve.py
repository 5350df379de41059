"""Resolution (resolve.py, registry.py, data/registry.yaml): targets, self-references, references, conflicts."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
import yaml
from conftest import SAMPLES

from nq57parse.citations import find_citations, find_doc_relations
from nq57parse.errors import InputError
from nq57parse.normalise import normalise
from nq57parse.numbers import parse_number
from nq57parse.registry import load_registry
from nq57parse.resolve import resolve_citations


def resolve(text: str, own: str | None = None, registry=(), language: str = "vi"):
    return resolve_citations(find_citations(normalise(text), language), own, registry)


def refs(text: str, **kw):
    return {r.id: r for r in resolve(text, **kw)[1]}


def test_short_form_links_to_an_earlier_full_citation_of_the_same_type():
    cites, _ = resolve("Quyết định số 12/QĐ-UBND ngày 1/2/2024. Sau đó, Quyết định số 12 được sửa.")
    assert [c.target for c in cites] == ["12/QĐ-UBND", "12/QĐ-UBND"]


def test_short_form_of_another_type_does_not_link():
    cites, _ = resolve("Quyết định số 12/QĐ-UBND. Chỉ thị số 12 nêu.")
    assert cites[1].target is None


def test_ambiguity_leaves_the_target_empty_and_reports_a_conflict():
    cites, references = resolve("Quyết định số 12/QĐ-UBND và Quyết định số 12/QĐ-BYT. Quyết định số 12 nêu.")
    assert cites[2].target is None
    by_id = {r.id: r for r in references}
    assert [c.field for c in by_id["12/QĐ-UBND"].conflicts] == ["target"]
    assert by_id["12/QĐ-BYT"].conflicts[0].values == ["12/QĐ-UBND", "12/QĐ-BYT"]


def test_leading_zeros_meet_and_the_fullest_printing_wins():
    cites, references = resolve("Nghị quyết số 3/NQ-CP và Nghị quyết số 03/NQ-CP")
    assert [c.target for c in cites] == ["03/NQ-CP", "03/NQ-CP"]
    assert [(r.id, r.mentions) for r in references] == [("03/NQ-CP", 2)]


def test_marks_the_document_citing_itself():
    cites, _ = resolve(
        "(Kèm theo Quyết định số 2121/QĐ-BYT ngày 26 tháng 6 năm 2025 của Bộ trưởng Bộ Y tế)", "2121/QĐ-BYT"
    )
    assert cites[0].self_reference is True
    cites, _ = resolve("Quyết định số 787/QĐ-BYT", "2121/QĐ-BYT")
    assert cites[0].self_reference is False


def test_reference_merges_the_registry():
    ref = refs("Căn cứ Nghị quyết số 57-NQ/TW;")["57-NQ/TW"]
    assert (ref.date, ref.issuer, ref.doc_type, ref.known, ref.relations) == (
        "2024-12-22",
        "Bộ Chính trị",
        "nghi_quyet",
        True,
        ["based_on"],
    )


def test_unknown_document_is_still_a_reference():
    ref = refs("Quyết định số 99/QĐ-UBND ngày 3/3/2023 của UBND tỉnh Nam Định")["99/QĐ-UBND"]
    assert (ref.known, ref.date, ref.issuer) == (False, "2023-03-03", "UBND tỉnh Nam Định")


def test_conflict_two_dates_for_one_document():
    ref = refs("Quyết định số 99/QĐ-UBND ngày 3/3/2023 và Quyết định số 99/QĐ-UBND ngày 4/3/2023")[
        "99/QĐ-UBND"
    ]
    assert [(c.field, c.values) for c in ref.conflicts] == [("date", ["2023-03-03", "2023-03-04"])]


def test_conflict_type_word_against_the_code():
    ref = refs("Kế hoạch số 2121/QĐ-BYT")["2121/QĐ-BYT"]
    assert [(c.field, c.values) for c in ref.conflicts] == [("doc_type", ["ke_hoach", "quyet_dinh"])]


def test_conflict_with_the_registry_for_the_news_plan_2121():
    ref = refs("Kế hoạch số 2121/KH-BYT ngày 26/06/2026 sửa đổi")["2121/KH-BYT"]
    assert [(c.field, c.values) for c in ref.conflicts] == [
        ("number", ["2121/KH-BYT", "2121/QĐ-BYT"]),
        ("date", ["2026-06-26", "2025-06-26"]),
    ]


def test_a_plan_cited_by_its_decisions_number_links_with_a_conflict():
    cites, references = resolve("Quyết định số 787/QĐ-BYT ban hành kế hoạch. Sửa đổi kế hoạch số 787.")
    assert cites[1].target == "787/QĐ-BYT"
    assert references[0].conflicts[0].field == "doc_type"


def test_relations_between_two_cited_documents():
    text = (
        "Kế hoạch số 43/KH-UBND ngày 14/02/2025 của UBND thành phố Hà Nội thực hiện Nghị quyết số 03/NQ-CP.\n"
        "Chính phủ ban hành Nghị quyết số 71/NQ-CP sửa đổi, cập nhật, bổ sung Nghị quyết số 03.\n"
    )
    norm = normalise(text)
    cites, _ = resolve_citations(find_citations(norm))
    assert [(r.source, r.relation, r.target, r.line) for r in find_doc_relations(norm, cites)] == [
        ("43/KH-UBND", "implements", "03/NQ-CP", 1),
        ("71/NQ-CP", "amends", "03/NQ-CP", 2),
    ]


def test_seed_004_references_57_with_its_date_and_issuer():
    text = (SAMPLES / "quyet-dinh-2121-QD-BYT.txt").read_text(encoding="utf-8")
    by_id = refs(text, own="2121/QĐ-BYT")
    assert (by_id["57-NQ/TW"].mentions, by_id["57-NQ/TW"].date, by_id["57-NQ/TW"].issuer) == (
        13,
        "2024-12-22",
        "Bộ Chính trị",
    )
    assert by_id["71/NQ-CP"].mentions == 11
    assert "replaces" in by_id["787/QĐ-BYT"].relations


# ---------------------------------------------------------------- registry


def test_a_user_registry_adds_and_overrides_documents(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "documents:\n"
        "  - {id: 5/KH-UBND, type: ke_hoach, date: '2025-01-02', issuer: UBND huyện X}\n"
        "  - {id: 57-NQ/TW, type: nghi_quyet, date: '2024-12-22', issuer: Ban Chấp hành Trung ương}\n",
        encoding="utf-8",
    )
    by_id = refs("Kế hoạch số 5 và Nghị quyết số 57-NQ/TW", registry=[str(extra)])
    assert by_id["5/KH-UBND"].known is True
    assert by_id["57-NQ/TW"].issuer == "Ban Chấp hành Trung ương"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("documents: [", "not valid YAML"),
        ("- a\n", "'documents' list"),
        ("documents:\n  - {type: luat}\n", "without an id"),
    ],
)
def test_a_bad_user_registry_is_an_input_error(tmp_path, content, reason):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=reason):
        load_registry([str(bad)])


def test_a_registry_is_built_once_per_files_and_read_again_when_a_file_changes(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text("documents:\n  - {id: 12/2025/QĐ-UBND, type: quyet_dinh}\n", encoding="utf-8")
    first = load_registry([str(user)])
    assert load_registry([str(user)]) is first  # shared, with the indexes it built
    assert first.get("12/2025/QĐ-UBND") is not None and load_registry() is not first
    user.write_text("documents:\n  - {id: 13/2025/QĐ-UBND, type: quyet_dinh}\n", encoding="utf-8")
    os.utime(user, (1, 1))  # a new modification time, whatever the clock's resolution
    again = load_registry([str(user)])
    assert again.get("13/2025/QĐ-UBND") is not None and again.get("12/2025/QĐ-UBND") is None
    with_rows = load_registry([str(user)], rows=[{"id": "14/2025/QĐ-UBND", "type": "quyet_dinh"}])
    assert with_rows.get("14/2025/QĐ-UBND") is not None and load_registry([str(user)]) is again


def test_a_missing_user_registry_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_registry([str(tmp_path / "none.yaml")])


REGISTRY = yaml.safe_load(
    (SAMPLES.parent / "src" / "nq57parse" / "data" / "registry.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("entry", REGISTRY["documents"], ids=[d["id"] for d in REGISTRY["documents"]])
def test_every_registry_entry_is_canonical_and_resolvable(entry):
    number = parse_number(entry["id"])
    assert (number is not None and number.canonical == entry["id"]) or entry["type"] == "hien_phap"
    for rel in entry.get("relations", []):
        assert load_registry().get(rel["target"]) is not None
    if entry.get("names"):
        # cited by name on the day it took effect, a document means this version
        on = entry.get("effective") or entry["date"]
        cited = resolve_citations(
            find_citations(normalise(f"Theo {entry['names'][-1]} hiện hành")), dated=on
        )[0]
        assert [(c.target, c.version) for c in cited] == [(None, entry["id"])]
    else:
        assert entry["id"] in refs(f"Văn bản số {entry['id']}")


VERSIONED = [d for d in REGISTRY["documents"] if d.get("names") and d.get("replaced_by")]


@pytest.mark.parametrize("entry", VERSIONED, ids=[d["id"] for d in VERSIONED])
def test_every_replaced_version_has_a_later_successor_of_the_same_name_and_a_source(entry):
    successor = load_registry().get(entry["replaced_by"])
    assert successor is not None and successor.date > entry["date"]
    assert set(successor.names) & set(entry["names"])
    assert entry["source"] and successor.source
    # the day before the successor took effect, a document dated then does not mean the successor alone
    day_before = (date.fromisoformat(successor.effective or successor.date) - timedelta(days=1)).isoformat()
    cited = resolve_citations(find_citations(normalise(f"Theo {entry['names'][-1]}.")), dated=day_before)[0]
    assert cited[0].target is None and cited[0].version in (entry["id"], None)


def test_a_translation_calling_a_to_trinh_a_report_is_no_type_conflict():
    from nq57parse.pipeline import parse_text

    english = parse_text("News\nThe Department of Health sent Report No. 112/TTr-SYT on the plan.\n")
    assert [r.conflicts for r in english.references] == [[]]
    vietnamese = parse_text("Tin tức\nSở Y tế gửi Báo cáo số 112/TTr-SYT về kế hoạch.\n")
    assert [c.field for r in vietnamese.references for c in r.conflicts] == ["doc_type"]


def many_numbers(count: int) -> str:
    return "".join(
        f"Căn cứ Nghị định số {i}/2020/NĐ-CP của Chính phủ; Quyết định {i}/QĐ-UBND thực hiện Nghị quyết số "
        f"{i}-NQ/TW. Nghị định {i}/2020 và Quyết định {i} được sửa.\n"
        for i in range(1, count + 1)
    )


@pytest.mark.slow
def test_a_short_citation_is_linked_among_thousands_of_numbers():
    cites, references = resolve(many_numbers(1500))  # below 1900: no serial reads as a year
    assert len(cites) == 5 * 1500
    assert [c.target for c in cites[-5:]] == [
        "1500/2020/NĐ-CP",
        "1500/QĐ-UBND",
        "1500-NQ/TW",
        "1500/2020/NĐ-CP",
        "1500/QĐ-UBND",
    ]
    assert len(references) == 3 * 1500
    assert {r.mentions for r in references if "-NQ/" not in r.id} == {2}


def test_short_citations_parse_only_the_numbers_with_their_serial(monkeypatch):
    """Resolving 4x the citations parses 4x the numbers (each short citation does not read every number met)."""
    from nq57parse import registry
    from nq57parse import resolve as resolve_module

    calls = 0

    def counting(text):
        nonlocal calls
        calls += 1
        return parse_number(text)

    monkeypatch.setattr(resolve_module, "parse_number", counting)
    monkeypatch.setattr(registry, "parse_number", counting)
    counts = []
    for size in (100, 400):
        cites = find_citations(normalise(many_numbers(size)))
        calls = 0
        resolve_citations(cites, "12/QĐ-BYT")
        counts.append(calls)
    assert counts[1] <= 4.2 * counts[0], counts
