import html
import re

import pytest

from engine import report
from engine.report import markdown


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
    assert list(found) == ["seeds/a.txt", "seeds/b.txt"]
    assert [len(rows) for rows in found.values()] == [2, 1]
    assert [split_cells(r)[0] for r in found["seeds/a.txt"]] == ["warning", "error"]


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
    assert unescape(message) == "Hedged wording | may be [31mfine [0m"
    assert "\x1b" not in text
    quote = unescape(facts.split("<br>")[0])
    assert quote == "fact-3: “" + " ".join(hostile_quote.split()) + "” (4:2)"


def test_fact_in_other_document_is_located(result):
    row = sections(markdown.render(result))["seeds/a.txt"][1]
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
