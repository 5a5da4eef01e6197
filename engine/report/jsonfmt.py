"""The JSON report: a versioned contract for other tools. Key order is part of the contract.

    {
      "version": 1,
      "tool": {"name": "claimrules", "version": "0.1.0"},
      "summary": {"flags": 1, "documents": 1, "facts": 40, "rules": 9,
                  "by_severity": {"error": 0, "warning": 1, "info": 0},
                  "by_family": {"attribution": 1}},
      "flags": [
        {"id": "3f9c…", "rule": "unattributed-claim", "family": "attribution",
         "severity": "warning", "message": "The claim … carries no source", "help": "",
         "location": {"document": "seeds/a.txt", "line": 3, "column": 12},
         "facts": [{"id": "fact-1", "document": "seeds/a.txt", "quote": "…",
                    "line": 3, "column": 12, "end_line": 3, "end_column": 40}]}
      ]
    }
"""

from __future__ import annotations

from typing import Any

from ..load import gcpause
from ..model import BaselineDiff, CheckResult, Flag, FlagFact
from . import jsontext
from .view import DEFAULT, View

SCHEMA_VERSION = 1  # bump on any change a consumer could notice


def render(result: CheckResult, *, color: bool = False, view: View = DEFAULT) -> str:
    """The whole report as JSON text; `color` is accepted for a uniform signature and ignored."""
    with gcpause.paused():  # hundreds of thousands of acyclic dicts: collections found nothing, cost a third
        return _render(result, view)


def _render(result: CheckResult, view: View) -> str:
    report: dict[str, Any] = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "claimrules", "version": tool_version()},
        "summary": _summary(result),
    }
    new = None
    if result.baseline is not None:  # keys a baseline or suppressions add appear only when used
        report["baseline"] = _baseline(result.baseline)
        new = set(result.baseline.new)
    if result.notes:  # what the run had to limit; present only when something was
        report["warnings"] = list(result.notes)
    report["flags"] = jsontext.Each(lambda: (_flag(flag, new) for flag in sorted(result.flags)))
    if result.suppressed is not None:
        report["suppressed"] = [{**_flag(s.flag), "reason": s.reason,
                                 "suppression": {"path": s.path, "line": s.line, "column": s.column}}
                                for s in sorted(result.suppressed)]
    return jsontext.dumps(report, end="\n")


def tool_version() -> str:
    from .. import __version__  # at call time: the package imports report modules while it loads
    return __version__


def _summary(result: CheckResult) -> dict[str, Any]:
    counts = result.counts()
    return {
        "flags": len(result.flags),
        "documents": len(result.documents),
        "facts": result.fact_count,
        "rules": result.rule_count,
        "by_severity": counts["by_severity"],
        "by_family": counts["by_family"],
    } | ({} if result.suppressed is None else {"suppressed": len(result.suppressed)})


def _baseline(diff: BaselineDiff) -> dict[str, Any]:
    return {"file": diff.file, "new": len(diff.new), "unchanged": diff.unchanged,
            "fixed": [entry.fingerprint for entry in diff.fixed]}


def _flag(flag: Flag, new: set[Flag] | None = None) -> dict[str, Any]:
    out = {
        "id": flag.fingerprint,
        "rule": flag.rule,
        "family": flag.family,
        "severity": flag.severity,
        "message": flag.message,
        "help": flag.help,
        "location": {"document": flag.document, "line": flag.line, "column": flag.column},
        "facts": [_fact(fact) for fact in flag.facts],
    }
    if flag.why is not None:  # only with --explain
        out["why"] = flag.why
    return out if new is None else {"id": out["id"], "new": flag in new, **out}


def _fact(fact: FlagFact) -> dict[str, Any]:
    return {
        "id": fact.id,
        "document": fact.document,
        "quote": fact.quote,
        "line": fact.line,
        "column": fact.column,
        "end_line": fact.end_line,
        "end_column": fact.end_column,
    }
