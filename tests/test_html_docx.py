"""HTML and DOCX input: line structure, dropped page chrome, tables as pipe lines, seed 004 as both.

The seed-004 fixtures are generated here: the decision's text lines become paragraphs and its
appendix becomes a real table (HTML ``<table>`` / Word table), one table row per appendix row, the
roman group rows spanning the columns after TT.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

import pytest
from conftest import sample

from nq57parse.errors import InputError
from nq57parse.html_reader import decode_html, html_to_text
from nq57parse.legacy import encode_legacy
from nq57parse.models import Document
from nq57parse.pipeline import parse_file
from nq57parse.read import decode_bytes, read_path
from nq57parse.tables import split_pipe_row

SEED = sample("quyet-dinh-2121-QD-BYT.txt")

# --- HTML: lines, chrome, entities ------------------------------------------------------------------


def test_block_elements_become_lines_and_scripts_styles_and_navigation_are_dropped() -> None:
    page = """<!DOCTYPE html><html><head><title>Cổng thông tin</title><style>p{color:red}</style>
    <script>var x = "<p>không</p>";</script></head><body>
    <nav><a href="/">Trang chủ</a> | <a>Văn bản</a></nav>
    <header><div class="logo">THƯ VIỆN PHÁP LUẬT</div></header>
    <div role="navigation">Bạn đang ở: Văn bản</div>
    <article><header><h1>QUYẾT ĐỊNH</h1></header>
    <p>Về   việc ban hành
       Kế hoạch</p><p>Căn cứ Luật số&nbsp;15/2023/QH15;<br>Căn cứ Nghị định số 42/2025/NĐ-CP;</p>
    <div>Điều 1. <b>Ban hành</b> kèm theo &quot;Kế hoạch&quot; &amp; Phụ lục.</div>
    <ul><li>Như Điều 3;<li>Lưu: VT.</ul></article>
    <aside>Văn bản liên quan</aside><footer>© 2025 Cổng</footer></body></html>"""
    assert html_to_text(page) == (
        "QUYẾT ĐỊNH\n"
        "Về việc ban hành Kế hoạch\n"
        "Căn cứ Luật số\u00a015/2023/QH15;\n"
        "Căn cứ Nghị định số 42/2025/NĐ-CP;\n"
        'Điều 1. Ban hành kèm theo "Kế hoạch" & Phụ lục.\n'
        "Như Điều 3;\n"
        "Lưu: VT.\n"
    )


def test_a_table_becomes_pipe_lines_with_spans_filled_and_breaks_kept() -> None:
    page = """<table><thead><tr><th>TT</th><th>Tên nhiệm vụ</th><th>Đơn vị chủ trì</th></tr></thead>
    <tr><td>I.</td><td colspan="2">Nhóm nhiệm vụ</td></tr>
    <tr><td rowspan="2">1.</td><td><p>Xây dựng</p><p>kế hoạch | A</p></td><td>Vụ Pháp chế</td></tr>
    <tr><td>bổ sung</td><td></td></tr></table><p>Sau bảng</p>"""
    lines = html_to_text(page).splitlines()
    assert lines == [
        "| TT | Tên nhiệm vụ | Đơn vị chủ trì |",
        "|---|---|---|",
        "| I. | Nhóm nhiệm vụ |  |",
        "| 1. | Xây dựng<br>kế hoạch \\| A | Vụ Pháp chế |",
        "|  | bổ sung |  |",
        "Sau bảng",
    ]
    assert split_pipe_row(lines[3]) == ["1.", "Xây dựng\nkế hoạch | A", "Vụ Pháp chế"]


def test_a_nested_table_is_flattened_into_its_cell_and_unclosed_markup_still_reads() -> None:
    page = "<table><tr><td>TT<td>Tên nhiệm vụ<tr><td>1.<td>A<table><tr><td>x<td>y</table><tr><td>2.<td>C"
    assert html_to_text(page).splitlines() == [
        "| TT | Tên nhiệm vụ |",
        "|---|---|",
        "| 1. | A<br>x y |",
        "| 2. | C |",
    ]


def test_a_small_layout_table_reads_cell_by_cell_like_a_plain_text_copy() -> None:
    page = (
        "<table><tr><td><b>BỘ Y TẾ</b><br>-------</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>"
        "<u>Độc lập - Tự do - Hạnh phúc</u></td></tr><tr><td>Số: 2121/QĐ-BYT</td>"
        "<td><i>Hà Nội, ngày 26 tháng 6 năm 2025</i></td></tr></table><p>QUYẾT ĐỊNH</p>"
    )
    assert html_to_text(page).splitlines() == [
        "BỘ Y TẾ",
        "-------",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 2121/QĐ-BYT",
        "Hà Nội, ngày 26 tháng 6 năm 2025",
        "QUYẾT ĐỊNH",
    ]


@pytest.mark.parametrize(
    ("data", "charset"),
    [
        ('<meta charset="utf-8"><p>Hà Nội</p>'.encode(), "utf-8"),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1258"><p>H\xe0 N\xf4\xf2i</p>',
            "cp1258",
        ),
        ("<p>Hà Nội</p>".encode("utf-16"), "utf-16"),
        ("<p>Hà Nội</p>".encode(), "utf-8"),
    ],
)
def test_the_page_charset_comes_from_the_bom_or_the_meta_tag(data: bytes, charset: str) -> None:
    markup, found = decode_html(data, "page.html")
    assert found == charset
    assert "<p>H" in markup
    raw = decode_bytes(data, path="page.html")
    assert raw.encoding == f"html+{charset}"
    assert raw.text.strip().replace("\u0300", "").startswith("H")


def test_a_page_in_a_tcvn3_font_is_converted_and_the_repair_named() -> None:
    body = encode_legacy("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 26 tháng 6 năm 2025", "tcvn3")
    page = "<html><body>" + "".join(
        f'<p><font face=".VnTime">{html.escape(x)}</font></p>' for x in body.split("\n")
    )
    raw = decode_bytes(page.encode("utf-8"), path="page.htm")
    assert raw.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 26 tháng 6 năm 2025\n"
    assert raw.repairs == ("tcvn3_to_unicode",)


def test_a_text_file_that_is_an_html_export_is_read_as_html() -> None:
    data = "<html><body><p>QUYẾT ĐỊNH</p><p>Điều 1.</p></body></html>".encode("utf-16")
    raw = decode_bytes(data, path="export.txt")
    assert (raw.encoding, raw.text) == ("html+utf-16", "QUYẾT ĐỊNH\nĐiều 1.\n")


def test_a_page_with_no_text_is_refused_as_empty() -> None:
    with pytest.raises(InputError, match="is empty"):
        decode_bytes(b"<html><script>x()</script></html>", path="a.html")


# --- seed 004 as HTML and DOCX ----------------------------------------------------------------------


def _text_document() -> Document:
    return parse_file(str(SEED))


def _seed_layout(doc: Document) -> tuple[list[str], list[list[str]], list[str]]:
    """(lines before the table, the table's rows as cell lists, lines after the table)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    appendix = doc.appendices[0]
    first = min(h.line for h in appendix.header_lines)
    last = max(
        [r.end_line or r.line for r in appendix.rows]
        + [n for r in appendix.rows for ns in r.cell_lines.values() for n in ns]
        + [g.line for g in appendix.groups]
    )
    keys = [c.key for c in appendix.columns]
    table: list[list[str]] = [[c.title for c in appendix.columns]]
    groups = {g.line: g for g in appendix.groups}
    events = sorted([(g.line, "g", g) for g in appendix.groups] + [(r.line, "r", r) for r in appendix.rows])
    for _, kind, item in events:
        if kind == "g":
            table.append([f"{item.label}.", item.title] + [""] * (len(keys) - 2))
        else:
            table.append([f"{item.tt}." if k == "tt" else item.cells[k] for k in keys])
    assert groups
    return lines[: first - 1], table, lines[last:]


def _header_cells(before: list[str]) -> tuple[list[list[list[str]]], list[str]]:
    """Seed 004's first seven lines as the two-by-two header table portals and Word use."""
    top = [line.strip() for line in before[:7]]
    assert top[0] == "BỘ Y TẾ" and top[5].startswith("Số:")
    return [[top[0:2], top[2:5]], [[top[5]], [top[6]]]], before[7:]


def seed_html(doc: Document) -> str:
    before, table, after = _seed_layout(doc)
    out = [
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>2121/QĐ-BYT</title>',
        "<script>window.dataLayer = [];</script></head><body>",
        '<nav class="menu"><a href="/">Trang chủ</a> <a href="/vb">Văn bản pháp luật</a></nav>',
        "<div class='content'>",
    ]
    head, rest = _header_cells(before)
    out.append(
        "<table><tr>" + "".join(f"<td>{'<br>'.join(map(html.escape, c))}</td>" for c in head[0]) + "</tr>"
    )
    out.append(
        "<tr>"
        + "".join(f"<td><i>{'<br>'.join(map(html.escape, c))}</i></td>" for c in head[1])
        + "</tr></table>"
    )
    out += [f"<p>{html.escape(line)}</p>" for line in rest if line.strip()]
    out.append('<table border="1" cellspacing="0">')
    for n, row in enumerate(table):
        tag = "th" if n == 0 else "td"
        if row[0].rstrip(".").isalpha() and all(not c for c in row[2:]):
            out.append(
                f'<tr><td><b>{html.escape(row[0])}</b></td><td colspan="{len(row) - 1}"><b>'
                f"{html.escape(row[1])}</b></td></tr>"
            )
            continue
        cells = "".join(
            f"<{tag}>{'<br/>'.join(html.escape(p) for p in c.split(chr(10)))}</{tag}>" for c in row
        )
        out.append(f"<tr>\n  {cells}\n</tr>")
    out.append("</table>")
    out += [f"<p>{html.escape(line)}</p>" for line in after if line.strip()]
    out.append("</div><footer>Bản quyền © Cổng thông tin</footer></body></html>")
    return "\n".join(out)


def seed_docx(doc: Document, path: Path) -> Path:
    docx = pytest.importorskip("docx")
    before, table, after = _seed_layout(doc)
    document = docx.Document()
    head, rest = _header_cells(before)
    layout = document.add_table(rows=2, cols=2)
    for i in range(2):
        for j in range(2):
            first, *more = head[i][j]
            layout.cell(i, j).text = first
            for line in more:
                layout.cell(i, j).add_paragraph(line)
    for line in rest:
        if line.strip():
            document.add_paragraph(line)
    word_table = document.add_table(rows=len(table), cols=len(table[0]))
    for i, row in enumerate(table):
        cells = word_table.rows[i].cells
        if row[0].rstrip(".").isalpha() and all(not c for c in row[2:]):
            cells[0].text = row[0]
            merged = cells[1].merge(cells[-1])
            merged.text = row[1]
            continue
        for cell, text in zip(cells, row, strict=True):
            first, *others = text.split("\n")
            cell.text = first
            for extra in others:
                cell.add_paragraph(extra)
    for line in after:
        if line.strip():
            document.add_paragraph(line)
    document.save(str(path))
    return path


def _rows(doc: Document) -> list[tuple]:
    return [
        (r.tt, r.group, r.parent, r.cells, r.deadline.model_dump() if r.deadline else None)
        for a in doc.appendices
        for r in a.rows
    ]


def _same_document_apart_from_lines(a: Document, b: Document) -> None:
    assert a.number is not None
    assert (a.number, a.place, a.authority) == (b.number, b.place, b.authority)
    assert (a.document_type, a.issuer, a.title, a.issued_on) == (
        b.document_type,
        b.issuer,
        b.title,
        b.issued_on,
    )
    assert [(x.kind, x.text) for x in a.legal_bases] == [(x.kind, x.text) for x in b.legal_bases]
    assert [(x.number, x.heading, x.text) for x in a.articles] == [
        (x.number, x.heading, x.text) for x in b.articles
    ]
    assert a.signature.signer == b.signature.signer


def test_seed_004_saved_as_html_gives_the_same_79_rows(tmp_path: Path) -> None:
    text_doc = _text_document()
    page = tmp_path / "2121-QD-BYT.html"
    page.write_text(seed_html(text_doc), encoding="utf-8")
    html_doc = parse_file(str(page))
    assert html_doc.source.encoding == "html+utf-8"
    assert len(html_doc.appendices) == 1
    assert len(html_doc.appendices[0].rows) == 79
    assert _rows(html_doc) == _rows(text_doc)
    assert [(g.label, g.title) for g in html_doc.appendices[0].groups] == [
        (g.label, g.title) for g in text_doc.appendices[0].groups
    ]
    _same_document_apart_from_lines(html_doc, text_doc)
    assert html_doc.unparsed == []


@pytest.mark.slow
def test_seed_004_saved_as_docx_with_a_word_table_gives_the_same_79_rows(tmp_path: Path) -> None:
    text_doc = _text_document()
    path = seed_docx(text_doc, tmp_path / "2121-QD-BYT.docx")
    docx_doc = parse_file(str(path))
    assert docx_doc.source.encoding == "docx"
    assert len(docx_doc.appendices[0].rows) == 79
    assert _rows(docx_doc) == _rows(text_doc)
    _same_document_apart_from_lines(docx_doc, text_doc)
    assert docx_doc.unparsed == []


# --- DOCX specifics -----------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_come_in_document_order_with_merged_cells_emptied(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("QUYẾT ĐỊNH")
    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ["TT", "Tên nhiệm vụ", "Đơn vị chủ trì"], strict=True):
        cell.text = text
    table.cell(1, 0).text = "1."
    table.cell(1, 1).merge(table.cell(1, 2)).text = "Việc | gộp"
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(2, 1).text = "Việc b"
    document.add_paragraph("Điều 2. Sau bảng")
    path = tmp_path / "a.docx"
    document.save(str(path))
    raw = read_path(str(path))
    assert raw.text.splitlines() == [
        "QUYẾT ĐỊNH",
        "| TT | Tên nhiệm vụ | Đơn vị chủ trì |",
        "|---|---|---|",
        "| 1. | Việc \\| gộp |  |",
        "|  | Việc b |  |",
        "Điều 2. Sau bảng",
    ]
    assert (raw.encoding, raw.repairs) == ("docx", ())


