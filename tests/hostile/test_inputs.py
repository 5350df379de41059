"""Hostile inputs (issue #17): each class ends in a result or one line with exit 2, in bounded time.

The inputs are made by ``hostile.cases`` at a small size; ``bench/bench_hostile.py`` measures how
time and peak memory grow with them. Here only completion under a generous bound is asserted.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import NQ57PARSE, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hostile.cases import CASES, registry_alias_bomb
from nq57parse.cli import app
from nq57parse.csvsafe import safe_cell, safe_row
from nq57parse.datafiles import UnsafeYaml, parse_user_yaml
from nq57parse.errors import InputError
from nq57parse.html_reader import decode_html, html_to_text
from nq57parse.html_tokens import tokens
from nq57parse.read import decode_bytes, read_bytes

# case → (exit code, what the one line on stderr says, or what the output holds)
EXPECTED = {
    "html_unclosed_tags": (0, "Ngay truoc"),
    "html_unclosed_comments": (0, "Truoc"),
    "html_broken_end_tags": (0, "Truoc"),
    "html_processing_instructions": (0, "Truoc"),
    "html_deep_nesting": (0, "Nội dung"),
    "html_dropped_nesting": (0, "Truoc"),
    "html_one_line_of_pieces": (0, "xxxxxxxxxx"),
    "html_span_amplification": (2, "its tables expand to over 200,000 cells"),
    "docx_zip_bomb": (2, "unpacks to 100,000,"),
    "docx_line_breaks": (0, "Hết"),
    "docx_grid_span": (2, "its tables expand to over 200,000 cells"),
    "docx_vertical_merge": (0, "Việc"),
    "docx_wrong_root": (2, "its main part is not a w:document"),
    "docx_many_paragraphs": (0, "Nội dung"),
    "docx_huge_numbers": (0, '"x x"'),
    "html_huge_numbers": (0, '"TT Ten"'),
    "text_sentence_of_short_lines": (0, "Căn cứ Luật số 15/2023/QH15"),
}


def test_every_case_has_an_expected_outcome():
    assert set(EXPECTED) == set(CASES)


def _extract(path: Path, via: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``nq57parse extract path``: in this process through the command's
    app, or through the installed console script in its own process."""
    if via == "app":
        result = CliRunner().invoke(app, ["extract", str(path)], prog_name="nq57parse")
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result.exit_code, result.stdout, result.stderr
    proc = subprocess.run(
        [NQ57PARSE, "extract", str(path)],
        capture_output=True,
        text=True,
        timeout=120,  # a hang shows here; the real time bound is measured by bench_hostile.py
    )
    return proc.returncode, proc.stdout, proc.stderr


# The default run drives the command in-process; the console script (a process per case) runs in .ci/run.
# A document of thousands of paragraphs takes seconds to parse: only in the slow run.
VIA = ["app", pytest.param("console_script", marks=pytest.mark.slow)]
SLOW_CASES = {"docx_many_paragraphs"}


@pytest.mark.parametrize("via", VIA)
@pytest.mark.parametrize(
    "case", [pytest.param(c, marks=pytest.mark.slow) if c in SLOW_CASES else c for c in sorted(CASES)]
)
def test_a_hostile_input_ends_in_a_result_or_one_line_with_exit_2(
    case: str, via: str, tmp_path: Path
) -> None:
    if case.startswith("docx"):
        pytest.importorskip("docx")
    generate, base = CASES[case]
    name, data = generate(base // 10 if case.startswith(("html", "text")) else base)
    path = tmp_path / name
    path.write_bytes(data)
    returncode, stdout, stderr = _extract(path, via)
    code, words = EXPECTED[case]
    assert "Traceback" not in stderr
    assert returncode == code, stderr
    if code == 2:
        assert stderr.count("\n") == 1
        assert stderr.startswith(f"nq57parse: {path}: ")
        assert words in stderr
    else:
        assert words in stdout


# --- the HTML tokenizer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<a title=\"x>y\" href='/a'>Điều 1</a>", [("start", "a"), ("text", "Điều 1"), ("end", "a")]),
        ("a < b &amp; c", [("text", "a < b & c")]),
        ("x<!-- <p>bỏ</p> -->y", [("text", "xy")]),
        ("x<!-->y<!--->z", [("text", "xyz")]),
        ("x<!DOCTYPE html><?php echo ?>y", [("text", "xy")]),
        ("x</ p>y</>z", [("text", "xyz")]),
        (
            "<script>if (a<b) '</p>'</script>",
            [("start", "script"), ("text", "if (a<b) '</p>'"), ("end", "script")],
        ),
        ("<title>A &amp; B</title>", [("start", "title"), ("text", "A & B"), ("end", "title")]),
        ("<P CLASS=x>t</P >", [("start", "p"), ("text", "t"), ("end", "p")]),
        ("t<a href='never closed>u", [("text", "t")]),
        ("t<!-- never closed", [("text", "t")]),
        ("<plaintext><b>x", [("start", "plaintext"), ("text", "<b>x")]),
    ],
)
def test_the_tokenizer_reads_markup_as_an_html5_tokenizer_does(markup: str, expected: list) -> None:
    assert [(kind, name) for kind, name, _, _ in tokens(markup)] == expected


