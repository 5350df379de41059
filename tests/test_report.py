"""`nq57parse report` without a browser: the page is self-contained and its links resolve
(views/report.py, commands/report.py). The browser test is tests/test_report_browser.py."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import SAMPLES
from typer.testing import CliRunner

from nq57parse.cli import app

runner = CliRunner()
DECISION = SAMPLES / "quyet-dinh-2121-QD-BYT.txt"
MEMO = "Thực hiện Quyết định số 2121/QĐ-BYT ngày 26/6/2025 của Bộ Y tế, Sở Y tế triển khai như sau.\n"


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "memo.txt").write_text(MEMO, encoding="utf-8")
    out = folder / "report.html"
    result = runner.invoke(app, ["report", str(DECISION), str(folder / "memo.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_the_page_fetches_nothing(page):
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<(link|img|iframe)\b", page)
    assert not re.search(r"""<script[^>]*\bsrc=|@import|url\(""", page)
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page)


def test_every_link_inside_the_page_has_its_target(page):
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets and targets <= ids


def test_citations_are_highlighted_and_linked_to_their_reference(page):
    section = page[page.index('<section class="doc" id="d0">') : page.index('<section class="doc" id="d1">')]
    links = re.findall(r'<a class="cite" href="#(d0-ref\d+)">([^<]+)</a>', section)
    assert any(text.startswith("Nghị quyết số 57-NQ/TW") for _, text in links)
    ref = next(ref for ref, text in links if text.startswith("Nghị quyết số 57-NQ/TW"))
    entry = re.search(rf'<li id="{ref}">(.*?)</li>', section).group(1)
    assert '<span class="target">57-NQ/TW</span>' in entry


def test_a_cited_document_that_is_an_input_links_to_it(page):
    memo = page[page.index('<section class="doc" id="d1">') :]
    entry = re.search(r'<li id="d1-ref\d+"><span class="target">2121/QĐ-BYT</span>(.*?)</li>', memo).group(1)
    assert 'href="#d0"' in entry


def test_diagnostics_sit_beside_their_lines_and_tables_sort(page):
    line = re.search(r'<div class="ln-row has-diag" id="d0-L214">.*?</div>', page).group(0)
    assert 'class="diag warning"' in line and "NQ303" in line
    assert '<table class="data">' in page and "Filter rows" in page
    assert "sortBy" in page  # the script is inline


def test_without_graphviz_the_graph_is_a_list(tmp_path, monkeypatch):
    import nq57parse.views.report as report

    monkeypatch.setattr(report.shutil, "which", lambda name: None)
    out = tmp_path / "r.html"
    assert runner.invoke(app, ["report", str(DECISION), "-o", str(out)]).exit_code == 0
    graph = out.read_text(encoding="utf-8").split('id="graph"', 1)[1]
    assert "<svg" not in graph and "2121/QĐ-BYT — replaces ×1 → 787/QĐ-BYT" in graph


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz (dot) not installed")
def test_with_graphviz_the_graph_is_inline_svg_with_clickable_inputs(page):
    graph = page.split('id="graph"', 1)[1]
    assert "<svg" in graph and "<?xml" not in graph
    assert 'xlink:href="#d0"' in graph or 'href="#d0"' in graph


def test_unreadable_input_is_one_line_and_exit_2(tmp_path):
    result = runner.invoke(app, ["report", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "missing.txt" in result.stderr
    wrong = runner.invoke(app, ["report", str(DECISION), "-o", str(tmp_path / "r.csv")])
    assert wrong.exit_code == 2 and "does not write csv" in wrong.stderr
