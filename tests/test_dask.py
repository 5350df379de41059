"""`batch --engine dask`: the same outputs as the local engine, on a local cluster of worker processes.

Everything here talks to 127.0.0.1 only.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import NQ57PARSE

pytest.importorskip("distributed")

from nq57parse.batch import BatchConfig, run_batch

pytestmark = pytest.mark.slow  # a Dask cluster per test: seconds each

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "samples").glob("*.txt"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The samples twice over in two folders, plus a binary and an empty file: 2 × samples + 2 inputs."""
    folder = tmp_path_factory.mktemp("dask-corpus")
    for copy in ("a", "b"):
        (folder / copy).mkdir()
        for seed in SEEDS:
            shutil.copyfile(seed, folder / copy / seed.name)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def scheduler():
    """A loopback cluster of two worker processes; its address is what --scheduler takes."""
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    )
    yield cluster.scheduler_address
    cluster.close()


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_the_dask_engine_writes_the_same_files_as_the_local_engine(corpus, scheduler, tmp_path, fmt):
    base: dict[str, Any] = {"inputs": (str(corpus),), "fmt": fmt, "jobs": 2}
    local = run_batch(BatchConfig(output=str(tmp_path / "local"), **base))
    dask = run_batch(BatchConfig(output=str(tmp_path / "dask"), engine="dask", scheduler=scheduler, **base))
    assert (dask.files, dask.ok, dask.failed, dask.citations) == (
        local.files,
        local.ok,
        local.failed,
        local.citations,
    )
    assert len(SEEDS) == 22  # the corpus below has 2 × 22 + 2 files
    assert (dask.files, dask.failed) == (46, 2)
    produced = tree(tmp_path / "dask")
    assert len(produced) == 45  # 44 outputs and _errors.jsonl
    assert produced == tree(tmp_path / "local")


def test_the_dask_engine_writes_the_same_jsonl_stream_as_the_local_engine(corpus, scheduler, tmp_path):
    base: dict[str, Any] = {"inputs": (str(corpus),), "fmt": "jsonl", "jobs": 2}
    run_batch(BatchConfig(output=str(tmp_path / "local.jsonl"), **base))
    run_batch(BatchConfig(output=str(tmp_path / "dask.jsonl"), engine="dask", scheduler=scheduler, **base))
    dask = (tmp_path / "dask.jsonl").read_bytes()
    assert dask == (tmp_path / "local.jsonl").read_bytes()
    assert [json.loads(line)["ok"] for line in dask.splitlines()].count(True) == 44


def test_the_dask_engine_skips_up_to_date_outputs_on_resume(corpus, scheduler, tmp_path):
    config = BatchConfig(
        inputs=(str(corpus),), output=str(tmp_path / "out"), engine="dask", scheduler=scheduler, resume=True
    )
    run_batch(config)
    again = run_batch(config)
    assert (again.files, again.skipped, again.failed) == (46, 44, 2)


def test_the_command_starts_its_own_local_cluster_without_a_scheduler(corpus, tmp_path):
    proc = subprocess.run(
        [NQ57PARSE, "batch", str(corpus / "a"), "-o", str(tmp_path / "out"), "--engine", "dask", "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (proc.returncode, proc.stderr) == (0, "")
    assert len(list((tmp_path / "out").glob("*.json"))) == len(SEEDS)


def test_an_unreachable_scheduler_is_one_line_and_exit_2(corpus, tmp_path):
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    proc = subprocess.run(
        [
            NQ57PARSE,
            "batch",
            str(corpus / "a"),
            "-o",
            str(tmp_path / "out"),
            "--engine",
            "dask",
            "--scheduler",
            "tcp://127.0.0.1:1",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("nq57parse: tcp://127.0.0.1:1: cannot reach the Dask scheduler (")
    assert len(proc.stderr.splitlines()) == 1
