"""Located problems in rules, facts and documents, and the one error that carries them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

from .sanitise import guard, one_line


@dataclass(frozen=True, order=True)
class Problem:
    """A bad line in an input file. Positions are 1-based; fields order for sorting."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        """`path:line:column: severity: message [code]` and its hint, user text on one line, shown safely."""
        head = f"{one_line(self.path)}:{self.line}:{self.column}: {self.severity}: {one_line(self.message)} [{self.code}]"
        return guard(f"{head}\n  hint: {one_line(self.hint)}" if self.hint else head)


class InputError(Exception):
    """Bad input: every problem found, reported together (exit code 2)."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A bad command line that argparse cannot see (exit code 2)."""


class EngineFailure(Exception):
    """The rules engine crashed, hung or misbehaved (exit code 3)."""


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """A 'did you mean' hint, or the list of known names when nothing is close."""
    known = sorted(set(known))
    close = difflib.get_close_matches(str(word), known, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "expected one of: " + ", ".join(f"`{k}`" for k in known)
