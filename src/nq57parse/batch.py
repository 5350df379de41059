"""Batch conversion: many inputs → one output per input, or one JSONL stream (SPEC.md, "Batch").

In: the paths given on the command line (files and folders; folders walked recursively for
``.txt .md .html .htm .docx .doc .pdf``, and the images ``.png .jpg .jpeg .tif .tiff`` with
``--ocr``, in sorted, deterministic order) and a ``BatchConfig``. The files a walk passes over are
listed with the reason in ``Summary.passed_over``.
Out: the outputs written (``OUT/<same relative path>.json|yaml`` and ``OUT/_errors.jsonl``, or
``OUT.jsonl`` with one line per input in input order) and a ``Summary`` of small counts.

Stages, each a small function:
- ``walk_inputs``: paths → ``Input(path, rel, error)`` one at a time (never a list of the whole
  archive); a folder it cannot list, a link it does not follow or a link loop is an ``Input`` with
  an ``error``, so every entry is accounted for;
- ``plan``: inputs → either a ``Job`` for a worker or a ready ``Result`` (skipped by ``--resume``,
  copied from the previous JSONL, refused because two inputs would write the same output, or the
  walk's error);
- an engine runs the jobs and yields their ``Result`` in input order with a bounded number in
  flight: ``run_local`` (in this process with ``jobs=1``, else worker processes of its own that it
  kills past ``--timeout``) or ``run_dask`` (``dask.bag`` over windows of the file list on a
  ``distributed`` cluster);
- ``run_batch`` locks the output, removes the temporaries of killed runs, and writes the error
  lines / the JSONL stream as results arrive (whole lines only, even on a full disk), counting them.

``run_job`` is the per-file job: read + parse + render + write (a temporary renamed into place,
never through a link, never out of the output folder). It never raises: any failure becomes
``Result(ok=False, error="ExceptionType: message")``. It sends back only a small record
(and, for JSONL, the finished line), never the ``Document``, so the parent's memory stays flat.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NoReturn, TextIO

from .limits import cap_address_space, memory_limit

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess
    from types import FrameType

    from distributed import Client

SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".doc", ".pdf")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")  # scans: walked with --ocr only


def walked_suffixes(ocr: bool = False) -> tuple[str, ...]:
    """The suffixes a folder walk takes: documents, and images too with ``--ocr``."""
    return SUFFIXES + IMAGE_SUFFIXES if ocr else SUFFIXES


def pass_over_reason(name: str, ocr: bool = False) -> str:
    """Why a folder walk passed a file over (it is listed in the batch summary)."""
    suffix = Path(name).suffix.lower()
    if suffix in IMAGE_SUFFIXES and not ocr:
        return "an image: add --ocr to read scans by OCR"
    if not suffix:
        return "no suffix: not a document format nq57parse reads"
    return f"{suffix}: not a document format nq57parse reads"


ERRORS_NAME = "_errors.jsonl"
Format = Literal["json", "yaml", "jsonl"]
FORMATS: tuple[str, ...] = ("json", "yaml", "jsonl", "akn")
DEFAULT_TIMEOUT = 300.0  # seconds per file; 0 = no limit

# Characters that JSON leaves raw with ensure_ascii=False but that line splitters such as
# ``str.splitlines`` treat as line breaks: escaped so that one JSONL record is always one line.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


_SURROGATE = re.compile("[\ud800-\udfff]")


class BatchUsageError(Exception):
    """A command-line mistake found before any work (exit 2): no inputs, bad output, bad format."""


class FileTimeout(Exception):
    """Converting one file took longer than ``--timeout`` (the file fails; the run goes on)."""


class BatchEngineError(Exception):
    """The engine itself cannot run (worker processes do not start, the cluster is unreachable)."""


@dataclass(frozen=True, slots=True)
class Input:
    """One input file: ``path`` as the user will see it, ``rel`` its place under the output folder.

    ``error`` is set for an entry the walk could not take (a folder that cannot be listed, a link
    not followed, a link loop): it becomes that entry's error record, so nothing vanishes.
    """

    path: str
    rel: str
    error: str | None = None


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
    out_root: str | None = None


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
    follow_links: bool = False
    ocr: bool = False  # walk images (scans) too


@dataclass
class Summary:
    """Counts for the closing table; ``skipped`` files count as ok. ``passed_over``: files a folder
    walk did not take, each with the reason (``pass_over_reason``)."""

    files: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    citations: int = 0
    bytes: int = 0
    seconds: float = 0.0
    passed_over: list[tuple[str, str]] = field(default_factory=list)

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
    paths: Iterable[str],
    exclude: str | None = None,
    follow_links: bool = False,
    suffixes: tuple[str, ...] | None = None,
    ocr: bool = False,
    passed_over: list[tuple[str, str]] | None = None,
) -> Iterator[Input]:
    """Files named directly (whatever their suffix), then folders walked recursively, in order.

    A file named directly lands at its own name under the output folder; a file found in a folder
    lands at its path relative to that folder. Hidden entries (``.git``…) and the folder ``exclude``
    (the output folder, when it sits inside an input folder) are skipped. Symbolic links found in a
    folder are not followed out of it: a link to a file inside the folder is taken, a link to a
    folder or to anything outside is an ``Input`` with an ``error`` — unless ``follow_links``, when
    every link is followed and a folder reached twice (a loop) is an error instead. ``suffixes``: the file
    endings a folder is walked for (default ``walked_suffixes(ocr)``; ``graph`` adds batch output,
    ``.json`` and ``.jsonl``); other files are appended to ``passed_over`` with the reason, when given.
    """
    skip = os.path.realpath(exclude) if exclude else None
    for arg in paths:
        if os.path.isdir(arg):
            walk = _Walk(arg, skip, follow_links, suffixes or walked_suffixes(ocr), passed_over, ocr)
            for rel, error in walk.entries("", os.path.realpath(arg)):
                yield Input(path=os.path.join(arg, rel), rel=rel, error=error)
        else:
            yield Input(path=arg, rel=os.path.basename(arg) or arg)


class _Walk:
    """One input folder walked depth first in name order (see ``walk_inputs``)."""

    def __init__(
        self,
        root: str,
        skip: str | None,
        follow_links: bool,
        suffixes: tuple[str, ...] = SUFFIXES,
        passed_over: list[tuple[str, str]] | None = None,
        ocr: bool = False,
    ) -> None:
        self.root = root
        self.suffixes = suffixes
        self.passed_over = passed_over
        self.ocr = ocr
        self.real_root = os.path.realpath(root)
        self.skip = skip
        self.follow_links = follow_links
        self.seen: set[tuple[int, int]] = set()

    def entries(self, prefix: str, real: str) -> Iterator[tuple[str, str | None]]:
        """``(relative path, error or None)`` of the convertible files under ``prefix``."""
        folder = os.path.join(self.root, prefix) if prefix else self.root
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in self.seen:
                yield prefix, "LinkLoop: this folder was already walked (a symbolic link loop)"
                return
            self.seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as it:
                found = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield prefix or ".", f"UnreadableFolder: {exc.strerror or exc}"
            return
        for entry in found:
            if entry.name.startswith("."):
                continue
            rel = f"{prefix}/{entry.name}" if prefix else entry.name
            yield from self._entry(entry, rel)

    def _entry(self, entry: os.DirEntry, rel: str) -> Iterator[tuple[str, str | None]]:
        link = entry.is_symlink()
        target = os.path.realpath(entry.path) if link else None
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if self.skip is not None and os.path.realpath(entry.path) == self.skip:
                return
            if link and not self.follow_links:
                yield rel, "LinkNotFollowed: a symbolic link to a folder (--follow-links follows it)"
                return
            yield from self.entries(rel, target or entry.path)
            return
        if entry.name == ERRORS_NAME:
            return
        if not entry.name.lower().endswith(self.suffixes):
            if self.passed_over is not None:
                self.passed_over.append(
                    (os.path.join(self.root, rel), pass_over_reason(entry.name, self.ocr))
                )
            return
        if link and not self.follow_links and not _inside(target or "", self.real_root):
            yield rel, "LinkNotFollowed: a symbolic link out of the input folder (--follow-links follows it)"
            return
        yield rel, None


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def display_name(path: str) -> str:
    """The path as it is written in records and messages (``errors.printable``)."""
    from .errors import printable

    return printable(path)


def count_inputs(
    paths: Iterable[str], exclude: str | None = None, follow_links: bool = False, ocr: bool = False
) -> tuple[int, int]:
    """Number of inputs and their total size in bytes (a first walk, for the progress bar)."""
    files = size = 0
    for item in walk_inputs(paths, exclude, follow_links, ocr=ocr):
        files += 1
        with contextlib.suppress(OSError):
            size += os.stat(item.path).st_size
    return files, size


def output_path(out_dir: str, rel: str, fmt: str) -> str:
    """``a/b.txt`` → ``OUT/a/b.json`` (``OUT/a/b.xml`` for akn)."""
    return str(Path(out_dir, rel).with_suffix("." + ("xml" if fmt == "akn" else fmt)))


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

        _write_atomically(job.output, render(doc, job.fmt), job.out_root)
        return Result(job.file, True, None, size, len(doc.citations), time.perf_counter() - start)
    except Exception as exc:
        error = one_line_error(exc)
        if job.output is not None:
            _remove_stale(job.output)
        record = None if job.output else jsonl_line({"file": job.file, "ok": False, "error": error})
        return Result(job.file, False, error, size, 0, time.perf_counter() - start, record)


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

    def expire(signum: int, frame: FrameType | None) -> NoReturn:
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
    if _SURROGATE.search(text):  # a lone surrogate cannot be written as UTF-8; JSON can escape it
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text + "\n"


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


class OutsideOutput(Exception):
    """An output would land outside the output folder (a symbolic link planted inside it)."""


def _write_atomically(path: str, text: str, root: str | None = None) -> None:
    """Write next to the target then rename, so an interrupted run never leaves a half file.

    The temporary is created anew (never through an existing file or link); with ``root``, the
    folder written into must really be inside ``root`` (a linked sub-folder pointing elsewhere is
    refused), and the rename replaces a link at the target instead of writing through it.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if root is not None and not _inside(os.path.realpath(target.parent), os.path.realpath(root)):
        raise OutsideOutput(f"{target.parent} leads out of the output folder (a symbolic link)")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)  # left by a killed run of the same pid
    try:
        with os.fdopen(os.open(tmp, flags, 0o644), "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


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
        if item.error is not None:
            yield _refused(display_name(item.path), item.error)
            continue
        file = display_name(item.path)
        source = os.path.join(cwd, item.path)
        output = output_path(out_dir, item.rel, config.fmt) if per_file else None
        if output is not None:
            key = hash(os.path.normcase(output))
            if key in seen:
                yield _refused(
                    file,
                    f"OutputCollision: {display_name(output_path(config.output, item.rel, config.fmt))} "
                    "is already the output of an earlier input",
                )
                continue
            seen.add(key)
            if config.resume and _is_up_to_date(source, output):
                yield Result(file, True, bytes=_size(source), skipped=True)
                continue
        elif previous is not None:
            line = previous.take(file, _mtime(source))
            if line is not None:
                yield Result(file, True, bytes=_size(source), line=line, skipped=True)
                continue
        root = out_dir if per_file else None
        yield Job(file, source, output, config.fmt, registry, config.max_bytes, config.timeout, root)


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
    """Results in input order; ``jobs=1`` runs in this process, else ``jobs`` worker processes with
    at most 4×jobs inputs in flight.

    With worker processes, a job past its ``timeout`` (plus a grace of ``KILL_GRACE`` seconds for
    the worker's own timer to end it cleanly) has its worker killed, even inside a C call, and a
    worker that dies fails only the file it was converting; fresh workers take their places. In
    this process (``jobs=1``) the timer can interrupt Python code only.
    """
    if jobs <= 1:
        for item in items:
            yield item if isinstance(item, Result) else worker(item)
        return
    window = 4 * jobs
    queue: deque[_Slot] = deque()
    waiting: deque[_Slot] = deque()
    source = iter(items)
    exhausted = False
    workers = _Workers(jobs, worker)
    try:
        while True:
            while not exhausted and len(queue) < window:
                pending = next(source, None)
                if pending is None:
                    exhausted = True
                    break
                slot = _Slot(pending)
                queue.append(slot)
                if slot.result is None:
                    waiting.append(slot)
            while queue and (done := queue[0].result) is not None:
                queue.popleft()
                yield done
            if not queue:
                if exhausted:
                    return
                continue
            workers.dispatch(waiting)
            workers.wait()
    finally:
        workers.close()


KILL_GRACE = 2.0  # seconds after --timeout before a worker that did not stop itself is killed


class _Slot:
    """One input in flight: its item and, once known, its result."""

    __slots__ = ("item", "result")

    def __init__(self, item: Job | Result) -> None:
        self.item = item
        self.result: Result | None = item if isinstance(item, Result) else None


class _Worker:
    __slots__ = ("conn", "deadline", "process", "slot")

    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.slot: _Slot | None = None
        self.deadline: float | None = None


def _busy_slot(worker: _Worker) -> _Slot:
    """The slot of a worker at work (a busy worker always holds one)."""
    assert worker.slot is not None
    return worker.slot


class _Workers:
    """``size`` worker processes, each fed one job at a time through its own pipe."""

    def __init__(self, size: int, worker: Callable[[Job], Result]) -> None:
        self.size = size
        self.worker = worker
        self.ctx: BaseContext | None = None
        self.idle: list[_Worker] = []
        self.busy: dict[Connection, _Worker] = {}  # connection → worker

    def _start(self, max_bytes: int) -> _Worker:
        if self.ctx is None:
            self.ctx = _context()
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(  # type: ignore[attr-defined]  # every concrete context has Process
            target=_serve, args=(child, self.worker, memory_limit(max_bytes)), daemon=True
        )
        try:
            process.start()
        except OSError as exc:
            raise BatchEngineError(f"cannot start worker processes ({exc}; try --jobs 1)") from None
        child.close()
        return _Worker(process, parent)

    def dispatch(self, waiting: deque[_Slot]) -> None:
        """Give waiting jobs to idle (or new) workers, up to ``size`` at work."""
        while waiting and len(self.busy) < self.size:
            slot = waiting.popleft()
            job = slot.item
            assert isinstance(job, Job)
            worker = self.idle.pop() if self.idle else self._start(job.max_bytes)
            try:
                worker.conn.send(job)
            except OSError:  # the idle worker died; this job goes to a fresh one
                self._stop(worker)
                worker = self._start(job.max_bytes)
                worker.conn.send(job)
            worker.slot = slot
            worker.deadline = time.monotonic() + job.timeout + KILL_GRACE if job.timeout > 0 else None
            self.busy[worker.conn] = worker

    def wait(self) -> None:
        """Block until a worker answers, dies, or passes its deadline; record what happened."""
        from multiprocessing.connection import wait

        if not self.busy:
            return
        deadlines = [w.deadline for w in self.busy.values() if w.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        ready = wait(list(self.busy), timeout)
        for conn, worker in [(c, w) for c, w in self.busy.items() if c in ready]:
            del self.busy[conn]
            try:
                result = conn.recv()
            except (EOFError, OSError):
                self._finish(worker, "WorkerCrash: the worker process died while converting this file")
                self._stop(worker)
                continue
            _busy_slot(worker).result = result
            worker.slot = None
            self.idle.append(worker)
        now = time.monotonic()
        for conn, worker in list(self.busy.items()):
            if worker.deadline is not None and now >= worker.deadline:
                del self.busy[conn]
                job = _busy_slot(worker).item
                assert isinstance(job, Job)
                self._stop(worker)
                self._finish(worker, f"FileTimeout: gave up after {job.timeout:g} s (see --timeout)")

    @staticmethod
    def _finish(worker: _Worker, error: str) -> None:
        slot = _busy_slot(worker)
        job = slot.item
        assert isinstance(job, Job)
        if job.output is not None:
            _remove_stale(job.output)
        line = None if job.output else jsonl_line({"file": job.file, "ok": False, "error": error})
        slot.result = Result(job.file, False, error, _size(job.source), line=line)
        worker.slot = None

    @staticmethod
    def _stop(worker: _Worker) -> None:
        worker.conn.close()
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)

    def close(self) -> None:
        """Idle workers end when their pipe closes; busy ones (an interrupted run) are killed."""
        for worker in self.busy.values():
            self._stop(worker)
        for worker in self.idle:
            worker.conn.close()
        for worker in self.idle:
            worker.process.join(5)
            if worker.process.is_alive():
                worker.process.kill()
        self.busy.clear()
        self.idle.clear()


def _context() -> BaseContext:
    """Worker processes start from a forkserver that has imported the pipeline (spawn elsewhere)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(["nq57parse.pipeline", "nq57parse.export"])
    return ctx


def _serve(conn: Connection, worker: Callable[[Job], Result], address_space: int | None = None) -> None:
    """A worker process: convert the jobs that arrive until the pipe closes."""
    _worker_init()
    if address_space:
        cap_address_space(address_space)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        result = worker(job)
        try:
            conn.send(result)
        except OSError:
            return


def _worker_init() -> None:
    """Ignore Ctrl-C (the parent stops the workers) and, on Linux, die with the parent (a parent
    killed with -9 must not leave a worker converting on)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


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


def _submit_window(client: Client, chunk: list[Job | Result], partition_size: int) -> list:
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
    passed: list[tuple[str, str]] = []
    if (
        next(iter(walk_inputs(config.inputs, exclude, config.follow_links, None, config.ocr, passed)), None)
        is None
    ):
        message = "no input files found (looked for " + " ".join(walked_suffixes(config.ocr)) + ")"
        if passed:
            message += f"; passed over {len(passed)} file(s), the first {passed[0][0]}: {passed[0][1]}"
        raise BatchUsageError(message)
    start = time.perf_counter()
    summary = Summary()
    with _output_lock(config):
        previous = None
        if config.fmt == "jsonl" and config.resume and os.path.isfile(config.output):
            previous = PreviousJsonl(config.output)
        walked = walk_inputs(
            config.inputs, exclude, config.follow_links, None, config.ocr, summary.passed_over
        )
        items = plan(walked, config, previous)
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


_TMP_NAME = re.compile(r"^\..+\.\d+\.tmp$")


@contextmanager
def _output_lock(config: BatchConfig) -> Iterator[None]:
    """Hold an exclusive lock on the output for the whole run, so two runs into the same output
    cannot interleave (the second one stops at once with a usage error); then remove the
    temporaries that a killed run left behind (``.NAME.PID.tmp``), which no live run can own."""
    if config.fmt == "jsonl" and config.output == "-":
        yield
        return
    import fcntl

    if config.fmt == "jsonl":
        target = Path(config.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        lock_path, folder = target.with_name(f".{target.name}.lock"), target.parent
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    else:  # the output folder itself is locked: nothing is added to it
        os.makedirs(config.output, exist_ok=True)
        lock_path, folder = None, Path(config.output)
        fd = os.open(config.output, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchUsageError(
                f"{config.output}: another nq57parse batch is writing there; wait for it to end"
            ) from None
        if config.fmt == "jsonl":  # only this stream's: other streams in the folder are not locked
            _remove_temporaries(folder, re.compile(rf"^\.{re.escape(Path(config.output).name)}\.\d+\.tmp$"))
        else:
            _remove_temporaries(folder, _TMP_NAME, recursive=True)
        yield
        if lock_path is not None:
            with contextlib.suppress(OSError):
                os.unlink(lock_path)
    finally:
        os.close(fd)


def _remove_temporaries(folder: Path, pattern: re.Pattern[str], recursive: bool = False) -> None:
    for root, dirs, files in os.walk(folder) if recursive else [(str(folder), [], os.listdir(folder))]:
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(root, d))]
        for name in files:
            if pattern.match(name):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(root, name))


