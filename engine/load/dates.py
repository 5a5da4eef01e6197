"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) and the day numbers the engine compares."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

PATTERN = re.compile(r"\A(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


@dataclass(frozen=True)
class PartialDate:
    text: str  # canonical: 2019, 2019-05 or 2019-05-01
    first: dt.date
    last: dt.date

    @property
    def first_day(self) -> int:
        return self.first.toordinal()

    @property
    def last_day(self) -> int:
        return self.last.toordinal()


def parse(value: object) -> PartialDate | None:
    """A date given as a YAML date, a year or an ISO string; None when it is not one."""
    if value.__class__ is str:  # the common case first: dates are text once loaded
        return _parse_text(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.isoformat(), value, value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}" if 1 <= value <= 9999 else ""
    return _parse_text(value) if isinstance(value, str) else None


@functools.lru_cache(maxsize=8192)  # a corpus repeats the same few hundred dates thousands of times
def _parse_text(value: str) -> PartialDate | None:
    match = PATTERN.match(value.strip())
    if not match:
        return None
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    month = int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    try:
        if month is None:
            return PartialDate(f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31))
        if day is None:
            end = calendar.monthrange(year, month)[1]
            return PartialDate(f"{year:04d}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, end))
        exact = dt.date(year, month, day)
    except ValueError:
        return None
    return PartialDate(exact.isoformat(), exact, exact)
