"""Benchmark of the citation pass (find_citations + resolve_citations) over seed 004.

Run: python bench/bench_citations.py [--repeat N] [--share-runs N]
Prints the median time over seed 004 (target ≤ 5 ms for find + resolve) and the time for 1×, 10× and
50× copies of it, with MB/s and citations/s, to show the pass is linear in the text size; then the
share of a whole parse that the citation pass takes on the samples and the real corpus beside the project
(``../shared/corpus/docs``, when present): the time inside ``find_linked_citations`` and
``find_doc_relations`` over the time of ``parse_raw``, best of --share-runs; then the start-up cost of the
stage in fresh processes (median of --cold runs): importing it, and the first find + resolve minus a warm
one (reading the data files and compiling the patterns it needs).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from nq57parse.citations import find_citations
from nq57parse.normalise import normalise
from nq57parse.resolve import resolve_citations

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "quyet-dinh-2121-QD-BYT.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "docs"


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


COLD = """
import time
t0 = time.perf_counter()
from nq57parse.citations import find_citations
from nq57parse.normalise import normalise
from nq57parse.resolve import resolve_citations
t1 = time.perf_counter()
norm = normalise(open({path!r}, encoding="utf-8").read())
t2 = time.perf_counter()
resolve_citations(find_citations(norm), "2121/QĐ-BYT")
t3 = time.perf_counter()
resolve_citations(find_citations(norm), "2121/QĐ-BYT")
t4 = time.perf_counter()
print(t1 - t0, (t3 - t2) - (t4 - t3))
"""


def cold_start(runs: int) -> tuple[float, float]:
    """Median (import seconds, first-call overhead seconds) over ``runs`` fresh processes."""
    imports, firsts = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", COLD.format(path=str(SEED))], capture_output=True, text=True, check=True
        )
        a, b = map(float, out.stdout.split())
        imports.append(a)
        firsts.append(b)
    return statistics.median(imports), statistics.median(firsts)


def parse_share(runs: int) -> tuple[int, float, float, float]:
    """(texts, best parse seconds, share in find_linked_citations, share in find_doc_relations) over the
    samples and the corpus, timing the two stages inside the pipeline."""
    from nq57parse import pipeline
    from nq57parse.errors import InputError
    from nq57parse.read import read_path

    raws = []
    for path in [*sorted((ROOT / "samples").iterdir()), *sorted(CORPUS.glob("*"))]:
        try:
            raws.append(read_path(str(path)))
        except InputError:
            continue
    spent = {"find": 0.0, "relations": 0.0}
    stages = {"find": pipeline.find_linked_citations, "relations": pipeline.find_doc_relations}

    def timed(name: str):
        def run(*args, **kwargs):
            began = time.perf_counter()
            try:
                return stages[name](*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - began

        return run

    pipeline.find_linked_citations, pipeline.find_doc_relations = timed("find"), timed("relations")
    try:
        for raw in raws:  # warm
            pipeline.parse_raw(raw)
        best = None
        for _ in range(runs):
            spent.update(find=0.0, relations=0.0)
            began = time.perf_counter()
            for raw in raws:
                pipeline.parse_raw(raw)
            total = time.perf_counter() - began
            if best is None or total < best[0]:
                best = (total, spent["find"] / total, spent["relations"] / total)
    finally:
        pipeline.find_linked_citations, pipeline.find_doc_relations = stages["find"], stages["relations"]
    assert best is not None
    return len(raws), *best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--share-runs", type=int, default=3, help="passes over the texts for the share")
    parser.add_argument("--cold", type=int, default=15, help="fresh processes for the start-up cost")
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    norm = normalise(text)
    find_citations(norm)  # warm the caches (data files, compiled patterns)
    resolve_citations(find_citations(norm), "2121/QĐ-BYT")
    found = median_seconds(lambda: find_citations(norm), args.repeat)
    both = median_seconds(lambda: resolve_citations(find_citations(norm), "2121/QĐ-BYT"), args.repeat)
    count = len(find_citations(norm))
    print(f"seed 004: {len(text):,} chars, {count} citations")
    print(f"  find_citations          median {found * 1000:7.2f} ms")
    print(f"  find + resolve          median {both * 1000:7.2f} ms")
    print("scaling (find + resolve):")
    base = None
    for copies in (1, 10, 50):
        big = normalise(text * copies)
        seconds = median_seconds(
            lambda big=big: resolve_citations(find_citations(big), "2121/QĐ-BYT"),
            max(3, args.repeat // copies),
        )
        size_mb = len(big.text.encode("utf-8")) / 1e6
        base = base or seconds
        print(
            f"  {copies:>3}×  {size_mb:6.2f} MB  {seconds * 1000:9.1f} ms  {size_mb / seconds:6.2f} MB/s  "
            f"{count * copies / seconds:9.0f} cites/s  ratio {seconds / base:6.1f}"
        )

    # a table of figures (one digit every few characters): the type words are found by first words there
    figures = "".join(
        f"| {i} | Kế hoạch {i % 7} | {i * 37 % 1000},5 | {i % 12 + 1}/2025 |\n" for i in range(2000)
    )
    print("scaling on a table of figures (find + resolve):")
    base = None
    for copies in (1, 10):
        big = normalise(figures * copies)
        seconds = median_seconds(lambda big=big: resolve_citations(find_citations(big)), 3)
        base = base or seconds
        print(
            f"  {copies:>3}×  {len(big.text) / 1e6:6.2f} M chars  {seconds * 1000:9.1f} ms  ratio {seconds / base:6.1f}"
        )

    texts, seconds, find_share, relations_share = parse_share(args.share_runs)
    print(
        f"share of the parse ({texts} texts: samples and corpus, best of {args.share_runs}: {seconds:.2f} s):"
    )
    print(f"  find_linked_citations {find_share:6.1%}   find_doc_relations {relations_share:6.1%}")

    imported, first = cold_start(args.cold)
    print(f"start-up (median of {args.cold} fresh processes):")
    print(f"  import citations + resolve   {imported * 1000:7.2f} ms")
    print(f"  first call - warm call       {first * 1000:7.2f} ms  (data files + pattern compilation)")


if __name__ == "__main__":
    main()
