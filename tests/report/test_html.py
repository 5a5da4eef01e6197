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
        assert mark["class"].split()[0] == f"sev-{worst}" and re.fullmatch(r"fam-[0-7]", mark["class"].split()[1])
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
    assert shared and all(m["class"].startswith("sev-error ") for m in shared)


def test_missing_text_is_said_not_guessed(result):
    bare = CheckResult(result.flags, result.documents, result.fact_count, result.rule_count)
    page = Page(html.render(bare))
    assert not page.marks and len(page.find("p", **{"class": "missing"})) == len(result.documents)
    assert not [a for a in page.find("a") if re.search(r"-q\d+$", a["href"]) or a.get("class") == "ref"]  # no link
    # to a highlight that is not there: links go to notes and rules only


def test_deterministic_and_registered(result):
    assert html.render(result) == html.render(result, color=True) == report.render("html", result)


def test_the_policy_admits_the_style_and_script_by_hash_only(result):
    import base64
    import hashlib
    text = html.render(result)
    policy = Page(text).find("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"]
    assert "unsafe-inline" not in policy and "default-src 'none'" in policy
    for tag in ("style", "script"):
        body = text.split(f"<{tag}>")[1].split(f"</{tag}>")[0]
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        assert f"{tag}-src 'sha256-{digest}'" in policy


def test_each_quote_links_to_its_note_and_the_note_back(page, result):
    refs = [a for a in page.find("a") if a.get("class") == "ref"]
    placed = {quote_id.rsplit("-q", 1)[0] for quote_id in page.quotes}
    assert {a["href"][1:] for a in refs} == placed and all(a["data-flag"] == a["href"][1:] for a in refs)
    notes = {a["id"] for a in page.find("li") if (a.get("class") or "").startswith("flag ")}
    assert placed <= notes
    assert all(page.find("a", href=f"#{quote_id}") for quote_id in page.quotes)  # and each note's quote links back


def test_a_legend_names_every_family_with_its_colour_and_marks_match_notes(page, result):
    families = sorted({f.family for f in result.flags})
    swatches = [a["class"] for a in page.find("span") if (a.get("class") or "").startswith("swatch ")]
    assert swatches == [f"swatch fam-{i % 8}" for i in range(len(families))]
    colour = {name: f"fam-{i % 8}" for i, name in enumerate(families)}
    for item in [a for a in page.find("li") if (a.get("class") or "").startswith("flag ")]:
        assert colour[item["data-family"]] in item["class"].split()


def test_help_once_per_rule_and_errors_listed_first(result):
    text = html.render(result)
    rules = {f.rule for f in result.flags}
    assert all(text.count(f'id="rule-{html.escape(rule)}"') == 1 for rule in rules)
    errors = [n for n, f in enumerate(sorted(result.flags), 1) if f.severity == "error"]
    start = text.split('<div class="errors">')[1].split("</div>")[0]
    assert re.findall(r'href="#flag-(\d+)"', start) == [str(n) for n in errors[:5]]
