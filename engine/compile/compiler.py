"""Compile validated rules into durable_rules rulesets: a pure step over plain dicts.

Shapes follow the engine study (shared/research/durable_rules.md §10): every pattern opens
with the constant `_t` test; join patterns are one flat `$and` of constants, `$ex` guards,
hashed equality references, other references, and a closing always-true `_g` reference.
Either-or groups become one engine rule per alternative; `unless` becomes a positive rule
whose matches are subtracted in Python (the engine's `$not` is unreliable).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .. import derive
from ..load.fields import DATE_FIELDS, FIELDS
from ..operators import NUMERIC, OPERATORS, TYPED
from ..problems import InputError, Problem
from ..rulemodel import Derive, Pattern, Rule, Test

DOCUMENT_TYPE = "f"
MAX_PATTERNS = 16  # MAX_MESSAGE_FRAMES
MAX_REFERENCES = 28  # MAX_SEQUENCE_EXPRESSIONS less the $and, END and guard
MAX_VARIANTS = 64  # either-or expansion per rule
BUDGET = {"same_chain": 60, "constants": 480, "rules": 4000}  # MAX_STACK_SIZE, NEXT_BUCKET, MAX_ACTIONS


def fnv32(text: str) -> int:
    """The engine's 32-bit FNV-1a over UTF-8 bytes (chars are signed on x86)."""
    h = 0x811C9DC5
    for b in text.encode("utf-8"):
        h = ((h ^ (b | 0xFFFFFF00 if b >= 0x80 else b)) * 16777619) & 0xFFFFFFFF
    return h


def _slot_aliases(n: int) -> tuple[str, ...]:
    """Aliases hashing to slots 0, 1, 2…: the engine misroutes other slots (B3)."""
    out: list[str] = []
    i = 0
    while len(out) < n:
        if fnv32(f"p{i}") % 16 == len(out):
            out.append(f"p{i}")
        i += 1
    return tuple(out)


SLOTS = _slot_aliases(MAX_PATTERNS)


def type_tag(pattern: Pattern) -> str:
    return f"d:{pattern.derived}" if pattern.derived else DOCUMENT_TYPE


def engine_key(field_name: str) -> str:
    """The engine must never compare its own `id` (B4): ours travels as `_id`."""
    return "_id" if field_name == "id" else field_name


AS_WRITTEN = "_w_"  # prefix of a date field's text, kept beside its day number for derived facts to copy


@dataclass(frozen=True)
class EngineRule:
    name: str
    rule: str  # the YAML rule id
    role: str  # flag | derive | unless
    aliases: tuple[str, ...]
    group: int = -1  # which `unless` group, for role unless


