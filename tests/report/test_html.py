import re

import pytest
from kit.reports import OTHER, Page, hostile_result, seed_result

from engine import report
from engine.model import CheckResult
from engine.report import html


def shown(text: str) -> str:
    """How the page shows `text`: control characters (HTML parse errors) become U+FFFD."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "\ufffd", text)


@pytest.fixture(scope="module", params=[seed_result, hostile_result], ids=["seed", "hostile"])
def result(request):
    return request.param()


@pytest.fixture(scope="module")
def page(result):
    return Page(html.render(result))


def quote_ids(result):
    """Every fact of every flag, as the page names its highlight: flag-N-qM in document order."""
    for n, flag in enumerate(sorted(result.flags), 1):
        for m, fact in enumerate(flag.facts, 1):
            yield f"flag-{n}-q{m}", flag, fact


def test_no_network_resources(page):
    assert not page.find("link") and not page.find("iframe") and not page.find("img")
    for _, attrs in page.tags:
        for name in ("src", "href", "action", "srcset", "poster"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "data:")), (name, value)
    assert all(a["href"].startswith("#") for a in page.find("a"))
    assert "default-src 'none'" in page.find("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"]


def test_readable_on_a_phone(page, result):
    assert page.find("meta", name="viewport")[0]["content"] == "width=device-width, initial-scale=1"
    css = html.render(result).split("<style>")[1].split("</style>")[0]
    assert "max-width" in css and not re.search(r"width\s*:[^;}]*\d(px|pt|cm|mm|in)", css)  # no fixed widths


def test_every_quote_is_highlighted_and_anchored(page, result):
    anchors = {a["id"] for a in page.find("span") if a.get("class") == "anchor"}
    for quote_id, _flag, fact in quote_ids(result):
        assert page.quotes[quote_id].split() == shown(fact.quote).split(), quote_id
        assert quote_id in anchors and page.find("a", href=f"#{quote_id}")


def test_marks_carry_severity_and_messages(page, result):
    flags = dict((f"flag-{n}", flag) for n, flag in enumerate(sorted(result.flags), 1))
    for mark in page.marks:
        covering = [flags[i] for i in mark["data-flags"].split()]
        worst = min(covering, key=lambda f: ["error", "warning", "info"].index(f.severity)).severity
        assert mark["class"] == f"sev-{worst}"
        assert all(shown(flag.message) in mark["title"] for flag in covering)
        assert len(mark["title"]) == len("\n".join(dict.fromkeys(shown(f.message) for f in covering)))


def test_one_list_item_per_flag_with_filters(page, result):
    items = [a for a in page.find("li") if (a.get("class") or "").startswith("flag ")]
    assert [(a["data-severity"], a["data-family"]) for a in items] == [(f.severity, f.family) for f in sorted(result.flags)]
    assert page.find("form", id="filters")
    boxes = {(a["name"], a["value"]) for a in page.find("input", type="checkbox")}
    assert boxes == {("severity", s) for s in ("error", "warning", "info")} | {("family", f.family) for f in result.flags}


def test_everything_shows_without_javascript(page):
    hidden = [(tag, attrs.get("id")) for tag, attrs in page.tags if "hidden" in attrs]
    assert hidden == [("form", "filters")]  # only the filters, which need the script to work
    assert len(page.scripts) == 1 and "form.hidden = false" in page.scripts[0]


def test_hostile_text_stays_text():
    result = hostile_result()
    text = html.render(result)
    page = Page(text)
    assert len(page.find("script")) == 1 and not page.find("b") and not page.find("i")
    assert "\x00" not in text and "\x1b" not in text
    assert f"<h2>{OTHER}</h2>" in text  # a document with a flagged fact but no flag of its own
    assert "elsewhere &lt;i&gt;x&lt;/i&gt;" in text


def test_overlapping_quotes_split_into_flat_segments():
    page = Page(html.render(hostile_result()))
    shared = [m for m in page.marks if len(m["data-quotes"].split()) > 1]
    assert shared and all(m["class"] == "sev-error" for m in shared)


def test_missing_text_is_said_not_guessed(result):
    bare = CheckResult(result.flags, result.documents, result.fact_count, result.rule_count)
    page = Page(html.render(bare))
    assert not page.marks and len(page.find("p", **{"class": "missing"})) == len(result.documents)
    assert len(page.find("a")) == 0  # no link to a highlight that is not there


def test_deterministic_and_registered(result):
    assert html.render(result) == html.render(result, color=True) == report.render("html", result)
