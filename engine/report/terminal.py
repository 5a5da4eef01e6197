"""The terminal report as a worklist: per document, errors first, each flag with its sentence.

    seeds/a.txt
      3:12 error: Two claims conflict: “closed” against “open” [conflicting-state]
           … the office, »which has been closed since 2019«, will …
           4:1 »The office is open« on weekdays.
      1:5 warning: Unattributed state: “The plan is late.” [unattributed-claim]
           »The plan is late.«

    help:
      conflicting-state: Check which claim is right for the time in question.
      unattributed-claim: Name who says so.

    2 flags (1 error, 1 warning) in 1 document, 40 facts, 9 rules

Documents with an error come first; `min_severity` hides flags below it (the summary says
how many), and every line is wrapped or cut to `width`.
"""

from __future__ import annotations

import textwrap
from itertools import groupby

from ..model import SEVERITIES, CheckResult, Flag, FlagFact, severity_rank
from ..safety.sanitise import guard_colored
from ._text import clean, shorten, summary, worklist
from .context import CLOSE, OPEN, in_sentence, window
from .view import DEFAULT, View

MIN_WIDTH, MAX_WIDTH = 40, 120  # past 120 columns a line is harder to read, not easier
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_MARK = "\x1b[1;4m"  # the quoted span: bold and underlined instead of » «
_SEVERITY_COLOR = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
# "info" reads as a mass noun: "2 info", not "2 infos".


def render(result: CheckResult, *, color: bool = False, view: View = DEFAULT) -> str:
    """The worklist (only new flags against a baseline), help once per rule, then the summary.

    ANSI colours only when `color`.
    """
    width, min_severity = max(MIN_WIDTH, min(view.width, MAX_WIDTH)), view.min_severity
    shown = [f for f in result.gating() if severity_rank(f.severity) <= severity_rank(min_severity)]
    blocks = ["\n".join(_document_lines(doc, list(flags), result, color, width)) + "\n"
              for doc, flags in groupby(sorted(shown, key=worklist(shown)), key=lambda f: f.document)]
    blocks += ["\n".join(lines) + "\n" for lines in (_help_section(shown, color, width), _fixed_lines(result),
                                                     _suppressed_lines(result)) if lines]
    # Every field is on one line already; a wrapped help line could still start with `::`.
    # The summary stays one line, however wide: scripts and CI logs read it whole.
    return guard_colored("\n".join(blocks + [_summary(result, min_severity) + "\n"]))


def _summary(result: CheckResult, min_severity: str) -> str:
    return summary(result, tuple(s for s in SEVERITIES if severity_rank(s) > severity_rank(min_severity)))


def _document_lines(document: str, flags: list[Flag], result: CheckResult, color: bool, width: int) -> list[str]:
    lines = [_paint(_fit(clean(document), width), _BOLD, color)]
    for flag in flags:
        lines += _flag_lines(flag, result, color, width)
    return lines


def _flag_lines(flag: Flag, result: CheckResult, color: bool, width: int) -> list[str]:
    where = f"{flag.line}:{flag.column}"
    indent = " " * (3 + len(where))
    text = f"{where} {flag.severity}: {clean(flag.message)} [{clean(flag.rule)}]"
    wrapped = textwrap.wrap(text, width=width, initial_indent="  ", subsequent_indent=indent,
                            break_on_hyphens=False)
    head = len(where) + 3
    first = wrapped[0]
    severity = _paint(flag.severity, _SEVERITY_COLOR.get(flag.severity, _BOLD), color)
    wrapped[0] = "  " + _paint(where, _BOLD, color) + " " + severity + first[head + len(flag.severity):]
    facts = [_fact_line(fact, flag, result, color, width - len(indent)) for fact in flag.facts]
    why = [part for line in _why_lines(flag) for part in _wrap_why(line, indent, width)]
    return [*wrapped, *(indent + line for line in facts), *why]


def _wrap_why(line: str, indent: str, width: int) -> list[str]:
    """A --explain line under the flag's text, wrapped to the width, its own indentation kept."""
    own = " " * (len(line) - len(line.lstrip()) - 4)
    return textwrap.wrap(line.strip(), width=width, initial_indent=indent + own,
                         subsequent_indent=indent + own + "  ", break_on_hyphens=False)


def _fact_line(fact: FlagFact, flag: Flag, result: CheckResult, color: bool, width: int) -> str:
    """The fact's sentence with its quote marked, led by its place when that is not the flag's."""
    where = "" if (fact.document, fact.line, fact.column) == (flag.document, flag.line, flag.column) \
        else f"{fact.line}:{fact.column} " if fact.document == flag.document \
        else f"{clean(fact.document)}:{fact.line}:{fact.column} "
    if len(where) > width // 2:
        where = shorten(where.rstrip(), width // 2) + " "
    parts = in_sentence(result.texts, fact)
    if parts is None:
        return where + f'"{shorten(clean(fact.quote), max(width - len(where) - 2, 8))}"'
    before, quote, after = window((_edged(parts[0]), _edged(parts[1]), _edged(parts[2])), width - len(where))
    marked = _paint(quote, _MARK, True) if color else OPEN + quote + CLOSE
    return where + before + marked + after


def _edged(text: str) -> str:
    """`clean` (control characters shown), keeping one space where the text began or ended with one."""
    inner = clean(text).strip()
    return (" " if text[:1].isspace() else "") + inner + (" " if text[-1:].isspace() and inner else "")


def _help_section(flags: list[Flag], color: bool, width: int) -> list[str]:
    """Each shown rule's help once, in the order the rules first appear."""
    helps = {flag.rule: clean(flag.help).strip() for flag in reversed(flags)}
    order = list(dict.fromkeys(flag.rule for flag in sorted(flags, key=worklist(flags))))
    lines = []
    for rule in order:
        if helps[rule]:
            lines += textwrap.wrap(f"{clean(rule)}: {helps[rule]}", width=width, initial_indent="  ",
                                   subsequent_indent="    ", break_on_hyphens=False)
    return ["help:", *(_paint(line, _DIM, color) for line in lines)] if lines else []


def _fit(text: str, width: int) -> str:
    return shorten(text, width)


def _fixed_lines(result: CheckResult) -> list[str]:
    fixed = result.baseline.fixed if result.baseline is not None else ()
    return [f"fixed since the baseline: {clean(e.message) or e.fingerprint} [{clean(e.rule)}]" for e in fixed]


def _suppressed_lines(result: CheckResult) -> list[str]:
    return [f"suppressed: {clean(s.flag.document)}:{s.flag.line}:{s.flag.column}: {clean(s.flag.message)} "
            f"[{clean(s.flag.rule)}]\n    reason: {clean(s.reason)}" for s in result.suppressed or ()]


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
        return "unset"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text
