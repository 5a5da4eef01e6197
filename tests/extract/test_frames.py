"""Invented article pairs, extracted and checked together: contradictions meet across documents, controls stay quiet."""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import pytest

from engine.cli import main
from engine.extract import extract_text

ROOT = Path(__file__).resolve().parents[2]


def _check_pair(tmp_path: Path, first: str, second: str) -> list[dict]:
    """Write two articles, `claimrules extract` both, `claimrules check` them together; the contradiction flags."""
    for name, body in (("first", first), ("second", second)):
        (tmp_path / f"{name}.txt").write_text(f"date 2026-03-02\n\n{body}\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            assert main(["extract", "first.txt", "second.txt", "-o", "facts"]) == 0, err.getvalue()
            out.truncate(0)
            code = main(["check", "facts", "-r", str(ROOT / "rules"), "--format", "json", "--fail-on", "never"])
    finally:
        os.chdir(here)
    assert code == 0, err.getvalue()
    return [f for f in json.loads(out.getvalue()[out.getvalue().index("{"):])["flags"] if f["family"] == "contradiction"]


def _documents(flag: dict) -> list[str]:
    return sorted(Path(f["document"]).name for f in flag["facts"])


PAIRS = {
    "state": ("conflicting-state", "The Harbor Museum has been closed since 2022.",
              "Visitors said the Harbor Museum is open every weekend.",
              ["closed since 2022", "is open every weekend"]),
    "number": ("conflicting-number", "The storm killed 14 people in the valley.",
               "Officials said the storm killed nine people in the valley.",
               ["killed 14 people", "killed nine people"]),
    "denial": ("denied-claim", "Mayor Ann Poe resigned on Monday after the audit.",
               "The city council denied that Mayor Ann Poe had resigned.",
               ["Mayor Ann Poe resigned", "denied that Mayor Ann Poe had resigned"]),
    "negation": ("negated-claim", "Acme Foods filed a lawsuit against the county.",
                 "Acme Foods has not filed a lawsuit against the county, its lawyer said.",
                 ["filed a lawsuit", "has not filed a lawsuit"]),
    "debunk": ("denied-claim", "A shark swam through the flooded subway station.",
               "Reports that a shark swam through the flooded subway station are fake.",
               ["A shark swam", "Reports that a shark swam"]),
}


@pytest.mark.parametrize("rule,first,second,quotes", PAIRS.values(), ids=PAIRS.keys())
def test_contradiction_across_two_articles(tmp_path, rule, first, second, quotes):
    flags = _check_pair(tmp_path, first, second)
    assert [f["rule"] for f in flags] == [rule]
    assert _documents(flags[0]) == ["first.txt", "second.txt"]  # one flag naming both documents
    cited = " | ".join(f["quote"] for f in flags[0]["facts"])
    assert all(q in cited for q in quotes), cited


CONTROLS = {
    "same claim repeated": ("Acme Foods filed a lawsuit against the county.",
                            "Acme Foods filed a lawsuit against the county on Friday."),
    "same state years apart": ("The old bridge was closed in 2015.", "The old bridge was open in 2024."),
    "different things, similar names": ("The North Bridge is closed.", "The South Bridge is open."),
    "a denial of something else": ("Mayor Ann Poe resigned on Monday.",
                                   "The city council denied that Mayor Ann Poe had taken a bribe."),
}


@pytest.mark.parametrize("first,second", CONTROLS.values(), ids=CONTROLS.keys())
def test_control_pair_raises_no_contradiction(tmp_path, first, second):
    assert _check_pair(tmp_path, first, second) == []


def _fact(text: str, n: int = 0) -> dict:
    return extract_text(f"date 2026-03-02\n\n{text}\n", "doc").facts[n]


def test_denier_is_not_hedged_by_the_claim_it_denies():
    fact = _fact("The ministry denied reports that the minister had allegedly resigned.")
    assert (fact["stance"], fact["value"], fact["attribute"]) == ("denies", False, "resign")
    assert "hedged" not in fact


@pytest.mark.parametrize("text,frame", [
    ("The embassy has been closed since 2019.", ("embassy", "status", "closed")),
    ("The embassy is not closed.", ("embassy", "status", "open")),
    ("Acme Foods has not filed a lawsuit.", ("acme-food", "file-lawsuit", False)),
    ("Christian Bale turned down the role of Steve Jobs.", ("christian-bale", "turn-role", True)),
])
def test_frame_keys(text, frame):
    fact = _fact(text)
    assert (fact["subject"], fact["attribute"], fact["value"]) == frame


def test_surname_takes_the_full_name_used_in_the_document():
    facts = extract_text("date 2026-03-02\n\nMayor Ann Poe spoke on Monday. Poe resigned on Tuesday.\n", "doc").facts
    assert facts[-1]["subject"] == "ann-poe"
