"""Whole-output golden files: every sample's complete `extract` JSON is in tests/golden/.

A change anywhere shows everything it changes. When a change is meant to change the output, run
`python scripts/update_golden.py` (it rewrites the files and prints the diff) and commit them with it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import ROOT

_spec = importlib.util.spec_from_file_location("update_golden", ROOT / "scripts" / "update_golden.py")
assert _spec is not None and _spec.loader is not None
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

DOCUMENTS = list(golden.documents())
HINT = "the output changed: if that is meant, run `python scripts/update_golden.py` and commit tests/golden/"


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_the_output_is_the_golden_file(document: Path) -> None:
    target = golden.golden_path(document)
    assert target.exists(), f"{target.relative_to(ROOT)} is missing: run `python scripts/update_golden.py`"
    expected = target.read_text(encoding="utf-8")
    got = golden.render(document)
    if got != expected:
        shown = "\n".join(golden.diff(expected, got, target.name)[:40])
        pytest.fail(f"{document}: {HINT}\n{shown}", pytrace=False)


def test_every_golden_file_has_its_document() -> None:
    names = {golden.golden_path(d).name for d in DOCUMENTS}
    assert len(names) == len(DOCUMENTS), "two documents would share a golden file"
    assert {p.name for p in (ROOT / "tests" / "golden").glob("*.json")} <= names
