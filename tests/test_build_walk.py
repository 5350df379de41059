"""The build stage's walk of the Lark tree (``build._TreeToValues.transform``) gives what Lark's own
``Transformer`` gives with the same callbacks, and every rule a tree can hold has its callback."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from conftest import NEWS, SAMPLES
from lark import Transformer, Tree

from nq57parse.build import _TreeToValues
from nq57parse.cleanview import clean_view
from nq57parse.furniture import find_furniture
from nq57parse.normalise import normalise
from nq57parse.parse import parse_units, parser
from nq57parse.segment import segment


class _ByLark(Transformer, _TreeToValues):
    """The same callbacks, walked by Lark (tokens not visited, as the build stage had it)."""

    def __init__(self, units: list) -> None:
        Transformer.__init__(self, visit_tokens=False)
        _TreeToValues.__init__(self, units)


def test_every_rule_a_tree_can_hold_has_a_callback() -> None:
    for rule in parser().rules:
        name = rule.alias or rule.origin.name
        if name.startswith("_"):
            continue  # Lark's own helper rules (``__article_star_11``): inlined into their parent
        if rule.options.expand1 and len(rule.expansion) == 1:
            continue  # ``?text_unit: PARA | ITEM``: one symbol, always replaced by it
        assert callable(getattr(_TreeToValues, name, None)), name


def test_an_unknown_rule_is_refused() -> None:
    with pytest.raises(AttributeError):
        _TreeToValues([]).transform(Tree("no_such_rule", []))


_TEXTS = sorted(SAMPLES.glob("*.txt")) + sorted(NEWS.glob("*.txt"))


@pytest.mark.parametrize("path", _TEXTS, ids=[p.stem for p in _TEXTS])
def test_the_walk_gives_what_lark_gives(path: Path) -> None:
    pieces = clean_view(normalise(path.read_text(encoding="utf-8")))
    result = parse_units(segment(pieces, find_furniture(pieces)))
    assert result.tree is not None
    tree = copy.deepcopy(result.tree)
    ours = _TreeToValues(result.units).transform(tree)
    theirs = _ByLark(result.units).transform(result.tree)
    assert ours == theirs
    assert repr(ours) == repr(theirs)
    assert tree.children == []  # the walk lets each part of the tree go once read
