import pytest

from engine.model import FlagFact
from engine.report.spans import excerpt, offsets

TEXT = "first line\n  two  words here\nlast"


def fact(line, column, end_line, end_column, quote, document="a.txt") -> FlagFact:
    return FlagFact(document, line, column, end_line, end_column, "f", quote)


@pytest.mark.parametrize(
    ("span", "quote", "expected"),
    [
        ((1, 1, 1, 6), "first", (0, 5)),
        ((2, 3, 2, 13), "two words", (13, 23)),  # the document has two spaces: still the quote
        ((1, 7, 2, 6), "line two", (6, 16)),  # across a line break
        ((3, 1, 3, 5), "last", (29, 33)),  # the last line has no "\n"
        ((1, 1, 1, 6), "other", None),  # stale: the span no longer holds the quote
        ((1, 9, 1, 40), "ne", None),  # past the end of its line
        ((9, 1, 9, 2), "x", None),  # no such line
        ((1, 5, 1, 5), "", None),  # empty
    ],
)
def test_offsets(span, quote, expected):
    assert offsets(TEXT, fact(*span, quote)) == expected


def test_excerpt_gives_the_documents_own_characters():
    assert excerpt({"a.txt": TEXT}, fact(2, 3, 2, 13, "two words")) == "two  words"
    assert excerpt({}, fact(1, 1, 1, 6, "first")) is None
