"""Every speed ratio of issue #18 in one run: each measured ``--reps`` times (3), printed as a range.

    python bench/bench_speed.py                      # this checkout (about 10 minutes on 2 busy cores)
    python bench/bench_speed.py --src /tmp/old/src   # another checkout's package, for before/after
    python bench/bench_speed.py --only cli --only yaml

What each line measures (every figure a ratio of two things timed side by side, so that a busy machine
weighs on both):

- ``in-process``: parsing the real corpus (``../shared/corpus/docs``) plus ``samples/`` in one process
  (texts read once, one warm-up parse) against one compiled regular-expression scan of the same texts
  for document numbers (goal ≤ 12×).
- ``cli``: ``nq57parse extract`` of seed 004 ``--format json`` in a fresh process against ``python -c
  "import typer, rich, pydantic, lark, yaml, dateutil"`` (goal ≤ 1.5×). Both run from cached bytecode
  (a private ``PYTHONPYCACHEPREFIX``, even where ``PYTHONDONTWRITEBYTECODE`` is set), as pip installs
  them, and the CLI from its start-up cache (``nq57parse.startup_cache``; a private
  ``XDG_CACHE_HOME``, written by the first run, as a user's first run writes it); the median of 5
  runs of each, alternating; the CLI without its start-up cache is shown beside it.
- ``cli-floor``: what ``extract`` cannot do without, as ratios to those imports: with what typer
  loads to coerce an option's value (pydantic's model machinery), with our models' schemas built,
  plus a warm parse and JSON of seed 004 (``cli_floor``).
- ``yaml``: writing seed 004 and a 1 MB decision as YAML against parsing them, and against JSON.
- ``memory``: peak RSS of ``nq57parse extract`` of a 10 MB decision (``--format json`` and ``yaml``,
  output to /dev/null) divided by the input's size (goal ≤ 10×); the RSS of the imports alone is
  shown beside it.
- ``batch``: files/s of ``nq57parse batch`` over 300 varied copies of the samples with ``--jobs 1`` and
  ``--jobs 2``, against the in-process rate on the same files × jobs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "quyet-dinh-2121-QD-BYT.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "docs"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import build_corpus, synthetic_decision  # noqa: E402

# One number pattern for the scan: 2121/QĐ-BYT, 42/2025/NĐ-CP, 57-NQ/TW.
NUMBER_SCAN = r"\b\d{1,5}(?:/\d{4})?[/-][A-ZĐ][A-ZĐa-z0-9]*(?:[-/][A-ZĐ][A-ZĐa-z0-9]*)*"

_IN_PROCESS = r"""
import json, re, sys, time
from pathlib import Path
from nq57parse.pipeline import parse_raw
from nq57parse.read import read_path
files = [Path(p) for p in json.loads(sys.argv[1])]
raws = [read_path(str(f)) for f in files]
texts = [r.text for r in raws]
parse_raw(raws[0])
pattern = re.compile(sys.argv[2])
out = []
for _ in range(int(sys.argv[3])):
    scan = parse = 0.0
    found = 0
    for raw, text in zip(raws, texts):  # text by text, so that a burst of load weighs on both alike
        start = time.perf_counter()
        found += len(pattern.findall(text))
        middle = time.perf_counter()
        parse_raw(raw)
        scan += middle - start
        parse += time.perf_counter() - middle
    out.append({"parse": parse, "scan": scan, "numbers": found})
print(json.dumps({"docs": len(raws), "bytes": sum(len(t.encode()) for t in texts), "runs": out}))
"""

_YAML = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from bench_batch import synthetic_decision
from nq57parse.export import to_json, to_yaml
from nq57parse.pipeline import parse_text
texts = {"seed 004": open(sys.argv[2], encoding="utf-8").read(), "1 MB decision": synthetic_decision(1_000_000)}
parse_text(texts["seed 004"]); to_yaml(parse_text("Điều 1. Một"))
out = {}
for name, text in texts.items():
    start = time.perf_counter(); doc = parse_text(text); parse = time.perf_counter() - start
    start = time.perf_counter(); to_yaml(doc); yaml = time.perf_counter() - start
    start = time.perf_counter(); to_json(doc); js = time.perf_counter() - start
    out[name] = {"parse": parse, "yaml": yaml, "json": js}
print(json.dumps(out))
"""


def _env(src: str | None, pyc: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONDONTWRITEBYTECODE", "NQ57PARSE_NO_CACHE", "PYDANTIC_DISABLE_PLUGINS")
    }
    env["PYTHONPYCACHEPREFIX"] = pyc
    env["XDG_CACHE_HOME"] = os.path.join(pyc, "cache")  # the start-up cache, written by the first run
    if src:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _cli(src: str | None) -> list[str]:
    script = Path(sys.executable).with_name("nq57parse")
    if src or not script.is_file():
        return [sys.executable, "-m", "nq57parse"]
    return [str(script)]


