"""A rule in plain words, for `claimrules explain RULE`: its patterns, absences and what it flags."""

from __future__ import annotations

from ..operators import OPERATORS, TIME
from ..rulemodel import Near, Pattern, Ref, Rule, Test
from ..run.why import shown as value_shown


def phrase(test: Test) -> str:
    """One test in words: `kind is one of plan, commitment`, `subject is the same as a's`."""
    arg = test.arg
    if isinstance(arg, Ref):
        shown = arg.alias if test.field == TIME else f"{arg.alias}'s" if arg.field == test.field else \
            f"{arg.alias}.{arg.field}"
        if isinstance(arg, Near):
            shown += f", at least {arg.at_least:.0%} of the shorter list"
    elif isinstance(arg, tuple):
        shown = ", ".join(str(v) for v in value_shown(test.field, arg))
    else:
        shown = value_shown(test.field, arg)
    return f"{test.field} {OPERATORS[test.op].phrase.format(arg=shown)}"


def describe_pattern(pattern: Pattern) -> list[str]:
    what = f"a `{pattern.derived}` fact (derived)" if pattern.derived else "a fact"
    lines = [f"{pattern.alias}: {what}" + (" whose " + "; ".join(phrase(t) for t in pattern.tests)
                                            if pattern.tests else "")]
    for i, alternative in enumerate(pattern.alternatives):
        lines.append(f"    {'either' if i == 0 else 'or'}: " + "; ".join(phrase(t) for t in alternative))
    return lines


def describe(rule: Rule) -> str:
    """The rule in plain words, for `claimrules explain`."""
    lines = [f"{rule.id} ({rule.family}, {rule.severity if not rule.derive else 'derives facts'})"]
    if rule.description:
        lines.append("  " + " ".join(rule.description.split()))
    lines.append("  Matches when there is:")
    lines += ["    " + line for p in rule.match for line in describe_pattern(p)]
    for i, group in enumerate(rule.unless):
        lines.append("  Unless there is:" if i == 0 else "  Or unless there is:")
        lines += ["    " + line for p in group for line in describe_pattern(p)]
    if rule.derive:
        fields = ", ".join(f"{k} = {v}" for k, v in rule.derive.fields)
        lines.append(f"  Then derives `{rule.derive.name}`" + (f" with {fields}" if fields else ""))
    else:
        lines.append(f"  Then flags: {rule.message.strip()}")
    return "\n".join(lines)
