"""Stage 5, parse: units → a Lark parse tree of the document's structure.

In: ``list[Unit]`` from segment.py. Out: ``ParseResult(tree, rejected, units)`` where ``tree`` is a Lark
``Tree`` over ``grammars/document.lark`` and ``rejected`` lists the units the grammar could not place
(an orphan clause before any article, a chapter after the signature …). A rejected unit is never
lost: the build stage puts it in ``unparsed`` with a reason and a diagnostic.

Design: the parser is LALR(1) (about 75× faster than Earley on these documents) and is fed by a
custom lexer that turns each unit into one token, so Lark never scans characters. It is built once
per process, lazily, with Lark's grammar cache, so start-up stays small.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from .units import Unit


class UnitLexer(Lexer):
    """Lark lexer over a list of units: one token per unit, ``start_pos`` = the unit's index."""

    def __init__(self, lexer_conf: object) -> None:
        pass

    def lex(self, data: Sequence[Unit]) -> Iterator[Token]:  # type: ignore[override]
        # a token's value is never read (the grammar reads its type, the build its unit by index): it is
        # empty, so that the tree does not hold a second copy of every unit's text (memory)
        for index, unit in enumerate(data):
            yield Token(unit.kind, "", start_pos=index, line=unit.line, end_line=unit.end_line or unit.line)


def grammar_text() -> str:
    """The structure grammar shipped in ``nq57parse.grammars``."""
    return resources.files("nq57parse.grammars").joinpath("document.lark").read_text(encoding="utf-8")


@cache
def parser(strict: bool = False) -> Lark:
    """The LALR parser, built once per process (Lark caches the analysed grammar on disk)."""
    options = {"parser": "lalr", "lexer": UnitLexer, "strict": strict, "maybe_placeholders": False}
    try:
        return Lark(grammar_text(), cache=not strict, **options)
    except OSError:  # an unwritable cache directory: build without the cache
        return Lark(grammar_text(), **options)


# Units the grammar never sees: page numbers, site furniture, markup between closing blocks. The build
# stage keeps them apart (furniture as boilerplate blocks; coverage accounts for page numbers).
PASSED_OVER = frozenset({"PAGE", "BOILERPLATE", "SKIP"})


@dataclass
class ParseResult:
    """The tree, the indexes (into ``units``) of the units the grammar refused, and ``units``: the
    units the grammar read, in order (the tree's tokens point into it)."""

    tree: Tree | None
    rejected: list[int] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)

    def take_tree(self) -> Tree:
        """The tree, handed over: this result no longer holds it, so that the build's walk
        (``build._TreeToValues``) can let each part of it go once read. ``ValueError`` when there is none (a failed parse)."""
        tree, self.tree = self.tree, None
        if tree is None:
            raise ValueError("no parse tree to hand over")
        return tree


def parse_units(units: Sequence[Unit]) -> ParseResult:
    """Parse the units (those in ``PASSED_OVER`` left out); units the grammar refuses are recorded in
    ``rejected`` (indexes) and skipped.

    Tokens are fed one at a time to Lark's interactive LALR parser: a refused token leaves the parser
    state as it was, so skipping it is safe and every token is looked at once (linear, no retry loop).
    """
    units = [u for u in units if u.kind not in PASSED_OVER]
    rejected: list[int] = []
    interactive = parser().parse_interactive()
    for index, token in enumerate(UnitLexer(None).lex(units)):
        try:
            interactive.feed_token(token)
        except UnexpectedToken:
            rejected.append(index)
    try:
        tree = interactive.feed_eof()
    except UnexpectedInput:
        return ParseResult(None, rejected, units)
    return ParseResult(tree, rejected, units)
