"""The rule language's operators, one row each: how it reads its argument, what engine tests it
emits, how Python decides it, how it is said in words and in the JSON Schema.

Adding an operator is adding one row to `OPERATORS` (plus its tests and the README). Every shape
emitted here is exercised against the real engine in tests/test_engine_shapes.py.
Tests the engine gets wrong are decided in Python before facts go in and reach the engine
as a boolean `_pN: true`: `$or` inside a join pattern skips the join tests after it (B2),
`$neq` is false for a missing field, and the engine's regex misses matches (B9).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import re2

from .load import dates
from .load.fields import FIELDS, FieldSpec
from .problems import did_you_mean
from .rulemodel import Near, Ref

TIME = "time"


class Context(Protocol):
    def slot(self, alias: str) -> str: ...
    def key(self, field: str) -> str: ...
    def predicate(self, key: str, op: str, arg: Any) -> str: ...
    def strict(self, key: str) -> bool: ...
    def kind(self, key: str) -> str: ...
    def need(self, alias: str, key: str) -> None: ...


Parsed = tuple[Any, str | None]


SCALAR_SCHEMA: dict = {"type": ["string", "number", "boolean"]}
TEXT_SCHEMA: dict = {"type": "string", "minLength": 1}
LIST_SCHEMA: dict = {"type": "array", "items": SCALAR_SCHEMA, "minItems": 1}
NEAR_SCHEMA: dict = {"oneOf": [TEXT_SCHEMA, {
    "type": "object", "required": ["with"], "additionalProperties": False,
    "properties": {"with": TEXT_SCHEMA, "at_least": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}}}]}


@dataclass(frozen=True)
class Operator:
    """One row: read (`parse`), compile (`emit`), decide (`check`, `join`, `time`), say (`phrase`)."""

    parse: Callable[[Any, FieldSpec | None], Parsed]
    emit: Callable[[str, Any, Context], list[dict]]
    phrase: str  # the test in words: `{field} ` + this, with `{arg}` filled in
    doc: str
    schema: dict  # what the argument looks like, for the JSON Schema
    check: Callable[[Any, Any], bool] | None = None  # a value against a constant; None is a missing field
    join: Callable[[Any, Any], bool] | None = None  # a value against another fact's value (both set)
    time: Callable[[dict, dict], bool] | None = None  # two facts' periods, on their encoded time keys
    # a value against another fact's value (both set) and the test's `Near` argument, decided in Python on
    # each pair the engine joined (on the rule's equality tests): the engine only checks both are set
    pair: Callable[[Any, Any, Any], bool] | None = None
    reference: bool = False  # compares with another fact: a join test
    orders: bool = False  # an order: also takes another fact's field (`gt: a.number`)
    sets: bool = False  # holds only when the field is set (for lint's "never set" warning)


def constant(value: Any, spec: FieldSpec | None) -> Parsed:
    """A constant checked against the field's type, converted to what the engine stores."""
    kind = spec.type if spec else "scalar"
    if isinstance(value, (list, dict)) or value is None:
        return None, "expected a single value"
    if kind == "date":  # `until` is stored as its last day, every other date as its first
        parsed = dates.parse(value)
        if not parsed:
            return None, "expected a date: YYYY, YYYY-MM or YYYY-MM-DD"
        return (parsed.last_day if spec and spec.name == "until" else parsed.first_day), None
    if kind == "bool" and not isinstance(value, bool):
        return None, "expected true or false"
    if kind in ("number", "count") and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return None, "expected a number"
    if kind in ("text", "word", "entity", "enum", "id") and not isinstance(value, str):
        return None, "expected text (put it in quotes)"
    if spec and spec.choices and value not in spec.choices:
        return None, f"`{value}` is never a `{spec.name}`; {did_you_mean(value, spec.choices)}"
    if isinstance(value, dt.date):  # YAML reads 2019-05-01 as a date; other fields store text
        return value.isoformat(), None
    return canonical(value), None


