"""Batch conversion: many inputs → one output per input, or one JSONL stream (SPEC.md, "Batch").

In: the paths given on the command line (files and folders; folders walked recursively for
``.txt .md .html .htm .docx`` in sorted, deterministic order) and a ``BatchConfig``.
Out: the outputs written (``OUT/<same relative path>.json|yaml`` and ``OUT/_errors.jsonl``, or
``OUT.jsonl`` with one line per input in input order) and a ``Summary`` of small counts.

Stages, each a small function:
- ``walk_inputs``: paths → ``Input(path, rel)`` one at a time (never a list of the whole archive);
- ``plan``: inputs → either a ``Job`` for a worker or a ready ``Result`` (skipped by ``--resume``,
  copied from the previous JSONL, or refused because two inputs would write the same output);
- an engine runs the jobs and yields their ``Result`` in input order with a bounded number in
  flight: ``run_local`` (one process with ``jobs=1``, else a process pool) or ``run_dask``
  (``dask.bag`` over windows of the file list on a ``distributed`` cluster);
- ``run_batch`` writes the error lines / the JSONL stream as results arrive and counts them.

``run_job`` is the per-file job: read + parse + render + write. It never raises: any failure
becomes ``Result(ok=False, error="ExceptionType: message")``. It sends back only a small record
(and, for JSONL, the finished line), never the ``Document``, so the parent's memory stays flat.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx")
ERRORS_NAME = "_errors.jsonl"
Format = Literal["json", "yaml", "jsonl"]
FORMATS: tuple[str, ...] = ("json", "yaml", "jsonl")
DEFAULT_TIMEOUT = 300.0  # seconds per file; 0 = no limit

# Characters that JSON leaves raw with ensure_ascii=False but that line splitters such as
# ``str.splitlines`` treat as line breaks: escaped so that one JSONL record is always one line.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


class BatchUsageError(Exception):
    """A command-line mistake found before any work (exit 2): no inputs, bad output, bad format."""


class FileTimeout(Exception):
    """Converting one file took longer than ``--timeout`` (the file fails; the run goes on)."""


class BatchEngineError(Exception):
    """The engine itself cannot run (worker processes do not start, the cluster is unreachable)."""


@dataclass(frozen=True, slots=True)
class Input:
    """One input file: ``path`` as the user will see it, ``rel`` its place under the output folder."""

    path: str
    rel: str


@dataclass(frozen=True, slots=True)
class Job:
    """What a worker needs to convert one file (plain strings: cheap to pickle)."""

    file: str
    source: str
    output: str | None
    fmt: str
    registry: tuple[str, ...] = ()
    max_bytes: int = 50 * 1024 * 1024
    timeout: float = 0.0


@dataclass(frozen=True, slots=True)
class Result:
    """The small record a job sends back. ``line`` is the JSONL record (JSONL output only)."""

    file: str
    ok: bool
    error: str | None = None
    bytes: int = 0
    citations: int = 0
    seconds: float = 0.0
    line: str | None = None
    skipped: bool = False


@dataclass(frozen=True)
class BatchConfig:
    """Everything ``run_batch`` needs; ``output`` is a folder (json/yaml) or a file or ``-`` (jsonl)."""

    inputs: tuple[str, ...]
    output: str
    fmt: str = "json"
    jobs: int = 1
    resume: bool = False
    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = None
    registry: tuple[str, ...] = ()
    max_bytes: int = 50 * 1024 * 1024
    timeout: float = DEFAULT_TIMEOUT


@dataclass
class Summary:
    """Counts for the closing table; ``skipped`` files count as ok."""

    files: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    citations: int = 0
    bytes: int = 0
    seconds: float = 0.0

    def add(self, result: Result) -> None:
        self.files += 1
        self.bytes += result.bytes
        if result.ok:
            self.ok += 1
            self.skipped += result.skipped
            self.citations += result.citations
        else:
            self.failed += 1


# --------------------------------------------------------------------------- inputs


def walk_inputs(
    paths: Iterable[str], exclude: str | None = None, suffixes: tuple[str, ...] = SUFFIXES
) -> Iterator[Input]:
    """Files named directly (whatever their suffix), then folders walked recursively, in order.

    A file named directly lands at its own name under the output folder; a file found in a folder
    lands at its path relative to that folder. Hidden entries (``.git``…) and the folder ``exclude``
    (the output folder, when it sits inside an input folder) are skipped. ``suffixes``: the file
    endings a folder is walked for (``graph`` adds batch output, ``.json`` and ``.jsonl``).
    """
    skip = os.path.realpath(exclude) if exclude else None
    for arg in paths:
        if os.path.isdir(arg):
            for rel in _walk_dir(arg, "", skip, suffixes):
                yield Input(path=os.path.join(arg, rel), rel=rel)
        else:
            yield Input(path=arg, rel=os.path.basename(arg) or arg)


def _walk_dir(
    root: str, prefix: str, skip: str | None, suffixes: tuple[str, ...] = SUFFIXES
) -> Iterator[str]:
    """Relative paths (``/``-separated) of the convertible files under ``root``, sorted by name."""
    folder = os.path.join(root, prefix) if prefix else root
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = f"{prefix}/{entry.name}" if prefix else entry.name
        if entry.is_dir():
            if skip is not None and os.path.realpath(entry.path) == skip:
                continue
            yield from _walk_dir(root, rel, skip, suffixes)
        elif entry.name.lower().endswith(suffixes) and entry.name != ERRORS_NAME:
            yield rel


def count_inputs(paths: Iterable[str], exclude: str | None = None) -> tuple[int, int]:
    """Number of inputs and their total size in bytes (a first walk, for the progress bar)."""
    files = size = 0
    for item in walk_inputs(paths, exclude):
        files += 1
        with contextlib.suppress(OSError):
            size += os.stat(item.path).st_size
    return files, size


def output_path(out_dir: str, rel: str, fmt: str) -> str:
    """``a/b.txt`` → ``OUT/a/b.json``."""
    return str(Path(out_dir, rel).with_suffix("." + fmt))


# --------------------------------------------------------------------------- the per-file job


def run_job(job: Job) -> Result:
    """Parse one file and write (or return) its output; any failure becomes an error ``Result``."""
    start = time.perf_counter()
    size = _size(job.source)
    try:
        from .pipeline import parse_file

        with _time_limit(job.timeout):
            doc = parse_file(job.source, registry_paths=job.registry, max_bytes=job.max_bytes)
        if doc.source.path != job.file:
            doc = doc.model_copy(update={"source": doc.source.model_copy(update={"path": job.file})})
        if job.output is None:
            line = jsonl_line({"file": job.file, "ok": True, "document": doc.model_dump(mode="json")})
            return Result(job.file, True, None, size, len(doc.citations), time.perf_counter() - start, line)
        from .export import render

        _write_atomically(job.output, render(doc, job.fmt))
        return Result(job.file, True, None, size, len(doc.citations), time.perf_counter() - start)
    except Exception as exc:
        error = one_line_error(exc)
        if job.output is not None:
            _remove_stale(job.output)
        failed = None if job.output else jsonl_line({"file": job.file, "ok": False, "error": error})
        return Result(job.file, False, error, size, 0, time.perf_counter() - start, failed)


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise ``FileTimeout`` after ``seconds`` (POSIX, main thread only: worker processes and
    ``--jobs 1``; Dask runs tasks in threads, where no limit is set)."""
    import signal
    import threading

    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise FileTimeout(f"gave up after {seconds:g} s (see --timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def one_line_error(exc: BaseException) -> str:
    """``ExceptionType: message`` on one line."""
    message = " ".join(str(exc).split()) or repr(exc)
    return f"{type(exc).__name__}: {message}"


def jsonl_line(record: dict) -> str:
    """One compact JSON record and its newline; never contains a raw line break."""
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _LINE_BREAKS.items():
        if raw in text:
            text = text.replace(raw, escaped)
    return text + "\n"


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _write_atomically(path: str, text: str) -> None:
    """Write next to the target then rename, so an interrupted run never leaves a half file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _remove_stale(path: str) -> None:
    """A failed input must not keep the output of an older version of it."""
    with contextlib.suppress(OSError):
        os.unlink(path)


# --------------------------------------------------------------------------- planning


def plan(
    inputs: Iterable[Input], config: BatchConfig, previous: PreviousJsonl | None = None
) -> Iterator[Job | Result]:
    """One ``Job`` to run, or one ready ``Result``, per input, in input order."""
    cwd = os.getcwd()
    registry = tuple(os.path.join(cwd, r) for r in config.registry)
    out_dir = os.path.join(cwd, config.output)
    per_file = config.fmt != "jsonl"
    seen: set[int] = set()
    for item in inputs:
        source = os.path.join(cwd, item.path)
        output = output_path(out_dir, item.rel, config.fmt) if per_file else None
        if output is not None:
            key = hash(os.path.normcase(output))
            if key in seen:
                yield _refused(
                    item.path,
                    f"OutputCollision: {output_path(config.output, item.rel, config.fmt)} "
                    "is already the output of an earlier input",
                )
                continue
            seen.add(key)
            if config.resume and _is_up_to_date(source, output):
                yield Result(item.path, True, bytes=_size(source), skipped=True)
                continue
        elif previous is not None:
            line = previous.take(item.path, _mtime(source))
            if line is not None:
                yield Result(item.path, True, bytes=_size(source), line=line, skipped=True)
                continue
        yield Job(item.path, source, output, config.fmt, registry, config.max_bytes, config.timeout)


def _refused(file: str, error: str) -> Result:
    return Result(file, False, error, line=jsonl_line({"file": file, "ok": False, "error": error}))


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def _is_up_to_date(source: str, output: str) -> bool:
    """The output exists and is newer than the input."""
    src, out = _mtime(source), _mtime(output)
    return src is not None and out is not None and out > src


class PreviousJsonl:
    """The JSONL stream of an earlier run, read one line at a time, for ``--resume``.

    A line is reused when it is the next one in the old file, belongs to the same input, is an
    ``ok`` record, is complete (ends with a newline), and the old file is newer than the input.
    Anything else is converted again.
    """

    def __init__(self, path: str) -> None:
        self._handle: TextIO = open(path, encoding="utf-8", newline="\n")  # noqa: SIM115
        self._mtime = os.stat(path).st_mtime_ns
        self._next: str | None = None

    def take(self, file: str, input_mtime: int | None) -> str | None:
        if self._next is None:
            self._next = self._handle.readline()
        line = self._next
        head = '{"file":' + json.dumps(file, ensure_ascii=False) + ","
        if not (line.endswith("\n") and line.startswith(head)):
            return None
        self._next = None
        fresh = input_mtime is not None and input_mtime < self._mtime
        return line if fresh and line.startswith(head + '"ok":true,') else None

    def close(self) -> None:
        self._handle.close()


# --------------------------------------------------------------------------- engines


def run_local(
    items: Iterable[Job | Result], jobs: int, worker: Callable[[Job], Result] = run_job
) -> Iterator[Result]:
    """Results in input order; ``jobs=1`` runs in this process, else a pool with ≤ 4×jobs in flight."""
    from concurrent.futures.process import BrokenProcessPool

    if jobs <= 1:
        for item in items:
            yield item if isinstance(item, Result) else worker(item)
        return
    window = 4 * jobs
    pool = None
    pending: deque[tuple[Job | Result, Future]] = deque()
    try:
        for item in items:
            if isinstance(item, Result):
                done: Future = Future()
                done.set_result(item)
                pending.append((item, done))
            else:
                if pool is None:
                    pool = _make_pool(jobs)
                try:
                    future = pool.submit(worker, item)
                except BrokenProcessPool:  # a worker died since the last submission
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = _make_pool(jobs)
                    future = pool.submit(worker, item)
                pending.append((item, future))
            while len(pending) >= window:
                result, broken = _collect(*pending.popleft(), worker)
                if broken and pool is not None:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = None
                yield result
        while pending:
            result, _ = _collect(*pending.popleft(), worker)
            yield result
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _make_pool(jobs: int) -> Any:
    """A process pool whose workers ignore Ctrl-C (the parent stops them) and start warm."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(["nq57parse.pipeline", "nq57parse.export"])
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init)
    try:
        pool.submit(int).result()
    except BrokenProcessPool:
        pool.shutdown(wait=False)
        raise BatchEngineError("cannot start worker processes (try --jobs 1)") from None
    return pool


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _collect(item: Job | Result, future: Future, worker: Callable[[Job], Result]) -> tuple[Result, bool]:
    """The future's result; when the pool died under it, the job again on its own (bool: pool broken)."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result(), False
    except BrokenProcessPool:
        assert isinstance(item, Job)
        return _run_isolated(item, worker), True


def _run_isolated(job: Job, worker: Callable[[Job], Result]) -> Result:
    """Run one job in a fresh one-worker pool: a file that kills its worker fails alone."""
    from concurrent.futures.process import BrokenProcessPool

    pool = _make_pool(1)
    try:
        return pool.submit(worker, job).result()
    except BrokenProcessPool:
        error = "WorkerCrash: the worker process died while converting this file"
        line = None if job.output else jsonl_line({"file": job.file, "ok": False, "error": error})
        return Result(job.file, False, error, _size(job.source), line=line)
    finally:
        pool.shutdown(wait=True)


def run_dask(
    items: Iterable[Job | Result],
    scheduler: str | None = None,
    workers: int = 2,
    window: int = 512,
    partition_size: int = 16,
) -> Iterator[Result]:
    """Results in input order from a Dask cluster: ``dask.bag`` over windows of the file list.

    Without ``scheduler`` a ``distributed.LocalCluster`` of ``workers`` processes on 127.0.0.1 is
    started and stopped here. Workers write per-file outputs straight to the (shared) output path;
    for JSONL they send their line back. Two windows are in flight at a time, so the client's memory
    stays bounded whatever the number of files.
    """
    import logging

    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BatchEngineError("--engine dask needs the dask extra: pip install 'nq57parse[dask]'") from None

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise BatchEngineError(f"{scheduler}: cannot reach the Dask scheduler ({exc})") from None
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        )
        client = Client(cluster, set_as_default=False)
    try:
        pending: deque[tuple[list[Job | Result], list]] = deque()
        for chunk in _chunks(items, window):
            pending.append((chunk, _submit_window(client, chunk, partition_size)))
            if len(pending) > 1:
                yield from _drain_window(*pending.popleft())
        while pending:
            yield from _drain_window(*pending.popleft())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _chunks(items: Iterable[Job | Result], size: int) -> Iterator[list[Job | Result]]:
    chunk: list[Job | Result] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _submit_window(client: Any, chunk: list[Job | Result], partition_size: int) -> list:
    """One future per bag partition of the window's jobs."""
    import dask.bag as db

    jobs = [item for item in chunk if isinstance(item, Job)]
    if not jobs:
        return []
    bag = db.from_sequence(jobs, partition_size=partition_size).map(run_job)
    return client.compute(bag.to_delayed())


