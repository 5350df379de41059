"""Write the README's rule reference from ``src/nq57parse/data/rules.yaml``.

In: the README (default: the repository's) with ``<!-- rules:start -->`` / ``<!-- rules:end -->``
markers. Out: the README with one section per rule between them (``nq57parse.validate.rules_markdown``).
``--check`` writes nothing and exits 1 when the README is out of date (for CI).

    python scripts/gen_rules_readme.py [--check] [README]
"""

from __future__ import annotations

import sys
from pathlib import Path

START, END = "<!-- rules:start -->\n", "<!-- rules:end -->"
DEFAULT_README = Path(__file__).resolve().parents[1] / "README.md"


def with_rules(readme: str, rules: str) -> str:
    """The README text with ``rules`` between the markers (ValueError when a marker is missing)."""
    if START not in readme or END not in readme.split(START, 1)[1]:
        raise ValueError(f"the README has no {START.strip()} … {END} markers")
    head, rest = readme.split(START, 1)
    return head + START + rules + END + rest.split(END, 1)[1]


def main(argv: list[str]) -> int:
    from nq57parse.validate import rules_markdown

    check = "--check" in argv
    paths = [a for a in argv if a != "--check"]
    path = Path(paths[0]) if paths else DEFAULT_README
    readme = path.read_text(encoding="utf-8")
    try:
        updated = with_rules(readme, rules_markdown())
    except ValueError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 2
    if updated == readme:
        return 0
    if check:
        print(
            f"{path}: the rule sections are out of date; run python scripts/gen_rules_readme.py",
            file=sys.stderr,
        )
        return 1
    path.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
