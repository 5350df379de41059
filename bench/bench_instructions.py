"""Machine instructions a parse of the real corpus costs, this checkout against a baseline revision.

    python bench/bench_instructions.py                      # this checkout vs 4f73260 (before issue 11)
    python bench/bench_instructions.py --baseline 2726174   # against another revision

Counted by valgrind (``cachegrind``, no cache simulation): an instruction count does not move with the
machine's load, as a time does, so a change of a few per cent is seen even on a busy machine where
``bench_corpus.py``'s times spread by a factor of two. Each side runs in its own process over the same
texts (``../shared/corpus/docs``), once parsing them and once only reading them and parsing the first
(the imports, the data files and the patterns compiled): the difference is what the parses cost.
Prints millions of instructions for each side and the ratio baseline/this (≥ 1.0: this checkout does
less work). Needs ``valgrind`` (Debian package ``valgrind``); it says so and exits 2 without it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "docs"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corpus import baseline_src  # noqa: E402

_CHILD = r"""
import gc, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
gc.disable()  # as a parse runs (pipeline._CollectorPause): the collector's passes are not the parse's
from nq57parse.pipeline import parse_raw
from nq57parse.read import read_path
raws = [read_path(str(f)) for f in sorted(Path(sys.argv[2]).glob("*.txt"))]
parse_raw(raws[0])
if sys.argv[3] == "parse":
    for raw in raws:
        parse_raw(raw)
"""

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def _instructions(src: Path, texts: Path, mode: str) -> int:
    out = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            "-c",
            _CHILD,
            str(src),
            str(texts),
            mode,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = _REFS.search(out.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's report:\n{out.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def parse_cost(src: Path, texts: Path) -> int:
    """Instructions of the parses alone: a run that parses, less a run that only sets up."""
    return _instructions(src, texts, "parse") - _instructions(src, texts, "setup")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="4f73260", help="git revision to compare with")
    parser.add_argument("--texts", type=Path, default=CORPUS, help="folder of .txt files to parse")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind not found (Debian package valgrind): no instruction counts", file=sys.stderr)
        return 2
    if not args.texts.is_dir():
        print(f"no texts at {args.texts}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="nq57-base-")) / "base"
    try:
        base = parse_cost(baseline_src(args.baseline, tmp), args.texts)
        here = parse_cost(ROOT / "src", args.texts)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tmp)], check=False)
    count = len(list(args.texts.glob("*.txt")))
    print(f"{'this checkout':>24}: {here / 1e6:8.0f} M instructions ({count} texts)")
    print(f"{'baseline ' + args.baseline:>24}: {base / 1e6:8.0f} M instructions")
    print(f"ratio baseline/this (work): {base / here:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