def canonical(value: Any) -> Any:
    """7.0 is 7: the engine's join index hashes an int and an equal float apart."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def constants(value: Any, spec: FieldSpec | None) -> Parsed:
    if not isinstance(value, list) or not value:
        return None, "expected a non-empty list of values"
    parsed = [constant(v, spec) for v in value]
    errors = [e for _, e in parsed if e]
    unique: list[Any] = []
    for v, _ in parsed:  # not a set: 1 and true are different values here
        if not any(same_value(v, u) for u in unique):
            unique.append(v)
    return (None, errors[0]) if errors else (tuple(unique), None)


def flag(value: Any, spec: FieldSpec | None) -> Parsed:
    return (value, None) if value is True else (None, "write `true`")


def pattern(value: Any, spec: FieldSpec | None) -> Parsed:
    if not isinstance(value, str) or not value:
        return None, "expected a pattern (text)"
    if spec and spec.type not in ("text", "word", "scalar", "entity", "enum", "id"):
        return None, f"`{spec.name}` is not text; `matches` works on text fields"
    try:
        re2.compile(value)
    except re2.error as exc:
        return None, f"invalid pattern: {exc}"
    return value, None


def ordered(value: Any, spec: FieldSpec | None) -> Parsed:
    if isinstance(value, Ref):
        return value, None
    if spec and spec.type not in ("number", "date", "scalar", "count"):
        return None, f"`{spec.name}` is not a number or date"
    return constant(value, spec)


def reference(value: Any, spec: FieldSpec | None) -> Parsed:
    return (value, None) if isinstance(value, Ref) else (None, "expected a pattern name, like `a` or `a.subject`")


def _eq(key: str, arg: Any, ctx: Context) -> list[dict]:
    """The engine's equality coerces (1 == true == "1"): fields of mixed type are decided in Python."""
    return _decided("in")(key, (arg,), ctx) if ctx.strict(key) else [{key: arg}]


def _in(key: str, arg: tuple, ctx: Context) -> list[dict]:
    return _eq(key, arg[0], ctx) if len(arg) == 1 else _decided("in")(key, arg, ctx)


def _decided(op: str) -> Callable[[str, Any, Context], list[dict]]:
    def emit(key: str, arg: Any, ctx: Context) -> list[dict]:
        return [{ctx.predicate(key, op, arg): True}]
    return emit


TYPED, NUMERIC = "_k_", "_n_"  # prefixes of the copies that mixed-type fields join on (see encode.shadows)


def _sides(key: str, ref: Ref, ctx: Context, prefix: str) -> tuple[str, str]:
    """The keys a join test compares: a field that may hold text, numbers or booleans, or two fields of
    different types, join on copies that keep types apart (the engine joins 1 with "1", true with "true")."""
    other = ctx.key(ref.field)
    if ctx.strict(key) or ctx.strict(other) or ctx.kind(key) != ctx.kind(other):
        return prefix + key, prefix + other
    return key, other


def _compare(op: str) -> Callable[[str, Any, Context], list[dict]]:
    def emit(key: str, arg: Any, ctx: Context) -> list[dict]:
        if isinstance(arg, Ref):
            own, other = _sides(key, arg, ctx, NUMERIC)
            return [{"$ex": {own: 1}}, {op: {own: _ref(arg, ctx, other)}}]
        if ctx.strict(key):  # the engine orders text too; only numbers and dates have an order here
            return _decided(op[1:])(key, arg, ctx)
        return [{op: {key: arg}}]
    return emit


def _ref(ref: Ref, ctx: Context, key: str | None = None) -> dict:
    key = key or ctx.key(ref.field)
    ctx.need(ref.alias, key)
    return {ctx.slot(ref.alias): key}


def _same(key: str, arg: Ref, ctx: Context) -> list[dict]:
    own, other = _sides(key, arg, ctx, TYPED)
    return [{"$ex": {own: 1}}, {own: _ref(arg, ctx, other)}]


