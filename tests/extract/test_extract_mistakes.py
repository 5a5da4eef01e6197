"""An invented local-news article with every extraction mistake an editor saw: page furniture drafted as claims,
bodies typed as people, streets as people, anonymous sources lost, dates and names read as counts,
superlatives missed, agenda items read as predictions, cues outside the word lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.extract import extract_text
from engine.pipeline import check

RULES = Path(__file__).resolve().parents[2] / "rules"
ARTICLE = """date 2026-03-02
Millbrook Council Weighs Future of the Old Mill Bridge

By Dana Whitcombe
Photo: Courtesy of the Millbrook Historical Society

MILLBROOK, Vt. — The Millbrook Historical Society wants the town to save the Old Mill Bridge, the oldest \
covered bridge in the county, before the state closes it for good.

10:45 a.m.

The bridge carries Route 9 over the Ashby River and is the busiest crossing in town, with about 4,200 cars \
a day, according to a state traffic count.

Two city officials familiar with the matter said the state has already set aside money to replace the bridge \
with a concrete span. The officials asked not to be named because the talks are not public.

Harriet Olsen, who chairs the Historical Society, said the group has raised $85,000 for repairs. “We don’t \
want a slab of concrete where our history stood,” Olsen said. Olsen tried to argue at a public meeting on \
Feb. 24 that the bridge could be reinforced for a fraction of the cost.

Council member Ray Dufresne took a shot at the society’s plan, calling it “a fundraiser, not an engineering \
study.” Dufresne said the repairs would last ten years at most.

The council will consider both options at its regular meeting on March 10. The town had planned to vote on \
the bridge last fall, but the vote was postponed after the engineers’ report came late.

The bridge sits at the corner of Harbor Street and Mill Road, where traffic backs up every morning. \
Residents along Harbor Street say trucks already avoid the bridge.

Town manager Phil Arsenault said the town will apply for a federal grant in April. He said the grant could \
cover up to 80 percent of the cost, and that the state’s engineers would inspect the deck again in May.

The Ashby Grange, which has met in the old mill since 1921, said it would lend its hall for the hearing.

Sheila Brandt, a retired engineer who lives on Mill Road, said she has crossed the bridge every day for \
40 years. She said the state should publish its inspection reports before the council votes, and that the \
town’s budget office has not answered her questions since January.

___

Editor’s note: An earlier version of this story misspelled Harriet Olsen’s name.

