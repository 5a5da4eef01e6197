"""GitHub Markdown for a CI job summary or a PR comment: totals, a table per document, details folded.

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

    <details><summary>warning at 3:12: The claim … carries no source</summary>

    - “the whole quote text” (fact-1, 3:12)

    **Help:** Name who made the claim, or drop it.

    </details>
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from itertools import groupby

from ..model import SEVERITIES, CheckResult, Flag, FlagFact
from ..safety.sanitise import one_line, unmention
from ._text import escape_markdown as escape
from ._text import shorten
from .view import DEFAULT, View

_FLAG_HEADER = "| Severity | Rule | Message | Where | Facts |\n|---|---|---|---|---|"


def render(result: CheckResult, *, color: bool = False, view: View = DEFAULT) -> str:
    """The whole report as Markdown; `color` is accepted for a uniform signature and ignored."""
    parts = ["# claimrules report"]
    if not result.flags:
        parts += ["No flags.", f"Checked {_checked(result)}."]
    else:
        parts += [_totals(result), f"{_families(result)} Checked {_checked(result)}."]
        parts += [_document_section(doc, list(flags)) for doc, flags in _by_document(result)]
    return "\n\n".join(parts) + "\n"


def _totals(result: CheckResult) -> str:
    counts = result.counts()["by_severity"]
    rows = [f"| {s} | {counts[s]} |" for s in SEVERITIES]
    return "\n".join(["| Severity | Count |", "|---|---:|", *rows])


def _families(result: CheckResult) -> str:
    families = result.counts()["by_family"]
    return "Families: " + ", ".join(f"{escape(name)} ({n})" for name, n in families.items()) + "."


def _checked(result: CheckResult) -> str:
    return ", ".join(
        _count(n, noun)
        for n, noun in [
            (len(result.documents), "document"),
            (result.fact_count, "fact"),
            (result.rule_count, "rule"),
        ]
    )


def _by_document(result: CheckResult) -> Iterator[tuple[str, Iterator[Flag]]]:
    return groupby(sorted(result.flags), key=lambda flag: flag.document)


def _document_section(document: str, flags: list[Flag]) -> str:
    rows = [_flag_row(flag) for flag in flags]
    table = "\n".join([f"## {escape(document)}", "", _FLAG_HEADER, *rows])
    return "\n\n".join([table, *map(_details, flags)])


def _details(flag: Flag) -> str:
    """A folded block with the flag's whole quotes and its help; blank lines let Markdown run inside."""
    # The rule id stays in the table row only, so each flag names its rule once in the comment.
    message = unmention(shorten(one_line(flag.message).strip()))
    summary = html.escape(f"{flag.severity} at {flag.line}:{flag.column}: {message}")
    quotes = [f"- “{escape(fact.quote)}” ({escape(fact.id)}, {escape(_where(fact, flag.document))})"
              for fact in flag.facts]
    parts = [f"<details><summary>{summary}</summary>", "\n".join(quotes)]
    if flag.help.strip():
        parts.append(f"**Help:** {escape(flag.help)}")
    return "\n\n".join(parts + ["</details>"])


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
    return f"{n} {noun if n == 1 else noun + 's'}"
