"""Baseline files: the flags a project has accepted, keyed on fingerprints, so CI fails only on new ones.

    {
      "version": 1,
      "tool": "claimrules",
      "flags": [
        {"rule": "conflicting-state", "fingerprint": "3f0c9a1b2c3d4e5f", "count": 1,
         "message": "…", "facts": ["embassy-guarded-by-marines", "embassy-closed-since-2019"]}
      ]
    }

Entries are sorted by rule, then fingerprint; `message` and `facts` are for people and never compared.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..load import jsontext
from ..load.mapping import check_mapping, unknown_keys
from ..load.paths import display_path
from ..load.yamlsrc import Located, load, read_text
from ..model import BaselineDiff, BaselineEntry, Flag
from ..problems import Problem

VERSION = 1
DEFAULT_FILE = Path(".claimrules-baseline.json")
ENTRY_KEYS = ("rule", "fingerprint", "count", "message", "facts")
# One entry stands for `count` equal flags, and each one not found again is listed as fixed:
# the bound keeps a hand-edited count from making that list endless.
MAX_COUNT = 1_000_000


def entries(flags: Iterable[Flag]) -> list[BaselineEntry]:
    """One entry per fingerprint, counting its occurrences; the first occurrence speaks for the rest."""
    flags = sorted(flags)
    counts = Counter((f.rule, f.fingerprint) for f in flags)
    first: dict[tuple[str, str], Flag] = {}
    for flag in flags:
        first.setdefault((flag.rule, flag.fingerprint), flag)
    return [BaselineEntry(rule, fp, counts[rule, fp], flag.message, tuple(f.id for f in flag.facts))
            for (rule, fp), flag in sorted(first.items())]


def dumps(flags: Iterable[Flag]) -> str:
    """The baseline file's text: same flags, same bytes."""
    rows = [{"rule": e.rule, "fingerprint": e.fingerprint, "count": e.count, "message": e.message,
             "facts": list(e.facts)} for e in entries(flags)]
    body = {"version": VERSION, "tool": "claimrules", "flags": rows}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: Path) -> tuple[list[BaselineEntry], list[Problem]]:
    """The entries of a baseline file, or located problems (exit 2)."""
    shown = display_path(path)
    if not path.exists():
        return [], [Problem(shown, 1, 1, "not-found", "no such baseline file",
                            "create it with `claimrules baseline`")]
    text, problems = read_text(path, shown)
    if text is None:
        return [], problems
    data, refused = jsontext.loads(text, shown, unique=False)
    if refused:
        return [], refused
    # JSON is YAML: the YAML loader gives every value its line:column and catches duplicate keys.
    src, problems = load(text, shown)
    return _entries(src or Located(shown, data), problems)


def _entries(src: Located, problems: list[Problem]) -> tuple[list[BaselineEntry], list[Problem]]:
    top, wrong = check_mapping(src, (), src.data, "a baseline file")
    if wrong:
        return [], problems + wrong
    problems += unknown_keys(src, (), top, ("version", "tool", "flags"), "baseline")
    if top.get("version") != VERSION:
        problems.append(src.problem(("version",), "baseline-version", f"unsupported baseline version "
                                    f"{top.get('version')!r}; expected {VERSION}", "recreate it with "
                                    "`claimrules baseline`"))
    rows = top.get("flags", [])
    if not isinstance(rows, list):
        return [], problems + [src.problem(("flags",), "wrong-type", "`flags` must be a list")]
    found = [_entry(src, ("flags", i), row, problems) for i, row in enumerate(rows)]
    problems += _repeated(src, found)
    return [e for e in found if e is not None], problems


def _repeated(src: Located, found: list[BaselineEntry | None]) -> list[Problem]:
    """An entry whose rule and fingerprint an earlier one has: ambiguous, so a located problem."""
    first: dict[tuple[str, str], int] = {}
    problems = []
    for i, entry in enumerate(found):
        if entry is None:
            continue
        earlier = first.setdefault((entry.rule, entry.fingerprint), i)
        if earlier != i:
            line, _ = src.at(("flags", earlier))
            problems.append(src.problem(("flags", i), "duplicate-entry", f"a second entry for `{entry.rule}` "
                                        f"`{entry.fingerprint}`; the first is at line {line}",
                                        "keep one entry and add up their `count`"))
    return problems


def _entry(src: Located, at: tuple, row: Any, problems: list[Problem]) -> BaselineEntry | None:
    row, wrong = check_mapping(src, at, row, "a baseline entry")
    problems += wrong + unknown_keys(src, at, row, ENTRY_KEYS, "baseline entry")
    errors = [src.problem(at + (key,) if key in row else at, "invalid-value", f"`{key}` must be non-empty text")
              for key in ("rule", "fingerprint") if not (isinstance(row.get(key), str) and row[key].strip())]
    count = row.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        errors.append(src.problem(at + ("count",), "invalid-value",
                                  f"`count` must be a whole number from 1 to {MAX_COUNT:,}"))
    problems += errors
    if wrong or errors:
        return None
    return BaselineEntry(row["rule"], row["fingerprint"], count, str(row.get("message", "")))


def compare(flags: Iterable[Flag], known: Iterable[BaselineEntry], file: str) -> BaselineDiff:
    """Which flags are new: of k+n flags sharing a fingerprint the baseline counts k times, n are new."""
    known = list(known)
    budget: Counter = Counter()
    for entry in known:
        budget[entry.rule, entry.fingerprint] += entry.count
    left = budget.copy()
    new, unchanged = [], 0
    for flag in sorted(flags):
        key = (flag.rule, flag.fingerprint)
        if left[key] > 0:
            left[key] -= 1
            unchanged += 1
        else:
            new.append(flag)
    messages = {(e.rule, e.fingerprint): e.message for e in known}
    fixed = tuple(BaselineEntry(rule, fp, 1, messages[rule, fp])
                  for (rule, fp), n in sorted(left.items()) for _ in range(n))
    return BaselineDiff(file, tuple(new), unchanged, fixed)
