"""Records passed between stages: documents, entities, facts, flags and the check result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

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
        return {f.id: f for f in self.facts}


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


@dataclass(frozen=True)
class CheckResult:
    flags: tuple[Flag, ...]
    documents: tuple[str, ...]
    fact_count: int
    rule_count: int
    rules: tuple[RuleInfo, ...] = ()  # every rule that ran, by id
    texts: Mapping[str, str] = field(default_factory=dict, compare=False)  # document path → its text

    def exit_code(self, fail_on: str) -> int:
        """1 when any flag is at or above `fail_on`, else 0."""
        if fail_on == "never":
            return 0
        limit = severity_rank(fail_on)
        return 1 if any(severity_rank(f.severity) <= limit for f in self.flags) else 0

    def counts(self) -> dict[str, dict[str, int]]:
        by_severity = {s: 0 for s in SEVERITIES}
        by_family: dict[str, int] = {}
        for flag in self.flags:
            by_severity[flag.severity] += 1
            by_family[flag.family] = by_family.get(flag.family, 0) + 1
        return {"by_severity": by_severity, "by_family": dict(sorted(by_family.items()))}