Diane Marsh, Tom Reyes, Alan Pike, Carla Voss
"""


@pytest.fixture(scope="module")
def draft():
    return extract_text(ARTICLE, "millbrook")


def _fact(draft, start: str) -> dict:
    (fact,) = [f for f in draft.facts if f["quote"].startswith(start)]
    return fact


def _entity(draft, entity_id: str) -> dict:
    return next(e for e in draft.data["entities"] if e["id"] == entity_id)


def test_the_article_is_about_400_words():
    assert 350 <= len(ARTICLE.split()) <= 450


@pytest.mark.parametrize("furniture", [
    "Millbrook Council Weighs", "By Dana", "Photo:", "MILLBROOK, Vt.", "10:45", "___", "Editor’s note",
    "Diane Marsh"])
def test_page_furniture_gives_no_fact(draft, furniture):
    assert not [f["quote"] for f in draft.facts if furniture in f["quote"]]


def test_the_headline_is_the_title_and_the_first_claim_starts_after_the_dateline(draft):
    assert draft.data["document"]["title"] == "Millbrook Council Weighs Future of the Old Mill Bridge"
    assert draft.facts[0]["quote"].startswith("The Millbrook Historical Society wants")


def test_a_society_is_an_organisation_and_a_street_is_a_place(draft):
    assert _entity(draft, "millbrook-historical-society")["type"] == "organization"
    assert not [e for e in draft.data["entities"] if "Harbor" in e["name"] and e["type"] in ("person", "official")]


def test_residents_of_a_street_are_an_anonymous_group(draft):
    source = _fact(draft, "Residents along Harbor Street")["source"]
    assert _entity(draft, source) == {"id": source, "name": "Residents along Harbor Street", "type": "anonymous-group"}


def test_one_council_member_is_one_official_entity(draft):
    took, said = _fact(draft, "Council member Ray Dufresne"), _fact(draft, "Dufresne said")
    assert took["source"] == said["source"] == "ray-dufresne"
    assert _entity(draft, "ray-dufresne")["type"] == "official"
    assert not [e for e in draft.data["entities"] if "shot" in e["name"].lower()]


def test_anonymous_sources_keep_their_count_and_description(draft):
    first = _fact(draft, "Two city officials")
    group = _entity(draft, first["source"])
    assert group["name"] == "Two city officials familiar with the matter"
    assert group["type"] == "anonymous-group"
    assert _fact(draft, "The officials asked")["source"] == first["source"]  # `the officials` are the same two


def test_a_date_in_prose_is_a_date_not_a_number(draft):
    argued = _fact(draft, "Olsen tried to argue")
    assert argued["as_of"] == "2026-02-24"
    assert "number" not in argued
    assert "number" not in _fact(draft, "The council will consider")


def test_a_route_number_counts_nothing_but_cars_do(draft):
    carries = _fact(draft, "The bridge carries Route 9")
    assert carries["number"] == 4200


def test_a_year_and_a_time_are_not_counts(draft):
    assert "number" not in _fact(draft, "The Ashby Grange")


@pytest.mark.parametrize("start", ["The Millbrook Historical Society wants", "The bridge carries Route 9"])
def test_superlatives_are_read_by_their_form(draft, start):
    assert _fact(draft, start)["superlative"] is True  # `the oldest`, `the busiest`


def test_a_bound_is_no_superlative(draft):
    assert "superlative" not in _fact(draft, "Dufresne said the repairs")  # `at most`


def test_an_agenda_item_and_a_past_plan_are_no_predictions(draft):
    agenda = _fact(draft, "The council will consider")
    assert agenda["kind"] == "event" and "source" not in agenda
    assert _fact(draft, "The town had planned")["kind"] not in ("plan", "prediction", "commitment")


@pytest.mark.parametrize("start, source, cue", [
    ("Olsen tried to argue", "harriet-olsen", "argue"),
    ("Council member Ray Dufresne", "ray-dufresne", "took a shot at"),
])
def test_cues_outside_the_plain_verbs_find_their_speaker(draft, start, source, cue):
    fact = _fact(draft, start)
    assert (fact["source"], fact["cue"]) == (source, cue)


def test_a_user_lexicon_types_a_body_the_shipped_lists_do_not_know(tmp_path, draft):
    assert _entity(draft, _fact(draft, "The Ashby Grange")["source"])["type"] != "organization"
    (tmp_path / "organizations.txt").write_text("# a rural association\ngrange\n", encoding="utf-8")
    extended = extract_text(ARTICLE, "millbrook", lexicons=tmp_path)
    assert _entity(extended, _fact(extended, "The Ashby Grange")["source"])["type"] == "organization"


def test_the_checked_draft_flags_no_furniture_and_no_agenda_prediction(tmp_path, draft):
    from engine.extract.writer import dump

    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    data = extract_text(ARTICLE, "millbrook", "article.txt").data
    (tmp_path / "facts.yaml").write_text(dump(data), encoding="utf-8")
    flags = check([tmp_path / "facts.yaml"], [RULES]).flags
    quoted = [(f.rule, f.facts[0].quote) for f in flags]
    assert not [q for q in quoted if q[1].startswith(("10:45", "By ", "MILLBROOK", "Editor", "Diane"))]
    assert not [q for q in quoted if q[0] == "unverified-prediction" and "council will consider" in q[1]]
    assert not [q for q in quoted if q[0] == "vague-source" and "Historical Society" in q[1]]


READERS = """date 2026-03-02
Readers Weigh In on the Bridge

We asked readers what the town should do.

”The bridge is the heart of Millbrook. Tearing it down would be a mistake.” ― Nora Quill

“Concrete lasts longer. The repairs are a waste of money.” ― Eli Stamper.

The council meets again on March 10.
"""


def test_a_signed_quotation_is_its_signers_even_with_a_typeset_opening_mark():
    facts = extract_text(READERS, "readers").data["facts"]
    sources = {f["quote"]: f.get("source") for f in facts}
    assert sources["”The bridge is the heart of Millbrook."] == "nora-quill"
    assert sources["Tearing it down would be a mistake."] == "nora-quill"
    assert sources["“Concrete lasts longer. The repairs are a waste of money.” ― Eli Stamper."] == "eli-stamper"
    assert sources["The council meets again on March 10."] is None
