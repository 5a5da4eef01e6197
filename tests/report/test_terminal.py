import re

import pytest

from engine import report
from engine.model import CheckResult, Flag, FlagFact
from engine.report import terminal
from engine.report.view import View

HEADER = re.compile(r"^  \d+:\d+ (error|warning|info): .+ \[[\w-]+\]$")


def headers(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"  \d+:\d+ (error|warning|info): ", line)]


def test_a_worklist_per_document_errors_first(result):
    text = terminal.render(result, view=View(width=120))
    found = headers(text)
    assert len(found) == 3 and all(HEADER.match(line) for line in found)
    assert [line for line in text.splitlines() if line and not line.startswith(" ")][:2] == [
        "seeds/a.txt", "seeds/b.txt"]  # a.txt holds the error
    assert [line.split()[:2] for line in found] == [["7:1", "error:"], ["3:12", "warning:"], ["4:2", "info:"]]


def test_control_characters_do_not_break_a_header(result):
    info = headers(terminal.render(result, view=View(width=120)))[2]
    assert info == "  4:2 info: Hedged wording | may be \\x1b[31mfine\\x1b[0m [hedged-claim]"


def test_no_escape_byte_without_color(result):
    assert "\x1b" not in terminal.render(result)  # not even the one inside a message


def test_colour_marks_severity(result):
    text = terminal.render(result, color=True)
    assert "\x1b[1;31merror\x1b[0m" in text
    assert "\x1b[1;33mwarning\x1b[0m" in text
    assert "\x1b[1;36minfo\x1b[0m" in text
    assert terminal.render(result, color=True).count("\x1b") > 6


def test_facts_without_text_show_their_quote_and_other_documents_their_path(result):
    lines = terminal.render(result, view=View(width=120)).splitlines()
    start = lines.index(headers("\n".join(lines))[0])
    assert lines[start + 1] == '      "on 3 March"'
    assert lines[start + 2] == '      seeds/b.txt:2:5 "on 4 March"'


def test_long_quote_shortened_to_the_width(result):
    line = next(line for line in terminal.render(result).splitlines() if '"word word' in line)
    assert line.endswith('…"') and len(line) <= 80


DOC = "seeds/a.txt"
TEXT = ("The council met on Monday. After a long debate the mayor said the bridge would reopen in May, "
        "according to the minutes. Nobody objected.\nA second paragraph.")


def placed(quote: str, fact_id: str = "f1") -> FlagFact:
    start = TEXT.index(quote)
    return FlagFact(DOC, 1, start + 1, 1, start + 1 + len(quote), fact_id, quote)


def in_text(*facts: FlagFact, severity: str = "warning", rule: str = "r", help_text: str = "Say who.") -> Flag:
    first = facts[0]
    return Flag(DOC, first.line, first.column, rule, f"fp-{rule}-{first.column}", severity, "f", "A message",
                facts, help_text)


def test_each_flag_shows_its_sentence_with_the_quote_marked():
    flag = in_text(placed("the bridge would reopen in May"))
    text = terminal.render(CheckResult((flag,), (DOC,), 1, 1, texts={DOC: TEXT}), view=View(width=120))
    assert text.splitlines()[2].strip() == ("After a long debate the mayor said »the bridge would reopen in May«, "
                                    "according to the minutes.")


def test_a_tight_width_keeps_the_quote_and_cuts_the_sentence_at_words():
    flag = in_text(placed("the bridge would reopen in May"))
    line = terminal.render(CheckResult((flag,), (DOC,), 1, 1, texts={DOC: TEXT}), view=View(width=60)).splitlines()[2]
    assert "»the bridge would reopen in May«" in line and len(line) <= 60
    assert line.strip().startswith("…") and line.endswith("…")


def test_colour_marks_the_quote_instead_of_guillemets():
    flag = in_text(placed("the bridge would reopen in May"))
    text = terminal.render(CheckResult((flag,), (DOC,), 1, 1, texts={DOC: TEXT}), color=True, view=View(width=120))
    assert "\x1b[1;4mthe bridge would reopen in May\x1b[0m" in text and "»" not in text