def _differs(key: str, arg: Ref, ctx: Context) -> list[dict]:
    own, other = _sides(key, arg, ctx, TYPED)
    return [{"$ex": {own: 1}}, {"$neq": {own: _ref(arg, ctx, other)}}]


def near(value: Any, spec: FieldSpec | None) -> Parsed:
    """`a`, or `{with: a, at_least: 0.5}` (the loader has read `with` into a Ref): a share between 0 and 1."""
    ref, raw = value if isinstance(value, tuple) else (value, {})
    unknown = sorted(set(raw) - {"with", "at_least"})
    if unknown:
        return None, f"unknown key `{unknown[0]}`; write `{{with: a, at_least: 0.5}}`"
    share = raw.get("at_least", 0.5)
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
        return None, "`at_least` must be a share above 0 and at most 1 (0.5: half the shorter claim's words)"
    if spec and spec.type not in ("text", "word", "scalar"):
        return None, f"`{spec.name}` is not text; `shares` compares words"
    return Near(ref.alias, ref.field, float(share)), None


def _shares(key: str, arg: Near, ctx: Context) -> list[dict]:
    """Nothing for the engine: which joined pairs share enough is decided in Python (compiler.Program.admits)."""
    return []


def word_set(value: Any) -> frozenset[str]:
    return frozenset(value.split()) if isinstance(value, str) else frozenset()


def shared_enough(value: Any, other: Any, arg: Near) -> bool:
    """At least `at_least` of the shorter word list is in the other: a headline meets the body sentence
    that says the same; two claims that only share their subject's words do not. A fact without words
    (written by hand, keyed precisely) is not held apart: there is nothing to weigh."""
    mine, theirs = word_set(value), word_set(other)
    shorter = min(len(mine), len(theirs))
    return shorter == 0 or len(mine & theirs) >= arg.at_least * shorter


def _overlaps(key: str, arg: Ref, ctx: Context) -> list[dict]:
    return [{"$lte": {"_start": _ref(arg, ctx, "_end")}}, {"$gte": {"_end": _ref(arg, ctx, "_start")}}]


def _after(op: str) -> Callable[[str, Any, Context], list[dict]]:
    def emit(key: str, arg: Ref, ctx: Context) -> list[dict]:
        return [{"$ex": {"_asof": 1}}, {op: {"_asof": _ref(arg, ctx, "_asof")}}]
    return emit




def field_spec(name: str) -> FieldSpec | None:
    return FIELDS.get(name)


def _search(value: Any, pattern: str) -> bool:
    if isinstance(value, bool):
        value = "true" if value else "false"  # as the facts file writes it
    return value is not None and _compiled(pattern).search(str(value)) is not None


def same_value(a: Any, b: Any) -> bool:
    """Equal and of the same kind: 1 is not true and not "1"; 7 and 7.0 are one number."""
    numbers = (int, float)
    if isinstance(a, bool) or isinstance(b, bool) or not (isinstance(a, numbers) and isinstance(b, numbers)):
        return type(a) is type(b) and a == b
    return a == b


_PATTERNS: dict[str, Any] = {}


def _compiled(pattern: str) -> Any:
    if pattern not in _PATTERNS:
        _PATTERNS[pattern] = re2.compile(pattern)
    return _PATTERNS[pattern]


def _numeric(*values: Any) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def _overlap(rec: dict, other: dict) -> bool:
    return rec["_start"] <= other["_end"] and rec["_end"] >= other["_start"]


def _as_of(op: Callable[[Any, Any], bool]) -> Callable[[dict, dict], bool]:
    def decide(rec: dict, other: dict) -> bool:
        return "_asof" in rec and "_asof" in other and op(rec["_asof"], other["_asof"])
    return decide


