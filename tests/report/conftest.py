"""Hand-built check results shared by the report format tests."""

from __future__ import annotations

import pytest

from engine.model import CheckResult, Flag, FlagFact

A, B, C = "seeds/a.txt", "seeds/b.txt", "seeds/c_d.txt"
HOSTILE_QUOTE = 'He said "a | b" <script>alert(1)</script>\nthen — Café naïve 東京 & co'
LONG_QUOTE = "word " * 60


def fact(document: str, line: int, column: int, fact_id: str, quote: str) -> FlagFact:
    return FlagFact(document, line, column, line, column + len(quote), fact_id, quote)


def flag(first: FlagFact, *more: FlagFact, rule: str, severity: str, family: str,
         message: str, help: str = "") -> Flag:
    return Flag(
        document=first.document, line=first.line, column=first.column, rule=rule,
        fingerprint=f"fp-{rule}-{first.line}", severity=severity, family=family,
        message=message, facts=(first, *more), help=help,
    )


WARNING = flag(
    fact(A, 3, 12, "fact-1", "the minister said talks would resume"),
    rule="unattributed-claim", severity="warning", family="attribution",
    message='The claim "talks would resume" carries no source',
)
ERROR = flag(
    fact(A, 7, 1, "fact-2", "on 3 March"),
    fact(B, 2, 5, "fact-9", "on 4 March"),
    rule="date-mismatch", severity="error", family="dates",
    message="Two documents disagree on the date of the meeting",
    help="Check the primary source for the date and correct whichever report is wrong; "
    "if both dates are plausible,\nsay which one the claim relies on and why.",
)
INFO = flag(
    fact(B, 4, 2, "fact-3", HOSTILE_QUOTE),
    fact(B, 9, 1, "fact-4", LONG_QUOTE),
    rule="hedged-claim", severity="info", family="tone",
    message="Hedged wording | may\nbe \x1b[31mfine\x1b[0m",
)


@pytest.fixture
def result() -> CheckResult:
    """Three documents (one clean), one flag of each severity, deliberately out of order."""
    return CheckResult(flags=(INFO, ERROR, WARNING), documents=(A, B, C), fact_count=40, rule_count=9)


@pytest.fixture
def flags() -> dict[str, Flag]:
    """The three flags by severity; test modules take them from here, never by importing conftest."""
    return {"error": ERROR, "warning": WARNING, "info": INFO}


@pytest.fixture
def hostile_quote() -> str:
    return HOSTILE_QUOTE


@pytest.fixture
def single() -> CheckResult:
    return CheckResult(flags=(WARNING,), documents=(A,), fact_count=1, rule_count=1)


@pytest.fixture
def empty() -> CheckResult:
    return CheckResult(flags=(), documents=(), fact_count=0, rule_count=0)
