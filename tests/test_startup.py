"""Start-up of the command line (issue #18, "CLI"): what a command imports, and the start-up cache.

Each case runs in a fresh interpreter (``sys.modules`` and ``re`` are per process); none is timed
(speed is measured by ``bench/bench_speed.py --only cli``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES


def run(code: str, tmp_path: Path, *args: str, **env: str) -> str:
    """Run ``code`` in a fresh interpreter whose cache folder is under ``tmp_path``; its stdout."""
    environ = {
        k: v for k, v in os.environ.items() if k not in ("PYDANTIC_DISABLE_PLUGINS", "NQ57PARSE_NO_CACHE")
    }
    environ.update(XDG_CACHE_HOME=str(tmp_path / "cache"), **env)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=environ, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# The console script's main in this interpreter, then the modules it loaded (json, last line).
_MAIN = """
import contextlib, io, json, sys
sys.argv = ["nq57parse", *sys.argv[1:]]
from nq57parse.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        main()
    except SystemExit as exc:
        assert not exc.code, exc.code
print(out.getvalue()[:40].replace(chr(10), " "))
print(json.dumps(sorted(sys.modules)))
"""

HEAVY = ("rich", "lark", "pydantic.main", "pydantic_core", "typer._adapters", "nq57parse.models")


def test_version_loads_neither_rich_lark_nor_pydantic(tmp_path: Path) -> None:
    first, modules = run(_MAIN, tmp_path, "--version").splitlines()[-2:]
    assert first.startswith("nq57parse 0.")
    assert [m for m in HEAVY if m in json.loads(modules)] == []


def test_extract_skips_pydantics_plugin_lookup(tmp_path: Path) -> None:
    # the look-up reads every installed distribution's metadata for a `pydantic` entry point
    code = _MAIN + "from pydantic.plugin import _loader\nprint(_loader._plugins)"
    first, modules, plugins = run(code, tmp_path, "extract", str(SAMPLES / "chi-thi.txt")).splitlines()[-3:]
    assert first.startswith('{   "schema_version": "1.0"')
    assert "nq57parse.pipeline" in json.loads(modules)
    assert plugins == "None"  # never looked for


def test_importing_the_cli_changes_nothing_in_the_process(tmp_path: Path) -> None:
    # tests and scripts drive cli.app: only the console script's main() enables the cache
    code = (
        "import os, re._compiler as c; original = c.compile\n"
        "from nq57parse.cli import COMMANDS, app\n"
        "print(c.compile is original, 'PYDANTIC_DISABLE_PLUGINS' in os.environ, 'extract' in COMMANDS)"
    )
    assert run(code, tmp_path).split() == ["True", "False", "True"]
    assert not (tmp_path / "cache").exists()


# Patterns of every kind the engine has: groups, names, flags, bytes, look-arounds, Vietnamese letters.
PATTERNS = [
    (r"(?P<serial>\d+)/(?P<year>\d{4}/)?(?P<code>[A-ZĐ]+(?:-[A-ZĐ]+)*)", ""),
    (r"^điều\s+(\d+)[.:]", "IGNORECASE|MULTILINE"),
    (r"(?<![\w])(?:luật|nghị\s+định|thông\s+tư)(?![\w])", "IGNORECASE"),
    (r"a.c", "DOTALL"),
    (r"\bx+(?=y)", ""),
    (r"(a)|(b)|(?P<c>c) # a comment", "VERBOSE"),
]
TEXTS = [
    "Số: 2121/QĐ-BYT và 42/2025/NĐ-CP",
    "ĐIỀU 3. Một\nĐiều 4: Hai",
    "Luật Đất đai, nghị  định",
    "a\nc",
    "xxy",
]

_PATTERNS = """
import json, re, sys
from nq57parse import startup_cache
if sys.argv[1] == "no-parse":  # every pattern must come from the cache: the parser may not run
    import re._parser
    def refuse(*args, **kwargs):
        raise AssertionError("compiled afresh")
    re._parser.parse = refuse
enabled = startup_cache.enable()
out = []
for source, flags in json.loads(sys.argv[2]):
    flag = 0
    for name in filter(None, flags.split("|")):
        flag |= getattr(re, name)
    pattern = re.compile(source, flag)
    out.append([pattern.pattern, pattern.flags, pattern.groups, dict(pattern.groupindex),
                [[m.span(), m.groups()] for t in json.loads(sys.argv[3]) for m in pattern.finditer(t)]])
