"""Text helpers the report formats share: one line, cut to length, Markdown-safe, the totals line."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from ..model import SEVERITIES, CheckResult, Flag, severity_rank
from ..safety.sanitise import one_line, unmention

QUOTE_LIMIT = 100
# The backslash is escaped too: otherwise a quote ending in "\" would turn our "\|" into "\\|",
# an escaped backslash followed by a live pipe that splits the cell.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]~|])")
PLURAL = {"error": "errors", "warning": "warnings", "info": "info"}


def clean(text: str) -> str:
    """`text` on one line, whitespace runs as one space, other control characters shown (`\\x1b`)."""
    return one_line(str(text))


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text` cut to at most `limit` characters, ending in `…` when it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def escape_markdown(text: str) -> str:
    """`text` safe inside a table cell: one line, no live HTML, no markup, no cell breaks, no mentions.

    `@name`, `#123` and `GH-123` get an invisible WORD JOINER after the sign, so GitHub shows
    them as written but neither notifies anyone nor links an issue.
    """
    text = unmention(one_line(text).strip())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def summary(result: CheckResult, hidden: tuple[str, ...] = ()) -> str:
    """The totals on one line, e.g. `2 flags (1 error, 1 info) in 1 document, 40 facts, 9 rules`.

    Severities in `hidden` (not shown by the report) read `6 info hidden`.
    """
    counts = result.counts()["by_severity"]
    head = "no flags"
    if result.flags:
        parts = [count(counts[s], s, PLURAL[s]) + (" hidden" if s in hidden else "")
                 for s in SEVERITIES if counts.get(s)]
        head = f"{count(len(result.flags), 'flag')} ({', '.join(parts)})"
    checked = [
        count(len(result.documents), "document"),
        count(result.fact_count, "fact"),
        count(result.rule_count, "rule"),
    ]
    return f"{head} in {', '.join(checked)}" + "".join(f"; {part}" for part in _triage(result))


def _triage(result: CheckResult) -> list[str]:
    parts = []
    if result.baseline is not None:
        diff = result.baseline
        parts.append(f"{len(diff.new):,} new, {diff.unchanged:,} baselined, {len(diff.fixed):,} fixed")
    if result.suppressed is not None:
        parts.append(f"{len(result.suppressed):,} suppressed")
    return parts


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`1 flag`, `12,345 flags`: thousands separated, so a big run reads at a glance."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def worklist(flags: Iterable[Flag]) -> Callable[[Flag], tuple]:
    """A sort key: documents by their worst flag, then path; inside one, errors first, then by position."""
    worst: dict[str, int] = {}
    for flag in flags:
        worst[flag.document] = min(worst.get(flag.document, 9), severity_rank(flag.severity))
    return lambda f: (worst[f.document], f.document, severity_rank(f.severity), f.line, f.column, f.rule,
                      f.fingerprint, f.message)
