"""Deadline normalisation (deadlines.py): SPEC "Appendix rows" and conventions.md §6."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from nq57parse.deadlines import parse_deadline, parse_expression, parse_part, span_end
from nq57parse.pipeline import parse_text

VOCAB = yaml.safe_load(
    resources.files("nq57parse.data").joinpath("table_cues.yaml").read_text(encoding="utf-8")
)["deadline"]

# raw cell → (kind, start, end, recurrence)
FORMS = [
    ("Tháng 12/2025", "month", "2025-12-01", "2025-12-31", None),
    ("Tháng 6/2025", "month", "2025-06-01", "2025-06-30", None),
    ("Tháng 09/2025", "month", "2025-09-01", "2025-09-30", None),
    ("06/2025", "month", "2025-06-01", "2025-06-30", None),
    ("9/2025", "month", "2025-09-01", "2025-09-30", None),
    ("12/2025", "month", "2025-12-01", "2025-12-31", None),
    ("2/2028", "month", "2028-02-01", "2028-02-29", None),
    ("T12/2025", "month", "2025-12-01", "2025-12-31", None),
    ("tháng 12 năm 2025", "month", "2025-12-01", "2025-12-31", None),
    ("Quý IV/2025", "quarter", "2025-10-01", "2025-12-31", None),
    ("Quý 4/2025", "quarter", "2025-10-01", "2025-12-31", None),
    ("QIV/2025", "quarter", "2025-10-01", "2025-12-31", None),
    ("Quý I năm 2026", "quarter", "2026-01-01", "2026-03-31", None),
    ("6 tháng đầu năm 2026", "half", "2026-01-01", "2026-06-30", None),
    ("6 tháng cuối năm 2026", "half", "2026-07-01", "2026-12-31", None),
    ("Năm 2025", "year", "2025-01-01", "2025-12-31", None),
    ("2030", "year", "2030-01-01", "2030-12-31", None),
    ("2025-2026", "range", "2025-01-01", "2026-12-31", None),
    ("Năm 2025-2026", "range", "2025-01-01", "2026-12-31", None),
    ("Giai đoạn 2026–2030", "range", "2026-01-01", "2030-12-31", None),
    ("2021 - 2030", "range", "2021-01-01", "2030-12-31", None),
    ("Từ tháng 7/2026 đến tháng 12/2026", "range", "2026-07-01", "2026-12-31", None),
    ("Từ 2026", "range", "2026-01-01", None, None),
    ("Từ 2025", "range", "2025-01-01", None, None),
    ("Từ tháng 7/2026", "range", "2026-07-01", None, None),
    ("Đến năm 2030", "range", None, "2030-12-31", None),
    ("Trước ngày 15/12/2025", "range", None, "2025-12-15", None),
    ("15/12/2025", "date", "2025-12-15", "2025-12-15", None),
    ("Ngày 15 tháng 12 năm 2025", "date", "2025-12-15", "2025-12-15", None),
    ("Thường xuyên", "recurring", None, None, "continuous"),
    ("Nhiệm vụ thường xuyên", "recurring", None, None, "continuous"),
    ("Hằng năm", "recurring", None, None, "yearly"),
    ("Hàng năm", "recurring", None, None, "yearly"),
    ("Định kỳ", "recurring", None, None, "periodic"),
    ("Định kỳ 6 tháng", "recurring", None, None, "half_yearly"),
    ("Trước ngày 15 hằng tháng", "recurring", None, None, "monthly;day=15"),
    ("Sau khi Luật KH,CN và các văn bản liên quan được sửa đổi", "relative", None, None, None),
    ("Theo tiến độ Kế hoạch", "relative", None, None, None),
    ("Khi có yêu cầu", "relative", None, None, None),
    ("Kỳ họp thứ 2 (tháng 10/2026)", "month", "2026-10-01", "2026-10-31", None),
    ("Sớm nhất có thể", "unknown", None, None, None),
    ("13/2025", "unknown", None, None, None),
    ("31/02/2025", "unknown", None, None, None),
]


@pytest.mark.parametrize(("raw", "kind", "start", "end", "recurrence"), FORMS)
def test_normalises_each_deadline_form(raw, kind, start, end, recurrence):
    found = parse_deadline(raw)
    assert (found.kind, found.start, found.end, found.recurrence) == (kind, start, end, recurrence)
    assert found.raw == raw
    assert found.parts == []


@pytest.mark.parametrize(("phrase", "recurrence"), sorted(VOCAB["recurring"].items()))
def test_every_recurring_phrase_of_the_data_file_is_recurring(phrase, recurrence):
    found = parse_deadline(phrase.capitalize())
    assert (found.kind, found.recurrence) == ("recurring", recurrence)


@pytest.mark.parametrize("prefix", VOCAB["relative_prefixes"])
def test_every_relative_prefix_of_the_data_file_makes_a_relative_deadline(prefix):
    assert parse_deadline(f"{prefix.capitalize()} khi Bộ trưởng quyết định").kind == "relative"


@pytest.mark.parametrize("word", VOCAB["from_words"])
def test_every_start_word_opens_a_range_without_an_end(word):
    found = parse_deadline(f"{word.capitalize()} 2027")
    assert (found.kind, found.start, found.end) == ("range", "2027-01-01", None)


@pytest.mark.parametrize("word", VOCAB["by_words"])
def test_every_end_word_closes_a_range_without_a_start(word):
    found = parse_deadline(f"{word.capitalize()} tháng 6/2027")
    assert (found.kind, found.start, found.end) == ("range", None, "2027-06-30")


@pytest.mark.parametrize(
    ("prefix", "period"), [(p, q) for p in VOCAB["due_day_prefixes"] for q in VOCAB["due_day_periods"]]
)
def test_every_due_day_form_is_recurring_with_its_day(prefix, period):
    found = parse_deadline(f"{prefix} 20 {period}")
    assert found.kind == "recurring"
    assert found.recurrence == f"{VOCAB['due_day_periods'][period]};day=20"


def test_keeps_both_parts_of_a_two_line_cell_and_takes_the_dated_one():
    found = parse_deadline("Chuẩn: tháng 12/2025\nCác kết quả khác: Theo yêu cầu thực tế")
    assert (found.kind, found.start, found.end) == ("month", "2025-12-01", "2025-12-31")
    assert [(p.raw, p.kind, p.start) for p in found.parts] == [
        ("Chuẩn: tháng 12/2025", "month", "2025-12-01"),
        ("Các kết quả khác: Theo yêu cầu thực tế", "relative", None),
    ]


def test_a_cell_whose_first_part_is_relative_takes_the_dated_second_part():
    found = parse_deadline(
        "Danh mục công nghệ trọng điểm: theo tiến độ của Bộ KHCN.\nBộ chỉ số đổi mới sáng tạo: từ 2026"
    )
    assert (found.kind, found.start, found.end) == ("range", "2026-01-01", None)
    assert [p.kind for p in found.parts] == ["relative", "range"]


def test_splits_a_one_line_cell_of_comma_separated_deadlines_into_parts():
    found = parse_deadline("Chương trình KHCN cấp Bộ: từ 2025, Đề án quý IV/2025")
    assert [(p.kind, p.start, p.end) for p in found.parts] == [
        ("range", "2025-01-01", None),
        ("quarter", "2025-10-01", "2025-12-31"),
    ]


def test_a_comma_inside_one_expression_does_not_split_it():
    found = parse_deadline("Sau khi Luật KH,CN được sửa đổi")
    assert (found.kind, found.parts) == ("relative", [])


def test_uses_the_plan_year_for_a_date_without_one_and_gives_up_without_it():
    assert parse_deadline("Tháng 10", ref_year=2025).start == "2025-10-01"
    assert parse_deadline("15/10", ref_year=2025).end == "2025-10-15"
    assert parse_deadline("Tháng 10").kind == "unknown"


def test_an_empty_cell_is_unknown():
    assert parse_deadline("").kind == "unknown"
    assert parse_deadline("  \n ").kind == "unknown"


def test_parse_expression_wants_the_whole_text_and_parse_part_finds_a_labelled_one():
    assert parse_expression("Xây dựng kế hoạch năm 2025") is None
    assert parse_expression("Năm 2025").kind == "year"
    assert parse_part("Đề án quý IV/2025").kind == "quarter"
    assert parse_part("Chuẩn: tháng 12/2025").start == "2025-12-01"


@given(st.text(max_size=80))
def test_never_raises_and_always_returns_a_known_kind(text):
    found = parse_deadline(text)
    assert found.kind in {
        "date",
        "month",
        "quarter",
        "half",
        "year",
        "range",
        "recurring",
        "relative",
        "unknown",
    }
    if found.start and found.end:
        assert found.start <= found.end


# --- spans counted from the signing or issue (python-dateutil's relativedelta) ----------------------

ISSUED = date(2025, 8, 31)

# cell → end of the span from a document issued on 2025-08-31, None when it is no span from the issue
SPANS = [
    ("Trong 30 ngày kể từ ngày ký", "2025-09-30"),
    ("Trong vòng 06 tháng kể từ ngày ban hành", "2026-02-28"),  # no 31 February: the month's last day
    ("Trong 2 tuần kể từ ngày ký", "2025-09-14"),
    ("Trong thời hạn 1 năm kể từ ngày ký ban hành Quyết định này", "2026-08-31"),
    ("Chậm nhất 45 ngày kể từ ngày ký.", "2025-10-15"),
    ("Sau 3 tháng tính từ ngày ban hành", "2025-11-30"),
    ("Trong 15 ngày làm việc kể từ ngày ký", None),  # working days: holidays are not known
    ("Trong 30 ngày kể từ ngày nhận được hồ sơ", None),  # another event
    ("Trong 1 năm kể từ ngày ký ban hành Quyết định 12/QĐ-UBND", None),  # another document's signing
    ("Tháng 12/2025", None),
]


@pytest.mark.parametrize(("raw", "end"), SPANS)
def test_a_span_from_the_signing_ends_by_the_calendar(raw, end):
    assert span_end(raw, ISSUED) == end


@pytest.mark.parametrize("raw", [raw for raw, _ in SPANS if not raw.startswith("Tháng")])
def test_a_span_from_any_event_is_relative_without_dates_until_the_issue_date_is_known(raw):
    found = parse_deadline(raw)
    assert (found.kind, found.start, found.end) == ("relative", None, None)


def test_february_29_plus_a_year_is_february_28():
    assert span_end("Trong 1 năm kể từ ngày ký", date(2028, 2, 29)) == "2029-02-28"


@pytest.mark.parametrize(("unit", "field"), sorted(VOCAB["span_units"].items()))
def test_every_span_unit_of_the_data_file_counts_its_own_field(unit, field):
    steps = {"days": "2025-09-02", "weeks": "2025-09-14", "months": "2025-10-31", "years": "2027-08-31"}
    assert span_end(f"Trong 2 {unit} kể từ ngày ký", ISSUED) == steps[field]


@pytest.mark.parametrize("event", VOCAB["issue_events"])
def test_every_issue_event_of_the_data_file_is_counted_from_the_issue_date(event):
    assert span_end(f"Trong 10 ngày kể từ {event}", ISSUED) == "2025-09-10"


@pytest.mark.parametrize("prefix", VOCAB["span_prefixes"])
def test_every_span_prefix_of_the_data_file_opens_a_span(prefix):
    assert span_end(f"{prefix.capitalize()} 10 ngày kể từ ngày ký", ISSUED) == "2025-09-10"


@pytest.mark.parametrize("link", VOCAB["span_links"])
def test_every_span_link_of_the_data_file_ties_the_span_to_its_event(link):
    assert span_end(f"Trong 10 ngày {link} ngày ký", ISSUED) == "2025-09-10"


def test_the_pipeline_dates_a_span_row_from_the_issue_date_and_leaves_the_others():
    text = "\n".join(
        [
            "ỦY BAN NHÂN DÂN",
            "TỈNH A",
            "Số: 12/KH-UBND",
            "A, ngày 31 tháng 8 năm 2025",
            "KẾ HOẠCH",
            "Thực hiện chuyển đổi số",
            "I. MỤC ĐÍCH",
            "Nội dung kế hoạch.",
            "PHỤ LỤC",
            "| TT | Nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành |",
            "|---|---|---|---|",
            "| 1 | Xây dựng quy chế | Sở Y tế | Trong 30 ngày kể từ ngày ký |",
            "| 2 | Báo cáo kết quả | Sở Y tế | Trong 15 ngày làm việc kể từ ngày ký |",
            "| 3 | Tổng kết | Sở Y tế | Tháng 12/2025 |",
            "",
        ]
    )
    doc = parse_text(text)
    assert doc.issued_on == "2025-08-31"
    deadlines = [(r.deadline.kind, r.deadline.start, r.deadline.end) for r in doc.appendices[0].rows]
    assert deadlines == [
        ("relative", "2025-08-31", "2025-09-30"),
        ("relative", None, None),
        ("month", "2025-12-01", "2025-12-31"),
    ]
