"""Build the format fixtures of this folder from seed 004 (``samples/quyet-dinh-2121-QD-BYT.txt``).

Run from the repository root (needs python-docx, pypdfium2, Pillow and LibreOffice's ``soffice``):

    python tests/data/formats/make_fixtures.py

What it writes, and how each file is made:

- ``qd-2121.docx``: a Word rendering of the seed laid out as NĐ 30/2020 lays a decision out: a
  borderless two-column header table (issuer | motto, number | place and date), centred type, title
  and authority, justified body paragraphs with a first-line indent, a borderless two-column
  closing table (``Nơi nhận`` | signature), the attached plan, and the appendix as a ruled table with
  a repeated header row; page numbers at the top centre from page 2 (NĐ 30, Phụ lục I).
- ``qd-2121.pdf`` and ``qd-2121.doc``: that file converted by LibreOffice (PDF; Word 97).
- ``qd-2121-scan.png``: page 1 of the PDF rendered at 200 dpi in grey (pypdfium2), and
  ``qd-2121-scan.pdf``: the same image as an image-only PDF (Pillow), i.e. a scan with no text layer.
- ``qd-2121-encrypted.pdf``: the PDF exported again by LibreOffice with an open password.
- ``decomposed.pdf``: a short decision in decomposed Unicode (NFD) printed by LibreOffice, so each
  tone mark is a glyph of its own.
- ``tiny-ascii.pdf``: a hand-written one-page PDF with no NUL byte in it (uncompressed, ASCII only,
  a ToUnicode map giving the Vietnamese letters).

The appendix rows are taken from nq57parse's own reading of the seed (79 rows), so the rendering holds
the same cells as the text.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEED = ROOT / "samples" / "quyet-dinh-2121-QD-BYT.txt"
# written in decomposed Unicode (NFD): the PDF draws every tone mark as a glyph of its own
DECOMPOSED = """ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI
Số: 731/QĐ-UBND
Đồng Nai, ngày 09 tháng 9 năm 2026
QUYẾT ĐỊNH
Về việc phê duyệt danh sách cơ sở khám bệnh, chữa bệnh thí điểm bệnh án điện tử
Điều 1. Phê duyệt danh sách 12 cơ sở khám bệnh, chữa bệnh thực hiện thí điểm bệnh án điện tử.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
"""


def main() -> int:
    import nq57parse

    lines = SEED.read_text(encoding="utf-8").splitlines()
    doc = nq57parse.parse_file(str(SEED))
    docx_path = HERE / "qd-2121.docx"
    build_docx(lines, doc, docx_path)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) is needed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        convert(soffice, docx_path, "pdf", tmp)
        convert(soffice, docx_path, "doc:MS Word 97", tmp)
        shutil.move(Path(tmp) / "qd-2121.pdf", HERE / "qd-2121.pdf")
        shutil.move(Path(tmp) / "qd-2121.doc", HERE / "qd-2121.doc")
        options = {
            "EncryptFile": {"type": "boolean", "value": "true"},
            "DocumentOpenPassword": {"type": "string", "value": "matkhau"},
        }
        convert(soffice, docx_path, "pdf:writer_pdf_Export:" + json.dumps(options), tmp)
        shutil.move(Path(tmp) / "qd-2121.pdf", HERE / "qd-2121-encrypted.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "decomposed.txt"
        source.write_text(unicodedata.normalize("NFD", DECOMPOSED), encoding="utf-8")
        convert(soffice, source, "pdf", tmp)
        shutil.move(Path(tmp) / "decomposed.pdf", HERE / "decomposed.pdf")
    make_scan(HERE / "qd-2121.pdf", HERE / "qd-2121-scan.png", HERE / "qd-2121-scan.pdf")
    (HERE / "tiny-ascii.pdf").write_bytes(tiny_pdf())
    return 0


def convert(soffice: str, source: Path, target: str, out_dir: str) -> None:
    subprocess.run(
        [soffice, "--headless", "--convert-to", target, "--outdir", out_dir, str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )


# --------------------------------------------------------------------------- the Word rendering


def build_docx(lines: list[str], doc, path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    word = docx.Document()
    style = word.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    style.paragraph_format.space_after = Pt(6)
    section = word.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.different_first_page_header_footer = True
    _page_number(section.header.paragraphs[0])

    def para(text, bold=False, italic=False, align=None, indent=True, size=None):
        p = word.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        p.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent and align is None:
            p.paragraph_format.first_line_indent = Cm(1.0)
        return p

    centre = WD_ALIGN_PARAGRAPH.CENTER
    header = word.add_table(rows=2, cols=2)
    _cell(header.cell(0, 0), [("BỘ Y TẾ", True, False)], centre)
    _cell(
        header.cell(0, 1),
        [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False), ("Độc lập - Tự do - Hạnh phúc", True, False)],
        centre,
    )
    _cell(header.cell(1, 0), [(lines[5], False, False)], centre)
    _cell(header.cell(1, 1), [(lines[6], False, True)], centre)
    _widths(header, [Cm(6.0), Cm(10.0)])

    para(lines[7], bold=True, align=centre)  # QUYẾT ĐỊNH
    para(lines[8], bold=True, align=centre)  # the title
    para(lines[9], bold=True, align=centre)  # BỘ TRƯỞNG BỘ Y TẾ
    recipients_at = lines.index("Nơi nhận:")
    for text in lines[10:recipients_at]:
        if text == "QUYẾT ĐỊNH:":
            para(text, bold=True, align=centre)
        else:
            para(" ".join(text.split()))
    closing = word.add_table(rows=1, cols=2)
    signer_at = recipients_at + 6
    _cell(
        closing.cell(0, 0),
        [("Nơi nhận:", True, True)] + [(t, False, False) for t in lines[recipients_at + 1 : signer_at]],
        WD_ALIGN_PARAGRAPH.LEFT,
        size=11,
    )
    _cell(
        closing.cell(0, 1),
        [
            (lines[signer_at], True, False),
            ("", False, False),
            ("", False, False),
            (lines[signer_at + 1], True, False),
        ],
        centre,
    )
    _widths(closing, [Cm(8.0), Cm(8.0)])

    word.add_page_break()
    appendix_at = lines.index("PHỤ LỤC")
    attachment = lines[signer_at + 2 : appendix_at]
    para(attachment[0], bold=True, align=centre)
    para(attachment[1], bold=True, align=centre)
    para(attachment[2], italic=True, align=centre)
    for text in attachment[3:]:
        heading = text[:4].rstrip(".").isupper() and text.split(".")[0].isalpha() and text.isupper()
        para(text, bold=heading)

    landscape = word.add_section()
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Cm(29.7), Cm(21.0)
    landscape.left_margin = landscape.right_margin = Cm(2.0)
    appendix = doc.appendices[0]
    para(appendix.title, bold=True, align=centre)
    para(appendix.heading, bold=True, align=centre)
    para(appendix.note, italic=True, align=centre)
    build_appendix_table(word, appendix)
    word.save(str(path))


def build_appendix_table(word, appendix) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    keys = [c.key for c in appendix.columns]
    table = word.add_table(rows=1, cols=len(keys))
    table.style = "Table Grid"
    widths = [Cm(1.3), Cm(9.0), Cm(4.0), Cm(4.5), Cm(4.0), Cm(2.9)]
    head = table.rows[0]
    row_pr = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row_pr.append(repeat)
    for cell, column in zip(head.cells, appendix.columns, strict=True):
        _cell(cell, [(column.title, True, False)], WD_ALIGN_PARAGRAPH.CENTER, size=11)
    events = [(g.line, "group", g) for g in appendix.groups] + [(r.line, "row", r) for r in appendix.rows]
    for _, kind, item in sorted(events, key=lambda e: e[0]):
        cells = table.add_row().cells
        if kind == "group":
            _cell(cells[0], [(item.label, True, False)], WD_ALIGN_PARAGRAPH.CENTER, size=11)
            merged = cells[1].merge(cells[-1])
            _cell(merged, [(item.title, True, False)], WD_ALIGN_PARAGRAPH.LEFT, size=11)
            continue
        for cell, key in zip(cells, keys, strict=True):
            text = item.cells.get(key, "")
            parts = text.split("\n") if text else [""]
            align = WD_ALIGN_PARAGRAPH.CENTER if key in ("tt", "deadline") else WD_ALIGN_PARAGRAPH.LEFT
            _cell(cell, [(p, False, False) for p in parts], align, size=11)
    _widths(table, widths)


def _widths(table, widths) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _cell(cell, runs, align, size=None) -> None:
    from docx.shared import Pt

    first = True
    for text, bold, italic in runs:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = align
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)


def _page_number(paragraph) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# --------------------------------------------------------------------------- scans and small PDFs


def make_scan(pdf: Path, png: Path, image_pdf: Path) -> None:
    """Page 1 as a scanner gives it: 200 dpi, turned 0.6°, a little blurred and noisy, black and white."""
    import random

    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    document = pdfium.PdfDocument(str(pdf))
    try:
        image = document[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    bicubic = Image.BICUBIC  # type: ignore[attr-defined]
    image = image.rotate(0.6, resample=bicubic, fillcolor=255).filter(ImageFilter.GaussianBlur(1.1))
    rng = random.Random(4)
    noise = Image.frombytes(
        "L", image.size, bytes(rng.randrange(64, 192) for _ in range(image.width * image.height))
    )
    image = Image.blend(image, noise, 0.18).point(lambda v: 255 if v > 150 else 0).convert("1")
    image.save(png, dpi=(200, 200), optimize=True)
    image.save(image_pdf, "PDF", resolution=200)


def tiny_pdf() -> bytes:
    """A valid one-page PDF written by hand, ASCII only (so no NUL byte anywhere): the strings are
    hex codes, and a ToUnicode map gives each code its Vietnamese letter (codes from 0x80 for the
    letters outside ASCII), so the text layer reads as Vietnamese."""
    lines = [
        "ỦY BAN NHÂN DÂN HUYỆN AN PHÚ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/QĐ-UBND",
        "An Phú, ngày 05 tháng 3 năm 2025",
        "QUYẾT ĐỊNH",
        "Về việc thành lập Tổ công tác",
        "Điều 1. Thành lập Tổ công tác.",
        "Điều 2. Quyết định này có hiệu lực từ ngày ký.",
    ]
    extra = sorted({ch for line in lines for ch in line if ord(ch) > 126})
    code = {ch: 0x80 + i for i, ch in enumerate(extra)}
    ops = ["BT", "/F1 12 Tf", "72 760 Td", "18 TL"]
    for text in lines:
        hexed = "".join(f"{code.get(ch, ord(ch)):02X}" for ch in text)
        ops.append(f"<{hexed}> Tj T*")
    ops.append("ET")
    stream = "\n".join(ops)
    pairs = "\n".join(f"<{c:02X}> <{ord(ch):04X}>" for ch, c in code.items())
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Tiny def 1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"1 beginbfrange <20> <7E> <0020> endbfrange\n{len(code)} beginbfchar\n{pairs}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("ascii")


if __name__ == "__main__":
    sys.exit(main())
