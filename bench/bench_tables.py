"""Benchmark of the table stage (tables.rebuild_appendix) on seed 004's PHỤ LỤC.

Run: python bench/bench_tables.py [--repeat N]
Prints the median time to rebuild seed 004's table (79 rows, 471 lines; target ≤ 10 ms) and the time
for tables 5×, 10× and 17× as long (the seed's rows renumbered and repeated; 17× reaches row 986,
the last three-digit label), per row, to show the cost is linear in the number of rows. The deadline cache is cleared before every run, so repeated cells
are not free; only the data files and compiled patterns stay loaded.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from nq57parse import deadlines
from nq57parse.models import Appendix, SourceLine
from nq57parse.tables import rebuild_appendix

SEED = Path(__file__).resolve().parents[1] / "samples" / "quyet-dinh-2121-QD-BYT.txt"
ROMAN = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
ROMAN_VALUE = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7}


def roman(n: int) -> str:
    out = ""
    for value, sym in ROMAN:
        while n >= value:
            out, n = out + sym, n - value
    return out


def seed_body() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return [lines[n - 1].strip() for n in range(106, 577) if lines[n - 1].strip()]


def repeated(body: list[str], copies: int) -> Appendix:
    """The seed table with its rows repeated ``copies`` times, labels renumbered to stay in sequence."""
    header, rows = body[:6], body[6:]
    out = list(header)
    for c in range(copies):
        for text in rows:
            if m := re.fullmatch(r"(\d{1,3})(\.\d{1,3})?(\.?)", text):
                text = f"{int(m[1]) + 58 * c}{m[2] or ''}{m[3]}"
            elif text.rstrip(".") in ROMAN_VALUE and text.endswith("."):
                text = f"{roman(ROMAN_VALUE[text.rstrip('.')] + 7 * c)}."
            out.append(text)
    return Appendix(
        title="PHỤ LỤC", line=1, lines=[SourceLine(line=i + 2, text=t) for i, t in enumerate(out)]
    )


def median_seconds(appendix: Appendix, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        deadlines._expression.cache_clear()
        began = time.perf_counter()
        rebuild_appendix(appendix)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    body = seed_body()
    rebuild_appendix(repeated(body, 1))  # load the data files and compile the patterns once
    base = None
    for copies in (1, 5, 10, 17):
        appendix = repeated(body, copies)
        rebuilt, _ = rebuild_appendix(appendix)
        seconds = median_seconds(appendix, max(8, args.repeat // copies))
        per_row = seconds / len(rebuilt.rows) * 1e6
        base = base or per_row
        print(
            f"{copies:>3}× seed 004: {len(rebuilt.rows):>5} rows, {len(appendix.lines):>6} lines: "
            f"{seconds * 1000:8.2f} ms  ({per_row:6.1f} µs/row, {per_row / base:4.2f}× the 1× cost per row)"
        )
    print("target: 1× ≤ 10 ms; cost per row flat as the table grows")


if __name__ == "__main__":
    main()
