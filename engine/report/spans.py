"""Where a flagged fact's quote sits in its document's text, for the formats that show the text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from ..model import FlagFact


def offsets(text: str, fact: FlagFact) -> tuple[int, int] | None:
    """The quote's [start, end) offsets in `text`, or None when the span does not hold the quote.

    Lines are split on "\\n" only and columns count code points, as the quote finder does.
    """
    starts = _line_starts(text)
    start, end = _offset(starts, text, fact.line, fact.column), _offset(starts, text, fact.end_line, fact.end_column)
    if start is None or end is None or start >= end:
        return None
    return (start, end) if _same_words(text[start:end], fact.quote) else None


def excerpt(texts: Mapping[str, str], fact: FlagFact) -> str | None:
    """The document's own text under the fact's span, or None when the text is missing or stale."""
    text = texts.get(fact.document)
    found = offsets(text, fact) if text is not None else None
    return text[found[0] : found[1]] if text is not None and found else None


@lru_cache(maxsize=16)  # one document's facts are placed one after another
def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in re.finditer("\n", text)))


def _offset(starts: tuple[int, ...], text: str, line: int, column: int) -> int | None:
    if not 1 <= line <= len(starts) or column < 1:
        return None
    offset = starts[line - 1] + column - 1
    line_end = starts[line] - 1 if line < len(starts) else len(text)  # the "\n" itself, or the end
    return offset if offset <= line_end else None


def _same_words(a: str, b: str) -> bool:
    # The quote finder is insensitive to runs of white space, so the span may differ in those only.
    return a.split() == b.split()
