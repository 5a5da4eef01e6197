"""Baselines: `claimrules baseline` records the flags; `check --baseline` fails only on new ones."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml

from engine.cli import main
from engine.model import Flag, FlagFact
from engine.review import baseline

ROOT = Path(__file__).resolve().parents[2]
FACTS = Path("facts/2026-01-29-rubio-venezuela-relations.yaml")
SEED = Path("seeds/2026-01-29-rubio-venezuela-relations.txt")
BASELINE = ".claimrules-baseline.json"
# Presupposes a staffed embassy, like `embassy-guarded-by-marines`: it conflicts with the
# closure only, it has a named source and is no unattributed claim: exactly one new flag.
CONFLICTING_FACT = """
  - id: embassy-staffed-again
    text: Rubio's words presuppose a staffed diplomatic mission.
    quote: "the diplomatic mission in Caracas"
    kind: presupposition
    subject: us-embassy-caracas
    attribute: operating-status
    value: staffed
    source: rubio
"""


@pytest.fixture
def project(seed_project, capsys):
    """The seed project with a baseline of its flags."""
    assert main(["baseline"]) == 0
    assert capsys.readouterr().out == "wrote 16 flags to .claimrules-baseline.json\n"
    return seed_project


def check_json(capsys, *extra: str) -> tuple[int, dict]:
    code = main(["check", "--format", "json", "--baseline", BASELINE, *extra])
    return code, json.loads(capsys.readouterr().out)


def test_baseline_file_is_versioned_sorted_and_deterministic(project, capsys):
    first = (project / BASELINE).read_bytes()
    assert main(["baseline", "-o", "again.json"]) == 0
    assert (project / "again.json").read_bytes() == first
    data = json.loads(first)
    assert data["version"] == 1 and len(data["flags"]) == 16
    keys = [(e["rule"], e["fingerprint"]) for e in data["flags"]]
    assert keys == sorted(keys)
    conflict = next(e for e in data["flags"] if e["rule"] == "conflicting-state")
    assert conflict["count"] == 1 and conflict["facts"] == ["embassy-guarded-by-marines", "embassy-closed-since-2019"]


def test_same_facts_give_no_new_flag_and_pass(project, capsys):
    code, report = check_json(capsys)
    assert code == 0  # the seed's error is known
    assert report["baseline"] == {"file": BASELINE, "new": 0, "unchanged": 16, "fixed": []}
    assert [f["new"] for f in report["flags"]] == [False] * 16
    assert list(report["flags"][0])[:2] == ["id", "new"]


def test_an_added_contradiction_is_the_one_new_flag(project, capsys):
    with FACTS.open("a", encoding="utf-8") as out:
        out.write(CONFLICTING_FACT)
    code, report = check_json(capsys)
    assert code == 1
    assert report["baseline"]["new"] == 1 and report["baseline"]["unchanged"] == 16
    new = [f for f in report["flags"] if f["new"]]
    assert [(f["rule"], [x["id"] for x in f["facts"]]) for f in new] == [
        ("conflicting-state", ["embassy-staffed-again", "embassy-closed-since-2019"])]
    assert main(["check", "--baseline", BASELINE]) == 1
    out = capsys.readouterr().out
    assert out.count("conflicting-state]") == 1 and "»the diplomatic mission in Caracas«" in out  # only the new one
    assert out.rstrip().endswith("; 1 new, 16 baselined, 0 fixed")


@pytest.mark.parametrize("keep_date_line", [False, True], ids=["at-the-very-top", "after-the-date-line"])
def test_shifted_article_lines_give_no_new_flag(project, capsys, keep_date_line):
    _, before = check_json(capsys)
    text = SEED.read_text(encoding="utf-8")
    at = text.index("2026-01-29") + len("2026-01-29") if keep_date_line else 0
    SEED.write_text(text[:at] + "\n\n\nAn editor's note, added later.\n\n" + text[at:], encoding="utf-8")
    code, after = check_json(capsys)
    assert after["baseline"] == {"file": BASELINE, "new": 0, "unchanged": 16, "fixed": []} and code == 0
    lines = lambda report: [f["location"]["line"] for f in report["flags"]]  # noqa: E731
    assert all(b > a for a, b in zip(lines(before), lines(after)))


def test_reordered_facts_give_no_new_flag(project, capsys):
    data = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
    data["facts"].reverse()
    FACTS.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    code, report = check_json(capsys)
    assert report["baseline"]["new"] == 0 and report["baseline"]["fixed"] == [] and code == 0


def test_a_renamed_facts_file_gives_no_new_flag(project, capsys):
    FACTS.rename(FACTS.with_name("renamed.yaml"))
    code, report = check_json(capsys)
    assert report["baseline"]["new"] == 0 and report["baseline"]["unchanged"] == 16 and code == 0


def test_a_removed_flag_is_listed_as_fixed(project, capsys):
    known = json.loads((project / BASELINE).read_text(encoding="utf-8"))["flags"]
    gone = next(e for e in known if e["rule"] == "conflicting-state")
    data = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
    data["facts"] = [f for f in data["facts"] if f["id"] != "embassy-closed-since-2019"]
    FACTS.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    code, report = check_json(capsys)
    assert report["baseline"] == {"file": BASELINE, "new": 0, "unchanged": 15, "fixed": [gone["fingerprint"]]}
    assert main(["check", "--baseline", BASELINE]) == 0
    out = capsys.readouterr().out
    assert f"fixed since the baseline: {gone['message']} [conflicting-state]" in out
    assert out.rstrip().endswith("; 0 new, 15 baselined, 1 fixed")


def _flag(line: int, fingerprint: str = "same") -> Flag:
    fact = FlagFact("a.txt", line, 1, line, 5, f"fact-{line}", "quote")
    return Flag("a.txt", line, 1, "rule-x", fingerprint, "error", "family", "message", (fact,))


def test_a_fingerprint_seen_k_times_is_new_only_beyond_k():
    known = baseline.entries([_flag(1), _flag(2)])
    assert [(e.fingerprint, e.count) for e in known] == [("same", 2)]
    more = baseline.compare([_flag(1), _flag(2), _flag(3)], known, "b.json")
    assert more.new == (_flag(3),) and more.unchanged == 2 and more.fixed == ()
    fewer = baseline.compare([_flag(7)], known, "b.json")
    assert fewer.new == () and fewer.unchanged == 1 and [e.fingerprint for e in fewer.fixed] == ["same"]


@pytest.mark.parametrize("text,where,code", [
    ('{"version": 1, "flags": [\n  {"rule": "x"\n}', ":3:2: error: Expecting", "[json-syntax]"),
    ('{"version": 9, "flags": []}', ":1:13: error: unsupported baseline version 9", "[baseline-version]"),
    ('{"version": 1, "flags": [\n  {"rule": "x", "fingerprint": "y", "count": 0}]}', ":2:46: error:",
     "[invalid-value]"),
    ('{"version": 1, "flags": [\n  {"rule": "x", "fingerprnt": "y"}]}', ":2:17: error: unknown baseline entry",
     "[unknown-field]"),
    ('{"version": 1, "flags": [\n  {"rule": "x", "fingerprint": "y", "count": 1' + "0" * 30 + '}]}',
     ":2:46: error: `count` must be a whole number from 1 to 1,000,000", "[invalid-value]"),
    ('{"version": 1, "flags": [\n  {"rule": "x", "fingerprint": "y", "count": 1' + "0" * 5000 + '}]}',
     ":2:46: error: a number of 5001 digits; at most 100", "[invalid-value]"),
    ('{"version": 1, "flags": [\n  ' + "[" * 60_000 + "]" * 60_000 + "]}", ":1:1: error: JSON is nested too deeply",
     "[too-deep]"),
    ('{"version": 1, "flags": [' + "[" * 100 + "]" * 100 + "]}", ":1:", "[too-large]"),
    ('{"version": 1, "flags": [\n  {"rule": "x", "fingerprint": "y"},\n  {"rule": "x", "fingerprint": "y"}]}',
     ":3:3: error: a second entry for `x` `y`; the first is at line 2", "[duplicate-entry]"),
    ('{"version": 1, "version": 1, "flags": []}', ":1:", "[duplicate-key]"),
], ids=["syntax", "version", "count", "unknown-key", "count-1e30", "count-5000-digits", "nested-60k-deep",
        "nested-100-deep", "duplicate-entry", "duplicate-key"])
def test_a_bad_baseline_file_is_a_located_input_error(project, capsys, text, where, code):
    Path("bad.json").write_text(text, encoding="utf-8")
    Path("report.json").write_text("earlier", encoding="utf-8")
    start = time.perf_counter()
    assert main(["check", "--baseline", "bad.json", "--output", "json=report.json"]) == 2
    assert time.perf_counter() - start < 10
    err = capsys.readouterr().err
    assert f"bad.json{where}" in err and code in err and "Traceback" not in err
    assert Path("report.json").read_text(encoding="utf-8") == "earlier"
    assert Path("bad.json").read_text(encoding="utf-8") == text


def test_a_missing_baseline_file_is_an_input_error(project, capsys):
    assert main(["check", "--baseline", "nope.json"]) == 2
    assert "nope.json:1:1: error: no such baseline file [not-found]" in capsys.readouterr().err


def test_baseline_writes_nothing_on_bad_input(project, capsys):
    (project / "rules" / "broken.yaml").write_text("rules:\n  - id: x\n    severty: error\n", encoding="utf-8")
    assert main(["baseline", "-o", "fresh.json"]) == 2
    assert not Path("fresh.json").exists()
