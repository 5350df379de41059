"""Reading the formats documents come in: PDF (text layer and scans), Word 97 .doc, DOCX, images.

The fixtures in tests/data/formats/ are renderings of seed 004 (see make_fixtures.py there). Tests
that need Tesseract or antiword skip when the program is missing; .ci/run installs both.
"""

from __future__ import annotations

import io
import itertools
import shutil
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from test_formats_layout import HEADER_LINES
from typer.testing import CliRunner

from nq57parse.cli import app
from nq57parse.errors import InputError
from nq57parse.models import Document
from nq57parse.pipeline import parse_file
from nq57parse.read import decode_bytes, read_path
from nq57parse.readers import ocr
from nq57parse.readers.sniff import SIGNATURES, sniff

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "tests" / "data" / "formats"
SEED = ROOT / "samples" / "quyet-dinh-2121-QD-BYT.txt"

_TESSERACT = pytest.mark.skipif(not ocr.available(), reason="Tesseract with Vietnamese data is not installed")


@cache
def _qd_pdf() -> Document:
    """Seed 004's PDF, parsed once for the module (the tests only read it)."""
    return parse_file(str(FORMATS / "qd-2121.pdf"))


@cache
def _qd_pdf_text() -> str:
    """The text read from seed 004's PDF, once for the module."""
    return read_path(str(FORMATS / "qd-2121.pdf")).text


def needs_ocr(test: Callable) -> Callable:
    """A test that runs Tesseract (seconds a page): slow, and skipped without Tesseract's Vietnamese data."""
    return pytest.mark.slow(_TESSERACT(test))


needs_antiword = pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword is not installed")


@pytest.fixture(scope="module")
def seed_targets() -> set[str]:
    return {c.target for c in parse_file(str(SEED)).citations if c.target}


# --------------------------------------------------------------------------- knowing a file by its bytes


@pytest.mark.parametrize(
    ("magic", "offset", "kind"), SIGNATURES, ids=[s[2].key + "-" + s[0][:4].hex() for s in SIGNATURES]
)
def test_each_signature_names_its_format(magic: bytes, offset: int, kind) -> None:
    data = magic + b"\x00rest of the file" * 4
    found = sniff(data)
    assert found is not None
    assert found.key == kind.key


def _zip(*names: str, mimetype: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype is not None:
            archive.writestr("mimetype", mimetype)
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (_zip("[Content_Types].xml", "word/document.xml"), "docx"),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), "xlsx"),
        (_zip("[Content_Types].xml", "ppt/presentation.xml"), "pptx"),
        (_zip("content.xml", mimetype=b"application/vnd.oasis.opendocument.text"), "odt"),
        (_zip("hello.txt"), "zip"),
        (b"PK\x03\x04" + b"\x00" * 40, "zip"),
    ],
    ids=["docx", "xlsx", "pptx", "odt", "zip", "zip header alone"],  # the bytes hold the time: not ids
)
def test_a_zip_is_told_apart_by_its_parts(data: bytes, key: str) -> None:
    kind = sniff(data)
    assert kind is not None and kind.key == key


@pytest.mark.parametrize(
    "data",
    [
        "Số: 2121/QĐ-BYT\nQUYẾT ĐỊNH\n".encode(),
        b"<!DOCTYPE html><html><body>x</body></html>",
        b"The header of a PDF file is %PDF-1.7 followed by a binary comment line.",
        b"BMW and GIF are words, not images",
    ],
)
def test_text_is_not_taken_for_a_binary_format(data: bytes) -> None:
    assert sniff(data) is None


def test_a_pdf_header_after_a_few_junk_bytes_is_still_a_pdf() -> None:
    kind = sniff(b"\r\n\r\n%PDF-1.4\n%%EOF\n")
    assert kind is not None and kind.key == "pdf"


# --------------------------------------------------------------------------- seed 004 as PDF, .doc, .docx


