"""Legacy font codes (TCVN3, VNI) and mojibake: the tables, detection, and whole documents re-encoded."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import NEWS, SAMPLES, parsed

from nq57parse.legacy import (
    decode_legacy,
    detect_legacy,
    encode_legacy,
    legacy_code,
    looks_like_mojibake,
    vietnamese_score,
)
from nq57parse.models import Document
from nq57parse.pipeline import parse_file
from nq57parse.read import decode_bytes, read_path

DATA = Path(__file__).resolve().parent.parent / "src" / "nq57parse" / "data"
LOWER = "áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ"
SEED_004 = SAMPLES / "quyet-dinh-2121-QD-BYT.txt"


def _rows(name: str) -> list[tuple[str, str]]:
    return list(yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))["letters"].items())


# --- the tables ----------------------------------------------------------------------------------------


def test_every_vietnamese_letter_has_a_code_in_both_tables() -> None:
    assert len(LOWER) == 67
    tcvn3, vni = legacy_code("tcvn3").encode_map, legacy_code("vni").encode_map
    assert set(LOWER) <= set(tcvn3)
    assert set(tcvn3) - set(LOWER) == set("ĂÂÊÔƠƯĐ")
    assert set(vni) == set(LOWER) | set(LOWER.upper())


@pytest.mark.parametrize(("letter", "code"), _rows("tcvn3"))
def test_tcvn3_row_round_trips_in_lower_and_upper_case(letter: str, code: int) -> None:
    assert encode_legacy(letter, "tcvn3") == chr(code)
    assert decode_legacy(chr(code), "tcvn3") == letter
    word = "TH" + letter.upper() + "NG"  # upper case needs the upper-case word around it (.VnTimeH)
    assert decode_legacy(encode_legacy(word, "tcvn3"), "tcvn3") == word
    lower = "th" + letter.lower() + "ng"
    assert decode_legacy(encode_legacy(lower, "tcvn3"), "tcvn3") == lower


@pytest.mark.parametrize(("letter", "codes"), _rows("vni"))
def test_vni_row_round_trips_alone_and_in_a_word(letter: str, codes: list[int]) -> None:
    spelled = "".join(chr(b) for b in codes)
    assert encode_legacy(letter, "vni") == spelled
    assert decode_legacy(spelled, "vni") == letter
    for word in ("ng" + letter + "n", "NG" + letter + "N", "x" + letter):
        assert decode_legacy(encode_legacy(word, "vni"), "vni") == word


@pytest.mark.parametrize(
    ("legacy", "name", "unicode"),
    [
        ("B¶o Th¾ng", "tcvn3", "Bảo Thắng"),
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "tcvn3", "Độc lập - Tự do - Hạnh phúc"),
        ("QUYÕT §ÞNH", "tcvn3", "QUYẾT ĐỊNH"),
        ("Së Y TÕ", "tcvn3", "SỞ Y TẾ"),
        ("Sè: 12/Q§-UBND", "tcvn3", "Số: 12/QĐ-UBND"),
        ("Xin chaøo caùc baïn", "vni", "Xin chào các bạn"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "vni", "Độc lập - Tự do - Hạnh phúc"),
        ("QUYEÁT ÑÒNH", "vni", "QUYẾT ĐỊNH"),
        ("Thuû töôùng", "vni", "Thủ tướng"),
    ],
)
def test_decodes_known_phrases(legacy: str, name: str, unicode: str) -> None:
    assert decode_legacy(legacy, name) == unicode


# --- detection -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", sorted(NEWS.glob("*.txt")) + sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name
)
def test_seeds_and_samples_keep_reading_as_utf8_with_no_repair(path: Path) -> None:
    raw = read_path(str(path))
    assert raw.encoding == "utf-8"
    assert raw.repairs == ()
    assert detect_legacy(raw.text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Sjøen var stille på fjorden, og båtene lå i havn. Være, først, også, på, så, blå, ærlig, øl.",
        "Le café de la gare était fermé. Œuvre, naïve, déjà, où, très, été, garçon, français, à côté.",
        "Die Bürger würden größere Straßen bauen; Äpfel, Öl, Übung, Füße, schön, Mädchen.",
        "Giá gạo tăng · Hà Nội © 2025 ® « trích » § 3",
    ],
)
def test_european_text_and_unicode_vietnamese_with_symbols_are_not_taken_for_a_legacy_font(text: str) -> None:
    assert detect_legacy(text) is None
    raw = decode_bytes(text.encode("cp1252", errors="ignore"), path="x.txt")
    assert raw.encoding == "cp1258"
    assert raw.repairs == ()


def test_the_syllable_score_counts_non_ascii_words_only() -> None:
    assert vietnamese_score("Cộng hoà xã hội chủ nghĩa Việt Nam") == (7, 7)
    # TCVN3 read as cp1252: "Céng" and "héi" happen to be well-formed, "hoµ" is not, "x·" is ASCII
    assert vietnamese_score("Céng hoµ x· héi") == (2, 3)
    assert vietnamese_score("Sjøen på fjorden") == (0, 2)


# --- whole documents -----------------------------------------------------------------------------------


def _without_source(doc: Document) -> dict:
    return doc.model_dump(exclude={"source"})


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    return parsed(SEED_004)


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_seed_004_re_encoded_in_a_legacy_font_parses_to_the_same_document(
    tmp_path: Path, seed_doc: Document, name: str
) -> None:
    text = SEED_004.read_text(encoding="utf-8")
    path = tmp_path / f"2121-{name}.txt"
    path.write_bytes(encode_legacy(text, name).encode("cp1252"))
    doc = parse_file(str(path))
    assert doc.source.encoding == name
    assert doc.source.normalizations[0] == f"{name}_to_unicode"
    assert doc.source.line_count == seed_doc.source.line_count
    assert _without_source(doc) == _without_source(seed_doc)


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_legacy_characters_saved_as_utf8_are_converted_too(seed_doc: Document, name: str) -> None:
    text = SEED_004.read_text(encoding="utf-8")
    raw = decode_bytes(encode_legacy(text, name).encode("utf-8"), path="copy.txt")
    assert (raw.encoding, raw.repairs) == ("utf-8", (f"{name}_to_unicode",))
    assert raw.text == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("codec", ["cp1252", "mac_roman"])
def test_seed_004_as_mojibake_parses_to_the_same_document(
    tmp_path: Path, seed_doc: Document, codec: str
) -> None:
    text = SEED_004.read_text(encoding="utf-8")
    data = text.encode("utf-8")
    if codec == "cp1252":  # a sloppy decoder: the five undefined bytes pass through as C1 controls
        garbled = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)
    else:
        garbled = data.decode("mac_roman")
    assert looks_like_mojibake(garbled)
    path = tmp_path / "mojibake.txt"
    path.write_text(garbled, encoding="utf-8")
    doc = parse_file(str(path))
    assert doc.source.encoding == "utf-8"
    assert doc.source.normalizations[0] == "mojibake_repaired"
    assert _without_source(doc) == _without_source(seed_doc)


def test_cp1258_bytes_stay_cp1258() -> None:
    text = "Hà Nội, ngày 26 tháng 6 năm 2025\nQuyết định số 12/QĐ-UBND của Ủy ban nhân dân tỉnh\n"
    from test_read_normalise import to_cp1258

    raw = decode_bytes(to_cp1258(text), path="a.txt")
    assert (raw.encoding, raw.repairs) == ("cp1258", ())
    assert unicodedata.normalize("NFC", raw.text) == text
