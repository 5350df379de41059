"""JSON and YAML written in pieces are the whole texts, byte for byte; libyaml's emitter writes what
the pure-Python one did on every sample, and where they differ (U+0085) it is the pure-Python one that
lost the character; ``extract`` writes the same to stdout and to ``-o``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import NQ57PARSE, SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from nq57parse.export import _PythonDumper, json_chunks, to_data, to_json, to_yaml, yaml_chunks
from nq57parse.models import Diagnostic
from nq57parse.pipeline import parse_file, parse_text

SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


def _python_yaml(obj: object) -> str:
    return yaml.dump(to_data(obj), Dumper=_PythonDumper, allow_unicode=True, sort_keys=False, width=1_000_000)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_the_pieces_join_to_the_whole_text_and_the_c_emitter_writes_the_python_text(path: Path) -> None:
    doc = parse_file(path)
    assert "".join(json_chunks(doc)) == to_json(doc)
    assert "".join(yaml_chunks(doc)) == to_yaml(doc) == _python_yaml(doc)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_any_text_in_a_node_is_written_the_same_in_pieces_and_loads_as_the_json(text: str) -> None:
    doc = parse_text("Điều 1. " + text)
    doc = doc.model_copy(update={"diagnostics": [Diagnostic(severity="info", code="NQ999", message=text)]})
    assert "".join(json_chunks(doc)) == to_json(doc)
    assert "".join(yaml_chunks(doc)) == to_yaml(doc)
    assert yaml.safe_load(to_yaml(doc)) == json.loads(to_json(doc))
    if to_yaml(doc) != _python_yaml(doc):  # only where the pure-Python emitter loses a character
        assert yaml.safe_load(_python_yaml(doc)) != json.loads(to_json(doc))


def test_a_next_line_character_survives_yaml() -> None:
    """U+0085: the pure-Python emitter wrote it raw inside a quoted scalar, read back as a space."""
    doc = parse_text("Điều 1. a\x85b")
    assert yaml.safe_load(to_yaml(doc)) == json.loads(to_json(doc))
    assert yaml.safe_load(_python_yaml(doc)) != json.loads(to_json(doc))


def test_a_list_or_plain_data_is_written_whole() -> None:
    data = [{"a": 1}, {"b": "Việt"}]
    assert "".join(json_chunks(data)) == to_json(data)
    assert "".join(yaml_chunks(data)) == to_yaml(data)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_extract_writes_the_same_to_stdout_and_to_a_file(tmp_path: Path, fmt: str) -> None:
    seed = SAMPLES / "quyet-dinh-2121-QD-BYT.txt"
    out = tmp_path / "sub" / f"seed.{fmt}"
    shown = subprocess.run(
        [NQ57PARSE, "extract", str(seed), "--format", fmt], capture_output=True, check=True
    )
    subprocess.run([NQ57PARSE, "extract", str(seed), "-o", str(out)], check=True)
    doc = parse_file(seed)
    assert (
        shown.stdout.decode("utf-8")
        == out.read_text(encoding="utf-8")
        == (to_json(doc) if fmt == "json" else to_yaml(doc))
    )


def test_an_unwritable_output_is_one_line_and_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    seed = SAMPLES / "quyet-dinh-2121-QD-BYT.txt"
    run = subprocess.run(
        [NQ57PARSE, "extract", str(seed), "-o", str(blocker / "x.json")], capture_output=True, text=True
    )
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "cannot write output" in run.stderr
