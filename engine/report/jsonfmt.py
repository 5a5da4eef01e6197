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

import json
from typing import Any

from ..model import CheckResult, Flag, FlagFact

SCHEMA_VERSION = 1  # bump on any change a consumer could notice
FALLBACK_TOOL_VERSION = "0.1.0"


def render(result: CheckResult, *, color: bool = False) -> str:
    """The whole report as JSON text; `color` is accepted for a uniform signature and ignored."""
    report = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "claimrules", "version": _tool_version()},
        "summary": _summary(result),
        "flags": [_flag(flag) for flag in sorted(result.flags)],
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _tool_version() -> str:
    # Looked up at render time, not import time: engine/__init__ may import this package.
    try:
        import engine
    except ImportError:
        return FALLBACK_TOOL_VERSION
    return str(getattr(engine, "__version__", FALLBACK_TOOL_VERSION))


def _summary(result: CheckResult) -> dict[str, Any]:
    counts = result.counts()
    return {
        "flags": len(result.flags),
        "documents": len(result.documents),
        "facts": result.fact_count,
        "rules": result.rule_count,
        "by_severity": counts["by_severity"],
        "by_family": counts["by_family"],
    }


def _flag(flag: Flag) -> dict[str, Any]:
    return {
        "id": flag.fingerprint,
        "rule": flag.rule,
        "family": flag.family,
        "severity": flag.severity,
        "message": flag.message,
        "help": flag.help,
        "location": {"document": flag.document, "line": flag.line, "column": flag.column},
        "facts": [_fact(fact) for fact in flag.facts],
    }


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
