"""Run rules' inline examples against the real engine, as tests."""

from __future__ import annotations

from dataclasses import dataclass

from ..derive import upstream
from ..load.examples import Example, compare
from ..pipeline import run_rules
from ..rulemodel import Rule
from ..run.runner import DEFAULT_TIMEOUT


@dataclass(frozen=True)
class Outcome:
    rule: Rule
    example: Example
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def name(self) -> str:
        return f"{self.rule.path}::{self.rule.id}::{self.example.name}"


def run_example(rule: Rule, example: Example, rules: list[Rule], timeout: float = DEFAULT_TIMEOUT) -> Outcome:
    result = run_rules(upstream(rule, rules), example.facts, timeout=timeout)
    return Outcome(rule, example, tuple(compare(example, [f for f in result.flags if f.rule == rule.id])))


def run_all(chosen: list[Rule], rules: list[Rule], timeout: float = DEFAULT_TIMEOUT) -> list[Outcome]:
    """The examples of the chosen rules, each run with the rules it depends on."""
    ordered = sorted(chosen, key=lambda r: (r.path, r.line))
    return [run_example(rule, example, rules, timeout) for rule in ordered for example in rule.examples]


def uncovered(rules: list[Rule]) -> list[Rule]:
    """Flagging rules with no example that expects a flag."""
    return [r for r in sorted(rules, key=lambda r: (r.path, r.line))
            if r.flags and not any(e.fires for e in r.examples)]
