"""GitHub Markdown for a CI job summary or a PR comment: totals, a worklist table per document, help once.

    # claimrules report

    | Severity | Count |
    |---|---:|
    | error | 0 |
    | warning | 1 |
    | info | 0 |

    Families: attribution (1). Checked 1 document, 40 facts, 9 rules.

    ## seeds/a.txt

    | Severity | Rule | Message | Where | Facts |
    |---|---|---|---|---|
    | warning | unattributed-claim | The claim … carries no source | 3:12 | fact-1: “the quote text” (3:12) |

    ## Help

    - **unattributed-claim**: Name who made the claim, or drop it.

Errors come first. The whole stays within `view.max_bytes` (UTF-8): past it the least severe
flags are left out and a last line says how many, and where the full report is.
"""

from __future__ import annotations

import re
from itertools import groupby

from ..model import SEVERITIES, CheckResult, Flag, FlagFact
from ._text import PLURAL, count, shorten, worklist
from ._text import escape_markdown as escape
from .view import DEFAULT, View

_FLAG_HEADER = "| Severity | Rule | Message | Where | Facts |\n|---|---|---|---|---|"
_HELP_HEADING = "## Help"
_URL = re.compile(r"https?://[^\s<>]+")


def render(result: CheckResult, *, color: bool = False, view: View = DEFAULT) -> str:
    """The whole report as Markdown; `color` is accepted for a uniform signature and ignored."""
    parts = ["# claimrules report"]
    if not result.flags:
        return "\n\n".join(parts + ["No flags.", f"Checked {_checked(result)}."]) + "\n"
    parts += [_totals(result), f"{_families(result)} Checked {_checked(result)}."]
    ordered = sorted(result.flags, key=worklist(result.flags))
    budget = view.max_bytes - _size("\n\n".join(parts)) - _size(_more_line(ordered, view)) - 4
    kept = _within(ordered, budget)
    for document, flags in groupby(kept, key=lambda flag: flag.document):
        parts.append(_document_section(document, list(flags)))
    if kept:
        parts.append(_help_section(kept))
    if len(kept) < len(ordered):
        parts.append(_more_line(ordered[len(kept):], view))
    return "\n\n".join(parts) + "\n"


def _within(ordered: list[Flag], budget: int) -> list[Flag]:
    """The longest run of `ordered` whose rows, section headings and help lines fit in `budget` bytes."""
    used, documents, rules = 0, set[str](), set[str]()
    for n, flag in enumerate(ordered):
        cost = _size(_flag_row(flag)) + 1
        cost += 0 if flag.document in documents else _size(f"## {escape(flag.document)}\n\n{_FLAG_HEADER}\n\n")
        cost += 0 if flag.rule in rules else _size(_help_line(flag)) + 1 + (0 if rules else len(_HELP_HEADING) + 2)
        if used + cost > budget:
            return ordered[:n]
        used += cost
        documents.add(flag.document)
        rules.add(flag.rule)
    return ordered


def _more_line(left: list[Flag], view: View) -> str:
    """`…and 1,234 more flags (…) are not shown`, with where to read them all."""
    counts = {s: sum(f.severity == s for f in left) for s in SEVERITIES}
    which = ", ".join(count(n, s, PLURAL[s]) for s, n in counts.items() if n)
    where = _pointer(view.full_report) if view.full_report else \
        "run `claimrules check --format html --output report.html` for every flag"
    return (f"**…and {count(len(left), 'more flag')}** ({which}) are not shown: this report stops at "
            f"{view.max_bytes:,} bytes. The full report: {where}.")


def _pointer(text: str) -> str:
    """Links stay links (`<https://…>`); anything else is shown as plain escaped text."""
    return " or ".join(f"<{part}>" if _URL.fullmatch(part) else escape(part) for part in text.split(" or "))


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _help_section(flags: list[Flag]) -> str:
    firsts = {flag.rule: flag for flag in reversed(flags)}
    order = list(dict.fromkeys(flag.rule for flag in flags))
    lines = [_help_line(firsts[rule]) for rule in order if firsts[rule].help.strip()]
    return "\n\n".join([_HELP_HEADING, "\n".join(lines)]) if lines else _HELP_HEADING + "\n\nNo help given."


def _help_line(flag: Flag) -> str:
    return f"- **{escape(flag.rule)}**: {escape(flag.help)}"


def _totals(result: CheckResult) -> str:
    counts = result.counts()["by_severity"]
    rows = [f"| {s} | {counts[s]:,} |" for s in SEVERITIES]
    return "\n".join(["| Severity | Count |", "|---|---:|", *rows])


def _families(result: CheckResult) -> str:
    families = result.counts()["by_family"]
    return "Families: " + ", ".join(f"{escape(name)} ({n:,})" for name, n in families.items()) + "."


def _checked(result: CheckResult) -> str:
    return ", ".join(
        _count(n, noun)
        for n, noun in [
            (len(result.documents), "document"),
            (result.fact_count, "fact"),
            (result.rule_count, "rule"),
        ]
    )


def _document_section(document: str, flags: list[Flag]) -> str:
    rows = [_flag_row(flag) for flag in flags]
    return "\n".join([f"## {escape(document)}", "", _FLAG_HEADER, *rows])


def _flag_row(flag: Flag) -> str:
    facts = "<br>".join(_fact_cell(fact, flag.document) for fact in flag.facts)
    cells = [flag.severity, flag.rule, flag.message, f"{flag.line}:{flag.column}"]
    return "| " + " | ".join([*map(escape, cells), facts]) + " |"


def _fact_cell(fact: FlagFact, flag_document: str) -> str:
    where = _where(fact, flag_document)
    return f"{escape(fact.id)}: “{escape(shorten(fact.quote))}” ({escape(where)})"


def _where(fact: FlagFact, flag_document: str) -> str:
    where = f"{fact.line}:{fact.column}"
    return where if fact.document == flag_document else f"{fact.document}:{where}"


def _count(n: int, noun: str) -> str:
    return count(n, noun)
