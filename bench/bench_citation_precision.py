"""Recall and precision of the citation pass on a corpus where every citation is listed.

Run: python bench/bench_citation_precision.py [--corpus tests/data/citation_precision.yaml] [--min 1.0]
Reads the corpus (texts, each with every citation it holds as [cited text, target] or, for a law cited by
its name alone, [cited text, null, version]; see the file's header),
runs find_citations + resolve_citations on each text (with its date, own number and excluded site text)
and prints, per class and overall, recall (listed citations found with the right span and target) and
precision (citations found that are listed), then every miss. Exit 1 when either is below --min.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nq57parse.citations import find_citations
from nq57parse.normalise import normalise
from nq57parse.resolve import own_numbers, resolve_citations

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "citation_precision.yaml"


@dataclass
class Score:
    """Counts per class: listed, found, matched; and the misses as lines."""

    listed: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    matched: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def recall(self, cls: str | None = None) -> float:
        listed = self.listed[cls] if cls else sum(self.listed.values())
        matched = self.matched[cls] if cls else sum(self.matched.values())
        return matched / listed if listed else 1.0

    def precision(self, cls: str | None = None) -> float:
        found = self.found[cls] if cls else sum(self.found.values())
        matched = self.matched[cls] if cls else sum(self.matched.values())
        return matched / found if found else 1.0


def _loose(text: str) -> str:
    return " ".join(text.split())


def score_corpus(path: Path = CORPUS) -> Score:
    """Run the citation pass over every text of the corpus and count."""
    score = Score()
    for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["texts"]:
        cls, text = entry["class"], entry["text"]
        norm = normalise(text)
        exclude = []
        for piece in entry.get("exclude") or []:
            start = norm.text.index(piece)
            exclude.append((start, start + len(piece)))
        own = own_numbers(norm.text, entry.get("own"))  # as the pipeline does
        cites, _ = resolve_citations(find_citations(norm, "vi", exclude), own, dated=entry.get("dated"))
        got = Counter((_loose(c.text), c.target, c.version) for c in cites if not c.self_reference)
        want = Counter(
            (_loose(row[0]), row[1], row[2] if len(row) > 2 else None) for row in entry["citations"]
        )
        matched = got & want
        score.listed[cls] += sum(want.values())
        score.found[cls] += sum(got.values())
        score.matched[cls] += sum(matched.values())
        for item in want - matched:
            score.misses.append(f"{entry['name']}: missed {item}")
        for item in got - matched:
            score.misses.append(f"{entry['name']}: not listed {item}")
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--min", type=float, default=None, help="exit 1 below this recall or precision")
    args = parser.parse_args()
    score = score_corpus(args.corpus)
    for cls in sorted(set(score.listed) | set(score.found)):
        print(
            f"  {cls:<14} recall {score.matched[cls]:>3}/{score.listed[cls]:<3} "
            f"precision {score.matched[cls]:>3}/{score.found[cls]:<3}"
        )
    matched, listed, found = (sum(c.values()) for c in (score.matched, score.listed, score.found))
    print(
        f"citations: recall {matched}/{listed} ({score.recall():.1%}), "
        f"precision {matched}/{found} ({score.precision():.1%})"
    )
    for line in score.misses:
        print("  -", line)
    if args.min is not None and min(score.recall(), score.precision()) < args.min:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
