"""Hostile inputs made by code, one generator per class of issue #17 (nothing large is committed).

Each generator takes a size ``n`` in bytes (about the size of what it returns, or of what it
unpacks to for the zip bomb) and returns ``(file name, bytes)``. ``tests/hostile/test_*.py`` run
them small and assert the outcome; ``bench/bench_hostile.py`` runs them at 1× and 10× and reports
time, peak memory and their ratios to the size.
"""

from __future__ import annotations

import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
HEADER = "BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/QĐ-BYT\nQUYẾT ĐỊNH\n"


def docx_package(body: str, root: str = "w:document", extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx whose main part is ``<root><w:body>{body}</w:body></root>``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><{root} xmlns:w="{W}"><w:body>{body}</w:body></{root}>',
        )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


# --- time: markup that made a parser go back over the input -----------------------------------------


def html_unclosed_tags(n: int) -> tuple[str, bytes]:
    """``<a <a <a …``: html.parser rescanned to the end for every one (60 KB took 45 s)."""
    return "open.html", b"<p>Ngay truoc</p>" + b"<a " * (n // 3)


def html_unclosed_comments(n: int) -> tuple[str, bytes]:
    """``<!--`` runs with no end: a comment to the end of the input."""
    return "comments.html", b"<p>Truoc</p>" + b"<!--" * (n // 4)


def html_broken_end_tags(n: int) -> tuple[str, bytes]:
    """``</a</a</a…`` never closed."""
    return "endtags.html", b"<p>Truoc</p>" + b"</a" * (n // 3)


def html_processing_instructions(n: int) -> tuple[str, bytes]:
    """``<?`` runs (bogus comments)."""
    return "pi.html", b"<p>Truoc</p>" + b"<?" * (n // 2)


def html_deep_nesting(n: int) -> tuple[str, bytes]:
    """``<div>`` nested ``n/5`` deep, text at the bottom (tree builders check the whole stack)."""
    depth = n // 5
    return "deep.html", b"<div>" * depth + "Điều 1. Nội dung".encode() + b"</div>" * depth


def html_dropped_nesting(n: int) -> tuple[str, bytes]:
    """A dropped element (``nav``) holding ``n/6`` open ``span`` and stray end tags."""
    return "dropped.html", b"<p>Truoc</p><nav>" + b"<span>" * (n // 12) + b"</b>" * (n // 8)


def html_one_line_of_pieces(n: int) -> tuple[str, bytes]:
    """One line made of ``n/8`` bold pieces (a line grown one piece at a time)."""
    return "pieces.html", b"<p>" + b"<b>x</b>" * (n // 8) + b"</p>"


# --- memory: expansions --------------------------------------------------------------------------------


def html_span_amplification(n: int) -> tuple[str, bytes]:
    """A table whose cells claim ``colspan=1000 rowspan=1000`` over ``n/4`` bytes of rows."""
    rows = b"<tr><td colspan=1000 rowspan=1000>x</td></tr>" + b"<tr>" * (n // 4)
    return "spans.html", b"<table><tr><th>TT</th><th>Noi dung</th></tr>" + rows + b"</table>"


def docx_zip_bomb(n: int) -> tuple[str, bytes]:
    """A .docx whose document part unpacks to ``n`` bytes of spaces (a few KB stored)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w") as part:
            part.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
            chunk = b" " * (1 << 20)
            left = n
            while left > 0:
                part.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
            part.write(b"<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>")
    return "bomb.docx", buffer.getvalue()


def docx_line_breaks(n: int) -> tuple[str, bytes]:
    """One paragraph of ``n/7`` ``<w:br/>`` (24 KB stored kept a worker in one lxml call)."""
    body = "<w:p><w:r><w:t>Điều 1.</w:t>" + "<w:br/>" * (n // 7) + "<w:t>Hết</w:t></w:r></w:p>"
    return "breaks.docx", docx_package(body)


def docx_grid_span(n: int) -> tuple[str, bytes]:
    """Table cells that claim ``gridSpan`` of a billion columns, ``n/60`` of them."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="999999999"/></w:tcPr><w:p/></w:tc>'
    rows = f"<w:tr>{cell}</w:tr>" * max(1, n // 80)
    return "gridspan.docx", docx_package(f"{_paragraph('QUYẾT ĐỊNH')}<w:tbl>{rows}</w:tbl>")


def docx_vertical_merge(n: int) -> tuple[str, bytes]:
    """One column merged down over ``n/90`` rows (python-docx walked up every row for every cell)."""
    first = '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' + _paragraph("1.") + "</w:tc>"
    first += "<w:tc>" + _paragraph("Việc") + "</w:tc></w:tr>"
    more = (
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>"
        + _paragraph("Nội dung.")
        + "</w:tc></w:tr>"
    )
    return "vmerge.docx", docx_package(f"<w:tbl>{first}{more * max(1, n // 90)}</w:tbl>")


def docx_many_paragraphs(n: int) -> tuple[str, bytes]:
    """``n/40`` paragraphs in the body (python-docx lists them with an XPath union libxml2 sorts)."""
    return "paragraphs.docx", docx_package(_paragraph("Điều 1. Nội dung") * max(1, n // 48))


def docx_huge_numbers(n: int) -> tuple[str, bytes]:
    """A ``gridSpan`` of 100,000 digits (more than ``int()`` takes) in ``n/100,000`` cells."""
    cell = f'<w:tc><w:tcPr><w:gridSpan w:val="{"9" * 100_000}"/></w:tcPr>{_paragraph("x")}</w:tc>'
    return "digits.docx", docx_package(f"<w:tbl><w:tr>{cell * max(1, n // 100_000)}</w:tr></w:tbl>")


def html_huge_numbers(n: int) -> tuple[str, bytes]:
    """A ``colspan`` of ``n`` digits."""
    return "digits.html", b"<table><tr><td colspan=" + b"9" * n + b">TT</td><td>Ten</td></tr></table>"


def docx_wrong_root(n: int) -> tuple[str, bytes]:
    """A package whose main part is a ``w:settings``, not a ``w:document``."""
    return "root.docx", docx_package(_paragraph("x") * max(1, n // 40), root="w:settings")


def registry_alias_bomb(n: int) -> tuple[str, bytes]:
    """A 700-byte registry whose aliases nest nine deep (a billion names once expanded)."""
    lines = ['a0: &a0 ["Luật Đất đai"]']
    for k in range(1, 10):
        lines.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]")
    lines.append("documents:\n  - id: 15/2023/QH15\n    names: *a9")
    return "registry.yaml", ("\n".join(lines) + "\n").encode()


def text_sentence_of_short_lines(n: int) -> tuple[str, bytes]:
    """``và`` alone on ``n/4`` lines (a unit re-joined for every line under 3 characters)."""
    return "short-lines.txt", (HEADER + "Căn cứ Luật số 15/2023/QH15\n" + "và\n" * (n // 4)).encode()


CASES = {
    "html_unclosed_tags": (html_unclosed_tags, 200_000),
    "html_unclosed_comments": (html_unclosed_comments, 2_000_000),
    "html_broken_end_tags": (html_broken_end_tags, 200_000),
    "html_processing_instructions": (html_processing_instructions, 2_000_000),
    "html_deep_nesting": (html_deep_nesting, 200_000),
    "html_dropped_nesting": (html_dropped_nesting, 200_000),
    "html_one_line_of_pieces": (html_one_line_of_pieces, 200_000),
    "html_span_amplification": (html_span_amplification, 20_000),
    "docx_zip_bomb": (docx_zip_bomb, 100_000_000),
    "docx_line_breaks": (docx_line_breaks, 350_000),
    "docx_grid_span": (docx_grid_span, 20_000),
    "docx_vertical_merge": (docx_vertical_merge, 100_000),
    "docx_wrong_root": (docx_wrong_root, 10_000),
    "docx_many_paragraphs": (docx_many_paragraphs, 1_000_000),
    "docx_huge_numbers": (docx_huge_numbers, 200_000),
    "html_huge_numbers": (html_huge_numbers, 100_000),
    "text_sentence_of_short_lines": (text_sentence_of_short_lines, 50_000),
}
