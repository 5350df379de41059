"""The library API: ``nq57parse.parse_text`` / ``parse_file`` at the package top, picklable, stateless."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import nq57parse

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DECISION = SAMPLES / "quyet-dinh-2121-QD-BYT.txt"
PLAN = SAMPLES / "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt"


def test_parse_file_at_the_package_top_returns_the_document_model():
    doc = nq57parse.parse_file(str(DECISION))
    assert isinstance(doc, nq57parse.Document)
    assert doc.number is not None and doc.number.canonical == "2121/QĐ-BYT"
    assert doc.source.path == str(DECISION)
    assert doc.source.encoding == "utf-8"


def test_parse_text_at_the_package_top_keeps_the_path_it_is_given():
    doc = nq57parse.parse_text(DECISION.read_text(encoding="utf-8"), path="memo.txt")
    assert doc.source.path == "memo.txt"
    assert doc.number is not None and doc.number.canonical == "2121/QĐ-BYT"


def test_the_names_are_the_ones_of_their_modules():
    from nq57parse.errors import InputError
    from nq57parse.models import Document
    from nq57parse.pipeline import parse_file, parse_text

    assert (nq57parse.parse_file, nq57parse.parse_text) == (parse_file, parse_text)
    assert (nq57parse.Document, nq57parse.InputError) == (Document, InputError)
    assert set(nq57parse.__all__) == {"Document", "InputError", "__version__", "parse_file", "parse_text"}
    assert {"parse_file", "parse_text", "Document", "InputError"} <= set(dir(nq57parse))


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'parse_pdf'"):
        _ = nq57parse.parse_pdf


def test_importing_the_package_loads_no_parser_stage():
    code = "import sys, nq57parse; print(sorted(m for m in sys.modules if m.startswith('nq57parse')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['nq57parse']"


def test_parse_file_raises_input_error_with_one_line_for_an_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    with pytest.raises(nq57parse.InputError) as caught:
        nq57parse.parse_file(str(tmp_path / "empty.txt"))
    assert str(caught.value) == f"{tmp_path}/empty.txt: is empty (no text to parse)"


@pytest.mark.parametrize("path", [DECISION, PLAN], ids=lambda p: p.name)
def test_the_document_pickles_and_unpickles_equal(path):
    doc = nq57parse.parse_file(str(path))
    again = pickle.loads(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == doc
    assert again.model_dump(mode="json") == doc.model_dump(mode="json")


def test_two_calls_share_no_state():
    first = nq57parse.parse_file(str(DECISION))
    nq57parse.parse_file(str(PLAN))
    second = nq57parse.parse_file(str(DECISION))
    assert second == first
    assert second is not first
    first.citations.clear()
    first.recipients.append("changed")
    third = nq57parse.parse_file(str(DECISION))
    assert third == second
    assert third.citations and "changed" not in third.recipients


def test_the_input_error_pickles_with_its_path_and_reason():
    # In a fresh interpreter: importing distributed (test_dask) patches exception pickling (tblib).
    code = (
        "import pickle, nq57parse; e = pickle.loads(pickle.dumps(nq57parse.InputError('a.txt', 'is empty')));"
        "print(str(e), e.path, e.reason, sep='|')"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout == "a.txt: is empty|a.txt|is empty\n", proc.stderr


def test_a_parse_leaves_the_garbage_collector_as_it_found_it():
    import gc

    from nq57parse.pipeline import parse_text

    assert gc.isenabled()
    parse_text("QUYẾT ĐỊNH\nVề việc thử\n")
    assert gc.isenabled()
    gc.disable()
    try:
        parse_text("QUYẾT ĐỊNH\nVề việc thử\n")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_parses_in_threads_restore_the_collector_when_the_last_one_ends():
    import gc
    from concurrent.futures import ThreadPoolExecutor

    from nq57parse.pipeline import parse_text

    text = (SAMPLES / "quyet-dinh-2121-QD-BYT.txt").read_text(encoding="utf-8")
    with ThreadPoolExecutor(4) as pool:
        numbers = list(pool.map(lambda _: parse_text(text).number.canonical, range(8)))
    assert numbers == ["2121/QĐ-BYT"] * 8
    assert gc.isenabled()
