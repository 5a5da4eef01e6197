"""One standalone HTML page, the editor's view: each article with its flags as notes in the margin.

Every highlight is coloured by its rule family, underlined by severity and numbered; the number
links to its note, and the note's quotes link back. A legend says what the colours mean;
filters (family, severity), a click on a highlight and the keys j/k (next/previous flag) need
the small inline script, which the Content-Security-Policy admits by its hash only, like the
style sheet; nothing else may load. Without the script the page shows everything.

    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8">…<meta http-equiv="Content-Security-Policy" …></head>
    <body><header>…<div class="legend">…</div><form id="filters" hidden>…</form></header>
    <section class="document"><h2>seeds/a.txt</h2><div class="sheet">
      <div class="text">… <span class="anchor" id="flag-1-q1"></span><mark class="sev-warning fam-0"
        data-flags="flag-1" data-quotes="flag-1-q1" title="…">the quote</mark><a class="ref" href="#flag-1">1</a> …</div>
      <aside class="notes"><ol class="flags"><li id="flag-1" class="flag sev-warning fam-0" …>…</li></ol></aside>
    </div></section>…
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import SEVERITIES, CheckResult, Flag, FlagFact, severity_rank
from ._text import clean, shorten, summary
from .htmlpage import SCRIPT, STYLE
from .spans import offsets
from .view import DEFAULT, View

# Control characters are parse errors in HTML (a NUL is dropped outright): show them as U+FFFD.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ERRORS_LISTED = 5
PALETTE = 8  # family colours fam-0 … fam-7, reused in turn past eight families


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


POLICY = f"default-src 'none'; style-src {_digest(STYLE)}; script-src {_digest(SCRIPT)}; base-uri 'none'; " \
    "form-action 'none'"
_HEAD = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<title>claimrules report</title>
<style>{STYLE}</style>
</head>
<body>
"""
_TAIL = f"<script>{SCRIPT}</script>\n</body>\n</html>\n"


@dataclass(frozen=True)
class Quote:
    """One fact of one flag, placed in its document's text."""

    id: str  # the anchor, e.g. flag-3-q1
    flag_id: str
    flag: Flag
    document: str
    start: int
    end: int


def render(result: CheckResult, *, color: bool = False, view: View = DEFAULT) -> str:
    """The whole page; `color` is accepted for a uniform signature and ignored."""
    flags = {f"flag-{i}": flag for i, flag in enumerate(sorted(result.flags), 1)}
    families = {name: i % PALETTE for i, name in enumerate(result.counts()["by_family"])}
    quotes = list(_quotes(result, flags))
    documents = list(dict.fromkeys([*result.documents, *(f.document for f in flags.values())]))
    parts = [_HEAD, '<header class="top">\n<h1>claimrules report</h1>\n',
             f'<p class="summary">{escape(summary(result))}</p>\n', _errors(flags), _legend(result, families),
             _filters(result),
             "</header>\n<main>\n"]
    for document in documents:
        parts.append(_section(document, result.texts.get(document), flags, quotes, families))
    parts.append(_help(flags))
    return "".join(parts) + "</main>\n" + _TAIL


def _quotes(result: CheckResult, flags: dict[str, Flag]) -> Iterator[Quote]:
    """Every fact whose span holds its quote in a text we have; the others stay unhighlighted."""
    for flag_id, flag in flags.items():
        for j, fact in enumerate(flag.facts, 1):
            text = result.texts.get(fact.document)
            found = offsets(text, fact) if text is not None else None
            if found:
                yield Quote(f"{flag_id}-q{j}", flag_id, flag, fact.document, *found)


def _errors(flags: dict[str, Flag]) -> str:
    """Links to the errors, the flags that fail a run, so an editor starts there."""
    errors = [(fid, flag) for fid, flag in flags.items() if flag.severity == "error"]
    links = "".join(f'<li><a href="#{fid}"><span class="num">{fid.removeprefix("flag-")}</span> '
                    f'{escape(shorten(clean(flag.message), 90))}</a></li>' for fid, flag in errors[:ERRORS_LISTED])
    more = f"<li>… and {len(errors) - ERRORS_LISTED:,} more</li>" if len(errors) > ERRORS_LISTED else ""
    return f'<div class="errors"><strong>Start with:</strong><ul>{links}{more}</ul></div>\n' if errors else ""


def _legend(result: CheckResult, families: dict[str, int]) -> str:
    counts = result.counts()
    swatches = "".join(f'<li><span class="swatch fam-{i}"></span>{escape(name)} ({counts["by_family"][name]:,})</li>'
                       for name, i in families.items())
    severities = "".join(f'<li><span class="sample sev-{s}">{s}</span> ({counts["by_severity"][s]:,})</li>'
                         for s in SEVERITIES)
    return (f'<div class="legend"><ul class="families" aria-label="Families">{swatches}</ul>'
            f'<ul class="severities" aria-label="Severity">{severities}</ul>'
            '<p class="keys">Click a highlight for its note; <kbd>j</kbd> / <kbd>k</kbd>: next / previous flag.</p>'
            '</div>\n')


