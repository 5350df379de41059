"""The precision corpus (tests/data/citation_precision.yaml): every citation listed, recall and precision 100 %."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_citation_precision.py"


@cache
def _bench():
    spec = importlib.util.spec_from_file_location("bench_citation_precision", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_every_listed_citation_is_found_and_nothing_else():
    score = _bench().score_corpus()
    assert score.misses == []
    assert sum(score.listed.values()) >= 30
    assert score.recall() == score.precision() == 1.0


def test_the_corpus_holds_texts_that_must_give_no_citation():
    texts = yaml.safe_load(_bench().CORPUS.read_text(encoding="utf-8"))["texts"]
    assert len([t for t in texts if t["citations"] == []]) >= 3
    assert len({t["name"] for t in texts}) == len(texts)


def test_a_wrong_listing_lowers_recall_and_precision(tmp_path):
    corpus = tmp_path / "c.yaml"
    corpus.write_text(
        "texts:\n  - {name: a, class: x, text: 'Căn cứ Nghị định số 42/2025/NĐ-CP;', "
        "citations: [['Nghị định số 43/2025/NĐ-CP', 43/2025/NĐ-CP]]}\n",
        encoding="utf-8",
    )
    score = _bench().score_corpus(corpus)
    assert (score.recall(), score.precision()) == (0.0, 0.0)
    assert len(score.misses) == 2
