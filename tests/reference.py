"""A slow, plain evaluator of the rule language, written from the README's "Rules" section.

It shares no code with the compiler, the operator table, the encoder or the flag builder:
nested loops over the facts, one small function per operator. tests/test_differential.py
runs it next to the real engine and requires the same flags.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import re2

from engine.model import Fact, FactSet
from engine.rulemodel import Pattern, Ref, Rule, Test

DATE_FIELDS = ("as_of", "since", "until", "published")
OPEN_START, OPEN_END = 0, 10**7  # an undated fact overlaps every period
MAX_ROUNDS = 50  # derivation rounds before we call the rule set non-terminating

Flags = dict[str, list[tuple[str, ...]]]  # rule id → cited fact ids of each flag, sorted


@dataclass(frozen=True)
class Time:
    start: int
    end: int
    as_of: int | None


@dataclass(eq=False)
class Item:
    """A fact rules can bind: a document fact, or one derived by a rule."""

    id: str
    derived: str | None  # the derived name; None for a document fact
    values: dict[str, Any]
    time: Time
    origins: tuple[Fact, ...]  # the document facts behind it, in document order

    def get(self, name: str) -> Any:
        return self.id if name == "id" else self.values.get(name)

    def is_date(self, name: str) -> bool:
        return self.derived is None and name in DATE_FIELDS


# ---- dates: day numbers of YYYY, YYYY-MM, YYYY-MM-DD ---------------------------------

def first_day(text: str) -> int:
    parts = [int(p) for p in str(text).split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2]).toordinal()


def last_day(text: str) -> int:
    parts = [int(p) for p in str(text).split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day).toordinal()


def fact_time(values: dict[str, Any]) -> Time:
    as_of, since, until = values.get("as_of"), values.get("since"), values.get("until")
    start = first_day(since) if since else first_day(as_of) if as_of else OPEN_START
    end = last_day(until) if until else last_day(as_of) if as_of else OPEN_END
    return Time(start, end, first_day(as_of) if as_of else None)


# ---- values: README semantics, strict about types --------------------------------------

def kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return "text"


def equal(a: Any, b: Any) -> bool:
    """Same kind and same value: `1` is not `true` and not `"1"`; `7` is `7.0`."""
    return kind_of(a) == kind_of(b) and a == b


def as_number(item: Item, name: str) -> int | float | None:
    """What `gt`/`lt` compare: a day number for dates (`until`: its last day), else a number."""
    value = item.get(name)
    if value is None:
        return None
    if item.is_date(name):
        return last_day(value) if name == "until" else first_day(value)
    return value if kind_of(value) == "number" else None


def is_constant(item: Item, name: str, constant: Any) -> bool:
    """`field: constant`. A validated date constant is a day number, like `as_number` gives."""
    value = item.get(name)
    if value is None:
        return False
    if item.is_date(name):
        return as_number(item, name) == constant
    return equal(value, constant)


def same(item: Item, name: str, other: Item, other_name: str) -> bool:
    """Both set and equal; dates as written (`2026-01` is not `2026-01-01`)."""
    value, theirs = item.get(name), other.get(other_name)
    if value is None or theirs is None:
        return False
    if item.is_date(name) != other.is_date(other_name):
        return False
    return equal(value, theirs)


def text_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # as YAML writes it
    return str(value)


COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "gt": lambda x, y: x > y, "gte": lambda x, y: x >= y, "lt": lambda x, y: x < y, "lte": lambda x, y: x <= y,
}


def ordered(op: str, item: Item, name: str, arg: Any, env: dict[str, Item]) -> bool:
    left = as_number(item, name)
    right = as_number(env[arg.alias], arg.field) if isinstance(arg, Ref) else arg
    if left is None or right is None or kind_of(right) != "number":
        return False
    return COMPARE[op](left, right)


# ---- one function per operator ---------------------------------------------------------

def _equals(item, name, arg, env):
    return is_constant(item, name, arg)


def _in(item, name, arg, env):
    return any(is_constant(item, name, c) for c in arg)


def _matches(item, name, arg, env):
    value = item.get(name)
    return value is not None and re2.search(arg, text_of(value)) is not None


def word_list(value: Any) -> set[str]:
    return set(value.split()) if isinstance(value, str) else set()


def _shares(item, name, arg, env):
    """README: at least `at_least` of the shorter word list is in the other; holds when either has none."""
    mine, theirs = word_list(item.get(name)), word_list(env[arg.alias].get(arg.field))
    if not mine or not theirs:
        return True
    return len(mine & theirs) / min(len(mine), len(theirs)) >= arg.at_least


def _time(test: Callable[[Time, Time], bool]):
    return lambda item, name, arg, env: test(item.time, env[arg.alias].time)


OPERATORS: dict[str, Callable[[Item, str, Any, dict], bool]] = {
    "equals": _equals,
    "in": _in,
    "not": lambda item, name, arg, env: not _equals(item, name, arg, env),
    "not_in": lambda item, name, arg, env: not _in(item, name, arg, env),
    "exists": lambda item, name, arg, env: item.get(name) is not None,
    "missing": lambda item, name, arg, env: item.get(name) is None,
    "matches": _matches,
    "same": lambda item, name, arg, env: same(item, name, env[arg.alias], arg.field),
    "differs": lambda item, name, arg, env: (item.get(name) is not None and env[arg.alias].get(arg.field) is not None
                                             and not same(item, name, env[arg.alias], arg.field)),
    "shares": _shares,
    "overlaps": _time(lambda mine, theirs: mine.start <= theirs.end and mine.end >= theirs.start),
    "after": _time(lambda mine, theirs: None not in (mine.as_of, theirs.as_of) and mine.as_of > theirs.as_of),
    "before": _time(lambda mine, theirs: None not in (mine.as_of, theirs.as_of) and mine.as_of < theirs.as_of),
    **{op: (lambda op: lambda item, name, arg, env: ordered(op, item, name, arg, env))(op)  # noqa: B023
       for op in COMPARE},
}


def passes(test: Test, item: Item, env: dict[str, Item]) -> bool:
    return OPERATORS[test.op](item, test.field, test.arg, env)


def fits(pattern: Pattern, item: Item, env: dict[str, Item]) -> bool:
    if item.derived != pattern.derived:
        return False
    if not all(passes(t, item, env) for t in pattern.tests):
        return False
    return not pattern.alternatives or any(all(passes(t, item, env) for t in alt) for alt in pattern.alternatives)


# ---- matching --------------------------------------------------------------------------

def bindings(patterns: tuple[Pattern, ...], pool: list[Item], env: dict[str, Item]) -> Iterator[dict[str, Item]]:
    """Every way to give each pattern its own fact, extending `env`; a fact fills one pattern."""
    if not patterns:
        yield dict(env)
        return
    first, rest = patterns[0], patterns[1:]
    for item in pool:
        if any(item is bound for bound in env.values()) or not fits(first, item, env):
            continue
        env[first.alias] = item
        yield from bindings(rest, pool, env)
        del env[first.alias]


def blocked(rule: Rule, env: dict[str, Item], pool: list[Item]) -> bool:
    return any(next(bindings(group, pool, dict(env)), None) is not None for group in rule.unless)


def order_key(items: list[Item]) -> tuple[int, ...]:
    return tuple(f.order for item in items for f in item.origins)


def document_item(fact: Fact) -> Item:
    values = dict(fact.values)
    return Item(fact.id, None, values, fact_time(values), (fact,))


def derive_round(rules: list[Rule], pool: list[Item], known: dict) -> list[Item]:
    """Facts the derive rules add in one round; one per name and set of bound facts."""
    chosen: dict[tuple, tuple] = {}
    for rule in rules:
        for env in bindings(rule.match, pool, {}):
            items = [env[a] for a in rule.aliases]
            key = (rule.derive.name, frozenset(id(i) for i in items))
            if key in known:
                continue
            rank = (order_key(items), rules.index(rule))  # the binding that reads in document order
            if key not in chosen or rank < chosen[key][0]:
                chosen[key] = (rank, rule, items)
    new = []
    for key, (_, rule, items) in chosen.items():
        by_alias = dict(zip(rule.aliases, items))
        values = {name: (by_alias[v.alias].get(v.field) if isinstance(v, Ref) else v) for name, v in rule.derive.fields}
        origins = sorted({f for i in items for f in i.origins}, key=lambda f: f.order)
        ident = f"{rule.derive.name}({'+'.join(sorted(i.id for i in items))})"
        item = Item(ident, rule.derive.name, {k: v for k, v in values.items() if v is not None}, items[0].time,
                    tuple(origins))
        known[key] = item
        new.append(item)
    return new


def derive_all(rules: list[Rule], pool: list[Item]) -> list[Item]:
    """Document facts plus everything the derive rules add, to a fixpoint."""
    producers = [r for r in rules if r.derive]
    known: dict = {}
    pool = list(pool)
    for _ in range(MAX_ROUNDS):
        new = derive_round(producers, pool, known)
        if not new:
            return pool
        pool += new
    raise RuntimeError(f"derived facts still growing after {MAX_ROUNDS} rounds")


def evaluate(rules: list[Rule], facts: FactSet) -> Flags:
    """Per flagging rule, the cited fact ids of each flag: what `engine.pipeline.check` reports."""
    pool = derive_all(rules, [document_item(f) for f in facts.facts])
    out: Flags = {}
    for rule in rules:
        if rule.derive:
            continue
        best: dict[frozenset, tuple] = {}
        for env in bindings(rule.match, pool, {}):
            if blocked(rule, env, pool):
                continue
            items = [env[a] for a in rule.aliases]
            key, rank = frozenset(id(i) for i in items), order_key(items)
            if key not in best or rank < best[key][0]:
                best[key] = (rank, items)
        cited = [tuple(dict.fromkeys(f.id for i in items for f in i.origins)) for _, items in best.values()]
        if cited:
            out[rule.id] = sorted(cited)
    return out