def _check_seed_facts(doc, seed_targets: set[str]) -> None:
    assert doc.document_type == "quyet_dinh"
    assert doc.number is not None and doc.number.canonical == "2121/QĐ-BYT"
    assert str(doc.issued_on) == "2025-06-26"
    assert doc.issuer == "BỘ Y TẾ"
    assert doc.place == "Hà Nội"
    assert len(doc.legal_bases) == 5
    assert [a.number for a in doc.articles] == ["1", "2", "3"]
    assert doc.signature is not None and doc.signature.signer == "Đào Hồng Lan"
    assert doc.signature.position == "BỘ TRƯỞNG"
    assert len(doc.recipients) == 5
    assert sum(len(a.rows) for a in doc.appendices) == 79
    assert {c.target for c in doc.citations if c.target} == seed_targets
    assert doc.unparsed == []


def test_the_pdf_gives_the_seeds_facts(seed_targets: set[str]) -> None:
    doc = _qd_pdf()
    assert doc.source.encoding == "pdf"
    _check_seed_facts(doc, seed_targets)


@needs_antiword
def test_the_word_97_doc_gives_the_seeds_facts(seed_targets: set[str]) -> None:
    doc = parse_file(str(FORMATS / "qd-2121.doc"))
    assert doc.source.encoding == "doc"
    _check_seed_facts(doc, seed_targets)


def test_the_docx_gives_the_seeds_facts_without_an_extra(seed_targets: set[str]) -> None:
    doc = parse_file(str(FORMATS / "qd-2121.docx"))
    assert doc.source.encoding == "docx"
    _check_seed_facts(doc, seed_targets)


def test_the_pdf_appendix_cells_are_the_texts_cells() -> None:
    text_rows = {r.tt: r.cells for r in parse_file(str(SEED)).appendices[0].rows}
    pdf_rows = {r.tt: r.cells for r in _qd_pdf().appendices[0].rows}
    assert pdf_rows.keys() == text_rows.keys()
    same = sum(
        " ".join(cells[k].split()) == " ".join(pdf_rows[tt].get(k, "").split())
        for tt, cells in text_rows.items()
        for k in cells
    )
    assert same == sum(len(cells) for cells in text_rows.values())


def test_the_pdf_header_columns_come_out_issuer_motto_number_place_date() -> None:
    lines = _qd_pdf_text().splitlines()
    assert lines[:6] == HEADER_LINES
    at = lines.index("Nơi nhận:")
    assert lines[at + 6 : at + 8] == ["BỘ TRƯỞNG", "Đào Hồng Lan"]
    assert lines[at + 5] == "- Lưu: VT, K2ĐT."


def test_source_pages_map_every_page_to_its_lines_and_hold_the_page_numbers() -> None:
    doc = _qd_pdf()
    pages = doc.source.pages
    assert [p.page for p in pages] == list(range(1, 22))
    assert pages[0].start_line == 1 and pages[-1].end_line == doc.source.line_count
    for before, after in itertools.pairwise(pages):
        assert after.start_line == before.end_line + 1
    # NĐ 30 numbers pages from the second of each section: not page 1, nor page 10 (the appendix's first)
    assert [(p.page, f.position, f.text) for p in pages for f in p.furniture] == [
        (n, "header", str(n)) for n in range(2, 22) if n != 10
    ]
    text = _qd_pdf_text().splitlines()
    assert not any(line.strip().isdigit() for line in text)


def test_a_text_file_has_no_pages() -> None:
    assert parse_file(str(SEED)).source.pages == []


# --------------------------------------------------------------------------- scans


@needs_ocr
@pytest.mark.parametrize("name", ["qd-2121-scan.png", "qd-2121-scan.pdf"])
def test_the_scan_of_page_one_gives_number_date_issuer_type_and_title(name: str) -> None:
    doc = parse_file(str(FORMATS / name))
    assert doc.source.encoding == ("png+ocr" if name.endswith(".png") else "pdf+ocr")
    assert doc.number is not None and doc.number.canonical == "2121/QĐ-BYT"
    assert str(doc.issued_on) == "2025-06-26"
    assert doc.issuer == "BỘ Y TẾ"
    assert doc.document_type == "quyet_dinh"
    assert doc.title is not None and doc.title.startswith("BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG CỦA BỘ Y TẾ")
    assert [p.page for p in doc.source.pages] == [1]


