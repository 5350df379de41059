"""The real corpus (../shared/corpus): appendix rows right on at least 8 of the 9 documents with an
appendix table or list, with appendices found by appendix_titles (bench/corpus_tables.py). Skipped
when the corpus is absent."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "expected.json").exists(), reason="no corpus")


def test_appendix_rows_are_right_on_at_least_8_of_the_9_corpus_documents_with_a_table_or_list():
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus_tables import appendices  # type: ignore[import-not-found]

    from nq57parse.tables import rebuild_appendix

    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    with_rows = {
        name: facts["appendix_rows"] for name, facts in expected.items() if facts.get("appendix_rows")
    }
    assert len(with_rows) >= 9
    right = [
        name
        for name, want in with_rows.items()
        if sum(len(rebuild_appendix(a)[0].rows) for a in appendices(CORPUS / "docs" / name)) == want
    ]
    assert len(right) >= len(with_rows) - 1, sorted(set(with_rows) - set(right))
