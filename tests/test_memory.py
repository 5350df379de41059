"""Memory: the records between stages stay small, the helpers that save memory give the same answers as
the plain forms they replace, and a parse peaks within a bound of its input (issues #17 and #18)."""

from __future__ import annotations

import gc
import tracemalloc
import weakref
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lark import Tree

from nq57parse.citations import lower_in_chunks
from nq57parse.cleanview import PLAIN, clean_view, line_pieces, split_piece
from nq57parse.normalise import normalise
from nq57parse.parse import parse_units
from nq57parse.pipeline import parse_text
from nq57parse.units import Unit

SEED = Path(__file__).resolve().parent.parent / "samples" / "quyet-dinh-2121-QD-BYT.txt"

# Vietnamese letters in both cases, the Greek capital sigma (whose lower case depends on what stands
# beside it), a dotted capital I (which lowers to two characters), combining marks, spaces and newlines
_LETTERS = "aAđĐếẾươƯỢΣσςİiI\u0301\u0323 .\n\t"


@given(st.text(alphabet=_LETTERS, max_size=300), st.integers(min_value=1, max_value=40))
def test_lowering_in_chunks_gives_the_whole_texts_lower_case(text: str, size: int) -> None:
    assert lower_in_chunks(text, size) == text.lower()


def test_a_final_sigma_at_a_chunk_end_lowers_as_in_the_whole_text() -> None:
    text = "ΟΔΟΣ\nΣΑ ΟΔΟΣ ΑΣ\n" * 5
    assert lower_in_chunks(text, 3) == text.lower()
    assert "ς\n" in lower_in_chunks(text, 3)


def _joined(texts: list[str], body: str) -> tuple[str, str]:
    return " ".join(texts).strip(), " ".join(([body] if body else []) + texts[1:]).strip()


@given(st.lists(st.text(alphabet="ab .;:\n", max_size=8), min_size=1, max_size=6), st.text("xy ", max_size=4))
def test_a_unit_reads_as_its_pieces_joined(texts: list[str], body: str) -> None:
    unit = Unit.of("TEXT", 1, texts[0], body=body)
    for n, text in enumerate(texts[1:], start=2):
        unit.extend(Unit.of("TEXT", n, text).pieces[0], text)
    assert (unit.text, unit.body) == _joined(texts, body)
    assert unit.last_text == texts[-1]
    assert unit.end_line == (len(texts) if len(texts) > 1 else None)
    assert unit.is_open == _open_by_the_last_pieces(texts)


def _open_by_the_last_pieces(texts: list[str]) -> bool:
    """The rule as the list of piece texts gave it: the last pieces holding three characters decide."""
    last = ""
    for text in reversed(texts):
        last = f"{text} {last}" if last else text.rstrip()
        if len(last) >= 3:
            break
    return not last.endswith((".", ";", ":", "!", "?", "./.", ".”", '."'))


def test_a_unit_has_no_dict() -> None:
    unit = Unit.of("TEXT", 1, "Điều 1. Phạm vi")
    assert not hasattr(unit, "__dict__")
    with pytest.raises(AttributeError):
        unit.extra = 1  # type: ignore[attr-defined]


