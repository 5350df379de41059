"""`nq57parse rule NQ301`: a validation rule's explanation and examples, from the catalogue.

In: a rule code (any case), or none to list every rule. Out: the rule's code, description, severity,
what it applies to, and its bad and good examples (``data/rules.yaml``), as text or ``--format json``;
exit 2 for a code not in the catalogue.
"""

from __future__ import annotations

import typer

from ._common import fail, format_option, output_format, write_output

FORMATS = ("text", "json")
APPLIES = {"all": "all documents", "decision": "decisions (not plans or news)"}


def rule_command(
    code: str | None = typer.Argument(None, metavar="CODE", help="A rule code (NQ301); none lists them all."),
    fmt: str = format_option(FORMATS, "Output format.", default="text"),
) -> None:
    """Explain a validation rule, with an example of text it flags and of text it accepts."""
    from ..export import to_json
    from ..rules import catalogue

    fmt = output_format(fmt, None, FORMATS, "text") or "text"
    rules = catalogue()
    if code is None:
        if fmt == "json":
            write_output(to_json([_record(c, rules[c]) for c in sorted(rules)]), None)
        else:
            width = max(len(c) for c in rules)
            write_output("".join(f"{c:<{width}}  {rules[c]['description']}\n" for c in sorted(rules)), None)
        return
    key = code.strip().upper()
    if key not in rules:
        fail(f"no rule {code!r}; `nq57parse rule` lists them all")
    record = _record(key, rules[key])
    if fmt == "json":
        write_output(to_json(record), None)
        return
    write_output(
        f"{key}: {record['description']}\n\n"
        f"Severity: {record['severity']} (change it in the settings: [tool.nq57parse.severity])\n"
        f"Applies to: {APPLIES.get(record['applies'], record['applies'])}\n\n"
        f"Flagged:   {record['bad']}\nAccepted:  {record['good']}\n\n"
        f"Silence one finding: `nq57parse: ignore {key}` at the end of its line; "
        f"all of them: --ignore {key}\n",
        None,
    )


def _record(code: str, meta: dict) -> dict:
    return {
        "code": code,
        "description": meta["description"],
        "severity": meta["severity"],
        "applies": meta["applies"],
        "bad": meta["bad"],
        "good": meta["good"],
    }
