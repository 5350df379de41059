"""Appendix rows on the real corpus, with appendices found by ``appendix_titles`` (not the segmenter).

Run: python bench/corpus_tables.py [--corpus ../shared/corpus] [--show]
For every corpus document: the appendix starts that ``appendix_titles`` recognises after the
signature (here: the first closing block; an appendix title anywhere after it; a ``DANH SÁCH``/``DANH MỤC`` list title; an
upper-case or heading title over a ``(Kèm theo …)`` note, or the note alone), each appendix running to
the next start; its title, heading and note lines taken off; the rest rebuilt by
``tables.rebuild_appendix``. Prints each document whose ``appendix_rows`` differs from
``expected.json`` and the count right. This measures the table stage on the corpus before the
segmenter calls these functions; ``score.py`` measures the whole pipeline.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from nq57parse.appendix_titles import is_appendix_title, is_attachment_note, is_list_title
from nq57parse.models import Appendix, SourceLine
from nq57parse.normalise import normalise
from nq57parse.pipeline import parse_text
from nq57parse.shapes import doc_type_heading, starts_with_cue
from nq57parse.tables import rebuild_appendix

_CLOSING_BLOCKS = ("signature", "recipients")


def _heading_like(text: str) -> bool:
    plain = text.replace("*", "").lstrip("#").strip()
    letters = [c for c in plain if c.isalpha()]
    return bool(letters) and (
        text.lstrip().startswith("#") or sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    )


def _attached_text(lines: list[str], note: int) -> bool:
    """The note stands under an attached text's title (QUY CHẾ, KẾ HOẠCH, REGULATIONS …), within four
    lines above it: that is an attachment, not an appendix."""
    for k in range(max(0, note - 4), note):
        plain = lines[k].replace("*", "").lstrip("#").strip()
        if plain and (doc_type_heading(plain.upper()) or starts_with_cue(plain.upper(), "attachment_titles")):
            return True
    return False


def appendix_starts(lines: list[str], after: int) -> list[int]:
    """0-based indexes where an appendix starts, at or after index ``after``."""
    starts: list[int] = []
    previous: int | None = None  # last non-blank index
    for i in range(after, len(lines)):
        text = lines[i].strip()
        if not text:
            continue
        if is_appendix_title(text) or (is_list_title(text) and _heading_like(text)):
            starts.append(i)
        elif (
            is_attachment_note(text)
            and not (starts and previous is not None and previous - starts[-1] <= 3)
            and not _attached_text(lines, i)
        ):
            title = previous if previous is not None and _heading_like(lines[previous]) else i
            if not starts or starts[-1] < title:
                starts.append(title)
        previous = i
    return starts


def appendices(path: Path) -> list[Appendix]:
    text = path.read_text(encoding="utf-8")
    norm = normalise(text)
    doc = parse_text(text)
    closing = [b.end_line or b.line for b in doc.blocks if b.kind in _CLOSING_BLOCKS]
    lines = norm.lines
    starts = appendix_starts(lines, min(closing) if closing else 0)
    out = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        body = [
            SourceLine(line=n + 1, text=lines[n].strip()) for n in range(start + 1, end) if lines[n].strip()
        ]
        heading, note = [], []
        while (
            body
            and not note
            and (
                is_attachment_note(body[0].text)
                or (_heading_like(body[0].text) and not body[0].text.startswith("|"))
            )
        ):
            (note if is_attachment_note(body[0].text) else heading).append(body.pop(0).text)
            if note and not note[-1].rstrip("*_ ").endswith(")"):
                while body and not note[-1].rstrip("*_ ").endswith(")"):
                    note.append(body.pop(0).text)
        out.append(
            Appendix(
                title=lines[start].strip(),
                heading=" ".join(heading) or None,
                note=" ".join(note) or None,
                line=start + 1,
                lines=body,
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not (corpus / "expected.json").exists():
        sys.exit(f"{corpus}: no expected.json")
    expected = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
    right = with_rows = right_with_rows = 0
    for name, facts in sorted(expected.items()):
        found = [rebuild_appendix(a)[0] for a in appendices(corpus / "docs" / name)]
        got = sum(len(a.rows) for a in found) or None
        want = facts.get("appendix_rows")
        right += got == want
        if want is not None:
            with_rows += 1
            right_with_rows += got == want
        if got != want or args.show:
            print(f"{name}: got {got} expected {want}")
            if args.show or got != want:
                for a in found:
                    print(f"    line {a.line} {a.title[:50]!r}: {len(a.rows)} rows, {len(a.groups)} groups")
    print(
        f"appendix_rows right: {right}/{len(expected)}; of the documents with an appendix table or list: {right_with_rows}/{with_rows}"
    )


if __name__ == "__main__":
    main()