def _json(cmd: list[str], env: dict[str, str]) -> dict:
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _range(values: list[float], fmt: str = "{:.2f}") -> str:
    low, high = min(values), max(values)
    return fmt.format(low) if fmt.format(low) == fmt.format(high) else f"{fmt.format(low)}–{fmt.format(high)}"


def in_process(src: str | None, env: dict[str, str], reps: int) -> None:
    files = sorted(CORPUS.glob("*.txt")) + sorted((ROOT / "samples").glob("*.txt"))
    found = _json(
        [sys.executable, "-c", _IN_PROCESS, json.dumps([str(f) for f in files]), NUMBER_SCAN, str(reps)], env
    )
    runs = found["runs"]
    rates = [found["docs"] / r["parse"] for r in runs]
    print(
        f"in-process: {found['docs']} texts, {found['bytes'] / 1e6:.2f} MB: parse {_range([r['parse'] for r in runs])} s "
        f"({_range(rates, '{:.0f}')} docs/s), number scan {_range([r['scan'] * 1000 for r in runs], '{:.1f}')} ms; "
        f"ratio {_range([r['parse'] / r['scan'] for r in runs], '{:.0f}')}× (goal ≤ 12×)",
        flush=True,
    )


def cli(src: str | None, env: dict[str, str], reps: int) -> None:
    extract = [*_cli(src), "extract", str(SEED), "--format", "json"]
    deps = [sys.executable, "-c", _DEPS]
    no_cache = {**env, "NQ57PARSE_NO_CACHE": "1"}

    def once(cmd: list[str], environ: dict[str, str] = env) -> float:
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=environ)
        return time.perf_counter() - start

    once(extract), once(deps)  # write the bytecode (and the start-up cache, where the CLI has one)
    ratios, ours, theirs, uncached = [], [], [], []
    for _ in range(reps):
        a, b, c = [], [], []
        for _ in range(5):
            a.append(once(extract))
            b.append(once(deps))
            c.append(once(extract, no_cache))
        ours.append(statistics.median(a) * 1000)
        theirs.append(statistics.median(b) * 1000)
        uncached.append(statistics.median(c) * 1000)
        ratios.append(ours[-1] / theirs[-1])
    print(
        f"cli: extract seed 004 --format json {_range(ours, '{:.0f}')} ms, imports alone {_range(theirs, '{:.0f}')} ms; "
        f"ratio {_range(ratios)}× (goal ≤ 1.5×); without the start-up cache (NQ57PARSE_NO_CACHE=1) "
        f"{_range(uncached, '{:.0f}')} ms = {_range([u / t for u, t in zip(uncached, theirs, strict=True)])}×",
        flush=True,
    )


_DEPS = "import typer, rich, pydantic, lark, yaml, dateutil"
# What extract cannot do without, each step on top of the one before (see ``cli_floor``).
_FLOOR_STEPS = {
    "typer's coercion": _DEPS
    + "; import typer._adapters; from pydantic import TypeAdapter; TypeAdapter(int)",
    "our models": "; from nq57parse.models import Document; Document.model_rebuild()",
}
_WARM = r"""
import json, sys, time
from nq57parse.export import json_chunks
from nq57parse.pipeline import parse_file
"".join(json_chunks(parse_file(sys.argv[1])))
runs = []
for _ in range(5):
    start = time.perf_counter()
    "".join(json_chunks(parse_file(sys.argv[1])))
    runs.append(time.perf_counter() - start)
print(json.dumps({"warm": sorted(runs)[2]}))
"""


