"""Invented article pairs, extracted and checked together: contradictions meet across documents, controls stay quiet."""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import pytest
import yaml

from engine.cli import main
from engine.extract import extract_text

ROOT = Path(__file__).resolve().parents[2]


def _check_pair(tmp_path: Path, first: str, second: str, rekey=None) -> list[dict]:
    """Write two articles, `claimrules extract` both, `claimrules check` them together; the contradiction flags.

    `rekey(fact)` may edit each drafted fact before the check (to put claims under one key)."""
    for name, body in (("first", first), ("second", second)):
        (tmp_path / f"{name}.txt").write_text(f"date 2026-03-02\n\n{body}\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            assert main(["extract", "first.txt", "second.txt", "-o", "facts"]) == 0, err.getvalue()
            for path in Path("facts").glob("*.yaml") if rekey else ():
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
                data["facts"] = [rekey(f) for f in data["facts"]]
                path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
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
    "denial": ("denied-claim", "Mayor Ann Poe took a bribe from the builders.",
               "The city council denied that Mayor Ann Poe had taken a bribe from the builders.",
               ["Mayor Ann Poe took a bribe", "denied that Mayor Ann Poe had taken a bribe"]),
    "a denied state": ("conflicting-state", "Mayor Ann Poe resigned on Monday after the audit.",
                       "The city council denied that Mayor Ann Poe had resigned.",
                       ["Mayor Ann Poe resigned", "denied that Mayor Ann Poe had resigned"]),
    "negation": ("negated-claim", "Acme Foods filed a lawsuit against the county.",
                 "Acme Foods has not filed a lawsuit against the county, its lawyer said.",
                 ["filed a lawsuit", "has not filed a lawsuit"]),
    "debunk": ("denied-claim", "A shark swam through the flooded subway station.",
               "Reports that a shark swam through the flooded subway station are fake.",
               ["A shark swam", "Reports that a shark swam"]),
    "a disputed aim": ("denied-claim", "The mayor adopted a stray dog to keep burglars away from the town hall.",
                       "The mayor took in a stray dog, but not to keep burglars away from the town hall.",
                       ["adopted a stray dog", "but not to keep burglars"]),
    "a debunking cue": ("denied-claim", "Acme Foods closed its bakery in the harbor district.",
                        "Reports that Acme Foods closed its bakery in the harbor district were greatly exaggerated.",
                        ["closed its bakery", "Reports that Acme Foods"]),
    "no plans": ("negated-claim", "Glenmoor Rail plans to close the valley line next year.",
                 "Glenmoor Rail has no plans to close the valley line, a spokesman said.",
                 ["plans to close the valley line", "has no plans to close"]),
    "a headline label": ("denied-claim", "Mayor Ann Poe bought a private jet with city funds.",
                         "FAKE NEWS: Mayor Ann Poe bought a private jet with city funds.",
                         ["Mayor Ann Poe bought", "FAKE NEWS"]),
    "a death denied": ("conflicting-state", "Veteran actor Ivo Brandt died at the age of 90.",
                       "Ivo Brandt has denied reports that he is dead.",
                       ["died at the age of 90", "denied reports that he is dead"]),
    "an opening nope": ("denied-claim", "The Ferris wheel in Dunmore Park collapsed during the storm.",
                        "Nope. The Ferris wheel in Dunmore Park did not collapse during the storm, whatever you saw "
                        "online.", ["collapsed during the storm", "did not collapse"]),
    "a denial read before its claim": ("denied-claim",
                                       "The council denied that Ivo Brandt had become godfather to the Harlow twins.",
                                       "Ivo Brandt took in the Harlow twins last week.",
                                       ["denied that Ivo Brandt", "took in the Harlow twins"]),
    "a disputed link": ("denied-claim", "The mill fire in Harlow was started by striking workers.",
                        "The mill fire in Harlow and the strike by the workers are not related, the fire chief said.",
                        ["started by striking workers", "are not related"]),
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
    "a passive 'denied' is no denial": ("Mayor Ann Poe asked for a permit to build a garage.",
                                        "Mayor Ann Poe was denied a permit to build a garage last year."),
    "the aim agreed": ("The mayor adopted a stray dog to keep burglars away from the town hall.",
                       "The mayor took in a stray dog to keep burglars away from the town hall."),
    "a plan confirmed": ("Glenmoor Rail plans to close the valley line next year.",
                         "Glenmoor Rail intends to close the valley line, a spokesman said."),
    "two people of one surname": ("Veteran actor Ivo Brandt died at the age of 90.",
                                  "Singer Anna Brandt is alive and well, her agent said."),
    "unrelated as an adjective": ("The museum hired guards to protect the paintings.",
                                  "The museum hired guards who were unrelated to the owners to protect the paintings."),
}


