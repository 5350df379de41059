"""Fuzzing the whole pipeline: bytes → ``decode_bytes`` → ``pipeline.parse_raw``.

Documents are built from lines of the samples, structural markers, random Unicode and random bytes,
then written in one of the supported encodings (UTF-8, UTF-16, Windows-1258, TCVN3, VNI, mojibake) or
as an HTML page. Whatever comes in, the only exception allowed is ``InputError``, and the result is
lossless: every non-blank normalised line is owned by exactly one node or by ``unparsed``.
"""

from __future__ import annotations

import codecs
import html
from functools import cache

import pytest
from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nq57parse.coverage import unowned_or_twice
from nq57parse.errors import InputError
from nq57parse.legacy import encode_legacy
from nq57parse.normalise import normalise
from nq57parse.pipeline import parse_raw
from nq57parse.read import decode_bytes


@cache
def _sample_lines() -> tuple[str, ...]:
    lines: set[str] = set()
    for path in sorted(SAMPLES.glob("*.txt")):
        lines.update(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return tuple(sorted(lines))


MARKERS = [
    "1.",
    "1.1.",
    "1.1.1.1.1.",
    "I.",
    "IV.",
    "a)",
    "đ)",
    "-",
    "+",
    "Điều 1.",
    "Điều 2. Hiệu lực",
    "Chương I",
    "Mục 1",
    "Phần thứ nhất",
    "PHỤ LỤC",
    "QUYẾT ĐỊNH:",
    "QUYẾT ĐỊNH",
    "Căn cứ",
    "Nơi nhận:",
    "TT",
    "Tên nhiệm vụ",
    "Thời gian hoàn thành",
    "| TT | Tên nhiệm vụ | Đơn vị chủ trì |",
    "|---|---|---|",
    "| 1. | Việc<br>tiếp | Vụ |",
    "|",
    "||",
    "Số: 12/QĐ-UBND",
    "Hà Nội, ngày 31 tháng 2 năm 2025",
    "KT. BỘ TRƯỞNG",
    "TM. ỦY BAN NHÂN DÂN",
    "Quý IV/2025",
    "Thường xuyên",
    "2030",
    "(1)",
    "[1]",
    "/.",
]

sample_line = st.sampled_from(_sample_lines())
marker_line = st.sampled_from(MARKERS)
random_line = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\n\r\x85\u2028\u2029"),
    max_size=60,
)
line = st.one_of(sample_line, sample_line, marker_line, random_line, st.just(""))
document = st.lists(line, min_size=0, max_size=40).map("\n".join)
eol = st.sampled_from(["\n", "\r\n", "\r"])


def _mojibake(text: str) -> str:
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


ENCODERS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-sig": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16": lambda t: t.encode("utf-16"),
    "cp1258": lambda t: t.encode("cp1258", errors="replace"),
    "tcvn3": lambda t: encode_legacy(t, "tcvn3").encode("cp1252", errors="replace"),
    "vni": lambda t: encode_legacy(t, "vni").encode("cp1252", errors="replace"),
    "tcvn3-in-utf-8": lambda t: encode_legacy(t, "tcvn3").encode("utf-8"),
    "mojibake": lambda t: _mojibake(t).encode("utf-8"),
    "mac-roman-mojibake": lambda t: t.encode("utf-8").decode("mac_roman").encode("utf-8"),
}


def _as_html(text: str) -> bytes:
    parts = [
        '<html><head><meta charset="utf-8"><script>var a="<p>x</p>";</script></head><body><nav>Menu</nav>'
    ]
    rows: list[str] = []
    for n, ln in enumerate(text.split("\n")):
        if n % 7 == 3:
            rows.append(f"<tr><td>{html.escape(ln)}</td><td colspan=2>{n}</td></tr>")
            continue
        if rows:
            parts.append("<table>" + "".join(rows) + "</table>")
            rows = []
        parts.append(f"<p>{html.escape(ln)}</p>")
    parts.append("<table>" + "".join(rows))  # left unclosed on purpose
    return "".join(parts).encode("utf-8")


@st.composite
def inputs(draw: st.DrawFn) -> tuple[bytes, str]:
    """(bytes, file name): an encoded document, an HTML page, or random bytes."""
    kind = draw(st.sampled_from(["text"] * 6 + ["html", "bytes", "mixed"]))
    if kind == "bytes":
        return draw(st.binary(max_size=2000)), "fuzz.txt"
    text = draw(eol).join(draw(document).split("\n"))
    if kind == "html":
        return _as_html(text), "fuzz.html"
    data = ENCODERS[draw(st.sampled_from(sorted(ENCODERS)))](text)
    if kind == "mixed":
        data = data + draw(st.binary(max_size=200)) + data[: draw(st.integers(0, 200))]
    return data, "fuzz.txt"


def check_pipeline(data: bytes, name: str) -> None:
    try:
        raw = decode_bytes(data, path=name)
    except InputError as err:
        assert "\n" not in str(err)
        return
    doc = parse_raw(raw)
    norm = normalise(raw.text)
    unowned, twice = unowned_or_twice(doc, norm)
    assert not unowned and not twice, (unowned[:3], twice[:3])
    assert not any(d.code == "NQ000" for d in doc.diagnostics)
    assert doc.source.line_count == len(norm.lines)
    assert doc.source.encoding == raw.encoding


@pytest.mark.parametrize(
    "text",
    [
        "QUYẾT ĐỊNH\nVề việc\n---\nabc\n",
        "LUẬT\n| LUẬT | 3 |  |\n|---|---|---|\nLUẬT\n\x02\nLUẬT\n",
        "KẾ HOẠCH\nBỘ Y TẾ\n| BỘ Y TẾ | 3 |  |\n|---|---|---|\nBỘ Y TẾ\n",
        "BỘ Y TẾ\nBỘ Y TẾ\n1.\n3\nBỘ Y TẾ\n",  # a page number inside an outline item's span (found by fuzzing)
        # site furniture between a sentence's halves: the article crosses it, the block owns it
        "**Điều 1.** Ban hành kèm theo Quyết định này Hướng dẫn.\nCập nhật: 09:15 12/03/2026 | Lượt xem: 1.245\n"
        " BỘ Y TẾ\nCập nhật: 09:15 12/03/2026 | Lượt xem: 1.245\n",
    ],
)
def test_every_line_is_owned_once_in_cases_fuzzing_found(text: str) -> None:
    from nq57parse.pipeline import parse_text

    doc = parse_text(text)
    assert unowned_or_twice(doc, normalise(text)) == ([], [])
    assert not [d for d in doc.diagnostics if d.code == "NQ000"]


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs())
def test_the_pipeline_never_raises_and_stays_lossless(case: tuple[bytes, str]) -> None:
    check_pipeline(*case)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs())
def test_the_pipeline_never_raises_and_stays_lossless_on_ten_thousand_inputs(case: tuple[bytes, str]) -> None:
    check_pipeline(*case)


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe",  # a UTF-16 BOM and nothing else
        b"\xef\xbb\xbf\n\n",
        "\u2028\u2029\x85".encode(),
        b"<html><body><table><tr><td>",
        b"\x81\x8d\x8f\x90\x9d" * 20,
    ],
)
def test_edge_inputs_end_in_a_document_or_a_one_line_error(data: bytes) -> None:
    check_pipeline(data, "edge.txt")
    check_pipeline(data, "edge.html")