def test_docx_runs_in_legacy_fonts_are_converted_by_font_name(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    run = document.add_paragraph().add_run(encode_legacy("Quyết định số 12", "tcvn3"))
    run.font.name = ".VnTime"
    run = document.add_paragraph().add_run(encode_legacy("quyết định", "tcvn3"))
    run.font.name = ".VnTimeH"
    paragraph = document.add_paragraph()
    paragraph.add_run("Số: ")
    paragraph.add_run(encode_legacy("Hà Nội", "vni")).font.name = "VNI-Times"
    path = tmp_path / "legacy.docx"
    document.save(str(path))
    raw = read_path(str(path))
    assert raw.text == "Quyết định số 12\nQUYẾT ĐỊNH\nSố: Hà Nội\n"
    assert raw.repairs == ("tcvn3_to_unicode", "vni_to_unicode")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"plain text, not a zip", "not a valid .docx file (not a zip archive)"),
        (b"PK\x03\x04" + b"\x00" * 100, "not a valid .docx file"),
    ],
)
def test_a_file_that_is_not_a_docx_is_refused_in_one_line(tmp_path: Path, data: bytes, reason: str) -> None:
    pytest.importorskip("docx")
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_path(str(path))
    assert reason in str(err.value)
    assert "\n" not in str(err.value)


def test_a_zip_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(InputError, match=r"bad\.docx: is not a valid \.docx file"):
        decode_bytes(buffer.getvalue(), path="bad.docx")


def test_without_python_docx_a_docx_is_refused_with_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(
        InputError,
        match=r"needs python-docx, a dependency of nq57parse missing here: pip install python-docx",
    ):
        decode_bytes(b"PK\x03\x04", path="a.docx")