@pytest.mark.parametrize("first,second", CONTROLS.values(), ids=CONTROLS.keys())
def test_control_pair_raises_no_contradiction(tmp_path, first, second):
    assert _check_pair(tmp_path, first, second) == []


def _one_broad_key(fact: dict) -> dict:
    """What the claim linker does to claims a story's key absorbs: every claim under one subject and attribute."""
    return {**fact, "subject": "acme-food", "attribute": "file"} if isinstance(fact.get("value"), bool) else fact


BROAD_KEY = {  # negated-claim joins on subject and attribute; `shares` then weighs the claims' own words
    "a real negation meets its claim": ("Acme Foods filed a lawsuit against the county.",
                                        "Acme Foods has not filed a lawsuit against the county, its lawyer said.",
                                        ["negated-claim"]),
    "two different claims under one subject do not": (
        "Acme Foods filed a lawsuit against the county over the toxic landfill near the old river mill in Harlow.",
        "Acme Foods has not filed its quarterly tax returns with the state revenue office since the spring audit "
        "by inspectors.", []),  # 3 of the shorter claim's 11 words shared: under the rule's 0.3
}


@pytest.mark.parametrize("first,second,rules", BROAD_KEY.values(), ids=BROAD_KEY.keys())
def test_claims_under_one_broad_key_meet_only_when_they_share_words(tmp_path, first, second, rules):
    assert [f["rule"] for f in _check_pair(tmp_path, first, second, _one_broad_key)] == rules


def test_drafts_carry_the_claims_content_words():
    fact = _fact("Acme Foods has not filed a lawsuit against the county, its lawyer said.")
    assert fact["value"] is False and fact["words"] == "acme county file food lawsuit lawyer said"


def _fact(text: str, n: int = 0) -> dict:
    return extract_text(f"date 2026-03-02\n\n{text}\n", "doc").facts[n]


def test_denier_is_not_hedged_by_the_claim_it_denies():
    fact = _fact("The ministry denied reports that the minister had allegedly resigned.")
    assert (fact["stance"], fact["value"], fact["attribute"]) == ("denies", "in office", "office")
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


@pytest.mark.parametrize("text,frame", [
    ("Acme Foods has no plans to close the bakery.", ("bakery", "close", False)),  # a plan: keyed by its action
    ("Veteran actor Ivo Brandt died on Sunday.", ("ivo-brandt", "life", "dead")),
    ("Acme Foods closed the deal.", ("acme-food", "close-deal", True)),
    ("The storm killed about 30 people.", ("storm", "kill-people", True)),
    ("Climate change is a hoax.", ("climate-change", "truth", "false")),
    ("Climate change is not a hoax.", ("climate-change", "truth", "true")),
])
def test_frame_normalisation(text, frame):
    """Light verbs give way to the verb they carry, intransitive state verbs are states, `X is a hoax` is one
    negation, not two, and a sentence's first capital is no name."""
    fact = _fact(text)
    assert (fact["subject"], fact["attribute"], fact["value"]) == frame


def test_headline_future_reads_its_count():
    fact = _fact("Acme to cut more than 1,200 jobs.")
    assert (fact["subject"], fact["attribute"], fact["number"]) == ("acme", "cut-job", 1200)


def test_surname_takes_the_full_name_used_in_the_document():
    facts = extract_text("date 2026-03-02\n\nMayor Ann Poe spoke on Monday. Poe resigned on Tuesday.\n", "doc").facts
    assert facts[-1]["subject"] == "ann-poe"
