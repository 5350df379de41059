"""PDF reader: the bytes of a PDF → text lines in reading order, page by page (pypdfium2).

In: the bytes of a file that starts with ``%PDF``. Out: a list of ``layout.PageText`` (each page's
lines in reading order, its ruled tables, the furniture taken out) and, for a page without a text
layer, its OCR when Tesseract is installed (``ocr``); ``InputError`` (exit 2) for a truncated,
encrypted or damaged PDF, or one whose pages are all scans when OCR is not installed.

Why pypdfium2 and not pdfplumber: on the seed-004 fixture (21 pages) pypdfium2 gives every
character with its box at ≈ 50 pages/s where pdfplumber's words take ≈ 2.4 pages/s and its table
finder another 3 pages/s (``python bench/bench_formats.py --compare``); both give the same
Vietnamese text. pypdfium2 also renders pages for OCR, so one library does both. Its page objects
give the ruling lines that ``layout.find_tables`` turns into table grids.

- Characters come in content order (pdfium writes a hyphen that ends a line as U+0002: it is
  kept as ``-``); a word ends at a space (real or one pdfium inserts for a gap),
  at a jump back or down, or at a gap wider than a quarter of the character height; a combining
  mark stays with its letter. Boxes are pdfium's *loose* boxes (the font's ascent and descent), so
  every character of a line has the same height whatever its accents.
- Ruling lines: path objects thinner than ``layout.RULE_THICKNESS``, and the four edges of a
  rectangle drawn as one path (a cell border).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import InputError
from .layout import Box, PageText, Rule, read_page

if TYPE_CHECKING:  # pypdfium2 is imported when a PDF is read; it has no type information
    from pypdfium2 import PdfDocument, PdfPage

# The PDF end-of-file marker must be in the last kilobyte (PDF 32000-1, 7.5.5); a download cut short lacks it.
EOF_WINDOW = 1024
MIN_TEXT_CHARS = 20  # fewer characters than this on a page with an image: a scan


def open_pdf(data: bytes, path: str | None) -> PdfDocument:
    """The pdfium document; ``InputError`` for a truncated, encrypted or damaged file."""
    import pypdfium2 as pdfium

    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise InputError(path, "is a truncated PDF (no %%EOF end marker: the file was cut short)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise InputError(
                path, "is an encrypted PDF (it needs a password to open); save an unprotected copy"
            ) from None
        raise InputError(path, f"is a damaged PDF (pdfium: {str(exc).strip()})") from None


def read_pdf(
    data: bytes, path: str | None, ocr_page: Callable[[object, int], PageText | None] | None
) -> tuple[list[PageText], list[int]]:
    """Every page read; the numbers (1-based) of pages that had no text layer, OCR'd or not.

    A page has no text layer when it holds fewer than ``MIN_TEXT_CHARS`` characters and an image (a
    scan with a stamped page number is still a scan); a page with little text and no image is just
    short. ``ocr_page(page, number)`` reads such a page; when it is None or returns None (no OCR
    here) the page is empty."""
    document = open_pdf(data, path)
    pages: list[PageText] = []
    scanned: list[int] = []
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                _width, height = page.get_size()
                words = page_words(page, height)
                if sum(len(w.text) for w in words) < MIN_TEXT_CHARS and (not words or has_image(page)):
                    scanned.append(index + 1)
                    read = ocr_page(page, index + 1) if ocr_page else None
                    pages.append(read if read is not None else PageText([], height))
                    continue
                pages.append(read_page(words, page_rules(page, height), height))
            finally:
                page.close()
    except InputError:
        raise
    except Exception as exc:  # pdfium fails on some broken page trees only while reading the page
        raise InputError(path, f"is a damaged PDF ({type(exc).__name__}: {str(exc).strip()})") from None
    finally:
        document.close()
    return pages, scanned


def page_words(page: PdfPage, height: float) -> list[Box]:
    """The words of a page's text layer, in content order, y measured from the top."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        words: list[Box] = []
        text = ""
        x0 = top = x1 = bottom = 0.0
        for i in range(count):
            ch = chr(raw.FPDFText_GetUnicode(textpage, i))
            if ch == "\x02":  # pdfium's mark for a hyphen ending a line (``71/NQ-`` / ``CP``)
                ch = "-"
            if unicodedata.combining(ch) and text:
                text += ch  # a tone mark drawn on its own: part of its letter, and of its width
                x1 = max(x1, textpage.get_charbox(i, loose=True)[2])
                continue
            if ch.isspace() or ch < " ":  # spaces, pdfium's generated breaks, control characters
                if text:
                    words.append(Box(unicodedata.normalize("NFC", text), x0, top, x1, bottom))
                    text = ""
                continue
            left, low, right, high = textpage.get_charbox(i, loose=True)
            c_top, c_bottom = height - high, height - low
            if text and _breaks(x1, top, bottom, left, c_top, c_bottom):
                words.append(Box(unicodedata.normalize("NFC", text), x0, top, x1, bottom))
                text = ""
            if not text:
                x0, top, x1, bottom = left, c_top, right, c_bottom
            else:
                x1, top, bottom = max(x1, right), min(top, c_top), max(bottom, c_bottom)
            text += ch
        if text:
            words.append(Box(unicodedata.normalize("NFC", text), x0, top, x1, bottom))
        return words
    finally:
        textpage.close()


def _breaks(x1: float, top: float, bottom: float, left: float, c_top: float, c_bottom: float) -> bool:
    """Does a character at (left, c_top–c_bottom) start a new word after one ending at x1?"""
    h = max(bottom - top, c_bottom - c_top, 1e-6)
    same_line = min(bottom, c_bottom) - max(top, c_top) >= 0.5 * min(bottom - top, c_bottom - c_top)
    return not same_line or left < x1 - 0.5 * h or left - x1 > 0.25 * h


def has_image(page: PdfPage) -> bool:
    """Does the page draw an image (at any depth of its form objects)?"""
    import pypdfium2.raw as raw

    return next(iter(page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE])), None) is not None


def page_rules(page: PdfPage, height: float) -> list[Rule]:
    """Ruling lines of a page: thin path objects, and the edges of rectangles drawn as one path."""
    import pypdfium2.raw as raw

    rules: list[Rule] = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH]):
        left, low, right, high = obj.get_bounds()
        top, bottom = height - high, height - low
        if min(right - left, bottom - top) <= 3.0:
            rules.append(Rule(left, top, right, bottom))
        elif raw.FPDFPath_CountSegments(obj.raw) <= 5:
            rules.extend(
                [
                    Rule(left, top, right, top),
                    Rule(left, bottom, right, bottom),
                    Rule(left, top, left, bottom),
                    Rule(right, top, right, bottom),
                ]
            )
    return rules
