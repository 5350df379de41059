"""Readers of binary formats: PDF (text layer, or OCR for scanned pages), Word 97 ``.doc``, images.

In: the bytes of a file and the ``sniff.Kind`` its bytes showed. Out: ``Extracted``: the text
(one line a line of the page, in reading order), the encoding name (``pdf``, ``pdf+ocr``, ``doc``,
``png+ocr`` …), the pages (``layout.PageSpan``: each page's line range and the furniture taken
out of it) and the reader's notes for the document's diagnostics (``Note``: OCR lines read with
low confidence, pages that had no text layer and no OCR). ``InputError`` (exit 2, one line) for
a file that cannot be read: damaged, encrypted, a format nq57parse does not read, or one that
needs a program that is not installed — the message says which.

Modules: ``sniff`` (the format from the first bytes), ``layout`` (positioned words → lines in
reading order, ruled tables, page furniture), ``pdf`` (pypdfium2), ``ocr`` (Tesseract), ``doc``
(antiword). DOCX and HTML have their own readers (``docx_reader``, ``html_reader``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from .layout import PageSpan, PageText, assemble, mark_running_furniture
from .sniff import Kind


@dataclass(frozen=True, slots=True)
class Note:
    """A reader's remark about one line (or the whole file: ``line`` None), for the diagnostics."""

    line: int | None
    code: str
    severity: str
    message: str


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    encoding: str
    pages: tuple[PageSpan, ...] = ()
    notes: tuple[Note, ...] = ()


OCR_LOW = "NQ504"
NO_TEXT_LAYER = "NQ505"


def read_binary(kind: Kind, data: bytes, path: str | None) -> Extracted:
    """Read a binary document of a kind ``sniff`` recognised."""
    if kind.reader == "pdf":
        return _read_pdf(data, path)
    if kind.reader == "image":
        return _read_image(kind, data, path)
    if kind.reader == "doc":
        from .doc import read_doc

        return Extracted(read_doc(data, path), "doc")
    advice = f": {kind.advice}" if kind.advice else ""
    article = "an" if kind.name[0] in "AEIOU" else "a"
    raise InputError(path, f"is {article} {kind.name}, not a document nq57parse reads{advice}")


def _read_pdf(data: bytes, path: str | None) -> Extracted:
    from . import ocr
    from .pdf import read_pdf

    def ocr_page(page: object, number: int) -> PageText | None:
        if not ocr.available():  # asked only when a page needs it: a text PDF never runs Tesseract
            return None
        try:
            return ocr.ocr_pdf_page(page, number)
        except ocr.OcrUnavailable as exc:
            raise InputError(
                path, f"page {number} has no text layer (a scan) and OCR failed: {exc}"
            ) from None

    pages, scanned = read_pdf(data, path, ocr_page)
    use_ocr = bool(scanned) and ocr.available()
    if scanned and not use_ocr and len(scanned) == len(pages):
        raise InputError(
            path, f"is a scanned PDF (no text layer); reading it needs OCR: {ocr.tesseract_problem()}"
        )
    result = _extracted(pages, "pdf+ocr" if scanned and use_ocr else "pdf", path)
    if scanned and not use_ocr:
        listed = ", ".join(str(n) for n in scanned)
        note = Note(
            None,
            NO_TEXT_LAYER,
            "warning",
            f"page(s) {listed} have no text layer (scans) and were not read: {ocr.tesseract_problem()}",
        )
        result = Extracted(result.text, result.encoding, result.pages, (*result.notes, note))
    return result


def _read_image(kind: Kind, data: bytes, path: str | None) -> Extracted:
    from . import ocr

    problem = ocr.tesseract_problem()
    if problem is not None:
        raise InputError(path, f"is a {kind.name} (a scan?); reading it needs OCR: {problem}")
    try:
        pages = ocr.ocr_image(data)
    except ocr.OcrUnavailable as exc:
        raise InputError(path, f"is a {kind.name} that OCR could not read: {exc}") from None
    return _extracted(pages, f"{kind.key}+ocr", path)


def _extracted(pages: list[PageText], encoding: str, path: str | None) -> Extracted:
    from .ocr import LOW_CONFIDENCE

    mark_running_furniture(pages)
    lines, spans, confidences = assemble(pages)
    if not any(line.strip() for line in lines):
        raise InputError(path, "has no text (no text layer, and OCR found none)")
    page_of = {
        n: span.page
        for span in spans
        if span.start_line and span.end_line
        for n in range(span.start_line, span.end_line + 1)
    }
    notes = tuple(
        Note(
            line,
            OCR_LOW,
            "warning",
            f"page {page_of.get(line, '?')}: OCR read this line with {conf:.0f} % confidence "
            f"(below {LOW_CONFIDENCE:.0f} %); check it against the scan",
        )
        for line, conf in confidences
        if conf < LOW_CONFIDENCE
    )
    return Extracted("\n".join(lines) + "\n", encoding, tuple(spans), notes)
