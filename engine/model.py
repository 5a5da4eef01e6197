"""Records passed between stages: documents, entities, facts, flags and the check result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

SEVERITIES = ("error", "warning", "info")  # most severe first
FAIL_ON = SEVERITIES + ("never",)


def severity_rank(severity: str) -> int:
    """0 for error, 1 for warning, 2 for info: smaller is more severe."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True, order=True)
class Span:
    """Where a quote sits in its document: 1-based, end column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Document:
    path: str  # as shown to users: relative to the working directory when possible
    text: str
    published: dt.date | None
    outlet: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Entity:
        """From a validated entity mapping (see facts.check_entity)."""
        return cls(data["id"], data["name"], data["type"], tuple(data.get("aliases", ())))


@dataclass(frozen=True)
class Fact:
    """One claim of a document; `values` holds every schema field, normalised."""

    id: str
    document: str
    span: Span
    order: int  # position among all facts of the run, for stable output
    values: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), compare=False, hash=False)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    @property
    def quote(self) -> str:
        return self.values["quote"]


@dataclass(frozen=True)
class FactSet:
    """Everything loaded for one run: facts in a stable order, with their documents and entities."""

    facts: tuple[Fact, ...]
    documents: Mapping[str, Document]
    entities: Mapping[str, Entity]

    def by_id(self) -> dict[str, Fact]:
        """Facts by id, built once per FactSet (read it, do not change it).

        Built once in the parent before the engine processes fork: each building it again over
        every fact made the flags stage grow with parts × facts, and touched (so copied) every page.
        """
        cached = self.__dict__.get("_by_id")
        if cached is None:
            cached = {f.id: f for f in self.facts}
            object.__setattr__(self, "_by_id", cached)  # a cache, not a field: equality is unchanged
        return cached


@dataclass(frozen=True, order=True)
class FlagFact:
    """A fact as a flag cites it: where its quote is, and what it says."""

    document: str
    line: int
    column: int
    end_line: int
    end_column: int
    id: str
    quote: str


@dataclass(frozen=True, order=True)
class Flag:
    """A finding. Field order makes `sorted()` give document order."""

    document: str
    line: int
    column: int
    rule: str
    fingerprint: str
    severity: str
    family: str
    message: str
    facts: tuple[FlagFact, ...]
    help: str = ""
    why: Mapping[str, Any] | None = field(default=None, compare=False, hash=False)  # with --explain


@dataclass(frozen=True, order=True)
class RuleInfo:
    """What a report says about a rule, fired or not (SARIF lists every rule)."""

    id: str
    family: str
    severity: str
    description: str
    help: str
    path: str
    line: int


@dataclass(frozen=True, order=True)
class BaselineEntry:
    """A flag as a baseline file remembers it: keyed on its fingerprint, `count` times."""

    rule: str
    fingerprint: str
    count: int = 1
    message: str = ""
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class BaselineDiff:
    """The run against a baseline: its new flags, how many were known, which known ones are gone."""

    file: str
    new: tuple[Flag, ...]  # reported flags beyond what the baseline knows
    unchanged: int
    fixed: tuple[BaselineEntry, ...]  # one per vanished occurrence, count 1 each


@dataclass(frozen=True, order=True)
class Suppressed:
    """A flag silenced by a suppressions entry, with the entry's reason and position."""

    flag: Flag
    reason: str
    path: str
    line: int
    column: int


@dataclass(frozen=True)
class CheckResult:
    flags: tuple[Flag, ...]  # reported flags: suppressed ones are moved to `suppressed`
    documents: tuple[str, ...]
    fact_count: int
    rule_count: int
    rules: tuple[RuleInfo, ...] = ()  # every rule that ran, by id
    texts: Mapping[str, str] = field(default_factory=dict, compare=False)  # document path → its text
    baseline: BaselineDiff | None = None  # set when compared with a baseline file
    suppressed: tuple[Suppressed, ...] | None = None  # set when a suppressions file was used
    notes: tuple[str, ...] = ()  # what the run had to limit (hot join groups), for a warning

    def gating(self) -> tuple[Flag, ...]:
        """The flags that can fail the run: all reported flags, or only the new ones against a baseline."""
        if self.baseline is None:
            return self.flags
        new = set(self.baseline.new)
        return tuple(f for f in self.flags if f in new)

    def exit_code(self, fail_on: str, max_warnings: int | None = None) -> int:
        """1 when a gating flag is at or above `fail_on` or warnings exceed `max_warnings`, else 0."""
        flags = self.gating()
        severe = fail_on != "never" and any(severity_rank(f.severity) <= severity_rank(fail_on) for f in flags)
        return 1 if severe or self.too_many_warnings(max_warnings) else 0

    def too_many_warnings(self, max_warnings: int | None) -> bool:
        return max_warnings is not None and self.warning_count() > max_warnings

    def warning_count(self) -> int:
        return sum(f.severity == "warning" for f in self.gating())

    def counts(self) -> dict[str, dict[str, int]]:
        by_severity = {s: 0 for s in SEVERITIES}
        by_family: dict[str, int] = {}
        for flag in self.flags:
            by_severity[flag.severity] += 1
            by_family[flag.family] = by_family.get(flag.family, 0) + 1
        return {"by_severity": by_severity, "by_family": dict(sorted(by_family.items()))}
