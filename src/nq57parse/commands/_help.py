"""Clean help text on the typer versions pip installs: no ``<bool>``, ``<str>`` or ``<list[str]>``.

In: typer's command and group classes. Out: subclasses (``cls=`` of every command) that, before help
is drawn, give flags no value placeholder, arguments and options their metavar (``FILE``, ``OUT``,
``N``; the parameter's name in capitals when none was given) and write the usage line as
``nq57parse cite [OPTIONS] FILE...``. Choice options (``--format``) keep their list of choices.
Typer versions without these hooks are left as they are (the help tests tell).
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand, TyperGroup


def _is_choice(param: Any) -> bool:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None:
        return bool(getattr(descriptor, "is_choice", False))
    return hasattr(getattr(param, "type", None), "choices")


def _no_type(ctx: Any = None) -> None:
    return None


def tidy(param: Any) -> None:
    """Give one parameter a clean placeholder (idempotent)."""
    if getattr(param, "param_type_name", "") == "argument":
        if param.metavar is None:
            param.metavar = (param.name or "ARG").upper()
        param.display_type_rich = _no_type  # the name column already shows the metavar
        return
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        param.metavar = ""
    elif param.metavar is None and not _is_choice(param):
        param.metavar = (param.name or "VALUE").upper()


def usage_pieces(command: Any, ctx: Any) -> list[str]:
    """``[OPTIONS] FILE...`` (optional arguments in brackets)."""
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if getattr(param, "param_type_name", "") != "argument":
            continue
        name = param.metavar or (param.name or "ARG").upper()
        if param.nargs != 1:
            name += "..."
        pieces.append(name if param.required else f"[{name}]")
    return pieces


class _TidyParams:
    """Mixin: every parameter tidied before help (or anything else) reads it."""

    def get_params(self, ctx: Any) -> list:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            tidy(param)
        return params


class CleanCommand(_TidyParams, TyperCommand):
    """A typer command whose help shows metavars instead of Python type names."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return usage_pieces(self, ctx)


class CleanGroup(_TidyParams, TyperGroup):
    """The root group, likewise (``--version``, ``--help``)."""