class _Lines:
    """Whole lines to a new file (truncated; never opened through a symbolic link planted at its
    path), unbuffered: a line that cannot be written whole (a full disk) is cut off again, so the
    file always ends with a complete line and ``--resume`` can go on from it."""

    def __init__(self, path: str | Path) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        try:
            self.fd = os.open(path, flags, 0o644)
        except OSError as exc:
            if os.path.islink(path):
                raise OSError(exc.errno, "is a symbolic link; not written through", str(path)) from None
            raise
        self.path = str(path)
        self.good = 0

    def write(self, line: str) -> None:
        data = memoryview(line.encode("utf-8"))
        try:
            while data:
                data = data[os.write(self.fd, data) :]
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, self.good)
            raise OSError(exc.errno, exc.strerror, self.path) from None
        self.good += len(line.encode("utf-8"))

    def __enter__(self) -> _Lines:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)


def _write_errors(
    config: BatchConfig,
    results: Iterable[Result],
    summary: Summary,
    on_result: Callable[[Result], None] | None,
) -> None:
    """Per-file outputs are written by the workers; here only ``OUT/_errors.jsonl``, in input order."""
    os.makedirs(config.output, exist_ok=True)
    with _Lines(os.path.join(config.output, ERRORS_NAME)) as errors:
        for result in results:
            if not result.ok:
                errors.write(jsonl_line({"file": result.file, "error": result.error}))
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
        with _Lines(write_to) as out:
            for result in results:
                if result.line:
                    out.write(result.line)
                summary.add(result)
                if on_result:
                    on_result(result)
        if write_to != target:
            os.replace(write_to, target)
    finally:
        if write_to != target and write_to.exists():
            write_to.unlink()
