"""A flagged quote in its sentence, cut to a width: what an editor reads instead of `3:263`.

    … will remain »the Marines guarding the embassy«, which has been closed since …
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..model import FlagFact
from .spans import offsets

OPEN, CLOSE = "»", "«"
TINY = 10  # below this many characters a side, context is shown as `…` alone
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")


def in_sentence(texts: Mapping[str, str], fact: FlagFact) -> tuple[str, str, str] | None:
    """(before, quote, after) within the quote's sentence, or None when the text is missing or stale."""
    text = texts.get(fact.document)
    found = offsets(text, fact) if text is not None else None
    if text is None or found is None:
        return None
    start, end = found
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    finish = stop.start() + 1 if stop and text[stop.start()] != "\n" else (stop.start() if stop else len(text))
    return text[begin:start], text[start:end], text[end:finish]


def window(parts: tuple[str, str, str], width: int) -> tuple[str, str, str]:
    """The parts cut to at most `width` characters in all (with the marks), the quote kept in view."""
    before, quote, after = (" ".join(p.split()) for p in parts)
    before, after = (before + " " if parts[0][-1:].isspace() else before), (
        " " + after if parts[2][:1].isspace() else after)
    room = width - len(OPEN) - len(CLOSE)
    if len(quote) > room - 2:  # the quote comes first; what room is left shows its sentence
        quote = _cut_middle(quote, max(room - 2, 8))
    side = room - len(quote)
    left, right = len(before), len(after)
    if left + right > side and side < 2 * TINY:  # a few letters either side would only distract
        return ("…" if before.strip() else ""), quote, ("…" if after.strip() else "")
    if left + right > side:  # share the room, giving one side's unused part to the other
        keep_left = min(left, max(side // 2, side - right))
        keep_right = min(right, side - keep_left)
        before = before if keep_left >= left else "…" + _from_word(before[left - keep_left + 1:])
        after = after if keep_right >= right else _to_word(after[: max(keep_right - 1, 0)]) + "…"
    return before, quote, after


def _from_word(text: str) -> str:
    """`text` from its first whole word, unless that drops most of it."""
    space = text.find(" ")
    return text[space + 1:] if 0 <= space < len(text) // 2 else text


def _to_word(text: str) -> str:
    space = text.rfind(" ")
    return text[:space] if space > len(text) // 2 else text


def _cut_middle(text: str, limit: int) -> str:
    """`text` with its middle left out at word boundaries: `Delcy…adversaries`, not `D…eaking`."""
    head = (limit - 1) // 2
    tail = limit - 1 - head
    left = _to_word(text[:head]).rstrip()
    right = text[len(text) - tail:]
    space = right.find(" ")
    right = right[space + 1:] if 0 <= space < len(right) // 2 else right
    return left + "…" + right.lstrip()
