"""Turn facts into the flat dicts the engine stores: only the fields rules read.

Dates become day numbers so the engine compares them as integers; the tests the engine
gets wrong (see operators.py) are decided here and sent as booleans.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..load import dates
from ..load.fields import DATE_FIELDS, FIELDS
from ..model import Fact
from ..operators import DECIDE, NUMERIC, TYPED, canonical
from .compiler import AS_WRITTEN, DOCUMENT_TYPE, Program

OPEN_START, OPEN_END = 0, 10**7  # an undated fact overlaps every period
TIME_KEYS = ("_start", "_end", "_asof")
MEMO_TYPES = frozenset((str, int, bool, type(None)))  # values whose (type, value) alone decides a test
NUMBER_FIELDS = tuple(name for name, spec in FIELDS.items() if spec.type in ("number", "count"))


def header(kind: str, fact_id: str) -> dict:
    """The keys every engine record opens with: its type (`_t`), the join guard (`_g`), our id (`_id`)."""
    return {"_t": kind, "_g": 1, "_id": fact_id}


def day(value: str | None, last: bool = False) -> int | None:
    parsed = dates.parse(value)
    if parsed is None:
        return None
    return parsed.last_day if last else parsed.first_day


def time_keys(fact: Fact) -> dict[str, int]:
    as_of = fact.get("as_of")
    start = day(fact.get("since")) or day(as_of)
    end = day(fact.get("until"), last=True) or day(as_of, last=True)
    out = {"_start": start if start is not None else OPEN_START, "_end": end if end is not None else OPEN_END}
    if as_of is not None:
        asof = day(as_of)
        if asof is not None:
            out["_asof"] = asof
    return out


def encode(facts: Iterable[Fact], program: Program) -> list[dict]:
    """One engine record per fact; the per-field work is planned once per program, not per fact."""
    plan = Plan(program)
    return [plan.record(fact) for fact in facts]


class Plan:
    """How one program encodes a fact, worked out once: which fields to copy or convert, and memos.

    Facts repeat the same few values (kinds, dates, statuses), so day numbers and the decided
    `_pN` tests are looked up by value after their first computation: they are pure functions of
    the value (and its type: 1, 1.0 and true are kept apart), and the records come out the same.
    """

    def __init__(self, program: Program):
        self.program = program
        self.plain: list[tuple[str, str]] = []
        self.converted: list[tuple[str, str, Callable[[Any], Any]]] = []
        for key in program.keys:
            if key in TIME_KEYS or key.startswith(("_p", TYPED, NUMERIC)) or key == "_id":
                continue
            if key in DATE_FIELDS:
                self.converted.append((key, key, self.last_day if key == "until" else self.first_day))
            elif key in NUMBER_FIELDS:  # compared natively: the engine hashes 7 and 7.0 apart
                self.converted.append((key, key, canonical))
            else:
                self.plain.append((key, key.removeprefix(AS_WRITTEN)))
        self.copies = shadow_plan(program)
        self.tests: list[tuple[str, str, Callable[[Any, Any], bool], Any, dict]] = [
            (name, key, DECIDE[op], arg, {}) for name, key, op, arg in program.predicates]
        self._days: dict[tuple[Any, bool], int | None] = {}

    def first_day(self, value: Any) -> int | None:
        return self._day(value, False)

    def last_day(self, value: Any) -> int | None:
        return self._day(value, True)

    def _day(self, value: Any, last: bool) -> int | None:
        if value is None:
            return None
        if value.__class__ is not str:  # dates are text once loaded; anything else is not memoised
            return day(value, last)
        try:
            return self._days[value, last]
        except KeyError:
            found = self._days[value, last] = day(value, last)
            return found

    def record(self, fact: Fact) -> dict:
        values = fact.values
        record = header(DOCUMENT_TYPE, fact.id)
        for key, name in self.plain:
            value = values.get(name)
            if value is not None:
                record[key] = value
        for key, name, convert in self.converted:
            value = values.get(name)
            if value is not None:
                value = convert(value)
                if value is not None:
                    record[key] = value
        record.update(self.time_keys(values))
        if self.copies:
            shadows(self.program, record, self.copies)
        self.decide(record)
        return record

    def time_keys(self, values: Mapping[str, Any]) -> dict[str, int]:
        """`time_keys`, with the day numbers memoised."""
        as_of = values.get("as_of")
        start = self.first_day(values.get("since")) or self.first_day(as_of)
        end = self.last_day(values.get("until")) or self.last_day(as_of)
        out = {"_start": start if start is not None else OPEN_START, "_end": end if end is not None else OPEN_END}
        asof = self.first_day(as_of)
        if asof is not None:
            out["_asof"] = asof
        return out

    def decide(self, record: dict) -> dict:
        """`decide`, each test memoised by the value's type and value."""
        get = record.get
        for name, key, test, arg, memo in self.tests:
            value = get(key)
            kind = value.__class__
            if kind not in MEMO_TYPES:  # floats (-0.0 and 0.0 are equal but print apart), lists: every time
                record[name] = test(value, arg)
                continue
            try:
                record[name] = memo[kind, value]
            except KeyError:
                record[name] = memo[kind, value] = test(value, arg)
        return record