def cli_floor(env: dict[str, str], reps: int) -> None:
    """The least ``extract`` could take with what it must load: the imports alone; with what typer's
    option coercion loads (pydantic's model machinery, which typer 0.29 uses for every option given a
    value, and its plugin loader); with our models' schemas built; plus a warm parse and JSON of seed
    004 timed in a process (no cold costs). Each a ratio to the imports alone, in one run."""
    steps, code = {}, ""
    for name, more in _FLOOR_STEPS.items():
        code += more
        steps[name] = [sys.executable, "-c", code]
    deps = [sys.executable, "-c", _DEPS]

    def once(cmd: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
        return time.perf_counter() - start

    for cmd in [deps, *steps.values()]:
        once(cmd)
    ratios: dict[str, list[float]] = {name: [] for name in [*steps, "warm parse + JSON"]}
    for _ in range(reps):
        times: dict[str, list[float]] = {name: [] for name in ["deps", *steps]}
        for _ in range(5):
            times["deps"].append(once(deps))
            for name, cmd in steps.items():
                times[name].append(once(cmd))
        base = statistics.median(times["deps"])
        for name in steps:
            ratios[name].append(statistics.median(times[name]) / base)
        warm = _json([sys.executable, "-c", _WARM, str(SEED)], env)["warm"]
        ratios["warm parse + JSON"].append(ratios[list(steps)[-1]][-1] + warm / base)
    print(
        "cli floor (× the imports alone): "
        + "; ".join(f"+ {name} {_range(values)}×" for name, values in ratios.items())
        + " (no import of ours but the models, no cold cost)",
        flush=True,
    )


def yaml_speed(src: str | None, env: dict[str, str], reps: int) -> None:
    runs = [
        _json([sys.executable, "-c", _YAML, str(Path(__file__).parent), str(SEED)], env) for _ in range(reps)
    ]
    for name in runs[0]:
        r = [run[name] for run in runs]
        print(
            f"yaml: {name}: YAML {_range([x['yaml'] * 1000 for x in r], '{:.0f}')} ms = "
            f"{_range([x['yaml'] / x['parse'] for x in r])}× the parse, {_range([x['yaml'] / x['json'] for x in r], '{:.0f}')}× JSON",
            flush=True,
        )


def _peak_mb(cmd: list[str], env: dict[str, str]) -> float:
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise SystemExit(f"{cmd} failed")
    return usage.ru_maxrss / 1024


def memory(src: str | None, env: dict[str, str], reps: int, mb: float) -> None:
    with tempfile.TemporaryDirectory(prefix="nq57-mem-") as tmp:
        path = Path(tmp, "decision.txt")
        path.write_text(synthetic_decision(int(mb * 1_000_000)), encoding="utf-8")
        size = path.stat().st_size / 1e6
        base = _peak_mb([sys.executable, "-c", "import nq57parse.cli, nq57parse.pipeline"], env)
        for fmt in ("json", "yaml"):
            peaks = [_peak_mb([*_cli(src), "extract", str(path), "--format", fmt], env) for _ in range(reps)]
            print(
                f"memory: extract {size:.1f} MB --format {fmt}: peak {_range(peaks, '{:.0f}')} MB = "
                f"{_range([p / size for p in peaks], '{:.1f}')}× the input (goal ≤ 10×; imports alone {base:.0f} MB)",
                flush=True,
            )


_BATCH = r"""
import json, sys
from nq57parse.batch import BatchConfig, run_batch
summary = run_batch(BatchConfig(inputs=(sys.argv[1],), output=sys.argv[2], fmt="json", jobs=int(sys.argv[3]), timeout=60))
print(json.dumps({"files": summary.files, "failed": summary.failed, "seconds": summary.seconds}))
"""

_RATE = r"""
import json, sys, time
from pathlib import Path
from nq57parse.export import to_json
from nq57parse.pipeline import parse_file
files = sorted(str(p) for p in Path(sys.argv[1]).rglob("*.txt"))
parse_file(files[0])
start = time.perf_counter()
for f in files:
    to_json(parse_file(f))
print(json.dumps({"files": len(files), "seconds": time.perf_counter() - start}))
"""


def batch(src: str | None, env: dict[str, str], reps: int, files: int) -> None:
    with tempfile.TemporaryDirectory(prefix="nq57-batch-") as tmp:
        corpus = Path(tmp, "in")
        build_corpus(corpus, files)
        for jobs in (1, 2):
            shares, rates = [], []
            for rep in range(reps):
                rate = _json([sys.executable, "-c", _RATE, str(corpus)], env)
                run = _json(
                    [
                        sys.executable,
                        "-c",
                        _BATCH,
                        str(corpus),
                        str(Path(tmp, f"out-{jobs}-{rep}")),
                        str(jobs),
                    ],
                    env,
                )
                in_process = rate["files"] / rate["seconds"]
                rates.append(run["files"] / run["seconds"])
                shares.append(rates[-1] / (in_process * jobs))
            print(
                f"batch: {files} files --jobs {jobs}: {_range(rates, '{:.0f}')} files/s = "
                f"{_range([s * 100 for s in shares], '{:.0f}')} % of the in-process rate × {jobs}",
                flush=True,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", help="the src folder of another checkout to measure instead")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument(
        "--only", action="append", choices=["in-process", "cli", "cli-floor", "yaml", "memory", "batch"]
    )
    parser.add_argument("--mb", type=float, default=10.0, help="input size of the memory runs")
    parser.add_argument("--files", type=int, default=300, help="files of the batch runs")
    args = parser.parse_args()
    src = str(Path(args.src).resolve()) if args.src else None
    wanted = args.only or ["in-process", "cli", "cli-floor", "yaml", "memory", "batch"]
    if src:
        print(f"measuring {src}", flush=True)
    with tempfile.TemporaryDirectory(prefix="nq57-pyc-") as pyc:
        env = _env(src, pyc)
        if "in-process" in wanted:
            if CORPUS.is_dir():
                in_process(src, env, args.reps)
            else:
                print(f"in-process: no corpus at {CORPUS}")
        if "cli" in wanted:
            cli(src, env, args.reps)
        if "cli-floor" in wanted:
            cli_floor(env, args.reps)
        if "yaml" in wanted:
            yaml_speed(src, env, args.reps)
        if "memory" in wanted:
            memory(src, env, args.reps, args.mb)
        if "batch" in wanted:
            batch(src, env, args.reps, args.files)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