def _order(op: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def decide(value: Any, arg: Any) -> bool:
        return _numeric(value, arg) and op(value, arg)  # only numbers and dates (day numbers) have an order
    return decide


def _ordering(name: str, op: Callable[[Any, Any], bool], phrase: str, doc: str) -> Operator:
    return Operator(ordered, _compare("$" + name), phrase, doc, SCALAR_SCHEMA, check=_order(op), join=_order(op),
                    orders=True, sets=True)


OPERATORS: dict[str, Operator] = {
    "equals": Operator(constant, _eq, "is {arg}", "the field has this value", SCALAR_SCHEMA,
                       check=lambda value, arg: value is not None and value == arg, sets=True),
    "in": Operator(constants, _in, "is one of {arg}", "the field has one of these values", LIST_SCHEMA,
                   check=lambda value, arg: value is not None and any(same_value(value, a) for a in arg), sets=True),
    "not": Operator(constant, _decided("not"), "is not {arg}", "the field is missing or has another value",
                    SCALAR_SCHEMA, check=lambda value, arg: value is None or not same_value(value, arg)),
    "not_in": Operator(constants, _decided("not_in"), "is none of {arg}",
                       "the field is missing or has none of these values", LIST_SCHEMA,
                       check=lambda value, arg: value is None or not any(same_value(value, a) for a in arg)),
    "exists": Operator(flag, lambda key, arg, ctx: [{"$ex": {key: 1}}], "is set", "the field is set",
                       {"const": True}, check=lambda value, arg: value is not None),
    "missing": Operator(flag, lambda key, arg, ctx: [{"$nex": {key: 1}}], "is not set", "the field is not set",
                        {"const": True}, check=lambda value, arg: value is None),
    "matches": Operator(pattern, _decided("matches"), "matches /{arg}/",
                        "the text contains a match of this RE2 pattern", TEXT_SCHEMA, check=_search, sets=True),
    "gt": _ordering("gt", lambda a, b: a > b, "is greater than {arg}",
                    "greater (later) than a number, date or `x.field`"),
    "gte": _ordering("gte", lambda a, b: a >= b, "is at least {arg}", "greater than or equal"),
    "lt": _ordering("lt", lambda a, b: a < b, "is less than {arg}", "less (earlier) than"),
    "lte": _ordering("lte", lambda a, b: a <= b, "is at most {arg}", "less than or equal"),
    "same": Operator(reference, _same, "is the same as {arg}", "equal to the same field of pattern `x`",
                     TEXT_SCHEMA, join=same_value, reference=True, sets=True),
    "differs": Operator(reference, _differs, "differs from {arg}", "set, and different from pattern `x`'s",
                        TEXT_SCHEMA, join=lambda a, b: not same_value(a, b), reference=True, sets=True),
    "shares": Operator(near, _shares, "shares words with {arg}",
                       "at least `at_least` (default 0.5) of the shorter word list is in `x`'s; "
                       "holds when either has none", NEAR_SCHEMA, pair=shared_enough, reference=True),
    "overlaps": Operator(reference, _overlaps, "overlaps {arg}", "(time) the two periods overlap", TEXT_SCHEMA,
                         time=_overlap, reference=True),
    "after": Operator(reference, _after("$gt"), "is after {arg}", "(time) as_of is later than `x`'s", TEXT_SCHEMA,
                      time=_as_of(lambda a, b: a > b), reference=True),
    "before": Operator(reference, _after("$lt"), "is before {arg}", "(time) as_of is earlier than `x`'s",
                       TEXT_SCHEMA, time=_as_of(lambda a, b: a < b), reference=True),
}
TIME_OPERATORS = tuple(name for name, op in OPERATORS.items() if op.time)
PAIR_OPERATORS = tuple(name for name, op in OPERATORS.items() if op.pair)
# How the encoder decides the tests the engine cannot be trusted with (emitted as `_pN: true`).
DECIDE: dict[str, Callable[[Any, Any], bool]] = {
    name: op.check for name, op in OPERATORS.items() if op.check and name not in ("equals", "exists", "missing")}
