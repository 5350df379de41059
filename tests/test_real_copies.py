"""Real copies read like clean ones: properties over the samples and the corpus (issue 11).

- Joining adjacent structural lines, as crawlers do (issuer and rule, motto and number, dateline and
  type heading, title and authority, a clause and the enacting word, signature lines), gives the
  same facts.
- Wrapping words in Markdown emphasis (``**…**``, ``*…*``), as page dumps do, gives the same facts.
- Every corpus document is lossless by character spans: each non-blank character is owned by one
  node, one boilerplate block or one ``unparsed`` entry.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES, examples, parsed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nq57parse.coverage import unowned_or_twice
from nq57parse.models import Document
from nq57parse.normalise import normalise
from nq57parse.pipeline import parse_text

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "docs"
SEED = (SAMPLES / "quyet-dinh-2121-QD-BYT.txt").read_text(encoding="utf-8")
SEED_LINES = SEED.split("\n")

# Pairs of adjacent lines of seed 004 (1-based, the first of the pair) that real copies merge: issuer
# and its rule, rule and motto, motto and number, number and dateline, dateline and type heading,
# title and authority, the last basis and the enacting word, the signing title and the name.
JOINABLE = (1, 2, 5, 6, 7, 9, 15, 28)


def facts(doc: Document) -> dict:
    signature = doc.signature
    return {
        "number": doc.number.canonical if doc.number else None,
        "document_type": doc.document_type,
        "issued_on": doc.issued_on,
        "place": doc.place,
        "issuer": doc.issuer,
        "bases": len(doc.legal_bases),
        "articles": [a.number for a in doc.articles],
        "signer": signature.signer if signature else None,
        "prefixes": signature.prefixes if signature else None,
        "rows": sum(len(a.rows) for a in doc.appendices),
    }


SEED_FACTS = facts(parse_text(SEED))


def join(lines: list[str], firsts: set[int]) -> str:
    """Join line n with line n+1 (1-based) for every n in ``firsts``, with one space."""
    out: list[str] = []
    for n, line in enumerate(lines, start=1):
        if n - 1 in firsts and out:
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def test_the_seed_facts_are_the_known_ones() -> None:
    assert SEED_FACTS["number"] == "2121/QĐ-BYT" and SEED_FACTS["issued_on"] == "2025-06-26"
    assert SEED_FACTS["bases"] == 5 and SEED_FACTS["articles"] == ["1", "2", "3"]
    assert SEED_FACTS["signer"] == "Đào Hồng Lan" and SEED_FACTS["rows"] == 79


@pytest.mark.parametrize("first", JOINABLE)
def test_each_merge_alone_keeps_the_facts(first: int) -> None:
    assert facts(parse_text(join(SEED_LINES, {first}))) == SEED_FACTS


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(JOINABLE), min_size=2))
def test_merged_header_preamble_and_signature_lines_keep_the_facts(firsts: set[int]) -> None:
    # two merges in a row join three lines (rule + motto + number …): still one line per element boundary
    assert facts(parse_text(join(SEED_LINES, firsts))) == SEED_FACTS


def emphasise(lines: list[str], chosen: set[int], mark: str) -> str:
    out = []
    for n, line in enumerate(lines, start=1):
        words = line.split(" ")
        if n in chosen and line.strip() and not line.lstrip().startswith(("|", "-")):
            out.append(" ".join(f"{mark}{w}{mark}" if w else w for w in words))
        else:
            out.append(line)
    return "\n".join(out)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.integers(1, 29), min_size=1, max_size=12), st.sampled_from(["**", "*"]))
def test_emphasis_on_any_words_of_the_decision_keeps_the_facts(chosen: set[int], mark: str) -> None:
    assert facts(parse_text(emphasise(SEED_LINES, chosen, mark))) == SEED_FACTS


def test_a_one_line_signature_block_is_read_whole() -> None:
    text = SEED.replace("BỘ TRƯỞNG\nĐào Hồng Lan", "KT. BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn")
    doc = parse_text(text)
    assert doc.signature is not None
    assert (doc.signature.prefixes, doc.signature.position, doc.signature.signer) == (
        ["KT."],
        "THỨ TRƯỞNG",
        "Đỗ Hoàng Anh Tuấn",
    )


def test_site_furniture_is_kept_apart_and_cites_nothing() -> None:
    text = (
        "**Số hiệu:**\n|\n12/2025/QĐ-UBND\n**Loại văn bản:**\n|\nQuyết định\n"
        + SEED
        + "\nVăn bản liên quan\nNghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân\n"
    )
    doc = parse_text(text)
    assert facts(doc)["number"] == "2121/QĐ-BYT"
    assert "13/2023/NĐ-CP" not in {c.target for c in doc.citations}
    assert any(b.kind == "boilerplate" and "Số hiệu" in b.text for b in doc.blocks)


CORPUS_DOCS = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS_DOCS, reason="../shared/corpus is not beside this checkout")
@pytest.mark.parametrize("path", CORPUS_DOCS, ids=lambda p: p.name)
def test_every_corpus_document_is_lossless_by_spans(path: Path) -> None:
    doc = parsed(path)
    unowned, twice = unowned_or_twice(doc, normalise(path.read_text(encoding="utf-8")))
    assert unowned == [] and twice == []
    assert not [d for d in doc.diagnostics if d.code == "NQ000"]
