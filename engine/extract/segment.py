"""Split a document into sentences with character offsets (pysbd), and sentences into clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..load.documents import DATE_LINE, FRONT_MATTER
from .nonclaims import dateline, line_kind, sentence_kind

if TYPE_CHECKING:
    import pysbd

PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
CLAUSE_BREAKS = re.compile(
    r";\s+"                                                   # a semicolon joins two claims
    r"|,\s+and\s+(?=[^,;]{0,60}?\b(?:is|are|was|were|has|have|had|will|would|can|could|remains?)\b)"
    r"|\s+and\s+(?=(?:the|a|an)\s+\w+\s+\w+\s+(?:is|are|has|have|was|were|will)\b)")


# pysbd is quadratic in the length of what it is given (each abbreviation and each sentence
# rescans it all): 2,000 sentences in one paragraph took 18 s. A longer paragraph goes in
# windows of about this many characters, each starting at the last sentence of the one before.
WINDOW = 2000


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    heading: bool = False  # no claim unless attributed: a heading, or `role` says what else it is
    role: str = ""  # headline, subhead, timestamp, byline, dateline, credit, note, separator, names, markup,
    # question, fragment


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    import pysbd  # on first use, like lemminflect: `import engine.extract` stays cheap for reviewed articles

    return pysbd.Segmenter(language="en", clean=False)


def body_start(text: str) -> int:
    """Where the article proper starts: after front matter or the `date YYYY-MM-DD` marker."""
    front = FRONT_MATTER.match(text)
    if front:
        return front.end()
    date = DATE_LINE.match(text)
    return date.end() if date else 0


HEADLINE_WORDS = 20  # a first line longer than this is a lede, not a headline
TITLE_SHARE = 0.8  # of its longer words capitalised: a headline in title case


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the body, in order, trimmed of surrounding white space; non-claims marked (see nonclaims)."""
    found: list[Sentence] = []
    paragraphs = [(n, p) for n, p in enumerate(PARAGRAPH.finditer(text, body_start(text))) if p.group().strip()]
    for number, para in paragraphs:
        chunk = para.group()
        # a short line without end punctuation is a heading, unless it is the whole article (a headline's claim)
        heading = len(paragraphs) > 1 and not re.search(r"[.!?\"”’:)]\s*\Z", chunk) and len(chunk.split()) < 16
        found += _paragraph(para.start(), chunk, number, "subhead" if heading else "", len(paragraphs) == 1)
    return _headline(found, paragraphs)


def _paragraph(base: int, chunk: str, number: int, role: str, alone: bool) -> list[Sentence]:
    """The sentences of one paragraph: each line of page furniture alone, a dateline apart, the rest by pysbd."""
    found: list[Sentence] = []
    run_start = None
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", chunk)]
    for k, (at, line) in enumerate(lines + [(len(chunk), "")]):
        kind = line_kind(line) if k < len(lines) and line.strip() else "end"
        if kind is None:
            run_start = at if run_start is None else run_start
            continue
        if run_start is not None:
            found += _prose(base + run_start, chunk[run_start:at].rstrip(), number, role, alone)
            run_start = None
        if kind != "end":
            found.append(_whole(base + at, line, number, kind))
    return found


def _whole(start: int, line: str, number: int, role: str) -> Sentence:
    """A line as one sentence, trimmed."""
    left = len(line) - len(line.lstrip())
    piece = line.strip()
    return Sentence(start + left, start + left + len(piece), piece, number, True, role)


def _prose(base: int, chunk: str, number: int, role: str, alone: bool) -> list[Sentence]:
    found: list[Sentence] = []
    cursor = dateline(chunk)
    if cursor:
        found.append(_whole(base, chunk[:cursor].rstrip(" —–-"), number, "dateline"))
    for piece in _segment(chunk[cursor:]):
        piece = piece.strip()
        if not piece:
            continue
        at = chunk.find(piece, cursor)
        if at < 0:  # pysbd altered the text: fall back to the rest of the paragraph
            at, piece = cursor, chunk[cursor:].strip()
        cursor = at + len(piece)
        kind = role or sentence_kind(piece, alone) or ""
        found.append(Sentence(base + at, base + at + len(piece), piece, number, bool(kind), kind))
    return found


def _headline(found: list[Sentence], paragraphs: list) -> list[Sentence]:
    """The first line is the headline when it is one short line and paragraphs follow: the title, not a claim."""
    if len(paragraphs) < 3 or not found:
        return found
    line = paragraphs[0][1].group().strip()
    if "\n" in line or len(line.split()) > HEADLINE_WORDS or not _headline_form(line):
        return found
    return [Sentence(s.start, s.end, s.text, s.paragraph, True, "headline") if s.paragraph == paragraphs[0][0] else s
            for s in found]


def _headline_form(line: str) -> bool:
    """Title case (`Council Weighs Future of the Bridge`) or no end punctuation: a one-sentence lede has neither."""
    words = [w for w in re.findall(r"[\w’'-]+", line) if len(w) > 3]
    capitals = sum(w[0].isupper() or w[0].isdigit() for w in words)
    return capitals >= TITLE_SHARE * len(words) or not re.search(r"[.!?\"”’]\Z", line)


def headline(items: list[Sentence]) -> str | None:
    """The article's headline, when its first line is one (see `sentences`)."""
    head = [s.text for s in items if s.role == "headline"]
    return " ".join(head) if head else None


def _segment(chunk: str) -> list[str]:
    """pysbd's sentences of `chunk`, in windows when it is long; the same sentences as in one go
    wherever pysbd decides within a few thousand characters, as it does for prose."""
    found: list[str] = []
    base, size = 0, WINDOW
    while True:
        window = chunk[base:base + size]
        pieces = [p for p in _segmenter().segment(window) if p.strip()]
        if base + size >= len(chunk):
            return found + pieces
        last = _last_start(window, pieces) if len(pieces) > 1 else None
        if not last:  # one sentence fills the window (or pysbd changed the text): look further
            size *= 2
            continue
        found += pieces[:-1]
        base, size = base + last, WINDOW


def _last_start(window: str, pieces: list[str]) -> int | None:
    """Where the last piece starts in `window`, found in order as `sentences` finds them."""
    cursor = at = 0
    for piece in pieces:
        at = window.find(piece.strip(), cursor)
        if at < 0:
            return None
        cursor = at + len(piece.strip())
    return at


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
