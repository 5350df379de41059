"""Nodes given every field share one set of field names (memory), and nothing about a node's
``model_fields_set`` or values changes with it."""

from __future__ import annotations

import copy
import pickle

from nq57parse.models import Section


def _full(label: str) -> Section:
    return Section(label=label, heading=None, text="", line=1, end_line=None, start=0, end=2, children=[])


def test_nodes_given_every_field_share_one_set_of_names() -> None:
    a, b = _full("1"), _full("2")
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__
    assert a.model_fields_set == set(Section.model_fields)


def test_a_node_given_some_fields_has_those_names_only() -> None:
    partial = Section(label="1", text="", line=1, start=0, end=2)
    assert partial.model_fields_set == {"label", "text", "line", "start", "end"}
    assert partial.__pydantic_fields_set__ is not _full("1").__pydantic_fields_set__


def test_nodes_given_the_same_fields_share_their_set() -> None:
    a = Section(label="1", text="", line=1, start=0, end=2)
    b = Section(label="2", text="x", line=3, start=5, end=9)
    c = Section(label="3", line=4)
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__
    assert c.model_fields_set == {"label", "line"}


def test_setting_a_field_a_shared_set_lacks_changes_that_node_only() -> None:
    a = Section(label="1", text="", line=1, start=0, end=2)
    b = Section(label="2", text="", line=3, start=5, end=9)
    a.heading = "Mục tiêu"
    assert a.model_fields_set == {"label", "text", "line", "start", "end", "heading"}
    assert b.model_fields_set == Section(label="9", text="", line=1, start=0, end=1).model_fields_set
    assert "heading" not in b.model_fields_set
    assert b.model_dump(exclude_unset=True) == {"label": "2", "text": "", "line": 3, "start": 5, "end": 9}


def test_setting_a_field_or_copying_changes_no_other_node() -> None:
    a, b = _full("1"), _full("2")
    a.heading = "Mục tiêu"
    changed = b.model_copy(update={"label": "3"})
    assert (a.heading, b.heading, b.label, changed.label) == ("Mục tiêu", None, "2", "3")
    assert b.model_fields_set == changed.model_fields_set == set(Section.model_fields)
    assert copy.copy(a) == a
    assert pickle.loads(pickle.dumps(a)) == a


def test_a_copy_naming_a_non_field_does_not_leak_into_other_nodes() -> None:
    a, b = _full("1"), _full("2")
    odd = a.model_copy(update={"not_a_field": 1})
    assert "not_a_field" in odd.model_fields_set
    assert (
        a.model_fields_set == b.model_fields_set == _full("3").model_fields_set == set(Section.model_fields)
    )


def test_an_update_in_place_gives_what_a_copy_with_that_update_gives() -> None:
    node = Section(label="1", text="", line=1, start=0, end=2)
    copied = node.model_copy(update={"heading": "Mục tiêu", "label": "2"})
    node.update_in_place({"heading": "Mục tiêu", "label": "2"})
    assert node == copied
    assert (
        node.model_fields_set
        == copied.model_fields_set
        == {"label", "text", "line", "start", "end", "heading"}
    )
    assert node.model_dump_json() == copied.model_dump_json()
    assert node.__pydantic_fields_set__ is copied.__pydantic_fields_set__  # shared again
