"""Settings of ``nq57parse validate``: where they are found and what a bad file says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nq57parse.config import Config, ConfigError, find_config, load_config


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_finds_the_nearest_settings_file_walking_up(tmp_path) -> None:
    top = write(tmp_path / ".nq57parse.yaml", "strict: true\n")
    near = write(tmp_path / "a" / "pyproject.toml", "[tool.nq57parse]\nignore = ['NQ501']\n")
    assert find_config(tmp_path / "a" / "b" / "c") == near
    assert find_config(tmp_path / "a") == near
    assert find_config(tmp_path) == top


def test_passes_over_a_pyproject_without_a_nq57parse_table(tmp_path) -> None:
    top = write(tmp_path / "pyproject.toml", "[tool.nq57parse]\nstrict = true\n")
    write(tmp_path / "pkg" / "pyproject.toml", "[project]\nname = 'pkg'\n\n[tool.ruff]\nline-length = 100\n")
    write(tmp_path / "broken" / "pyproject.toml", "[tool.ruff\n")
    ours = write(tmp_path / "ours" / "pyproject.toml", "[project]\n\n[tool.nq57parse\nstrict = true\n")
    assert find_config(tmp_path / "pkg") == top
    assert find_config(tmp_path / "broken") == top  # a broken pyproject that is not about us
    assert find_config(tmp_path / "ours") == ours  # broken settings of ours: an error, not skipped
    with pytest.raises(ConfigError, match="not valid"):
        load_config(ours)


def test_a_dot_yaml_file_wins_over_pyproject_in_the_same_folder(tmp_path) -> None:
    yaml = write(tmp_path / ".nq57parse.yaml", "select: [NQ1]\n")
    write(tmp_path / "pyproject.toml", "[tool.nq57parse]\nselect = ['NQ2']\n")
    assert find_config(tmp_path) == yaml
    assert load_config(yaml).select == frozenset({"NQ1"})


def test_finds_nothing_when_no_folder_holds_settings(tmp_path) -> None:
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config(tmp_path) is None


def test_reads_every_key_from_a_pyproject_table(tmp_path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[tool.nq57parse]\nselect = ["NQ1", "NQ202"]\nignore = ["NQ501"]\nstrict = true\n\n'
        '[tool.nq57parse.severity]\nNQ303 = "info"\nNQ107 = "off"\n',
    )
    assert load_config(path) == Config(
        select=frozenset({"NQ1", "NQ202"}),
        ignore=frozenset({"NQ501"}),
        severity={"NQ303": "info", "NQ107": "off"},
        strict=True,
        source=str(path),
    )


def test_a_comma_separated_string_is_a_list_of_codes(tmp_path) -> None:
    path = write(tmp_path / ".nq57parse.yaml", "ignore: NQ501, NQ307\n")
    assert load_config(path).ignore == frozenset({"NQ501", "NQ307"})


def test_an_empty_yaml_file_means_the_defaults(tmp_path) -> None:
    path = write(tmp_path / ".nq57parse.yaml", "# nothing yet\n")
    assert load_config(path) == Config(source=str(path))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (".nq57parse.yaml", "- NQ101\n", "the settings must be a table of keys"),
        (
            ".nq57parse.yaml",
            "severity: [NQ101]\n",
            "'severity' must map rule codes to error, warning, info, off",
        ),
        (".nq57parse.yaml", "severity: {NQ101: loud}\n", "severity of NQ101 is 'loud'"),
        (".nq57parse.yaml", "ignore: {NQ101: 1}\n", "'ignore' must be a list of rule codes or prefixes"),
        (".nq57parse.yaml", "select: [1, 2]\n", "'select' must be a list of rule codes or prefixes"),
        (".nq57parse.yaml", "strict: yes please\n", "'strict' must be true or false"),
        ("pyproject.toml", "[tool.nq57parse]\nstrickt = true\n", "unknown key 'strickt'"),
        ("pyproject.toml", "[tool.nq57parse]\nselect = [\n", "not valid"),
    ],
)
def test_a_bad_file_is_one_error_line_naming_the_file(tmp_path, name, content, message) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_file_that_is_not_utf8_cannot_be_read(tmp_path) -> None:
    path = tmp_path / ".nq57parse.yaml"
    path.write_bytes(b"strict: \xff\xfe\n")
    with pytest.raises(ConfigError, match=r"cannot be read \(UnicodeDecodeError\)"):
        load_config(path)


def test_a_missing_explicit_settings_file_is_a_usage_error(tmp_path) -> None:
    from typer.testing import CliRunner

    from nq57parse.cli import app

    doc = write(tmp_path / "d.txt", "QUYẾT ĐỊNH\nĐiều 1. Một.\n")
    result = CliRunner().invoke(app, ["validate", str(doc), "--config", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"nq57parse: {tmp_path / 'nope.yaml'}: no such settings file"
    ]


def test_an_unquoted_off_in_yaml_turns_a_rule_off(tmp_path) -> None:
    path = write(tmp_path / ".nq57parse.yaml", "severity:\n  NQ309: off\n  NQ303: info\n")
    assert load_config(path).severity == {"NQ309": "off", "NQ303": "info"}


def test_codes_are_read_in_any_case_and_kept_upper_case(tmp_path) -> None:
    path = write(
        tmp_path / ".nq57parse.yaml", "select: [nq1, NQ202]\nignore: nq501\nseverity: {nq303: info}\n"
    )
    config = load_config(path)
    assert (config.select, config.ignore, config.severity) == (
        frozenset({"NQ1", "NQ202"}),
        frozenset({"NQ501"}),
        {"NQ303": "info"},
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "ignore: [NQ3O3]\n",
            "'ignore' holds 'NQ3O3', not a rule code or prefix (NQ and up to three digits)",
        ),
        (
            "select: [NQ1, E501]\n",
            "'select' holds 'E501', not a rule code or prefix (NQ and up to three digits)",
        ),
        (
            "select: [NQ1234]\n",
            "'select' holds 'NQ1234', not a rule code or prefix (NQ and up to three digits)",
        ),
        ("severity: {NQ30: info}\n", "severity is set for 'NQ30', not a rule code (NQ and three digits)"),
        ("severity: {NQ303: on}\n", "severity of NQ303 is True, not one of error, warning, info, off"),
    ],
)
def test_a_code_that_could_match_nothing_is_refused(tmp_path, content, message) -> None:
    path = write(tmp_path / ".nq57parse.yaml", content)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}: {message}"


def test_code_prefixes_split_a_command_line_value() -> None:
    from nq57parse.config import code_prefixes

    assert code_prefixes(" nq1, NQ202 ,,") == frozenset({"NQ1", "NQ202"})
    assert code_prefixes("") == frozenset()
    with pytest.raises(ValueError, match="holds 'NQ-1'"):
        code_prefixes("NQ-1")


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_a_malformed_code_on_the_command_line_is_a_usage_error(tmp_path, flag) -> None:
    from typer.testing import CliRunner

    from nq57parse.cli import app

    doc = write(tmp_path / "d.txt", "QUYẾT ĐỊNH\nĐiều 1. Một.\n")
    result = CliRunner().invoke(app, ["validate", str(doc), "--no-config", flag, "NQ3,303"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "nq57parse: --select/--ignore holds '303', not a rule code or prefix (NQ and up to three digits)"
    ]


def test_a_lower_case_code_on_the_command_line_selects_its_rule(tmp_path) -> None:
    from typer.testing import CliRunner

    from nq57parse.cli import app

    doc = write(tmp_path / "d.txt", "QUYẾT ĐỊNH\nĐiều 1. Một.\nĐiều 3. Ba.\n")
    result = CliRunner().invoke(app, ["validate", str(doc), "--no-config", "--select", "nq006", "-f", "json"])
    assert [(f["code"], f["line"]) for f in json.loads(result.stdout)] == [("NQ006", 3)]
