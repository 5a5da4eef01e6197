"""One hostile result through every registered format, each output read back by its real parser."""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from kit.reports import hostile_result
from markdown_it import MarkdownIt

from engine.report import FORMATS

RESULT = hostile_result()
FLAGS = sorted(RESULT.flags)
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


class Tags(HTMLParser):
    """Every element an HTML reader would build from the text, and the text it would show."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[str] = []
        self.text = ""
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def check_terminal(text: str) -> None:
    headers = [line for line in text.splitlines() if re.match(r"  \d+:\d+ (error|warning|info): ", line)]
    assert len(headers) == len(FLAGS)  # one header per flag
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", text)


def check_json(text: str) -> None:
    flags = json.loads(text)["flags"]
    assert [(f["message"], f["help"]) for f in flags] == [(f.message, f.help) for f in FLAGS]
    assert [q["quote"] for f in flags for q in f["facts"]] == [q.quote for f in FLAGS for q in f.facts]


def check_sarif(text: str) -> None:
    log = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert [r["message"]["text"] for r in results] == [f.message for f in FLAGS]
    related = [loc["message"]["text"] for r in results for loc in r.get("relatedLocations", [])]
    assert related == [fact.quote for f in FLAGS for fact in f.facts[1:]]


def check_junit(text: str) -> None:
    root = ET.fromstring(text)
    assert {element.tag for element in root.iter()} <= {"testsuites", "testsuite", "testcase", "failure", "skipped",
                                                        "system-out"}
    assert len(list(root.iter("failure"))) == sum(f.severity == "error" for f in FLAGS)  # --fail-on error
    bodies = " ".join(e.text or "" for e in root.iter() if e.tag in ("failure", "skipped", "system-out"))
    assert all(f"{f.document}:{f.line}:{f.column}" in bodies for f in FLAGS)


def check_github(text: str) -> None:
    lines = text.splitlines()
    assert len(lines) == len(FLAGS) and text.count("\n") == len(FLAGS)
    assert all(re.match(r"^::(error|warning|notice) file=[^:]*::", line) for line in lines)
    assert not re.search("[\r\x00\x1b\u202e]", text)


def check_markdown(text: str) -> None:
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(text)
    rows, cells = [], 0
    for token in tokens:
        if token.type in ("td_open", "th_open"):
            cells += 1
        elif token.type == "tr_close":
            rows.append(cells)
            cells = 0
    assert rows == [2] * 4 + [5] * (len({f.document for f in FLAGS}) + len(FLAGS))
    check_html_tags(MarkdownIt("commonmark", {"html": True}).enable("table").render(text))


def check_html(text: str) -> None:
    assert Tags(text).tags.count("script") == 1  # the page's own filter script, nothing injected
    check_html_tags(text.replace(text[text.index("<script>") : text.index("</script>") + 9], ""))


def check_html_tags(text: str) -> None:
    assert not {"script", "b", "i", "iframe", "img"} & set(Tags(text).tags)


CHECKS = {
    "terminal": check_terminal, "json": check_json, "sarif": check_sarif, "junit": check_junit,
    "github": check_github, "markdown": check_markdown, "html": check_html,
}


def test_every_format_has_a_check():
    assert set(CHECKS) == set(FORMATS)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_hostile_result_parses_back(name):
    text = FORMATS[name](RESULT)
    CHECKS[name](text)
    assert text == FORMATS[name](RESULT)


def seen(name: str, text: str) -> str:
    """What a reader of the format sees once its parser has undone the escaping."""
    if name == "markdown":
        text = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    if name in ("markdown", "html"):
        return Tags(text).text
    if name == "junit":
        return " ".join(ET.fromstring(text).itertext())
    return text


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_quote_still_shows(name):
    text = seen(name, FORMATS[name](RESULT))
    for word in ["alert(1)", "injected", "sure", "]]>", "red", "evil", "lines", "elsewhere", "&amp;", "🎉"]:
        assert word in text, word
