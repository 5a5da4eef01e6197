import html
import re
from html.parser import HTMLParser

import pytest
from kit import run_cli
from markdown_it import MarkdownIt

from engine import report
from engine.model import CheckResult, Flag, FlagFact
from engine.report import markdown
from engine.report._text import clean
from engine.report.view import COMMENT_MAX_BYTES, MARKDOWN_MAX_BYTES, View


def split_cells(row: str) -> list[str]:
    """The cells of a table row, split like GFM: on pipes not escaped by a backslash."""
    assert row.startswith("| ") and row.endswith(" |"), row
    cells, current, chars = [], "", iter(row[1:-1])
    for ch in chars:
        if ch == "\\":
            current += ch + next(chars, "")
        elif ch == "|":
            cells.append(current.strip())
            current = ""
        else:
            current += ch
    return cells + [current.strip()]


def unescape(cell: str) -> str:
    return html.unescape(re.sub(r"\\(.)", r"\1", cell))


def sections(text: str) -> dict[str, list[str]]:
    """Table rows (header and rule line excluded) under each `## ` heading."""
    found: dict[str, list[str]] = {}
    heading = None
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line[3:]
            found[heading] = []
        elif heading and line.startswith("| ") and not line.startswith("| Severity |"):
            found[heading].append(line)
    return found


def test_every_table_row_has_the_right_cell_count(result):
    rows = [line for line in markdown.render(result).splitlines() if line.startswith("|")]
    counts = [len(split_cells(row)) for row in rows if not row.startswith("|---")]
    assert counts == [2] * 4 + [5] * 5  # totals header + 3 severities; 2 sections: header + rows


def test_one_section_per_flagged_document_in_order(result):
    found = sections(markdown.render(result))
    assert list(found) == ["seeds/a.txt", "seeds/b.txt", "Help"]
    assert [len(rows) for rows in found.values()] == [2, 1, 0]
    assert [split_cells(r)[0] for r in found["seeds/a.txt"]] == ["error", "warning"]  # a worklist: errors first


def test_totals_and_families(result):
    text = markdown.render(result)
    assert text.startswith("# claimrules report\n")
    assert "| error | 1 |\n| warning | 1 |\n| info | 1 |" in text
    assert "Families: attribution (1), dates (1), tone (1). Checked 3 documents, 40 facts, 9 rules." in text


def test_hostile_text_is_inert(result, hostile_quote):
    text = markdown.render(result)
    assert "<script>" not in text and "&lt;script&gt;" in text
    row = sections(text)["seeds/b.txt"][0]
    severity, rule, message, where, facts = split_cells(row)
    assert unescape(message) == "Hedged wording | may be \\x1b[31mfine\\x1b[0m"
    assert "\x1b" not in text
    quote = unescape(facts.split("<br>")[0])
    assert quote == "fact-3: “" + " ".join(hostile_quote.split()) + "” (4:2)"


def test_fact_in_other_document_is_located(result):
    row = sections(markdown.render(result))["seeds/a.txt"][0]
    facts = split_cells(row)[4].split("<br>")
    assert facts == ["fact-2: “on 3 March” (7:1)", "fact-9: “on 4 March” (seeds/b.txt:2:5)"]


@pytest.mark.parametrize(
    "hostile",
    ["a|b", "ends with \\", "\\|", "<b>&amp;</b>", "*bold* _it_ `code` [x](y) ~~s~~", "line\nbreak\r\n|"],
)
def test_escape_keeps_one_cell_and_round_trips(hostile):
    row = f"| {markdown.escape(hostile)} | next |"
    cells = split_cells(row)
    assert len(cells) == 2 and cells[1] == "next"
    assert unescape(cells[0]) == " ".join(hostile.split())


def test_no_flags(empty):
    assert markdown.render(empty) == "# claimrules report\n\nNo flags.\n\nChecked 0 documents, 0 facts, 0 rules.\n"


def test_singular_wording(single):
    assert "Families: attribution (1). Checked 1 document, 1 fact, 1 rule." in markdown.render(single)


def test_deterministic_and_registered(result):
    assert markdown.render(result) == markdown.render(result) == markdown.render(result, color=True)
    assert report.render("markdown", result) == markdown.render(result)


# Rendered the way GitHub reads a comment: CommonMark, raw HTML allowed, GFM tables.
MD = MarkdownIt("commonmark", {"html": True}).enable("table")


