"""Message templates: `{a.field|words}` for an unset field, slugs as words, lint for bare placeholders."""

from __future__ import annotations

import json

import pytest
from kit import run_project, write_project

from engine.cli import main

RULE = """\
rules:
  - id: r
    family: f
    severity: info
    message: "{message}"
    match:
      a: {{kind: state}}
"""


def messages(tmp_path, message: str, facts: list[dict]) -> list[str]:
    result = run_project(write_project(tmp_path, RULE.format(message=message), facts))
    return [flag.message for flag in result.flags]


@pytest.mark.parametrize("message,fact,expected", [
    ("By {a.source|an unnamed source}: {a.text}", {}, "By an unnamed source: claim f"),
    ("By {a.source|an unnamed source}: {a.text}", {"source": "ann"}, "By Ann Example: claim f"),
    ("Figure ({a.number} {a.unit|}) here", {"number": 40}, "Figure (40) here"),
    ("Figure ({a.number} {a.unit|}) here", {"number": 40, "unit": "percent"}, "Figure (40 percent) here"),
    ("{a.subject} {a.attribute}: {a.value}", {"subject": "city-hall", "attribute": "opening-hours", "value": "late"},
     "city hall opening hours: late"),
    ("{a.subject} {a.attribute}", {"subject": "agency", "attribute": "Budget-2026 plan"}, "The Agency Budget-2026 plan"),
    ("Missing {a.source} here", {}, "Missing here"),
    ("Braces {{kept}} and {a.text|x}", {}, "Braces {kept} and claim f"),
], ids=["fallback", "set-field", "empty-fallback-drops-space", "unit-set", "slugs-as-words", "entity-and-non-slug",
        "bare-missing-is-empty", "literal-braces"])
def test_message_renders_plain_words(tmp_path, message, fact, expected):
    assert messages(tmp_path, message, [{"id": "f", **fact}]) == [expected]


def lint(tmp_path, monkeypatch, capsys, message: str, pattern: str = "{kind: state}") -> list[tuple]:
    write_project(tmp_path, RULE.format(message=message).replace("{kind: state}", pattern), [{"id": "f"}])
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "--format", "json", "rules"]) == 0
    return [(p["line"], p["column"], p["code"], p["message"], p["hint"]) for p in json.loads(capsys.readouterr().out)]


def test_lint_warns_about_a_placeholder_that_can_be_empty(tmp_path, monkeypatch, capsys):
    assert lint(tmp_path, monkeypatch, capsys, "By {a.source}") == [
        (2, 5, "bare-placeholder", "rule `r`: message placeholder `{a.source}` is empty for a fact without `source`",
         "say what to write then: `{a.source|…}`, or require it in the match")]


@pytest.mark.parametrize("message,pattern", [
    ("By {a.source|someone}", "{kind: state}"),
    ("By {a.source}", "{source: {exists: true}}"),
    ("By {a.source}", "{source_type: [institution]}"),
    ("{a.text} {a.kind} {a.id} {a.document}", "{kind: state}"),
    ("{a.subject}", "{any: [{subject: x}, {subject: y}]}"),
], ids=["fallback", "exists", "source-type", "always-set", "every-alternative"])
def test_lint_accepts_placeholders_that_are_always_filled(tmp_path, monkeypatch, capsys, message, pattern):
    assert lint(tmp_path, monkeypatch, capsys, message, pattern) == []


def test_lint_counts_a_field_another_pattern_must_equal(tmp_path, monkeypatch, capsys):
    pattern = "{kind: state}\n      b: {kind: state, subject: {same: a}}"
    assert lint(tmp_path, monkeypatch, capsys, "{a.subject} {b.subject}", pattern) == []
