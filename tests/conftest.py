"""Shared fixtures: paths to the samples and the seed documents."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


def sample(name: str) -> Path:
    """Path of a file in samples/."""
    return SAMPLES / name
