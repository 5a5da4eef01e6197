"""`extract` is linear in the article's length, however repetitive the article, with the same results."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pysbd

from engine.extract import extract_text
from engine.extract.quotes import Marks, is_open
from engine.extract.segment import WINDOW, sentences

SEED = Path(__file__).resolve().parents[2] / "seeds" / "2026-01-29-rubio-venezuela-relations.txt"
SENTENCE = "The minister said talks would resume next week. "


def _cpu_seconds(text: str) -> tuple[float, int]:
    """CPU time, not wall time: other processes on a shared machine do not slow it down."""
    start = time.process_time()
    draft = extract_text(text, "a")
    return time.process_time() - start, len(draft.facts)


def test_two_thousand_identical_sentences_extract_in_under_two_seconds():
    seconds, facts = _cpu_seconds("date 2026-01-29\n" + SENTENCE * 2000 + "\n")
    assert facts == 2000
    assert seconds < 2, seconds


def test_time_grows_linearly_with_repeated_paragraphs():
    small, _ = _cpu_seconds("date 2026-01-29\n" + "\u201cTalks will resume,\u201d the minister said.\n\n" * 200)
    large, facts = _cpu_seconds("date 2026-01-29\n" + "\u201cTalks will resume,\u201d the minister said.\n\n" * 800)
    assert facts == 800
    assert large < 6 * small + 0.2, (small, large)  # 4x the text; quadratic would be 16x


def test_a_long_paragraph_splits_as_it_would_in_one_go():
    """Windows only change how much pysbd sees at once, not where the sentences of prose end."""
    body = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    paragraph = " ".join((body * 6).split())  # the article six times as one paragraph, several windows long
    assert len(paragraph) > 3 * WINDOW
    whole = [p.strip() for p in pysbd.Segmenter(language="en", clean=False).segment(paragraph) if p.strip()]
    assert [s.text for s in sentences(paragraph)] == whole


def test_open_quotation_marks_are_counted_as_in_the_slice_itself():
    rng = random.Random(11)
    for _ in range(500):
        text = "".join(rng.choice(["'", "''", "a ", '"', "\u201c", "\u201d"]) for _ in range(rng.randint(0, 24)))
        marks = Marks(text)
        for _ in range(8):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            assert marks.is_open(start, end) == is_open(text, start, end), (text, start, end)
