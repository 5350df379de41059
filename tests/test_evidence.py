"""The site's metadata table is evidence, never a source: NQ110 where it disagrees with the text, NQ111
where it states what the text does not show, and the text's facts unchanged either way."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES

from nq57parse.models import Document
from nq57parse.pipeline import parse_text

SEED = (SAMPLES / "quyet-dinh-2121-QD-BYT.txt").read_text(encoding="utf-8")
TABLE = {
    "Số hiệu": "2121/QĐ-BYT",
    "Loại văn bản": "Quyết định",
    "Nơi ban hành": "Bộ Y tế",
    "Người ký": "Đào Hồng Lan",
    "Ngày ban hành": "26/06/2025",
}
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "docs"


def page_dump(table: dict[str, str], text: str = SEED) -> str:
    """The metadata table as a page dump prints it: a bold label, a bar, the value."""
    return "".join(f"**{label}:**\n|\n{value}\n" for label, value in table.items()) + text


def findings(text: str) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in parse_text(text).diagnostics if d.code in ("NQ110", "NQ111")]


def test_a_table_that_agrees_with_the_text_says_nothing() -> None:
    assert findings(page_dump(TABLE)) == []


@pytest.mark.parametrize(
    ("label", "value", "message"),
    [
        ("Số hiệu", "2122/QĐ-BYT", "the number '2122/QĐ-BYT'; the text says '2121/QĐ-BYT'"),
        ("Loại văn bản", "Chỉ thị", "the type 'Chỉ thị'; the text says 'quyet_dinh'"),
        ("Nơi ban hành", "Bộ Tài chính", "the issuer 'Bộ Tài chính'; the text says 'BỘ Y TẾ'"),
        ("Người ký", "Trần Văn Thuấn", "the signer 'Trần Văn Thuấn'; the text says 'Đào Hồng Lan'"),
        ("Ngày ban hành", "27/06/2025", "the date '27/06/2025'; the text says '2025-06-26'"),
    ],
    ids=["number", "type", "issuer", "signer", "date"],
)
def test_a_table_that_disagrees_gives_nq110_and_the_text_wins(label: str, value: str, message: str) -> None:
    text = page_dump({**TABLE, label: value})
    assert findings(text) == [("NQ110", f"the site's metadata gives {message}")]
    assert facts(parse_text(text)) == facts(parse_text(SEED))


def facts(doc: Document) -> tuple:
    signer = doc.signature.signer if doc.signature else None
    return doc.number, doc.document_type, doc.issuer, signer, doc.issued_on


def test_a_shorter_name_of_the_same_body_agrees() -> None:
    assert findings(page_dump({**TABLE, "Nơi ban hành": "Y tế"})) == []


def test_a_fact_only_the_table_gives_is_nq111_and_not_taken() -> None:
    text = page_dump(TABLE, SEED.replace("Số: 2121/QĐ-BYT\n", ""))
    assert findings(text) == [
        ("NQ111", "the site's metadata gives the number '2121/QĐ-BYT'; the text shows none")
    ]
    assert parse_text(text).number is None


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")
def test_the_corpus_page_dumps_agree_with_their_tables() -> None:
    noisy = {p.name for p in sorted(CORPUS.glob("*.txt")) if findings(p.read_text(encoding="utf-8"))}
    assert noisy == set()