def _filters(result: CheckResult) -> str:
    counts = result.counts()
    boxes = [("severity", SEVERITIES, counts["by_severity"]), ("family", counts["by_family"], counts["by_family"])]
    sets = []
    for name, values, n in boxes:
        labels = "".join(
            f'<label><input type="checkbox" name="{name}" value="{escape(v)}" checked> {escape(v)} ({n[v]:,})</label>'
            for v in values
        )
        sets.append(f"<fieldset><legend>{name.capitalize()}</legend>{labels}</fieldset>")
    return f'<form id="filters" hidden>Show: {"".join(sets)}</form>\n'


def _section(document: str, text: str | None, flags: dict[str, Flag], quotes: list[Quote],
             families: dict[str, int]) -> str:
    placed = {q.id for q in quotes}
    items = [_note(fid, flag, placed, families) for fid, flag in flags.items() if flag.document == document]
    listing = f'<ol class="flags">\n{"".join(items)}</ol>' if items else '<p class="none">No flags.</p>'
    if text is None:
        body = '<p class="missing">The text of this document is not in the report.</p>'
    else:
        here = [q for q in quotes if q.document == document]
        body = f'<div class="text">{_highlighted(text, here, families)}</div>'
    return (f'<section class="document">\n<h2>{escape(document)}</h2>\n<div class="sheet">\n{body}\n'
            f'<aside class="notes" aria-label="Flags">\n{listing}\n</aside>\n</div>\n</section>\n')


def _note(flag_id: str, flag: Flag, placed: set[str], families: dict[str, int]) -> str:
    sev = escape(flag.severity)
    number = flag_id.removeprefix("flag-")
    facts = "".join(_fact_item(f"{flag_id}-q{j}", fact, flag.document, placed) for j, fact in enumerate(flag.facts, 1))
    return (
        f'<li id="{flag_id}" class="flag sev-{sev} fam-{families[flag.family]}" data-severity="{sev}" '
        f'data-family="{escape(flag.family)}" tabindex="-1">'
        f'<p class="head"><span class="num">{number}</span> <span class="sev">{sev}</span> '
        f'<span class="family">{escape(flag.family)}</span> · {flag.line}:{flag.column}</p>'
        f'<p class="msg">{escape(flag.message)}</p><ul class="quotes">{facts}</ul>'
        f'<p class="rule"><a href="#rule-{escape(flag.rule)}"><code>{escape(flag.rule)}</code></a></p></li>\n'
    )


def _fact_item(quote_id: str, fact: FlagFact, flag_document: str, placed: set[str]) -> str:
    quote = f"“{escape(fact.quote)}”"
    if quote_id in placed:
        quote = f'<a href="#{quote_id}">{quote}</a>'
    where = f"{fact.line}:{fact.column}"
    where = escape(where if fact.document == flag_document else f"{fact.document}:{where}")
    return f'<li>{quote} <small title="{escape(fact.id)}">{where}</small></li>'


def _help(flags: dict[str, Flag]) -> str:
    """Each flagged rule's help once, for the notes' rule links to point at."""
    rules = {flag.rule: flag for flag in flags.values()}
    if not rules:
        return ""
    items = "".join(f'<dt id="rule-{escape(rule)}"><code>{escape(rule)}</code></dt>'
                    f'<dd>{escape(flag.help.strip()) or "No help given."}</dd>' for rule, flag in sorted(rules.items()))
    return f'<section class="help">\n<h2>What to do, rule by rule</h2>\n<dl>{items}</dl>\n</section>\n'


def escape(text: str) -> str:
    """`text` safe as HTML text or as a quoted attribute value."""
    return html.escape(_CONTROL.sub("\ufffd", text), quote=True)


def _highlighted(text: str, quotes: list[Quote], families: dict[str, int]) -> str:
    """The escaped text, split at every quote boundary so overlapping quotes nest nowhere.

    Each quote is followed by its flag's number, a link to the note.
    """
    bounds = sorted({0, len(text), *(q.start for q in quotes), *(q.end for q in quotes)})
    out = []
    for start, end in zip(bounds, bounds[1:]):
        out += [f'<span class="anchor" id="{q.id}"></span>' for q in quotes if q.start == start]
        covering = [q for q in quotes if q.start <= start and end <= q.end]
        out.append(_mark(text[start:end], covering, families) if covering else escape(text[start:end]))
        ending = list(dict.fromkeys(q.flag_id for q in quotes if q.end == end))
        out += [f'<a class="ref" href="#{flag_id}" data-flag="{flag_id}">{flag_id.removeprefix("flag-")}</a>'
                for flag_id in ending]
    return "".join(out)


def _mark(segment: str, covering: list[Quote], families: dict[str, int]) -> str:
    first = min(covering, key=lambda q: severity_rank(q.flag.severity))
    flag_ids = " ".join(dict.fromkeys(q.flag_id for q in covering))
    title = "\n".join(dict.fromkeys(q.flag.message for q in covering))
    return (
        f'<mark class="sev-{escape(first.flag.severity)} fam-{families[first.flag.family]}" data-flags="{flag_ids}" '
        f'data-quotes="{" ".join(q.id for q in covering)}" title="{escape(title)}">{escape(segment)}</mark>'
    )
