"""Suppressions: accepted flags with a reason and an expiry, validated like every other input."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from engine.cli import main

ROOT = Path(__file__).resolve().parents[2]
CONFLICT = """\
- rule: conflicting-state
  fact: embassy-closed-since-2019
  reason: the closure predates the remark; the desk confirmed it
"""


@pytest.fixture
def project(seed_project, monkeypatch):
    monkeypatch.setenv("CLAIMRULES_TODAY", "2026-02-01")
    return seed_project


def write(text: str) -> str:
    Path("suppressions.yaml").write_text(text, encoding="utf-8")
    return "suppressions.yaml"


def test_a_suppressed_flag_does_not_fail_the_run(project, capsys):
    assert main(["check", "--format", "json", "--suppressions", write(CONFLICT)]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert captured.err == ""
    assert report["summary"]["flags"] == 15 and report["summary"]["suppressed"] == 1
    assert "conflicting-state" not in [f["rule"] for f in report["flags"]]
    [entry] = report["suppressed"]
    assert entry["rule"] == "conflicting-state"
    assert entry["reason"] == "the closure predates the remark; the desk confirmed it"
    assert entry["suppression"] == {"path": "suppressions.yaml", "line": 1, "column": 3}


def test_terminal_lists_suppressed_flags_and_counts_them(project, capsys):
    assert main(["check", "--suppressions", write(CONFLICT)]) == 0
    out = capsys.readouterr().out
    assert "\nsuppressed: seeds/2026-01-29-rubio-venezuela-relations.txt:3:263: " in out
    assert "    reason: the closure predates the remark" in out
    assert out.rstrip().endswith("in 1 document, 32 facts, 12 rules; 1 suppressed")


def test_a_fingerprint_suppresses_that_flag(project, capsys):
    assert main(["check", "--format", "json", "--fail-on", "never"]) == 0
    flag = next(f for f in json.loads(capsys.readouterr().out)["flags"] if f["rule"] == "conflicting-state")
    entry = f"- rule: conflicting-state\n  fingerprint: {flag['id']}\n  reason: accepted\n"
    assert main(["check", "--suppressions", write(entry)]) == 0


def test_an_expired_entry_stops_suppressing_and_warns(project, capsys, monkeypatch):
    path = write(CONFLICT + "  expires: 2026-02-01\n")
    assert main(["check", "--suppressions", path]) == 1
    err = capsys.readouterr().err
    assert err.startswith("suppressions.yaml:4:12: warning: suppression expired on 2026-02-01 [expired-suppression]")
    monkeypatch.setenv("CLAIMRULES_TODAY", "2026-01-31")  # the day before: still in force
    assert main(["check", "--suppressions", path]) == 0
    assert capsys.readouterr().err == ""


def test_an_entry_that_matches_nothing_warns(project, capsys):
    path = write(CONFLICT + textwrap.dedent("""\
        - rule: unattributed-claim
          fact: no-such-fact
          reason: once needed
        - rule: vague-sorce
          fact: intelligence-doubts-rodriguez-sincerity
          reason: typo in the rule id
        """))
    assert main(["check", "--suppressions", path]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == ("suppressions.yaml:4:3: warning: suppression of `unattributed-claim` for fact "
                      "`no-such-fact` matches no flag [unused-suppression]")
    assert err[2].startswith("suppressions.yaml:7:3: warning:") and "did you mean `vague-source`?" in err[3]


@pytest.mark.parametrize("text,expected", [
    ("- rule: conflicting-state\n  fact: embassy-closed-since-2019\n",
     "suppressions.yaml:1:3: error: suppression is missing required field `reason` [missing-field]"),
    ("- rule: conflicting-state\n  fact: embassy-closed-since-2019\n  reason: '  '\n",
     "suppressions.yaml:3:11: error: `reason` must be non-empty text [invalid-value]"),
    ("- rule: conflicting-state\n  fact: x\n  reasn: typo\n",
     "suppressions.yaml:3:3: error: unknown suppression field `reasn` [unknown-field]\n  hint: did you mean `reason`?"),
    ("- rule: conflicting-state\n  reason: r\n",
     "suppressions.yaml:1:3: error: a suppression names either `fact` or `fingerprint`, not neither"),
    ("- rule: conflicting-state\n  fact: x\n  reason: r\n  expires: 2026-02-30\n",
     "suppressions.yaml:4:12: error: `expires` must be a date YYYY-MM-DD [invalid-value]"),
    ("rule: conflicting-state\n", "suppressions.yaml:1:1: error: a suppressions file is a list of entries"),
], ids=["no-reason", "blank-reason", "unknown-key", "no-target", "bad-date", "not-a-list"])
def test_bad_entries_are_located_input_errors(project, capsys, text, expected):
    assert main(["check", "--suppressions", write(text), "--output", "json=report.json"]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert not Path("report.json").exists()


def test_suppression_problems_join_those_of_the_facts(project, capsys):
    Path("facts/broken.yaml").write_text("document: {path: nowhere.txt}\nfacts: []\n", encoding="utf-8")
    assert main(["check", "--suppressions", write("- rule: x\n  fact: y\n")]) == 2
    err = capsys.readouterr().err
    assert "facts/broken.yaml:" in err and "suppressions.yaml:1:3: error:" in err


def test_an_unreadable_today_is_a_usage_error(project, capsys, monkeypatch):
    monkeypatch.setenv("CLAIMRULES_TODAY", "tomorrow")
    assert main(["check", "--suppressions", write(CONFLICT)]) == 2
    assert "CLAIMRULES_TODAY must be a date YYYY-MM-DD" in capsys.readouterr().err


def test_suppressions_and_baseline_together(project, capsys):
    assert main(["baseline"]) == 0
    capsys.readouterr()
    code = main(["check", "--format", "json", "--baseline", ".claimrules-baseline.json", "--suppressions",
                 write(CONFLICT)])
    report = json.loads(capsys.readouterr().out)
    # a suppressed flag is still there, so it is neither new nor fixed
    assert report["baseline"] == {"file": ".claimrules-baseline.json", "new": 0, "unchanged": 15, "fixed": []}
    assert code == 0 and len(report["suppressed"]) == 1
