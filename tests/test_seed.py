"""End to end on the seed article: every row of the product brief's table is flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.cli import main

ROOT = Path(__file__).resolve().parents[1]

# (family, rule, texts that the flag's quotes must contain, one text per cited fact)
BRIEF_TABLE = {
    "embassy-closed-vs-marines": ("contradiction", "conflicting-state",
                                  ["closed since 2019", "Marines guarding the embassy"]),
    "cooperation-disputed": ("contradiction", "disputed-assessment",
                             ["willingness to cooperate", "expresses doubts"]),
    "threatened-intervention": ("unattributed", "unattributed-claim", ["previously threatened military intervention"]),
    "now-satisfied": ("unattributed", "unattributed-claim", ["is now satisfied"]),
    "preparations-begun": ("unattributed", "unattributed-claim", ["has already begun preparations for reopening"]),
    "main-goal": ("unattributed", "unattributed-claim", ["Washington's main goal remains the complete displacement"]),
    "us-intelligence": ("unattributed", "vague-source", ["US intelligence expresses doubts"]),
    "political-elements": ("unattributed", "vague-source", ["many political elements in Venezuela welcome"]),
    "relayed-from-unn": ("unattributed", "secondary-reporting", ["This is reported by UNN"]),
    "reopening-mission": ("follow-up", "open-plan", ["preparations for reopening"]),
    "changes-inevitable": ("follow-up", "unverified-prediction", ["democratic changes in Venezuela are inevitable"]),
    "transformation-begun": ("follow-up", "open-plan", ["the transformation process has already begun"]),
    "only-marines-remain": ("follow-up", "open-plan", ["will remain"]),
    "first-time-in-20-years": ("follow-up", "record-claim", ["for the first time in 20 years"]),
}


@pytest.fixture(scope="module")
def seed_report() -> dict:
    import contextlib
    import io
    import os
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            code = main(["check", "--format", "json", "--fail-on", "never"])
    finally:
        os.chdir(cwd)
    assert code == 0
    return json.loads(out.getvalue())


def _covers(flag: dict, texts: list[str]) -> bool:
    quotes = [" ".join(f["quote"].split()).casefold() for f in flag["facts"]]
    return len(quotes) == len(texts) and all(
        any(text.casefold() in quote for quote in quotes) for text in texts)


@pytest.mark.parametrize("family,rule,texts", BRIEF_TABLE.values(), ids=BRIEF_TABLE.keys())
def test_brief_row_is_flagged(seed_report, family, rule, texts):
    matching = [f for f in seed_report["flags"] if f["family"] == family and f["rule"] == rule
                and _covers(f, texts)]
    assert len(matching) == 1, [f["message"] for f in seed_report["flags"] if f["rule"] == rule]


def test_seed_flags_point_at_the_article(seed_report):
    article = (ROOT / "seeds" / "2026-01-29-rubio-venezuela-relations.txt").read_text(encoding="utf-8")
    lines = article.splitlines()
    for flag in seed_report["flags"]:
        for fact in flag["facts"]:
            assert fact["document"] == "seeds/2026-01-29-rubio-venezuela-relations.txt"
            line = lines[fact["line"] - 1]
            first_word = fact["quote"].split()[0]
            assert line[fact["column"] - 1:].startswith(first_word)


def test_seed_summary_counts(seed_report):
    summary = seed_report["summary"]
    assert summary["flags"] == len(seed_report["flags"]) >= len(BRIEF_TABLE)
    assert sum(summary["by_severity"].values()) == summary["flags"]
    assert summary["by_severity"]["error"] == 1  # the one contradiction of fact, not of opinion
    assert seed_report["version"] == 1


def test_no_rule_names_the_seed_people_or_places():
    import re
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "rules").glob("*.yaml"))).casefold()
    words = set(re.findall(r"[a-z]+", text))
    assert not words & {"rubio", "venezuela", "venezuelan", "caracas", "machado", "rodriguez", "trump", "unn",
                        "embassy", "marines", "washington", "intelligence"}
