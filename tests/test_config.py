"""Settings of ``nq57parse validate``: where they are found and what a bad file says."""

from __future__ import annotations

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
    write(tmp_path / "broken" / "pyproject.toml", "[tool.nq57parse\n")
    assert find_config(tmp_path / "pkg") == top
    assert find_config(tmp_path / "broken") == top  # a pyproject that does not parse is not ours to judge


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
