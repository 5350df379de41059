"""The memory a command allows itself (issue #17): an input that needs more ends in one line and exit 2."""

from __future__ import annotations

import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import NQ57PARSE
from typer.testing import CliRunner

from nq57parse import limits
from nq57parse.cli import app
from nq57parse.read import DEFAULT_MAX_BYTES


def test_the_limit_is_a_gib_plus_forty_bytes_per_input_byte() -> None:
    assert limits.memory_limit(0) == 1 << 30
    assert limits.memory_limit(DEFAULT_MAX_BYTES) == (1 << 30) + 40 * DEFAULT_MAX_BYTES
    assert limits.memory_limit(-5) == 1 << 30


def _in_child(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter (a limit set there does not reach this process)."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.strip()


def test_capping_lowers_the_soft_limit_and_never_raises_it() -> None:
    out = _in_child(
        """
        import resource
        from nq57parse.limits import cap_address_space
        first = cap_address_space(3 << 30)
        second = cap_address_space(4 << 30)   # higher: left as it is
        third = cap_address_space(2 << 30)    # lower: taken
        print(first, second, third, resource.getrlimit(resource.RLIMIT_AS)[0])
        """
    )
    assert out.split() == [str(3 << 30), str(3 << 30), str(2 << 30), str(2 << 30)]


def test_a_command_limits_only_a_process_the_console_script_owns() -> None:
    out = _in_child(
        """
        import resource
        from nq57parse import limits
        before = resource.getrlimit(resource.RLIMIT_AS)[0]
        limits.limit_this_command(1000)
        untouched = resource.getrlimit(resource.RLIMIT_AS)[0] == before
        limits.own_process = True
        limits.limit_this_command(1000)
        print(untouched, limits.applied == limits.ours == (1 << 30) + 40000)
        """
    )
    assert out == "True True"


@pytest.mark.parametrize(("jobs", "limited"), [("1", True), ("2", False)])
def test_a_batch_converting_in_its_own_process_limits_it(tmp_path: Path, jobs: str, limited: bool) -> None:
    # with one job the files are parsed in the command's process; with more, each worker limits itself
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "d.txt").write_text("Điều 1. Nội dung.\n", encoding="utf-8")
    out = _in_child(
        f"""
        from nq57parse import limits
        from nq57parse.read import DEFAULT_MAX_BYTES
        limits.own_process = True
        from nq57parse.commands.app import app
        try:
            app(["batch", {str(tmp_path / "in")!r}, "-o", {str(tmp_path / "out")!r}, "--jobs", "{jobs}", "-q"])
        except SystemExit:
            pass
        print(limits.applied == limits.memory_limit(DEFAULT_MAX_BYTES) if limits.applied else None)
        """
    )
    assert out == ("True" if limited else "None")
    assert (tmp_path / "out" / "d.json").is_file()


def test_the_app_driven_in_this_process_leaves_its_limits_alone(tmp_path: Path) -> None:
    doc = tmp_path / "d.txt"
    doc.write_text("Điều 1. Nội dung.\n", encoding="utf-8")
    before = resource.getrlimit(resource.RLIMIT_AS)
    result = CliRunner().invoke(app, ["extract", str(doc)], prog_name="nq57parse")
    assert result.exit_code == 0
    assert resource.getrlimit(resource.RLIMIT_AS) == before


@pytest.mark.parametrize(
    ("limit", "own", "says"),
    [
        (3 << 30, 3 << 30, "more than the 3.0 GiB this command allows itself (1 GiB + 40 × --max-bytes)"),
        (300 << 20, 3 << 30, "more than the 0.3 GiB this process may use"),
        (None, None, "more memory than this process may use"),
    ],
)
def test_the_out_of_memory_line_names_the_limit_and_whose_it_is(limit, own, says) -> None:
    line = limits.out_of_memory(limit, own)
    assert line.startswith("out of memory: this input needs ")
    assert says in line
    assert "\n" not in line


def test_the_line_names_the_input_printably() -> None:
    assert limits.out_of_memory_in("a\x1bb.txt").startswith("a\\x1bb.txt: out of memory: ")
    assert limits.out_of_memory_in("-").startswith("<stdin>: out of memory: ")


def _under_limit(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))


@pytest.mark.slow
def test_an_input_that_needs_more_memory_than_allowed_ends_in_one_line_and_exit_2(tmp_path: Path) -> None:
    # a million lines of ``1.``: each a section, hundreds of times the input's size in memory
    doc = tmp_path / "lines.txt"
    doc.write_bytes(b"1.\n" * 1_000_000)
    done = subprocess.run(
        [NQ57PARSE, "extract", str(doc)],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: _under_limit(300 << 20),
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert (
        done.stderr
        == f"nq57parse: {doc}: out of memory: this input needs more than the 0.3 GiB this process may use\n"
    )
