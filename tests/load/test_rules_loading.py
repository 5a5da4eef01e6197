"""Loading rules: YAML rules become frozen Rule records, each test located at its key."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from kit.loading import VALID_RULES, located, problems_of, write_tree

from engine.load.rules import load_rules
from engine.rulemodel import Derive, Pattern, Ref, Rule
from engine.rulemodel import Test as T  # not `Test`: pytest would try to collect it

ROOT = Path(__file__).resolve().parents[2]

RULES = textwrap.dedent("""\
    rules:
      - id: corroborate
        family: sourcing
        description: Two sources say the same.
        derive:
          name: corroborated
          fields:
            subject: a.subject
            second: b.id
            strength: 2
        match:
          a: {kind: statement, source: {exists: true}}
          b:
            kind: statement
            subject: {same: a}
            source: {differs: a}
      - id: late-claim
        family: timing
        severity: warning
        message: "{a.text} ({{literal}}) after {c.subject}"
        help: Check it.
        match:
          c: {derived: corroborated, strength: {gte: 2}}
          a:
            as_of: {gt: 2026-01}
            number: {lt: 10, gt: c.strength}
            text: {matches: "(?i)talks"}
            kind: [statement, assessment]
            status: {not: done}
            subject: {same: c}
            any:
              - hedged: true
              - background: {not: true}
        unless:
          - x: {kind: event, subject: {same: a}}
          - y: {hedged: true, time: {overlaps: a}}
    """)

CORROBORATE = Rule(
    "corroborate", "rules/r.yaml", 2, 5, "sourcing", "info", "", "", "Two sources say the same.",
    match=(
        Pattern("a", (T("kind", "equals", "statement", 12, 11), T("source", "exists", True, 12, 28))),
        Pattern("b", (T("kind", "equals", "statement", 14, 9), T("subject", "same", Ref("a", "subject"), 15, 9),
                      T("source", "differs", Ref("a", "source"), 16, 9))),
    ),
    derive=Derive("corroborated", (("subject", Ref("a", "subject")), ("second", Ref("b", "id")), ("strength", 2))),
)
LATE_CLAIM = Rule(
    "late-claim", "rules/r.yaml", 17, 5, "timing", "warning", "{a.text} ({{literal}}) after {c.subject}",
    "Check it.", "",
    match=(
        Pattern("c", (T("strength", "gte", 2, 23, 34),), derived="corroborated"),
        Pattern("a", (
            T("as_of", "gt", dt.date(2026, 1, 1).toordinal(), 25, 9),
            T("number", "lt", 10, 26, 9),
            T("number", "gt", Ref("c", "strength"), 26, 9),
            T("text", "matches", "(?i)talks", 27, 9),
            T("kind", "in", ("statement", "assessment"), 28, 9),
            T("status", "not", "done", 29, 9),
            T("subject", "same", Ref("c", "subject"), 30, 9),
        ), alternatives=((T("hedged", "equals", True, 32, 13),), (T("background", "not", True, 33, 13),))),
    ),
    unless=(
        (Pattern("x", (T("kind", "equals", "event", 35, 13), T("subject", "same", Ref("a", "subject"), 35, 26))),),
        (Pattern("y", (T("hedged", "equals", True, 36, 13), T("time", "overlaps", Ref("a", "time"), 36, 27))),),
    ),
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_rules_become_located_records(project):
    write_tree(project, {"rules/r.yaml": RULES})
    assert load_rules([Path("rules")]) == [CORROBORATE, LATE_CLAIM]


def test_a_derived_name_may_come_from_a_later_file(project):
    first, second = RULES.split("  - id: late-claim\n")
    write_tree(project, {"rules/a.yaml": "rules:\n  - id: late-claim\n" + second, "rules/b.yaml": first})
    rules = load_rules([Path("rules")])
    assert [(r.id, r.path, r.line) for r in rules] == [("late-claim", "rules/a.yaml", 2),
                                                         ("corroborate", "rules/b.yaml", 2)]


def test_scalar_shorthands(project):
    write_tree(project, {"rules/r.yaml": VALID_RULES.replace("kind: prediction", textwrap.dedent("""\
        kind: [prediction]
                value: 2026-01-29
                hedged: false
                cue: {exists: true, missing: true}""").rstrip())})
    (rule,) = load_rules([Path("rules")])
    assert [(t.field, t.op, t.arg) for t in rule.match[0].tests] == [
        ("kind", "in", ("prediction",)), ("value", "equals", "2026-01-29"), ("hedged", "equals", False),
        ("cue", "exists", True), ("cue", "missing", True)]


def test_files_and_folders_are_read_in_a_stable_order(project):
    write_tree(project, {"b/z.yaml": VALID_RULES.replace("open-prediction", "z"),
                         "b/a.yml": VALID_RULES.replace("open-prediction", "a"),
                         "b/notes.txt": "not rules", "single.yaml": VALID_RULES})
    rules = load_rules([Path("single.yaml"), Path("b")])
    assert [(r.id, r.path) for r in rules] == [
        ("open-prediction", "single.yaml"), ("a", "b/a.yml"), ("z", "b/z.yaml")]


def test_an_empty_rule_list_loads_none_but_a_bare_key_is_a_problem(project):
    write_tree(project, {"rules/r.yaml": "rules: []\n"})
    assert load_rules([Path("rules")]) == []
    write_tree(project, {"rules/r.yaml": "rules:\n"})
    assert located(problems_of(lambda: load_rules([Path("rules")]))) == [("rules/r.yaml", 1, 7, "wrong-type")]


def test_every_problem_of_every_rule_is_reported_together(project):
    write_tree(project, {"rules/r.yaml": VALID_RULES.replace("info", "fatal").replace("kind:", "knd:"),
                         "rules/s.yaml": VALID_RULES.replace("open-prediction", "Bad_Id")})
    assert located(problems_of(lambda: load_rules([Path("rules")]))) == [
        ("rules/r.yaml", 4, 15, "invalid-value"), ("rules/r.yaml", 8, 9, "unknown-field"),
        ("rules/s.yaml", 2, 9, "invalid-value")]


def test_the_shipped_rules_load(monkeypatch):
    monkeypatch.chdir(ROOT)
    rules = load_rules([Path("rules")])
    assert len({r.id for r in rules}) == len(rules) > 0
    assert all(r.path.startswith("rules/") and r.column == 5 and r.match for r in rules)
