"""OCR reader: a scanned page (an image file, or a PDF page without a text layer) → words with
their boxes and confidence, by Tesseract with its Vietnamese data.

In: image bytes (PNG, JPEG, TIFF; a multi-page TIFF gives several pages), or a pypdfium2 page,
which is rendered at ``RENDER_DPI`` first (Pillow, the ``nq57parse[ocr]`` extra, hands it to
Tesseract as PNG). Out: ``layout.PageText`` per page, read in the same reading order as a PDF's
text layer; each line keeps the mean confidence of its words (0–100).

Tesseract runs as a program (Debian packages ``tesseract-ocr`` and ``tesseract-ocr-vie``):
``tesseract stdin stdout -l vie tsv``, one process per image, one thread
(``OMP_THREAD_LIMIT=1``: batch runs files in parallel already). Its TSV gives one row per word
(level 5) with the box and confidence, and one per line (level 4): a word takes its line's top and
bottom, so that accents and descenders do not change the height the layout rules measure with.
When Tesseract or its Vietnamese data is missing, ``OcrUnavailable`` says what to install.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess

from .layout import Box, PageText, read_page

RENDER_DPI = 300
LANGUAGE = "vie"
TIMEOUT = 180.0  # seconds for one page
LOW_CONFIDENCE = 60.0  # a line whose words average less than this carries a diagnostic
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-vie"
# Tesseract's Vietnamese model reads one Đ as Đ (U+0110) followed by its look-alike Ð (U+00D0):
# ``QĐÐ``, ``ĐÐU``; the pair is one letter (the normaliser turns a lone Ð into Đ afterwards).
OCR_REPAIRS: tuple[tuple[str, str], ...] = (("ĐÐ", "Đ"), ("ÐĐ", "Đ"), ("đð", "đ"), ("ðđ", "đ"))


class OcrUnavailable(Exception):
    """OCR cannot run here; the message names what to install."""


@functools.cache
def tesseract_problem() -> str | None:
    """None when Tesseract with Vietnamese data is installed, else what is missing."""
    exe = shutil.which("tesseract")
    if exe is None:
        return f"Tesseract is not installed ({INSTALL})"
    try:
        listed = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Tesseract does not run ({exc})"
    langs = set((listed.stdout + listed.stderr).split())
    if LANGUAGE not in langs:
        return f"Tesseract has no Vietnamese data ({INSTALL})"
    return None


def available() -> bool:
    return tesseract_problem() is None


def ocr_image(data: bytes) -> list[PageText]:
    """Every page of an image file, read by Tesseract."""
    return [read_page(words, [], height) for words, height in run_tesseract(data)]


def ocr_pdf_page(page: object, number: int) -> PageText:
    """A PDF page without a text layer: rendered at ``RENDER_DPI``, then read by Tesseract."""
    try:
        import PIL  # noqa: F401
    except ImportError:
        raise OcrUnavailable(
            "rendering PDF pages for OCR needs Pillow: pip install 'nq57parse[ocr]'"
        ) from None
    import io

    bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)  # type: ignore[attr-defined]
    buffer = io.BytesIO()
    bitmap.to_pil().save(buffer, format="PNG", dpi=(RENDER_DPI, RENDER_DPI))
    results = run_tesseract(buffer.getvalue())
    if not results:
        return PageText([], float(bitmap.height))
    words, height = results[0]
    return read_page(words, [], height)


def run_tesseract(image: bytes) -> list[tuple[list[Box], float]]:
    """Tesseract's words (pixel boxes, confidence) and the page height, for each page of the image."""
    problem = tesseract_problem()
    if problem is not None:
        raise OcrUnavailable(problem)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "tsv"],
            input=image,
            capture_output=True,
            timeout=TIMEOUT,
            env=env,
        )
    except subprocess.TimeoutExpired:
        raise OcrUnavailable(f"Tesseract took more than {TIMEOUT:g} s on one page") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrUnavailable(
            f"Tesseract could not read the image ({reason[-1] if reason else done.returncode})"
        )
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[tuple[list[Box], float]]:
    """Tesseract's TSV → words per page, each word with its line's top and bottom."""
    pages: dict[int, tuple[list[Box], float]] = {}
    line_box: dict[tuple[int, ...], tuple[float, float]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12:
            continue
        level, page = int(cells[0]), int(cells[1])
        left, top, width, height = (float(c) for c in cells[6:10])
        key = (page, *(int(c) for c in cells[2:5]))
        if level == 1:
            pages[page] = ([], height)
        elif level == 4:
            line_box[key] = (top, top + height)
        elif level == 5 and cells[11].strip():
            line_top, line_bottom = line_box.get(key, (top, top + height))
            words = pages.setdefault(page, ([], 0.0))[0]
            text = repair_word(cells[11].strip())
            words.append(Box(text, left, line_top, left + width, line_bottom, float(cells[10])))
    return [pages[p] for p in sorted(pages)]


def repair_word(text: str) -> str:
    """Undo Tesseract's known misreadings of Vietnamese letters (``OCR_REPAIRS``)."""
    for wrong, right in OCR_REPAIRS:
        if wrong in text:
            text = text.replace(wrong, right)
    return text
