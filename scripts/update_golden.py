"""Rewrite the whole-output golden files and show what changed.

In: every sample document (``samples/*``) and the news texts of the tests (``tests/data/news/*``).
Out: ``tests/golden/<name>.json``, exactly what ``nq57parse extract <file>`` prints for it (run from the
repository's root, so ``source.path`` is the relative path), and on standard output one line per golden
file that changed, was added or was removed, with a unified diff of each change (``--quiet``: the
summary only). ``--check`` writes nothing and exits 1 when any golden file is out of date.

    python scripts/update_golden.py [--check] [--quiet]

``tests/test_golden.py`` compares every document with its golden file and, when one differs, asks for
this script: a change that is meant to change the output is committed with the golden files it
rewrites, so the diff shows everything the change did.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
INPUTS = ("samples", "tests/data/news")


def documents() -> Iterator[Path]:
    """The inputs, relative to the repository's root, in sorted order."""
    for folder in INPUTS:
        for path in sorted((ROOT / folder).iterdir()):
            if path.is_file() and not path.name.startswith("."):
                yield path.relative_to(ROOT)


def golden_path(document: Path) -> Path:
    return GOLDEN / f"{document.stem}.json"


def render(document: Path) -> str:
    """``extract``'s JSON for ``document`` (a path relative to the root), ending in a newline."""
    from nq57parse.export import to_json
    from nq57parse.pipeline import parse_file

    here = Path.cwd()
    os.chdir(ROOT)
    try:
        return to_json(parse_file(document.as_posix())) + "\n"
    finally:
        os.chdir(here)


def diff(old: str, new: str, name: str) -> list[str]:
    return list(
        difflib.unified_diff(old.splitlines(), new.splitlines(), f"a/{name}", f"b/{name}", lineterm="")
    )


def main(argv: list[str]) -> int:
    check, quiet = "--check" in argv, "--quiet" in argv
    GOLDEN.mkdir(parents=True, exist_ok=True)
    wanted = {golden_path(d): d for d in documents()}
    changed = added = 0
    for target, document in wanted.items():
        new = render(document)
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if old == new:
            continue
        name = target.relative_to(ROOT).as_posix()
        if old is None:
            added += 1
            print(f"added    {name}")
        else:
            changed += 1
            lines = diff(old, new, name)
            print(
                f"changed  {name} (+{sum(1 for x in lines if x[:1] == '+') - 1} -{sum(1 for x in lines if x[:1] == '-') - 1} lines)"
            )
            if not quiet:
                print("\n".join(lines))
        if not check:
            target.write_text(new, encoding="utf-8")
    stale = sorted(set(GOLDEN.glob("*.json")) - set(wanted))
    for target in stale:
        print(f"removed  {target.relative_to(ROOT).as_posix()}")
        if not check:
            target.unlink()
    total = changed + added + len(stale)
    print(
        f"{len(wanted)} golden files: {changed} changed, {added} added, {len(stale)} removed"
        + (" (not written: --check)" if check and total else "")
    )
    return 1 if check and total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
