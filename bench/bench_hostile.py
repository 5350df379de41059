"""Hostile inputs: does every one end in a clean result or a one-line error, in time linear in size
and memory within a small multiple of it?

Each case is generated at three sizes (1×, 5× and 10× by default), written to a temporary file and
run through ``pipeline.parse_file`` in a child process with a time limit (a hang shows as TIMEOUT).
The table gives the time at each size and, for the 5× and 10× runs, the time ratio divided by the
size ratio (about 1 = linear; well above 1 = a stage grows faster than the input); then, for the
largest run, the child's peak memory above what it held before parsing (MB) and that growth divided
by the input size (issue #17 asks ≤ 20, plus a constant). A size that took under 10 s is run
``--retry`` more times (2) and its best time kept, so a burst of load does not make a quotient.
The last column says how the largest run
ended. The cases of issue #17 (HTML that made parsers go back over it, span amplification, DOCX zip
bomb, ``<w:br/>`` runs, ``gridSpan``, vertical merges, a root that is not ``w:document``, a sentence
of short lines) come from ``tests/hostile/cases.py``. The exit status is 1 when a case times out,
crashes or is worse than ``--max-quotient``.

    python bench/bench_hostile.py --timeout 120   # all cases; one_line reaches 10 MB on one line
    python bench/bench_hostile.py --scale 0.1     # smaller, quicker
    python bench/bench_hostile.py --case preamble --scale 10   # a 1 MB and a 10 MB Căn cứ preamble
    python bench/bench_hostile.py --case html_deep_nesting --case docx_line_breaks
    python bench/bench_hostile.py --case numbered_lines --stages   # where the memory goes

``--stages`` runs the largest size once more under ``tracemalloc`` and prints, for each stage of
``pipeline._parse_normalised`` (normalise, clean view, segment, parse, build, tables, citations,
resolve, coverage), the memory held after it and the peak while it ran, both as multiples of the
input size: the stage where the peak is, and what the stages before it left held, are what to work
on. (Python's allocations only, so a little below the RSS figures; tracemalloc slows the run.)
``large_decision`` is not hostile: the seed decision with its appendix repeated (bench_speed's memory
input), for the same breakdown.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
# the generators shared with tests/hostile/test_inputs.py
from hostile import cases as hostile_cases

WORDS = [
    "Xây",
    "dựng",
    "kế",
    "hoạch",
    "triển",
    "khai",
    "nhiệm",
    "vụ",
    "chuyển",
    "đổi",
    "số",
    "quốc",
    "gia",
    "của",
    "Bộ",
    "Y",
    "tế",
    "theo",
    "Nghị",
    "quyết",
    "số",
    "57-NQ/TW",
    "ngày",
    "22",
    "tháng",
    "12",
    "năm",
    "2024",
    "về",
    "đột",
    "phá",
    "phát",
    "triển",
    "khoa",
    "học",
    "công",
    "nghệ",
    "đổi",
    "mới",
    "sáng",
    "tạo",
]
HEADER = "BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/QĐ-BYT\nQUYẾT ĐỊNH\n"


def _words(n_bytes: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out, size = [], 0
    while size < n_bytes:
        word = rng.choice(WORDS)
        out.append(word)
        size += len(word.encode("utf-8")) + 1
    return " ".join(out)


def one_line(n: int) -> bytes:
    """A single line of ``n`` bytes: words, no newline."""
    return _words(n).encode("utf-8")


def numbered_lines(n: int) -> bytes:
    """Lines of ``1.`` only (``n`` bytes: n/3 lines)."""
    return b"1.\n" * (n // 3)


def nested_numbers(n: int) -> bytes:
    """A staircase of nested numbers ``1.``, ``1.1.``, ``1.1.1.`` … then down again, ``n`` bytes."""
    lines, size, depth, step = [], 0, 1, 1
    while size < n:
        label = "1." * depth
        lines.append(f"{label} Nội dung mục {depth}")
        size += len(lines[-1]) + 1
        depth += step
        if depth >= 2000 or depth <= 1:
            step = -step
    return (HEADER + "\n".join(lines) + "\n").encode("utf-8")


def deep_label(n: int) -> bytes:
    """One label nested ``n/2`` levels deep (``1.1.1.…1.``) followed by text."""
    return (HEADER + "1." * (n // 2) + " Nội dung\nĐiều 1. Kết thúc\n").encode("utf-8")


def preamble(n: int) -> bytes:
    """A ``Căn cứ`` preamble of ``n`` bytes with no terminator (no ``;``, ``.``, nor ``QUYẾT ĐỊNH:``)."""
    body = _words(n).replace(".", " ")
    return (HEADER + "Căn cứ " + body).encode("utf-8")


def preamble_lines(n: int) -> bytes:
    """The same preamble hard-wrapped at about 80 characters (many lines, still no terminator)."""
    words = _words(n).replace(".", " ").split()
    lines, cur = [], ["Căn cứ"]
    for w in words:
        cur.append(w)
        if sum(len(x) + 1 for x in cur) > 80:
            lines.append(" ".join(cur))
            cur = []
    lines.append(" ".join(cur))
    return (HEADER + "\n".join(lines)).encode("utf-8")


def aliases(n: int) -> bytes:
    """Thousands of distinct alias definitions, each mentioned again (``(sau đây gọi tắt là Đề án 7)``)."""
    parts, size, i = [], 0, 0
    while size < n:
        parts.append(f"Quyết định số {i}/QĐ-BYT (sau đây gọi tắt là Đề án {i}) và Đề án {i // 2}. ")
        size += len(parts[-1].encode("utf-8"))
        i += 1
    return (HEADER + "".join(parts) + "\n").encode("utf-8")


def short_numbers(n: int) -> bytes:
    """Thousands of distinct numbers, each cited again in short form (``Nghị định 42/2020``)."""
    lines, size, i = [], 0, 0
    while size < n:
        serial = i % 1800 + 1  # no serial reads as a year
        lines.append(
            f"Căn cứ Nghị định số {serial}/{2000 + i // 1800}/NĐ-CP; Quyết định {i}/QĐ-UBND thực hiện "
            f"Nghị quyết số {i}-NQ/TW. Nghị định {serial}/{2000 + i // 1800} và Quyết định {i} được sửa."
        )
        size += len(lines[-1].encode("utf-8")) + 1
        i += 1
    return (HEADER + "\n".join(lines) + "\n").encode("utf-8")


def large_decision(n: int) -> bytes:
    """The seed decision with its 79-row appendix repeated to ``n`` bytes (``bench_speed``'s memory input)."""
    from bench_batch import synthetic_decision

    return synthetic_decision(n).encode("utf-8")


def garbage(n: int) -> bytes:
    """Random bytes (refused as binary)."""
    return random.Random(7).randbytes(n)


def garbage_text(n: int) -> bytes:
    """Random printable Latin and Vietnamese characters with random line breaks (read as text)."""
    rng = random.Random(3)
    alphabet = "abcdeghiklmnopqrstuvxyđăâêôơưáàảãạếềểễệốồổỗộ0123456789.,;:-()/ \n"
    return "".join(rng.choices(alphabet, k=n // 2)).encode("utf-8")


def over_limit(n: int) -> bytes:
    """One byte more than ``--max-bytes`` (refused before reading)."""
    return b"a" * (n + 1)


def _named(generate: Callable[[int], tuple[str, bytes]]) -> Callable[[int], bytes]:
    def run(n: int) -> bytes:
        return generate(n)[1]

    run.suffix = Path(generate(16)[0]).suffix  # type: ignore[attr-defined]
    return run


CASES: dict[str, tuple[Callable[[int], bytes], int]] = {
    # name: (generator, base size in bytes at scale 1)
    "one_line": (one_line, 1_000_000),
    "numbered_lines": (numbered_lines, 30_000),
    "nested_numbers": (nested_numbers, 300_000),
    "deep_label": (deep_label, 20_000),
    "preamble": (preamble, 100_000),
    "preamble_lines": (preamble_lines, 100_000),
    "aliases": (aliases, 100_000),
    "short_numbers": (short_numbers, 100_000),
    "large_decision": (large_decision, 200_000),
    "garbage": (garbage, 5_000_000),
    "garbage_text": (garbage_text, 200_000),
    "over_limit": (over_limit, 1_000_000),
    **{name: (_named(gen), base) for name, (gen, base) in hostile_cases.CASES.items()},
}
CASES["docx_zip_bomb"] = (CASES["docx_zip_bomb"][0], 60_000_000)


def _rss_kb() -> int:
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _run(path: str, max_bytes: int, queue: mp.Queue) -> None:
    from nq57parse.errors import InputError
    from nq57parse.pipeline import parse_file

    before = _rss_kb()
    start = time.perf_counter()
    try:
        doc = parse_file(path, max_bytes=max_bytes)
        outcome = f"ok ({doc.source.line_count} lines, {len(doc.unparsed)} unparsed)"
    except InputError as err:
        outcome = f"InputError: {str(err).split(': ', 1)[1][:60]}"
    except Exception as exc:  # a crash is what this benchmark exists to find
        outcome = f"CRASH {type(exc).__name__}: {str(exc)[:60]}"
    seconds = time.perf_counter() - start
    grown_mb = max(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    queue.put((seconds, grown_mb, outcome))


def measure(
    data: bytes, timeout: float, max_bytes: int, suffix: str = ".txt"
) -> tuple[float | None, float, str]:
    """Seconds for ``parse_file`` on ``data`` in a child process (None on timeout), the peak memory
    it added (MB) and the outcome."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "hostile" + suffix)
        Path(path).write_bytes(data)
        queue: mp.Queue = mp.Queue()
        child = mp.get_context("fork").Process(target=_run, args=(path, max_bytes, queue))
        child.start()
        child.join(timeout)
        if child.is_alive():
            child.terminate()
            child.join()
            return None, 0.0, f"TIMEOUT after {timeout:.0f} s"
        return queue.get()


# the stage functions _parse_normalised calls, as pipeline.py imports them
STAGES = (
    "normalise",
    "clean_view",
    "find_furniture",
    "segment",
    "parse_units",
    "build_document",
    "with_body_tables",
    "with_source_lines",
    "rebuild_appendix",
    "own_numbers",
    "find_linked_citations",
    "resolve_citations",
    "find_doc_relations",
    "link_bases",
    "check_coverage",
)


def _stages(path: str, max_bytes: int, size: int, queue: mp.Queue) -> None:
    import functools
    import tracemalloc

    from nq57parse import pipeline
    from nq57parse.errors import InputError
    from nq57parse.read import read_path

    try:
        raw = read_path(path, max_bytes=max_bytes)
    except InputError as err:
        queue.put([("refused", 0.0, 0.0, str(err)[:60])])
        return
    found: dict[str, tuple[float, float]] = {}

    def wrap(name: str, stage: Callable) -> Callable:
        @functools.wraps(stage)
        def run(*args: object, **kwargs: object) -> object:
            tracemalloc.reset_peak()
            out = stage(*args, **kwargs)
            held, peak = tracemalloc.get_traced_memory()
            top = max(peak - base, found.get(name, (0.0, 0.0))[1] * size)
            found[name] = ((held - base) / size, top / size)  # a stage run per appendix: its worst
            return out

        return run

    for name in STAGES:
        setattr(pipeline, name, wrap(name, getattr(pipeline, name)))
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    pipeline.parse_raw(raw)
    queue.put([(name, *found[name], "") for name in STAGES if name in found])


def stage_memory(data: bytes, max_bytes: int, suffix: str, size: int) -> str:
    """Held after / peak during each stage, as multiples of ``size`` (see the module docstring)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "hostile" + suffix)
        Path(path).write_bytes(data)
        queue: mp.Queue = mp.Queue()
        child = mp.get_context("fork").Process(target=_stages, args=(path, max_bytes, size, queue))
        child.start()
        child.join()
        if queue.empty():
            return "    stages: the run failed"
        rows = queue.get()
    if rows[0][0] == "refused":
        return f"    stages: refused ({rows[0][3]})"
    worst = max(rows, key=lambda r: r[2])
    cells = ", ".join(f"{name} {held:.0f}/{peak:.0f}" for name, held, peak, _ in rows)
    return f"    stages (held/peak ×input; peak in {worst[0]}, {worst[2]:.0f}×): {cells}"


def input_size(data: bytes, suffix: str) -> int:
    """The size the ratios are taken against: the bytes, or for a .docx what its parts unpack to."""
    if suffix == ".docx":
        import io
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return sum(info.file_size for info in archive.infolist())
        except zipfile.BadZipFile:
            pass
    return len(data)


def warm_up() -> None:
    """Import and run every reader once here, so the children (forked) measure the parse, not imports."""
    from nq57parse.errors import InputError
    from nq57parse.pipeline import parse_file

    with tempfile.TemporaryDirectory() as tmp:
        for name, data in [
            ("a.txt", HEADER.encode()),
            ("a.html", b"<p>QUY\xe1\xba\xbeT \xc4\x90\xe1\xbb\x8aNH</p><table><tr><td>1</td></tr></table>"),
            hostile_cases.docx_vertical_merge(200),
        ]:
            path = os.path.join(tmp, name)
            Path(path).write_bytes(data)
            with contextlib.suppress(InputError):
                parse_file(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base size")
    parser.add_argument("--factors", default="1,5,10", help="sizes as multiples of the base size")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="run only these cases")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--max-quotient", type=float, default=2.0, help="worst time/size ratio accepted")
    parser.add_argument("--retry", type=int, default=2, help="extra runs of a size that took under 10 s")
    parser.add_argument(
        "--stages", action="store_true", help="memory held and peak per pipeline stage (tracemalloc)"
    )
    args = parser.parse_args(argv)
    warm_up()
    factors = [int(f) for f in args.factors.split(",")]
    names = args.case or list(CASES)
    head = " ".join(f"{f'size {f}x':>12} {f'time {f}x':>9}" for f in factors)
    quotients = " ".join(f"{f'q {f}x':>6}" for f in factors[1:])
    print(f"{'case':28} {head} {quotients} {'peak MB':>8} {'mem/size':>8}  outcome (largest)")
    worst, worst_memory, failed = 0.0, 0.0, False
    for name in names:
        gen, base = CASES[name]
        small_n = int(base * args.scale)
        sizes, times, outcome, grown = [], [], "", 0.0
        suffix = getattr(gen, "suffix", ".txt")
        for factor in factors:
            n = small_n * factor
            data = gen(n)
            limit = 50 * 1024 * 1024 if name != "over_limit" else n
            seconds, grown, outcome = measure(data, args.timeout, limit, suffix)
            # a short run is taken again and the better time kept: one burst of load on a busy
            # machine would otherwise make the 1× time small or large and every quotient with it
            for _ in range(args.retry):
                if seconds is None or seconds > 10:
                    break
                again, grown_again, _ = measure(data, args.timeout, limit, suffix)
                if again is not None:
                    seconds, grown = min(seconds, again), max(grown, grown_again)
            sizes.append(input_size(data, suffix))
            times.append(seconds)
            if seconds is None:
                break
        cells = " ".join(
            f"{size:>12,} {t:9.3f}" if t is not None else f"{size:>12,} {'-':>9}"
            for size, t in zip(sizes, times, strict=True)
        )
        cells += " " * (22 * (len(factors) - len(sizes)))
        qs = []
        for size, t in zip(sizes[1:], times[1:], strict=True):
            if t is None or not times[0]:
                qs.append(f"{'-':>6}")
                continue
            quotient = (t / times[0]) / (size / sizes[0])
            worst = max(worst, quotient)
            qs.append(f"{quotient:6.2f}")
        qs += [f"{'':>6}"] * (len(factors) - 1 - len(qs))
        failed |= times[-1] is None or outcome.startswith("CRASH")
        per_byte = grown * 1024 * 1024 / max(1, sizes[-1])
        worst_memory = max(worst_memory, per_byte)
        print(f"{name:28} {cells} {' '.join(qs)} {grown:8.1f} {per_byte:8.1f}  {outcome}", flush=True)
        if args.stages and times[-1] is not None:
            print(stage_memory(data, limit, suffix, sizes[-1]), flush=True)
    print(f"worst (time ratio / size ratio): {worst:.2f} (1 = linear)")
    print(f"worst peak memory growth / input size: {worst_memory:.1f}")
    return 1 if failed or worst > args.max_quotient else 0


if __name__ == "__main__":
    sys.exit(main())
