"""A quote is found however its marks are typed (quotes, dashes, ellipses, spaces), at its exact span."""

from __future__ import annotations

import pytest

from engine.load.documents import QuoteIndex, fold
from engine.model import Document, Span

ARTICLE = ("date 2026-03-02\n"
           "The council met on Monday.\n\n"
           "“We don’t want a slab of concrete — not here,” Olsen said.\u00a0The vote… was postponed.\n"
           "Dufresne called it “a fundraiser – not a study” and left.\n")


def _span(text: str, start: int, end: int) -> Span:
    index = QuoteIndex(Document("a.txt", text, None))
    return Span(*index.position(start), *index.position(end))


def _find(quote: str, text: str = ARTICLE) -> Span | None:
    return QuoteIndex(Document("a.txt", text, None)).find(quote)


@pytest.mark.parametrize("typed, verbatim", [
    ('"We don\'t want a slab of concrete - not here," Olsen said.',
     "“We don’t want a slab of concrete — not here,” Olsen said."),
    ("We don't want a slab of concrete -- not here", "We don’t want a slab of concrete — not here"),
    ("Olsen said. The vote... was postponed.", "Olsen said.\u00a0The vote… was postponed."),
    ('called it "a fundraiser - not a study"', "called it “a fundraiser – not a study”"),
    ("don't", "don’t"),
])
def test_a_quote_typed_with_straight_marks_is_found_at_the_exact_span_of_the_typeset_text(typed, verbatim):
    start = ARTICLE.index(verbatim)
    assert _find(typed) == _span(ARTICLE, start, start + len(verbatim))


def test_a_typeset_quote_is_found_in_a_plainly_typed_article():
    plain = 'date 2026-03-02\nShe said "it can\'t wait -- ever..." and left.\n'
    start = plain.index('"it')
    assert _find("“it can’t wait — ever…”", plain) == _span(plain, start, start + len('"it can\'t wait -- ever..."'))


def test_folding_keeps_words_apart():
    assert _find("We dont want") is None
    assert _find("Olsen said The vote") is None
    assert fold("a  —  b") == fold("a-b") == fold("a -- b")


def test_the_occurrence_of_a_folded_quote_counts_in_the_real_text():
    text = "date 2026-03-02\nIt’s late — very late. It's late - very late.\n"
    index = QuoteIndex(Document("a.txt", text, None))
    assert index.count("It's late - very late.") == 2
    assert index.occurrence("It's late - very late.", text.index("It's")) == 2


def test_a_quote_ending_at_the_first_dot_of_a_spaced_ellipsis_is_found():
    text = "date 2026-03-02\nIt Is Worse Than We Thought . . .\n\nNext.\n"
    start = text.index("Worse")
    assert _find("Worse Than We Thought .", text) == _span(text, start, start + len("Worse Than We Thought ."))