def test_without_tesseract_an_image_is_one_line_naming_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "tesseract_problem", lambda: "Tesseract is not installed (apt-get install x)")
    with pytest.raises(InputError) as err:
        read_path(str(FORMATS / "qd-2121-scan.png"))
    assert str(err.value).endswith(
        "qd-2121-scan.png: is a PNG image (a scan?); reading it needs OCR: Tesseract is not installed (apt-get install x)"
    )


def test_without_tesseract_a_scanned_pdf_is_one_line_naming_the_packages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ocr, "tesseract_problem", lambda: f"Tesseract is not installed ({ocr.INSTALL})")
    with pytest.raises(
        InputError, match=r"is a scanned PDF \(no text layer\); reading it needs OCR: .*tesseract-ocr-vie"
    ):
        read_path(str(FORMATS / "qd-2121-scan.pdf"))


# --------------------------------------------------------------------------- hostile files


def _extract(path: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["extract", str(path)])
    return result.exit_code, result.stdout, result.stderr


def test_a_pdf_without_nul_bytes_is_read_as_a_pdf_not_as_windows_1258_text() -> None:
    data = (FORMATS / "tiny-ascii.pdf").read_bytes()
    assert b"\x00" not in data and max(data) < 128
    doc = parse_file(str(FORMATS / "tiny-ascii.pdf"))
    assert doc.source.encoding == "pdf"
    assert doc.document_type == "quyet_dinh"
    assert doc.number is not None and doc.number.canonical == "15/QĐ-UBND"
    assert doc.issuer == "ỦY BAN NHÂN DÂN HUYỆN AN PHÚ"
    assert [a.number for a in doc.articles] == ["1", "2"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: (FORMATS / "qd-2121.pdf").read_bytes()[:60000], "is a truncated PDF (no %%EOF end marker"),
        (
            lambda: (FORMATS / "qd-2121-encrypted.pdf").read_bytes(),
            "is an encrypted PDF (it needs a password",
        ),
        (lambda: b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", "is a damaged PDF (pdfium:"),
        (lambda: b"{\\rtf1\\ansi Quy\\'ea't \\'f0\\'ecnh}", "is a Rich Text (RTF) document, not a document"),
        (
            lambda: _zip("[Content_Types].xml", "xl/workbook.xml"),
            "is an Excel workbook (.xlsx), not a document",
        ),
        (
            lambda: b"GIF89a" + b"\x00" * 30,
            "is a GIF image, not a document nq57parse reads: convert it to PNG",
        ),
    ],
    ids=["truncated-pdf", "encrypted-pdf", "damaged-pdf", "rtf-named-doc", "xlsx-named-doc", "gif-named-doc"],
)
def test_a_damaged_or_unsupported_file_is_one_line_and_exit_2(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "input.doc"
    path.write_bytes(make())
    code, out, err = _extract(path)
    assert code == 2
    assert out == ""
    assert err.startswith(f"nq57parse: {path}: ") and message in err
    assert err.count("\n") == 1


def test_a_doc_that_is_really_html_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "quyet-dinh.doc"
    path.write_text(
        "<html><body><p>ỦY BAN NHÂN DÂN TỈNH AN GIANG</p><p>Số: 12/QĐ-UBND</p>"
        "<p>An Giang, ngày 05 tháng 3 năm 2025</p><p>QUYẾT ĐỊNH</p><p>Về việc thử</p>"
        "<p>Điều 1. Thử.</p></body></html>",
        encoding="utf-8",
    )
    doc = parse_file(str(path))
    assert doc.source.encoding == "html+utf-8"
    assert doc.number is not None and doc.number.canonical == "12/QĐ-UBND"
    assert [a.number for a in doc.articles] == ["1"]


@needs_ocr
def test_a_png_named_txt_is_read_by_ocr(tmp_path: Path) -> None:
    path = tmp_path / "van-ban.txt"
    path.write_bytes((FORMATS / "qd-2121-scan.png").read_bytes())
    doc = parse_file(str(path))
    assert doc.source.encoding == "png+ocr"
    assert doc.number is not None and doc.number.canonical == "2121/QĐ-BYT"


def test_a_png_named_txt_without_ocr_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "tesseract_problem", lambda: "Tesseract is not installed")
    path = tmp_path / "van-ban.txt"
    path.write_bytes((FORMATS / "qd-2121-scan.png").read_bytes())
    code, out, err = _extract(path)
    assert (code, out) == (2, "")
    assert (
        err
        == f"nq57parse: {path}: is a PNG image (a scan?); reading it needs OCR: Tesseract is not installed\n"
    )


