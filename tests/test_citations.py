"""Citation extraction (citations.py, data/doc_types.yaml, data/relations.yaml): spans, forms, metadata."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import NEWS, SAMPLES, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nq57parse.citations import find_citations
from nq57parse.normalise import normalise
from nq57parse.resolve import resolve_citations


def cites(text: str, language: str = "vi"):
    norm = normalise(text)
    found, _ = resolve_citations(find_citations(norm, language))
    for c in found:
        assert c.text == norm.text[c.start : c.end]
    return found


def one(text: str, language: str = "vi"):
    found = cites(text, language)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


# text → (cited text, form, target, relation, language)
ROWS = [
    # Vietnamese, every number shape
    (
        "Căn cứ Quyết định số 2121/QĐ-BYT ngày 26/6/2025;",
        ("Quyết định số 2121/QĐ-BYT ngày 26/6/2025", "full", "2121/QĐ-BYT", "based_on", "vi"),
    ),
    (
        "Căn cứ Nghị định số 42/2025/NĐ-CP của Chính phủ;",
        ("Nghị định số 42/2025/NĐ-CP của Chính phủ", "full", "42/2025/NĐ-CP", "based_on", "vi"),
    ),
    (
        "Theo Nghị quyết số 193/2025/QH15 về thí điểm.",
        ("Nghị quyết số 193/2025/QH15", "full", "193/2025/QH15", "mentions", "vi"),
    ),
    (
        "Thực hiện Kế hoạch số 23-KH/ĐU ngày 13/6/2025",
        ("Kế hoạch số 23-KH/ĐU ngày 13/6/2025", "full", "23-KH/ĐU", "implements", "vi"),
    ),
    (
        "triển khai Chương trình số 08-CTr/TU của Thành ủy Hà Nội",
        ("Chương trình số 08-CTr/TU của Thành ủy Hà Nội", "full", "08-CTr/TU", "implements", "vi"),
    ),
    (
        "theo văn bản số 1552/BTTTT-TTH.",
        ("văn bản số 1552/BTTTT-TTH", "full", "1552/BTTTT-TTH", "mentions", "vi"),
    ),
    ("Công văn số 12/UBND-VX nêu rõ", ("Công văn số 12/UBND-VX", "full", "12/UBND-VX", "mentions", "vi")),
    (
        "thay thế Quyết định số 15/2025/QĐ-UBND",
        ("Quyết định số 15/2025/QĐ-UBND", "full", "15/2025/QĐ-UBND", "replaces", "vi"),
    ),
    (
        "sửa đổi, bổ sung Thông tư số 24/2023/TT-BYT",
        ("Thông tư số 24/2023/TT-BYT", "full", "24/2023/TT-BYT", "amends", "vi"),
    ),
    ("bãi bỏ Chỉ thị số 05/CT-TTg", ("Chỉ thị số 05/CT-TTg", "full", "05/CT-TTg", "repeals", "vi")),
    ("hướng dẫn Luật số 64/2025/QH15", ("Luật số 64/2025/QH15", "full", "64/2025/QH15", "guides", "vi")),
    (
        "quy định chi tiết Nghị định số 30/2020/NĐ-CP",
        ("Nghị định số 30/2020/NĐ-CP", "full", "30/2020/NĐ-CP", "guides", "vi"),
    ),
    (
        "Kết luận số 123-KL/TW của Bộ Chính trị",
        ("Kết luận số 123-KL/TW của Bộ Chính trị", "full", "123-KL/TW", "mentions", "vi"),
    ),
    (
        "Quy định số 399-QĐ/TW ngày 09/01/2026",
        ("Quy định số 399-QĐ/TW ngày 09/01/2026", "full", "399-QĐ/TW", "mentions", "vi"),
    ),
    ("Thông báo số 7/TB-VPCP nêu", ("Thông báo số 7/TB-VPCP", "full", "7/TB-VPCP", "mentions", "vi")),
    ("Hướng dẫn số 36-HD/VPTW", ("Hướng dẫn số 36-HD/VPTW", "full", "36-HD/VPTW", "mentions", "vi")),
    (
        "Pháp lệnh số 02/2022/UBTVQH15",
        ("Pháp lệnh số 02/2022/UBTVQH15", "full", "02/2022/UBTVQH15", "mentions", "vi"),
    ),
    (
        "Thông tư liên tịch số 01/2015/TTLT-BYT-BTC",
        ("Thông tư liên tịch số 01/2015/TTLT-BYT-BTC", "full", "01/2015/TTLT-BYT-BTC", "mentions", "vi"),
    ),
    ("Công điện số 9/CĐ-TTg", ("Công điện số 9/CĐ-TTg", "full", "9/CĐ-TTg", "mentions", "vi")),
    ("Tờ trình số 322/TTr-CP", ("Tờ trình số 322/TTr-CP", "full", "322/TTr-CP", "mentions", "vi")),
    ("Báo cáo số 45/BC-BYT", ("Báo cáo số 45/BC-BYT", "full", "45/BC-BYT", "mentions", "vi")),
    ("Đề án số 06/ĐA-UBND", ("Đề án số 06/ĐA-UBND", "full", "06/ĐA-UBND", "mentions", "vi")),
    ("Quy chế số 3/QC-BYT", ("Quy chế số 3/QC-BYT", "full", "3/QC-BYT", "mentions", "vi")),
    ("Bộ luật số 45/2019/QH14", ("Bộ luật số 45/2019/QH14", "full", "45/2019/QH14", "mentions", "vi")),
    (
        "NGHỊ QUYẾT SỐ 57-NQ/TW NGÀY 22 THÁNG 12 NĂM 2024 CỦA BỘ CHÍNH TRỊ",
        (
            "NGHỊ QUYẾT SỐ 57-NQ/TW NGÀY 22 THÁNG 12 NĂM 2024 CỦA BỘ CHÍNH TRỊ",
            "full",
            "57-NQ/TW",
            "mentions",
            "vi",
        ),
    ),
    (
        "Nghị quyết số 03 của Chính phủ",
        ("Nghị quyết số 03 của Chính phủ", "short", "03/NQ-CP", "mentions", "vi"),
    ),
    ("tinh thần Nghị quyết 57 đã lan tỏa", ("Nghị quyết 57", "short", "57-NQ/TW", "mentions", "vi")),
    (
        # no date to choose a version by: no target (tests/test_resolve.py chooses by date)
        "Luật Giao dịch điện tử có hiệu lực",
        ("Luật Giao dịch điện tử", "named", None, "mentions", "vi"),
    ),
    (
        # a name alone prints no number: no target (its version is ``version``, tests/test_citations_real.py)
        "Luật Khoa học và Công nghệ, điều 5",
        ("Luật Khoa học và Công nghệ", "named", None, "mentions", "vi"),
    ),
    (
        "theo Quyết định số 2121/QD-BYT",
        ("Quyết định số 2121/QD-BYT", "full", "2121/QĐ-BYT", "mentions", "vi"),
    ),
    # English translations
    (
        "Resolution No. 57-NQ/TW dated December 22, 2024 of the Politburo on breakthroughs",
        (
            "Resolution No. 57-NQ/TW dated December 22, 2024 of the Politburo",
            "full",
            "57-NQ/TW",
            "mentions",
            "en",
        ),
    ),
    (
        "pursuant to Decision No. 2121/QD-BYT",
        ("Decision No. 2121/QD-BYT", "full", "2121/QĐ-BYT", "based_on", "en"),
    ),
    (
        "Decree No. 42/2025/ND-CP of the Government",
        ("Decree No. 42/2025/ND-CP of the Government", "full", "42/2025/NĐ-CP", "mentions", "en"),
    ),
    (
        "replacing Circular No. 46/2018/TT-BYT",
        ("Circular No. 46/2018/TT-BYT", "full", "46/2018/TT-BYT", "replaces", "en"),
    ),
    ("Law No. 64/2025/QH15", ("Law No. 64/2025/QH15", "full", "64/2025/QH15", "mentions", "en")),
    ("implementing Plan No. 43/KH-UBND", ("Plan No. 43/KH-UBND", "full", "43/KH-UBND", "implements", "en")),
    ("the Program No. 08-CTr/TU", ("Program No. 08-CTr/TU", "full", "08-CTr/TU", "mentions", "en")),
    ("amending Directive No. 05/CT-TTg", ("Directive No. 05/CT-TTg", "full", "05/CT-TTg", "amends", "en")),
    (
        "Official Letter No. 1552/BTTTT-TTH",
        ("Official Letter No. 1552/BTTTT-TTH", "full", "1552/BTTTT-TTH", "mentions", "en"),
    ),
    # Norwegian translations
    (
        "resolusjon nr. 57-NQ/TW datert 22. desember 2024 fra Politbyrået",
        (
            "resolusjon nr. 57-NQ/TW datert 22. desember 2024 fra Politbyrået",
            "full",
            "57-NQ/TW",
            "mentions",
            "no",
        ),
    ),
    ("beslutning nr. 787/QD-BYT", ("beslutning nr. 787/QD-BYT", "full", "787/QĐ-BYT", "mentions", "no")),
    ("vedtak nr. 2121/QD-BYT", ("vedtak nr. 2121/QD-BYT", "full", "2121/QĐ-BYT", "mentions", "no")),
    ("dekret nr. 42/2025/ND-CP", ("dekret nr. 42/2025/ND-CP", "full", "42/2025/NĐ-CP", "mentions", "no")),
    (
        "som erstatter rundskriv nr. 46/2018/TT-BYT",
        ("rundskriv nr. 46/2018/TT-BYT", "full", "46/2018/TT-BYT", "replaces", "no"),
    ),
    (
        "for å implementere plan nr. 43/KH-UBND",
        ("plan nr. 43/KH-UBND", "full", "43/KH-UBND", "implements", "no"),
    ),
    ("som endrer direktiv nr. 05/CT-TTg", ("direktiv nr. 05/CT-TTg", "full", "05/CT-TTg", "amends", "no")),
    ("lov nr. 64/2025/QH15", ("lov nr. 64/2025/QH15", "full", "64/2025/QH15", "mentions", "no")),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[r[0][:40] for r in ROWS])
def test_finds_each_citation_shape_with_its_form_target_relation_and_language(text, expected):
    c = one(text, expected[4])
    assert (c.text, c.form, c.target, c.relation, c.language) == expected
    assert text[c.start : c.end] == expected[0]


def test_reads_date_issuer_and_subject_without_bleeding_into_the_neighbour():
    found = cites(
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển; "
        "Quyết định số 787/QĐ-BYT của Bộ trưởng Bộ Y tế."
    )
    first, second = found
    assert (first.date, first.issuer, first.subject) == ("2024-12-22", "Bộ Chính trị", "đột phá phát triển")
    assert (second.date, second.issuer, second.subject) == (None, "Bộ trưởng Bộ Y tế", None)


def test_reads_the_long_date_form_in_capitals():
    c = one("NGHỊ QUYẾT SỐ 71/NQ-CP NGÀY 01 THÁNG 4 NĂM 2025 CỦA CHÍNH PHỦ BAN HÀNH CHƯƠNG TRÌNH")
    assert (c.date, c.issuer) == ("2025-04-01", "CHÍNH PHỦ")


def test_splits_a_list_into_one_citation_per_member_with_its_own_span():
    text = "Bộ Chính trị đã ban hành Nghị quyết số 57, 59, 66 và 68, tạo nền tảng."
    found = cites(text)
    assert [(c.text, c.form, c.target) for c in found] == [
        ("Nghị quyết số 57", "list", "57-NQ/TW"),
        ("59", "list", "59-NQ/TW"),
        ("66", "list", "66-NQ/TW"),
        ("68", "list", "68-NQ/TW"),
    ]
    assert [c.start for c in found][1:] == [text.index("59"), text.index("66"), text.index("68")]


def test_a_full_number_after_a_typed_one_is_its_own_citation():
    found = cites("đáp ứng yêu cầu tại văn bản số 1552/BTTTT-TTH và 708/BTTTT-CATTT; hoàn thành")
    assert [(c.text, c.target) for c in found] == [
        ("văn bản số 1552/BTTTT-TTH", "1552/BTTTT-TTH"),
        ("708/BTTTT-CATTT", "708/BTTTT-CATTT"),
    ]


def test_marks_an_alias_definition():
    found = cites("Nghị quyết số 57-NQ/TW ngày 22/12/2024 (sau đây gọi tắt là Nghị quyết số 57-NQ/TW) và")
    assert [c.form for c in found] == ["full", "alias"]
    assert found[1].target == "57-NQ/TW"


def test_a_name_defined_as_an_alias_is_cited_later_by_that_name():
    found = cites(
        "Quyết định số 146/QĐ-TTg (sau đây gọi tắt là Đề án 146 về nhận thức).\nTriển khai Đề án 146 về nhận thức."
    )
    assert [(c.form, c.target) for c in found] == [
        ("full", "146/QĐ-TTg"),
        ("alias", "146/QĐ-TTg"),
        ("alias", "146/QĐ-TTg"),
    ]


def test_a_relation_between_two_cited_documents_nests_the_second():
    found = cites(
        "Kế hoạch số 43/KH-UBND ngày 14/02/2025 của UBND thành phố Hà Nội thực hiện Nghị quyết số 03/NQ-CP"
    )
    assert [(c.target, c.relation) for c in found] == [("43/KH-UBND", "mentions"), ("03/NQ-CP", "mentions")]


def test_a_semicolon_list_after_a_cue_keeps_the_cue():
    found = cites("Thực hiện Quyết định số 5369/QĐ-UBND; Chương trình số 08-CTr/TU; Kế hoạch số 19/KH-UBND;")
    assert [c.relation for c in found] == ["implements"] * 3


def test_a_cue_phrase_that_only_refers_does_not_type_the_relation():
    c = one("- Các nội dung đã thực hiện theo Kế hoạch hành động ban hành kèm theo Quyết định số 787/QĐ-BYT")
    assert c.relation == "mentions"


@pytest.mark.parametrize(
    "text",
    [
        "triển khai trong tháng 12/2025.",
        "theo Điều 3 của Quyết định này",
        "giai đoạn 2021-2030",
        "đạt 25%",
        "Điện thoại: 024.3846.4416",
        "Kế hoạch 5 năm",
        "Kế hoạch 2025",
        "chương trình số hóa",
        "quy định pháp luật số 1",
        "các Luật liên quan",
        "Kế hoạch\n06/2025",
        "Số: 2121/QĐ-BYT",
        "Thông tư số",
        "Resolution No.",
    ],
)
def test_finds_nothing_in_what_is_not_a_citation(text):
    assert cites(text) == []


def test_word_boundaries_hold_around_type_words():
    assert cites("Kếhoạch số 5/KH-UBND") == [one("Kếhoạch số 5/KH-UBND")]
    assert one("Kếhoạch số 5/KH-UBND").text == "5/KH-UBND"
    assert cites("xplan nr. 787") == []


# one row per type word and cue phrase of the data files
DATA = SAMPLES.parent / "src" / "nq57parse" / "data"
TYPES = yaml.safe_load((DATA / "doc_types.yaml").read_text(encoding="utf-8"))
TYPE_WORDS = [
    (key, lang, word) for key, by in TYPES["types"].items() for lang, words in by.items() for word in words
]
MARKER = {"vi": "số", "en": "No.", "no": "nr."}


@pytest.mark.parametrize(
    ("key", "lang", "word"), TYPE_WORDS, ids=[f"{k}-{lg}-{w}" for k, lg, w in TYPE_WORDS]
)
def test_every_type_word_opens_a_citation(key, lang, word):
    text = f"xem {word} {MARKER[lang]} 12/QĐ-BYT tại đây"
    c = one(text, lang)
    assert c.text == f"{word} {MARKER[lang]} 12/QĐ-BYT"
    assert c.doc_type == key
    assert c.language == lang or (lang == "no" and word in ("plan", "program"))


RELATIONS = yaml.safe_load((DATA / "relations.yaml").read_text(encoding="utf-8"))
CUES = [
    (rel, phrase) for rel, by in RELATIONS["cues"].items() for phrases in by.values() for phrase in phrases
]


@pytest.mark.parametrize(("relation", "phrase"), CUES, ids=[f"{r}-{p}" for r, p in CUES])
def test_every_cue_phrase_types_the_relation(relation, phrase):
    c = one(f"Ông {phrase} Quyết định số 12/QĐ-BYT")
    assert c.relation == relation


# ---------------------------------------------------------------- seeds


def seed(prefix: str) -> str:
    """The text of a news seed: our own news text with the same citations (tests/data/news)."""
    name = {
        "000": "tin-tuc-ke-hoach-sai-ngay.txt",
        "001": "nyheter-resolusjoner.txt",
        "002": "tin-tuc-danh-sach-nghi-quyet.txt",
    }[prefix]
    return (NEWS / name).read_text(encoding="utf-8")


def test_seed_004_cites_every_document_and_counts_57_and_71():
    text = (SAMPLES / "quyet-dinh-2121-QD-BYT.txt").read_text(encoding="utf-8")
    found = cites(text)
    targets = {c.target for c in found}
    assert {
        "57-NQ/TW",
        "42/2025/NĐ-CP",
        "71/NQ-CP",
        "23-KH/ĐU",
        "787/QĐ-BYT",
        "3676/QĐ-BYT",
        "146/QĐ-TTg",
        "229/QĐ-TTg",
        "3548/QĐ-BYT",
        "59-NQ/TW",
        "24/2023/TT-BYT",
        "46/2018/TT-BYT",
        "1552/BTTTT-TTH",
        "708/BTTTT-CATTT",
    } <= targets
    assert sum(c.target == "57-NQ/TW" for c in found) == 13
    assert sum(c.target == "71/NQ-CP" for c in found) == 11
    basis = [c for c in found if c.line in (11, 12, 13, 14) and c.relation == "based_on"]
    assert [c.target for c in basis] == ["57-NQ/TW", "42/2025/NĐ-CP", "71/NQ-CP", "23-KH/ĐU"]


def test_seed_003_cites_the_hanoi_documents():
    text = (SAMPLES / "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt").read_text(encoding="utf-8")
    assert [c.target for c in cites(text)] == [
        "5369/QĐ-UBND",
        "08-CTr/TU",
        "07-CTr/TU",
        "43/KH-UBND",
        "03/NQ-CP",
        "57-NQ/TW",
        "19/KH-UBND",
    ]


def test_seed_002_list_resolves_to_the_politburo_resolutions():
    found = [c for c in cites(seed("002")) if c.form == "list"]
    assert [c.target for c in found] == ["57-NQ/TW", "59-NQ/TW", "66-NQ/TW", "68-NQ/TW"]


def test_seed_000_short_form_resolves_to_03_nq_cp():
    short = [c for c in cites(seed("000")) if c.text == "Nghị quyết số 03"]
    assert [c.target for c in short] == ["03/NQ-CP"]


def test_seed_001_norwegian_cites_the_same_documents():
    found = cites(seed("001"), "no")
    assert {"57-NQ/TW", "193/2025/QH15", "03/NQ-CP", "71/NQ-CP", "787/QĐ-BYT"} <= {c.target for c in found}
    assert {c.language for c in found} == {"no"}


def test_english_and_norwegian_news_samples_resolve_to_the_same_targets():
    en = cites((SAMPLES / "news-en.txt").read_text(encoding="utf-8"), "en")
    no = cites((SAMPLES / "nyheter-no.txt").read_text(encoding="utf-8"), "no")
    assert [c.target for c in en] == ["57-NQ/TW", "57-NQ/TW", "2121/QĐ-BYT", "42/2025/NĐ-CP"]
    assert [c.target for c in no] == ["57-NQ/TW", "787/QĐ-BYT", "2121/KH-BYT"]
    assert en[1].date == no[0].date == "2024-12-22"


# ---------------------------------------------------------------- properties

SEED_LINES = [
    line
    for name in ("quyet-dinh-2121-QD-BYT.txt", "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt")
    for line in (SAMPLES / name).read_text(encoding="utf-8").splitlines()
    if re.search(r"\d", line)
]


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=40)), max_size=12),
    st.sampled_from(["vi", "en", "no"]),
)
def test_offsets_slice_exactly_to_the_text_on_random_documents(lines, language):
    norm = normalise("\n".join(lines))
    for c in find_citations(norm, language):
        assert c.text == norm.text[c.start : c.end]
        assert c.line == norm.line_of(c.start)
        assert c.start < c.end


@settings(max_examples=examples(150), deadline=None)
@given(st.text(alphabet="0123456789/-., NQĐQDBYTCPsốSố Nghị quyếtnr.No()\n", max_size=120))
def test_never_raises_on_number_like_noise(text):
    norm = normalise(text)
    resolve_citations(find_citations(norm), "2121/QĐ-BYT")


def test_a_megabyte_of_digits_stays_fast():
    import time

    norm = normalise("1" * 1_000_000 + "\n" + "Nghị quyết số " + "5" * 200_000)
    began = time.perf_counter()
    find_citations(norm)
    assert time.perf_counter() - began < 5


@pytest.mark.slow
def test_a_long_one_line_list_gives_the_same_targets_as_the_list_one_item_a_line():
    items = [f"Nghị định số {i}/2020/NĐ-CP ngày 01/01/2020 của Chính phủ" for i in range(1, 2001)]
    one_line = cites("Căn cứ " + "; ".join(items) + ".\n")
    lines = cites("Căn cứ " + ";\n".join(items) + ".\n")
    assert (
        [c.target for c in one_line]
        == [c.target for c in lines]
        == [f"{i}/2020/NĐ-CP" for i in range(1, 2001)]
    )
    assert {c.relation for c in one_line} == {"based_on"}  # the cue holds along the ';' list
    assert one_line[-1].text == "Nghị định số 2000/2020/NĐ-CP ngày 01/01/2020 của Chính phủ"


def test_the_own_number_is_told_from_a_number_late_on_a_long_line():
    text = "Số: 12/QĐ-UBND\n" + "x " * 5000 + "Quyết định số 13/QĐ-UBND\n"
    assert [c.target for c in cites(text)] == ["13/QĐ-UBND"]


# ---------------------------------------------------------------- cost: linear in the text, lazy start

PARAGRAPH = (
    "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15; Nghị định số 42/2025/NĐ-CP ngày 27/02/2025 của Chính phủ "
    "quy định chức năng, nhiệm vụ của Bộ Y tế. Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính "
    "trị (sau đây gọi tắt là Nghị quyết 57), Bộ Y tế ban hành Kế hoạch số 2121/KH-BYT. Nghị quyết 57 và Quyết "
    "định số 1131/QĐ-TTg, 1132/QĐ-TTg được triển khai theo Thông tư 05/2024/TT-BYT."
)
PARAGRAPH_TARGETS = [
    ("63/2025/QH15", "based_on"),
    ("42/2025/NĐ-CP", "based_on"),
    ("57-NQ/TW", "implements"),
    ("57-NQ/TW", "implements"),
    ("2121/KH-BYT", "implements"),
    ("57-NQ/TW", "implements"),
    ("1131/QĐ-TTg", "implements"),
    ("1132/QĐ-TTg", "implements"),
    ("05/2024/TT-BYT", "mentions"),
]


def paragraphs(count: int, separator: str):
    norm = normalise(separator.join([PARAGRAPH] * count) + "\n")
    return resolve_citations(find_citations(norm), "12/QĐ-BYT")


def python_calls(fn) -> int:
    """How many Python-level function calls ``fn()`` makes (a cost measure that does not depend on timing)."""
    import sys

    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.slow
def test_a_200_kb_single_line_of_paragraphs_cites_like_the_same_paragraphs_one_a_line():
    one_line, one_line_refs = paragraphs(520, " ")  # 200 kB with no newline
    lines, lines_refs = paragraphs(520, "\n")  # " " and "\n" are one character each: same offsets
    assert len(PARAGRAPH) * 520 > 200_000
    assert [(c.text, c.start, c.end, c.target, c.relation, c.form) for c in one_line] == [
        (c.text, c.start, c.end, c.target, c.relation, c.form) for c in lines
    ]
    assert [(c.target, c.relation) for c in one_line] == PARAGRAPH_TARGETS * 520
    assert [r.id for r in one_line_refs] == [r.id for r in lines_refs]
    assert len(one_line_refs) == 7
    assert {c.line for c in one_line} == {1}
    assert lines[-1].line == 520


@pytest.mark.slow
@pytest.mark.parametrize("separator", [" ", "\n"], ids=["one line", "one paragraph a line"])
def test_four_times_the_paragraphs_cost_four_times_the_python_calls(separator):
    paragraphs(5, separator)  # warm the data caches and the compiled patterns
    small = python_calls(lambda: paragraphs(50, separator))
    large = python_calls(lambda: paragraphs(200, separator))
    assert 3.8 <= large / small <= 4.2, (small, large)


def test_a_citation_reads_no_more_than_the_cue_window_before_it(monkeypatch):
    from nq57parse import citations

    windows: list[int] = []
    real = citations._nearest_cue

    def spy(text, start, end, lex):
        windows.append(end - max(start, end - lex.cue_window))
        return real(text, start, end, lex)

    monkeypatch.setattr(citations, "_nearest_cue", spy)
    paragraphs(200, " ")
    assert len(windows) == 9 * 200
    assert max(windows) <= citations.lexicon().cue_window


def test_a_fresh_lexicon_compiles_a_pattern_only_when_it_is_first_read():
    from nq57parse.citations import lexicon, pattern_names

    fresh = lexicon.__wrapped__()
    assert not set(pattern_names()) & set(vars(fresh))
    first = fresh.cue_re
    assert first is fresh.cue_re
    assert set(pattern_names()) & set(vars(fresh)) == {"cue_re"}


@pytest.mark.parametrize(
    "name",
    [
        "type_re",
        "may_number_re",
        "typed_before_re",
        "marker_re",
        "short_re",
        "bare_short_bad",
        "form_before_re",
        "list_sep_re",
        "date_vi",
        "date_en",
        "date_no",
        "issuer_re",
        "issuer_stop_re",
        "subject_re",
        "alias_re",
        "named_re",
        "name_stop_re",
        "cue_re",
        "compound_re",
    ],
)
def test_every_lexicon_pattern_has_a_source_and_compiles(name):
    from nq57parse.citations import lexicon, pattern_names

    lex = lexicon.__wrapped__()
    assert name in pattern_names()
    source, flags = lex.sources[name]
    assert getattr(lex, name).pattern == source
    assert getattr(lex, name).flags & re.IGNORECASE == flags & re.IGNORECASE


def test_the_lexicon_has_exactly_the_patterns_it_has_sources_for():
    from nq57parse.citations import lexicon, pattern_names

    assert sorted(pattern_names()) == sorted(lexicon().sources)
    assert len(pattern_names()) == 19


def regex_mentions(text: str, names: list[str]) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in re.finditer(r"(?<![\w])" + re.escape(n) + r"(?![\w])", text)] for n in names]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ĐAaB1 -.(", min_size=1, max_size=6), min_size=9, max_size=14, unique=True),
    st.lists(st.sampled_from(["Đ", "A", "a", "B", "1", " ", "-", ".", "(", "\n", "_"]), max_size=80),
)
def test_many_alias_names_are_found_in_one_pass_exactly_as_one_scan_per_name_finds_them(names, chars):
    from nq57parse.citations import _mentions

    text = "".join(chars) + " ".join(names) + "".join(chars) + " ".join(reversed(names))
    assert _mentions(text, names) == regex_mentions(text, names)


def test_one_pass_finds_a_name_again_only_after_its_previous_occurrence_ends():
    from nq57parse.citations import _mentions

    names = ["A B A", *(f"N{i}" for i in range(9))]
    text = "A B A B A, A B A"
    assert _mentions(text, names)[0] == [(0, 5), (11, 16)] == regex_mentions(text, names)[0]


@pytest.mark.slow
def test_thousands_of_alias_definitions_cost_linear_python_calls():
    def aliases(count: int):
        text = "".join(
            f"Quyết định số {i}/QĐ-BYT (sau đây gọi tắt là Đề án {i}) và Đề án {i // 2}. "
            for i in range(count)
        )
        return find_citations(normalise(text + "\n"))

    found = aliases(2000)
    assert len(found) == 6000
    assert [c.text for c in found[:6]] == [
        "Quyết định số 0/QĐ-BYT",
        "Đề án 0",
        "Đề án 0",
        "Quyết định số 1/QĐ-BYT",
        "Đề án 1",
        "Đề án 0",
    ]
    assert {c.form for c in found[1::3]} == {"alias"}
    small = python_calls(lambda: aliases(300))
    large = python_calls(lambda: aliases(1200))
    assert 3.8 <= large / small <= 4.2, (small, large)
