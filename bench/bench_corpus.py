"""In-process parse rate on the real-document corpus, against a baseline revision, in one run.

    python bench/bench_corpus.py                     # this checkout vs 4f73260 (before issue 11)
    python bench/bench_corpus.py --baseline HEAD~5 --rounds 5

Each side runs in its own fresh process over the same texts (../shared/corpus/docs, read once, then
parsed ``--rounds`` times; the best round counts), the two sides alternating so that a busy machine
weighs on both alike. The baseline is checked out into a temporary git worktree and imported from
there. Prints docs/s and MB/s for each side and the ratio this/baseline (≥ 1.0: not slower), with the range
of the ratios of the processes run side by side (how much a busy machine moved it).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "docs"

_CHILD = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from nq57parse.pipeline import parse_raw
from nq57parse.read import read_path
files = sorted(Path(sys.argv[2]).glob("*.txt"))
raws = [read_path(str(f)) for f in files]
parse_raw(raws[0])
best = None
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    for raw in raws:
        parse_raw(raw)
    took = time.perf_counter() - start
    best = took if best is None else min(best, took)
size = sum(len(r.text.encode("utf-8")) for r in raws)
print(json.dumps({"docs": len(raws), "bytes": size, "seconds": best}))
"""


def _run(src: Path, rounds: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(src), str(CORPUS), str(rounds)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def baseline_src(rev: str, where: Path) -> Path:
    """A worktree of ``rev`` whose grammars sit inside the package, importable from its ``src``."""
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(where), rev], check=True)
    shutil.copytree(where / "grammars", where / "src" / "nq57parse" / "grammars", dirs_exist_ok=True)
    return where / "src"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="4f73260", help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=3, help="parses of the corpus per process")
    parser.add_argument("--repeat", type=int, default=2, help="processes per side (alternating)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="nq57-base-")) / "base"
    try:
        base_src = baseline_src(args.baseline, tmp)
        here_src = ROOT / "src"
        here: list[dict] = []
        base: list[dict] = []
        for _ in range(args.repeat):
            here.append(_run(here_src, args.rounds))
            base.append(_run(base_src, args.rounds))
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tmp)], check=False)
    for name, runs in (("this checkout", here), (f"baseline {args.baseline}", base)):
        best = min(runs, key=lambda r: r["seconds"])
        print(
            f"{name:>24}: {best['docs'] / best['seconds']:6.1f} docs/s  "
            f"{best['bytes'] / best['seconds'] / 1e6:5.2f} MB/s  ({best['docs']} docs, {best['bytes']:,} bytes)"
        )
    ratio = min(r["seconds"] for r in base) / min(r["seconds"] for r in here)
    pairs = sorted(b["seconds"] / h["seconds"] for h, b in zip(here, base, strict=True))
    print(
        f"ratio this/baseline (rate): {ratio:.2f} (best of each side; side by side {pairs[0]:.2f}–{pairs[-1]:.2f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
