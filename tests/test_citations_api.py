"""The citation library API (nq57parse.cite): the README's examples run as doctests, and the API's edges."""

from __future__ import annotations

import doctest
import unicodedata
from pathlib import Path

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from nq57parse.cite import RECORD_FIELDS, annotate, find_citations, records, resolve_citations

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_examples_run_as_doctests():
    text = README.read_text(encoding="utf-8")
    section = text.split("<!-- cite-api:start -->")[1].split("<!-- cite-api:end -->")[0]
    test = doctest.DocTestParser().get_doctest(section, {}, "README cite-api", str(README), 0)
    assert len(test.examples) >= 15
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_records_are_the_rows_the_cite_command_writes_as_csv(tmp_path):
    import csv
    import io

    from typer.testing import CliRunner

    from nq57parse.cli import app
    from nq57parse.commands.cite import csv_value

    text = "Căn cứ Nghị định số 42/2025/NĐ-CP ngày 27/02/2025;\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["cite", str(path), "--format", "csv"])
    assert result.exit_code == 0
    out = result.stdout
    written = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    mine = records(resolve_citations(find_citations(text)).citations, file=str(path))
    assert list(written[0]) == list(RECORD_FIELDS) == list(mine[0])
    assert [{k: str(csv_value(v)) for k, v in row.items()} for row in mine] == written


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t,
        lambda t: unicodedata.normalize("NFD", t),
        lambda t: t.replace("\n", "\r\n"),
        lambda t: t.replace("Đ", "Ð"),
        lambda t: t.replace(" số", "\u200b số"),
    ],
    ids=["nfc", "nfd", "crlf", "eth", "zero-width"],
)
def test_offsets_are_into_the_text_given_in_every_form_of_it(variant):
    base = (
        "Căn cứ Nghị định số 42/2025/NĐ-CP ngày 27/02/2025 của Chính phủ;\nThực hiện Kế hoạch số 23-KH/ĐU.\n"
    )
    text = variant(base)
    found = resolve_citations(find_citations(text)).citations
    assert [c.target for c in found] == ["42/2025/NĐ-CP", "23-KH/ĐU"]
    for c in found:
        assert text[c.start : c.end] == c.text
        assert (
            unicodedata.normalize("NFC", c.text)
            .replace("Ð", "Đ")
            .replace("\u200b", "")
            .startswith(("Nghị định", "Kế hoạch"))
        )


@settings(max_examples=examples(50), deadline=None)
@given(st.sampled_from(["NFC", "NFD"]), st.text(alphabet="ab \n,.;", max_size=30))
def test_annotating_with_the_span_itself_gives_the_text_back(form, noise):
    text = unicodedata.normalize(form, noise + "Căn cứ Quyết định số 2121/QĐ-BYT; Luật Đấu thầu." + noise)
    found = find_citations(text)
    assert annotate(text, found, "{text}") == text
    assert annotate(text, found, lambda c, span: span) == text


def test_a_function_template_and_refusals():
    text = "theo Quyết định số 2121/QĐ-BYT."
    found = resolve_citations(find_citations(text)).citations
    assert annotate(text, found, lambda c, span: f"[{c.target}]") == "theo [2121/QĐ-BYT]."
    with pytest.raises(ValueError, match="overlap"):
        annotate(text, [found[0], found[0]], "x")
    with pytest.raises(TypeError, match="str"):
        find_citations(b"bytes")  # type: ignore[arg-type]


def test_a_registry_file_path_is_read(tmp_path):
    reg = tmp_path / "r.yaml"
    reg.write_text('documents:\n  - {id: 43/KH-UBND, date: "2025-02-14"}\n', encoding="utf-8")
    refs = resolve_citations(find_citations("Kế hoạch số 43/KH-UBND"), registry=str(reg)).references
    assert [(r.id, r.date, r.known) for r in refs] == [("43/KH-UBND", "2025-02-14", True)]


def test_the_cite_table_shows_a_named_laws_version_where_no_number_was_printed(tmp_path):
    from typer.testing import CliRunner

    from nq57parse.cli import app

    path = tmp_path / "a.txt"
    path.write_text(
        "QUYẾT ĐỊNH\nHà Nội, ngày 5 tháng 3 năm 2025\nCăn cứ Luật Giao dịch điện tử;\nĐiều 1. Ban hành.\n",
        encoding="utf-8",
    )
    out = tmp_path / "cites.txt"
    result = CliRunner().invoke(app, ["cite", str(path), "--format", "table", "-o", str(out)])
    assert result.exit_code == 0
    assert "≈" in out.read_text(encoding="utf-8")