def test_without_antiword_a_doc_is_one_line_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from nq57parse.readers import doc as doc_reader

    monkeypatch.setattr(doc_reader.shutil, "which", lambda name: None)
    with pytest.raises(InputError, match=r"is a Word 97–2003 document \(\.doc\); reading it needs antiword"):
        decode_bytes((FORMATS / "qd-2121.doc").read_bytes(), path="qd.doc")


@needs_antiword
def test_an_ole2_file_that_is_not_word_is_one_line() -> None:
    data = (FORMATS / "qd-2121.doc").read_bytes()[:512] + b"\x00" * 1536
    with pytest.raises(
        InputError, match=r"x\.doc: is an OLE2 file that antiword cannot read as a Word document"
    ):
        decode_bytes(data, path="x.doc")


# --------------------------------------------------------------------------- batch and graph


def test_batch_converts_pdf_and_doc_and_lists_an_image_it_passed_over(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FORMATS / "tiny-ascii.pdf", folder / "a.pdf")
    shutil.copy(FORMATS / "qd-2121-scan.png", folder / "scan.png")
    (folder / "sheet.xlsx").write_bytes(_zip("xl/workbook.xml"))
    result = CliRunner().invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "a.json").exists()
    assert "2 file(s) passed over (not converted):" in result.stderr
    assert f"{folder / 'scan.png'}: an image: add --ocr to read scans by OCR" in result.stderr
    assert f"{folder / 'sheet.xlsx'}: .xlsx: not a document format nq57parse reads" in result.stderr


@needs_ocr
def test_batch_with_ocr_reads_the_image_too(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FORMATS / "qd-2121-scan.png", folder / "scan.png")
    result = CliRunner().invoke(
        app, ["batch", str(folder), "-o", str(tmp_path / "out"), "--ocr", "--jobs", "1"]
    )
    assert result.exit_code == 0, result.stderr
    assert '"2121/QĐ-BYT"' in (tmp_path / "out" / "scan.json").read_text(encoding="utf-8")
    assert "passed over" not in result.stderr


