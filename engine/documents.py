"""Source documents: their metadata (front matter or a `date` first line) and quote lookup."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

import yaml

from .model import Document, Span

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


class QuoteIndex:
    """Finds quotes in a document, insensitive to runs of white space, and maps offsets to line:column."""

    def __init__(self, document: Document):
        self.text = document.text
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]
        self._flat: str | None = None
        self._index: dict[str, list[int]] | None = None
        self._runs: list[tuple[int, int]] = []  # (first flattened position after a run, total shift so far)

    def _flatten(self) -> str:
        """The text with each run of white space as one space; `_runs` maps positions back."""
        if self._flat is None:
            pieces, self._runs, shift, last = [], [(0, 0)], 0, 0
            for m in re.finditer(r"\s+", self.text):
                pieces.append(self.text[last:m.start()] + " ")
                shift += len(m.group()) - 1
                last = m.end()
                self._runs.append((m.start() - shift + len(m.group()), shift))
            pieces.append(self.text[last:])
            self._flat = "".join(pieces)
        return self._flat

    def _original(self, flat: int) -> int:
        """Where a character of the flattened text sits in the real text."""
        index = bisect.bisect_right(self._runs, (flat, float("inf"))) - 1
        return flat + self._runs[index][1]

    def find(self, quote: str, occurrence: int = 1) -> tuple[Span | None, int]:
        """The span of the n-th occurrence (or None) and how many occurrences there are."""
        needle = " ".join(quote.split())
        if not needle:
            return None, 0
        hits = self._hits(needle)
        if len(hits) < occurrence:
            return None, len(hits)
        first = hits[occurrence - 1]
        begin, end = self._original(first), self._original(first + len(needle) - 1) + 1
        return Span(*self.position(begin), *self.position(end)), len(hits)

    def _hits(self, needle: str) -> list[int]:
        """Start of each non-overlapping occurrence, found from the needle's rarest inner word.

        Scanning the whole text for every quote would be quadratic in long documents; inner
        words are whole words of the text, so their positions narrow the search to a few places.
        """
        flat, words = self._flatten(), needle.split(" ")
        candidates = None
        if len(words) >= 3:
            index = self._words()
            offsets = [needle.index(f" {w} ", sum(len(x) + 1 for x in words[:i]) - 1) + 1
                       for i, w in enumerate(words) if 0 < i < len(words) - 1]
            rarest = min(range(len(offsets)), key=lambda i: len(index.get(words[i + 1], ())))
            candidates = (p - offsets[rarest] for p in index.get(words[rarest + 1], ()))
        hits: list[int] = []
        start = 0
        while True:
            if candidates is None:
                found = flat.find(needle, start)
            else:
                found = next((c for c in candidates if c >= start and flat.startswith(needle, c)), -1)
            if found < 0:
                break
            hits.append(found)
            start = found + len(needle)
        return hits

    def _words(self) -> dict[str, list[int]]:
        if self._index is None:
            self._index = {}
            for m in re.finditer(r"[^ ]+", self._flatten()):
                self._index.setdefault(m.group(), []).append(m.start())
        return self._index

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def near_miss(self, quote: str) -> str:
        """The longest leading part of the quote that the document does contain, for the hint."""
        words = quote.split()
        low, high = 0, len(words)
        while low < high:
            mid = (low + high + 1) // 2
            if self.find(" ".join(words[:mid]))[0]:
                low = mid
            else:
                high = mid - 1
        return " ".join(words[:low])
