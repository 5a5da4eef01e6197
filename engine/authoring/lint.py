"""`lint` checks that need no engine: rules that can never match, and the engine's budgets.

Each check is a small function yielding warnings, registered in CHECKS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .. import derive
from ..compile.compiler import compile_rules
from ..derive import patterns
from ..load.fields import FIELDS
from ..model import FactSet
from ..operators import OPERATORS
from ..problems import InputError, Problem
from ..rulemodel import Pattern, Ref, Rule, Test
from ..run.flags import PLACEHOLDER

PRESENCE = tuple(name for name, op in OPERATORS.items() if op.sets)  # tests that need the field set


def _problem(rule: Rule, test: Test | None, code: str, message: str, hint: str = "") -> Problem:
    line, column = (test.line, test.column) if test and test.line else (rule.line, rule.column)
    return Problem(rule.path, line, column, code, message, hint, severity="warning")


def contradictory_tests(rule: Rule, facts: FactSet | None) -> Iterator[Problem]:
    """A pattern whose own tests exclude each other can never match."""
    for pattern in patterns(rule):
        for number, tests in enumerate(pattern.variants(), 1):
            clash = _first_clash(tests)
            if clash:
                test, reason = clash
                what = f"alternative {number} of pattern" if pattern.alternatives else "pattern"
                yield _problem(rule, test, "never-matches", f"rule `{rule.id}`: {what} `{pattern.alias}` can "
                               f"never match: {reason}", "remove or correct one of the conflicting tests")


def _first_clash(tests: tuple[Test, ...]) -> tuple[Test, str] | None:
    allowed: dict[str, set] = {}
    for test in tests:
        if isinstance(test.arg, Ref) or test.field == "time":
            continue
        if test.op == "missing" and any(t.field == test.field and t.op in PRESENCE + ("exists",) for t in tests):
            return test, f"`{test.field}` must be missing and set at once"
        values = {"equals": {test.arg}, "in": set(test.arg) if test.op == "in" else None}.get(test.op)
        if values is not None:
            allowed[test.field] = allowed.get(test.field, values) & values
            if not allowed[test.field]:
                return test, f"no value of `{test.field}` passes all its tests"
        excluded = {"not": {test.arg}, "not_in": set(test.arg) if test.op == "not_in" else None}.get(test.op)
        if excluded and test.field in allowed and not allowed[test.field] - excluded:
            return test, f"`{test.field}` is required and excluded at once"
    return _empty_range(tests)


def _empty_range(tests: tuple[Test, ...]) -> tuple[Test, str] | None:
    bounds: dict[str, list] = {}
    for test in tests:
        if test.op in ("gt", "gte", "lt", "lte") and isinstance(test.arg, (int, float)):
            low, high = bounds.setdefault(test.field, [None, None])
            if test.op in ("gt", "gte"):
                bounds[test.field][0] = test.arg if low is None else max(low, test.arg)
            else:
                bounds[test.field][1] = test.arg if high is None else min(high, test.arg)
            low, high = bounds[test.field]
            if low is not None and high is not None and low >= high and not (
                    low == high and all(t.op in ("gte", "lte") for t in tests if t.field == test.field)):
                return test, f"no value is in the range the tests give `{test.field}`"
    return None


def unset_fields(rule: Rule, facts: FactSet | None) -> Iterator[Problem]:
    """A field the rule needs that no loaded fact sets: the rule cannot match these facts."""
    if facts is None or not facts.facts:
        return
    present = {name for fact in facts.facts for name in fact.values} | {"id"}
    for pattern in rule.match:
        if pattern.derived:
            continue
        for test in pattern.tests:
            if test.field != "time" and test.field not in present and test.op in PRESENCE + ("exists",):
                yield _problem(rule, test, "field-never-set", f"rule `{rule.id}`: no fact sets `{test.field}`, "
                               "so the rule cannot fire on these facts", "check the field name in the facts")


def unkeyed_shares(rule: Rule, facts: FactSet | None) -> Iterator[Problem]:
    """`shares` is decided on each pair the engine joins: with no equality join, every pair of facts is one."""
    for pattern in patterns(rule):
        for tests in pattern.variants():
            keyed = {t.arg.alias for t in tests if t.op == "same" and isinstance(t.arg, Ref)}
            for test in tests:
                if OPERATORS[test.op].pair and isinstance(test.arg, Ref) and test.arg.alias not in keyed:
                    yield _problem(rule, test, "unkeyed-shares", f"rule `{rule.id}`: `{test.field}: shares` in "
                                   f"pattern `{pattern.alias}` has no `same` test on `{test.arg.alias}`, so every "
                                   "fact is in one join group (capped by --max-group)",
                                   f"join on a blocking key too, such as `subject: {{same: {test.arg.alias}}}`")
                    return


def unused_derivations(rules: list[Rule]) -> Iterator[Problem]:
    for rule in derive.unread(rules):
        assert rule.derive
        yield _problem(rule, None, "unused-derived", f"rule `{rule.id}` derives `{rule.derive.name}`, "
                       "which no rule matches", "match it with `derived: " + rule.derive.name + "`")


ALWAYS_SET = frozenset({name for name, spec in FIELDS.items() if spec.required} | {"document", "attribution"})


def bare_placeholders(rule: Rule, facts: FactSet | None) -> Iterator[Problem]:
    """A message field the rule does not require, with no `|words` for a fact that leaves it unset."""
    patterns_by_alias = {p.alias: p for p in rule.match}
    for m in PLACEHOLDER.finditer(rule.message if rule.flags else ""):
        pattern = patterns_by_alias.get(m.group(1) or "")
        if pattern is None or pattern.derived or m.group(3) is not None or m.group(2) in _set_by(pattern, rule):
            continue
        yield _problem(rule, None, "bare-placeholder", f"rule `{rule.id}`: message placeholder `{m.group(0)}` "
                       f"is empty for a fact without `{m.group(2)}`",
                       f"say what to write then: `{{{m.group(1)}.{m.group(2)}|…}}`, or require it in the match")


def _set_by(pattern: Pattern, rule: Rule) -> set[str]:
    """Fields every fact the pattern matches has: required ones, those its tests need set, and
    those another pattern must equal (`same: a`)."""
    def needed(tests: tuple[Test, ...]) -> set[str]:
        return {t.field for t in tests if (OPERATORS[t.op].sets or (t.op == "exists" and t.arg is True))}
    alternatives = [needed(alt) for alt in pattern.alternatives]
    found = set(ALWAYS_SET) | needed(pattern.tests) | (set.intersection(*alternatives) if alternatives else set())
    found |= {t.arg.field for other in rule.match for t in other.tests
              if t.op == "same" and isinstance(t.arg, Ref) and t.arg.alias == pattern.alias}
    return found | {name.removesuffix("_type") for name in found if name in ("source_type", "via_type")}


CHECKS: dict[str, Callable[[Rule, FactSet | None], Iterable[Problem]]] = {
    "never-matches": contradictory_tests,
    "field-never-set": unset_fields,
    "bare-placeholder": bare_placeholders,
    "unkeyed-shares": unkeyed_shares,
}


def lint_rules(rules: list[Rule], facts: FactSet | None) -> list[Problem]:
    """Warnings about the rules, plus the compiler's errors for rule sets past the engine's limits."""
    problems = [p for rule in rules for check in CHECKS.values() for p in check(rule, facts)]
    problems += unused_derivations(rules)
    try:
        compile_rules(rules)
    except InputError as exc:
        problems += exc.problems
    return sorted(problems)
