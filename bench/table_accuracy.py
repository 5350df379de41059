"""Cell accuracy of the table stage on random flattened tables (tests/table_generator.py).

Run: python bench/table_accuracy.py [--tables N] [--seed S] [--show K]
Generates N tables (default 1,000) from seeds S…S+N-1, rebuilds each with tables.rebuild_appendix
and reports the share of cells (true rows × their non-TT columns; a lost row counts all its cells
wrong) that come back exactly, overall and per column, plus rows found. Target: ≥ 98 %.
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

from table_generator import generate_table, to_appendix

from nq57parse.tables import rebuild_appendix


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tables", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    right, total = Counter(), Counter()
    rows_found = rows_true = 0
    wrong = []
    began = time.perf_counter()
    for seed in range(args.seed, args.seed + args.tables):
        table = generate_table(random.Random(seed))
        rebuilt, _ = rebuild_appendix(to_appendix(table))
        found = {(r.group, r.tt): r for r in rebuilt.rows}
        rows_true += len(table.rows)
        rows_found += sum(1 for r in table.rows if (r.group, r.tt) in found)
        for row in table.rows:
            got = found.get((row.group, row.tt))
            for key, lines in row.cells.items():
                expected = "\n".join(lines)
                value = got.cells.get(key, "") if got else None
                total[key] += 1
                if value == expected:
                    right[key] += 1
                elif len(wrong) < args.show:
                    wrong.append((seed, row.tt, key, expected, value))
    seconds = time.perf_counter() - began
    all_right, all_total = sum(right.values()), sum(total.values())
    print(
        f"{args.tables} tables, {rows_true} rows ({rows_found} found), {all_total} cells in {seconds:.1f} s"
    )
    print(f"cell accuracy: {100 * all_right / all_total:.2f} % ({all_right}/{all_total}); target ≥ 98 %")
    for key in sorted(total, key=lambda k: -total[k]):
        print(f"  {key:9} {100 * right[key] / total[key]:6.2f} % of {total[key]}")
    for seed, tt, key, expected, value in wrong:
        print(f"seed {seed} row {tt} {key}: expected {expected!r}, got {value!r}")


if __name__ == "__main__":
    main()
