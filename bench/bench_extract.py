"""Benchmark `extract`: in-process parse of seed 004 (median ms, MB/s) and the CLI end to end.

Usage: python bench/bench_extract.py [--runs N]

Prints: the in-process median over N runs of pipeline.parse_text on samples/quyet-dinh-2121-QD-BYT.txt,
its throughput, the size-scaling at 10× and 50× the text, the median wall time of
`nq57parse extract FILE` in a fresh process, and of `python -c "import typer, rich, pydantic, lark,
yaml, dateutil"` (the cost of importing the dependencies alone), with their ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "quyet-dinh-2121-QD-BYT.txt"


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    from nq57parse.pipeline import parse_text

    text = SEED.read_text(encoding="utf-8")
    mb = len(text.encode("utf-8")) / 1e6
    parse_text(text)  # build the parser once, as a long-running process would
    ms = median_ms(lambda: parse_text(text), args.runs)
    print(
        f"in-process extract of seed 004 ({mb * 1000:.0f} KB): median {ms:.1f} ms, {mb / (ms / 1000):.2f} MB/s"
    )
    for k in (10, 50):
        big = "\n".join([text] * k)
        kms = median_ms(lambda big=big: parse_text(big), max(3, args.runs // k))
        print(f"  {k}× text: {kms:.0f} ms = {kms / ms:.1f}× the 1× time")
    cli = [sys.executable, "-m", "nq57parse.cli"] if False else ["nq57parse", "extract", str(SEED)]
    deps = [sys.executable, "-c", "import typer, rich, pydantic, lark, yaml, dateutil"]

    # As installed by pip, modules run from cached bytecode: let both commands write it (to a
    # private folder, even where PYTHONDONTWRITEBYTECODE is set) and warm it up once.
    with tempfile.TemporaryDirectory(prefix="nq57-pyc-") as pyc:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = pyc

        def wall(cmd):
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
            return median_ms(
                lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env), args.runs // 3
            )

        e2e, imports = wall(cli), wall(deps)
    print(
        f"CLI end to end: median {e2e:.0f} ms; importing the dependencies alone: {imports:.0f} ms; ratio {e2e / imports:.2f}"
    )


if __name__ == "__main__":
    main()