def shadows(program: Program, record: dict, plan: list[tuple[str, str, bool]] | None = None) -> dict:
    """Typed copies for joins on mixed-type fields: "s:1", "n:1" and "b:true" differ; numbers alone order."""
    for key, field, is_typed in shadow_plan(program) if plan is None else plan:
        value = record.get(field)
        if value is None:
            continue
        if is_typed:
            record[key] = typed(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            record[key] = value
    return record


def shadow_plan(program: Program) -> list[tuple[str, str, bool]]:
    """(copy's key, field key, typed or numeric) for each copy the program's joins read."""
    return [(key, key[len(TYPED):], True) if key.startswith(TYPED) else (key, key[len(NUMERIC):], False)
            for key in program.keys if key.startswith((TYPED, NUMERIC))]


def typed(value) -> str:
    if isinstance(value, bool):
        return "b:true" if value else "b:false"
    if isinstance(value, (int, float)):
        return f"n:{canonical(value)!r}"
    return f"s:{value}"


def decide(program: Program, record: dict) -> dict:
    """Add the `_pN` booleans for a record whose fields are already engine-encoded."""
    for name, key, op, arg in program.predicates:
        record[name] = DECIDE[op](record.get(key), arg)
    return record


MAX_GROUP = 250  # facts per join group: N facts sharing a join key cost about N² engine activations


def group_cap(cap: int, arity: int) -> int:
    """Facts per group that rules joining `arity` facts may see: at most about cap² activations.

    g facts cost about g**arity activations in a rule of `arity` patterns, so a three-fact rule
    under the default 250 sees 39 facts a group (59,319 activations), not 250 (15.6 million).
    """
    if arity <= 2:
        return cap
    budget, found = cap ** 2, int(round(cap ** (2 / arity)))
    while found > 0 and found ** arity > budget:
        found -= 1
    while (found + 1) ** arity <= budget:
        found += 1
    return found


def limit_joins(records: list[dict], program: Program, cap: int = MAX_GROUP) -> list[str]:
    """Let at most `cap` facts per join group into join rules; say what was left out.

    A subject shared by thousands of facts makes every join rule on it quadratic inside
    the engine. Facts past the cap (in document order) still match single-fact rules.
    """
    notes = []
    for name, fields in program.joins:
        arity = program.join_arity.get(name, 2)
        limit = group_cap(cap, arity)
        sizes: dict[tuple, int] = {}
        for record in records:
            if not all(f in record for f in fields):
                record[name] = True
                continue
            group = tuple(str(record[f]) for f in fields)
            sizes[group] = sizes.get(group, 0) + 1
            record[name] = sizes[group] <= limit
        rules = "the rules that" if arity == 2 else f"the rules joining {arity} facts (cap {cap}² activations) that"
        for group, size in sorted(sizes.items()):
            if size > limit:
                what = ", ".join(f"{f} = {v}" for f, v in zip(fields, group)) or "(no shared field)"
                notes.append(f"{size} facts share {what}: only the first {limit} were joined by {rules} "
                             f"compare facts on {', '.join(fields) or 'nothing'}")
    return notes
