"""Know a file by its bytes, not its name.

In: the first bytes of an input. Out: a ``Kind``: its key (``pdf``, ``doc``, ``docx``, ``png`` …),
a name for messages, and what reads it (``reader``: ``pdf``, ``doc``, ``docx``, ``image``, or
None for a format nq57parse does not read, whose message then says what would).

The signatures are an ordered table (the first match wins); a ZIP archive is told apart by the
names of its parts (``word/document.xml`` is a Word document, ``content.xml`` with an OpenDocument
mimetype a LibreOffice one), an OLE2 compound file by the names of its streams
(``WordDocument`` is Word 97–2003). Anything else is text (or HTML), for ``read.decode_bytes``.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    key: str
    name: str
    reader: str | None
    advice: str = ""


# (magic bytes, offset, kind): the first that matches wins.
SIGNATURES: tuple[tuple[bytes, int, Kind], ...] = (
    (b"%PDF-", -1, Kind("pdf", "PDF document", "pdf")),  # -1: anywhere in the first 1024 bytes
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, Kind("ole2", "OLE2 compound file", "doc")),
    (b"PK\x03\x04", 0, Kind("zip", "ZIP archive", None, "a .docx is a ZIP holding word/document.xml")),
    (b"\x89PNG\r\n\x1a\n", 0, Kind("png", "PNG image", "image")),
    (b"\xff\xd8\xff", 0, Kind("jpeg", "JPEG image", "image")),
    (b"II*\x00", 0, Kind("tiff", "TIFF image", "image")),
    (b"MM\x00*", 0, Kind("tiff", "TIFF image", "image")),
    (b"GIF87a", 0, Kind("gif", "GIF image", None, "convert it to PNG to read it by OCR")),
    (b"GIF89a", 0, Kind("gif", "GIF image", None, "convert it to PNG to read it by OCR")),
    (b"{\\rtf", 0, Kind("rtf", "Rich Text (RTF) document", None, "save it as .docx or PDF")),
    (b"\x1f\x8b", 0, Kind("gzip", "gzip archive", None, "unpack it first")),
    (b"7z\xbc\xaf\x27\x1c", 0, Kind("7z", "7-Zip archive", None, "unpack it first")),
    (b"Rar!\x1a\x07", 0, Kind("rar", "RAR archive", None, "unpack it first")),
)

DOCX = Kind("docx", "Word document (.docx)", "docx")
ODT = Kind("odt", "OpenDocument text (.odt)", None, "save it as .docx or PDF")
XLSX = Kind("xlsx", "Excel workbook (.xlsx)", None, "nq57parse reads documents, not spreadsheets")
PPTX = Kind("pptx", "PowerPoint file (.pptx)", None, "save it as PDF")


def sniff(data: bytes) -> Kind | None:
    """The binary format of ``data``, or None for text (plain, Markdown, HTML)."""
    for magic, offset, kind in SIGNATURES:
        if offset < 0:
            found = data[:1024].find(magic)
            if found >= 0 and (found == 0 or _only_junk(data[:found])):
                return kind
        elif data[offset : offset + len(magic)] == magic:
            return _refine_zip(data) if kind.key == "zip" else kind
    return None


def _only_junk(head: bytes) -> bool:
    """Bytes before ``%PDF-`` that readers tolerate (a BOM, blank lines, a mail header's tail) —
    but not text that merely quotes ``%PDF-``: no letters and digits in more than half of them."""
    letters = sum(1 for b in head if 48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122)
    return letters <= len(head) // 2


def _refine_zip(data: bytes) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError, EOFError):
        return Kind("zip", "damaged ZIP archive", None, "a .docx is a ZIP holding word/document.xml")
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "ppt/presentation.xml" in names:
        return PPTX
    if b"opendocument" in mimetype:
        return ODT
    return SIGNATURES[2][2]
