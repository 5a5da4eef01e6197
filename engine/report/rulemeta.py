"""The rules a report lists: every rule that ran, plus any a flag names without metadata."""

from __future__ import annotations

from ..model import CheckResult, RuleInfo


def every_rule(result: CheckResult) -> list[RuleInfo]:
    """By id. A flag's rule missing from `result.rules` (a hand-built result) gets what the flag knows."""
    known = {rule.id: rule for rule in result.rules}
    for flag in result.flags:
        known.setdefault(flag.rule, RuleInfo(flag.rule, flag.family, flag.severity, "", flag.help, "", 0))
    return sorted(known.values())
