"""Which flags may fail a run: a baseline marks the known ones, suppressions silence the accepted ones."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from ..model import BaselineEntry, CheckResult
from ..problems import Problem
from .baseline import compare
from .suppressions import Suppression, apply


def triage(result: CheckResult, *, baseline: Iterable[BaselineEntry] | None = None, baseline_file: str = "",
           suppressions: Iterable[Suppression] | None = None,
           today: dt.date | None = None) -> tuple[CheckResult, list[Problem]]:
    """The result with `baseline` and `suppressed` filled in, and warnings about the suppressions file.

    Every flag, suppressed or not, is compared with the baseline, so suppressing a baselined
    flag does not make it look fixed; suppressed flags then leave the reported set.
    """
    diff = compare(result.flags, baseline, baseline_file) if baseline is not None else None
    kept, silenced, warnings = list(result.flags), None, list[Problem]()
    if suppressions is not None:
        kept, silenced, warnings = apply(suppressions, result.flags, today or dt.date.today(),
                                         [rule.id for rule in result.rules])
    if diff is not None:
        reported = set(kept)
        new = tuple(f for f in diff.new if f in reported)
        diff = dataclasses.replace(diff, new=new, unchanged=len(kept) - len(new))
    triaged = dataclasses.replace(result, flags=tuple(kept), baseline=diff,
                                  suppressed=None if silenced is None else tuple(silenced))
    return triaged, warnings
