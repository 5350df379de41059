"""Cell accuracy of the table stage on random tables (tests/table_generator.py).

Run: python bench/table_accuracy.py [--tables N] [--seed S] [--show K] [--plain] [--skip SHAPE ...]
Generates N tables (default 1,000) from seeds S…S+N-1 with the real-copy shapes of the generator
(repeated page headers after a banner and a page number, a label and its task on one line, a
mistyped label, two-level headers, PDF fragments, cell dumps; each drawn for about a third of the
tables; ``--plain`` for none of them), plus N/4 numbered lists (``generate_list``), rebuilds each
with tables.rebuild_appendix and reports the share of cells (true rows × their non-TT columns; a
lost row counts all its cells wrong; rows are matched by the line of their label) that come back
exactly, overall, per column and per shape, plus rows found. Target: ≥ 99 %.
``--show K`` prints the first K wrong cells (seed, row, column, expected, got).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from table_generator import SHAPES, generate_list, generate_table, to_appendix

from nq57parse.tables import rebuild_appendix


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tables", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--plain", action="store_true", help="the generator's flattened tables only")
    parser.add_argument("--skip", nargs="*", default=[], choices=SHAPES, help="shapes never drawn")
    args = parser.parse_args()
    right, total = Counter(), Counter()
    by_shape_right, by_shape_total = Counter(), Counter()
    rows_found = rows_true = 0
    wrong = []
    began = time.perf_counter()
    jobs = [("table", seed) for seed in range(args.seed, args.seed + args.tables)]
    if not args.plain:
        jobs += [("list", seed) for seed in range(args.seed, args.seed + args.tables // 4)]
    for kind, seed in jobs:
        rng = random.Random(seed)
        if kind == "list":
            table = generate_list(rng)
            shapes = {"list"}
            appendix = to_appendix(table, title="PHỤ LỤC DANH MỤC CÁC XÃ")
        else:
            table = generate_table(rng, () if args.plain else tuple(s for s in SHAPES if s not in args.skip))
            shapes = set(table.shapes) or {"plain"}
            appendix = to_appendix(table)
        rebuilt, _ = rebuild_appendix(appendix)
        first = rebuilt.line + 1
        found = {r.line - first: r for r in rebuilt.rows}
        rows_true += len(table.rows)
        for row in table.rows:
            got = found.get(row.index)
            if got is not None and (got.group, got.tt) != (row.group, row.tt):
                got = None
            rows_found += got is not None
            for key, lines in row.cells.items():
                expected = "\n".join(lines)
                value = got.cells.get(key, "") if got else None
                total[key] += 1
                for shape in shapes:
                    by_shape_total[shape] += 1
                if value == expected:
                    right[key] += 1
                    for shape in shapes:
                        by_shape_right[shape] += 1
                elif len(wrong) < args.show:
                    wrong.append((kind, seed, row.tt, key, expected, value))
    seconds = time.perf_counter() - began
    all_right, all_total = sum(right.values()), sum(total.values())
    print(f"{len(jobs)} tables, {rows_true} rows ({rows_found} found), {all_total} cells in {seconds:.1f} s")
    print(f"cell accuracy: {100 * all_right / all_total:.2f} % ({all_right}/{all_total}); target ≥ 99 %")
    for key in sorted(total, key=lambda k: -total[k]):
        print(f"  {key:9} {100 * right[key] / total[key]:6.2f} % of {total[key]}")
    print("by shape (a table may have several):")
    for shape in sorted(by_shape_total, key=lambda k: -by_shape_total[k]):
        print(
            f"  {shape:9} {100 * by_shape_right[shape] / by_shape_total[shape]:6.2f} % of {by_shape_total[shape]}"
        )
    for kind, seed, tt, key, expected, value in wrong:
        print(f"{kind} seed {seed} row {tt} {key}: expected {expected!r}, got {value!r}")


if __name__ == "__main__":
    main()
