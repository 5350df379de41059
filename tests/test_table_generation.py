"""Generalisation: random tables (tests/table_generator.py), flattened or in the shapes of real copies,
and random numbered lists are rebuilt into their rows."""

from __future__ import annotations

import random

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from table_generator import SHAPES, generate_list, generate_table, score, to_appendix

from nq57parse.tables import rebuild_appendix


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_recovers_the_rows_groups_and_every_line_of_a_random_flattened_table(seed):
    table = generate_table(random.Random(seed))
    appendix = to_appendix(table)
    rebuilt, diagnostics = rebuild_appendix(appendix)

    assert [c.key for c in rebuilt.columns] == [k for k, _ in table.columns]
    assert [(g.label, g.title) for g in rebuilt.groups] == table.groups
    assert [(r.tt, r.group, r.parent) for r in rebuilt.rows] == [
        (r.tt, r.group, r.parent) for r in table.rows
    ]
    assert rebuilt.lines == []
    assert not [d for d in diagnostics if d.code in {"NQ301", "NQ302", "NQ304", "NQ305", "NQ307"}]

    # every line owned once, and each row's cells read in column order give back its lines in order
    owned = [h.line for h in rebuilt.header_lines]
    owned += [n for g in rebuilt.groups for n in range(g.line, (g.end_line or g.line) + 1)]
    for got, truth in zip(rebuilt.rows, table.rows, strict=True):
        lines = [n for key, _ in table.columns[1:] for n in got.cell_lines[key]]
        assert lines == sorted(lines)
        assert lines == list(range(got.line + 1, got.line + 1 + len(lines)))
        owned += [got.line, *lines]
        flat = [line for key, _ in table.columns[1:] for line in got.cells[key].split("\n") if got.cells[key]]
        assert flat == [line for key, _ in table.columns[1:] for line in truth.cells[key]]
    assert sorted(owned) == [s.line for s in appendix.lines]


@pytest.mark.slow
def test_cell_accuracy_over_300_generated_tables_is_at_least_98_percent():
    right = total = 0
    for seed in range(300):
        table = generate_table(random.Random(seed))
        rebuilt, _ = rebuild_appendix(to_appendix(table))
        r, n = score(table, rebuilt)
        right, total = right + r, total + n
    assert total > 10_000
    assert right / total >= 0.98


def test_the_score_counts_a_lost_row_as_all_its_cells_wrong():
    table = generate_table(random.Random(7))
    rebuilt, _ = rebuild_appendix(to_appendix(table))
    cells = sum(len(r.cells) for r in table.rows)
    assert score(table, rebuilt)[1] == cells
    assert score(table, rebuilt.model_copy(update={"rows": rebuilt.rows[1:]}))[0] <= cells - len(
        table.rows[0].cells
    )
    assert score(table, rebuilt.model_copy(update={"rows": []})) == (0, cells)


# --- the shapes of real copies (tests/table_generator.py SHAPES) -----------------------------------


def _found(table, rebuilt) -> int:
    first = rebuilt.line + 1
    by_line = {r.line - first: r for r in rebuilt.rows}
    return sum(
        1
        for row in table.rows
        if (got := by_line.get(row.index)) is not None and (got.group, got.tt) == (row.group, row.tt)
    )


# Generated tables per shape: 150 under the `ci` profile, 15 in the default run.
TABLES = examples(150)


@pytest.mark.parametrize("shape", [s for s in SHAPES if s != "fragments"])
def test_each_real_copy_shape_keeps_every_row_and_99_percent_of_cells(shape):
    right = total = found = rows = 0
    for seed in range(TABLES):
        table = generate_table(random.Random(seed), (shape,))
        rebuilt, _ = rebuild_appendix(to_appendix(table))
        r, n = score(table, rebuilt)
        right, total = right + r, total + n
        found, rows = found + _found(table, rebuilt), rows + len(table.rows)
    assert found == rows
    assert right / total >= 0.985


def test_pdf_fragments_keep_every_row_though_some_cells_move():
    right = total = found = rows = 0
    for seed in range(TABLES):
        table = generate_table(random.Random(seed), ("fragments",))
        rebuilt, _ = rebuild_appendix(to_appendix(table))
        r, n = score(table, rebuilt)
        right, total = right + r, total + n
        found, rows = found + _found(table, rebuilt), rows + len(table.rows)
    assert found == rows
    assert right / total >= 0.88  # bench/table_accuracy.py reports the figure; see the README


def test_a_mistyped_label_in_a_generated_table_is_a_row_with_its_own_cells():
    seeds = [s for s in range(400) if _has_typo(generate_table(random.Random(s), ("typo",)))][:40]
    assert len(seeds) >= 20
    for seed in seeds:
        table = generate_table(random.Random(seed), ("typo",))
        rebuilt, diagnostics = rebuild_appendix(to_appendix(table))
        assert _found(table, rebuilt) == len(table.rows)
        assert {d.code for d in diagnostics} & {"NQ302", "NQ311"}


def _has_typo(table) -> bool:
    labels = [(r.group, r.tt) for r in table.rows]
    return len(set(labels)) < len(labels) or any(
        r.parent and not any(p.tt == r.parent for p in table.rows) for r in table.rows
    )


@settings(max_examples=examples(60), deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_a_generated_numbered_list_comes_back_item_by_item(seed):
    table = generate_list(random.Random(seed))
    rebuilt, _ = rebuild_appendix(to_appendix(table, title="PHỤ LỤC DANH MỤC CÁC XÃ"))
    assert [(g.label, g.title) for g in rebuilt.groups] == table.groups
    assert [(r.tt, r.group, r.cells["item"]) for r in rebuilt.rows] == [
        (r.tt, r.group, "\n".join(r.cells["item"])) for r in table.rows
    ]
