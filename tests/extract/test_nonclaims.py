"""Page furniture and fragments are told from claims by their form (invented lines)."""

from __future__ import annotations

import pytest

from engine.extract.nonclaims import dateline, sentence_kind
from engine.extract.segment import sentences


@pytest.mark.parametrize("text, kind", [
    ("10:45 a.m.", "timestamp"), ("Updated 3:15 p.m. ET", "timestamp"), ("By 9 a.m.", "timestamp"),
    ("By Landon Pierce Jr.", "byline"), ("Reporting by Ana Ruiz; Editing by Tom Bell", "byline"),
    ("Photo: Courtesy of the Town Museum", "credit"), ("A crowd at the fair (AP Photo/Sam Lee)", "credit"),
    ("Editor’s note: This story was updated.", "note"), ("Correction appended.", "note"),
    ("___", "separator"), ("* * *", "separator"),
    ("Diane Marsh, Tom Reyes and Carla Voss", "names"), ("Ann Poe.", "fragment"),
    ("@townclerk.", "markup"), ('<post id="12"></post>.', "markup"),
    ("How is that possible?", "question"), ("He had no experience.", "fragment"),
])
def test_non_claims_are_told_by_their_form(text, kind):
    assert sentence_kind(text) == kind


@pytest.mark.parametrize("text", ["The embassy is closed.", "The bridge will reopen.", "Ticket sales rose 9%.",
                                  "The mayor said the budget was balanced by 9 a.m. on Friday."])
def test_short_claims_and_claims_mentioning_times_stay_claims(text):
    assert sentence_kind(text) is None


def test_a_dateline_is_cut_from_the_first_sentence():
    text = "PORT ELLIS, Maine (AP) — The ferry stopped running on Monday."
    assert text[dateline(text):].startswith("The ferry")


def test_a_one_line_article_keeps_its_short_claim():
    (line,) = sentences("date 2026-01-05\nFerry Stops\n")
    assert not line.heading


def test_offsets_stay_exact_for_furniture_lines():
    text = "date 2026-01-05\nFerry Service Ends on the Lake\n\nBy Ana Ruiz\n10:45 a.m.\n\nThe ferry stopped.\n\nMore.\n"
    found = sentences(text)
    assert [(s.role, text[s.start:s.end]) for s in found] == [
        ("headline", "Ferry Service Ends on the Lake"), ("byline", "By Ana Ruiz"), ("timestamp", "10:45 a.m."),
        ("", "The ferry stopped."), ("fragment", "More.")]