def _drain_window(chunk: list[Job | Result], futures: list) -> Iterator[Result]:
    """The window's results in input order, waiting for one partition at a time."""
    results = _job_results([item for item in chunk if isinstance(item, Job)], futures)
    for item in chunk:
        yield item if isinstance(item, Result) else next(results)


def _job_results(jobs: list[Job], futures: list) -> Iterator[Result]:
    """One result per job, in order. Partitions that failed as a whole (a worker died: KilledWorker,
    or the cluster went away) are recognised by their files missing from the stream of results."""
    pending = iter(futures)
    buffer: deque[Result] = deque()
    error = "WorkerCrash: the Dask task converting this file failed"
    for job in jobs:
        while not buffer:
            future = next(pending, None)
            if future is None:
                break
            try:
                buffer.extend(future.result())
            except Exception as exc:
                error = one_line_error(exc)
            future.release()
        if buffer and buffer[0].file == job.file:
            yield buffer.popleft()
        else:
            line = None if job.output else jsonl_line({"file": job.file, "ok": False, "error": error})
            yield Result(job.file, False, error, _size(job.source), line=line)


# --------------------------------------------------------------------------- the whole run


def check_config(config: BatchConfig) -> None:
    """Refuse a command line that cannot work, before doing anything (``BatchUsageError``)."""
    if config.fmt not in FORMATS:
        raise BatchUsageError(f"--format must be one of {', '.join(FORMATS)} (got {config.fmt!r})")
    if not config.output:
        raise BatchUsageError("-o is required: a folder (json, yaml) or a .jsonl file (jsonl)")
    if config.fmt == "jsonl":
        if os.path.isdir(config.output):
            raise BatchUsageError(f"{config.output}: is a folder; --format jsonl writes one file")
        if config.resume and config.output == "-":
            raise BatchUsageError("--resume needs an output file, not standard output")
    else:
        if config.output == "-":
            raise BatchUsageError(f"-o - (standard output) needs --format jsonl, not {config.fmt}")
        if os.path.exists(config.output) and not os.path.isdir(config.output):
            raise BatchUsageError(f"{config.output}: is a file; --format {config.fmt} writes a folder")
    for path in config.inputs:
        if not os.path.exists(path):
            raise BatchUsageError(f"{path}: no such file or folder")
    if config.engine not in ("local", "dask"):
        raise BatchUsageError(f"--engine must be local or dask (got {config.engine!r})")
    if config.jobs < 1:
        raise BatchUsageError(f"--jobs must be at least 1 (got {config.jobs})")


