"""Benchmark of ``nq57parse batch`` and of parsing one large document.

Throughput: builds a corpus of copies of ``samples/*.txt`` with light mutations (numbers and dates
changed, a line dropped here and there, so that no two outputs are the same) under a temporary
folder, then converts 1,000 and 10,000 of them with ``--jobs 1`` and ``--jobs 2``. Each run is its
own process (the "parent" of the pool), which reports files/s, MB/s and its own peak memory
(``ru_maxrss`` of RUSAGE_SELF: the parent only, worker processes are not counted). Flat memory means
the 10,000-file peak is about the 1,000-file peak.

Scaling: parses one synthetic decision of 1 MB and one of 10 MB (decision 2121/QĐ-BYT with its appendix
repeated as PHỤ LỤC 1, 2, …) and reports the ratio of the better of two times each (linear: ≤ 12×).

    python bench/bench_batch.py                    # everything (about 3 minutes on 2 cores)
    python bench/bench_batch.py --only scaling     # just the 1 MB / 10 MB run
    python bench/bench_batch.py --profile 10       # cProfile of parsing the 10 MB document
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
DECISION = ROOT / "samples" / "quyet-dinh-2121-QD-BYT.txt"

# One batch run, in a fresh interpreter so that its peak memory is its own.
RUN_BATCH = """
import json, resource, sys, time
from nq57parse.batch import BatchConfig, run_batch
corpus, out, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
summary = run_batch(BatchConfig(inputs=(corpus,), output=out, fmt="json", jobs=jobs, timeout=20))
print(json.dumps({"files": summary.files, "ok": summary.ok, "failed": summary.failed,
                  "bytes": summary.bytes, "seconds": summary.seconds,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# One parse of a synthetic document, in a fresh interpreter (warm-up on a small one first).
RUN_PARSE = """
import json, sys, time
sys.path.insert(0, sys.argv[2])
from bench_batch import synthetic_decision
from nq57parse import parse_text
parse_text(synthetic_decision(100_000))
text = synthetic_decision(int(float(sys.argv[1]) * 1_000_000))
start = time.perf_counter()
doc = parse_text(text, path="synthetic.txt")
seconds = time.perf_counter() - start
print(json.dumps({"bytes": len(text.encode()), "lines": text.count("\\n"), "seconds": seconds,
                  "rows": sum(len(a.rows) for a in doc.appendices), "citations": len(doc.citations),
                  "unparsed": len(doc.unparsed)}))
"""


def mutate(text: str, rng: random.Random) -> str:
    """Change a few numbers and dates, drop a line or two: a different but similar document."""
    lines = text.splitlines(keepends=True)
    out = []
    for index, line in enumerate(lines):
        if index > 8 and rng.random() < 0.03:
            continue
        if rng.random() < 0.15:
            line = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), line, count=1)
        out.append(line)
    out.append(f"\nBản sao số {rng.randint(1, 10**6)}.\n")
    return "".join(out)


def build_corpus(folder: Path, count: int, seed: int = 57) -> int:
    """``count`` mutated copies of the samples in sub-folders of 500; returns the total bytes."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    total = 0
    for i in range(count):
        k = i % len(SAMPLES)
        sub = folder / f"{i // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = mutate(texts[k], rng).encode("utf-8")
        (sub / f"{i:05d}-{SAMPLES[k].name}").write_bytes(data)
        total += len(data)
    return total


def synthetic_decision(target_bytes: int) -> str:
    """Decision 2121/QĐ-BYT with its appendix repeated until ``target_bytes``: ``PHỤ LỤC 1``,
    ``PHỤ LỤC 2``, …, each a full copy of the 79-row table (a large decision with many annexes)."""
    lines = DECISION.read_text(encoding="utf-8").splitlines()
    start = lines.index("PHỤ LỤC")
    head, annex = lines[:start], lines[start + 1 :]
    out = list(head)
    size = sum(len(line.encode()) + 1 for line in out)
    serial = 0
    while size < target_bytes:
        serial += 1
        for line in [f"PHỤ LỤC {serial}", *annex]:
            out.append(line)
            size += len(line.encode()) + 1
    return "\n".join(out) + "\n"


def run_json(code: str, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        sys.exit(f"benchmark run failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def throughput(sizes: list[int], jobs_list: list[int]) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="nq57-bench-") as tmp:
        for count in sizes:
            corpus = Path(tmp, f"corpus-{count}")
            build_corpus(corpus, count)
            for jobs in jobs_list:
                out = Path(tmp, f"out-{count}-{jobs}")
                result = run_json(RUN_BATCH, str(corpus), str(out), str(jobs))
                result.update(jobs=jobs, corpus=count)
                rows.append(result)
                print(
                    f"  {count:>6} files, --jobs {jobs}: {result['files'] / result['seconds']:7.1f} files/s, "
                    f"{result['bytes'] / 1e6 / result['seconds']:5.2f} MB/s, parent peak "
                    f"{result['maxrss_mb']:.1f} MB",
                    file=sys.stderr,
                    flush=True,
                )
    return rows


def scaling(sizes_mb: list[float]) -> list[dict]:
    rows = []
    for mb in sizes_mb:  # the better of two runs, each in a fresh interpreter (less noise from load)
        runs = [run_json(RUN_PARSE, str(mb), str(Path(__file__).parent)) for _ in range(2)]
        result = min(runs, key=lambda r: r["seconds"])
        result["mb"] = mb
        rows.append(result)
        print(f"  {mb:g} MB: {result['seconds']:.2f} s", file=sys.stderr, flush=True)
    return rows


def profile(mb: float) -> None:
    import cProfile
    import pstats

    from nq57parse import parse_text

    parse_text(synthetic_decision(100_000))
    text = synthetic_decision(int(mb * 1_000_000))
    profiler = cProfile.Profile()
    profiler.runcall(parse_text, text)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=["throughput", "scaling"])
    parser.add_argument("--files", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--mb", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--profile", type=float, metavar="MB", help="profile parsing a document of MB")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile)
        return
    if args.only != "scaling":
        rows = throughput(args.files, args.jobs)
        print("\n| files | --jobs | seconds | files/s | MB | MB/s | parent peak MB | failed |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in rows:
            print(
                f"| {r['files']} | {r['jobs']} | {r['seconds']:.1f} | {r['files'] / r['seconds']:.1f} "
                f"| {r['bytes'] / 1e6:.1f} | {r['bytes'] / 1e6 / r['seconds']:.2f} | {r['maxrss_mb']:.1f} "
                f"| {r['failed']} |"
            )
    if args.only != "throughput":
        rows = scaling(args.mb)
        print("\n| document | lines | appendix rows | seconds | × the first |")
        print("| ---: | ---: | ---: | ---: | ---: |")
        for r in rows:
            print(
                f"| {r['bytes'] / 1e6:.1f} MB | {r['lines']} | {r['rows']} | {r['seconds']:.2f} "
                f"| {r['seconds'] / rows[0]['seconds']:.1f} |"
            )


if __name__ == "__main__":
    main()
