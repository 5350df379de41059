"""docs/SPEC.md, the product contract, stays in step with the code: every key and command is on it."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from nq57parse.cli import COMMANDS
from nq57parse.models import Document

SPEC = (ROOT / "docs" / "SPEC.md").read_text(encoding="utf-8")
DOCUMENT_PART = SPEC[SPEC.index("## The document") : SPEC.index("### Appendix tables")]
# The first column of the document table: | `key` | or | `key`, `key` |
SPEC_KEYS = {
    key
    for row in re.findall(r"^\| (`[a-z_]+`(?:, `[a-z_]+`)*) \|", DOCUMENT_PART, re.M)
    for key in re.findall(r"`(\w+)`", row)
}


@pytest.mark.parametrize("key", list(Document.model_fields))
def test_every_key_of_the_document_is_described(key: str) -> None:
    assert key in SPEC_KEYS, f"docs/SPEC.md does not describe the document key {key!r}"


def test_the_spec_describes_no_key_the_document_lacks() -> None:
    assert set(Document.model_fields) >= SPEC_KEYS


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_is_in_the_spec(name: str) -> None:
    assert re.search(rf"^\| `{name}\b", SPEC, re.M), f"docs/SPEC.md does not list the command {name!r}"


def test_the_readme_links_the_spec_in_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/SPEC.md)" in readme
    assert "../shared" not in readme.replace("../shared/corpus", "")


def test_ci_runs_exactly_the_readmes_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up (two commands)", 1)[1].split("\n## ", 1)[0]
    install, tests = re.findall(r"```sh\n(.+?)\n```", setup)
    assert install.startswith("python3 -m venv .venv && ") and tests.startswith("python3 -m venv .venv && ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in ci
    assert ".venv/bin/python -m pytest -m slow -n 0" in ci
    # every property test with all its examples (the default run tries a tenth: tests/conftest.py)
    assert ci.index("export HYPOTHESIS_PROFILE=ci") < ci.index(tests)
    assert ".venv/bin/mypy" in ci
