"""The speed work changed no output: this checkout writes the same JSON and YAML as a baseline
revision on the samples, the real corpus (when present) and 1,000 generated documents.

The baseline is ``NQ57_SAME_AS`` (a git revision) or ``BASELINE`` below: main after session 6's
real-copies rules (wrapped structure words, headings and enacting sentences changed six corpus
outputs, for the better, and one generated document, whose shuffled lines put a line in capitals after
a section heading);
the speed and memory work of that session is compared with it (earlier speed work started from
39fbacd and 47bac0f and was compared with them the same way). It is checked out into a temporary worktree and run in its own process
(``tests/same_output.py``); each document's output is compared by its SHA-256. When a later change
is meant to change outputs, move ``BASELINE`` to a revision that already has that change.
Skipped when git or the baseline revision is not available (an exported tarball).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from same_output import digests

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "527ee79"


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)


@pytest.mark.slow
def test_outputs_are_the_same_as_before_the_speed_work(tmp_path: Path) -> None:
    revision = os.environ.get("NQ57_SAME_AS", BASELINE)
    if shutil.which("git") is None or _git("rev-parse", "--verify", f"{revision}^{{commit}}").returncode:
        pytest.skip(f"git revision {revision} not available")
    tree = tmp_path / "baseline"
    assert _git("worktree", "add", "--detach", str(tree), revision).returncode == 0
    try:
        # the grammar ships beside the package in an installed copy: put it there
        shutil.copytree(tree / "grammars", tree / "src" / "nq57parse" / "grammars", dirs_exist_ok=True)
        before = digests(tree / "src", tmp_path)
        after = digests(None, tmp_path)  # the package under test
    finally:
        _git("worktree", "remove", "--force", str(tree))
    assert len(before) >= 2 * 1000  # JSON and YAML of every document, the generated ones at least
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not changed, f"{len(changed)} outputs differ from {revision}: {changed[:20]}"
