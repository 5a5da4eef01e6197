"""Rule authoring: lint, rule examples as tests, explain, and starting a project with init."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from kit.loading import BASE_TREE, write_tree
from test_bad_inputs import CASES

from engine.authoring.ruletests import run_example
from engine.cli import main
from engine.load.rules import load_rules

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = load_rules([ROOT / "rules"])


@pytest.mark.parametrize("rule,example", [(r, e) for r in SHIPPED for e in r.examples],
                         ids=[f"{r.id}::{e.name}" for r in SHIPPED for e in r.examples])
def test_shipped_rule_example(rule, example):
    outcome = run_example(rule, example, SHIPPED)
    assert outcome.passed, outcome.failures


@pytest.fixture
def project(seed_project):
    return seed_project


def test_test_command_passes_with_coverage(project, capsys):
    assert main(["test", "--coverage"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("32 passed, 0 failed")
    assert "coverage: 12 of 12 rules have an example that fires" in out


def test_coverage_fails_naming_the_rule_without_examples(project, capsys):
    path = project / "rules" / "follow-up.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del next(r for r in data["rules"] if r["id"] == "record-claim")["examples"]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert main(["test", "--coverage"]) == 1
    out = capsys.readouterr().out
    assert "rule `record-claim` has no example that fires [no-coverage]" in out
    assert "coverage: 11 of 12 rules" in out
    assert main(["test"]) == 0  # without --coverage a missing example is not a failure


def test_a_wrong_expectation_fails_with_what_differs(project, capsys):
    path = project / "rules" / "follow-up.yaml"
    text = path.read_text(encoding="utf-8").replace('            message: "Record claim to verify"',  # the example's
                                                    '            message: "Something else"')
    path.write_text(text, encoding="utf-8")
    assert main(["test", "-k", "record"]) == 1
    out = capsys.readouterr().out
    assert "rules/follow-up.yaml::record-claim::a first in twenty years FAILED" in out
    assert "expected a flag on ['f1'] with message “Something else”; got ['f1'] “Record claim to verify" in out
    assert out.rstrip().endswith("0 passed, 1 failed")


def test_example_facts_are_validated_in_place(project, capsys):
    path = project / "rules" / "follow-up.yaml"
    text = path.read_text(encoding="utf-8").replace("{id: f1, kind: statement, superlative: true",
                                                    "{id: f1, kind: statment, superlative: true")
    path.write_text(text, encoding="utf-8")
    assert main(["test"]) == 2
    err = capsys.readouterr().err
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "statment" in row)
    assert f"rules/follow-up.yaml:{line}:" in err and "did you mean `statement`?" in err


def test_explain_shows_words_examples_and_engine_json(project, capsys):
    assert main(["explain", "open-plan"]) == 0
    out = capsys.readouterr().out
    assert "either: kind is one of plan, commitment" in out
    assert "done: a fact whose status is one of done, cancelled; subject is the same as a's" in out
    assert "Example “a later report that it was done closes the plan” (must not flag)" in out
    assert '{"p27": {"$and": [{"_t": "f"}, {"_p0": true}]}}' in out
    assert "_p0 = kind in ('plan', 'commitment')" in out


def test_explain_unknown_rule_suggests(project, capsys):
    assert main(["explain", "open-plans"]) == 2
    assert "no rule `open-plans`; did you mean `open-plan`?" in capsys.readouterr().err


def test_check_explain_explains_every_flag(project, capsys):
    assert main(["check", "--explain", "--format", "json", "--fail-on", "never"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["flags"] and all("why" in flag for flag in report["flags"])
    for flag in report["flags"]:
        assert [m["fact"] for m in flag["why"]["matched"]] == [f["id"] for f in flag["facts"]]
    plan = next(f for f in report["flags"] if f["rule"] == "open-plan")
    assert plan["why"]["absent"][0]["conclusion"] == "no fact passed the pattern's own tests"
    prediction = next(f for f in report["flags"] if f["rule"] == "unverified-prediction")
    considered = prediction["why"]["absent"][0]
    assert considered["considered"] and considered["considered"][0]["failed"]["op"] in ("same", "after")


def test_check_explain_in_the_terminal(project, capsys):
    main(["check", "--explain", "--fail-on", "never"])
    raw = capsys.readouterr().out
    out = " ".join(raw.split())  # why lines are wrapped to the terminal's width
    assert "why: b = embassy-closed-since-2019: kind in [state, presupposition, quantity] → state;" in out
    assert "subject same a.subject → us-embassy-caracas;" in out
    assert "time overlaps a.time → as_of 2026-01-29, period [2019-01-01, 2026-01-29]" in out
    assert "why: unless done: no fact passed the pattern's own tests" in out
    assert "\n        why: b = embassy-closed-since-2019:" in raw  # under the flag's text


# --- lint -------------------------------------------------------------------------------


def lint_json(argv: list[str], capsys) -> tuple[int, list[dict]]:
    code = main(["lint", "--format", "json", *argv])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_lint_reports_the_catalogue_exactly(case, tmp_path, monkeypatch, capsys):
    """The bad-input catalogue, through `lint`: the same located problems, all in one run."""
    write_tree(tmp_path, {**BASE_TREE, **case.files})
    monkeypatch.chdir(tmp_path)
    code, problems = lint_json([*case.rules, *case.facts, *case.options()], capsys)
    errors = [(p["path"], p["line"], p["column"], p["code"]) for p in problems if p["severity"] == "error"]
    assert code == 2
    assert errors == sorted(e[:4] for e in case.expect)


RULE_HEAD = "rules:\n  - id: r\n    family: f\n    severity: info\n    message: m\n    match:\n      "
# The pattern is line 7; its first field starts at column 11. Expected: (line, column, code, message part).
LINT_WARNINGS = {
    "equals-vs-in": ("a: {kind: {equals: plan, in: [event, state]}}",
                     (7, 11, "never-matches", "no value of `kind` passes all its tests")),
    "missing-and-exists": ("a: {source: {missing: true, exists: true}}",
                           (7, 11, "never-matches", "`source` must be missing and set at once")),
    "empty-range": ("a: {as_of: {gt: 2026-01-01, lt: 2025-06-30}}",
                    (7, 11, "never-matches", "no value is in the range the tests give `as_of`")),
    "in-and-not": ("a: {kind: {in: [plan], not: plan}}",
                   (7, 11, "never-matches", "`kind` is required and excluded at once")),
    "alternative": ("a: {kind: plan, any: [{kind: event}, {status: done}]}",
                    (7, 30, "never-matches", "alternative 1 of pattern `a` can never match")),
    "field-never-set": ("a: {unit: percent}",
                        (7, 11, "field-never-set", "no fact sets `unit`, so the rule cannot fire")),
    "unkeyed-shares": ("a: {kind: plan}\n      b: {kind: plan, words: {shares: a}}",
                       (8, 23, "unkeyed-shares", "has no `same` test on `a`, so every fact is in one join group")),
}


@pytest.mark.parametrize("pattern,expected", LINT_WARNINGS.values(), ids=LINT_WARNINGS.keys())
def test_lint_warns_about_rules_that_cannot_match(pattern, expected, tmp_path, monkeypatch, capsys):
    write_tree(tmp_path, {**BASE_TREE, "rules/r.yaml": RULE_HEAD + pattern + "\n"})
    monkeypatch.chdir(tmp_path)
    code, problems = lint_json(["rules", "facts"], capsys)
    assert [(p["path"], p["line"], p["column"], p["code"], p["severity"]) for p in problems] == [
        ("rules/r.yaml", *expected[:3], "warning")]
    assert expected[3] in problems[0]["message"]
    assert code == 0
    assert main(["lint", "--strict", "rules", "facts"]) == 1


def test_lint_warns_about_unused_derivations(tmp_path, monkeypatch, capsys):
    rules = RULE_HEAD + "a: {kind: plan}\n  - id: make\n    family: f\n    derive: {name: unused}\n" \
        "    match:\n      a: {kind: plan}\n"
    write_tree(tmp_path, {**BASE_TREE, "rules/r.yaml": rules})
    monkeypatch.chdir(tmp_path)
    code, problems = lint_json(["rules"], capsys)
    assert code == 0
    assert [(p["line"], p["column"], p["code"], p["message"]) for p in problems] == [
        (8, 5, "unused-derived", "rule `make` derives `unused`, which no rule matches")]


def test_lint_names_the_rules_past_the_engine_budget(tmp_path, monkeypatch, capsys):
    """61 rules chained to one derived fact must share a ruleset, past the engine's 64-join limit."""
    consumers = "".join(f"""
  - id: r{i}
    family: f
    severity: info
    message: m
    match:
      c: {{derived: made}}
      b: {{subject: {{same: c}}}}
""" for i in range(61))
    rules = "rules:\n  - id: make\n    family: f\n    derive: {name: made, fields: {subject: a.subject}}\n" \
        "    match:\n      a: {kind: plan}\n" + consumers
    write_tree(tmp_path, {**BASE_TREE, "rules/r.yaml": rules})
    monkeypatch.chdir(tmp_path)
    code, problems = lint_json(["rules"], capsys)
    assert code == 2
    assert [(p["line"], p["column"], p["code"]) for p in problems] == [(2, 5, "engine-limit")]
    assert "rules chained by `derive` exceed the engine's limits (make, r0, r1," in problems[0]["message"]
    assert problems[0]["hint"] == "split the rule pack or simplify the rules"


