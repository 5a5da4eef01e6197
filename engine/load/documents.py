"""Source documents: their metadata (front matter or a `date` first line) and quote lookup."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from ..model import Document, Span

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown")  # articles, as opposed to facts files
DATE_LINE = re.compile(r"\A[ \t\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})\b")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class Meta:
    published: dt.date | None = None
    title: str | None = None
    outlet: str | None = None
    error: str | None = None


def read_meta(text: str) -> Meta:
    """Publication date and title from YAML front matter or a first line `date YYYY-MM-DD`."""
    match = DATE_LINE.match(text)
    if match:
        try:
            return Meta(published=dt.date.fromisoformat(match.group(1)))
        except ValueError:
            return Meta(error=f"invalid date `{match.group(1)}` on the first line")
    front = FRONT_MATTER.match(text)
    if not front:
        return Meta()
    try:
        data = yaml.safe_load(front.group(1)) or {}
    except yaml.YAMLError:
        return Meta(error="front matter is not valid YAML")
    except (ValueError, LookupError, AttributeError) as exc:  # PyYAML on an impossible date (2026-02-30)
        return Meta(error=f"front matter has an invalid value: {exc}")
    if not isinstance(data, dict):
        return Meta(error="front matter must be a mapping")
    published = data.get("date") or data.get("published")
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published)
        except ValueError:
            return Meta(error=f"invalid front matter date `{published}`")
    if isinstance(published, dt.datetime):
        published = published.date()
    if published is not None and not isinstance(published, dt.date):
        return Meta(error="front matter `date` must be YYYY-MM-DD")
    title, outlet = data.get("title"), data.get("outlet")
    return Meta(published, title if isinstance(title, str) else None, outlet if isinstance(outlet, str) else None)


# What people type differently from the typesetter: a run of white space (non-breaking too), a dash with or
# without spaces around it (`-`, `--`, `–`, `—`), an ellipsis (`...`, `. . .`, `…`), curly or straight quotes.
# An ellipsis folds to `...`: a sentence split may end a quote at its first dot.
# Both the quote and the document fold alike; `QuoteIndex` maps folded positions back to the real text.
FOLDS = re.compile(r"\s*(?:--+|[-‐‑‒–—―−])\s*|…|\. \. \.|[^\S ]\s*| \s+")
SAME_LENGTH = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"})


def _fold_piece(match: re.Match) -> str:
    """An ellipsis folds to three dots (so a quote ending at the first dot still matches), a dash to `-`."""
    piece = match.group().strip()
    return "..." if piece in ("…", ". . .") else "-" if piece else " "


def fold(quote: str) -> str:
    """A quote as the index compares it: white space, dashes, ellipses and quote marks folded."""
    return FOLDS.sub(_fold_piece, " ".join(quote.split())).translate(SAME_LENGTH)


class QuoteIndex:
    """Finds quotes in a document, insensitive to how white space, dashes, ellipses and quote marks are typed,
    and maps offsets to line:column: a found quote's span is exact in the real text."""

    SCAN_LIMIT = 100_000  # longer documents are searched from a word index: scanning per quote is quadratic

    def __init__(self, document: Document):
        self.text = document.text
        self._line_starts: list[int] | None = None
        self._flat: str | None = None
        self._index: dict[str, list[int]] | None = None
        self._runs: list[tuple[int, int]] = []  # (first flattened position after a run, total shift so far)
        self._starts: dict[str, list[int]] = {}  # needle → where each occurrence starts in the real text

    def _flatten(self) -> str:
        """The text folded (see `fold`); `_runs` maps positions back.

        Only runs whose folded length differs shift positions, so only those are recorded.
        """
        if self._flat is None:
            pieces, self._runs, shift, last = [], [(0, 0)], 0, 0
            for m in FOLDS.finditer(self.text):
                pieces.append(self.text[last:m.start()])
                pieces.append(_fold_piece(m))
                last = m.end()
                folded = len(pieces[-1])
                if m.end() - m.start() != folded:  # a run shrinks (white space, `. . .`) or `…` grows to `...`
                    shift += m.end() - m.start() - folded
                    self._runs.append((m.end() - shift, shift))
            pieces.append(self.text[last:])
            self._flat = "".join(pieces).translate(SAME_LENGTH)
        return self._flat

    def _original(self, flat: int) -> int:
        """Where a character of the flattened text sits in the real text."""
        index = bisect.bisect_right(self._runs, (flat, float("inf"))) - 1
        return flat + self._runs[index][1]

    def find(self, quote: str, occurrence: int = 1) -> Span | None:
        """The span of the n-th non-overlapping occurrence, or None."""
        needle = fold(quote)
        if not needle:
            return None
        found = -1
        for found in self._hits(needle):  # noqa: B007  (the hit the loop stops at is the answer)
            occurrence -= 1
            if not occurrence:
                break
        if occurrence:
            return None
        begin, end = self._original(found), self._original(found + len(needle))
        return Span(*self.position(begin), *self.position(end))

    def occurrence(self, quote: str, start: int) -> int | None:
        """Which occurrence of `quote` starts at offset `start` of the real text, or None.

        All starts of a needle are found once: asking for each of n repeated quotes in turn
        would otherwise scan n occurrences n times.
        """
        needle = fold(quote)
        if needle not in self._starts:
            self._starts[needle] = [self._original(hit) for hit in self._hits(needle)] if needle else []
        starts = self._starts[needle]
        at = bisect.bisect_left(starts, start)
        return at + 1 if at < len(starts) and starts[at] == start else None

    def count(self, quote: str) -> int:
        """How many non-overlapping occurrences there are: for the message when `find` fails."""
        needle = fold(quote)
        return sum(1 for _ in self._hits(needle)) if needle else 0

    def _hits(self, needle: str) -> Iterator[int]:
        """Start of each non-overlapping occurrence, lazily: most quotes need only the first."""
        flat, start = self._flatten(), 0
        candidates = self._candidates(needle) if len(flat) > self.SCAN_LIMIT else None
        while True:
            if candidates is None:
                found = flat.find(needle, start)
            else:
                found = next((c for c in candidates if c >= start and flat.startswith(needle, c)), -1)
            if found < 0:
                return
            yield found
            start = found + len(needle)

    def _candidates(self, needle: str) -> Iterator[int] | None:
        """Where the needle may start, from the positions of its rarest inner word (a whole word of the text)."""
        words = needle.split(" ")
        if len(words) < 3:
            return None
        index, offset, best = self._words(), len(words[0]) + 1, None
        for word in words[1:-1]:
            seen = index.get(word, ())
            if best is None or len(seen) < len(best[0]):
                best = (seen, offset)
            offset += len(word) + 1
        if best is None:
            return None
        seen, offset = best
        return (p - offset for p in seen)

    def _words(self) -> dict[str, list[int]]:
        if self._index is None:
            self._index = {}
            for m in re.finditer(r"[^ ]+", self._flatten()):
                self._index.setdefault(m.group(), []).append(m.start())
        return self._index

    def position(self, offset: int) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def near_miss(self, quote: str) -> str:
        """The longest leading part of the quote that the document does contain, for the hint."""
        words = quote.split()
        low, high = 0, len(words)
        while low < high:
            mid = (low + high + 1) // 2
            if self.find(" ".join(words[:mid])):
                low = mid
            else:
                high = mid - 1
        return " ".join(words[:low])
