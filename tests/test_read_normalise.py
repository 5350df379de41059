"""Reading bytes and normalising text: encodings, refusals, and the line-count invariant."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57parse.errors import InputError
from nq57parse.legacy import sloppy_cp1252
from nq57parse.normalise import normalise
from nq57parse.read import decode_bytes, read_path


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed where the code page has it, else base + tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = list(unicodedata.normalize("NFD", ch))
            for i, mark in enumerate(marks):
                head = unicodedata.normalize("NFC", base + mark)
                rest = "".join(marks[:i] + marks[i + 1 :])
                try:
                    out += (head + rest).encode("cp1258")
                    break
                except UnicodeEncodeError:
                    continue
            else:
                out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


TEXT = "Số: 2121/QĐ-BYT\nHà Nội, ngày 26 tháng 6 năm 2025\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (to_cp1258(TEXT), "cp1258"),
    ],
)
def test_reads_each_supported_encoding_to_the_same_text(data: bytes, encoding: str) -> None:
    raw = decode_bytes(data, path="x.txt")
    assert raw.encoding == encoding
    assert normalise(raw.text).text == TEXT


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "is empty"),
        (b"  \n\t\n ", "is empty"),
        (bytes(range(256)) * 10, "binary"),
        (b"\x00\x01\x02\x03PK\x03\x04" * 50, "binary"),
    ],
)
def test_refuses_empty_and_binary_input_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(data, path="bad.bin")
    assert reason in str(err.value)
    assert str(err.value).startswith("bad.bin: ")
    assert "\n" not in str(err.value)


def test_refuses_a_missing_file_and_a_directory(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_path(str(tmp_path))


def test_refuses_input_over_the_size_limit(tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(InputError, match="too large"):
        read_path(str(big), max_bytes=1000)


def test_normalises_lookalikes_spaces_and_decomposed_unicode() -> None:
    decomposed = "QUYE\u0302\u0301T ÐI\u0323NH\u00a0số\u200b 12/QÐ\u2013UBND\r\nx"
    norm = normalise(decomposed)
    assert norm.lines == ("QUYẾT ĐỊNH số 12/QĐ-UBND", "x")
    assert set(norm.normalizations) == {
        "line_endings",
        "invisible_characters",
        "no_break_spaces",
        "nfc",
        "eth_to_d_stroke",
        "dashes_in_codes",
    }


def test_keeps_hyphen_like_dashes_in_prose() -> None:
    assert normalise("2021 – 2030").lines == ("2021 – 2030",)


@given(st.text())
def test_normalisation_never_adds_or_removes_a_line(text: str) -> None:
    expected = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if text.replace("\r\n", "\n").replace("\r", "\n").endswith("\n"):
        expected -= 1
    norm = normalise(text)
    assert len(norm.lines) == expected
    for n, line in enumerate(norm.lines, start=1):
        start, end = norm.span_of_line(n)
        assert norm.text[start:end] == line
        assert norm.line_of(start) == n


# --- legacy encodings, repairs and readers chosen by suffix ---------------------------------------------

DECISION = (
    "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch của Ủy ban nhân dân tỉnh Đồng Nai\nĐiều 1. Hiệu lực thi hành\n"
)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "tcvn3",
            "QUYÕT §ÞNH\nVÒ viÖc ban hµnh KÕ ho¹ch cña ñy ban nh©n d©n tØnh §ång Nai\n§iÒu 1. HiÖu lùc thi hµnh\n",
        ),
        (
            "vni",
            "QUYEÁT ÑÒNH\nVeà vieäc ban haønh Keá hoaïch cuûa UÛy ban nhaân daân tænh Ñoàng Nai\nÑieàu 1. Hieäu löïc thi haønh\n",
        ),
    ],
)
def test_reads_legacy_font_bytes_and_names_the_conversion(name: str, data: str) -> None:
    raw = decode_bytes(data.encode("cp1252"), path="old.txt")
    assert (raw.encoding, raw.repairs) == (name, (f"{name}_to_unicode",))
    # TCVN3 has no code for a capital Ủ (a .VnTimeH run in Word; lost in plain text): it reads ủ
    assert raw.text.replace("ủy", "Ủy") == DECISION


def test_repairs_utf8_read_as_cp1252_and_names_the_repair() -> None:
    raw = decode_bytes(sloppy_cp1252(DECISION.encode("utf-8")).encode("utf-8"), path="moji.txt")
    assert (raw.encoding, raw.repairs, raw.text) == ("utf-8", ("mojibake_repaired",), DECISION)


def test_the_suffix_chooses_the_reader() -> None:
    data = "<p>Điều 1.</p><p>Điều 2.</p>".encode()
    assert decode_bytes(data, path="a.txt").text == "<p>Điều 1.</p><p>Điều 2.</p>"
    assert decode_bytes(data, path="a.HTM").text == "Điều 1.\nĐiều 2.\n"
    assert decode_bytes(data, path="-").encoding == "utf-8"


def test_decode_bytes_refuses_bytes_over_the_limit_in_one_line() -> None:
    with pytest.raises(InputError, match=r"^a\.txt: too large \(over 10 bytes, see --max-bytes\)$"):
        decode_bytes(b"x" * 11, path="a.txt", max_bytes=10)
