import re

import pytest

from engine import report
from engine.model import CheckResult
from engine.report import terminal

HEADER = re.compile(r"^\S+:\d+:\d+: (error|warning|info): .+ \[[\w-]+\]$")


def headers(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith(" ")][:-1]


def test_one_header_line_per_flag_in_document_order(result):
    found = headers(terminal.render(result))
    assert len(found) == 3 and all(HEADER.match(line) for line in found)
    assert [line.split(": ")[0] for line in found] == ["seeds/a.txt:3:12", "seeds/a.txt:7:1", "seeds/b.txt:4:2"]


def test_control_characters_do_not_break_a_header(result):
    info = headers(terminal.render(result))[2]
    assert info == "seeds/b.txt:4:2: info: Hedged wording | may be \\x1b[31mfine\\x1b[0m [hedged-claim]"


def test_no_escape_byte_without_color(result):
    assert "\x1b" not in terminal.render(result)  # not even the one inside a message


def test_colour_marks_severity(result):
    text = terminal.render(result, color=True)
    assert "\x1b[1;31merror\x1b[0m" in text
    assert "\x1b[1;33mwarning\x1b[0m" in text
    assert "\x1b[1;36minfo\x1b[0m" in text
    assert terminal.render(result, color=True).count("\x1b") > 6


def test_fact_lines_show_other_documents_and_align(result):
    lines = terminal.render(result).splitlines()
    start = lines.index(headers("\n".join(lines))[1])
    first, second = lines[start + 1], lines[start + 2]
    assert first.startswith("    7:1              \"on 3 March\"  (fact-2)")
    assert second.startswith("    seeds/b.txt:2:5  \"on 4 March\"  (fact-9)")


def test_long_quote_shortened(result):
    line = next(line for line in terminal.render(result).splitlines() if "(fact-4)" in line)
    quote = line.split('"')[1]
    assert quote.endswith("…") and len(quote) <= 100


def test_help_wrapped_and_omitted_when_empty(result):
    text = terminal.render(result)
    help_lines = [line for line in text.splitlines() if line.startswith("    help: ") or line.startswith(" " * 10)]
    assert len(help_lines) >= 2 and all(len(line) <= 88 for line in help_lines)
    assert text.count("help:") == 1  # only ERROR has help


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


def test_blocks_separated_by_blank_lines(single):
    assert terminal.render(single) == (
        'seeds/a.txt:3:12: warning: The claim "talks would resume" carries no source [unattributed-claim]\n'
        '    3:12  "the minister said talks would resume"  (fact-1)\n'
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