def test_graph_walks_pdfs(tmp_path: Path) -> None:
    shutil.copy(FORMATS / "qd-2121.pdf", tmp_path / "qd.pdf")
    result = CliRunner().invoke(app, ["graph", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert '"id": "2121/QĐ-BYT"' in result.stdout


def test_a_doc_in_a_legacy_font_is_converted_like_any_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """antiword gives a TCVN3 run as the Latin-1 letters of its codes; the read stage converts them."""
    import subprocess

    from nq57parse.legacy import encode_legacy
    from nq57parse.readers import doc as doc_reader

    body = encode_legacy(
        "Số: 12/QĐ-UBND\nQuyết định về việc thành lập tổ công tác của Ủy ban nhân dân", "tcvn3"
    )

    def fake_antiword(args, **kwargs):
        return subprocess.CompletedProcess(args, 0, body.encode("utf-8"), b"")

    monkeypatch.setattr(doc_reader.shutil, "which", lambda name: "/usr/bin/antiword")
    monkeypatch.setattr(doc_reader.subprocess, "run", fake_antiword)
    raw = decode_bytes((FORMATS / "qd-2121.doc").read_bytes(), path="qd.doc")
    assert raw.encoding == "doc"
    assert raw.repairs == ("tcvn3_to_unicode",)
    assert raw.text.startswith("Số: 12/QĐ-UBND\nQuyết định về việc thành lập")


def test_a_pdf_that_draws_each_tone_mark_apart_gives_whole_words() -> None:
    """A PDF printed from decomposed Unicode (ê + ◌̀ as two glyphs): no word is cut at its tone mark."""
    doc = parse_file(str(FORMATS / "decomposed.pdf"))
    assert doc.number is not None and doc.number.canonical == "731/QĐ-UBND"
    assert doc.issuer == "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"
    assert [a.number for a in doc.articles] == ["1", "2"]
    assert doc.title == "Về việc phê duyệt danh sách cơ sở khám bệnh, chữa bệnh thí điểm bệnh án điện tử"


def _text_page_then_scan() -> bytes:
    """A two-page PDF: the hand-written text page, then the image-only scan page."""
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for name in ("tiny-ascii.pdf", "qd-2121-scan.pdf"):
        source = pdfium.PdfDocument(str(FORMATS / name))
        merged.import_pages(source)
        source.close()
    buffer = io.BytesIO()
    merged.save(buffer)
    merged.close()
    return buffer.getvalue()


def test_without_ocr_a_pdf_with_one_scanned_page_is_read_and_the_page_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ocr, "tesseract_problem", lambda: "Tesseract is not installed")
    raw = decode_bytes(_text_page_then_scan(), path="mixed.pdf")
    assert raw.encoding == "pdf"
    assert [(p.page, p.start_line is not None) for p in raw.pages] == [(1, True), (2, False)]
    assert [(n.code, n.line, n.message) for n in raw.notes] == [
        ("NQ505", None, "page(s) 2 have no text layer (scans) and were not read: Tesseract is not installed")
    ]
    doc = parse_file_bytes(raw)
    assert [(d.code, d.severity) for d in doc.diagnostics if d.code == "NQ505"] == [("NQ505", "warning")]


@needs_ocr
def test_with_ocr_the_scanned_page_of_a_mixed_pdf_is_read_too() -> None:
    raw = decode_bytes(_text_page_then_scan(), path="mixed.pdf")
    assert raw.encoding == "pdf+ocr"
    first, second = raw.pages
    assert raw.text.splitlines()[first.start_line - 1] == "ỦY BAN NHÂN DÂN HUYỆN AN PHÚ"
    assert raw.text.splitlines()[second.start_line - 1] == "BỘ Y TẾ"


def parse_file_bytes(raw):
    from nq57parse.pipeline import parse_raw

    return parse_raw(raw)


def test_a_utf16_html_saved_as_doc_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "van-ban.doc"
    html = "<html><body><p>Số: 12/QĐ-UBND</p><p>QUYẾT ĐỊNH</p><p>Điều 1. Thử.</p></body></html>"
    path.write_bytes(html.encode("utf-16"))
    doc = parse_file(str(path))
    assert doc.source.encoding.startswith("html+")
    assert doc.number is not None and doc.number.canonical == "12/QĐ-UBND"


def _stamp(document, page, text: str, x: float, y: float) -> None:
    """Draw ``text`` (Helvetica 10) on a pypdfium2 page."""
    import ctypes

    import pypdfium2.raw as raw

    obj = raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(10))
    buffer = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
    raw.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)))
    raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
    raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFPage_GenerateContent(page.raw)


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def _stamped_scan() -> bytes:
    """The image-only scan with a page number stamped on it as text (``- 1 -``), as scanners' PDFs
    and archives often have: a little text on a page that is an image."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(FORMATS / "qd-2121-scan.pdf"))
    page = document[0]
    _stamp(document, page, "- 1 -", 290, 20)
    page.close()
    return _saved(document)


def test_a_scan_with_a_stamped_page_number_is_still_a_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "tesseract_problem", lambda: "Tesseract is not installed")
    with pytest.raises(InputError, match=r"stamped\.pdf: is a scanned PDF \(no text layer\)"):
        decode_bytes(_stamped_scan(), path="stamped.pdf")


def test_a_short_page_without_an_image_is_text_not_a_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2 as pdfium

    monkeypatch.setattr(ocr, "tesseract_problem", lambda: "Tesseract is not installed")
    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    _stamp(document, page, "PHU LUC II", 250, 700)
    page.close()
    raw = decode_bytes(_saved(document), path="short.pdf")
    assert (raw.encoding, raw.text, raw.notes) == ("pdf", "PHU LUC II\n", ())