@dataclass(frozen=True)
class Program:
    rulesets: tuple[dict, ...]  # engine JSON; treat as read-only
    engine_rules: Mapping[str, EngineRule]
    keys: tuple[str, ...]  # fact fields the engine needs
    predicates: tuple[tuple[str, str, str, Any], ...]  # (engine key, field key, operator, argument)
    derives: Mapping[str, Derive]  # by YAML rule id
    rules: Mapping[str, Rule]
    joins: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (engine key, the fields a join rule groups facts by)
    # engine key → how many facts its rules join (2 when absent)
    join_arity: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    # engine rule → its tests decided in Python on each match (operators with `pair`, like `shares`)
    pairs: Mapping[str, tuple[PairTest, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def admits(self, name: str, facts: list[dict]) -> bool:
        """Whether a match of engine rule `name` (its facts in slot order) passes the tests decided in Python.

        The engine joined them on the rule's equality tests, so each test runs once per joined pair, and
        join groups are capped (encode.limit_joins): the cost is bounded like the engine's own.
        """
        for mine, key, theirs, other, op, arg in self.pairs.get(name, ()):
            decide = OPERATORS[op].pair
            assert decide is not None
            if not decide(facts[mine].get(key), facts[theirs].get(other), arg):
                return False
        return True


PairTest = tuple[int, str, int, str, str, Any]  # (fact's slot, its key, other fact's slot, its key, operator, arg)


@dataclass
class _Context:
    slots: dict[str, str]
    predicates: dict[tuple, str]
    needs: dict[str, set[str]] = field(default_factory=dict)

    def slot(self, alias: str) -> str:
        return self.slots[alias]

    def key(self, field_name: str) -> str:
        return engine_key(field_name)

    def strict(self, key: str) -> bool:
        """Fields that may hold text, numbers or booleans: the engine would mix those up."""
        spec = FIELDS.get("id" if key == "_id" else key)
        return spec is None or spec.type == "scalar"

    def kind(self, key: str) -> str:
        """text, number, bool or date: what the engine would compare the field's values as."""
        spec = FIELDS.get("id" if key == "_id" else key)
        kind = spec.type if spec else "scalar"
        return {"count": "number", "text": "text", "word": "text", "entity": "text", "enum": "text",
                "id": "text"}.get(kind, kind)

    def predicate(self, key: str, op: str, arg: Any) -> str:
        """One engine key per distinct test; keyed with the argument's types, as 1 == True in Python."""
        return self.predicates.setdefault((key, op, arg, _types(arg)), f"_p{len(self.predicates)}")

    def need(self, alias: str, key: str) -> None:
        self.needs.setdefault(alias, set()).add(key)



def _types(arg: Any) -> Any:
    """The type of a test's argument, item by item: what tells `equals: true` from `equals: 1`."""
    return tuple(_types(a) for a in arg) if isinstance(arg, tuple) else type(arg).__name__


def compile_rules(rules: list[Rule]) -> Program:
    """Rules → engine rulesets plus the tables the runner needs to read matches back."""
    predicates: dict[tuple[str, str, Any, Any], str] = {}
    joins: dict[tuple[tuple[str, ...], int], str] = {}  # (fields, facts joined) → engine key
    per_rule: dict[str, dict[str, dict]] = {}
    engine_rules: dict[str, EngineRule] = {}
    pairs: dict[str, tuple[PairTest, ...]] = {}
    problems: list[Problem] = []
    for index, rule in enumerate(rules):
        compiled, found = _compile_rule(index, rule, predicates, joins, pairs)
        problems += found
        per_rule[rule.id] = {name: body for name, (body, _) in compiled.items()}
        engine_rules.update({name: meta for name, (_, meta) in compiled.items()})
    problems += _derive_cycles(rules)
    rulesets, found = _pack(rules, per_rule)
    problems += found
    if problems:
        raise InputError(problems)
    keys = {k for rs in rulesets for k in _keys(rs) if not k.startswith(("_p", "_j"))}
    keys |= {k[len(TYPED):] for k in keys if k.startswith((TYPED, NUMERIC))}  # the fields copies are made from
    keys |= {key for tests in pairs.values() for _, mine, _, theirs, *_ in tests for key in (mine, theirs)}
    keys |= {key for key, *_ in predicates} | {k for r in rules if r.derive for k in _derive_keys(r.derive)}
    return Program(tuple(rulesets), MappingProxyType(engine_rules),
                   tuple(sorted(keys)), tuple((name, *test[:3]) for test, name in predicates.items()),
                   MappingProxyType({r.id: r.derive for r in rules if r.derive}),
                   MappingProxyType({r.id: r for r in rules}),
                   tuple((name, fields) for (fields, _), name in joins.items()),
                   MappingProxyType({name: arity for (_, arity), name in joins.items() if arity > 2}),
                   MappingProxyType(pairs))


def _compile_rule(index: int, rule: Rule, predicates: dict, joins: dict,
                  pairs: dict[str, tuple[PairTest, ...]]) -> tuple[dict, list[Problem]]:
    out: dict[str, tuple[dict, EngineRule]] = {}
    role = "derive" if rule.derive else "flag"
    match_variants = _variants(rule.match)
    groups = [(g, v) for g, group in enumerate(rule.unless) for v in _variants(group)]
    total = len(match_variants) * (1 + len(groups))
    # Every engine rule of one YAML rule shares its join caps, sized for the most facts any of
    # them joins: an `unless` that saw fewer facts than its match could not cancel every flag.
    arity = max(len(v) for v in match_variants) + max((len(b) for _, b in groups), default=0)
    if total > MAX_VARIANTS:
        return {}, [_problem(rule, "too-many-variants", f"`any` groups expand to {total} engine rules "
                             f"(limit {MAX_VARIANTS})", "split the rule into several rules")]
    for v, variant in enumerate(match_variants):
        out[f"r{index}v{v}"] = (_engine_rule(variant, predicates, joins, arity),
                                EngineRule(f"r{index}v{v}", rule.id, role, rule.aliases))
        pairs.update({f"r{index}v{v}": found} if (found := _pair_tests(variant)) else {})
        for u, (group, blocker) in enumerate(groups):
            name = f"r{index}v{v}u{u}"
            aliases = rule.aliases + tuple(alias for alias, _, _ in blocker)
            out[name] = (_engine_rule(variant + blocker, predicates, joins, arity),
                         EngineRule(name, rule.id, "unless", aliases, group))
            pairs.update({name: found} if (found := _pair_tests(variant + blocker)) else {})
    problems = [p for body, _ in out.values() for p in _check_limits(rule, body)]
    return out, problems


def _variants(patterns: tuple[Pattern, ...]) -> list[list[tuple[str, str, tuple[Test, ...]]]]:
    """Either-or groups multiplied out: one list of (alias, type, tests) per combination."""
    choices = [[(p.alias, type_tag(p), tests) for tests in p.variants()] for p in patterns]
    return [list(combo) for combo in itertools.product(*choices)]


def _engine_rule(patterns: list[tuple[str, str, tuple[Test, ...]]], predicates: dict, joins: dict,
                 arity: int = 2) -> dict:
    ctx = _Context(dict(zip((alias for alias, _, _ in patterns), SLOTS)), predicates)
    emitted = [[t for test in tests for t in OPERATORS[test.op].emit(engine_key(test.field), test.arg, ctx)]
               for _, _, tests in patterns]
    limit = [{_join_key(emitted[1], joins, arity): True}] if len(patterns) > 1 else []
    body = []
    for i, (alias, tag, _) in enumerate(patterns):
        guards = [{"$ex": {key: 1}} for key in sorted(ctx.needs.get(alias, ()))] + limit
        constants = [t for t in emitted[i] if _reference(t) is None] + guards
        equal = [t for t in emitted[i] if _reference(t) == "eq"]
        other = [t for t in emitted[i] if _reference(t) == "other"]
        closing = [{"_g": {SLOTS[0]: "_g"}}] if i else []
        tests = _unique([{"_t": tag}] + constants) + _unique(equal) + _unique(other) + closing
        body.append({SLOTS[i]: {"$and": tests}})
    return {"all": body}


def _pair_tests(patterns: list[tuple[str, str, tuple[Test, ...]]]) -> tuple[PairTest, ...]:
    """The tests of one engine rule that Python decides on each match, by slot: the engine cannot weigh words."""
    slot = {alias: i for i, (alias, _, _) in enumerate(patterns)}
    return tuple((slot[alias], engine_key(t.field), slot[t.arg.alias], engine_key(t.arg.field), t.op, t.arg)
                 for alias, _, tests in patterns for t in tests if OPERATORS[t.op].pair)


def _join_key(tests: list[dict], joins: dict, arity: int) -> str:
    """The flag that lets a fact into join rules of `arity` facts grouping them by these fields.

    Rules joining three or more facts get keys of their own: encode.limit_joins caps them lower.
    """
    fields = tuple(sorted(next(iter(t)) for t in tests if _reference(t) == "eq"
                          and next(iter(t.values())) != {SLOTS[0]: "_g"}))
    return joins.setdefault((fields, max(arity, 2)), f"_j{len(joins)}")


def _reference(test: dict) -> str | None:
    """'eq' for a hashed equality join, 'other' for any other join test, None for a constant."""
    (key, value), = test.items()
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in SLOTS:
        return "eq"
    if key.startswith("$") and isinstance(value, dict):
        inner = next(iter(value.values()))
        if isinstance(inner, dict) and len(inner) == 1 and next(iter(inner)) in SLOTS:
            return "other"
    return None


def _unique(tests: list[dict]) -> list[dict]:
    return list({json.dumps(t, sort_keys=True): t for t in tests}.values())


def _check_limits(rule: Rule, body: dict) -> list[Problem]:
    patterns = body["all"]
    if len(patterns) > MAX_PATTERNS:
        return [_problem(rule, "engine-limit", f"rule binds {len(patterns)} facts (engine limit {MAX_PATTERNS})",
                         "split it into smaller rules, using `derive` to chain them")]
    for pattern in patterns:
        tests = next(iter(pattern.values()))["$and"]
        if sum(_reference(t) is not None for t in tests) > MAX_REFERENCES:
            return [_problem(rule, "engine-limit", f"a pattern compares more than {MAX_REFERENCES} fields "
                             "with other facts", "split the rule")]
    return []


def _pack(rules: list[Rule], per_rule: dict[str, dict]) -> tuple[list[dict], list[Problem]]:
    """Group rules into rulesets within the engine's limits, keeping derive chains together."""
    components = derive.components(rules)
    rulesets: list[dict] = []
    loads: list[_Load] = []  # each ruleset's load, kept so adding a component costs only its own rules
    for members in components:
        body = {name: r for rule_id in members for name, r in per_rule[rule_id].items()}
        load = _Load.of(body)
        if load.over():
            rule = next(r for r in rules if r.id == members[0])
            return [], [_problem(rule, "engine-limit", "rules chained by `derive` exceed the engine's limits "
                                 f"({', '.join(members)})", "split the rule pack or simplify the rules")]
        if rulesets and not (joined := loads[-1].plus(load)).over():
            rulesets[-1].update(body)
            loads[-1] = joined
        else:
            rulesets.append(dict(body))
            loads.append(load)
    return rulesets, []


def _derive_cycles(rules: list[Rule]) -> list[Problem]:
    """A derived fact made (even indirectly) from facts of its own name would be derived forever."""
    return [_problem(rule, "derive-cycle", f"`{rule.derive.name}` is derived from facts that "
                     f"are themselves derived from `{rule.derive.name}`",
                     "derive a new name, or match document facts instead")
            for rule in derive.cyclic(rules) if rule.derive]


@dataclass(frozen=True)
class _Load:
    """What a ruleset asks of the engine's fixed tables: rules, distinct alpha tests, patterns per alpha chain."""

    rules: int
    constants: frozenset[str]
    chains: Mapping[str, int]

    @classmethod
    def of(cls, ruleset: dict) -> _Load:
        chains: dict[str, int] = {}
        constants: set[str] = set()
        for rule in ruleset.values():
            for pattern in rule["all"]:
                tests = next(iter(pattern.values()))["$and"]
                alpha = [json.dumps(t, sort_keys=True) for t in tests if _reference(t) is None]
                constants.update(alpha)
                chains["|".join(alpha)] = chains.get("|".join(alpha), 0) + 1
        return cls(len(ruleset), frozenset(constants), chains)

    def plus(self, other: _Load) -> _Load:
        chains = dict(self.chains)
        for chain, count in other.chains.items():
            chains[chain] = chains.get(chain, 0) + count
        return _Load(self.rules + other.rules, self.constants | other.constants, chains)

    def over(self) -> bool:
        return (self.rules > BUDGET["rules"] or len(self.constants) > BUDGET["constants"]
                or max(self.chains.values(), default=0) > BUDGET["same_chain"])


def _keys(ruleset: Mapping) -> set[str]:
    """Every fact field a ruleset reads, so the encoder sends only those."""
    keys: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if not key.startswith("$") and key not in SLOTS:
                    keys.add(key)
                if isinstance(value, (dict, list)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    for rule in ruleset.values():
        walk(rule["all"])
    return keys - {"_t", "_g"}


def _derive_keys(derive: Derive) -> list[str]:
    """The keys a derive copies; a date also as written, since the engine holds it as a day number."""
    keys = [engine_key(value.field) for _, value in derive.fields if hasattr(value, "alias")]
    return keys + [AS_WRITTEN + key for key in keys if key in DATE_FIELDS]


def _problem(rule: Rule, code: str, message: str, hint: str) -> Problem:
    return Problem(rule.path, rule.line, rule.column, code, f"rule `{rule.id}`: {message}", hint)
