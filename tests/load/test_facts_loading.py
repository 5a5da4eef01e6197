"""Loading facts: partial dates, document metadata, quote spans, YAML and JSON Lines files."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from kit.loading import BASE_TREE, DOC, FACTS_HEAD, VALID_FACTS, facts, write_tree

from engine.load import dates
from engine.load.documents import Meta, QuoteIndex, read_meta
from engine.load.factfiles import load_facts
from engine.model import Document, Span

ROOT = Path(__file__).resolve().parents[2]
D = dt.date


# --- dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,text,first,last", [
    ("2019", "2019", D(2019, 1, 1), D(2019, 12, 31)),
    (2019, "2019", D(2019, 1, 1), D(2019, 12, 31)),
    ("2019-05", "2019-05", D(2019, 5, 1), D(2019, 5, 31)),
    ("2024-02", "2024-02", D(2024, 2, 1), D(2024, 2, 29)),
    ("2023-02", "2023-02", D(2023, 2, 1), D(2023, 2, 28)),
    ("2019-05-01", "2019-05-01", D(2019, 5, 1), D(2019, 5, 1)),
    (" 2019-05 ", "2019-05", D(2019, 5, 1), D(2019, 5, 31)),
    (D(2019, 5, 1), "2019-05-01", D(2019, 5, 1), D(2019, 5, 1)),
    (dt.datetime(2019, 5, 1, 23, 59), "2019-05-01", D(2019, 5, 1), D(2019, 5, 1)),
])
def test_dates_parse_partial_dates(value, text, first, last):
    parsed = dates.parse(value)
    assert (parsed.text, parsed.first, parsed.last) == (text, first, last)
    assert (parsed.first_day, parsed.last_day) == (first.toordinal(), last.toordinal())


@pytest.mark.parametrize("value", ["2019-13", "2019-00", "2019-02-30", "2019-5", "19", "0000", "2019/05/01",
                                   "May 2019", "2019-05-01T10:00", "", None, True, 0, 10_000, 2019.0, ["2019"]])
def test_dates_parse_rejects_what_is_not_a_date(value):
    assert dates.parse(value) is None


# --- document metadata ------------------------------------------------------------------------

@pytest.mark.parametrize("text,meta", [
    ("date 2026-01-29\nBody.", Meta(D(2026, 1, 29))),
    (" \ufeffdate 2026-01-29 Body on the same line.", Meta(D(2026, 1, 29))),
    ("date 2026-02-30\n", Meta(error="invalid date `2026-02-30` on the first line")),
    ("dated 2026-01-29\n", Meta()),
    ("Body.\ndate 2026-01-29\n", Meta()),
    ("---\ntitle: Talks\ndate: 2026-01-29\noutlet: wire\n---\nBody.", Meta(D(2026, 1, 29), "Talks", "wire")),
    ("---\r\ndate: 2026-01-29\r\n---\r\nBody.", Meta(D(2026, 1, 29))),
    ("---\npublished: 2026-01-29\n---\n", Meta(D(2026, 1, 29))),
    ("---\ndate: 2026-01-29 10:30:00\n---\n", Meta(D(2026, 1, 29))),
    ("---\ndate: '2026-01-29'\ntitle: 5\n---\n", Meta(D(2026, 1, 29))),
    ("---\ndate: 2026-01-29\nBody without a closing line.", Meta()),
    ("---\ndate: soon\n---\n", Meta(error="invalid front matter date `soon`")),
    ("---\ndate: 5\n---\n", Meta(error="front matter `date` must be YYYY-MM-DD")),
    ("---\ndate: 2026-02-30\n---\n",
     Meta(error="front matter has an invalid value: day is out of range for month")),
    ("---\ntitle: [unclosed\n---\n", Meta(error="front matter is not valid YAML")),
    ("---\n- a list\n---\n", Meta(error="front matter must be a mapping")),
], ids=["date-line", "date-line-after-bom", "date-line-impossible", "not-a-date-line", "date-line-not-first",
        "front-matter", "front-matter-crlf", "published-key", "datetime", "quoted-date-and-bad-title",
        "unclosed-front-matter", "bad-date-text", "date-not-a-date", "impossible-date", "bad-yaml",
        "not-a-mapping"])
def test_read_meta(text, meta):
    assert read_meta(text) == meta


# --- quotes -----------------------------------------------------------------------------------

@pytest.fixture
def index() -> QuoteIndex:
    return QuoteIndex(Document("seeds/a.txt", DOC, None))


@pytest.mark.parametrize("quote,occurrence,span,count", [
    ("talks would resume", 1, Span(2, 19, 2, 37), 2),
    ("talks would resume", 2, Span(3, 41, 4, 7), 2),  # the second runs across a line break
    ("talks  would\n  resume", 2, Span(3, 41, 4, 7), 2),  # white space in the quote is free too
    ("and talks would resume in Geneva.", 1, Span(3, 37, 4, 18), 1),
    ("date 2026-01-29", 1, Span(1, 1, 1, 16), 1),
    ("talks would resume", 3, None, 2),
    ("talks will resume", 1, None, 0),
    ("   ", 1, None, 0),
])
def test_quote_index_finds_spans(index, quote, occurrence, span, count):
    assert (index.find(quote, occurrence), index.count(quote)) == (span, count)


def test_quote_index_on_crlf_text():
    crlf = QuoteIndex(Document("a.txt", DOC.replace("\n", "\r\n"), None))
    assert crlf.find("talks would resume", 2) == Span(3, 41, 4, 7)
    assert crlf.position(len("date 2026-01-29\r\n")) == (2, 1)


@pytest.mark.parametrize("quote,near", [
    ("talks would resume tomorrow", "talks would resume"),
    ("The minister said talks would end", "The minister said talks would"),
    ("Nothing like it", ""),
])
def test_near_miss_is_the_longest_found_prefix(index, quote, near):
    assert index.near_miss(quote) == near


# --- facts files ------------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, BASE_TREE)
    return tmp_path


def values_of(paths: list[str]) -> dict[str, dict]:
    return {f.id: dict(f.values) for f in load_facts([Path(p) for p in paths]).facts}


def test_fact_gets_defaults_and_computed_fields(project):
    loaded = load_facts([Path("facts")])
    (fact,) = loaded.facts
    assert (fact.id, fact.document, fact.span, fact.order) == (
        "talks-resume", "seeds/a.txt", Span(2, 19, 2, 37), 0)
    assert dict(fact.values) == {
        "id": "talks-resume", "text": "Talks will resume next week.", "quote": "talks would resume",
        "kind": "prediction", "source": "minister", "attribution": "paraphrase", "hedged": False,
        "exclusive": False, "superlative": False, "background": False, "as_of": "2026-01-29",
        "published": "2026-01-29", "document": "seeds/a.txt", "source_type": "official",
    }
    assert loaded.documents["seeds/a.txt"] == Document("seeds/a.txt", DOC, D(2026, 1, 29))
    assert list(loaded.entities) == ["minister"]


def test_occurrence_and_quotes_across_line_breaks(project):
    write_tree(project, {"facts/a.yaml": facts("""
        - id: second
          text: Talks would resume, officials said.
          quote: talks would resume
          occurrence: 2
          kind: prediction
        - id: geneva
          text: The talks are in Geneva.
          quote: |-
            and talks would
                  resume in Geneva
          kind: plan
          as_of: 2026-02
        - id: first
          text: The minister said so.
          quote: talks would resume
          kind: prediction
        """)})
    loaded = load_facts([Path("facts")])
    assert [(f.id, f.span, f.order) for f in loaded.facts] == [
        ("first", Span(2, 19, 2, 37), 0), ("geneva", Span(3, 37, 4, 17), 1), ("second", Span(3, 41, 4, 7), 2)]
    by_id = loaded.by_id()
    assert by_id["geneva"].get("as_of") == "2026-02" and by_id["first"].get("attribution") == "none"


def test_document_mapping_overrides_the_document_metadata(project):
    head = FACTS_HEAD.replace("a.txt\n", "a.txt\n  published: 2026-02-01\n  outlet: minister\n  title: Talks\n")
    write_tree(project, {"facts/a.yaml": VALID_FACTS.replace(FACTS_HEAD, head)})
    loaded = load_facts([Path("facts")])
    assert loaded.documents["seeds/a.txt"] == Document("seeds/a.txt", DOC, D(2026, 2, 1), "minister", "Talks")
    values = loaded.facts[0].values
    assert (values["as_of"], values["published"], values["outlet"]) == ("2026-02-01", "2026-02-01", "minister")


def test_front_matter_gives_date_title_and_outlet(project):
    body = DOC.split("\n", 1)[1]
    write_tree(project, {"seeds/a.txt": f"---\ndate: 2026-03-04\ntitle: Talks\noutlet: minister\n---\n{body}"})
    loaded = load_facts([Path("facts")])
    assert loaded.documents["seeds/a.txt"].published == D(2026, 3, 4)
    assert loaded.facts[0].span == Span(6, 19, 6, 37)
    assert (loaded.facts[0].values["as_of"], loaded.facts[0].values["outlet"]) == ("2026-03-04", "minister")


def test_a_document_without_a_date_leaves_as_of_unset(project):
    write_tree(project, {"seeds/a.txt": DOC.split("\n", 1)[1]})
    values = values_of(["facts"])["talks-resume"]
    assert "as_of" not in values and "published" not in values


RICH_FACT = """
- id: geneva
  text: Talks will be held in Geneva.
  quote: talks would resume
  occurrence: 2
  kind: plan
  subject: talks
  value: 2026-02-01
  number: 3
  since: 2026-02-01
  until: 2026-03
  hedged: true
  attribution: reported
  source: minister
  via: minister
