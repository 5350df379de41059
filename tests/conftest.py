"""Shared fixtures: paths to the samples, the seed documents and the real corpus.

The test suite is self-contained: everything the default run reads is inside the repository.
The two official seed documents are in `samples/` (`quyet-dinh-2121-QD-BYT.txt`,
`ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt`); the news seeds are not ours to copy, so
`tests/data/news/` holds news texts written for the tests with the same citation shapes (a
short form, a list of serials, a plan cited with the wrong type and date, a Norwegian
translation). Only the real corpus lives outside (`../shared/corpus/`); tests over it ask for
`corpus_dir`, which skips with the reason when it is absent.

Property tests try a tenth of their examples in the default run (the ``quick`` hypothesis profile;
a test that names its number asks ``examples(n)``); ``.ci/run`` loads the ``ci`` profile
(``HYPOTHESIS_PROFILE=ci`` or ``pytest --hypothesis-profile=ci``), which tries them all.
"""

from __future__ import annotations

import os
import shutil
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

# Every node ``models.make`` builds is also built by validation and the two compared (here and in the
# processes the tests start), so that each test's parse checks the library's unvalidated path.
os.environ["NQ57PARSE_CHECK_NODES"] = "1"

from nq57parse.models import Document  # after the switch above: it is read on import
from nq57parse.pipeline import parse_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
NEWS = Path(__file__).resolve().parent / "data" / "news"
CORPUS = ROOT.parent / "shared" / "corpus"

# Hypothesis profiles. `quick` is the default run's: each property test tries a tenth of its
# examples. `ci` tries them all (hypothesis's 100, or the `n` of `examples(n)`); `.ci/run` sets
# HYPOTHESIS_PROFILE=ci (`pytest --hypothesis-profile=ci` does the same: the plugin loads it after
# this file, before the test modules are imported).
settings.register_profile("quick", max_examples=10)
settings.register_profile("ci", max_examples=100, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


# The safe YAML loader in C (libyaml) when PyYAML has it: ten times quicker on a whole document's output,
# the same data as yaml.safe_load.
FAST_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def examples(n: int) -> int:
    """A property test's ``max_examples``: ``n`` under the ``ci`` profile, a tenth of it (at least 5)
    in the default run. Read when the test module is imported, after the profile is loaded."""
    return max(5, n * settings.default.max_examples // 100)


# The console script of the Python running the tests: the README runs `.venv/bin/python -m pytest`
# without activating the environment, so `nq57parse` need not be on PATH.
_SCRIPT = Path(sys.executable).with_name("nq57parse")
NQ57PARSE = str(_SCRIPT) if _SCRIPT.is_file() else shutil.which("nq57parse") or "nq57parse"

# The five seeds of the project as files in the repository: the two official texts and three
# news texts of our own standing in for the news seeds.
SEED_FILES = (
    SAMPLES / "quyet-dinh-2121-QD-BYT.txt",
    SAMPLES / "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt",
    NEWS / "tin-tuc-ke-hoach-sai-ngay.txt",
    NEWS / "nyheter-resolusjoner.txt",
    NEWS / "tin-tuc-danh-sach-nghi-quyet.txt",
)


# The project's seed files by their names in ../shared/seeds: the two official texts are read from
# samples/; the three news seeds (not ours to copy) only when ../shared is beside the clone.
_OFFICIAL_SEEDS = {
    "003_9ee2f3347a3d47ab.txt": SAMPLES / "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt",
    "004_bd353b12c519b883.txt": SAMPLES / "quyet-dinh-2121-QD-BYT.txt",
}
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def seed_path(name: str) -> Path:
    """A seed by its shared name; a news seed skips the test when ../shared/seeds is absent."""
    if name in _OFFICIAL_SEEDS:
        return _OFFICIAL_SEEDS[name]
    path = SHARED_SEEDS / name
    if not path.is_file():
        pytest.skip(f"news seed {name} is not in the repository (news texts are not ours to copy)")
    return path


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def seeds_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the five seed files, as `graph` and `batch` take a folder."""
    folder = tmp_path_factory.mktemp("seeds")
    for path in SEED_FILES:
        shutil.copyfile(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The real corpus beside the repository; the test is skipped when it is not there."""
    if not (CORPUS / "expected.json").is_file():
        pytest.skip(f"real corpus not found at {CORPUS} (a clone alone has none; CI has it)")
    return CORPUS


@cache
def parsed(path: Path) -> Document:
    """``parse_file`` of a sample, seed or corpus file, once per test session: the tests that share it
    only read the document."""
    return parse_file(str(path))


def sample(name: str) -> Path:
    """Path of a file in samples/."""
    return SAMPLES / name
