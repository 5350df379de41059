"""Stage 1, read: bytes → text.

In: a path (or ``-`` for standard input) or raw bytes.
Out: ``RawText(text, encoding, sha256, path, repairs)``; or ``InputError`` (one line, exit 2) for a
missing file, a directory, binary data, empty or whitespace-only input, or input over the size limit.

Formats, by their bytes (``readers.sniff``), never by the name alone: ``%PDF`` → ``readers.pdf``
(text layer in reading order, ruled tables as pipe lines, page furniture out; scanned pages by
OCR), OLE2 → ``readers.doc`` (Word 97 through antiword), a ZIP holding ``word/document.xml`` →
``docx_reader`` (paragraphs and tables in document order), PNG/JPEG/TIFF → ``readers.ocr``
(Tesseract); another binary format (RTF, ODT, GIF, archives …) is refused naming what it is and
what would read it. Text that starts with ``<html`` or ``<!DOCTYPE html``, or a ``.html``/``.htm``
file, → ``html_reader``; anything else is text. A file named ``.docx`` that is not a ZIP (nor HTML)
is refused as not a valid .docx. Line numbers downstream refer to the extracted text; for PDFs and
scans ``RawText.pages`` gives each page's line range, and ``RawText.notes`` the readers' remarks
(OCR lines read with low confidence, pages left unread) for the diagnostics.

Encodings: UTF-8 with or without BOM, UTF-16 with BOM (LE/BE) or without (mostly-ASCII text),
Windows-1258 (its combining marks are composed later by the normaliser), and the legacy font codes
TCVN3 (ABC) and VNI (``legacy``), detected by how Vietnamese each reading looks. Text that holds
TCVN3/VNI characters already in Unicode, or UTF-8 mojibake (``Nghá»‹``), is repaired; each repair is
named in ``RawText.repairs`` (``tcvn3_to_unicode``, ``vni_to_unicode``, ``mojibake_repaired``).
``RawText.encoding`` names what was found: ``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-16-le``,
``utf-16-be``, ``cp1258``, ``tcvn3``, ``vni``, ``html+<charset>``, ``docx``, ``pdf``, ``pdf+ocr``,
``doc``, ``png+ocr`` (``jpeg+ocr``, ``tiff+ocr``). Other binary data is refused:
NUL bytes outside UTF-16, or too many control characters in what decodes.
"""

from __future__ import annotations

import codecs
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from . import legacy
from .errors import InputError
from .legacy import decode_single_byte, utf16_without_bom
from .readers.sniff import sniff

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


@dataclass(frozen=True)
class RawText:
    """Decoded text of one input, before normalisation."""

    text: str
    encoding: str
    sha256: str
    path: str | None = None
    repairs: tuple[str, ...] = field(default=())
    pages: tuple = field(default=())  # readers.layout.PageSpan per page (PDF, scans)
    notes: tuple = field(default=())  # readers.Note: the readers' remarks for the diagnostics


def read_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    """Read a file (``-`` = standard input) and decode it; raise ``InputError`` when it cannot be."""
    return decode_bytes(read_bytes(path, max_bytes), path=path, max_bytes=max_bytes)


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file (``-`` = standard input); ``InputError`` for a missing, unreadable or
    oversized one (standard input is cut at ``max_bytes + 1``, for ``decode_bytes`` to refuse)."""
    if path == "-":
        return read_limited(sys.stdin.buffer, max_bytes)
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file")
    if p.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(path, f"too large ({size} bytes; the limit is {max_bytes}, see --max-bytes)")
        with open(p, "rb") as handle:
            return read_limited(handle, max_bytes)
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None


def read_limited(handle: BinaryIO, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes, whatever the file claims to hold: ``st_size`` is 0 for
    ``/dev/zero``, a pipe or a file in ``/proc``, and a file may grow while it is read. One byte more
    than the limit is enough for ``decode_bytes`` to refuse it."""
    chunks, left = [], max_bytes + 1
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def decode_bytes(data: bytes, path: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    """Decode bytes to text, choosing the encoding; refuse binary, empty and oversized input."""
    if len(data) > max_bytes:
        raise InputError(path, f"too large (over {max_bytes} bytes, see --max-bytes)")
    digest = hashlib.sha256(data).hexdigest()
    suffix = Path(path).suffix.lower() if path and path != "-" else ""
    repairs: tuple[str, ...] = ()
    pages: tuple = ()
    notes: tuple = ()
    kind = sniff(data)
    if (kind is not None and kind.reader == "docx") or (
        suffix == ".docx" and (data.startswith(b"PK") or not _starts_like_html(data))
    ):
        from .docx_reader import read_docx

        text, repairs = read_docx(data, path, max_bytes)
        encoding = "docx"
    elif kind is not None:
        from .readers import read_binary

        extracted = read_binary(kind, data, path)
        text, encoding, pages, notes = extracted.text, extracted.encoding, extracted.pages, extracted.notes
    elif suffix in (".html", ".htm") or _starts_like_html(data):
        from .html_reader import read_html

        text, charset = read_html(data, path)
        encoding = f"html+{charset}"
    else:
        text, encoding = _decode(data, path)
        if _looks_binary(text):
            raise InputError(path, "looks like binary data, not text")
    if encoding in legacy.LEGACY_CODES:
        repairs = (f"{encoding}_to_unicode",)
    else:
        text, more = repair_text(text)
        repairs += more
    if _is_blank(text):
        raise InputError(path, "is empty (no text to parse)")
    return RawText(
        text=text, encoding=encoding, sha256=digest, path=path, repairs=repairs, pages=pages, notes=notes
    )


def repair_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Repair mojibake, then legacy-font characters held in Unicode; return the text and the repairs."""
    repairs: list[str] = []
    if legacy.looks_like_mojibake(text):
        fixed = legacy.repair_mojibake(text)
        if fixed is not None:
            text = fixed
            repairs.append("mojibake_repaired")
    code = legacy.detect_legacy(text)
    if code is not None:
        text = legacy.decode_legacy(text, code)
        repairs.append(f"{code}_to_unicode")
    return text, tuple(repairs)


def _starts_like_html(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or head[1:2] == b"\x00":
        head = head.replace(b"\x00", b"").lstrip(b"\xff\xfe \t\r\n")
    return head.startswith((b"<!doctype html", b"<html"))


def _decode(data: bytes, path: str | None) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), "utf-16"
    if b"\x00" in data:
        guess = utf16_without_bom(data)
        if guess is not None:
            return guess
        raise InputError(path, "looks like binary data, not text (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return decode_single_byte(data, path)


def _strict(data: bytes, codec: str, path: str | None) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"is not valid {codec.upper()} (byte {exc.start})") from None


def _looks_binary(text: str) -> bool:
    """More than 1 % C0 control characters (other than whitespace) in the first 64 KB means binary."""
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    return controls > max(2, len(sample) // 100)


def _is_blank(text: str) -> bool:
    """Only whitespace and invisible format characters (zero-width spaces and joiners, BOMs, soft
    hyphens: Unicode category Cf) — nothing to parse."""
    if not text.strip():
        return True
    import unicodedata

    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)
