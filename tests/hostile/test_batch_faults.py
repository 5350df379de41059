"""Batch under faults (issue #17): every input ends with exactly one output or one error record.

kill -9 at random moments then ``--resume``, a full disk, unreadable folders, bad names, symbolic
links in and out of the tree, a planted link at an output, two runs into one output, a worker stuck
where its own timer cannot reach it. The tests that run the console script on dozens of files or
start worker processes are marked ``slow`` (``.ci/run`` runs them).
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import NQ57PARSE

from nq57parse import batch
from nq57parse.batch import BatchConfig, BatchUsageError, Job, run_batch, run_job

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "samples").glob("*.txt"))


def make_inputs(folder: Path, copies: int) -> list[str]:
    """``copies`` sample copies in two sub-folders plus one empty file; their relative paths."""
    for i in range(copies):
        sub = folder / f"part{i % 2}"
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SEEDS[i % len(SEEDS)], sub / f"{i:03d}.txt")
    (folder / "empty.txt").write_text("")
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.txt"))


def accounted(out: Path) -> tuple[set[str], set[str]]:
    """(outputs written, files with an error record) under a per-file output folder."""
    outputs = {p.relative_to(out).with_suffix("").as_posix() for p in out.rglob("*.json")}
    errors_file = out / "_errors.jsonl"
    lines = errors_file.read_text(encoding="utf-8").splitlines() if errors_file.exists() else []
    return outputs, {json.loads(line)["file"] for line in lines}


def tree_bytes(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([NQ57PARSE, *args], capture_output=True, text=True, timeout=300, **kwargs)


def session_processes(sid: int) -> list[int]:
    """Processes still alive in the session ``sid`` (zombies excluded)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[3]) == sid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_kill_9_at_random_moments_then_resume_gives_the_bytes_of_a_clean_run(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    make_inputs(inputs, 60)
    clean = tmp_path / "clean"
    assert cli("batch", str(inputs), "-o", str(clean), "--jobs", "2", "-q").returncode == 1
    rng = random.Random(17)
    out = tmp_path / "out"
    for _ in range(3):
        proc = subprocess.Popen(
            [NQ57PARSE, "batch", str(inputs), "-o", str(out), "--jobs", "2", "-q", "--resume"],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.5, 2.5))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while session_processes(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert session_processes(proc.pid) == [], "workers outlived the killed parent"
    finished = cli("batch", str(inputs), "-o", str(out), "--jobs", "2", "-q", "--resume")
    assert finished.returncode == 1
    assert tree_bytes(out) == tree_bytes(clean)  # no .tmp left, every output identical


def _full_disk(tmp_path: Path) -> Path | None:
    """A 1 MB tmpfs mounted under ``tmp_path`` (None where mounting is not allowed)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if shutil.which("mount") is None:
        return None
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True)
    return disk if proc.returncode == 0 else None


@pytest.mark.slow
def test_a_full_disk_stops_cleanly_and_resume_on_a_free_one_finishes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    names = make_inputs(inputs, 40)
    disk = _full_disk(tmp_path)
    if disk is None:
        pytest.skip("cannot mount a small tmpfs here (the write-wrapper test covers the logic)")
    try:
        out = disk / "out"
        proc = cli("batch", str(inputs), "-o", str(out), "--jobs", "2", "-q")
        assert "Traceback" not in proc.stderr
        assert proc.returncode in (1, 2)
        if proc.returncode == 2:
            assert proc.stderr.count("\n") == 1 and "run again with --resume" in proc.stderr
        outputs, errors = accounted(out)
        assert outputs.isdisjoint(errors)
        if proc.returncode == 1:  # every input has an output or an error record
            assert {f"{n[:-4]}" for n in names} == outputs | {
                e.split(str(inputs) + "/")[1][:-4] for e in errors
            }
        moved = tmp_path / "out"
        shutil.copytree(out, moved)
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)
    clean = tmp_path / "clean"
    cli("batch", str(inputs), "-o", str(clean), "--jobs", "2", "-q")
    cli("batch", str(inputs), "-o", str(moved), "--jobs", "2", "-q", "--resume")
    assert tree_bytes(moved) == tree_bytes(clean)


def test_a_write_that_fails_midway_leaves_whole_lines_and_resume_finishes(tmp_path, monkeypatch) -> None:
    inputs = tmp_path / "in"
    make_inputs(inputs, 12)
    target = tmp_path / "all.jsonl"
    real_write = os.write
    budget = {"bytes": 40_000}

    def filling_disk(fd, data):
        if budget["bytes"] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        budget["bytes"] -= len(data)
        return real_write(fd, data[: max(1, len(data) // 2)])  # short writes too

    monkeypatch.setattr(batch.os, "write", filling_disk)
    config = BatchConfig(inputs=(str(inputs),), output=str(target), fmt="jsonl")
    with pytest.raises(OSError, match="No space left"):
        run_batch(config)
    monkeypatch.setattr(batch.os, "write", real_write)
    text = target.read_text(encoding="utf-8")
    assert text and text.endswith("\n")
    kept = [json.loads(line)["file"] for line in text.splitlines()]
    assert 0 < len(kept) < 13
    run_batch(BatchConfig(inputs=(str(inputs),), output=str(target), fmt="jsonl", resume=True))
    clean = tmp_path / "clean.jsonl"
    run_batch(BatchConfig(inputs=(str(inputs),), output=str(clean), fmt="jsonl"))
    assert target.read_bytes() == clean.read_bytes()


def test_an_unreadable_folder_is_an_error_record_not_a_silent_gap(tmp_path, monkeypatch) -> None:
    inputs = tmp_path / "in"
    make_inputs(inputs, 4)
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("part1"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(batch.os, "scandir", scandir)
    summary = run_batch(BatchConfig(inputs=(str(inputs),), output=str(tmp_path / "out")))
    outputs, errors = accounted(tmp_path / "out")
    assert outputs == {"part0/000", "part0/002"}
    assert errors == {str(inputs / "empty.txt"), str(inputs / "part1")}
    record = json.loads((tmp_path / "out" / "_errors.jsonl").read_text().splitlines()[1])
    assert record["error"] == "UnreadableFolder: Permission denied"
    assert (summary.files, summary.failed) == (4, 2)


@pytest.mark.slow
def test_names_that_are_not_utf8_or_hold_control_characters_are_written_escaped(tmp_path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    odd = [b"bad-\xff\xfe.txt", b"esc-\x1b[31m.txt", "Quyết định.txt".encode()]
    for raw in odd:
        shutil.copyfile(SEEDS[0], os.path.join(os.fsencode(inputs), raw))
    target = tmp_path / "all.jsonl"
    proc = cli("batch", str(inputs), "-o", str(target), "-q")
    assert (proc.returncode, proc.stderr) == (0, "")
    files = [json.loads(line)["file"] for line in target.read_text(encoding="utf-8").splitlines()]
    assert [f.rsplit("/", 1)[1] for f in files] == [
        "Quyết định.txt",
        "bad-\\xff\\xfe.txt",
        "esc-\\x1b[31m.txt",
    ]
    out = tmp_path / "out"
    assert cli("batch", str(inputs), "-o", str(out), "-q").returncode == 0
    assert len(list(out.glob("*.json"))) == 3


def test_links_out_of_the_tree_are_recorded_not_followed_unless_asked(tmp_path) -> None:
    inputs, outside = tmp_path / "in", tmp_path / "outside"
    inputs.mkdir()
    outside.mkdir()
    shutil.copyfile(SEEDS[0], inputs / "a.txt")
    shutil.copyfile(SEEDS[1], outside / "secret.txt")
    (inputs / "inside-link.txt").symlink_to(inputs / "a.txt")
    (inputs / "passwd.txt").symlink_to(outside / "secret.txt")
    (inputs / "folder").symlink_to(outside)
    (inputs / "loop").symlink_to(inputs)
    out = tmp_path / "out"
    summary = run_batch(BatchConfig(inputs=(str(inputs),), output=str(out)))
    outputs, errors = accounted(out)
    assert outputs == {"a", "inside-link"}
    assert errors == {str(inputs / n) for n in ("folder", "loop", "passwd.txt")}
    assert "LinkNotFollowed" in (out / "_errors.jsonl").read_text()
    assert summary.files == 5
    followed = tmp_path / "followed"
    run_batch(BatchConfig(inputs=(str(inputs),), output=str(followed), follow_links=True))
    outputs, errors = accounted(followed)
    assert outputs == {"a", "inside-link", "passwd", "folder/secret"}
    assert errors == {str(inputs / "loop")}
    assert "LinkLoop" in (followed / "_errors.jsonl").read_text()


@pytest.mark.slow
def test_outputs_are_never_written_through_a_planted_link(tmp_path) -> None:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "bad.txt").write_bytes(b"\x00\x01" * 100)
    shutil.copyfile(SEEDS[0], inputs / "sub" / "a.txt")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("untouched")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(victim)
    (out / "_errors.jsonl").symlink_to(victim / "keep.txt")
    proc = cli("batch", str(inputs), "-o", str(out), "-q")
    assert proc.returncode == 2
    assert proc.stderr.startswith(
        f"nq57parse: {out / '_errors.jsonl'}: cannot write output (is a symbolic link"
    )
    assert (victim / "keep.txt").read_text() == "untouched"
    (out / "_errors.jsonl").unlink()
    proc = cli("batch", str(inputs), "-o", str(out), "-q")
    assert proc.returncode == 1
    assert sorted(p.name for p in victim.iterdir()) == ["keep.txt"]
    errors = (out / "_errors.jsonl").read_text()
    assert "OutsideOutput" in errors and "sub/a.txt" in errors


@pytest.mark.slow
def test_a_second_run_into_the_same_output_stops_at_once(tmp_path) -> None:
    inputs = tmp_path / "in"
    make_inputs(inputs, 40)
    out = tmp_path / "out"
    first = subprocess.Popen([NQ57PARSE, "batch", str(inputs), "-o", str(out), "--jobs", "1", "-q"])
    try:
        deadline = time.monotonic() + 30
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        second = cli("batch", str(inputs), "-o", str(out), "-q")
        assert second.returncode == 2
        assert (
            second.stderr
            == f"nq57parse: {out}: another nq57parse batch is writing there; wait for it to end\n"
        )
    finally:
        assert first.wait(timeout=300) == 1
    outputs, errors = accounted(out)
    assert len(outputs) == 40 and errors == {str(inputs / "empty.txt")}


def test_the_lock_is_a_usage_error_in_the_library_too(tmp_path) -> None:
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(BatchUsageError, match="another nq57parse batch is writing there"):
            run_batch(BatchConfig(inputs=(str(SEEDS[0]),), output=str(out)))
    finally:
        os.close(fd)


def test_temporaries_left_by_a_killed_run_are_removed(tmp_path) -> None:
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    stale = [out / ".a.json.4242.tmp", out / "sub" / ".b.json.99.tmp"]
    for path in stale:
        path.write_text("{")
    (out / "keep.tmp").write_text("not ours")
    run_batch(BatchConfig(inputs=(str(SEEDS[0]),), output=str(out)))
    assert not any(p.exists() for p in stale)
    assert (out / "keep.tmp").exists()


def stuck_beyond_signals(job: Job):
    """A job that blocks SIGALRM first, as a C call does: only killing the worker ends it."""
    if job.file.endswith("stuck.txt"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return run_job(job)


@pytest.mark.slow
def test_timeout_kills_a_worker_stuck_where_its_timer_cannot_reach(tmp_path) -> None:
    jobs = [
        # only the stuck file has a short timeout: a fresh worker's first parse may take longer than it
        Job(
            name,
            str(SEEDS[0]),
            str(tmp_path / f"{name}.json"),
            "json",
            timeout=0.5 if name == "stuck.txt" else 30,
        )
        for name in ("a.txt", "stuck.txt", "b.txt", "c.txt")
    ]
    started = time.monotonic()
    results = list(batch.run_local(jobs, jobs=2, worker=stuck_beyond_signals))
    assert time.monotonic() - started < 20
    assert [(r.file, r.ok) for r in results] == [
        ("a.txt", True),
        ("stuck.txt", False),
        ("b.txt", True),
        ("c.txt", True),
    ]
    assert results[1].error == "FileTimeout: gave up after 0.5 s (see --timeout)"


def crashing(job: Job):
    if job.file.endswith("crash.txt"):
        os._exit(3)
    return run_job(job)


@pytest.mark.slow
def test_a_worker_that_dies_fails_only_its_file(tmp_path) -> None:
    jobs = [
        Job(n, str(SEEDS[0]), str(tmp_path / f"{n}.json"), "json") for n in ("a.txt", "crash.txt", "b.txt")
    ]
    results = list(batch.run_local(jobs, jobs=2, worker=crashing))
    assert [(r.file, r.ok) for r in results] == [("a.txt", True), ("crash.txt", False), ("b.txt", True)]
    assert results[1].error == "WorkerCrash: the worker process died while converting this file"


def test_a_stream_removes_only_its_own_temporaries(tmp_path) -> None:
    mine, other = tmp_path / ".all.jsonl.4242.tmp", tmp_path / ".other.jsonl.77.tmp"
    mine.write_text("{")
    other.write_text("{")
    run_batch(BatchConfig(inputs=(str(SEEDS[0]),), output=str(tmp_path / "all.jsonl"), fmt="jsonl"))
    assert (mine.exists(), other.exists()) == (False, True)
    assert not (tmp_path / ".all.jsonl.lock").exists()


def hungry(job: Job):
    """Asks for 4 GiB, more than a worker may have for inputs of ``job.max_bytes``."""
    from nq57parse.batch import Result, one_line_error

    try:
        block = bytearray(4 << 30)
    except MemoryError as exc:
        return Result(job.file, False, one_line_error(exc))
    return Result(job.file, True, bytes=len(block))


@pytest.mark.slow
def test_a_worker_has_a_bounded_address_space(tmp_path) -> None:
    jobs = [Job("big.txt", str(SEEDS[0]), str(tmp_path / "big.json"), "json", max_bytes=1 << 20)] * 2
    results = list(batch.run_local(jobs, jobs=2, worker=hungry))
    assert [(r.ok, r.error) for r in results] == [(False, "MemoryError: MemoryError()")] * 2
    assert batch.memory_limit(50 * 1024 * 1024) == (1 << 30) + 40 * 50 * 1024 * 1024
