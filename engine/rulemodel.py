"""The rule model: what a YAML rule means once validated, as frozen records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Ref:
    """A field of a fact bound by an earlier pattern: `a.subject`."""

    alias: str
    field: str

    def __str__(self) -> str:
        return f"{self.alias}.{self.field}"


@dataclass(frozen=True)
class Near(Ref):
    """A reference with a threshold, for a test decided in Python on each pair the engine joined:
    `words: {shares: {with: a, at_least: 0.5}}`."""

    at_least: float = 0.5

    def __str__(self) -> str:
        return f"{self.alias}.{self.field} (at least {self.at_least:g})"


@dataclass(frozen=True)
class Test:
    field: str  # a fact field, or `time`
    op: str
    arg: Any  # constant, tuple of constants, Ref, or pattern text
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class Pattern:
    """One fact a rule binds to `alias`; `alternatives` are either-or groups of tests."""

    alias: str
    tests: tuple[Test, ...]
    alternatives: tuple[tuple[Test, ...], ...] = ()
    derived: str | None = None  # match facts derived by other rules under this name

    def variants(self) -> list[tuple[Test, ...]]:
        """The pattern's tests with each either-or alternative in turn."""
        return [self.tests + alt for alt in self.alternatives] or [self.tests]


@dataclass(frozen=True)
class Derive:
    name: str
    fields: tuple[tuple[str, Any], ...]  # (field, Ref or constant)


@dataclass(frozen=True)
class Rule:
    id: str
    path: str
    line: int
    column: int
    family: str
    severity: str
    message: str
    help: str
    description: str
    match: tuple[Pattern, ...]
    unless: tuple[tuple[Pattern, ...], ...] = ()  # each group blocks on its own
    derive: Derive | None = None
    examples: tuple = ()  # engine.load.examples.Example records

    @property
    def flags(self) -> bool:
        return self.derive is None

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(p.alias for p in self.match)