def test_lint_formats(tmp_path, monkeypatch, capsys):
    write_tree(tmp_path, {**BASE_TREE, "rules/r.yaml": BASE_TREE["rules/r.yaml"].replace("severity", "severty")})
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "rules"]) == 2
    text = capsys.readouterr().out
    assert "rules/r.yaml:4:5: error: unknown rule field `severty` [unknown-field]\n  hint: did you mean `severity`?" \
        in text
    assert main(["lint", "--format", "github", "rules"]) == 2
    github = capsys.readouterr().out
    assert "::error file=rules/r.yaml,line=4,col=5,title=claimrules lint%3A unknown-field::unknown rule field " \
        "`severty`%0Ahint: did you mean `severity`?\n" in github


def test_lint_clean_on_the_repository(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["lint", "--strict"]) == 0
    assert capsys.readouterr().out == "no problems\n"


# --- init -------------------------------------------------------------------------------


def test_init_writes_a_project_that_checks_clean(tmp_path, monkeypatch, capsys):
    assert main(["init", str(tmp_path / "new")]) == 0
    monkeypatch.chdir(tmp_path / "new")
    assert sorted(p.relative_to(".").as_posix() for p in Path(".").rglob("*") if p.is_file()) == [
        "claimrules.yaml", "facts/sample.yaml", "rules/sample.yaml", "schemas/config.schema.json",
        "schemas/facts.schema.json", "schemas/rules.schema.json", "seeds/sample.txt"]
    assert main(["lint", "--strict"]) == 0
    assert main(["test", "--coverage"]) == 0
    assert main(["check", "--fail-on", "info"]) == 0
    assert "no flags" in capsys.readouterr().out
    assert main(["init", "."]) == 2  # never overwrites


def test_a_project_can_run_only_the_bundled_pack(tmp_path, monkeypatch, capsys):
    (tmp_path / "claimrules.yaml").write_text(f"extends: [default]\nrules: []\nfacts: [{ROOT / 'facts'}]\n"
                                              f"extra-roots: [{ROOT}]\n",
                                              encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "json", "--fail-on", "never"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["rules"] == 12 and report["summary"]["flags"] == 16