print(json.dumps({"enabled": enabled, "patterns": out}))
"""


def _patterns_run(tmp_path: Path, mode: str, **env: str) -> dict:
    return json.loads(run(_PATTERNS, tmp_path, mode, json.dumps(PATTERNS), json.dumps(TEXTS), **env))


def test_cached_patterns_are_the_patterns_a_fresh_compile_gives(tmp_path: Path) -> None:
    fresh = _patterns_run(tmp_path, "plain", NQ57PARSE_NO_CACHE="1")
    assert fresh["enabled"] is False
    first = _patterns_run(tmp_path, "plain")  # compiles and writes the cache
    assert first["enabled"] is True
    assert list((tmp_path / "cache" / "nq57parse").glob("startup-*.marshal"))
    again = _patterns_run(tmp_path, "no-parse")  # reads every pattern back
    assert first["patterns"] == fresh["patterns"] == again["patterns"]
    assert any(p[3] for p in again["patterns"])  # named groups came back too
    assert sum(len(p[4]) for p in again["patterns"]) >= 8


def test_bytes_patterns_come_back_too(tmp_path: Path) -> None:
    code = (
        "import re, sys\nfrom nq57parse import startup_cache\n"
        "if sys.argv[1] == '2':\n    import re._parser\n    re._parser.parse = lambda *a: 1 / 0\n"
        "startup_cache.enable()\n"
        r"p = re.compile(rb'\x00([\x80-\xff]+)')" + "\nprint(p.findall(b'a\\x00\\x81\\x82b'))"
    )
    assert run(code, tmp_path, "1") == run(code, tmp_path, "2") == "[b'\\x81\\x82']\n"


def test_a_damaged_cache_is_ignored_and_written_again(tmp_path: Path) -> None:
    fresh = _patterns_run(tmp_path, "plain")
    (path,) = (tmp_path / "cache" / "nq57parse").glob("startup-*.marshal")
    path.write_bytes(b"\x00not marshal at all")
    assert _patterns_run(tmp_path, "plain") == fresh
    assert _patterns_run(tmp_path, "no-parse") == fresh  # rewritten whole by the run before


def test_an_unwritable_cache_folder_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the folder should be")
    assert (
        _patterns_run(tmp_path, "plain")["patterns"]
        == _patterns_run(tmp_path, "plain", NQ57PARSE_NO_CACHE="1")["patterns"]
    )


_LIMITS = """
import json, marshal, re, sys
from nq57parse import startup_cache
startup_cache.MAX_PATTERNS = int(sys.argv[1])
startup_cache.enable()
for word in sys.argv[2:]:
    re.compile(word + "+")
startup_cache.save()
table = marshal.loads(startup_cache.cache_path().read_bytes())["regex"]
print(json.dumps(sorted(p for p, _ in table if isinstance(p, str))))
"""


def test_a_full_cache_keeps_only_the_last_runs_patterns(tmp_path: Path) -> None:
    def kept(limit: int, *words: str) -> list[str]:
        listed = json.loads(run(_LIMITS, tmp_path, str(limit), *words))
        return [p for p in listed if p.endswith("+") and len(p) == 3]

    baseline = len(json.loads(run(_LIMITS, tmp_path, "100000", "zz"))) - 1  # what any run compiles
    assert kept(baseline + 3, "aa", "bb") == ["aa+", "bb+", "zz+"]
    assert kept(baseline + 3, "cc", "dd") == ["cc+", "dd+"]  # over the limit: the first run's are gone
    assert kept(baseline + 1, "ee", "ff", "gg") == ["cc+", "dd+"]  # one run over the limit: not written


_DATA = """
import sys
from nq57parse import startup_cache
startup_cache.enable()
calls = []
def load(text):
    calls.append(text)
    return {"rows": [{"name": text, "n": 1, "ok": True, "none": None}], "words": ("a", "b")}
value = startup_cache.cached_data("table.yaml", sys.argv[1], load)
print(len(calls), value)
"""


def test_data_is_loaded_again_only_when_its_text_changed(tmp_path: Path) -> None:
    expected = "{'rows': [{'name': 'một', 'n': 1, 'ok': True, 'none': None}], 'words': ('a', 'b')}"
    assert run(_DATA, tmp_path, "một") == f"1 {expected}\n"
    assert run(_DATA, tmp_path, "một") == f"0 {expected}\n"  # from the cache, the same data
    assert run(_DATA, tmp_path, "hai").startswith("1 ")


def test_data_marshal_cannot_hold_is_loaded_every_time(tmp_path: Path) -> None:
    code = _DATA.replace('"words": ("a", "b")', '"when": __import__("datetime").date(2025, 1, 2)')
    assert run(code, tmp_path, "x").startswith("1 ")
    assert run(code, tmp_path, "x").startswith("1 ")


@pytest.mark.parametrize("name", ["registry.yaml", "structure.yaml"])
def test_bundled_data_through_the_cache_is_the_data_itself(tmp_path: Path, name: str) -> None:
    code = (
        "import json, sys\nfrom nq57parse import startup_cache\nstartup_cache.enable()\n"
        "from nq57parse.datafiles import data_file\nprint(json.dumps(data_file(sys.argv[1]), default=str))"
    )
    plain = run(code, tmp_path, name, NQ57PARSE_NO_CACHE="1")
    assert run(code, tmp_path, name) == plain
    assert run(code, tmp_path, name) == plain  # the second time from the cache
