"""Quotations that run over several sentences or paragraphs: which sentences one quotation holds.

A quotation's later sentences rarely repeat the cue (`“…,” she said. “These cases take patience.”`), and a
quotation continued into a new paragraph reopens with a quote mark and has no cue at all.
"""

from __future__ import annotations

from .segment import Sentence

OPENING = ("“", '"', "''", "‘")


def is_open(text: str) -> bool:
    """Does `text` leave a quotation open (curly marks unbalanced, or an odd number of straight ones)?"""
    curly = text.count("“") - text.count("”")
    if curly > 0:
        return True
    if curly < 0:
        return False
    doubled = text.count("''")
    return (text.count('"') % 2 == 1) or doubled % 2 == 1


def quote_runs(items: list[Sentence], text: str) -> list[list[int]]:
    """Groups of consecutive sentence indices held by one quotation (only groups of two or more)."""
    starts: dict[int, int] = {}
    for sentence in items:
        starts.setdefault(sentence.paragraph, sentence.start)
    runs, current = [], [0] if items else []
    for i in range(1, len(items)):
        if _continues(items[i - 1], items[i], text, starts):
            current.append(i)
        else:
            runs.append(current)
            current = [i]
    runs.append(current)
    return [run for run in runs if len(run) > 1]


def _continues(previous: Sentence, sentence: Sentence, text: str, starts: dict[int, int]) -> bool:
    """Is `sentence` still inside the quotation that was open when `previous` ended?"""
    if previous.paragraph == sentence.paragraph:
        return is_open(text[starts[sentence.paragraph]:sentence.start])
    return is_open(text[starts[previous.paragraph]:previous.end]) and sentence.text.startswith(OPENING)


def continued(items: list[Sentence], text: str) -> set[int]:
    """Indices of the sentences that start inside a quotation opened before them."""
    return {i for run in quote_runs(items, text) for i in run[1:]}
