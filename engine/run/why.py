"""Say why a rule fired, or why an `unless` fact did not cancel it, in the rule's own terms (`--explain`).

Tests are re-evaluated in Python on the same encoded values the engine saw, so the words
match what the engine did; the engine itself gives no trace of its matching.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..compile.encode import day, time_keys
from ..load.fields import DATE_FIELDS
from ..model import Fact
from ..operators import OPERATORS, TIME
from ..rulemodel import Pattern, Ref, Rule, Test

Record = dict[str, Any]
MAX_CONSIDERED = 10  # facts listed per absence explanation; the rest are counted

def record(fact: Fact) -> Record:
    """A fact as the engine stores it: dates as day numbers, our id as `_id`, period keys."""
    out: Record = {"_id": fact.id, **time_keys(fact)}
    for name, value in fact.values.items():
        out[name] = day(value, last=(name == "until")) if name in DATE_FIELDS else value
    return out


def derived_record(fact_id: str, values: dict, times: dict) -> Record:
    return {"_id": fact_id, **times, **values}


def field_value(rec: Record, name: str) -> Any:
    return rec.get("_id" if name == "id" else name)


def holds(test: Test, rec: Record, bound: dict[str, Record]) -> bool:
    """Whether one test holds for a record, with earlier aliases bound to records."""
    op = OPERATORS[test.op]
    if not isinstance(test.arg, Ref):
        assert op.check is not None
        return op.check(field_value(rec, test.field) if test.field != TIME else None, test.arg)
    other = bound.get(test.arg.alias)
    if other is None:
        return False
    if op.time:
        return op.time(rec, other)
    value, arg = field_value(rec, test.field), field_value(other, test.arg.field)
    if op.pair:  # decided on the values as they are, set or not (`shares` holds when either has no words)
        return op.pair(value, arg, test.arg)
    assert op.join is not None
    return value is not None and arg is not None and op.join(value, arg)


def show(test: Test, rec: Record | None = None) -> dict[str, Any]:
    """One test as data: field, operator, what it expects and (given a record) what it found."""
    out: dict[str, Any] = {"field": test.field, "op": test.op, "expected": shown(test.field, test.arg)}
    if rec is not None:
        out["actual"] = _actual(test, rec)
    return out


def _actual(test: Test, rec: Record) -> Any:
    if test.field == TIME:
        span = [_date(rec.get("_start")), _date(rec.get("_end"))]
        return {"as_of": _date(rec.get("_asof")), "period": span}
    return shown(test.field, field_value(rec, test.field))


def shown(field: str, value: Any) -> Any:
    if isinstance(value, Ref):
        return str(value)
    if isinstance(value, tuple):
        return [shown(field, v) for v in value]
    return _date(value) if field in DATE_FIELDS and isinstance(value, int) else value


def _date(value: Any) -> Any:
    if isinstance(value, int) and 0 < value < 10**7:
        return dt.date.fromordinal(value).isoformat()
    return None if isinstance(value, int) else value


def why(rule: Rule, bound: dict[str, Record], candidates: Iterable[tuple[Record, str | None]]) -> dict:
    """For one flag: the tests each bound fact passed, and for `unless`, what was considered."""
    matched = []
    for pattern in rule.match:
        rec = bound[pattern.alias]
        tests = next((v for v in pattern.variants() if all(holds(t, rec, bound) for t in v)), pattern.tests)
        matched.append({"pattern": pattern.alias, "fact": rec["_id"], "tests": [show(t, rec) for t in tests]})
    pool = list(candidates)
    absent = [_absent(i, pattern, bound, pool) for i, group in enumerate(rule.unless) for pattern in group[:1]]
    return {"matched": matched, "absent": absent} if absent else {"matched": matched}


def _absent(group: int, pattern: Pattern, bound: dict[str, Record], pool: list[tuple[Record, str | None]]) -> dict:
    """Facts that pass the blocker's own tests, and the test comparing with the flag that each fails."""
    considered = []
    for rec, kind in pool:
        if kind != pattern.derived:
            continue
        for tests in pattern.variants():
            own = [t for t in tests if not isinstance(t.arg, Ref)]
            if rec["_id"] in {b["_id"] for b in bound.values()} or not all(holds(t, rec, bound) for t in own):
                continue
            failed = next((t for t in tests if isinstance(t.arg, Ref) and not holds(t, rec, bound)), None)
            considered.append({"fact": rec["_id"], "failed": show(failed, rec) if failed else None})
            break
    verdict = "no fact passed the pattern's own tests" if not considered else \
        f"{len(considered)} fact(s) passed its own tests but none matched the flagged facts"
    shown = considered[:MAX_CONSIDERED]
    return {"group": group, "pattern": pattern.alias, "considered": shown,
            "more": len(considered) - len(shown), "conclusion": verdict}
