"""The rule catalogue: one place that says how grave each finding code is.

In: a finding code (``NQ005``). Out: its entry in ``data/rules.yaml`` (severity, the kinds of document
it applies to, description, a bad and a good example), its severity, or a ``Diagnostic`` built with
that severity. The parser, the table stage and ``validate`` all take severities from here, so
``extract`` and ``validate`` grade a file alike.
"""

from __future__ import annotations

from typing import Any, cast

from .datafiles import data_file
from .models import Diagnostic, Severity, maker


def catalogue() -> dict[str, dict[str, Any]]:
    """Every rule of ``data/rules.yaml``, keyed by code."""
    return cast(dict[str, dict[str, Any]], data_file("rules.yaml"))


def severity(code: str) -> Severity:
    """The catalogued severity of ``code``; a code the catalogue lacks is an error of ours (KeyError)."""
    return cast(Severity, catalogue()[code]["severity"])


def diagnostic(code: str, message: str, line: int | None) -> Diagnostic:
    """A diagnostic for ``code`` with the catalogue's severity."""
    return maker(Diagnostic)(severity=severity(code), code=code, message=message, line=line)