def test_attribute_values_are_decoded_and_self_closing_tags_marked() -> None:
    assert list(tokens('<td colspan="2" title="a&amp;b"/>')) == [
        ("start", "td", (("colspan", "2"), ("title", "a&b")), True)
    ]


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/!?-='\" abcp&;#x\n")), max_size=200))
def test_any_markup_tokenizes_and_reads_without_raising(markup: str) -> None:
    text_length = sum(len(name) for kind, name, _, _ in tokens(markup) if kind == "text")
    assert text_length <= len(markup)
    assert isinstance(html_to_text(markup), str)


@settings(max_examples=examples(100), deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="<&", blacklist_categories=["Cs"]), min_size=1))
def test_text_without_markup_is_one_text_token_as_it_is(text: str) -> None:
    assert list(tokens(text)) == [("text", text, (), False)]


# --- charsets --------------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["rot13", "base64", "cp037", "utf-32", "no-such-codec"])
def test_a_meta_charset_that_is_no_ascii_compatible_text_encoding_is_not_believed(codec: str) -> None:
    data = f'<meta charset="{codec}"><p>Hà Nội</p>'.encode()
    markup, charset = decode_html(data, "page.html")
    assert (charset, "Hà Nội" in markup) == ("utf-8", True)


def test_utf16_html_without_a_bom_is_read_as_utf16() -> None:
    data = "<html><body><p>QUYẾT ĐỊNH số 12</p></body></html>".encode("utf-16-le")
    raw = decode_bytes(data, path="page.html")
    assert (raw.encoding, raw.text) == ("html+utf-16-le", "QUYẾT ĐỊNH số 12\n")


# --- bytes read and empty input -------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_without_end_is_read_only_to_the_limit() -> None:
    data = read_bytes("/dev/zero", max_bytes=1000)
    assert len(data) == 1001
    with pytest.raises(InputError, match=r"/dev/zero: too large \(over 1000 bytes"):
        decode_bytes(data, path="/dev/zero", max_bytes=1000)


@pytest.mark.parametrize("text", ["\u200b\u200c\u200d\n", "\ufeff\u00ad \n\u2060", "\u200b" * 5000 + "\n"])
def test_input_of_only_invisible_characters_is_empty(text: str) -> None:
    with pytest.raises(InputError, match="is empty"):
        decode_bytes(text.encode(), path="a.txt")


# --- registry YAML ----------------------------------------------------------------------------------


def test_a_registry_of_nested_aliases_is_refused_before_it_expands(tmp_path: Path) -> None:
    name, data = registry_alias_bomb(0)
    assert len(data) < 1000
    path = tmp_path / name
    path.write_bytes(data)
    proc = subprocess.run(
        [NQ57PARSE, "extract", "--registry", str(path), "-"],
        input="Căn cứ Luật Đất đai.\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr == f"nq57parse: {path}: registry refused: aliases (*a0) are not allowed, line 2\n"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a: &x [1]\nb: *x\n", "aliases (*x) are not allowed, line 2"),
        ("documents: " + "[" * 70 + "]" * 70 + "\n", "nested more than 64 levels, line 1"),
    ],
)
def test_user_yaml_refuses_aliases_and_deep_nesting(text: str, reason: str) -> None:
    with pytest.raises(UnsafeYaml) as err:
        parse_user_yaml(text)
    assert str(err.value) == reason


def test_user_yaml_loads_an_ordinary_registry() -> None:
    assert parse_user_yaml("documents:\n  - id: 15/2023/QH15\n    names: [Luật X]\n") == {
        "documents": [{"id": "15/2023/QH15", "names": ["Luật X"]}]
    }


# --- CSV cells --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("- Sở Y tế", "'- Sở Y tế"),
        ("-5", "-5"),
        ("+84", "+84"),
        ("-1.5", "-1.5"),
        ("Quý IV/2025", "Quý IV/2025"),
        ("", ""),
        (None, None),
        (3, 3),
    ],
)
def test_a_csv_cell_that_a_spreadsheet_would_run_is_written_as_text(value, written) -> None:
    assert safe_cell(value) == written


@given(st.dictionaries(st.sampled_from(["a", "b", "c"]), st.text(max_size=20)))
def test_no_cell_of_a_safe_row_starts_a_formula_unless_it_is_a_plain_number(row: dict) -> None:
    for value in safe_row(row).values():
        if value.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert value.lstrip("+-").replace(".", "").replace(",", "").isdigit()


def test_table_csv_escapes_a_formula_in_a_cell(tmp_path: Path) -> None:
    text = (
        "PHỤ LỤC\n| TT | Nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n"
        '| 1. | =HYPERLINK("http://x") | @Sở Y tế | Quý IV/2025 |\n'
    )
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["table", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert "'=HYPERLINK" in result.stdout
    assert "'@Sở Y tế" in result.stdout
    assert ",=" not in result.stdout and ",@" not in result.stdout


# --- file names ------------------------------------------------------------------------------------


@given(st.binary(min_size=1, max_size=30))
def test_any_file_name_prints_as_printable_utf8_text(raw: bytes) -> None:
    import os

    from nq57parse.errors import printable

    shown = printable(os.fsdecode(raw))
    shown.encode("utf-8")
    assert all(ch.isprintable() or ord(ch) > 255 for ch in shown)
    if raw.isascii() and raw.decode().isprintable():
        assert shown == raw.decode()


def test_an_escape_character_in_a_file_name_does_not_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "bad\x1b[2J.txt"
    path.write_bytes(b"")
    proc = subprocess.run([NQ57PARSE, "extract", str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "\x1b" not in proc.stderr
    assert proc.stderr == f"nq57parse: {tmp_path}/bad\\x1b[2J.txt: is empty (no text to parse)\n"
