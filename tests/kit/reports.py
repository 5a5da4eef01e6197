"""Shared by the report tests: the seed's real result, a result built to break formats, an HTML reader.

Imported as `from kit import ...`; the conftest fixtures cover the plain cases.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from engine.model import CheckResult, Flag, FlagFact, RuleInfo
from engine.pipeline import check

ROOT = Path(__file__).resolve().parents[2]
DOC, OTHER = "seeds/hostile <doc>.txt", "seeds/other,doc:1.txt"

# Each quote sits on its own line of the document, so its span is easy to compute and check.
QUOTES = [
    "<script>alert(1)</script> & co",
    "::error::x injected",
    "100% sure %0A not a newline",
    "a | b | c",
    "&amp; ]]> end",
    "nul\x00 and \x1b[31mred\x1b[0m and \x0bvt",
    "bidi \u202eevil\u202c and emoji 🎉👩‍👩‍👧",
    "two\nlines with \r\n::warning::x",
]
OVERLAP = "<script>alert(1)"  # inside the first quote: overlapping highlights
MESSAGE = "Msg <script>alert(1)</script> | ::error::x %0A 100% \n::notice::y &amp; ]]> \x00 \u202e 🎉"
HELP = "Help with <b>tags</b>, a | pipe,\n::error file=x::y and `code` %25"


def _document(quotes: list[str]) -> str:
    head = "Title <b>line</b> <script>alert(2)</script> &amp; ]]> \x00\n"  # hostile, and flagged by nothing
    return head + "\n".join(f"  {q} tail" for q in quotes) + "\n"


def _fact(document: str, text: str, quote: str, ident: str) -> FlagFact:
    start = text.index(quote)
    before, inside = text[:start], text[start : start + len(quote)]
    line = before.count("\n") + 1
    column = start - (before.rfind("\n") + 1) + 1
    end_line = line + inside.count("\n")
    end_column = (column + len(inside)) if "\n" not in inside else len(inside) - inside.rfind("\n")
    return FlagFact(document, line, column, end_line, end_column, ident, quote)


def hostile_result() -> CheckResult:
    texts = {DOC: _document(QUOTES), OTHER: _document(["elsewhere <i>x</i>"])}
    facts = [_fact(DOC, texts[DOC], q, f"fact-{i}<&>") for i, q in enumerate(QUOTES, 1)]
    overlap = _fact(DOC, texts[DOC], OVERLAP, "overlap")
    elsewhere = _fact(OTHER, texts[OTHER], "elsewhere <i>x</i>", "far")
    kinds = [("error", "fam<1>"), ("warning", "fam,2"), ("info", "fam|3")]
    flags = [_flag(fact, (), f"rule-{i}", *kinds[i % 3]) for i, fact in enumerate(facts)]
    flags.append(_flag(overlap, (facts[0], elsewhere), "rule-overlap", "error", "fam<1>"))
    rules = tuple(RuleInfo(f.rule, f.family, f.severity, "Describes <x>. More | text.", HELP, "rules/x.yaml", 1)
                  for f in flags[:-1])  # rule-overlap has no metadata: formats must cope
    return CheckResult(tuple(flags), (DOC, OTHER), len(facts) + 2, len(flags), tuple(sorted(rules)), texts)


def _flag(first: FlagFact, more: tuple[FlagFact, ...], rule: str, severity: str, family: str) -> Flag:
    return Flag(first.document, first.line, first.column, rule, f"fp-{rule}", severity, family,
                f"{MESSAGE} [{first.quote}]", (first, *more), HELP)


def seed_result() -> CheckResult:
    return check([ROOT / "facts"], [ROOT / "rules"])


VOID = {"meta", "input", "br", "hr", "img", "link", "wbr"}


class Page(HTMLParser):
    """Records what the tests need, and fails on any end tag that does not close the open element."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.quotes: dict[str, str] = {}  # quote id → the highlighted text gathered for it
        self.marks: list[dict[str, str | None]] = []
        self.scripts: list[str] = []
        self.feed(text)
        self.close()
        assert self.stack == [], self.stack

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "mark":
            self.marks.append(attrs)
        if tag == "script":
            self.scripts.append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        assert tag in VOID, f"self-closing <{tag}/>"
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "mark":
            for quote_id in (self.marks[-1].get("data-quotes") or "").split():
                self.quotes[quote_id] = self.quotes.get(quote_id, "") + data
        if self.stack and self.stack[-1] == "script":
            self.scripts[-1] += data

    def find(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in wanted.items())]