def test_help_once_per_rule_wrapped_to_the_width():
    flags = (in_text(placed("The council met"), help_text="Name who says so. " * 8),
             in_text(placed("Nobody objected"), help_text="Name who says so. " * 8),
             in_text(placed("the mayor said"), rule="other", severity="error", help_text="Check it."))
    text = terminal.render(CheckResult(flags, (DOC,), 3, 2, texts={DOC: TEXT}), view=View(width=60))
    helps = text.split("\nhelp:\n")[1].split("\n\n")[0].splitlines()
    assert helps[0] == "  other: Check it."  # the error's rule first, as in the list
    assert helps[1].startswith("  r: Name who says so.") and all(h.startswith("    ") for h in helps[2:])
    assert text.count("  r: ") == 1 and all(len(line) <= 60 for line in text.splitlines()[:-1])
    assert "»the mayor said«" in text


@pytest.mark.parametrize("width", [40, 57, 80, 100, 120])
def test_every_line_fits_the_width(width):
    from kit.reports import seed_result
    *lines, totals = terminal.render(seed_result(), view=View(width=width)).splitlines()
    assert max(len(line) for line in lines) <= width  # the summary line alone stays whole
    assert totals.startswith("16 flags (")


def test_min_severity_hides_lesser_flags_and_says_so(result):
    text = terminal.render(result, view=View(min_severity="warning", width=120))
    assert [line.split()[1] for line in headers(text)] == ["error:", "warning:"]
    assert text.splitlines()[-1] == "3 flags (1 error, 1 warning, 1 info hidden) in 3 documents, 40 facts, 9 rules"
    text = terminal.render(result, view=View(min_severity="error", width=120))
    assert text.splitlines()[-1] == \
        "3 flags (1 error, 1 warning hidden, 1 info hidden) in 3 documents, 40 facts, 9 rules"


def test_summary_numbers_have_thousands_separators(flags):
    result = CheckResult((flags["warning"],) * 1, ("d",), 12_345, 1_024)
    assert terminal.summary(result) == "1 flag (1 warning) in 1 document, 12,345 facts, 1,024 rules"


@pytest.mark.parametrize(
    ("severities", "documents", "facts", "rules", "expected"),
    [
        (("info", "error", "warning"), 3, 40, 9, "3 flags (1 error, 1 warning, 1 info) in 3 documents, 40 facts, 9 rules"),
        (("warning",), 1, 1, 1, "1 flag (1 warning) in 1 document, 1 fact, 1 rule"),
        (("error", "error"), 2, 0, 2, "2 flags (2 errors) in 2 documents, 0 facts, 2 rules"),
        (("info", "info", "warning"), 1, 5, 3, "3 flags (1 warning, 2 info) in 1 document, 5 facts, 3 rules"),
        ((), 0, 0, 0, "no flags in 0 documents, 0 facts, 0 rules"),
    ],
)
def test_summary_wording(flags, severities, documents, facts, rules, expected):
    result = CheckResult(tuple(flags[s] for s in severities), tuple(f"d{i}" for i in range(documents)), facts, rules)
    text = terminal.render(result)
    assert text.endswith("\n") and text.splitlines()[-1] == expected
    assert terminal.summary(result) == expected


def test_empty_is_just_the_summary(empty):
    assert terminal.render(empty) == "no flags in 0 documents, 0 facts, 0 rules\n"


def test_a_single_flag_exactly(single):
    assert terminal.render(single) == (
        "seeds/a.txt\n"
        '  3:12 warning: The claim "talks would resume" carries no source\n'
        "       [unattributed-claim]\n"
        '       "the minister said talks would resume"\n'
        "\n"
        "1 flag (1 warning) in 1 document, 1 fact, 1 rule\n"
    )


def test_deterministic(result):
    assert terminal.render(result) == terminal.render(result)
    assert terminal.render(result, color=True) == terminal.render(result, color=True)


def test_registry_dispatches_to_terminal(result):
    assert report.render("terminal", result, color=True) == terminal.render(result, color=True)
    assert set(report.FORMATS) == {"terminal", "json", "markdown", "sarif", "junit", "github", "html"}


def test_unknown_format_lists_known_ones(result):
    with pytest.raises(ValueError, match=r"'pdf'.*github, html, json, junit, markdown, sarif, terminal"):
        report.render("pdf", result)


def test_a_long_quote_is_shortened_between_whole_words():
    from engine.report.context import window

    quote = "the council expects the new bridge over the river to open to traffic before the winter floods"
    before, shown, after = window(("Officials said ", quote, " on Monday."), 50)
    head, tail = shown.split("…")
    assert quote.startswith(head) and quote.endswith(tail)
    assert head.split()[-1] in quote.split() and tail.split()[0] in quote.split()  # no word cut in two
    assert len(before + shown + after) + 2 <= 50
