"""JSON read as strictly as our YAML: what Python's `json` accepts silently or crashes on is a located problem.

Python's decoder keeps the last of two equal keys, takes `NaN` and `Infinity`, raises a bare
ValueError on an integer past 4,300 digits and a RecursionError on deep nesting; each of
those becomes a `Problem` with the line and column of the offending text.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..problems import Problem

MAX_DIGITS = 100  # no count, id or number in a facts or baseline file is longer


class _Refused(ValueError):
    """Raised from inside the decoder's hooks; `pattern` finds the offending text afterwards."""

    def __init__(self, code: str, message: str, pattern: str, nth: int = 1):
        super().__init__(message)
        self.code, self.message, self.pattern, self.nth = code, message, pattern, nth


def loads(text: str, path: str, line: int = 1, *, unique: bool = True) -> tuple[Any, list[Problem]]:
    """The value of `text`, or None and one located problem; `line` is the line `text` starts on.

    `unique` finds repeated keys, located well on one line only: a multi-line file is better
    checked by the YAML loader, which knows where every key is.
    """
    try:
        return (_STRICT if unique else _LOOSE).decode(text), []
    except json.JSONDecodeError as exc:
        return None, [Problem(path, line + exc.lineno - 1, exc.colno, "json-syntax", exc.msg)]
    except _Refused as exc:
        at_line, column = _find(text, exc.pattern, exc.nth)
        return None, [Problem(path, line + at_line - 1, column, exc.code, exc.message)]
    except RecursionError:
        return None, [Problem(path, line, 1, "too-deep", "JSON is nested too deeply",
                              "facts and baselines need only a few levels of nesting")]


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            break
        seen.add(key)
    quoted = re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:"
    raise _Refused("duplicate-key", f"duplicate key `{key}`", quoted, nth=2)


def _no_constant(name: str) -> float:
    raise _Refused("invalid-value", f"`{name}` is not JSON", rf"\b{name}\b")


def _short_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _Refused("invalid-value", f"a number of {len(digits.lstrip('-'))} digits; at most {MAX_DIGITS}",
                       rf"-?\d{{{MAX_DIGITS + 1},}}")
    return int(digits)


# Built once: `json.loads` with hooks builds a decoder per call, which tripled the time of 100k lines.
_STRICT = json.JSONDecoder(object_pairs_hook=_unique, parse_constant=_no_constant, parse_int=_short_int)
_LOOSE = json.JSONDecoder(parse_constant=_no_constant, parse_int=_short_int)


def _find(text: str, pattern: str, nth: int) -> tuple[int, int]:
    """Line and column of the `nth` match of `pattern` (else the first, else 1:1)."""
    matches = list(re.finditer(pattern, text))
    if not matches:
        return 1, 1
    offset = matches[min(nth, len(matches)) - 1].start()
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
