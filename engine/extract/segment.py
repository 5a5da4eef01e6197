"""Split a document into sentences with character offsets (pysbd), and sentences into clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from ..documents import DATE_LINE, FRONT_MATTER

PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
CLAUSE_BREAKS = re.compile(
    r";\s+"                                                   # a semicolon joins two claims
    r"|,\s+and\s+(?=[^,;]{0,60}?\b(?:is|are|was|were|has|have|had|will|would|can|could|remains?)\b)"
    r"|\s+and\s+(?=(?:the|a|an)\s+\w+\s+\w+\s+(?:is|are|has|have|was|were|will)\b)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    heading: bool = False


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def body_start(text: str) -> int:
    """Where the article proper starts: after front matter or the `date YYYY-MM-DD` marker."""
    front = FRONT_MATTER.match(text)
    if front:
        return front.end()
    date = DATE_LINE.match(text)
    return date.end() if date else 0


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the body, in order, trimmed of surrounding white space."""
    found: list[Sentence] = []
    paragraphs = [(n, p) for n, p in enumerate(PARAGRAPH.finditer(text, body_start(text))) if p.group().strip()]
    for number, para in paragraphs:
        chunk = para.group()
        # a short line without end punctuation is a heading, unless it is the whole article (a headline's claim)
        heading = len(paragraphs) > 1 and not re.search(r"[.!?\"”’:)]\s*\Z", chunk) and len(chunk.split()) < 16
        cursor = 0
        for piece in _segmenter().segment(chunk):
            piece = piece.strip()
            if not piece:
                continue
            at = chunk.find(piece, cursor)
            if at < 0:  # pysbd altered the text: fall back to the rest of the paragraph
                at, piece = cursor, chunk[cursor:].strip()
            cursor = at + len(piece)
            start = para.start() + at
            found.append(Sentence(start, start + len(piece), piece, number, heading))
    return found


def clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """Character ranges (absolute) of the claims a sentence holds: split on `; ` and `, and <clause>`."""
    cuts = [0]
    for match in CLAUSE_BREAKS.finditer(sentence.text):
        cuts.append(match.end())
    cuts.append(len(sentence.text))
    ranges = []
    for begin, end in zip(cuts, cuts[1:]):
        piece = sentence.text[begin:end]
        left = len(piece) - len(piece.lstrip())
        piece = piece.strip().rstrip(",;")
        if len(piece.split()) >= 3:
            ranges.append((sentence.start + begin + left, sentence.start + begin + left + len(piece)))
    return ranges or [(sentence.start, sentence.end)]