class Rendered(HTMLParser):
    """The rendered Markdown: nesting checked, tables and <details> blocks collected as text."""

    def __init__(self, text: str):
        super().__init__()
        self.stack: list[str] = []
        self.details: list[dict[str, str]] = []
        self.tables: list[list[list[str]]] = []
        self.tags: list[str] = []
        self.feed(MD.render(text))
        assert self.stack == []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "br":
            return
        self.stack.append(tag)
        if tag == "details":
            self.details.append({"summary": "", "body": ""})
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.tables[-1][-1].append("")

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()

    def handle_data(self, data):
        if "details" in self.stack:
            self.details[-1]["summary" if "summary" in self.stack else "body"] += data
        if {"td", "th"} & set(self.stack):
            self.tables[-1][-1][-1] += data


def words(text: str) -> str:
    return " ".join(clean(text).split())


def test_rendered_tables_keep_their_shape(result):
    page = Rendered(markdown.render(result))
    assert [len(table) for table in page.tables] == [4, 3, 2]  # totals; header + rows per document
    assert [{len(row) for row in table} for table in page.tables] == [{2}, {5}, {5}]
    assert [row[0] for row in page.tables[1][1:]] == ["error", "warning"]


def test_each_flag_is_one_row_and_each_rule_help_is_given_once(result):
    text = markdown.render(result)
    assert "<details>" not in text  # a flag is listed once, not twice
    helps = [line for line in text.split("## Help\n\n")[1].splitlines() if line.startswith("- ")]
    with_help = [f for f in sorted(result.flags) if f.help.strip()]
    assert helps == [f"- **{markdown.escape(f.rule)}**: {markdown.escape(f.help)}" for f in with_help]
    for flag in result.flags:
        assert text.count(flag.rule) == 1 + bool(flag.help.strip())  # its row, and its help line


def test_rendered_hostile_text_has_no_live_html(result, hostile_quote):
    page = Rendered(markdown.render(result))
    assert "script" not in page.tags
    assert any(words(hostile_quote) in cell for table in page.tables for row in table for cell in row)


def many_flags(n: int) -> CheckResult:
    severities = ("info", "warning", "error")
    flags = tuple(
        Flag(f"seeds/doc-{i % 7}.txt", 1 + i // 50, 1 + i % 50, f"rule-{i % 5}", f"fp-{i}", severities[i % 3],
             "family", f"Invented message number {i} about a claim", (
                 FlagFact(f"seeds/doc-{i % 7}.txt", 1 + i // 50, 1 + i % 50, 1 + i // 50, 9 + i % 50, f"fact-{i}",
                          "an invented quote of some length for the table cell"),),
             "Invented help text that says what to do.")
        for i in range(n))
    return CheckResult(flags, tuple(f"seeds/doc-{d}.txt" for d in range(7)), n, 5)


def test_a_hundred_thousand_flags_stay_under_a_job_summary(tmp_path):
    result = many_flags(100_000)
    text = markdown.render(result, view=View(full_report="reports/claimrules.html"))
    size = len(text.encode("utf-8"))
    assert size <= MARKDOWN_MAX_BYTES < 1024 * 1024
    last = text.rstrip("\n").splitlines()[-1]
    shown = sum(1 for line in text.splitlines() if line.startswith("| ") and "Invented message" in line)
    assert last.startswith(f"**…and {100_000 - shown:,} more flags** (")
    assert last.endswith("The full report: reports/claimrules.html.")
    assert shown > 3_000 and text.count("| error | rule-") == shown  # errors come first: 33,334 do not all fit
    assert last.startswith(f"**…and {100_000 - shown:,} more flags** ({33_333 - shown:,} errors, 33,333 warnings, 33,334 info)")
    Rendered(text)  # still well-formed


def test_a_pull_request_comment_cap_is_kept_and_the_pointer_links():
    result = many_flags(1_000)
    url = "https://github.com/owner/repo/actions/runs/42"
    text = markdown.render(result, view=View(max_bytes=COMMENT_MAX_BYTES, full_report=url))
    assert len(text) <= len(text.encode("utf-8")) <= COMMENT_MAX_BYTES
    assert text.rstrip().endswith(f"The full report: <{url}>.")
    assert "are not shown: this report stops at 65,536 bytes" in text


def test_a_report_under_the_cap_is_whole(result):
    assert "more flag" not in markdown.render(result)
    assert markdown.render(result) == markdown.render(result, view=View(max_bytes=10**8))


def test_max_bytes_on_the_command_line(seed_project):
    code, out, _ = run_cli(["check", "--format", "markdown", "--max-bytes", "2500"], seed_project)
    assert code == 1 and len(out.encode("utf-8")) <= 2500
    assert "more flags** (" in out and "| error | conflicting-state |" in out
    assert "run `claimrules check --format html --output report.html` for every flag" in out