"""
JSONL = "\n".join(json.dumps(record, ensure_ascii=False) for record in [
    {"document": {"path": "../seeds/a.txt"}},
    {"entity": {"id": "minister", "name": "The minister", "type": "official"}},
    {"fact": {"id": "talks-resume", "text": "Talks will resume next week.", "quote": "talks would resume",
              "kind": "prediction", "source": "minister"}},
    {"fact": {"id": "geneva", "text": "Talks will be held in Geneva.", "quote": "talks would resume",
              "occurrence": 2, "kind": "plan", "subject": "talks", "value": "2026-02-01", "number": 3,
              "since": "2026-02-01", "until": "2026-03", "hedged": True, "attribution": "reported",
              "source": "minister", "via": "minister"}},
]) + "\n"


def test_jsonl_loads_the_same_facts_as_yaml(project):
    yaml_text = VALID_FACTS + facts(RICH_FACT)[len(FACTS_HEAD):]
    write_tree(project, {"facts/a.yaml": None, "yaml/a.yaml": yaml_text, "jsonl/a.jsonl": JSONL})
    from_yaml, from_jsonl = load_facts([Path("yaml")]), load_facts([Path("jsonl")])

    def contents(loaded):
        return ([(f.id, f.document, f.span, f.order, dict(f.values)) for f in loaded.facts],
                dict(loaded.documents), dict(loaded.entities))

    assert contents(from_jsonl) == contents(from_yaml)
    assert len(from_yaml.facts) == 2 and from_yaml.by_id()["geneva"].get("via_type") == "official"


def test_jsonl_lines_end_only_at_newlines(project):
    """U+2028 and U+0085 are legal inside JSON strings; CRLF and blank lines are fine too."""
    record = {"fact": {"id": "noted", "text": "T.", "quote": "talks would resume", "kind": "prediction",
                       "note": "first\u2028second\x85third"}}
    lines = ['{"document": {"path": "../seeds/a.txt"}}', "", json.dumps(record, ensure_ascii=False)]
    write_tree(project, {"facts/a.yaml": None, "facts/a.jsonl": "\r\n".join(lines) + "\r\n"})
    assert values_of(["facts"])["noted"]["note"] == "first\u2028second\x85third"


def test_jsonl_may_hold_several_documents(project):
    second = (JSONL.replace("a.txt", "b.txt").replace('"talks-resume"', '"b1"').replace('"geneva"', '"b2"')
              .replace(', "occurrence": 2', ""))
    write_tree(project, {"seeds/b.txt": "date 2026-02-02\nSecond talks would resume too.\n",
                         "facts/a.yaml": None, "facts/a.jsonl": JSONL + second})
    loaded = load_facts([Path("facts")])
    assert [(f.id, f.document) for f in loaded.facts] == [
        ("talks-resume", "seeds/a.txt"), ("geneva", "seeds/a.txt"), ("b1", "seeds/b.txt"), ("b2", "seeds/b.txt")]
    assert loaded.by_id()["b1"].get("as_of") == "2026-02-02"


def test_folders_expand_to_yaml_and_jsonl_files_only(project):
    write_tree(project, {"facts/notes.txt": "not facts", "facts/deeper/b.yml": VALID_FACTS
                         .replace("../seeds", "../../seeds").replace("talks-resume", "b")})
    assert sorted(values_of(["facts"])) == ["b", "talks-resume"]


def test_same_entity_in_two_files_is_one_entity(project):
    write_tree(project, {"facts/b.yaml": VALID_FACTS.replace("talks-resume", "b")})
    loaded = load_facts([Path("facts")])
    assert list(loaded.entities) == ["minister"] and len(loaded.facts) == 2


def test_the_repository_facts_load_with_each_quote_at_its_span(monkeypatch):
    monkeypatch.chdir(ROOT)
    loaded = load_facts([Path("facts")])
    assert len(loaded.facts) > 0 and [f.order for f in loaded.facts] == list(range(len(loaded.facts)))
    for fact in loaded.facts:
        lines = loaded.documents[fact.document].text.split("\n")
        span = fact.span
        found = "\n".join(lines[span.line - 1:span.end_line])
        found = found[span.column - 1:len(found) - len(lines[span.end_line - 1]) + span.end_column - 1]
        assert re.sub(r"\s+", " ", found) == re.sub(r"\s+", " ", fact.quote.strip()), fact.id
