"""Lossless rule and line numbers, as properties over documents made from seed lines.

Every non-blank line of the normalised input is owned by exactly one node (or by ``unparsed``), and
every node's ``line`` points at a line that holds the start of that node's text.
"""

from __future__ import annotations

from collections.abc import Iterator

from conftest import SAMPLES, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from nq57parse.cleanview import line_pieces
from nq57parse.coverage import unowned_or_twice
from nq57parse.models import Document
from nq57parse.normalise import normalise
from nq57parse.pipeline import parse_text

SEED_LINES = [
    line
    for name in ("quyet-dinh-2121-QD-BYT.txt", "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt")
    for line in (SAMPLES / name).read_text(encoding="utf-8").splitlines()
]

lines = st.one_of(
    st.sampled_from(SEED_LINES),
    st.text(
        alphabet=st.characters(
            blacklist_categories=["Cs"], blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
        ),
        max_size=60,
    ),
    st.sampled_from(
        [
            "",
            "  ",
            "Điều 7.",
            "1.",
            "a)",
            "- x",
            "PHỤ LỤC",
            "Nơi nhận:",
            "[3] ghi chú",
            "QUYẾT ĐỊNH:",
            "Chương II",
        ]
    ),
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Seed passages, shuffled, duplicated, dropped, with random lines inserted."""
    start = draw(st.integers(0, len(SEED_LINES) - 1))
    length = draw(st.integers(0, 80))
    passage = SEED_LINES[start : start + length]
    extra = draw(st.lists(lines, max_size=20))
    mixed = passage + extra
    order = draw(st.permutations(range(len(mixed)))) if draw(st.booleans()) else range(len(mixed))
    return "\n".join(mixed[i] for i in order)


def assert_lossless(doc: Document, text: str) -> None:
    norm = normalise(text)
    unowned, twice = unowned_or_twice(doc, norm)
    assert not unowned, [norm.text[a:b] for a, b in unowned[:3]]
    assert not twice, [norm.text[a:b] for a, b in twice[:3]]
    assert not [d for d in doc.diagnostics if d.code == "NQ000"]


def nodes(obj: object) -> Iterator[BaseModel]:
    if isinstance(obj, BaseModel):
        yield obj
        for name in type(obj).model_fields:
            yield from nodes(getattr(obj, name))
    elif isinstance(obj, list):
        for x in obj:
            yield from nodes(x)


def assert_lines_point_at_their_text(doc: Document, text: str) -> None:
    norm = normalise(text)
    for node in nodes(doc):
        line = getattr(node, "line", None)
        if not isinstance(line, int) or type(node).__name__ in (
            "Citation",
            "Signature",
            "Diagnostic",
            "Clause",
        ):
            continue
        last = getattr(node, "end_line", None) or line
        own = " ".join(p.text for n in range(line, last + 1) for p in line_pieces(norm.lines[n - 1], 0, n))
        for field in ("number", "label", "tt", "title", "heading", "text"):
            value = getattr(node, field, None)
            if isinstance(value, str) and value.strip("-+"):
                head = value.split("\n")[0].split(" ")[0]
                assert head in own or head in norm.lines[line - 1], (
                    type(node).__name__,
                    line,
                    value[:40],
                    own[:40],
                )
                break


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_every_non_blank_line_is_owned_exactly_once(text: str) -> None:
    assert_lossless(parse_text(text), text)


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_every_node_line_points_at_its_own_text(text: str) -> None:
    assert_lines_point_at_their_text(parse_text(text), text)


def test_the_seeds_and_samples_are_lossless() -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = parse_text(text)
        assert_lossless(doc, text)
        assert_lines_point_at_their_text(doc, text)