def run_batch(
    config: BatchConfig,
    on_result: Callable[[Result], None] | None = None,
    stdout: TextIO | None = None,
) -> Summary:
    """Convert every input; write outputs and errors as results arrive; return the counts.

    Raises ``BatchUsageError`` for a command-line mistake (nothing is written then).
    """
    check_config(config)
    exclude = config.output if config.fmt != "jsonl" else None
    if next(iter(walk_inputs(config.inputs, exclude)), None) is None:
        raise BatchUsageError("no input files found (looked for " + " ".join(SUFFIXES) + ")")
    start = time.perf_counter()
    summary = Summary()
    previous = None
    if config.fmt == "jsonl" and config.resume and os.path.isfile(config.output):
        previous = PreviousJsonl(config.output)
    items = plan(walk_inputs(config.inputs, exclude), config, previous)
    if config.engine == "dask":
        results = run_dask(items, config.scheduler, workers=config.jobs)
    else:
        results = run_local(items, config.jobs)
    try:
        if config.fmt == "jsonl":
            _write_stream(config, results, summary, on_result, stdout)
        else:
            _write_errors(config, results, summary, on_result)
    finally:
        if previous is not None:
            previous.close()
    summary.seconds = time.perf_counter() - start
    return summary


def _write_errors(
    config: BatchConfig,
    results: Iterable[Result],
    summary: Summary,
    on_result: Callable[[Result], None] | None,
) -> None:
    """Per-file outputs are written by the workers; here only ``OUT/_errors.jsonl``, in input order."""
    os.makedirs(config.output, exist_ok=True)
    with open(os.path.join(config.output, ERRORS_NAME), "w", encoding="utf-8", newline="\n") as errors:
        for result in results:
            if not result.ok:
                errors.write(jsonl_line({"file": result.file, "error": result.error}))
                errors.flush()
            summary.add(result)
            if on_result:
                on_result(result)


def _write_stream(
    config: BatchConfig,
    results: Iterable[Result],
    summary: Summary,
    on_result: Callable[[Result], None] | None,
    stdout: TextIO | None,
) -> None:
    """One line per input, in input order, to the file (through a temporary when resuming) or stdout."""
    import sys

    if config.output == "-":
        out = stdout or sys.stdout
        for result in results:
            out.write(result.line or "")
            out.flush()
            summary.add(result)
            if on_result:
                on_result(result)
        return
    target = Path(config.output)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_to = target.with_name(f".{target.name}.{os.getpid()}.tmp") if config.resume else target
    try:
        with open(write_to, "w", encoding="utf-8", newline="\n") as out:
            for result in results:
                out.write(result.line or "")
                summary.add(result)
                if on_result:
                    on_result(result)
        if write_to != target:
            os.replace(write_to, target)
    finally:
        if write_to != target and write_to.exists():
            write_to.unlink()
