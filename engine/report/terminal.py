"""Compiler-style text for a terminal: one block per flag, then a summary line.

    seeds/a.txt:3:12: warning: The claim "…" carries no source [unattributed-claim]
        3:12  "the quote text"  (fact-1)
        help: Name who made the claim, or drop it.

    1 flag (1 warning) in 1 document, 40 facts, 9 rules
"""

from __future__ import annotations

import textwrap

from ..model import CheckResult, Flag
from ..safety.sanitise import guard_colored
from ._text import clean, shorten, summary

QUOTE_PAD = 40  # align fact ids after short quotes only; one long quote must not push them all
HELP_WIDTH = 88
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_SEVERITY_COLOR = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
# "info" reads as a mass noun: "2 info", not "2 infos".


def render(result: CheckResult, *, color: bool = False) -> str:
    """Every flag in document order (only new ones against a baseline), then the summary.

    ANSI colours only when `color`.
    """
    blocks = ["\n".join(_flag_lines(flag, color)) + "\n" for flag in sorted(result.gating())]
    blocks += ["\n".join(lines) + "\n" for lines in (_fixed_lines(result), _suppressed_lines(result)) if lines]
    # Every field is on one line already; a wrapped help line could still start with `::`.
    return guard_colored("\n".join(blocks + [summary(result) + "\n"]))


def _fixed_lines(result: CheckResult) -> list[str]:
    fixed = result.baseline.fixed if result.baseline is not None else ()
    return [f"fixed since the baseline: {clean(e.message) or e.fingerprint} [{clean(e.rule)}]" for e in fixed]


def _suppressed_lines(result: CheckResult) -> list[str]:
    return [f"suppressed: {clean(s.flag.document)}:{s.flag.line}:{s.flag.column}: {clean(s.flag.message)} "
            f"[{clean(s.flag.rule)}]\n    reason: {clean(s.reason)}" for s in result.suppressed or ()]


def _flag_lines(flag: Flag, color: bool) -> list[str]:
    location = f"{clean(flag.document)}:{flag.line}:{flag.column}"
    severity = _paint(flag.severity, _SEVERITY_COLOR.get(flag.severity, _BOLD), color)
    message = f"{clean(flag.message)} [{clean(flag.rule)}]"
    header = f"{_paint(location, _BOLD, color)}: {severity}: {message}"
    return [header, *_fact_lines(flag, color), *_why_lines(flag), *_help_lines(flag.help, color)]


def _why_lines(flag: Flag) -> list[str]:
    """With --explain: each pattern's fact and the values its tests saw, and what `unless` considered."""
    if flag.why is None:
        return []
    lines = []
    for match in flag.why["matched"]:
        tests = "; ".join(f"{t['field']} {t['op']} {_shown(t['expected'])} → {_shown(t.get('actual'))}"
                          for t in match["tests"])
        lines.append(f"    why: {clean(match['pattern'])} = {clean(match['fact'])}: {clean(tests) or 'any fact'}")
    for absent in flag.why.get("absent", ()):
        lines.append(f"    why: unless {clean(absent['pattern'])}: {clean(absent['conclusion'])}")
        for seen in absent["considered"]:
            failed = seen["failed"]
            reason = f"{failed['field']} {failed['op']} {_shown(failed['expected'])} → " \
                     f"{_shown(failed.get('actual'))}" if failed else "matched"
            lines.append(f"         {clean(seen['fact'])}: fails {clean(reason)}")
        if absent.get("more"):
            lines.append(f"         … and {absent['more']} more")
    return lines


def _shown(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_shown(v)}" for k, v in value.items())
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fact_lines(flag: Flag, color: bool) -> list[str]:
    rows = []
    for fact in flag.facts:
        where = f"{fact.line}:{fact.column}"
        if fact.document != flag.document:
            where = f"{clean(fact.document)}:{where}"
        rows.append((where, f'"{shorten(clean(fact.quote))}"', f"({clean(fact.id)})"))
    # Pad before painting: escape codes would otherwise count towards the column width.
    where_width = max((len(r[0]) for r in rows), default=0)
    quote_width = min(max((len(r[1]) for r in rows), default=0), QUOTE_PAD)
    return [
        f"    {_paint(where.ljust(where_width), _BOLD, color)}  {quote.ljust(quote_width)}  {ident}"
        for where, quote, ident in rows
    ]


def _help_lines(help_text: str, color: bool) -> list[str]:
    text = clean(help_text).strip()
    if not text:
        return []
    lines = textwrap.wrap(
        text, width=HELP_WIDTH, initial_indent="    help: ", subsequent_indent=" " * 10
    )
    return [_paint(line, _DIM, color) for line in lines]


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text
