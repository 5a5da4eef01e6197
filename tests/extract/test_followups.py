"""Follow-ups across articles: invented pairs extracted, then checked together, as an editor's desk would."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from kit import run_cli

from engine.extract.actions import action_key, stem
from engine.extract.lexicon import load
from engine.extract.markers import markers
from engine.extract.when import dates

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = dt.date(2026, 3, 5)  # a Thursday

PLAN = ("2026-01-29", "Bridge repairs",
        "The city council plans to reopen the Elm Street bridge in May. Repairs began last year.")
DONE = ("2026-05-20", "Bridge back",
        "The Elm Street bridge reopened on Monday after two years of repairs.")
STADIUM_PLAN = ("2026-01-10", "Stadium", "The city plans to build a new stadium by 2028.")
STADIUM_AXED = ("2026-04-02", "Stadium axed", "The city scrapped plans to build a new stadium.")
FORECAST = ("2026-01-10", "Library", "The new library will be completed by June, the mayor predicted.")
OUTCOME = ("2026-06-15", "Library opens", "The new library was completed last month.")
OTHER_BRIDGE = ("2026-05-20", "Other bridge", "The Main Street bridge reopened on Monday.")
DONE_EARLY = ("2026-03-02", "Bridge back", "The Elm Street bridge reopened on Monday.")
PLAN_LATE = ("2026-04-10", "Bridge plans", "The city council plans to reopen the Elm Street bridge in May.")




def check_together(tmp_path: Path, *articles: tuple[str, str, str]) -> list[dict]:
    """Write the articles, extract them all, check them together with the default pack; the flags."""
    (tmp_path / "seeds").mkdir(parents=True)
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    names = []
    for n, (date, title, body) in enumerate(articles, 1):
        name = f"seeds/{date}-{n}.txt"
        (tmp_path / name).write_text(f"---\ndate: {date}\ntitle: {title}\n---\n{body}\n", encoding="utf-8")
        names.append(name)
    code, _, err = run_cli(["extract", *names, "-o", "facts"], tmp_path)
    assert code == 0, err
    code, out, err = run_cli(["check", "facts", "--rules", "rules", "--format", "json", "--fail-on", "never"], tmp_path)
    assert code == 0, err
    return json.loads(out)["flags"]


def flags_of(flags: list[dict], rule: str) -> list[dict]:
    return [f for f in flags if f["rule"] == rule]


def quotes(flag: dict) -> list[tuple[str, str]]:
    return [(Path(f["document"]).name, f["quote"]) for f in flag["facts"]]


def test_a_plan_alone_is_open(tmp_path):
    [flag] = flags_of(check_together(tmp_path, PLAN), "open-plan")
    assert quotes(flag) == [("2026-01-29-1.txt", "The city council plans to reopen the Elm Street bridge in May.")]
    assert flag["message"] == "Open plan, to follow up"


def test_a_later_article_reporting_it_done_closes_the_plan(tmp_path):
    flags = check_together(tmp_path, PLAN, DONE)
    assert flags_of(flags, "open-plan") == []
    assert flags_of(flags, "reopened-after-done") == []


def test_a_later_cancellation_closes_the_plan(tmp_path):
    assert flags_of(check_together(tmp_path, STADIUM_PLAN), "open-plan")  # open on its own
    assert flags_of(check_together(tmp_path / "pair", STADIUM_PLAN, STADIUM_AXED), "open-plan") == []


def test_a_prediction_is_settled_by_its_outcome(tmp_path):
    [alone] = flags_of(check_together(tmp_path, FORECAST), "unverified-prediction")
    assert "will be completed by June" in alone["facts"][0]["quote"]
    assert flags_of(check_together(tmp_path / "pair", FORECAST, OUTCOME), "unverified-prediction") == []


def test_an_unrelated_later_article_leaves_the_plan_open(tmp_path):
    [flag] = flags_of(check_together(tmp_path, PLAN, OTHER_BRIDGE), "open-plan")
    assert quotes(flag) == [("2026-01-29-1.txt", "The city council plans to reopen the Elm Street bridge in May.")]


def test_a_later_article_repeating_as_open_what_was_done_is_flagged_naming_both(tmp_path):
    [flag] = flags_of(check_together(tmp_path, DONE_EARLY, PLAN_LATE), "reopened-after-done")
    assert quotes(flag) == [("2026-03-02-1.txt", "The Elm Street bridge reopened on Monday."),
                            ("2026-04-10-2.txt", "The city council plans to reopen the Elm Street bridge in May.")]
    assert flag["severity"] == "warning"
    assert flag["message"].startswith("seeds/2026-04-10-2.txt presents as open what seeds/2026-03-02-1.txt "
                                      "reported done")


def test_checking_together_is_byte_identical_across_runs(tmp_path):
    first = check_together(tmp_path / "one", PLAN, DONE, OTHER_BRIDGE)
    assert first == check_together(tmp_path / "two", PLAN, DONE, OTHER_BRIDGE)


@pytest.mark.parametrize("text,expected", [
    ("The bridge reopened on Monday.", {"as_of": "2026-03-02"}),
    ("The talks took place on Thursday.", {"as_of": "2026-03-05"}),
    ("They met last Thursday.", {"as_of": "2026-02-26"}),
    ("The office was open in 2015.", {"as_of": "2015"}),
    ("Profits fell last year.", {"as_of": "2025"}),
    ("Sales rose last month.", {"as_of": "2026-02"}),
    ("He resigned two years ago.", {"as_of": "2024"}),
    ("He spoke yesterday.", {"as_of": "2026-03-04"}),
    ("The vote was on Feb. 24.", {"as_of": "2026-02-24"}),
    ("The vote was on Dec. 24.", {"as_of": "2025-12-24"}),  # a day later in the year is last year's
    ("It opened on March 3, 2019.", {"as_of": "2019-03-03"}),
    ("It opened in May 2020.", {"as_of": "2020-05"}),
    ("It has been closed since 2019.", {"since": "2019"}),
    ("It was closed from March 2019 until last month.", {"since": "2019-03", "until": "2026-02"}),
    ("The first talks in 20 years.", {}),
])
def test_in_text_dates_resolve_against_the_publication_date(text, expected):
    assert dates(text, PUBLISHED) == expected


def test_relative_dates_need_a_publication_date():
    assert dates("Profits fell last year, and on Monday.", None) == {}
    assert dates("It opened in 2019.", None) == {"as_of": "2019"}


def test_a_future_claim_looks_ahead():
    assert dates("The council meets on Monday.", PUBLISHED, future=True) == {"as_of": "2026-03-09"}
    assert dates("The vote is on Feb. 24.", PUBLISHED, future=True) == {"as_of": "2027-02-24"}


@pytest.mark.parametrize("text,kind,status", [
    ("The city plans to reopen the bridge.", "plan", "announced"),
    ("Preparations for reopening the mission have already begun.", "plan", "begun"),
    ("The bridge reopened on Monday.", "event", "done"),
    ("The new library was completed last month.", "event", "done"),
    ("The council raised the minimum wage.", "event", "done"),
    ("The city scrapped plans to build a stadium.", "event", "cancelled"),
    ("The festival was called off.", "event", "cancelled"),
    ("The bridge will be reopened soon.", "prediction", None),  # a modal keeps it open
    ("The festival could be called off.", "event", None),
    ("The council will consider the budget on Monday.", "event", None),  # an agenda item, not a forecast
    ("The city had planned to open the library in 2019.", "event", None),  # a past plan
])
def test_kind_and_status_come_from_the_verb(text, kind, status):
    found = markers(text, load(), sourced=False, published=PUBLISHED)
    assert (found["kind"], found.get("status")) == (kind, status)


def test_a_future_claim_keeps_the_publication_date_as_as_of():
    found = markers("The city plans to reopen the bridge on Monday.", load(), sourced=False, published=PUBLISHED)
    assert "as_of" not in found  # Monday is the target, not when the plan was reported


def test_in_may_is_a_date_not_a_hedge():
    assert "hedged" not in markers("The bridge reopens in May.", load(), sourced=False)
    assert markers("The bridge may reopen.", load(), sourced=False)["hedged"] is True


@pytest.mark.parametrize("text,status,kind,key", [
    ("The city council plans to reopen the Elm Street bridge in May.", None, "plan", ("elm-street-bridge", "reopen")),
    ("The Elm Street bridge reopened on Monday.", "done", "event", ("elm-street-bridge", "reopen")),
    ("The Main Street bridge reopened on Monday.", "done", "event", ("main-street-bridge", "reopen")),
    ("The city scrapped plans to build a new stadium.", "cancelled", "event", ("stadium", "build")),
    ("The reopening of the Elm Street bridge was called off.", "cancelled", "event", ("elm-street-bridge", "reopen")),
    ("Preparations for reopening the diplomatic mission have begun.", "begun", "plan", ("embassy", "reopen")),  # synonyms.txt
    ("Analysts predicted the measure would pass.", None, "prediction", ("measure", "pass")),
    ("The festival was called off.", "cancelled", "event", ("festival", "happen")),
    ("The band will hold a festival in June.", None, "prediction", ("festival", "happen")),
    ("The army carried out a snap military exercise.", "done", "event", ("snap-military-exercise", "happen")),
    ("That will set up the stakes for the debates.", None, "prediction", ("stake", "set")),
    ("The tally doesn't include money raised by candidates.", "done", "event", ("money", "raise")),
])
def test_plans_and_outcomes_share_subject_and_attribute(text, status, kind, key):
    found = action_key(text, status, kind, load())
    assert (found["subject"], found["attribute"]) == key


def test_a_pronoun_is_no_subject():
    assert action_key("It reopened on Monday.", "done", "event", load()) == {}


@pytest.mark.parametrize("words", [("reopen", "reopened", "reopening"), ("complete", "completed", "completion"),
                                   ("scrap", "scrapped"), ("build", "built"), ("pass", "passed")])
def test_inflections_share_a_stem(words):
    assert len({stem(w) for w in words}) == 1


OPEN_2015 = ("2015-06-01", "Embassy", "The embassy is open.")
OPEN_2026 = ("2026-01-20", "Embassy", "The embassy is open.")
CLOSED = ("2026-01-29", "Embassy", "The embassy has been closed since 2019.")
OPEN_IN_2015 = ("2026-02-03", "Embassy history", "The embassy was open in 2015.")


def test_the_same_state_years_apart_is_no_contradiction(tmp_path):
    assert flags_of(check_together(tmp_path, OPEN_2015, CLOSED), "conflicting-state") == []


def test_an_in_text_date_dates_the_state(tmp_path):
    assert flags_of(check_together(tmp_path, CLOSED, OPEN_IN_2015), "conflicting-state") == []


def test_the_same_state_at_overlapping_times_is_a_contradiction(tmp_path):
    [flag] = flags_of(check_together(tmp_path, OPEN_2026, CLOSED), "conflicting-state")
    assert sorted(quotes(flag)) == [("2026-01-20-1.txt", "The embassy is open."),
                                    ("2026-01-29-2.txt", "The embassy has been closed since 2019.")]


@pytest.mark.parametrize("text", ["(Editing by Will Dunham.)", "Will the investigations ever stop?"])
def test_a_capitalised_will_is_no_prediction(text):
    assert markers(text, load(), sourced=False)["kind"] != "prediction"


def test_users_extend_the_status_verbs(tmp_path):
    (tmp_path / "done.txt").write_text("# our desk's words\nwrapped up\n", encoding="utf-8")
    (tmp_path / "cancelled.txt").write_text("mothballed\n", encoding="utf-8")
    assert "status" not in markers("The survey wrapped up on Monday.", load(), sourced=False)
    assert markers("The survey wrapped up on Monday.", load(tmp_path), sourced=False)["status"] == "done"
    assert markers("The city mothballed the tram.", load(tmp_path), sourced=False)["status"] == "cancelled"
