"""Random action-plan tables, flattened one cell per line as a copy out of Word gives them.

In: a ``random.Random``. Out: a ``GeneratedTable`` (the truth: columns, groups, rows with the lines of
each cell) whose ``lines`` are the flattened text (header titles, then per row its TT label and the
lines of its non-empty cells; empty cells simply missing). ``to_appendix`` wraps the lines in an
``Appendix`` for ``tables.rebuild_appendix``; ``score`` counts the cells it got right.

The vocabulary is written here, independently of the parser's cue data, and includes names and
phrases that no cue names (``Nhà xuất bản Y học``, ``Nội dung trong quy chế …``), years and
sub-numbers inside cells, dash lists, lines ending in ``;`` and cells of several parts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from nq57parse.models import Appendix, SourceLine

TITLES = {
    "tt": ["TT", "STT"],
    "task": ["Tên nhiệm vụ", "Nội dung", "Nội dung công việc", "Nhiệm vụ"],
    "lead": ["Đơn vị chủ trì", "Cơ quan chủ trì", "Chủ trì"],
    "partners": ["Đơn vị phối hợp", "Cơ quan phối hợp", "Phối hợp"],
    "result": ["Kết quả", "Sản phẩm", "Sản phẩm đầu ra", "Kết quả dự kiến"],
    "deadline": ["Thời gian hoàn thành", "Thời hạn", "Thời gian thực hiện", "Tiến độ"],
    "note": ["Ghi chú"],
}

VERBS = [
    "Xây dựng",
    "Triển khai",
    "Tổ chức",
    "Rà soát",
    "Hoàn thiện",
    "Nghiên cứu",
    "Đề xuất",
    "Nâng cao",
    "Phát triển",
    "Đẩy mạnh",
    "Tăng cường",
    "Ban hành",
    "Sửa đổi",
    "Cập nhật",
    "Thí điểm",
    "Đánh giá",
]
OBJECTS = [
    "kế hoạch chuyển đổi số của ngành",
    "cơ sở dữ liệu dân cư phục vụ quản lý",
    "hệ thống thông tin báo cáo",
    "chương trình đào tạo nhân lực số",
    "các quy định về an toàn thông tin mạng",
    "nền tảng số dùng chung",
    "mô hình bệnh viện thông minh",
    "quy trình nội bộ trên môi trường số",
    "dịch vụ công trực tuyến toàn trình",
    "bộ chỉ số đánh giá mức độ chuyển đổi số",
    "chính sách thu hút chuyên gia công nghệ",
    "hạ tầng công nghệ thông tin",
    "kho dữ liệu mở",
    "ứng dụng trí tuệ nhân tạo trong chẩn đoán",
]
TAILS = [
    "",
    " theo Quyết định số 749/QĐ-TTg ngày 03/6/2020",
    " giai đoạn 2026-2030",
    " năm 2026",
    " tại 63 tỉnh, thành phố",
    " theo mục 2.3 của Kế hoạch",
    " đáp ứng yêu cầu của Nghị quyết số 57-NQ/TW",
    ", bảo đảm liên thông, đồng bộ, hiệu quả",
    " cho 100% đơn vị",
]
ORGS = [
    "Cục Khoa học công nghệ và Đào tạo",
    "Vụ Pháp chế",
    "Văn phòng Bộ",
    "Trung tâm Thông tin y tế Quốc gia",
    "Bệnh viện Bạch Mai",
    "Sở Y tế các tỉnh, thành phố",
    "UBND các tỉnh, thành phố",
    "Vụ Kế hoạch - Tài chính",
    "Cục Quản lý Dược",
    "Viện Chiến lược và Chính sách y tế",
    "Các đơn vị thuộc, trực thuộc Bộ",
    "Các cơ sở đào tạo nhân lực y tế",
    "Bộ Thông tin và Truyền thông",
    "Bảo hiểm xã hội Việt Nam",
    "Tổng cục Thống kê",
    "Các cơ quan, đơn vị liên quan",
    "Trường Đại học Y Hà Nội",
    "Thanh tra Bộ",
    "Các bệnh viện trực thuộc Bộ",
    "Ban Quản lý dự án",
    "Nhà xuất bản Y học",
]
RESULTS = [
    "Kế hoạch được ban hành",
    "Quyết định phê duyệt Đề án",
    "Báo cáo kết quả thực hiện",
    "Đề án",
    "Thông tư được ban hành",
    "Hệ thống được đưa vào vận hành",
    "Các văn bản hướng dẫn được ban hành",
    "Cơ sở dữ liệu được xây dựng, cập nhật",
    "Chương trình đào tạo",
    "Danh mục nhiệm vụ trọng điểm",
    "95% hồ sơ được số hóa",
    "Hoàn thành, khai thác sử dụng",
    "Quy chế phối hợp",
    "Nội dung trong quy chế thi đua, khen thưởng",
    "Số liệu được cập nhật định kỳ",
]
DEADLINES = [
    "Tháng 12/2025",
    "Tháng 6/2026",
    "06/2025",
    "9/2025",
    "12/2026",
    "Quý IV/2025",
    "Quý 2/2026",
    "Năm 2026",
    "2030",
    "2025",
    "2025-2026",
    "Từ 2026",
    "Thường xuyên",
    "Nhiệm vụ thường xuyên",
    "Hằng năm",
    "Định kỳ",
    "Trước ngày 15 hằng tháng",
    "Sau khi Luật được sửa đổi",
    "Theo tiến độ của Chính phủ",
    "Tháng 09/2025",
    "6 tháng đầu năm 2026",
    "Giai đoạn 2026-2030",
]
PART_LABELS = ["Chuẩn", "Đề án", "Các kết quả khác", "Giai đoạn 1", "Báo cáo"]
NOTES = ["Nhiệm vụ chuyển tiếp", "Ưu tiên triển khai", "Đã có trong Kế hoạch năm 2025"]


@dataclass
class GeneratedRow:
    tt: str
    group: str | None
    parent: str | None
    cells: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class GeneratedTable:
    columns: list[tuple[str, str]]
    groups: list[tuple[str, str]]
    rows: list[GeneratedRow]
    lines: list[str]


def _task(rng: random.Random) -> list[str]:
    first = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}"
    if rng.random() < 0.12:
        items = rng.sample(OBJECTS, rng.randint(2, 3))
        return [f"{first}, gồm:", *(f"- {rng.choice(VERBS).lower()} {o};" for o in items)]
    if rng.random() < 0.08:
        return [f"{first};", f"{rng.choice(VERBS).lower()} {rng.choice(OBJECTS)}"]
    return [first]


def _orgs(rng: random.Random, multi: bool) -> list[str]:
    if not multi:
        return [rng.choice(ORGS)]
    style = rng.random()
    names = rng.sample(ORGS, rng.randint(2, 3))
    if style < 0.4:
        return [f"- {n}" for n in names]
    if style < 0.7:
        return [f"{n};" for n in names[:-1]] + [names[-1]]
    return [", ".join(names)]


def _result(rng: random.Random) -> list[str]:
    if rng.random() < 0.15:
        return [f"- {r}" for r in rng.sample(RESULTS, 2)]
    if rng.random() < 0.08:
        a, b = rng.sample(RESULTS, 2)
        return [f"{a};", b]
    return [rng.choice(RESULTS)]


def _deadline(rng: random.Random) -> list[str]:
    if rng.random() < 0.08:
        labels = rng.sample(PART_LABELS, 2)
        return [f"{label}: {rng.choice(DEADLINES).lower()}" for label in labels]
    return [rng.choice(DEADLINES)]


def _cells(rng: random.Random, keys: list[str]) -> dict[str, list[str]]:
    cells: dict[str, list[str]] = {}
    for key in keys:
        if key == "task":
            cells[key] = _task(rng)
        elif key == "lead":
            cells[key] = [] if rng.random() < 0.08 else _orgs(rng, rng.random() < 0.05)
        elif key == "partners":
            # a unit named alone is the lead: a row without a lead has no partners either
            no_lead = "lead" in cells and not cells["lead"]
            cells[key] = [] if no_lead or rng.random() < 0.2 else _orgs(rng, rng.random() < 0.3)
        elif key == "result":
            cells[key] = [] if rng.random() < 0.12 else _result(rng)
        elif key == "deadline":
            cells[key] = [] if rng.random() < 0.1 else _deadline(rng)
        elif key == "note":
            has_deadline = bool(cells.get("deadline"))
            cells[key] = [rng.choice(NOTES)] if has_deadline and rng.random() < 0.1 else []
    return cells


def _roman(n: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n - 1]


def generate_table(rng: random.Random) -> GeneratedTable:
    """One random table: 4–7 columns, 1–4 groups, 1–6 rows per group, some rows with sub-rows."""
    optional = ["lead", "partners", "result", "deadline"]
    keep = [k for k in optional if rng.random() < 0.8] or ["deadline"]
    keys = ["tt", "task", *keep] + (["note"] if rng.random() < 0.15 else [])
    columns = [(k, rng.choice(TITLES[k])) for k in keys]
    cell_keys = keys[1:]
    lines = [title for _, title in columns]
    groups: list[tuple[str, str]] = []
    rows: list[GeneratedRow] = []
    continuous = rng.random() < 0.6
    dotted = rng.random() < 0.8
    number = 0
    for g in range(1, rng.randint(1, 4) + 1):
        label = _roman(g)
        title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        groups.append((label, title))
        lines += [f"{label}.", title]
        if not continuous:
            number = 0
        for _ in range(rng.randint(1, 6)):
            number += 1
            tt = str(number)
            row = GeneratedRow(tt=tt, group=label, parent=None, cells=_cells(rng, cell_keys))
            rows.append(row)
            lines.append(f"{tt}." if dotted else tt)
            lines += [line for key in cell_keys for line in row.cells[key]]
            if rng.random() < 0.15:
                for child in range(1, rng.randint(2, 5)):
                    sub = GeneratedRow(
                        tt=f"{tt}.{child}", group=label, parent=tt, cells=_cells(rng, cell_keys)
                    )
                    rows.append(sub)
                    lines.append(sub.tt)
                    lines += [line for key in cell_keys for line in sub.cells[key]]
    return GeneratedTable(columns=columns, groups=groups, rows=rows, lines=lines)


def to_appendix(table: GeneratedTable, first_line: int = 10) -> Appendix:
    """The table's lines as the body of a ``PHỤ LỤC`` starting at ``first_line``."""
    return Appendix(
        title="PHỤ LỤC",
        line=first_line - 1,
        lines=[SourceLine(line=first_line + i, text=t) for i, t in enumerate(table.lines)],
    )


def score(table: GeneratedTable, rebuilt: Appendix) -> tuple[int, int]:
    """(cells right, cells in all) over the true rows × their non-``tt`` columns; a lost row counts
    every one of its cells wrong."""
    found = {(row.group, row.tt): row for row in rebuilt.rows}
    right = total = 0
    for row in table.rows:
        got = found.get((row.group, row.tt))
        for key, lines in row.cells.items():
            total += 1
            if got is not None and got.cells.get(key, "") == "\n".join(lines):
                right += 1
    return right, total
