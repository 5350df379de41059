"""Appendix tables (tables.py) and the `nq57parse table` command, on seed 004 and small samples."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources

import pytest
import yaml
from conftest import sample
from typer.testing import CliRunner

from nq57parse.cli import app
from nq57parse.models import Appendix, SourceLine
from nq57parse.pipeline import parse_file, parse_text
from nq57parse.tables import (
    _cues,
    align_row,
    column_key,
    is_separator_row,
    rebuild_appendix,
    split_pipe_row,
)

SEED = sample("quyet-dinh-2121-QD-BYT.txt")
HEADER = ["TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Kết quả", "Thời gian hoàn thành"]


def appendix_of(lines: list[str], first: int = 10) -> Appendix:
    return Appendix(
        title="PHỤ LỤC",
        line=first - 1,
        lines=[SourceLine(line=first + i, text=t) for i, t in enumerate(lines) if t.strip()],
    )


@pytest.fixture(scope="module")
def seed_table() -> Appendix:
    """Lines 106–576 of seed 004, built by hand (independent of the core parser)."""
    text = SEED.read_text(encoding="utf-8").split("\n")
    body = [SourceLine(line=n, text=text[n - 1].strip()) for n in range(106, 577) if text[n - 1].strip()]
    rebuilt, _ = rebuild_appendix(Appendix(title="PHỤ LỤC", line=103, lines=body))
    return rebuilt


@pytest.fixture(scope="module")
def seed_rows(seed_table) -> dict:
    return {row.tt: row for row in seed_table.rows}


# --- seed 004 --------------------------------------------------------------------------------------


def test_reads_the_six_columns_of_the_seed_header(seed_table):
    assert [(c.key, c.title) for c in seed_table.columns] == list(
        zip(["tt", "task", "lead", "partners", "result", "deadline"], HEADER, strict=True)
    )
    assert [h.line for h in seed_table.header_lines] == [106, 107, 108, 109, 110, 111]


def test_finds_the_seven_groups_of_the_seed(seed_table):
    assert [(g.label, g.line) for g in seed_table.groups] == [
        ("I", 112),
        ("II", 193),
        ("III", 277),
        ("IV", 420),
        ("V", 459),
        ("VI", 507),
        ("VII", 557),
    ]
    assert seed_table.groups[2].title == (
        "Tăng cường đầu tư, hoàn thiện hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
    )


def test_finds_exactly_the_79_rows_of_the_seed_in_order(seed_table):
    expected = [str(n) for n in range(1, 59)]
    expected[10:10] = ["10.1", "10.2", "10.3"]
    expected[14:14] = [f"11.{i}" for i in range(1, 7)]
    at = expected.index("27") + 1
    expected[at:at] = [f"27.{i}" for i in range(1, 13)]
    assert [r.tt for r in seed_table.rows] == expected
    assert len(seed_table.rows) == 79
    assert seed_table.lines == []


def test_a_sub_row_knows_its_parent_and_group(seed_rows):
    row = seed_rows["27.1"]
    assert (row.parent, row.group, row.line, row.end_line) == ("27", "III", 318, 322)
    assert (seed_rows["27"].parent, seed_rows["10.3"].parent, seed_rows["58"].group) == (None, "10", "VII")


# The hard rows of the issue, every cell (tt, task, lead, partners, result, deadline).
HARD_ROWS = {
    "4": (
        "Đề xuất quy định về tỷ lệ cán bộ có chuyên môn, kinh nghiệm về khoa học kỹ thuật trong đội ngũ lãnh đạo từng đơn vị thuộc, trực thuộc Bộ theo từng giai đoạn, bảo đảm thực hiện quy định tại Nghị quyết số 71/NQ-CP.",
        "Vụ tổ chức cán bộ",
        "Các đơn vị thuộc, trực thuộc Bộ",
        "- Văn bản hướng dẫn của Bộ Y tế\n- Quyết định ban hành kế hoạch của đơn vị",
        "Nhiệm vụ thường xuyên",
    ),
    "10": (
        "Định kỳ đánh giá, công bố mức độ hoàn thành nhiệm vụ chuyển đổi số của các đơn vị thuộc, trực thuộc Bộ Y tế",
        "Cục Khoa học công nghệ và Đào tạo",
        "Các đơn vị thuộc, trực thuộc Bộ",
        "Mức độ hoàn thành nhiệm vụ chuyển đổi số của các đơn vị thuộc, trực thuộc Bộ Y tế được công bố",
        "Định kỳ",
    ),
    "11.1": ("Ban hành Nghị định quy định quản lý dữ liệu y tế", "", "", "", "Tháng 6/2025"),
    "11.2": (
        "Xây dựng các hướng dẫn về nghiên cứu ứng dụng và thí điểm áp dụng sản phẩm, kỹ thuật, phương pháp, công nghệ mới trong lĩnh vực y tế (in 3D cá thể hoá, ứng dụng AI, tế bào gốc…)",
        "",
        "",
        "",
        "Sau khi Luật KH,CN và các văn bản liên quan được sửa đổi",
    ),
    "11.3": (
        "Sửa đổi Thông tư số 24/2023/TT-BYT ngày 18 tháng 12 năm 2023 của Bộ Y tế quy định về quản lý nhiệm vụ khoa học và công nghệ thuộc trách nhiệm của Bộ Y tế và rà soát, sửa đổi, bổ sung, hoàn thiện các văn bản pháp luật về khoa học, công nghệ đặc thù trong lĩnh vực y tế",
        "",
        "",
        "",
        "Sau khi Luật KH,CN và các văn bản liên quan được sửa đổi",
    ),
    "11.4": (
        "Thông tư thay thế Thông tư số 46/2018/TT-BYT ngày 28/12/2018 quy định hồ sơ bệnh án điện tử",
        "",
        "",
        "",
        "Tháng 6/2025",
    ),
    "11.5": (
        "Thông tư bộ chỉ số chuyển đổi số trong 11.5 lĩnh vực khám bệnh, chữa bệnh",
        "",
        "",
        "",
        "12/2025",
    ),
    "11.6": (
        "Các văn bản quy phạm pháp luật có liên quan khác",
        "Cục Khoa học công nghệ và Đào tạo",
        "",
        "",
        "12/2025",
    ),
    "15": (
        "Tham gia xây dựng danh mục các lĩnh vực, công nghệ tiên tiến, trọng điểm ngành y tế để thu hút, sử dụng hiệu quả mọi nguồn lực đầu tư ứng dụng khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số y tế; xây dựng bộ chỉ số đổi mới sáng tạo về khoa học, công nghệ ngành y tế.",
        "Cục Khoa học công nghệ và Đào tạo",
        "Các cơ sở nghiên cứu",
        "Danh mục công nghệ trọng điểm;\nBộ chỉ số đổi mới sáng tạo của ngành y tế",
        "Danh mục công nghệ trọng điểm: theo tiến độ của Bộ KHCN.\nBộ chỉ số đổi mới sáng tạo: từ 2026",
    ),
    "19": (
        "Ban hành và thực thi đầy đủ các chiến lược, chuẩn, tiêu chuẩn, quy chuẩn kỹ thuật về dữ liệu trong lĩnh vực y tế.",
        "Cục Khoa học công nghệ và Đào tạo",
        "Các đơn vị thuộc, trực thuộc Bộ",
        "Các chiến lược, chuẩn, tiêu chuẩn, quy chuẩn kỹ thuật được ban hành",
        "Chuẩn: tháng 12/2025\nCác kết quả khác: Theo yêu cầu thực tế",
    ),
    "27": (
        "Hoàn thiện triển khai xây dựng, đưa vào khai thác sử dụng các Cơ sở dữ liệu quốc gia, Cơ sở dữ liệu chuyên ngành; đồng bộ dữ liệu về Trung tâm dữ liệu quốc gia",
        "",
        "",
        "Cơ sở dữ liệu quốc gia, cơ sở dữ liệu chuyên ngành được xây dựng, đưa vào khai thác, sử dụng",
        "",
    ),
    "27.1": (
        "Cơ sở dữ liệu cơ sở trợ giúp xã hội",
        "Cục Bảo trợ xã hội",
        "",
        "Hoàn thành, khai thác sử dụng",
        "Tháng 12/2025",
    ),
    "31": (
        "Triển khai Số sức khỏe điện tử",
        "Cục Quản lý khám, chữa bệnh",
        "Các cơ sở y tế, Cục Khoa học công nghệ và Đào tạo",
        "95% người dân có Sổ sức khỏe điện tử",
        "2030",
    ),
    "36": (
        "Đổi mới chương trình đào tạo nhân lực y tế; Xây dựng và triển khai các chương trình đào tạo chuyên khoa trong lĩnh vực sức khỏe",
        "Các cơ sở đào tạo NLYT",
        "Cục Khoa học công nghệ và Đào tạo;\nCác đơn vị thuộc Bộ",
        "Chương trình đào tạo được đổi mới, bổ sung/tăng cường các nội dung về KHCN, ĐMST và chuyển đổi số",
        "Thường xuyên",
    ),
    "37": (
        "Xây dựng, kết nối và phát triển mạng lưới chuyên gia, nhà khoa học trong nước và quốc tế trong lĩnh vực y tế.",
        "Cục Khoa học công nghệ và Đào tạo",
        "Các đơn vị nghiên cứu triển khai",
        "Ngân hàng chuyên gia, mạng lưới các chuyên gia, nhà khoa học được hình thành và hoạt động thường xuyên",
        "2025",
    ),
    "45": (
        "Triển khai Đề án chuyển đổi số của Bệnh viện Bạch Mai, tỉnh Bắc Ninh và nhân rộng",
        "Bệnh viện Bạch Mai",
        "- Cơ quan, đơn vị liên quan của tỉnh Bắc Ninh\n- Cơ quan, đơn vị liên quan của Bộ Công an, BHXHVN\n"
        "- Cục Khoa học công nghệ và Đào tạo, Cục Quản lý Khám, chữa bệnh, Trung tâm Thông tin y tế Quốc gia",
        "Đề án",
        "9/2025",
    ),
    "47": (
        "Xây dựng hệ thống liên thông dữ liệu ngành y tế",
        "Cục Khoa học công nghệ và Đào tạo",
        "Các đơn vị thuộc Bộ Y tế",
        "Hệ thống đưa vào sử dụng toàn quốc",
        "2026",
    ),
    "58": (
        "Triển khai thực hiện việc mua, chuyển giao công nghệ y tế tiên tiến theo quy định và phù hợp với điều kiện của ngành y tế Việt Nam. Chủ động, tích cực tham gia xây dựng các quy tắc, tiêu chuẩn quốc tế về các công nghệ mới trong y tế.",
        "Các đơn vị trực thuộc Bộ Y tế, các đơn vị nghiên cứu triển khai",
        "Vụ Kế hoạch Tài chính, các đơn vị thuộc Bộ",
        "Một số công nghệ tiên tiến được nghiên cứu chuyển giao đưa vào ứng dụng",
        "2030",
    ),
}


@pytest.mark.parametrize("tt", sorted(HARD_ROWS))
def test_rebuilds_every_cell_of_the_hard_seed_rows(seed_rows, tt):
    task, lead, partners, result, deadline = HARD_ROWS[tt]
    assert seed_rows[tt].cells == {
        "tt": tt,
        "task": task,
        "lead": lead,
        "partners": partners,
        "result": result,
        "deadline": deadline,
    }


def test_the_sub_rows_of_27_have_no_partners(seed_rows):
    for n in range(1, 13):
        row = seed_rows[f"27.{n}"]
        assert row.cells["partners"] == "" and row.cell_lines["partners"] == []
        assert [row.cell_lines[k] for k in ("task", "lead", "result", "deadline")] == [
            [row.line + 1],
            [row.line + 2],
            [row.line + 3],
            [row.line + 4],
        ]
        assert row.cells["result"] == "Hoàn thành, khai thác sử dụng"


def test_every_other_seed_row_has_one_line_per_cell_in_printed_order(seed_rows):
    text = SEED.read_text(encoding="utf-8").split("\n")
    for tt, row in seed_rows.items():
        if tt in HARD_ROWS or tt == "46" or tt.startswith(("11.", "27.")):
            continue
        assert [row.cell_lines[k] for k in ("task", "lead", "partners", "result", "deadline")] == [
            [row.line + 1],
            [row.line + 2],
            [row.line + 3],
            [row.line + 4],
            [row.line + 5],
        ], tt
        assert row.cells["deadline"] == text[row.line + 4].strip()


def test_row_46_like_row_45_has_three_dash_lines_of_partners(seed_rows):
    assert seed_rows["46"].cell_lines["partners"] == [496, 497, 498]
    assert seed_rows["46"].cells["result"] == "Đề án"


def test_keeps_a_year_alone_on_a_line_as_the_deadline(seed_rows):
    for tt, year in (("31", "2030"), ("37", "2025"), ("47", "2026"), ("58", "2030")):
        deadline = seed_rows[tt].deadline
        assert (deadline.raw, deadline.kind, deadline.start, deadline.end) == (
            year,
            "year",
            f"{year}-01-01",
            f"{year}-12-31",
        )


def test_normalises_the_seed_deadlines(seed_rows):
    assert seed_rows["10"].deadline.model_dump(exclude={"parts"}) == {
        "raw": "Định kỳ",
        "kind": "recurring",
        "start": None,
        "end": None,
        "recurrence": "periodic",
    }
    assert (seed_rows["27.1"].deadline.kind, seed_rows["27.1"].deadline.end) == ("month", "2025-12-31")
    assert (seed_rows["35"].deadline.kind, seed_rows["35"].deadline.start) == ("range", "2025-01-01")
    assert seed_rows["11.2"].deadline.kind == "relative"
    assert seed_rows["57"].deadline.kind == "quarter"
    assert [p.kind for p in seed_rows["19"].deadline.parts] == ["month", "relative"]
    assert seed_rows["27"].deadline is None


def test_every_seed_body_line_is_owned_exactly_once(seed_table):
    owned = [h.line for h in seed_table.header_lines]
    for group in seed_table.groups:
        owned += list(range(group.line, (group.end_line or group.line) + 1))
    for row in seed_table.rows:
        owned += sorted({row.line, *(n for lines in row.cell_lines.values() for n in lines)})
    owned += [s.line for s in seed_table.lines]
    text = SEED.read_text(encoding="utf-8").split("\n")
    assert sorted(owned) == [n for n in range(106, 577) if text[n - 1].strip()]


def test_flags_a_row_label_repeated_inside_its_own_cell():
    text = SEED.read_text(encoding="utf-8").split("\n")
    body = [SourceLine(line=n, text=text[n - 1].strip()) for n in range(106, 577)]
    _, diagnostics = rebuild_appendix(Appendix(title="PHỤ LỤC", line=103, lines=body))
    assert [(d.code, d.severity, d.line) for d in diagnostics] == [("NQ303", "warning", 214)]


def test_the_whole_pipeline_rebuilds_the_seed_table_and_leaves_nothing_unparsed():
    doc = parse_file(str(SEED))
    appendix = doc.appendices[0]
    assert (len(appendix.groups), len(appendix.rows), appendix.lines) == (7, 79, [])
    assert doc.unparsed == []
    assert [d.code for d in doc.diagnostics if d.code.startswith("NQ3") or d.code == "NQ000"] == ["NQ303"]


# --- header, sequence and alignment on small tables ------------------------------------------------

COLUMNS = yaml.safe_load(
    resources.files("nq57parse.data").joinpath("table_columns.yaml").read_text(encoding="utf-8")
)["columns"]


@pytest.mark.parametrize(("key", "title"), [(k, t) for k, titles in COLUMNS.items() for t in titles])
def test_every_header_variant_of_the_data_file_maps_to_its_column_key(key, title):
    assert column_key(title) == key
    assert column_key(title.upper()) == key
    assert column_key(f"{title} (*)") == key


def test_an_ordinary_line_is_not_a_column_title():
    assert column_key("Xây dựng kế hoạch") is None
    assert column_key("Cục Khoa học công nghệ và Đào tạo") is None


# one line per cue of table_cues.yaml that the cue must find, and one it must not
CUE_EXAMPLES = {
    "org_unit": ("Vụ tổ chức cán bộ", "Văn bản hướng dẫn"),
    "org_capitalised": ("Bộ Công an", "Bộ chỉ số đổi mới sáng tạo"),
    "org_plural": ("Các cơ sở đào tạo NLYT", "Các cơ sở dữ liệu chuyên ngành"),
    "org_acronym": ("UBND các tỉnh", "Ủng hộ"),
    "org_list": ("Vụ KHTC, các đơn vị thuộc, trực thuộc Bộ", "Chương trình, kế hoạch công tác"),
    "result_passive": ("Các chính sách được ban hành", "Được sự đồng ý của Bộ"),
    "result_product": ("QĐ của BYT ban hành Kế hoạch", "Xây dựng kế hoạch"),
    "result_outcome": ("95% người dân có Sổ sức khỏe điện tử", "Xây dựng kế hoạch"),
    "task_verb": ("Triển khai Số sức khỏe điện tử", "Cục Phòng bệnh"),
    "time_month_year": ("Bộ chỉ số đổi mới sáng tạo: từ 2026", "Văn bản số 1552/BTTTT-TTH"),
    "time_routine": ("Thường xuyên", "Tạo xung lực mới"),
}


def test_every_cue_of_the_data_file_has_an_example():
    assert sorted(c.name for c in _cues()) == sorted(CUE_EXAMPLES)


@pytest.mark.parametrize("cue", _cues(), ids=lambda c: c.name)
def test_each_cue_finds_its_example_and_not_its_counter_example(cue):
    hit, miss = CUE_EXAMPLES[cue.name]
    assert cue.pattern.search(hit)
    assert not cue.pattern.search(miss)


def test_a_lone_number_inside_a_cell_is_text_not_a_row():
    rebuilt, _ = rebuild_appendix(
        appendix_of(
            [
                *HEADER,
                "1.",
                "Xây dựng kế hoạch",
                "Văn phòng Bộ",
                "12",
                "Kế hoạch",
                "2030",
                "2.",
                "Tổ chức hội nghị",
            ]
        )
    )
    assert [r.tt for r in rebuilt.rows] == ["1", "2"]
    assert rebuilt.rows[0].cells == {
        "tt": "1",
        "task": "Xây dựng kế hoạch",
        "lead": "Văn phòng Bộ",
        "partners": "12",
        "result": "Kế hoạch",
        "deadline": "2030",
    }


def test_reads_labels_written_at_the_start_of_the_task_line():
    rebuilt, _ = rebuild_appendix(
        appendix_of(
            [
                "STT",
                "Nội dung",
                "Cơ quan chủ trì",
                "Thời hạn",
                "1. Rà soát quy trình",
                "Văn phòng Bộ",
                "Quý IV/2025",
                "2. Số hóa hồ sơ",
                "Cục Quản lý Dược",
                "2026",
            ]
        )
    )
    assert [(r.tt, r.cells["task"], r.cells["lead"], r.cells["deadline"]) for r in rebuilt.rows] == [
        ("1", "Rà soát quy trình", "Văn phòng Bộ", "Quý IV/2025"),
        ("2", "Số hóa hồ sơ", "Cục Quản lý Dược", "2026"),
    ]
    assert rebuilt.rows[0].cell_lines["task"] == [rebuilt.rows[0].line]


def test_joins_a_column_title_printed_over_two_lines():
    rebuilt, _ = rebuild_appendix(
        appendix_of(
            ["TT", "Nhiệm vụ", "Chủ trì", "Thời gian", "hoàn thành", "1.", "Rà soát", "Văn phòng Bộ", "2026"]
        )
    )
    assert [c.key for c in rebuilt.columns] == ["tt", "task", "lead", "deadline"]
    assert rebuilt.columns[-1].title == "Thời gian hoàn thành"
    assert rebuilt.rows[0].cells["deadline"] == "2026"


def test_numbering_restarts_after_a_group_when_the_plan_numbers_each_group():
    rebuilt, _ = rebuild_appendix(
        appendix_of(
            [
                *HEADER,
                "I.",
                "Thể chế",
                "1.",
                "Sửa Thông tư",
                "Vụ Pháp chế",
                "2026",
                "II.",
                "Hạ tầng",
                "1.",
                "Nâng cấp mạng",
                "Trung tâm Thông tin y tế Quốc gia",
                "2027",
            ]
        )
    )
    assert [(r.group, r.tt) for r in rebuilt.rows] == [("I", "1"), ("II", "1")]


def test_reports_a_skipped_and_a_repeated_label():
    rebuilt, diagnostics = rebuild_appendix(
        appendix_of(
            [
                *HEADER,
                "1.",
                "Việc một",
                "Văn phòng Bộ",
                "2026",
                "3.",
                "Việc ba",
                "Vụ Pháp chế",
                "2026",
                "3.",
                "Việc ba lặp",
                "Vụ Pháp chế",
                "2027",
            ]
        )
    )
    assert [r.tt for r in rebuilt.rows] == ["1", "3", "3"]
    assert [(d.code, d.line) for d in diagnostics] == [("NQ301", 20), ("NQ302", 24)]


def test_an_appendix_without_a_header_keeps_its_lines_and_says_why():
    appendix = appendix_of(["1.", "Nội dung thứ nhất", "2.", "Nội dung thứ hai"])
    rebuilt, diagnostics = rebuild_appendix(appendix)
    assert rebuilt == appendix
    assert [(d.code, d.severity) for d in diagnostics] == [("NQ304", "warning")]
    _, quiet = rebuild_appendix(appendix_of(["Mẫu báo cáo", "Tên đơn vị"]))
    assert [(d.code, d.severity) for d in quiet] == [("NQ304", "info")]


def test_lines_before_the_header_stay_in_lines_and_unknown_deadlines_are_noted():
    rebuilt, diagnostics = rebuild_appendix(
        appendix_of(["Đơn vị tính: nhiệm vụ", *HEADER, "1.", "Rà soát", "Vụ Pháp chế", "Khi nào xong"])
    )
    assert [s.text for s in rebuilt.lines] == ["Đơn vị tính: nhiệm vụ"]
    assert sorted(d.code for d in diagnostics) == ["NQ306", "NQ307"]


def test_align_row_puts_organisations_results_and_times_in_their_columns():
    keys = ["task", "lead", "partners", "result", "deadline"]
    assert align_row(["Xây dựng đề án", "Cục Phòng bệnh", "Đề án được phê duyệt", "Quý II/2026"], keys) == [
        0,
        1,
        3,
        4,
    ]
    assert align_row(["Xây dựng đề án", "Tháng 6/2026"], keys) == [0, 4]
    assert align_row(["Xây dựng đề án", "Văn phòng Bộ", "- Vụ A", "- Vụ B", "Báo cáo"], keys) == [
        0,
        1,
        2,
        2,
        3,
    ]
    assert align_row([], keys) == []


# --- pipe tables -----------------------------------------------------------------------------------


def test_split_pipe_row_reads_cells_line_breaks_and_escaped_pipes():
    assert split_pipe_row("| 1. | Xây dựng<br>kế hoạch | |") == ["1.", "Xây dựng\nkế hoạch", ""]
    assert split_pipe_row("|a \\| b|c<BR/>d|") == ["a | b", "c\nd"]
    assert split_pipe_row("Không phải bảng") is None
    assert is_separator_row(split_pipe_row("|---|:--:| --- |"))
    assert not is_separator_row(split_pipe_row("| 1 | a |"))


PIPE = [
    "| STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời hạn | Ghi chú |",
    "|---|---|---|---|---|---|---|",
    "| I | **Hoàn thiện thể chế** | | | | | |",
    "| 1 | Xây dựng Thông tư | Vụ Pháp chế | Cục Quản lý Dược | Thông tư<br>được ban hành | Quý IV/2025 | |",
    "| | - bổ sung quy định | | | | | |",
    "| 1.1 | Lấy ý kiến | Vụ Pháp chế | | Báo cáo | 9/2025 | Gấp |",
    "| 2 | Tập huấn | Sở Y tế | | Lớp tập huấn | Hằng năm | |",
]


def test_builds_rows_straight_from_a_pipe_table():
    rebuilt, diagnostics = rebuild_appendix(appendix_of(PIPE))
    assert diagnostics == []
    assert [c.key for c in rebuilt.columns] == [
        "tt",
        "task",
        "lead",
        "partners",
        "result",
        "deadline",
        "note",
    ]
    assert [h.line for h in rebuilt.header_lines] == [10, 11]
    assert [(g.label, g.title, g.line) for g in rebuilt.groups] == [("I", "Hoàn thiện thể chế", 12)]
    first = rebuilt.rows[0]
    assert first.cells["task"] == "Xây dựng Thông tư\n- bổ sung quy định"
    assert first.cells["result"] == "Thông tư\nđược ban hành"
    assert (first.cell_lines["task"], first.end_line, first.deadline.kind) == ([13, 14], 14, "quarter")
    assert [(r.tt, r.parent, r.group, r.cells["note"]) for r in rebuilt.rows] == [
        ("1", None, "I", ""),
        ("1.1", "1", "I", "Gấp"),
        ("2", None, "I", ""),
    ]


def test_a_pipe_row_with_the_wrong_number_of_cells_is_reported_and_padded():
    rebuilt, diagnostics = rebuild_appendix(appendix_of([*PIPE[:2], "| 1 | Việc | Vụ Pháp chế |"]))
    assert [(d.code, d.line) for d in diagnostics] == [("NQ308", 12)]
    assert rebuilt.rows[0].cells["deadline"] == ""


def test_a_markdown_document_with_a_pipe_table_appendix_parses_through_the_pipeline():
    text = "\n".join(
        ["QUYẾT ĐỊNH", "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.", "PHỤ LỤC", *PIPE, ""]
    )
    doc = parse_text(text)
    rows = doc.appendices[0].rows if doc.appendices else []
    assert [r.tt for r in rows] == ["1", "1.1", "2"]


# --- the command ----------------------------------------------------------------------------------

runner = CliRunner()


def test_table_csv_of_the_seed_has_a_header_and_79_rows_with_a_bom():
    result = runner.invoke(app, ["table", str(SEED), "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeff")
    records = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert records[0] == [
        "tt",
        "group",
        "parent",
        "task",
        "lead",
        "partners",
        "result",
        "deadline",
        "deadline_kind",
        "deadline_start",
        "deadline_end",
    ]
    assert len(records) == 80
    by_tt = {r[0]: r for r in records[1:]}
    assert by_tt["27.1"][:3] == ["27.1", "III", "27"]
    # a cell opening with '-' is written with a leading "'" so that a spreadsheet does not run it
    assert by_tt["4"][6] == "'- Văn bản hướng dẫn của Bộ Y tế\n- Quyết định ban hành kế hoạch của đơn vị"
    assert by_tt["1"][-3:] == ["month", "2025-06-01", "2025-06-30"]


def test_table_json_lists_columns_groups_and_rows(tmp_path):
    out = tmp_path / "t.json"
    result = runner.invoke(app, ["table", str(SEED), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data) == 1
    assert sorted(data[0]) == ["columns", "groups", "heading", "line", "note", "rows", "title"]
    assert (len(data[0]["groups"]), len(data[0]["rows"])) == (7, 79)


def test_table_markdown_reads_back_into_the_same_rows():
    result = runner.invoke(app, ["table", str(SEED), "--format", "markdown"])
    assert result.exit_code == 0
    pipe = [line for line in result.stdout.split("\n") if line.startswith("|")]
    rebuilt, _ = rebuild_appendix(appendix_of(pipe))
    original = parse_file(str(SEED)).appendices[0]
    assert [r.cells for r in rebuilt.rows] == [r.cells for r in original.rows]
    assert [g.title for g in rebuilt.groups] == [g.title for g in original.groups]


def test_table_without_format_prints_a_terminal_table():
    result = runner.invoke(app, ["table", str(SEED)])
    assert result.exit_code == 0
    assert "79 rows" in result.stdout
    assert "\x1b[" not in result.stdout


def test_table_of_a_file_without_an_appendix_table_exits_1_with_one_line():
    result = runner.invoke(app, ["table", str(sample("chi-thi.txt")), "--format", "csv"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.fullmatch(r"nq57parse: .*chi-thi\.txt: no appendix table found\n", result.stderr)


def test_table_of_an_unreadable_file_or_a_bad_format_exits_2(tmp_path):
    missing = runner.invoke(app, ["table", str(tmp_path / "missing.txt")])
    assert missing.exit_code == 2
    assert missing.stderr.count("\n") == 1
    bad = runner.invoke(app, ["table", str(SEED), "--format", "xlsx"])
    assert bad.exit_code == 2
    assert "--format" in bad.stderr


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("trong 11.5 lĩnh vực", True),
        ("11.5", True),
        ("mục 11.5.", True),
        ("trong 111.5 lĩnh vực", False),
        ("trong 11.52 lĩnh vực", False),
        ("trong 2.11.5 lĩnh vực", False),
        ("không có nhãn", False),
    ],
)
def test_a_row_label_counts_as_repeated_only_as_a_number_of_its_own(text: str, holds: bool) -> None:
    from nq57parse.tables import _holds_label

    assert _holds_label(text, "11.5") is holds


def test_sub_rows_whose_parent_label_is_missing_stay_rows_with_a_diagnostic() -> None:
    from nq57parse.pipeline import parse_text

    lines = sample("quyet-dinh-2121-QD-BYT.txt").read_text(encoding="utf-8").split("\n")
    lines.remove("27.")
    doc = parse_text("\n".join(lines))
    rows = [r.tt for r in doc.appendices[0].rows]
    assert len(rows) == 78 and rows[rows.index("26") + 1 : rows.index("26") + 13] == [
        f"27.{k}" for k in range(1, 13)
    ]
    assert ("NQ301", 317) in {(d.code, d.line) for d in doc.diagnostics}
