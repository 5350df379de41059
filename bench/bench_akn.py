"""Benchmark of the Akoma Ntoso export against the parse it follows, as ratios in one run.

Run: python bench/bench_akn.py [--repeat N]
For seed 004 (samples/quyet-dinh-2121-QD-BYT.txt: 3 articles, 79 table rows, 58 citations) and for
1×, 10× and 50× copies of its text, prints the median time to parse, to export the parsed document as
AKN text (build + eIds + serialise) and to validate that text against akomantoso30.xsd, and the
export/parse ratio; the export should stay linear (its time/size quotient flat) and below the parse.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench_citations import median_seconds  # bench/ is on the path when this script runs

from nq57parse import parse_text
from nq57parse.akn import schema_errors, to_akn

SEED = Path(__file__).resolve().parents[1] / "samples" / "quyet-dinh-2121-QD-BYT.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    schema_errors(to_akn(parse_text(text)))  # load the schema and the data files once
    base = None
    for times in (1, 10, 50):
        big = "\n".join([text] * times)
        doc = parse_text(big)
        xml = to_akn(doc)
        repeat = args.repeat if times < 50 else max(3, args.repeat // 2)
        parse = median_seconds(lambda big=big: parse_text(big), repeat)
        export = median_seconds(lambda doc=doc: to_akn(doc), repeat)
        check = median_seconds(lambda xml=xml: schema_errors(xml), repeat)
        base = base or export
        print(
            f"{times:>3}× ({len(big) / 1e3:,.0f} kB): parse {parse * 1e3:8.1f} ms  export {export * 1e3:8.1f} ms"
            f"  validate {check * 1e3:8.1f} ms  export/parse {export / parse:4.2f}"
            f"  export time/size vs 1× {export / base / times:4.2f}"
        )


if __name__ == "__main__":
    main()
