"""Validate one fact or entity mapping against the schema, collecting every problem.

One small checker per field type; `check_fact` adds defaults and cross-field rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..problems import Problem, did_you_mean
from . import dates
from .fields import ENTITY_FIELDS, ENTITY_TYPES, FIELDS, WRITABLE
from .mapping import check_mapping, describe, unknown_keys
from .yamlsrc import KeyPath, Located

MAX_STRING_BYTES = 60_000  # the engine mis-compares strings past 64 KiB
INT64 = 2**63
ID = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}\Z")

Checked = tuple[Any, str | None]  # normalised value, or None and a message


def _string(value: Any) -> Checked:
    if not isinstance(value, str):
        return None, f"expected text, got {describe(value)}"
    if not value.strip():
        return None, "must not be empty"
    # UTF-8 takes at most 4 bytes a character: encode only text that may be over
    if len(value) * 4 > MAX_STRING_BYTES and len(value.encode("utf-8")) > MAX_STRING_BYTES:
        return None, f"text longer than {MAX_STRING_BYTES:,} bytes"
    return value, None


def _id(value: Any) -> Checked:
    if not isinstance(value, str):
        return None, f"expected text, got {describe(value)}; put the id in quotes"
    if not ID.match(value):
        return None, "ids are 1-200 letters, digits and . _ : / - starting with a letter or digit"
    return value, None


def _number(value: Any) -> Checked:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, f"expected a number, got {describe(value)}"
    if isinstance(value, int) and not -INT64 <= value < INT64:
        return None, "number out of range (64-bit integers only)"
    if value != value or value in (float("inf"), float("-inf")):
        return None, "number must be finite"
    return value, None


def _scalar(value: Any) -> Checked:
    parsed = dates.parse(value) if not isinstance(value, (str, int, float)) else None
    if parsed:
        return parsed.text, None
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number(value)
    if isinstance(value, bool):
        return value, None
    return None, f"expected text, a number or true/false, got {describe(value)}"


def _bool(value: Any) -> Checked:
    return (value, None) if isinstance(value, bool) else (None, f"expected true or false, got {describe(value)}")


def _date(value: Any) -> Checked:
    parsed = dates.parse(value)
    return (parsed.text, None) if parsed else (None, "expected a date: YYYY, YYYY-MM or YYYY-MM-DD")


def _count(value: Any) -> Checked:
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 10_000
    return (value, None) if ok else (None, "expected a whole number from 1")


CHECKERS: dict[str, Callable[[Any], Checked]] = {
    "id": _id, "text": _string, "word": _string, "entity": _string, "enum": _string,
    "scalar": _scalar, "number": _number, "date": _date, "bool": _bool, "count": _count,
}


def check_fact(src: Located, at: KeyPath, data: Any) -> tuple[dict | None, list[Problem]]:
    """The fact's normalised values (defaults filled in), or None with its problems."""
    data, problems = check_mapping(src, at, data, "a fact")
    if problems:
        return None, problems
    if not _KNOWN.issuperset(data):
        problems = unknown_keys(src, at, data, WRITABLE, "fact")
    if not _MUST.issubset(data):
        problems += [src.problem(at, "missing-field", f"fact is missing required field `{name}`", f"{name}: {doc}")
                     for name, doc in _REQUIRED if name not in data]
    values: dict[str, Any] = {}
    for name, checker, choices, memo in _CHECKS:  # schema order, so every fact's values read alike
        if name not in data:
            continue
        raw = data[name]
        key = (raw.__class__, raw)
        found = memo.get(key) if memo is not None and raw.__class__ in _MEMO_TYPES else None
        if found is None:
            found = _checked(name, checker, choices, raw)
            if memo is not None and raw.__class__ in _MEMO_TYPES and len(memo) < MEMO_SIZE:
                memo[key] = found
        value, error = found
        if error:
            problems.append(src.problem(at + (name,), "invalid-value", f"`{name}`: {error}"))
        else:
            values[name] = value
    problems += _cross_field(src, at, values)
    return (None, problems) if problems else (values, [])


def _checked(name: str, checker: Callable[[Any], Checked], choices: tuple[str, ...], raw: Any) -> Checked:
    value, error = checker(raw)
    if error is None and choices and value not in choices:
        error = f"`{value}` is not a known {name}; {did_you_mean(value, choices)}"
    return value, error


_REQUIRED = tuple((name, FIELDS[name].doc) for name in WRITABLE if FIELDS[name].required)
_KNOWN, _MUST = frozenset(WRITABLE), frozenset(name for name, _ in _REQUIRED)
# Checks are pure, and fields of these types repeat a few values across a corpus: each (type, value)
# is checked once. Free text (ids, quotes, notes) is unique and is not remembered.
MEMO_SIZE = 4096  # values remembered per field, so a field of unique values cannot grow without bound
_MEMOISED = ("word", "enum", "entity", "scalar", "date", "bool", "count", "number")
_MEMO_TYPES = frozenset((str, int, bool))  # not float: -0.0 and 0.0 are one key but print apart
Check = tuple[str, Callable[[Any], Checked], tuple[str, ...], dict | None]  # field, checker, choices, memo
_CHECKS: tuple[Check, ...] = tuple((name, CHECKERS[FIELDS[name].type], FIELDS[name].choices,
                                    {} if FIELDS[name].type in _MEMOISED else None) for name in WRITABLE)


def _cross_field(src: Located, at: KeyPath, values: dict) -> list[Problem]:
    problems = []
    source, attribution = values.get("source"), values.get("attribution")
    if source is None and attribution not in (None, "none"):
        problems.append(src.problem(at + ("attribution",), "inconsistent",
                                    f"attribution `{attribution}` needs a `source`",
                                    "name the source entity, or use `attribution: none`"))
    if source is not None and attribution == "none":
        problems.append(src.problem(at + ("attribution",), "inconsistent",
                                    "attribution `none` contradicts the fact's `source`",
                                    "use direct, paraphrase or reported"))
    since, until = dates.parse(values.get("since")), dates.parse(values.get("until"))
    if since and until and since.first > until.last:
        problems.append(src.problem(at + ("until",), "inconsistent", "`until` is before `since`"))
    for flag in ("hedged", "exclusive", "superlative", "background"):
        values.setdefault(flag, False)
    values.setdefault("attribution", "none" if source is None else "paraphrase")
    return problems


def check_entity(src: Located, at: KeyPath, data: Any) -> tuple[dict | None, list[Problem]]:
    data, problems = check_mapping(src, at, data, "an entity")
    if problems:
        return None, problems
    problems = unknown_keys(src, at, data, ENTITY_FIELDS, "entity")
    for name in ("id", "name", "type"):
        if name not in data:
            problems.append(src.problem(at, "missing-field", f"entity is missing required field `{name}`",
                                        f"{name}: {ENTITY_FIELDS[name]}"))
    checks = {"id": _id(data.get("id", "x")), "name": _string(data.get("name", "x"))}
    etype = data.get("type", "other")
    if etype not in ENTITY_TYPES:
        checks["type"] = (None, f"`{etype}` is not a known entity type; {did_you_mean(etype, ENTITY_TYPES)}")
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or any(_string(a)[1] for a in aliases):
        checks["aliases"] = (None, "expected a list of names")
    problems += [src.problem(at + (name,), "invalid-value", f"`{name}`: {error}")
                 for name, (_, error) in checks.items() if error]
    return (None, problems) if problems else (data, [])
