"""Load YAML rule files into validated Rule records, collecting every problem.

A misspelt key, operator, field or pattern name is an error with a suggestion: a typo
must never silently disable a check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import logger
from ..derive import declared_fields
from ..model import SEVERITIES
from ..operators import OPERATORS, TIME, TIME_OPERATORS, field_spec
from ..problems import InputError, Problem, did_you_mean
from ..rulemodel import Derive, Pattern, Ref, Rule, Test
from . import packs
from .confine import UNCONFINED, Confinement
from .examples import parse_examples
from .fields import FIELDS
from .mapping import check_mapping, unknown_keys
from .yamlsrc import KeyPath, Located

RULE_KEYS = ("id", "family", "severity", "message", "help", "description", "match", "unless", "derive",
             "examples")
RULE_ID = re.compile(r"\A[a-z0-9][a-z0-9-]{0,79}\Z")
NAME = re.compile(r"\A[a-z][a-z0-9_]{0,30}\Z")
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
PATTERN_KEYS = ("any", "derived")


@dataclass
class _Scope:
    """What a pattern may refer to: earlier aliases and the fields each one has."""

    derived: dict[str, set[str]]
    fields_of: dict[str, set[str] | None] = field(default_factory=dict)  # None: document facts

    def fields(self, alias: str) -> Iterable[str]:
        known = self.fields_of[alias]
        return FIELDS if known is None else known


def load_rules(paths: Iterable[Path], extends: Iterable[str] = (), confine: Confinement = UNCONFINED) -> list[Rule]:
    """Every rule under the given files and folders and the packs they extend, or InputError."""
    sources, problems = packs.collect(paths, extends, confine)
    raw = [(source.level, source.src, at, item) for source in sources for at, item in _rule_items(source.src, problems)]
    derived = declared_fields([item for *_, item in raw])
    rules: dict[str, tuple[int, Rule]] = {}
    for level, src, at, item in raw:
        rule, found = _rule(src, at, item, derived)
        problems += found
        if rule is None:
            continue
        earlier = rules.get(rule.id)
        if earlier and earlier[0] == level:
            first = earlier[1]
            problems.append(src.problem(at + ("id",), "duplicate-id", f"rule id `{rule.id}` is already used at "
                                        f"{first.path}:{first.line}:{first.column}",
                                        "rule ids must be unique within a pack"))
        else:  # a pack replaces the rules it extends that share an id
            rules.pop(rule.id, None)
            rules[rule.id] = (level, rule)
    if problems:
        raise InputError(problems)
    logger.debug("loaded {} rules from {} files", len(rules), len(sources))
    return [rule for _, rule in rules.values()]


def _rule_items(src: Located, problems: list[Problem]) -> list[tuple[KeyPath, Any]]:
    data, found = check_mapping(src, (), src.data if src.data is not None else {}, "a rules file")
    problems += found + unknown_keys(src, (), data, ("rules", "extends"), "top-level")
    items = data.get("rules", [])
    if not isinstance(items, list):
        problems.append(src.problem(("rules",), "wrong-type", "`rules` must be a list of rules"))
        return []
    return [(("rules", i), item) for i, item in enumerate(items)]


def _rule(src: Located, at: KeyPath, item: Any, derived: dict) -> tuple[Rule | None, list[Problem]]:
    data, problems = check_mapping(src, at, item, "a rule")
    if problems:
        return None, problems
    problems += unknown_keys(src, at, data, RULE_KEYS, "rule")
    flags = "derive" not in data
    for key in ("id", "family", "match") + (("severity", "message") if flags else ()):
        if key not in data:
            problems.append(src.problem(at, "missing-field", f"rule is missing `{key}`"))
    texts = {k: data.get(k, "") for k in ("id", "family", "message", "help", "description")}
    for key, value in texts.items():
        if not isinstance(value, str):
            problems.append(src.problem(at + (key,), "wrong-type", f"`{key}` must be text"))
    rule_id = texts["id"] if isinstance(texts["id"], str) else ""
    if rule_id and not RULE_ID.match(rule_id):
        problems.append(src.problem(at + ("id",), "invalid-value", f"invalid rule id `{rule_id}`",
                                    "use lower-case letters, digits and hyphens"))
    severity = data.get("severity", "info")
    if severity not in SEVERITIES:
        problems.append(src.problem(at + ("severity",), "invalid-value", f"unknown severity `{severity}`",
                                    did_you_mean(str(severity), SEVERITIES)))
    scope = _Scope(derived)
    match = _patterns(src, at + ("match",), data.get("match"), scope, problems)
    unless = _unless(src, at + ("unless",), data.get("unless"), scope, problems)
    derive = _derive(src, at + ("derive",), data["derive"], match, derived, problems) if not flags else None
    if derive and unless:
        problems.append(src.problem(at + ("unless",), "unsupported", "a rule with `unless` cannot `derive` facts",
                                    "absence is decided after all facts are in; flag instead"))
    if flags and isinstance(texts["message"], str):
        _check_template(src, at + ("message",), texts["message"], match, problems)
    examples, found = parse_examples(src, at + ("examples",), data.get("examples"), rule_id)
    problems += found
    if problems:
        return None, problems
    line, column = src.at(at)
    return Rule(rule_id, src.path, line, column, texts["family"], severity, texts["message"],
                texts["help"], texts["description"], match, unless, derive, examples), []


def _unless(src: Located, at: KeyPath, raw: Any, scope: _Scope, problems: list) -> tuple:
    if raw is None:
        return ()
    groups = raw if isinstance(raw, list) else [raw]
    out = []
    for i, group in enumerate(groups):
        inner = _Scope(scope.derived, dict(scope.fields_of))
        out.append(_patterns(src, at + ((i,) if isinstance(raw, list) else ()), group, inner, problems))
    return tuple(out)


def _patterns(src: Located, at: KeyPath, raw: Any, scope: _Scope, problems: list) -> tuple[Pattern, ...]:
    if not isinstance(raw, dict) or not raw:
        if raw is not None:
            problems.append(src.problem(at, "wrong-type", "expected a mapping of pattern names to conditions",
                                        "e.g. `a: {kind: plan}`"))
        return ()
    patterns = []
    for alias, body in raw.items():
        if not isinstance(alias, str) or not NAME.match(alias):
            problems.append(src.problem(at + (alias,), "invalid-name", f"invalid pattern name `{alias}`",
                                        "use a short lower-case name such as `a` or `plan`", key=True))
            continue
        if alias in scope.fields_of:
            problems.append(src.problem(at + (alias,), "duplicate-name", f"pattern `{alias}` is defined twice",
                                        key=True))
            continue
        pattern = _pattern(src, at + (alias,), alias, body, scope, problems)
        scope.fields_of[alias] = scope.derived.get(pattern.derived) if pattern.derived else None
        patterns.append(pattern)
    return tuple(patterns)


def _pattern(src: Located, at: KeyPath, alias: str, body: Any, scope: _Scope, problems: list) -> Pattern:
    body, found = check_mapping(src, at, body if body is not None else {}, f"pattern `{alias}`")
    problems += found
    derived = body.get("derived")
    if derived is not None and not isinstance(derived, str):
        problems.append(src.problem(at + ("derived",), "wrong-type", "`derived` must name one derived fact",
                                    "e.g. `derived: corroborated`"))
        derived = None
    if derived is not None and derived not in scope.derived:
        problems.append(src.problem(at + ("derived",), "unknown-derived", f"no rule derives `{derived}`",
                                    did_you_mean(str(derived), scope.derived) if scope.derived
                                    else "a rule with `derive: {name: ...}` must produce it"))
        derived = None
    fields = scope.derived[derived] if derived else set(FIELDS)
    tests = _tests(src, at, {k: v for k, v in body.items() if k not in PATTERN_KEYS}, fields, scope, problems,
                   typed=derived is None)
    alternatives = []
    choices = body.get("any", [])
    if not isinstance(choices, list) or (choices and not all(isinstance(c, dict) and c for c in choices)):
        problems.append(src.problem(at + ("any",), "wrong-type", "`any` must be a list of condition mappings"))
        choices = []
    for i, choice in enumerate(choices):
        alternatives.append(_tests(src, at + ("any", i), choice, fields, scope, problems, typed=derived is None))
    return Pattern(alias, tests, tuple(alternatives), derived)


def _tests(src, at, body: dict, fields, scope: _Scope, problems: list, *, typed: bool) -> tuple[Test, ...]:
    tests = []
    for name, condition in body.items():
        where = src.at(at + (name,), key=True)
        if name != TIME and name not in fields:
            problems.append(src.problem(at + (name,), "unknown-field", f"unknown field `{name}`",
                                        did_you_mean(str(name), set(fields) | {TIME} | set(PATTERN_KEYS)),
                                        key=True))
            continue
        for op, raw in _operations(name, condition):
            test_at = at + (name, op) if isinstance(condition, dict) else at + (name,)
            if op not in OPERATORS:
                problems.append(src.problem(test_at, "unknown-operator", f"unknown operator `{op}`",
                                            did_you_mean(str(op), OPERATORS), key=True))
                continue
            if (name == TIME) != (op in TIME_OPERATORS):
                problems.append(src.problem(test_at, "wrong-operator", f"`{op}` does not apply to `{name}`",
                                            "`time` takes overlaps, after or before; other fields take the rest"))
                continue
            arg, error = _argument(op, raw, name, scope, field_spec(name) if typed else None)
            if error:
                problems.append(src.problem(test_at, "invalid-condition", f"`{name}: {op}`: {error}"))
            else:
                tests.append(Test(name, op, arg, *where))
    return tuple(tests)


def _operations(name: str, condition: Any) -> list[tuple[str, Any]]:
    """`field: x` means equals, `field: [x, y]` means in, `field: {op: arg}` names operators."""
    if isinstance(condition, dict):
        return list(condition.items()) or [("equals", None)]
    if isinstance(condition, list):
        return [("in", condition)]
    return [("equals", condition)]


def _argument(op: str, raw: Any, name: str, scope: _Scope, spec) -> tuple[Any, str | None]:
    operator = OPERATORS[op]
    if operator.reference or (operator.orders and isinstance(raw, str) and "." in raw
                              and raw.split(".", 1)[0] in scope.fields_of):
        options = raw if operator.pair and isinstance(raw, dict) else None  # `{with: a, at_least: 0.5}`
        ref, error = _reference(options.get("with") if options is not None else raw, name, scope)
        if error or ref is None:
            return None, error
        if options is not None:
            return operator.parse((ref, options), spec)
        if operator.orders and scope.fields_of.get(ref.alias) is None and spec is not None:
            error = _unordered(name, spec, ref.field)
            if error:
                return None, error
        raw = ref
    return operator.parse(raw, spec)


def _unordered(name: str, spec, other: str) -> str | None:
    """A date and a number have no order between them: the engine would compare day numbers with numbers."""
    other_spec = FIELDS.get(other)
    if other_spec is None or (spec.type == "date") == (other_spec.type == "date"):
        return None
    return (f"`{name}` is {'a date' if spec.type == 'date' else 'not a date'} and `{other}` is "
            f"{'a date' if other_spec.type == 'date' else 'not'}: they have no order between them")


def _reference(raw: Any, name: str, scope: _Scope) -> tuple[Ref | None, str | None]:
    if not isinstance(raw, str):
        return None, "expected a pattern name, like `a` or `a.subject`"
    alias, _, other = raw.partition(".")
    if alias not in scope.fields_of:
        known = list(scope.fields_of)
        hint = did_you_mean(alias, known) if known else "only patterns defined above can be referred to"
        return None, f"reference to undefined pattern `{alias}`; {hint}"
    target = other or name
    if name != TIME and target not in scope.fields(alias):
        return None, f"pattern `{alias}` has no field `{target}`; {did_you_mean(target, scope.fields(alias))}"
    return Ref(alias, target if name != TIME else TIME), None


def _derive(src: Located, at: KeyPath, raw: Any, match: tuple[Pattern, ...], derived: dict,
            problems: list) -> Derive | None:
    data, found = check_mapping(src, at, raw, "`derive`")
    problems += found + unknown_keys(src, at, data, ("name", "fields"), "derive")
    name, fields = data.get("name"), data.get("fields", {})
    if not isinstance(name, str) or not NAME.match(name):
        problems.append(src.problem(at + ("name",), "invalid-name", "`derive` needs a `name` such as `corroborated`"))
        return None
    if not isinstance(fields, dict):
        problems.append(src.problem(at + ("fields",), "wrong-type", "`fields` must map names to `a.field` or values"))
        return None
    scope = _Scope({}, {p.alias: (None if p.derived is None else derived[p.derived]) for p in match})
    out = []
    for key, value in fields.items():
        if not isinstance(key, str) or not NAME.match(key) or key == "id":
            problems.append(src.problem(at + ("fields", key), "invalid-name", f"invalid derived field `{key}`",
                                        key=True))
            continue
        if isinstance(value, str) and value.partition(".")[0] in scope.fields_of and "." in value:
            value, error = _reference(value, key, scope)
        else:
            error = None if isinstance(value, (str, int, float, bool)) else "expected `a.field` or a value"
        if error:
            problems.append(src.problem(at + ("fields", key), "invalid-value", error))
        else:
            out.append((key, value))
    return Derive(name, tuple(out))


def _check_template(src: Located, at: KeyPath, text: str, match: tuple[Pattern, ...], problems: list) -> None:
    aliases = {p.alias: p for p in match}
    for m in PLACEHOLDER.finditer(text):
        if m.group(1) is None:
            continue
        alias, _, name = m.group(1).partition("|")[0].partition(".")
        if alias not in aliases or not name:
            problems.append(src.problem(at, "bad-placeholder", f"placeholder `{{{m.group(1)}}}` names no pattern",
                                        f"use `{{alias.field}}` with one of: {', '.join(aliases) or 'none'}; "
                                        "write `{{` for a literal brace"))
        elif aliases[alias].derived is None and name not in FIELDS:
            problems.append(src.problem(at, "bad-placeholder", f"placeholder `{{{m.group(1)}}}`: unknown field "
                                        f"`{name}`", did_you_mean(name, FIELDS)))
