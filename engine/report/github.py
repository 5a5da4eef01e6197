"""GitHub Actions workflow commands: one annotation line per flag, on the article's own lines.

    ::warning file=seeds/a.txt,line=3,col=12,endLine=3,endColumn=39,title=claimrules%3A unattributed-claim::
    The claim … carries no source%0A“the quote” (fact-1, seeds/a.txt:3:12)%0Ahelp: Name who says so.

(one line; broken here for width)
"""

from __future__ import annotations

from ..model import CheckResult, Flag
from ..safety.sanitise import workflow_data, workflow_property
from .view import DEFAULT, View

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(result: CheckResult, *, color: bool = False, view: View = DEFAULT) -> str:
    """One line per flag in document order (with a baseline: new flags only, the ones a reviewer must see)."""
    return "".join(annotation(flag) + "\n" for flag in sorted(result.gating()))


def annotation(flag: Flag) -> str:
    properties = ",".join(f"{key}={workflow_property(str(value))}" for key, value in _properties(flag))
    return f"::{COMMANDS[flag.severity]} {properties}::{workflow_data(_message(flag))}"


def _properties(flag: Flag) -> list[tuple[str, object]]:
    first = flag.facts[0]
    found: list[tuple[str, object]] = [("file", first.document.replace("\\", "/")), ("line", first.line)]
    if first.end_line == first.line:  # GitHub takes columns only for a one-line range
        # GitHub reads line..endLine inclusively, so endColumn names the quote's last character.
        found += [("col", first.column), ("endLine", first.end_line), ("endColumn", first.end_column - 1)]
    else:
        found.append(("endLine", first.end_line))
    return found + [("title", f"claimrules: {flag.rule}")]


def _message(flag: Flag) -> str:
    lines = [flag.message]
    for fact in flag.facts:
        where = f"{fact.document}:{fact.line}:{fact.column}"
        lines.append(f"“{fact.quote}” ({fact.id}, {where})")
    if flag.help.strip():
        lines.append(f"help: {flag.help.strip()}")
    return "\n".join(lines)
