"""`nq57parse batch`: walking, per-file outputs, errors, JSONL stream, resume, usage errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import NQ57PARSE
from typer.testing import CliRunner

from nq57parse import batch
from nq57parse.batch import BatchConfig, BatchUsageError, Job, Result, run_batch, run_job
from nq57parse.cli import app
from nq57parse.pipeline import parse_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "samples").glob("*.txt"))
BINARY = bytes(range(256)) * 4


def make_corpus(folder: Path, copies: int) -> list[str]:
    """``copies`` copies of the samples in four sub-folders, plus ``binary.txt`` and ``empty.txt``."""
    for i in range(copies):
        seed = SEEDS[i % len(SEEDS)]
        sub = folder / f"part{i % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(seed, sub / f"{i:03d}-{seed.name}")
    (folder / "binary.txt").write_bytes(BINARY)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.txt"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder, 400)
    return folder


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [NQ57PARSE, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


# --------------------------------------------------------------------------- what the issue must show


@pytest.mark.slow
def test_converts_400_copies_and_lists_the_binary_and_the_empty_file_in_errors(corpus, tmp_path):
    out = tmp_path / "out"
    proc = run_cli("batch", str(corpus), "-o", str(out), "--jobs", "2")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    outputs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert len(outputs) == 400
    assert outputs[0] == "part0/000-chi-thi.json"
    errors = [json.loads(line) for line in (out / "_errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert errors == [
        {
            "file": f"{corpus}/binary.txt",
            "error": f"InputError: {corpus}/binary.txt: looks like binary data, not text (contains NUL bytes)",
        },
        {
            "file": f"{corpus}/empty.txt",
            "error": f"InputError: {corpus}/empty.txt: is empty (no text to parse)",
        },
    ]
    # the summary table on stderr, not stdout
    assert "402" in proc.stderr and "failed" in proc.stderr


@pytest.mark.slow
def test_a_second_run_with_resume_parses_nothing_and_takes_under_a_fifth_of_the_first(corpus, tmp_path):
    config = BatchConfig(inputs=(str(corpus),), output=str(tmp_path / "out"), jobs=2)
    started = time.perf_counter()
    first = run_batch(config)
    first_seconds = time.perf_counter() - started
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*.json")}

    started = time.perf_counter()
    second = run_batch(BatchConfig(**{**config.__dict__, "resume": True}))
    second_seconds = time.perf_counter() - started

    assert (first.files, first.ok, first.failed, first.skipped) == (402, 400, 2, 0)
    assert (second.files, second.ok, second.failed, second.skipped) == (402, 400, 2, 400)
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*.json")} == stamps
    assert second_seconds < first_seconds / 5, (first_seconds, second_seconds)


@pytest.mark.slow
def test_jsonl_gives_402_lines_in_input_order_400_of_them_ok(corpus, tmp_path):
    target = tmp_path / "all.jsonl"
    proc = run_cli("batch", str(corpus), "-o", str(target), "--format", "jsonl", "--jobs", "2")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 402
    assert sum(r["ok"] for r in records) == 400
    expected = [str(corpus / rel) for rel in sorted(_walk_rel(corpus))]
    assert [r["file"] for r in records] == expected
    first = records[expected.index(f"{corpus}/part0/000-chi-thi.txt")]
    assert list(first) == ["file", "ok", "document"]
    assert first["document"]["source"]["path"] == f"{corpus}/part0/000-chi-thi.txt"
    failed = [r for r in records if not r["ok"]]
    assert [list(r) for r in failed] == [["file", "ok", "error"]] * 2
    assert failed[1]["error"].endswith("is empty (no text to parse)")


def _walk_rel(folder: Path) -> list[str]:
    """Input order: names sorted within each folder, depth first."""
    found = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.is_dir():
            found += [f"{entry.name}/{rel}" for rel in _walk_rel(Path(entry.path))]
        else:
            found.append(entry.name)
    return found


# --------------------------------------------------------------------------- outputs


@pytest.mark.slow
def test_each_output_is_byte_identical_to_extract_of_the_same_file(tmp_path):
    seed = ROOT / "samples" / "quyet-dinh-2121-QD-BYT.txt"
    for fmt in ("json", "yaml"):
        out = tmp_path / fmt
        code = run_batch(BatchConfig(inputs=(str(seed),), output=str(out), fmt=fmt)).failed
        extract = run_cli("extract", str(seed), "--format", fmt)
        assert code == 0
        assert (out / f"quyet-dinh-2121-QD-BYT.{fmt}").read_text(encoding="utf-8") == extract.stdout


@pytest.mark.slow
def test_one_and_two_jobs_write_the_same_bytes(tmp_path):
    folder = tmp_path / "in"
    make_corpus(folder, 30)
    for jobs in (1, 2):
        run_batch(BatchConfig(inputs=(str(folder),), output=str(tmp_path / f"j{jobs}"), jobs=jobs))
    one = {p.relative_to(tmp_path / "j1"): p.read_bytes() for p in (tmp_path / "j1").rglob("*.json*")}
    two = {p.relative_to(tmp_path / "j2"): p.read_bytes() for p in (tmp_path / "j2").rglob("*.json*")}
    assert len(one) == 31
    assert one == two


def test_mirrors_the_input_tree_and_replaces_the_suffix(tmp_path):
    (tmp_path / "in" / "a").mkdir(parents=True)
    shutil.copyfile(SEEDS[0], tmp_path / "in" / "a" / "b.txt")
    shutil.copyfile(SEEDS[1], tmp_path / "in" / "c.md")
    run_batch(BatchConfig(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out"), fmt="yaml"))
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")) == [
        "_errors.jsonl",
        "a",
        "a/b.yaml",
        "c.yaml",
    ]
    assert (tmp_path / "out" / "_errors.jsonl").read_text() == ""


def test_output_path_replaces_the_suffix_under_the_output_folder():
    assert batch.output_path("OUT", "a/b.txt", "json") == "OUT/a/b.json"
    assert batch.output_path("OUT", "x.tar.md", "yaml") == "OUT/x.tar.yaml"


def test_two_inputs_with_the_same_output_fail_the_second_one(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copyfile(SEEDS[0], tmp_path / "in" / "x.md")
    shutil.copyfile(SEEDS[1], tmp_path / "in" / "x.txt")
    summary = run_batch(BatchConfig(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out")))
    assert (summary.ok, summary.failed) == (1, 1)
    error = json.loads((tmp_path / "out" / "_errors.jsonl").read_text())
    assert error["file"] == f"{tmp_path}/in/x.txt"
    assert error["error"].startswith("OutputCollision: ")
    assert json.loads((tmp_path / "out" / "x.json").read_text())["source"]["path"] == f"{tmp_path}/in/x.md"


# --------------------------------------------------------------------------- walking


def test_walks_folders_recursively_for_the_document_suffixes_in_sorted_order(tmp_path):
    for name in (
        "b/z.txt",
        "b/a.htm",
        "a.docx",
        "c.html",
        "d.md",
        "f.pdf",
        "skip.xlsx",
        ".hidden/x.txt",
        "e.TXT",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [(i.rel, i.path) for i in batch.walk_inputs([str(tmp_path)])]
    assert [rel for rel, _ in found] == ["a.docx", "b/a.htm", "b/z.txt", "c.html", "d.md", "e.TXT", "f.pdf"]
    assert found[1][1] == str(tmp_path / "b" / "a.htm")


def test_a_file_named_directly_is_taken_whatever_its_suffix_and_lands_at_its_name(tmp_path):
    (tmp_path / "notes.pdf").write_text("x")
    assert list(batch.walk_inputs([str(tmp_path / "notes.pdf")])) == [
        batch.Input(path=str(tmp_path / "notes.pdf"), rel="notes.pdf")
    ]


def test_the_output_folder_inside_the_input_folder_is_not_walked(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.txt").write_text("x")
    (tmp_path / "doc.txt").write_text("x")
    rels = [i.rel for i in batch.walk_inputs([str(tmp_path)], exclude=str(tmp_path / "out"))]
    assert rels == ["doc.txt"]


def test_count_inputs_gives_the_number_and_the_bytes(tmp_path):
    (tmp_path / "a.txt").write_text("abc")
    (tmp_path / "b.md").write_text("de")
    assert batch.count_inputs([str(tmp_path)]) == (2, 5)


# --------------------------------------------------------------------------- the per-file job


def test_the_job_turns_an_unexpected_exception_into_a_one_line_error(tmp_path, monkeypatch):
    import nq57parse.pipeline

    def explode(*args, **kwargs):
        raise RuntimeError("boom\non two lines")

    monkeypatch.setattr(nq57parse.pipeline, "parse_file", explode)
    result = run_job(Job("f.txt", str(SEEDS[0]), str(tmp_path / "f.json"), "json"))
    assert (result.ok, result.error) == (False, "RuntimeError: boom on two lines")
    assert result.bytes == SEEDS[0].stat().st_size


def test_a_failed_input_removes_the_output_of_its_older_version(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "doc.txt").write_bytes(SEEDS[0].read_bytes())
    config = BatchConfig(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out"), resume=True)
    run_batch(config)
    assert (tmp_path / "out" / "doc.json").exists()
    time.sleep(0.01)
    (tmp_path / "in" / "doc.txt").write_bytes(BINARY)
    assert run_batch(config).failed == 1
    assert not (tmp_path / "out" / "doc.json").exists()


def test_jsonl_lines_escape_the_unicode_line_separators():
    line = batch.jsonl_line({"text": "a\u2028b\u2029c\x85d"})
    assert line == '{"text":"a\\u2028b\\u2029c\\u0085d"}\n'
    assert len(line.splitlines()) == 1
    assert json.loads(line) == {"text": "a\u2028b\u2029c\x85d"}


def test_one_line_error_names_the_exception_type():
    assert batch.one_line_error(ValueError("bad\n  value")) == "ValueError: bad value"
    assert batch.one_line_error(KeyError()) == "KeyError: KeyError()"


# --------------------------------------------------------------------------- resume


def test_resume_converts_again_an_input_changed_after_its_output(tmp_path):
    folder = tmp_path / "in"
    make_corpus(folder, 3)
    config = BatchConfig(inputs=(str(folder),), output=str(tmp_path / "out"), resume=True)
    run_batch(config)
    changed = folder / "part1" / "001-cong-van-vv.txt"
    os.utime(changed, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    summary = run_batch(config)
    assert (summary.files, summary.skipped, summary.failed) == (5, 2, 2)


def test_resume_of_a_jsonl_stream_reuses_ok_lines_and_redoes_the_rest(tmp_path):
    folder = tmp_path / "in"
    make_corpus(folder, 6)
    target = tmp_path / "all.jsonl"
    config = BatchConfig(inputs=(str(folder),), output=str(target), fmt="jsonl", resume=True)
    first = run_batch(config)
    before = target.read_text(encoding="utf-8")
    second = run_batch(config)
    assert (first.skipped, second.skipped, second.failed) == (0, 6, 2)
    assert target.read_text(encoding="utf-8") == before


def test_resume_of_an_interrupted_jsonl_stream_redoes_the_cut_line(tmp_path):
    folder = tmp_path / "in"
    make_corpus(folder, 6)
    target = tmp_path / "all.jsonl"
    config = BatchConfig(inputs=(str(folder),), output=str(target), fmt="jsonl", resume=True)
    run_batch(config)
    whole = target.read_text(encoding="utf-8")
    lines = whole.splitlines(keepends=True)
    # binary, empty (both failed), then three ok records, and the sixth line cut in the middle
    target.write_text("".join(lines[:5]) + lines[5][:50], encoding="utf-8")
    summary = run_batch(config)
    assert summary.skipped == 3
    assert target.read_text(encoding="utf-8") == whole


# --------------------------------------------------------------------------- usage errors (exit 2)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["samples/chi-thi.txt"],
            "nq57parse: -o is required: a folder (json, yaml) or a .jsonl file (jsonl)\n",
        ),
        (
            ["samples", "-o", "OUT", "--format", "xml"],
            "nq57parse: --format must be one of json, yaml, jsonl, akn (got 'xml')\n",
        ),
        (["no-such-folder", "-o", "OUT"], "nq57parse: no-such-folder: no such file or folder\n"),
        (
            ["samples", "-o", "-", "--format", "json"],
            "nq57parse: -o - (standard output) needs --format jsonl, not json\n",
        ),
        (
            ["samples", "-o", "samples", "--format", "jsonl"],
            "nq57parse: samples: is a folder; --format jsonl writes one file\n",
        ),
        (
            ["samples", "-o", "pyproject.toml"],
            "nq57parse: pyproject.toml: is a file; --format json writes a folder\n",
        ),
        (
            ["samples", "-o", "-", "--resume"],
            "nq57parse: --resume needs an output file, not standard output\n",
        ),
        (["samples", "-o", "OUT", "--jobs", "0"], "nq57parse: --jobs must be at least 1 (got 0)\n"),
        (
            ["samples", "-o", "OUT", "--engine", "spark"],
            "nq57parse: --engine must be local or dask (got 'spark')\n",
        ),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, message, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["batch", *args])
    assert result.exit_code == 2
    assert result.stderr == message
    assert not (ROOT / "OUT").exists()


def test_a_folder_with_no_convertible_file_is_a_usage_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "scan.png").write_bytes(b"\x89PNG")
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (
        "nq57parse: no input files found (looked for .txt .md .html .htm .docx .doc .pdf); passed over 1 "
        f"file(s), the first {tmp_path / 'in' / 'scan.png'}: an image: add --ocr to read scans by OCR\n"
    )
    with pytest.raises(BatchUsageError):
        run_batch(BatchConfig(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out")))


@pytest.mark.slow
def test_jsonl_to_standard_output_carries_no_progress_or_summary(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    proc = run_cli("batch", "samples/chi-thi.txt", "samples/cong-van-vv.txt", "-o", "-")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert [json.loads(line)["file"] for line in lines] == ["samples/chi-thi.txt", "samples/cong-van-vv.txt"]
    assert "files/s" in proc.stderr


@pytest.mark.slow
def test_quiet_prints_nothing_on_stderr(tmp_path):
    proc = run_cli("batch", str(SEEDS[0]), "-o", str(tmp_path / "out"), "--quiet")
    assert (proc.returncode, proc.stderr) == (0, "")


@pytest.mark.slow
def test_local_engine_yields_ready_results_in_place(tmp_path):
    ready = Result("skipped.txt", True, skipped=True)
    job = Job("a.txt", str(SEEDS[0]), str(tmp_path / "a.json"), "json")
    results = list(batch.run_local([ready, job, ready], jobs=2))
    assert [r.file for r in results] == ["skipped.txt", "a.txt", "skipped.txt"]
    assert results[1].ok
    assert results[1].citations == len(parse_file(str(SEEDS[0])).citations)


def test_a_file_that_takes_too_long_fails_alone_with_a_timeout(tmp_path, monkeypatch):
    import nq57parse.pipeline

    def stuck(path, **kwargs):
        if path.endswith("slow.txt"):
            time.sleep(30)
        return real(path, **kwargs)

    real = nq57parse.pipeline.parse_file
    monkeypatch.setattr(nq57parse.pipeline, "parse_file", stuck)
    (tmp_path / "in").mkdir()
    shutil.copyfile(SEEDS[0], tmp_path / "in" / "fast.txt")
    shutil.copyfile(SEEDS[0], tmp_path / "in" / "slow.txt")
    started = time.perf_counter()
    summary = run_batch(
        BatchConfig(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out"), timeout=0.3)
    )
    assert time.perf_counter() - started < 5
    assert (summary.ok, summary.failed) == (1, 1)
    error = json.loads((tmp_path / "out" / "_errors.jsonl").read_text())
    assert error["error"] == "FileTimeout: gave up after 0.3 s (see --timeout)"
