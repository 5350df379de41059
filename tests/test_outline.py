"""Outline depth: markers in, depths out (one line per case, after eregs)."""

from __future__ import annotations

import pytest

from nq57parse.outline import depths, marker_type


@pytest.mark.parametrize(
    ("markers", "expected"),
    [
        (["I", "1", "2", "II", "1"], [0, 1, 1, 0, 1]),
        (["I", "1", "a", "b", "2", "a"], [0, 1, 2, 2, 1, 2]),
        (["1", "1.1", "1.2", "2", "2.1"], [0, 1, 1, 0, 1]),
        (["I", "-", "-", "II", "1", "-", "+", "+", "-"], [0, 1, 1, 0, 1, 2, 3, 3, 2]),
        (["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"], [0] * 10),
        (["I", "1", "1.1", "-", "1.2", "2"], [0, 1, 2, 3, 2, 1]),
        (["-", "a", "-"], [0, 1, 0]),
    ],
)
def test_nests_markers_by_their_family(markers: list[str], expected: list[int]) -> None:
    assert depths(markers) == expected


@pytest.mark.parametrize(
    ("label", "family"),
    [
        ("I", "roman"),
        ("IV", "roman"),
        ("1", "num1"),
        ("1.1", "num2"),
        ("27.12", "num2"),
        ("i", "point"),
        ("đ", "point"),
        ("-", "dash"),
        ("+", "plus"),
        ("", "para"),
    ],
)
def test_tells_the_family_of_a_marker(label: str, family: str) -> None:
    assert marker_type(label) == family