def _decision(target: int) -> str:
    """The seed decision with its appendix repeated until ``target`` bytes (a large decision)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = lines.index("PHỤ LỤC")
    out = list(lines[:start])
    serial = 0
    while sum(len(line.encode()) + 1 for line in out) < target:
        serial += 1
        out += [f"PHỤ LỤC {serial}", *lines[start + 1 :]]
    return "\n".join(out) + "\n"


@pytest.mark.slow
def test_a_large_decision_peaks_within_twenty_times_its_size() -> None:
    text = _decision(400_000)
    parse_text(text[:2000])  # the caches and data files, loaded before the count starts
    size = len(text.encode())
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        doc = parse_text(text)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert len(doc.appendices) > 5
    # 28x before the intermediates were let go early and lowering was cut into chunks; about 17x after;
    # 16.4x since the tree is let go as it is read and plain pieces share their anchors (Python 3.11)
    assert peak < 18 * size, f"peak {peak / size:.1f}x the input"


def test_citations_resolved_in_place_are_those_resolved_by_copy() -> None:
    from nq57parse.citations import find_citations
    from nq57parse.normalise import normalise
    from nq57parse.resolve import resolve_citations

    norm = normalise(SEED.read_text(encoding="utf-8"))
    found = find_citations(norm)
    copies, references = resolve_citations(find_citations(norm), "2121/QĐ-BYT", dated="2025-06-26")
    same, same_references = resolve_citations(found, "2121/QĐ-BYT", dated="2025-06-26", in_place=True)
    assert [c.target for c in copies if c.target]  # the seed's citations resolve
    assert same == copies and same_references == references
    assert all(a is b for a, b in zip(same, found, strict=True))  # the citations given, updated


# words that make the clean view cut a line (an article, a number, a signature, a motto), markup it
# reads apart (emphasis, tags, a line break, escapes, table bars, a heading mark) and plain words
_LINE_WORDS = [
    *("Điều 5.", "Số: 12/QĐ-UBND", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Văn An", "QUYẾT ĐỊNH:", "(Đã ký)"),
    *("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 5 tháng 3 năm 2020"),
    *("**", "*", "<b>", "</b>", "<br>", "\\-", "12\\.", "|", "# ", "-----", "đất", "và", ".", " ", "  "),
]


def _maps_back(piece, line: str, base: int) -> bool:
    """Every character of the piece's text stands at its offset in the line (a ``<br>`` reads as a
    space at its ``<``), and the offset of the text's end is one past its last character's."""
    for i, char in enumerate(piece.text):
        at = line[piece.offset(i) - base]
        if at != char and not (char == " " and at == "<"):
            return False
    return not piece.text or piece.offset(len(piece.text)) == piece.offset(len(piece.text) - 1) + 1


@given(st.lists(st.sampled_from(_LINE_WORDS), min_size=1, max_size=12), st.integers(0, 5000))
def test_piece_offsets_map_the_clean_text_back_to_the_line(words: list[str], base: int) -> None:
    line = " ".join(words)
    for piece in line_pieces(line, base, 1):
        assert _maps_back(piece, line, base)
        assert (piece.anchors is PLAIN) == (piece.anchors == ((0, 0),))
        for at in range(1, len(piece.text)):
            head, tail = split_piece(piece, at)
            assert _maps_back(head, line, base) and _maps_back(tail, line, base)


_LINES = [
    *("Điều", "Chương", "**Điều**", "1. Phạm vi điều chỉnh", "II", "QUY ĐỊNH CHUNG", "5a. Đối tượng"),
    *(
        "  Điều 5. Hiệu lực",
        "| 1 | Hà Nội |",
        "<b>Điều</b> 2.",
        "Số: 12/QĐ-UBND Hà Nội, ngày 5 tháng 3 năm 2020",
    ),
]


@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=8))
def test_every_piece_of_a_text_maps_its_characters_back_to_it(lines: list[str]) -> None:
    """Over several lines (a structure word and its number on the next line are one piece spanning
    both): every character of a piece's text stands at its offset (a space joining parts, at a
    white space, a ``<br>`` or the markup after the part before)."""
    norm = normalise("\n".join(lines))
    for piece in clean_view(norm):
        for i, char in enumerate(piece.text):
            at = norm.text[piece.offset(i)]
            assert at == char or (char == " " and (at.isspace() or at in "<*_\\|")), (piece, i)


def test_a_piece_without_markup_shares_the_one_plain_anchors_tuple() -> None:
    """Anchors count from the piece's start, so the many pieces read as written hold one tuple
    (memory: about 130 of a piece's 288 bytes when each held its own)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    pieces = [p for n, line in enumerate(lines, 1) if line.strip() for p in line_pieces(line, 100 * n, n)]
    plain = [p for p in pieces if p.text == lines[p.line - 1][p.start - 100 * p.line :][: len(p.text)]]
    assert len(plain) > 0.9 * len(pieces)
    assert all(p.anchors is PLAIN for p in plain)
    assert [p.offset(3) for p in plain[:3]] == [p.start + 3 for p in plain[:3]]


def test_the_parse_tree_is_handed_over_once() -> None:
    result = parse_units([Unit.of("ARTICLE", 1, "Điều 1. Phạm vi", label="1")])
    tree = result.take_tree()
    assert isinstance(tree, Tree) and result.tree is None
    with pytest.raises(ValueError, match="no parse tree"):
        result.take_tree()


def test_a_parse_makes_no_reference_cycles() -> None:
    """The collector is paused while a document is parsed (pipeline), so what a reference cycle holds
    (a recursive closure held the lowered text) would be held until the parse ends."""
    samples = sorted(SEED.parent.glob("*.txt"))
    for path in samples:  # caches filled and models' schemas built (once a process) before the count
        parse_text(path.read_text(encoding="utf-8"))
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for path in samples:
            parse_text(path.read_text(encoding="utf-8"))
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.garbage.clear()
        gc.set_debug(0)
        if was_enabled:
            gc.enable()
    assert len(samples) > 10
    assert left == []


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Điều 1. Phạm vi điều chỉnh", False),  # read as written: made again from the unit
        ("**Điều 1.** Phạm vi điều chỉnh", True),  # markup read apart: its anchors are kept
        ("| 1 | Hà Nội | 2024 |", True),  # a table row: its cells are kept
    ],
)
def test_a_unit_keeps_its_head_piece_only_when_it_is_not_the_units_own_line(line: str, kept: bool) -> None:
    piece = line_pieces(line, 500, 7)[0]
    unit = Unit("TEXT", piece, piece.text)
    assert (unit._head is not None) == kept
    assert unit.pieces == [piece]
    assert unit.char_span(0, len(piece.text)) == (piece.offset(0), piece.offset(len(piece.text)))
    tail = line_pieces("tiếp theo", 600, 8)[0]
    unit.extend(tail, tail.text)  # a wrapped unit keeps its head piece as it was
    assert unit.pieces == [piece, tail]
    assert unit.char_span(0, len(unit.text)) == (piece.offset(0), 609)


def test_the_parse_tree_is_gone_once_the_document_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's walk (build._TreeToValues) empties the tree as it reads it: no part of it outlives the build, while
    the pipeline still holds the parse result (the tree and the document are not held at once)."""
    from nq57parse import pipeline

    build = pipeline.build_document
    seen: list[weakref.ref] = []

    def watched(parsed, units, norm):
        seen.append(weakref.ref(parsed.tree.children[0]))
        seen.append(weakref.ref(parsed.tree))
        doc = build(parsed, units, norm)
        assert [ref() for ref in seen] == [None, None]
        return doc

    monkeypatch.setattr(pipeline, "build_document", watched)
    assert parse_text(SEED.read_text(encoding="utf-8")).articles
    assert len(seen) == 2


@given(
    st.lists(
        st.sampled_from(["1.", "a)", "-", "|", "", "Điều 1. Phạm vi", "12345678", "123456789"]),
        min_size=1,
        max_size=30,
    )
)
def test_repeated_short_lines_are_one_string_and_the_lines_are_unchanged(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    norm = normalise(text)
    assert norm.lines == tuple(lines)
    for k, line in enumerate(norm.lines):
        first = norm.lines[lines.index(line)]
        assert (first is line) or len(line) > 8, (k, line)
