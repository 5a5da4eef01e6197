"""Reports under a baseline and suppressions: SARIF's own fields, and GitHub annotations for new flags only."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from engine.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
NEW_FACT = """
  - id: embassy-open-claim
    text: The embassy is open.
    quote: diplomatic mission in Caracas
    kind: state
    subject: us-embassy-caracas
    attribute: operating-status
    value: open
    background: true
"""


@pytest.fixture
def project(seed_project, monkeypatch):
    """A baseline of the seed's flags, then one new contradicting fact and one accepted flag."""
    monkeypatch.setenv("CLAIMRULES_TODAY", "2026-02-01")
    assert main(["baseline", "-o", "base.json"]) == 0
    facts = seed_project / "facts" / "2026-01-29-rubio-venezuela-relations.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + NEW_FACT, encoding="utf-8")
    Path("accepted.yaml").write_text("- rule: unattributed-claim\n  fact: administration-satisfied\n"
                                     "  reason: the outlet confirmed it on the record\n", encoding="utf-8")
    return seed_project


def test_sarif_marks_new_and_known_results_and_lists_suppressed_ones(project, capsys):
    main(["check", "--baseline", "base.json", "--suppressions", "accepted.yaml", "--output", "sarif=out.sarif"])
    log = json.loads(Path("out.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(log, SCHEMA)
    results = log["runs"][0]["results"]
    states = {r["baselineState"] for r in results if "suppressions" not in r}
    assert states == {"new", "unchanged"}
    new = [r for r in results if r.get("baselineState") == "new"]
    assert {r["ruleId"] for r in new} == {"conflicting-state"}
    suppressed = [r for r in results if "suppressions" in r]
    assert len(suppressed) == 1 and suppressed[0]["properties"]["facts"] == ["administration-satisfied"]
    assert suppressed[0]["suppressions"][0] == {
        "kind": "external", "justification": "the outlet confirmed it on the record",
        "location": {"physicalLocation": {"artifactLocation": {"uri": "accepted.yaml", "uriBaseId": "%SRCROOT%"},
                                          "region": {"startLine": 1, "startColumn": 3}}}}


def test_github_annotates_only_new_flags_under_a_baseline(project, capsys):
    capsys.readouterr()
    assert main(["check", "--baseline", "base.json", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 2  # the new fact conflicts with the closed and the staffed embassy
    assert all("title=claimrules%3A conflicting-state" in line for line in annotations)
