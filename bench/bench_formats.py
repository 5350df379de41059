"""Benchmark of the format readers: pages per second for a PDF's text layer and for OCR.

Run: python bench/bench_formats.py [--repeat N] [--compare]

- PDF text layer: ``read_path`` on the seed-004 PDF fixture (21 pages: layout, ruled tables,
  furniture, paragraphs), the median of N runs → pages/s; and the whole ``parse_file`` (read +
  parse) for comparison.
- OCR: the scanned first page, as PNG (Tesseract alone) and as an image-only PDF (render at 300 dpi
  + Tesseract), one run each (OCR is seconds a page) → pages/s. Skipped when Tesseract is missing.
- ``--compare``: the measurement behind choosing pypdfium2: characters with their boxes by pypdfium2
  vs words by pdfplumber (``extract_words``) and its table finder (``find_tables``), on the same
  file, when pdfplumber is installed (it is not a dependency: ``pip install pdfplumber``).

All figures come from one run on whatever the machine is doing; compare them with each other.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench_citations import median_seconds  # same folder: on sys.path when run as a script

FORMATS = Path(__file__).resolve().parents[1] / "tests" / "data" / "formats"
PDF = FORMATS / "qd-2121.pdf"


def pdf_pages() -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(PDF))
    try:
        return len(document)
    finally:
        document.close()


def bench_text(repeat: int) -> None:
    from nq57parse.pipeline import parse_file
    from nq57parse.read import read_path

    pages = pdf_pages()
    read_path(str(PDF))  # imports, first-use compilation
    read = median_seconds(lambda: read_path(str(PDF)), repeat)
    parse = median_seconds(lambda: parse_file(str(PDF)), repeat)
    print(f"PDF text layer, {PDF.name} ({pages} pages), median of {repeat}:")
    print(
        f"  read (layout, tables, furniture, paragraphs): {read * 1000:7.1f} ms  = {pages / read:6.1f} pages/s"
    )
    print(
        f"  read + parse (parse_file):                    {parse * 1000:7.1f} ms  = {pages / parse:6.1f} pages/s"
    )


def bench_ocr() -> None:
    from nq57parse.read import read_path
    from nq57parse.readers import ocr

    if not ocr.available():
        print(f"OCR: skipped ({ocr.tesseract_problem()})")
        return
    print("OCR (Tesseract, vie, one thread), one page, one run each:")
    for name, what in (
        ("qd-2121-scan.png", "PNG, 200 dpi"),
        ("qd-2121-scan.pdf", "image-only PDF, rendered at 300 dpi"),
    ):
        began = time.perf_counter()
        raw = read_path(str(FORMATS / name))
        seconds = time.perf_counter() - began
        print(
            f"  {what:38s} {seconds:6.2f} s  = {1 / seconds:5.2f} pages/s ({len(raw.text.splitlines())} lines)"
        )


def bench_compare(repeat: int) -> None:
    import pypdfium2 as pdfium

    pages = pdf_pages()

    def pdfium_chars() -> None:
        document = pdfium.PdfDocument(str(PDF))
        for i in range(len(document)):
            textpage = document[i].get_textpage()
            for j in range(textpage.count_chars()):
                textpage.get_charbox(j, loose=True)
        document.close()

    seconds = median_seconds(pdfium_chars, repeat)
    print(f"pypdfium2, every character with its box:   {pages / seconds:6.1f} pages/s")
    try:
        import pdfplumber
    except ImportError:
        print("pdfplumber: not installed (pip install pdfplumber to compare)")
        return

    def plumber(method: str):
        def run() -> None:
            with pdfplumber.open(str(PDF)) as pdf:
                for page in pdf.pages:
                    getattr(page, method)()

        return run

    words = median_seconds(plumber("extract_words"), max(1, repeat // 3))
    tables = median_seconds(plumber("find_tables"), max(1, repeat // 3))
    print(f"pdfplumber, extract_words:                 {pages / words:6.1f} pages/s")
    print(f"pdfplumber, find_tables:                   {pages / tables:6.1f} pages/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--compare", action="store_true", help="pypdfium2 vs pdfplumber on the same file")
    args = parser.parse_args()
    bench_text(args.repeat)
    bench_ocr()
    if args.compare:
        bench_compare(args.repeat)


if __name__ == "__main__":
    main()
