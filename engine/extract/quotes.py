"""Quotations that run over several sentences or paragraphs: which sentences one quotation holds.

A quotation's later sentences rarely repeat the cue (`“…,” she said. “These cases take patience.”`), and a
quotation continued into a new paragraph reopens with a quote mark and has no cue at all.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from .segment import Sentence

OPENING = ("“", '"', "''", "‘")
TYPESET_OPENING = re.compile(r"\A(?:[“\"‘]|''|”(?=\w))")


def is_open(text: str, start: int = 0, end: int | None = None) -> bool:
    """Does `text[start:end]` leave a quotation open (more curly marks opening than closing, each told by what
    touches it in `text`, or an odd number of straight ones)? The plain count that `Marks` speeds up."""
    end = len(text) if end is None else end
    curly = sum(1 if _opens(text, start + m.start()) else -1 for m in re.finditer("[“”]", text[start:end]))
    if curly > 0:
        return True
    if curly < 0:
        return False
    piece = text[start:end]
    return piece.count('"') % 2 == 1 or piece.count("''") % 2 == 1


class Marks:
    """`is_open` of any slice of one text in O(log n): counting each paragraph's prefix afresh per
    sentence was quadratic (2,000 sentences in one paragraph: 0.6 s in counting alone)."""

    def __init__(self, text: str):
        self.at = {mark: [m.start() for m in re.finditer(mark, text)] for mark in ('"',)}
        # a curly mark opens or closes by what touches it: typesetting puts `”Mr. Trump …` for `“Mr. Trump …`
        curly = [(m.start(), _opens(text, m.start())) for m in re.finditer("[“”]", text)]
        self.at["“"] = [at for at, opening in curly if opening]
        self.at["”"] = [at for at, opening in curly if not opening]
        self.runs = [(m.start(), m.end()) for m in re.finditer("''+", text)]  # "''" pairs up within a run
        self.starts, self.ends = [r[0] for r in self.runs], [r[1] for r in self.runs]
        self.pairs = [0, *accumulate((end - start) // 2 for start, end in self.runs)]

    def is_open(self, start: int, end: int) -> bool:
        """`is_open(text[start:end])`, from the marks' positions."""
        curly = self._count("“", start, end) - self._count("”", start, end)
        if curly:
            return curly > 0
        return self._count('"', start, end) % 2 == 1 or self._doubled(start, end) % 2 == 1

    def _count(self, mark: str, start: int, end: int) -> int:
        found = self.at[mark]
        return bisect.bisect_left(found, end) - bisect.bisect_left(found, start)

    def _doubled(self, start: int, end: int) -> int:
        """`text[start:end].count("''")`: the sums over whole runs, the runs cut at either end recounted."""
        low = bisect.bisect_right(self.ends, start)  # the first run ending after start
        high = bisect.bisect_left(self.starts, end)  # the first run starting at or after end
        total = self.pairs[high] - self.pairs[low] if high > low else 0
        for i in {low, high - 1} if high > low else ():
            run_start, run_end = self.runs[i]
            total += (min(run_end, end) - max(run_start, start)) // 2 - (run_end - run_start) // 2
        return total


def _opens(text: str, at: int) -> bool:
    """Does the curly mark at `at` open a quotation (a word right after it, a space or line start before it)?"""
    after, before = text[at + 1:at + 2], text[at - 1:at] if at else ""
    if text[at] == "“":
        return not after.isspace() and after != ""
    return after.isalnum() and (not before or before.isspace())


def quote_runs(items: list[Sentence], text: str) -> list[list[int]]:
    """Groups of consecutive sentence indices held by one quotation (only groups of two or more)."""
    marks = Marks(text)
    starts: dict[int, int] = {}
    for sentence in items:
        starts.setdefault(sentence.paragraph, sentence.start)
    runs, current = [], [0] if items else []
    for i in range(1, len(items)):
        if _continues(items[i - 1], items[i], marks, starts):
            current.append(i)
        else:
            runs.append(current)
            current = [i]
    runs.append(current)
    return [run for run in runs if len(run) > 1]


def _continues(previous: Sentence, sentence: Sentence, marks: Marks, starts: dict[int, int]) -> bool:
    """Is `sentence` still inside the quotation that was open when `previous` ended?"""
    if previous.paragraph == sentence.paragraph:
        return marks.is_open(starts[sentence.paragraph], sentence.start)
    return marks.is_open(starts[previous.paragraph], previous.end) and bool(TYPESET_OPENING.match(sentence.text))


def continued(items: list[Sentence], text: str) -> set[int]:
    """Indices of the sentences that start inside a quotation opened before them."""
    return {i for run in quote_runs(items, text) for i in run[1:]}
