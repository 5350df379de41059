"""``models.maker`` (and ``make``) builds a node without validation, and ``Model.model_copy`` copies without pydantic's
general path: both give exactly what pydantic gives (values, their types, field order, fields set,
the JSON), and a document of nodes so built is a valid model that round-trips through validation.
The test run sets ``NQ57PARSE_CHECK_NODES`` (conftest.py), so every parse of every test also checks
each node ``make`` builds against the validated one."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from conftest import SAMPLES, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from nq57parse.models import (
    Appendix,
    Block,
    Clause,
    Document,
    Model,
    Section,
    SourceLine,
    TableRow,
    make,
    maker,
)
from nq57parse.pipeline import parse_file


def _nodes(value: object) -> Iterator[Model]:
    """Every model in a document, the document first."""
    if isinstance(value, Model):
        yield value
        for name in type(value).model_fields:
            yield from _nodes(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _nodes(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _nodes(item)


def _same(a: BaseModel, b: BaseModel) -> bool:
    """The same node: values of the same types in the same order, the same fields set, the same JSON."""
    return (
        type(a) is type(b)
        and list(a.__dict__.items()) == list(b.__dict__.items())
        and [type(v) for v in a.__dict__.values()] == [type(v) for v in b.__dict__.values()]
        and a.model_fields_set == b.model_fields_set
        and a.model_dump_json() == b.model_dump_json()
    )


_DOCUMENTS = [parse_file(str(f)) for f in sorted(SAMPLES.glob("*.txt"))]
_NODES = [n for doc in _DOCUMENTS for n in _nodes(doc)]


def test_the_test_run_checks_every_node_make_builds() -> None:
    assert os.environ.get("NQ57PARSE_CHECK_NODES") == "1"
    with pytest.raises(AssertionError, match="differs from validation"):
        make(Section, label="1", line=1, children=())  # a tuple, not a list


def test_every_kind_of_node_is_met_in_the_samples() -> None:
    kinds = {type(n).__name__ for n in _NODES}
    assert {"Document", "Article", "Clause", "Point", "Block", "SourceLine", "TableRow", "Section"} <= kinds


@settings(max_examples=examples(300), deadline=None)
@given(index=st.integers(0, len(_NODES) - 1), keep=st.lists(st.booleans(), min_size=20, max_size=20))
def test_make_gives_the_validated_node(index: int, keep: list[bool]) -> None:
    """A real node's values, every field or any part of them (the rest left to their defaults)."""
    node = _NODES[index]
    cls = type(node)
    required = {name for name, info in cls.model_fields.items() if info.is_required()}
    names = [n for n, k in zip(cls.model_fields, keep, strict=False) if k or n in required]
    fields = {name: getattr(node, name) for name in names}
    made, validated = make(cls, **fields), cls(**fields)
    assert _same(made, validated)


def test_make_fills_defaults_with_new_lists_and_dicts() -> None:
    a, b = make(TableRow, tt="1", line=1), make(TableRow, tt="2", line=2)
    assert a.cells == {} and a.cell_lines == {} and a.model_fields_set == {"tt", "line"}
    assert a.cells is not b.cells and a.cell_lines is not b.cell_lines
    assert _same(a, TableRow(tt="1", line=1))


def test_make_refuses_a_missing_or_unknown_field() -> None:
    with pytest.raises(TypeError, match="text"):
        make(Block, kind="text", line=1)  # type: ignore[call-arg]  # text is required
    with pytest.raises(TypeError, match="colour"):
        make(Block, kind="text", text="x", line=1, colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        make(Block, "text")  # type: ignore[call-arg]  # a model takes no positional value


def test_one_maker_per_class_whose_fields_set_is_shared() -> None:
    assert maker(Block) is maker(Block)
    a = maker(Section)(label="1", line=1, text="")
    b = maker(Section)(label="2", line=2, text="x")
    c = Section(label="3", line=3, text="y")
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__ is c.__pydantic_fields_set__
    assert a.model_fields_set == {"label", "line", "text"}
    full = {name: getattr(a, name) for name in Section.model_fields}
    assert maker(Section)(**full).__pydantic_fields_set__ is Section(**full).__pydantic_fields_set__


def test_a_maker_refuses_a_model_it_cannot_write() -> None:
    class Odd(Model):
        mask: int = 0

    class Mutable(Model):
        things: list[int] = [1]  # noqa: RUF012  # what the maker must refuse to share

    with pytest.raises(TypeError, match="field name"):
        maker(Odd)
    with pytest.raises(TypeError, match="default"):
        maker(Mutable)


def test_the_check_catches_a_value_validation_would_refuse_or_convert() -> None:
    with pytest.raises(ValidationError):
        make(Block, kind="nonsense", text="x", line=1)
    with pytest.raises(AssertionError):
        make(SourceLine, line=True, text="x")  # validation makes the flag the number 1


@pytest.mark.parametrize(
    "update",
    [None, {}, {"text": "khác"}, {"end_line": 9, "start": 3}, {"label": "2", "points": []}],
    ids=["none", "empty", "set", "unset", "list"],
)
def test_a_copy_is_what_pydantic_copies(update: dict | None) -> None:
    for node in (
        Clause(label="1", text="x", line=1),
        make(Clause, label="1", text="x", line=1, end_line=None, start=0, end=1, points=[], items=[]),
    ):
        mine = node.model_copy(update=update)
        theirs = BaseModel.model_copy(node, update=update)
        assert list(mine.__dict__.items()) == list(theirs.__dict__.items())
        assert mine.model_fields_set == theirs.model_fields_set
        assert mine.__dict__ is not node.__dict__


def test_a_copy_shares_no_state_with_its_original() -> None:
    node = Section(label="1", text="", line=1)
    copied = node.model_copy(update={"text": "x"})
    copied.heading = "Mục tiêu"  # a field neither was given: the copy's set alone grows
    assert node.model_fields_set == {"label", "text", "line"}
    assert copied.model_fields_set == {"label", "text", "line", "heading"}
    assert (node.text, node.heading) == ("", None)


@pytest.mark.parametrize("doc", _DOCUMENTS, ids=[f.stem for f in sorted(SAMPLES.glob("*.txt"))])
def test_a_parsed_document_is_a_valid_model_that_round_trips(doc: Document) -> None:
    again = Document.model_validate(doc.model_dump())
    assert again.model_dump_json() == doc.model_dump_json()
    assert Document.model_validate_json(doc.model_dump_json()) == again
    for built, validated in zip(_nodes(doc), _nodes(again), strict=True):
        assert list(built.__dict__) == list(validated.__dict__)  # the field order the JSON is written in


def test_an_appendix_table_is_made_as_validation_makes_it() -> None:
    doc = parse_file(str(SAMPLES / "quyet-dinh-2121-QD-BYT.txt"))
    appendix = doc.appendices[0]
    assert len(appendix.rows) > 10 and appendix.columns
    assert _same(appendix, Appendix(**{n: getattr(appendix, n) for n in appendix.model_fields_set}))
