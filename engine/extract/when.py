"""Dates written in a claim (`on Monday`, `in 2019`, `last year`, `Feb. 24`), resolved against the publication date.

Plain regular expressions, not a date library: news dates take a few shapes, and a parser that
tries every locale costs more import time than all of extraction (see pyproject's dependencies).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), 1) for name in names}
WEEKDAYS = {name: n for n, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday",
                                              "saturday", "sunday"))}
COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "twenty": 20}
ROLES = {"since": "since", "from": "since", "until": "until", "till": "until", "through": "until"}

_MONTH = r"(?P<month>(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|" \
         r"July|August|September|October|November|December)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
SHAPES = (
    ("iso", rf"{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)"),
    ("month-day-year", rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    ("day-month-year", rf"{_DAY}\s+{_MONTH}\s+{_YEAR}"),
    ("month-year", rf"{_MONTH},?\s+{_YEAR}"),
    ("month-day", rf"{_MONTH}\s+{_DAY}(?![\d,])"),
    ("day-month", rf"{_DAY}\s+{_MONTH}"),
    ("year", rf"(?:(?i:in|during|early|late|mid-?|around|since|from|until|till|through)\s+)(?:(?i:early|late)\s+)?"
             rf"{_YEAR}"),
    ("relative", r"(?i:(?P<which>last|this|next)\s+(?P<unit>year|month))"),
    ("ago", r"(?i:(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\s+"
            r"(?P<span>years?|months?|days?)\s+ago)"),
    ("day-word", r"(?i:(?P<word>yesterday|today|tonight|this\s+morning|this\s+afternoon|this\s+evening|"
                 r"last\s+night))"),
    ("weekday", r"(?:(?i:(?P<last>last)\s+))?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"),
)
PATTERNS = tuple((name, re.compile(rf"(?<![\w-]){body}(?![\w-])")) for name, body in SHAPES)
HINT = re.compile(r"\d|(?i:yesterday|today|tonight|last|this|next|ago|morning|night)|Jan|Feb|Mar|Apr|May|Jun|Jul|"
                  r"Aug|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")  # cheap pre-check
BEFORE = re.compile(r"(\w+)\s*\Z")


@dataclass(frozen=True)
class Mention:
    """One date in a claim: its role (as_of, since, until) and the partial date it names."""

    role: str
    date: str
    start: int


def dates(text: str, published: dt.date | None, future: bool = False) -> dict[str, str]:
    """`as_of`, `since` and `until` from the first date of each role in `text` (a future claim looks ahead)."""
    found: dict[str, str] = {}
    for mention in mentions(text, published, future):
        found.setdefault(mention.role, mention.date)
    return found


def mentions(text: str, published: dt.date | None, future: bool = False) -> list[Mention]:
    """Every date `text` names that can be resolved; relative ones need `published`."""
    if not HINT.search(text):
        return []
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for shape, match in _matches(text):
        if any(match.start() < end and start < match.end() for start, end in taken):
            continue  # `March 3, 2019` is one date, not also `March 3`
        taken.append(match.span())
        date = _resolve(shape, match, published, future)
        if date is not None:
            out.append(Mention(_role(text, shape, match), date, match.start()))
    return sorted(out, key=lambda m: m.start)


def _matches(text: str) -> list[tuple[str, re.Match]]:
    """Candidate dates, longest shapes first so they win over the shorter ones inside them."""
    return [(shape, m) for shape, pattern in PATTERNS for m in pattern.finditer(text)]


def _role(text: str, shape: str, match: re.Match) -> str:
    before = BEFORE.search(text[:match.start()])
    lead = match.group().split()[0].lower() if shape == "year" else (before.group(1).lower() if before else "")
    return ROLES.get(lead, "as_of")


def _resolve(shape: str, match: re.Match, published: dt.date | None, future: bool) -> str | None:
    g = match.groupdict()
    if shape == "iso":
        return _day(int(g["year"]), int(g["m"]), int(g["d"]))
    if shape in ("month-day-year", "day-month-year"):
        return _day(int(g["year"]), _month(g["month"]), int(g["day"]))
    if shape == "month-year":
        return f"{int(g['year']):04d}-{_month(g['month']):02d}"
    if shape == "year":
        return g["year"]
    if published is None:
        return None
    if shape in ("month-day", "day-month"):
        return _nearest_day(published, _month(g["month"]), int(g["day"]), future)
    if shape == "relative":
        return _relative(published, g["which"].lower(), g["unit"].lower())
    if shape == "ago":
        return _ago(published, COUNTS.get(g["count"].lower()) or int(g["count"]), g["span"].lower())
    if shape == "day-word":
        yesterday = g["word"].lower() in ("yesterday", "last night")
        return (published - dt.timedelta(days=1) if yesterday else published).isoformat()
    return _weekday(published, WEEKDAYS[g["weekday"].lower()], bool(g["last"]), future).isoformat()


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _nearest_day(published: dt.date, month: int, day: int, future: bool) -> str | None:
    """`Feb. 24` without a year: the publication year, or the year before (after, for a future claim)."""
    text = _day(published.year, month, day)
    if text is None:
        return None
    date = dt.date.fromisoformat(text)
    if not future and date > published:
        return _day(published.year - 1, month, day)
    if future and date < published:
        return _day(published.year + 1, month, day)
    return text


def _relative(published: dt.date, which: str, unit: str) -> str:
    shift = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "year":
        return f"{published.year + shift:04d}"
    months = published.year * 12 + published.month - 1 + shift
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def _ago(published: dt.date, count: int, span: str) -> str:
    if span.startswith("year"):
        return f"{published.year - count:04d}"
    if span.startswith("month"):
        months = published.year * 12 + published.month - 1 - count
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return (published - dt.timedelta(days=count)).isoformat()


def _weekday(published: dt.date, weekday: int, last: bool, future: bool) -> dt.date:
    """The named day nearest the publication date: the one before it (after, for a future claim)."""
    if future:
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    back = (published.weekday() - weekday) % 7
    return published - dt.timedelta(days=back or (7 if last else 0))
