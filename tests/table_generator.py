"""Random action-plan tables, flattened one cell per line as a copy out of Word gives them.

In: a ``random.Random``. Out: a ``GeneratedTable`` (the truth: columns, groups, rows with the lines of
each cell) whose ``lines`` are the flattened text (header titles, then per row its TT label and the
lines of its non-empty cells; empty cells simply missing). ``to_appendix`` wraps the lines in an
``Appendix`` for ``tables.rebuild_appendix``; ``score`` counts the cells it got right.

The vocabulary is written here, independently of the parser's cue data, and includes names and
phrases that no cue names (``Nhà xuất bản Y học``, ``Nội dung trong quy chế …``), years and
sub-numbers inside cells, dash lists, lines ending in ``;`` and cells of several parts.

``generate_table(rng, shapes=SHAPES)`` adds the shapes of real copies, each drawn for some tables:
``pages`` (the header printed again every few rows, after a ``CÔNG BÁO`` banner and a page number),
``inline`` (a label and its task on one line, ``10.  Xây dựng …``), ``typo`` (a row label mistyped:
a duplicate of the label before, or a sub-row numbered under the wrong parent; the truth keeps the
label as printed, since it is still that row), ``two_level`` (``Cơ quan thực hiện`` over ``Chủ trì``
and ``Phối hợp``), ``fragments`` (PDF text: each cell and each header title wrapped at its column's
printed width, ``WIDTHS``, in a proportional font), and
``dump`` (the table written as a web page's cell dump, one ``|`` line between cells).
``generate_list(rng)`` makes a numbered list (``DANH MỤC …``), sometimes in roman-numeral groups.
Rows are matched to the truth by the line of their label (``GeneratedRow.index``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from nq57parse.models import Appendix, SourceLine

TITLES = {
    "tt": ["TT", "STT", "S TT", "Số TT"],
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


WIDTHS = {"task": 44, "lead": 16, "partners": 18, "result": 18, "deadline": 14, "note": 14}  # characters
TT_WIDTH = 6
SHAPES = ("pages", "inline", "typo", "two_level", "fragments", "dump")
BANNER = "CÔNG BÁO/Số {n}/Ngày 27-05-2026"
PLACES = ["Xã Tân Phú", "Phường Bến Thành", "Xã Đông Hòa", "Thị trấn Phong Điền", "Xã Vĩnh Lộc A",
          "Phường 7", "Xã Hòa Bình", "Trường Trung học cơ sở Nguyễn Du", "Bệnh viện Đa khoa tỉnh",
          "Trung tâm Y tế huyện Mỏ Cày Nam", "Thủ tục cấp giấy phép hoạt động khám bệnh, chữa bệnh"]  # fmt: skip


@dataclass
class GeneratedRow:
    tt: str
    group: str | None
    parent: str | None
    cells: dict[str, list[str]] = field(default_factory=dict)
    index: int = -1  # index in ``lines`` of the row's label


@dataclass
class GeneratedTable:
    columns: list[tuple[str, str]]
    groups: list[tuple[str, str]]
    rows: list[GeneratedRow]
    lines: list[str]
    shapes: frozenset[str] = frozenset()  # the real-copy shapes drawn for this table


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


def generate_table(rng: random.Random, shapes: tuple[str, ...] = ()) -> GeneratedTable:
    """One random table: 4–7 columns, 1–4 groups, 1–6 rows per group, some rows with sub-rows;
    each of ``shapes`` (see the module docstring) drawn with some chance."""
    use = {shape for shape in shapes if rng.random() < 0.35}
    if "dump" in use:
        use -= {"pages", "inline", "fragments", "two_level"}
    optional = ["lead", "partners", "result", "deadline"]
    keep = [k for k in optional if rng.random() < 0.8] or ["deadline"]
    keys = ["tt", "task", *keep] + (["note"] if rng.random() < 0.15 else [])
    columns = [(k, rng.choice(TITLES[k])) for k in keys]
    cell_keys = keys[1:]
    widths = {key: WIDTHS[key] + rng.randint(-2, 4) for key in cell_keys} if "fragments" in use else {}
    titled = list(columns)
    if "two_level" in use and "lead" in keys and "partners" in keys:
        at = keys.index("lead")
        titled[at : at + 2] = [
            ("lead+partners", "Cơ quan thực hiện"),
            ("lead", "Chủ trì"),
            ("partners", "Phối hợp"),
        ]
        columns = [(k, {"lead": "Chủ trì", "partners": "Phối hợp"}.get(k, t)) for k, t in columns]
    if "fragments" in use:  # a title wraps at its own column's width, as the cells under it do
        widths["tt"] = TT_WIDTH
        widths["lead+partners"] = widths.get("lead", 0) + widths.get("partners", 0)
        lines = [piece for key, title in titled for piece in _cut(rng, title, widths[key])]
    else:
        lines = [title for _, title in titled]
    header = list(lines)
    groups: list[tuple[str, str]] = []
    rows: list[GeneratedRow] = []
    continuous = rng.random() < 0.6
    dotted = rng.random() < 0.8 or bool(use & {"typo", "inline"})
    number = 0
    page_rows = rng.randint(2, 5) if "pages" in use else 0
    typo_done = False
    for g in range(1, rng.randint(1, 4) + 1):
        label = _roman(g)
        title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        groups.append((label, title))
        lines += [f"{label}.", title]
        if not continuous:
            number = 0
        for _ in range(rng.randint(1, 6)):
            number += 1
            family = [GeneratedRow(tt=str(number), group=label, parent=None, cells=_cells(rng, cell_keys))]
            if rng.random() < 0.15:
                for child in range(1, rng.randint(2, 5)):
                    family.append(
                        GeneratedRow(
                            tt=f"{number}.{child}",
                            group=label,
                            parent=str(number),
                            cells=_cells(rng, cell_keys),
                        )
                    )
            for row in family:
                if "pages" in use and rows and len(rows) % page_rows == 0:
                    lines += [BANNER.format(n=rng.randint(100, 400)), str(rng.randint(2, 120)), *header]
                if "typo" in use and not typo_done and len(rows) >= 2 and rows[-1].group == label:
                    row.tt = _typo(rows[-1].tt, row.tt)
                    row.parent = row.tt.rsplit(".", 1)[0] if "." in row.tt else None
                    typo_done = True
                row.index = len(lines)
                rows.append(row)
                written = f"{row.tt}." if dotted and "." not in row.tt else row.tt
                body = [line for key in cell_keys for line in row.cells[key]]
                if "fragments" in use:
                    for key in cell_keys:
                        width = widths[key]
                        row.cells[key] = [
                            piece for line in row.cells[key] for piece in _cut(rng, line, width)
                        ]
                    body = [line for key in cell_keys for line in row.cells[key]]
                if "inline" in use and "." not in row.tt and rng.random() < 0.5 and row.cells["task"]:
                    lines.append(f"{written}  {body[0]}")
                    lines += body[1:]
                else:
                    lines.append(written)
                    lines += body
    table = GeneratedTable(columns=columns, groups=groups, rows=rows, lines=lines, shapes=frozenset(use))
    return _as_dump(table) if "dump" in use else table


def _typo(before: str, label: str) -> str:
    """A mistyped label for the row after ``before``: a duplicate of ``before`` (``11.`` after
    ``11.6`` becomes ``11``), or a sub-row under the row before its parent (``10.3`` → ``9.1``)."""
    if "." in before:
        return before.split(".")[0]  # a duplicate of the parent's label
    if "." in label:
        top = int(label.split(".")[0])
        return f"{top - 1}.1" if top > 1 else label
    return before  # a duplicate of the label just before


_NARROW = frozenset("iljtfrI.,;:!'()-/ ")
_WIDE = frozenset("mwMWĐ%")


def _glyphs(text: str) -> float:
    """The printed width of ``text`` in average characters: a PDF's font is proportional, so a
    column holds more ``i`` and ``l`` than ``m`` and capitals (Times-like proportions)."""
    return sum(0.55 if c in _NARROW else 1.45 if c in _WIDE else 1.25 if c.isupper() else 1.0 for c in text)


def _cut(rng: random.Random, line: str, width: int) -> list[str]:
    """A line wrapped at a column's width, as PDF text of a narrow column gives it (word by word,
    by printed width, not by the count of characters; a word wider than the column stands alone)."""
    pieces: list[str] = []
    for word in line.split(" "):
        if pieces and _glyphs(f"{pieces[-1]} {word}") <= width:
            pieces[-1] = f"{pieces[-1]} {word}"
        else:
            pieces.append(word)
    return pieces


def _as_dump(table: GeneratedTable) -> GeneratedTable:
    """The same table written as a cell dump: ``|`` between cells, ``|`` ``|`` between rows, an
    empty cell as nothing between two pipes, a group row as two cells."""
    keys = [k for k, _ in table.columns]
    lines = ["|"]
    for _, title in table.columns:
        lines += [title, "|"]
    by_group = {label: title for label, title in table.groups}
    seen: set[str] = set()
    for row in table.rows:
        if row.group and row.group not in seen:
            seen.add(row.group)
            lines += ["|", row.group, "|", by_group[row.group], "|"]
        lines.append("|")
        row.index = len(lines)
        lines += [row.tt, "|"]
        for key in keys[1:]:
            lines += [*row.cells[key], "|"]
    return GeneratedTable(
        columns=table.columns, groups=table.groups, rows=table.rows, lines=lines, shapes=table.shapes
    )


def generate_list(rng: random.Random) -> GeneratedTable:
    """A numbered list (``1. Xã Tân Phú`` …), in roman-numeral groups half the time; the truth has
    one ``item`` cell per row. Lines after the ``DANH MỤC`` title the caller puts on the appendix."""
    grouped = rng.random() < 0.5
    lines: list[str] = []
    groups: list[tuple[str, str]] = []
    rows: list[GeneratedRow] = []
    number = 0
    for g in range(1, (rng.randint(2, 4) if grouped else 1) + 1):
        group = None
        if grouped:
            group = _roman(g)
            groups.append((group, f"KHU VỰC {g}"))
            lines.append(f"{group}. KHU VỰC {g}")
        for _ in range(rng.randint(1 if grouped else 2, 12)):  # a list has two items at least
            number += 1
            item = [rng.choice(PLACES)]
            if rng.random() < 0.1:
                item.append(f"(thuộc {rng.choice(PLACES)})")
            row = GeneratedRow(
                tt=str(number), group=group, parent=None, cells={"item": item}, index=len(lines)
            )
            rows.append(row)
            if rng.random() < 0.7:
                lines.append(f"{number}. {item[0]}")
                lines += item[1:]
            else:
                lines += [f"{number}.", *item]
    return GeneratedTable(columns=[("tt", "TT"), ("item", "Nội dung")], groups=groups, rows=rows, lines=lines)


def to_appendix(table: GeneratedTable, first_line: int = 10, title: str = "PHỤ LỤC") -> Appendix:
    """The table's lines as the body of a ``PHỤ LỤC`` (or ``title``) starting at ``first_line``."""
    return Appendix(
        title=title,
        line=first_line - 1,
        lines=[SourceLine(line=first_line + i, text=t) for i, t in enumerate(table.lines)],
    )


def score(table: GeneratedTable, rebuilt: Appendix) -> tuple[int, int]:
    """(cells right, cells in all) over the true rows × their non-``tt`` columns; a lost row counts
    every one of its cells wrong."""
    first = rebuilt.line + 1
    found = {row.line - first: row for row in rebuilt.rows}
    right = total = 0
    for row in table.rows:
        got = found.get(row.index)
        got = got if got is not None and (got.group, got.tt) == (row.group, row.tt) else None
        for key, lines in row.cells.items():
            total += 1
            if got is not None and got.cells.get(key, "") == "\n".join(lines):
                right += 1
    return right, total
