"""One standalone HTML page: each article's text with its flagged quotes highlighted.

No network resources at all (a Content-Security-Policy says so too); filters by family and
severity need the small inline script, and without it the page simply shows everything.

    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><meta name="viewport" …><title>claimrules report</title>…
    <section class="document"><h2>seeds/a.txt</h2>
      <ol class="flags"><li id="flag-1" class="flag sev-warning" data-severity="warning" data-family="unattributed">
        <span class="sev">warning</span> <code>unattributed-claim</code> <a href="#flag-1-q1">3:12</a> …</li></ol>
      <pre class="text">… <span class="anchor" id="flag-1-q1"></span><mark class="sev-warning"
        data-flags="flag-1" data-quotes="flag-1-q1" title="The claim … carries no source">the quote</mark> …</pre>
    </section>…
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import SEVERITIES, CheckResult, Flag, FlagFact, severity_rank
from ._text import summary
from .spans import offsets
from .view import DEFAULT, View

# Control characters are parse errors in HTML (a NUL is dropped outright): show them as U+FFFD.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>claimrules report</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; margin: 0 auto; padding: 1rem; max-width: 60rem; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; padding: .75rem; border: 1px solid #ccc; }
mark { color: inherit; border-radius: .2rem; }
mark, code, small, .msg, .help, .quotes a { unicode-bidi: isolate; } /* an override in a quote stays inside it */
mark.sev-error { background: #f8c4c4; } mark.sev-warning { background: #fbe3a1; } mark.sev-info { background: #cfe3fb; }
mark.off { background: none; }
.anchor:target + mark, .anchor:target + .anchor + mark { outline: 2px solid #333; }
.flags { padding-left: 1.5rem; } .flag[hidden] { display: none; }
.sev { font-weight: bold; text-transform: uppercase; font-size: .8rem; }
.sev-error .sev { color: #a00; } .sev-warning .sev { color: #850; } .sev-info .sev { color: #036; }
.msg, .help { margin: .25rem 0; white-space: pre-line; } .help { color: #555; }
fieldset { display: inline-block; border: 1px solid #ccc; margin: 0 .5rem .5rem 0; }
label { display: inline-block; margin-right: .75rem; }
</style>
</head>
<body>
"""
_SCRIPT = """<script>
(function () {
  var form = document.getElementById("filters");
  form.hidden = false;
  form.addEventListener("change", function () {
    var off = {}, shown = {};
    form.querySelectorAll("input").forEach(function (box) { off[box.name + ":" + box.value] = !box.checked; });
    document.querySelectorAll("li.flag").forEach(function (li) {
      li.hidden = off["severity:" + li.dataset.severity] || off["family:" + li.dataset.family];
      shown[li.id] = !li.hidden;
    });
    document.querySelectorAll("mark[data-flags]").forEach(function (mark) {
      mark.classList.toggle("off", !mark.dataset.flags.split(" ").some(function (id) { return shown[id]; }));
    });
  });
})();
</script>
</body>
</html>
"""


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
    quotes = list(_quotes(result, flags))
    documents = list(dict.fromkeys([*result.documents, *(f.document for f in flags.values())]))
    parts = [_HEAD, "<h1>claimrules report</h1>\n", f"<p>{escape(summary(result))}</p>\n", _filters(result)]
    for document in documents:
        parts.append(_section(document, result.texts.get(document), flags, quotes))
    return "".join(parts) + _SCRIPT


def _quotes(result: CheckResult, flags: dict[str, Flag]) -> Iterator[Quote]:
    """Every fact whose span holds its quote in a text we have; the others stay unhighlighted."""
    for flag_id, flag in flags.items():
        for j, fact in enumerate(flag.facts, 1):
            text = result.texts.get(fact.document)
            found = offsets(text, fact) if text is not None else None
            if found:
                yield Quote(f"{flag_id}-q{j}", flag_id, flag, fact.document, *found)


