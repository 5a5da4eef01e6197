"""Suppressions: flags a person has looked at and accepted, each with a reason and an optional expiry.

    - rule: unattributed-claim
      fact: administration-satisfied        # a fact id the flag cites ...
      reason: attributed to Rubio in the lead paragraph
      expires: 2026-06-30                   # from this day on the flag counts again
    - rule: conflicting-state
      fingerprint: 3f0c9a1b2c3d4e5f         # ... or the flag's fingerprint (its JSON `id`)
      reason: the embassy reopened; the facts file is being updated
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..load.mapping import check_mapping, unknown_keys
from ..load.paths import display_path
from ..load.yamlsrc import KeyPath, Located, load, read_text
from ..model import Flag, Suppressed
from ..problems import Problem, UsageError, did_you_mean

KEYS = ("rule", "fact", "fingerprint", "reason", "expires")
TODAY_VARIABLE = "CLAIMRULES_TODAY"
ISO_DAY = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")


@dataclass(frozen=True)
class Suppression:
    """One entry of a suppressions file and where it is written."""

    path: str
    line: int
    column: int
    rule: str
    reason: str
    fact: str | None = None
    fingerprint: str | None = None
    expires: dt.date | None = None
    expires_at: tuple[int, int] = (1, 1)

    def matches(self, flag: Flag) -> bool:
        if flag.rule != self.rule:
            return False
        if self.fingerprint is not None:
            return flag.fingerprint == self.fingerprint
        return any(fact.id == self.fact for fact in flag.facts)

    def active(self, today: dt.date) -> bool:
        return self.expires is None or today < self.expires


def today() -> dt.date:
    """The day expiry is judged by: $CLAIMRULES_TODAY (YYYY-MM-DD) for reproducible runs, else the clock."""
    value = os.environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return dt.date.today()
    day = _day(value)
    if day is None:
        raise UsageError(f"{TODAY_VARIABLE} must be a date YYYY-MM-DD, got {value!r}")
    return day


def load_suppressions(path: Path) -> tuple[list[Suppression], list[Problem]]:
    """Every entry of a suppressions file, or located problems for the bad ones (exit 2)."""
    shown = display_path(path)
    if not path.exists():
        return [], [Problem(shown, 1, 1, "not-found", "no such suppressions file")]
    text, problems = read_text(path, shown)
    if text is None:
        return [], problems
    src, problems = load(text, shown)
    if src is None or src.data is None:
        return [], problems
    if not isinstance(src.data, list):
        return [], problems + [src.problem((), "wrong-type", "a suppressions file is a list of entries",
                                           "start each entry with `- rule: …`")]
    found = [_entry(src, (i,), item, problems) for i, item in enumerate(src.data)]
    return [s for s in found if s is not None], problems


def _entry(src: Located, at: KeyPath, data: Any, problems: list[Problem]) -> Suppression | None:
    data, wrong = check_mapping(src, at, data, "a suppression")
    if wrong:
        problems += wrong
        return None
    errors = unknown_keys(src, at, data, KEYS, "suppression")
    for key in ("rule", "reason"):
        if key not in data:
            errors.append(src.problem(at, "missing-field", f"suppression is missing required field `{key}`",
                                      "say why this flag is accepted" if key == "reason" else ""))
    targets = [key for key in ("fact", "fingerprint") if key in data]
    if len(targets) != 1:
        errors.append(src.problem(at, "missing-field" if not targets else "inconsistent",
                                  "a suppression names either `fact` or `fingerprint`, not "
                                  + ("both" if targets else "neither"),
                                  "keep one" if targets else "`fact: ID` silences the rule's flags citing that fact"))
    errors += [src.problem(at + (key,), "invalid-value", f"`{key}` must be non-empty text")
               for key in ("rule", "reason", *targets) if key in data and not _text(data[key])]
    expires = _day(data["expires"]) if "expires" in data else None
    if "expires" in data and expires is None:
        errors.append(src.problem(at + ("expires",), "invalid-value", "`expires` must be a date YYYY-MM-DD"))
    problems += errors
    if errors:
        return None
    line, column = src.at(at)
    return Suppression(src.path, line, column, data["rule"], data["reason"].strip(), data.get("fact"),
                       data.get("fingerprint"), expires, src.at(at + ("expires",)))


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DAY.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def apply(entries: Iterable[Suppression], flags: Iterable[Flag], today: dt.date,
          rule_ids: Iterable[str] = ()) -> tuple[list[Flag], list[Suppressed], list[Problem]]:
    """Split flags into kept and suppressed; warn about expired entries and entries that match nothing."""
    entries, flags = list(entries), sorted(flags)
    active = [s for s in entries if s.active(today)]
    kept, silenced = [], []
    for flag in flags:
        entry = next((s for s in active if s.matches(flag)), None)
        if entry is None:
            kept.append(flag)
        else:
            silenced.append(Suppressed(flag, entry.reason, entry.path, entry.line, entry.column))
    warnings = [_expired(s) for s in entries if not s.active(today)]
    warnings += [_unused(s, set(rule_ids)) for s in active if not any(s.matches(f) for f in flags)]
    return kept, silenced, sorted(warnings)


def _expired(entry: Suppression) -> Problem:
    line, column = entry.expires_at
    return Problem(entry.path, line, column, "expired-suppression", f"suppression expired on {entry.expires}",
                   "the flag counts again: fix it, or renew `expires` with a fresh reason", severity="warning")


def _unused(entry: Suppression, rule_ids: set[str]) -> Problem:
    target = f"fact `{entry.fact}`" if entry.fact is not None else f"fingerprint `{entry.fingerprint}`"
    hint = "remove the entry: no flag needs it"
    if rule_ids and entry.rule not in rule_ids:
        hint = f"no rule `{entry.rule}` ran; {did_you_mean(entry.rule, rule_ids)}"
    return Problem(entry.path, entry.line, entry.column, "unused-suppression",
                   f"suppression of `{entry.rule}` for {target} matches no flag", hint, severity="warning")
