"""Located problems in rules, facts and documents, and the one error that carries them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable


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
        head = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.code}]"
        return f"{head}\n  hint: {self.hint}" if self.hint else head


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


class OutputError(Exception):
    """A report or baseline could not be written; nothing was replaced (exit code 2 for a bad path, else 3)."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code