def _filters(result: CheckResult) -> str:
    counts = result.counts()
    boxes = [("severity", SEVERITIES, counts["by_severity"]), ("family", counts["by_family"], counts["by_family"])]
    sets = []
    for name, values, n in boxes:
        labels = "".join(
            f'<label><input type="checkbox" name="{name}" value="{escape(v)}" checked> {escape(v)} ({n[v]})</label>'
            for v in values
        )
        sets.append(f"<fieldset><legend>{name.capitalize()}</legend>{labels}</fieldset>")
    return f'<form id="filters" hidden>{"".join(sets)}</form>\n'


def _section(document: str, text: str | None, flags: dict[str, Flag], quotes: list[Quote]) -> str:
    placed = {q.id for q in quotes}
    items = [_flag_item(fid, flag, placed) for fid, flag in flags.items() if flag.document == document]
    listing = f'<ol class="flags">\n{"".join(items)}</ol>\n' if items else "<p>No flags.</p>\n"
    if text is None:
        body = '<p class="missing">The text of this document is not in the report.</p>\n'
    else:
        here = [q for q in quotes if q.document == document]
        body = f'<pre class="text">{_highlighted(text, here)}</pre>\n'
    return f'<section class="document">\n<h2>{escape(document)}</h2>\n{listing}{body}</section>\n'


def _flag_item(flag_id: str, flag: Flag, placed: set[str]) -> str:
    sev = escape(flag.severity)
    first = f"{flag_id}-q1"
    where = f"{flag.line}:{flag.column}"
    where = f'<a href="#{first}">{where}</a>' if first in placed else where
    facts = "".join(_fact_item(f"{flag_id}-q{j}", fact, flag.document, placed) for j, fact in enumerate(flag.facts, 1))
    help_text = f'<p class="help">{escape(flag.help.strip())}</p>' if flag.help.strip() else ""
    return (
        f'<li id="{flag_id}" class="flag sev-{sev}" data-severity="{sev}" data-family="{escape(flag.family)}">'
        f'<span class="sev">{sev}</span> <code>{escape(flag.rule)}</code> {where}'
        f'<p class="msg">{escape(flag.message)}</p><ul class="quotes">{facts}</ul>{help_text}</li>\n'
    )


def _fact_item(quote_id: str, fact: FlagFact, flag_document: str, placed: set[str]) -> str:
    quote = f"“{escape(fact.quote)}”"
    if quote_id in placed:
        quote = f'<a href="#{quote_id}">{quote}</a>'
    where = f"{fact.line}:{fact.column}"
    where = escape(f"{fact.id} · {where if fact.document == flag_document else f'{fact.document}:{where}'}")
    return f"<li>{quote} <small>{where}</small></li>"


def escape(text: str) -> str:
    """`text` safe as HTML text or as a quoted attribute value."""
    return html.escape(_CONTROL.sub("\ufffd", text), quote=True)


def _highlighted(text: str, quotes: list[Quote]) -> str:
    """The escaped text, split at every quote boundary so overlapping quotes nest nowhere."""
    bounds = sorted({0, len(text), *(q.start for q in quotes), *(q.end for q in quotes)})
    out = []
    for start, end in zip(bounds, bounds[1:]):
        out += [f'<span class="anchor" id="{q.id}"></span>' for q in quotes if q.start == start]
        covering = [q for q in quotes if q.start <= start and end <= q.end]
        out.append(_mark(text[start:end], covering) if covering else escape(text[start:end]))
    return "".join(out)


def _mark(segment: str, covering: list[Quote]) -> str:
    worst = min((q.flag.severity for q in covering), key=severity_rank)
    flag_ids = " ".join(dict.fromkeys(q.flag_id for q in covering))
    title = "\n".join(dict.fromkeys(q.flag.message for q in covering))
    return (
        f'<mark class="sev-{escape(worst)}" data-flags="{flag_ids}" data-quotes="{" ".join(q.id for q in covering)}"'
        f' title="{escape(title)}">{escape(segment)}</mark>'
    )
