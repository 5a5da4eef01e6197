"""Entities shared across drafts: linking, scoping, type precedence, and drafts of many articles checking together."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from kit import run_cli

from engine.extract import extract_text, facts_for_documents
from engine.extract.registry import Registry, fold
from engine.extract.segment import sentences
from engine.load.factfiles import load_facts

RULES = str(Path(__file__).resolve().parents[2] / "rules")
ARTICLES = {
    "a-rubio": "Secretary of State Marco Rubio said the embassy will reopen in March.",
    "b-rubio": "Rubio said the talks with Caracas went well.",
    "c-argentina": "The President of Argentina said inflation is falling.",
    "d-argentina": "Argentina's President said the peso is stable.",
    "e-rampur": "Officials in RAMPUR said the bridge is closed.",
    "f-rampur": "Officials in Rampur said the bridge is open again.",
    "g-machado": "María Corina Machado said change is coming to Venezuela.",
    "h-machado": "Maria Corina Machado said the change has begun.",
    "i-obama": "Obama said the law works.",
    "j-obama": "President Obama said the law works well.",
    "k-campaign": "The campaign said the rally is cancelled.",
    "l-campaign": "The campaign said the rally will go ahead.",
}




def _article(text: str) -> str:
    return f"date 2026-01-05\n{text}\n"


def _drafts(texts: list[str]) -> list[dict]:
    """Extract `texts` in order into one registry, as one run of `extract` does (before types are settled)."""
    registry = Registry()
    return [extract_text(_article(t), f"doc{n}", registry=registry).data for n, t in enumerate(texts)]


def _source(data: dict) -> str:
    (fact,) = [f for f in data["facts"] if "source" in f]
    return fact["source"]


def _entity(data: dict, entity_id: str) -> dict:
    return next(e for e in data["entities"] if e["id"] == entity_id)


@pytest.fixture
def corpus(tmp_path) -> Path:
    (tmp_path / "docs").mkdir()
    for stem, text in ARTICLES.items():
        (tmp_path / "docs" / f"{stem}.txt").write_text(_article(text), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("one, other", [
    ("RAMPUR", "Rampur"), ("Maria", "María"), ("the President of Argentina", "Argentina's President"),
    ("U.S. officials", "US officials"), ("The New York Times", "New York Times"), ("Donald Trump’s", "Donald Trump"),
])
def test_fold_gives_two_spellings_of_one_name_one_key(one, other):
    assert fold(one) == fold(other)


@pytest.mark.parametrize("one, other", [("Bill Clinton", "Hillary Clinton"), ("Clinton", "Hillary Clinton"),
                                        ("North Korea", "South Korea")])
def test_fold_keeps_different_names_apart(one, other):
    assert fold(one) != fold(other)


@pytest.mark.parametrize("first, second, expected", [
    (ARTICLES["a-rubio"], ARTICLES["b-rubio"], "marco-rubio"),
    (ARTICLES["c-argentina"], ARTICLES["d-argentina"], "president-of-argentina"),
    (ARTICLES["e-rampur"], ARTICLES["f-rampur"], "officials-in-rampur"),
    (ARTICLES["g-machado"], ARTICLES["h-machado"], "maria-corina-machado"),
])
def test_a_mention_links_to_the_entity_an_earlier_draft_declared(first, second, expected):
    one, two = _drafts([first, second])
    assert _source(one) == _source(two) == expected
    assert _entity(two, expected)["name"] == _entity(one, expected)["name"]


def test_a_bare_surname_links_only_to_an_unambiguous_full_name():
    bill, hillary, bare = _drafts(["Bill Clinton said the deal is done.", "Hillary Clinton said the plan is ready.",
                                   "Clinton said the vote is close."])
    assert (_source(bill), _source(hillary)) == ("bill-clinton", "hillary-clinton")
    assert _source(bare) == "clinton" and _entity(bare, "clinton")["name"] == "Clinton"
    only_bill = _drafts(["Bill Clinton said the deal is done.", "Clinton said the vote is close."])
    assert _source(only_bill[1]) == "bill-clinton"


def test_a_surname_is_first_the_full_name_of_its_own_document():
    (data,) = _drafts(["Hillary Clinton said the plan is ready. Bill Clinton said the deal is done. "
                       "Later, Clinton said the vote is close."])
    assert [f.get("source") for f in data["facts"]] == ["hillary-clinton", "bill-clinton", "hillary-clinton"]


def test_a_description_is_scoped_to_its_document():
    one, two = _drafts([ARTICLES["k-campaign"], ARTICLES["l-campaign"]])
    assert (_source(one), _source(two)) == ("doc0:campaign", "doc1:campaign")
    _, named = _drafts([ARTICLES["k-campaign"], "Campaign said the rally is on."])
    assert _source(named) == "campaign"  # a name here (no lower-case `campaign`), never another article's own


def test_within_a_document_the_stronger_type_wins():
    (data,) = _drafts(["Obama said the law works. President Obama said it will stay."])
    assert data["entities"] == [{"id": "obama", "name": "Obama", "type": "official", "aliases": ["President Obama"]}]


def _ids(folder: Path) -> dict[str, tuple]:
    """Per draft: its entity ids and each fact's source and via."""
    found = {}
    for file in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        found[file.stem] = (tuple(e["id"] for e in data["entities"]),
                            tuple((f.get("source"), f.get("via")) for f in data["facts"]))
    return found


def _declared(folder: Path) -> dict[str, set]:
    found: dict[str, set] = {}
    for file in folder.glob("*.yaml"):
        for e in yaml.safe_load(file.read_text(encoding="utf-8"))["entities"]:
            found.setdefault(e["id"], set()).add((e["name"], e["type"]))
    return found


@pytest.mark.parametrize("order", [1, -1], ids=["forward", "reversed"])
def test_one_by_one_and_all_at_once_give_the_same_ids(corpus, order):
    stems = list(ARTICLES)[::order]
    for stem in stems:
        code, _, err = run_cli(["extract", f"docs/{stem}.txt", "-o", "single"], corpus)
        assert code == 0, err
    code, out, err = run_cli(["extract", *[f"docs/{s}.txt" for s in stems], "-o", "together"], corpus)
    assert code == 0, err
    assert out.count("draft facts") == len(ARTICLES)
    assert _ids(corpus / "single") == _ids(corpus / "together")
    bare_first = order == -1  # `Rubio` alone, then the full name: two ids, but the same in both modes
    assert _ids(corpus / "together")["b-rubio"][1] == (("rubio" if bare_first else "marco-rubio", None),)
    for folder in ("single", "together"):
        assert all(len(kinds) == 1 for kinds in _declared(corpus / folder).values())
        code, out, err = run_cli(["check", folder, "-r", RULES, "--format", "json", "--fail-on", "never"], corpus)
        assert code == 0, err
        assert "entity-conflict" not in err and json.loads(out)["flags"]


def test_one_run_settles_types_by_precedence_and_a_later_run_keeps_them(corpus):
    code, _, err = run_cli(["extract", "docs/i-obama.txt", "docs/j-obama.txt", "-o", "facts"], corpus)
    assert code == 0, err
    assert _declared(corpus / "facts")["obama"] == {("Obama", "official")}
    single = corpus / "single"
    for stem in ("i-obama", "j-obama"):  # one by one: the first draft's type stands (files are never rewritten)
        assert run_cli(["extract", f"docs/{stem}.txt", "-o", "single"], corpus)[0] == 0
    assert _declared(single)["obama"] == {("Obama", "person")}


def test_a_draft_adopts_a_reviewed_declaration(corpus):
    reviewed = corpus / "facts" / "reviewed.yaml"
    reviewed.parent.mkdir()
    reviewed.write_text(yaml.safe_dump({
        "document": {"path": "../docs/a-rubio.txt"},
        "entities": [{"id": "rubio-m", "name": "Marco Rubio", "type": "person", "aliases": ["Rubio"]}],
        "facts": [{"id": "f1", "text": "The embassy will reopen.", "quote": "the embassy will reopen in March",
                   "kind": "plan", "source": "rubio-m", "attribution": "paraphrase"}]}), encoding="utf-8")
    code, _, err = run_cli(["extract", "docs/b-rubio.txt", "docs/j-obama.txt"], corpus)
    assert code == 0, err
    draft = yaml.safe_load((corpus / "facts" / "b-rubio.yaml").read_text(encoding="utf-8"))
    assert draft["entities"] == [{"id": "rubio-m", "name": "Marco Rubio", "type": "person", "aliases": ["Rubio"]}]
    code, _, err = run_cli(["check", "facts", "-r", RULES, "--fail-on", "never"], corpus)
    assert code == 0, err


def test_check_over_articles_shares_entities_between_drafts(corpus):
    paths = facts_for_documents([corpus / "docs" / f"{s}.txt" for s in ARTICLES], facts_dirs=(), say=lambda _: None)
    facts = load_facts(paths)
    sources = {Path(f.document).stem: f.get("source") for f in facts.facts}
    assert sources["a-rubio"] == sources["b-rubio"] == "marco-rubio"
    assert facts.entities["obama"].type == "official"
    assert sources["k-campaign"] != sources["l-campaign"]


def test_extract_writes_nothing_when_one_article_is_unreadable(corpus):
    (corpus / "docs" / "zz-bad.txt").write_bytes(b"date 2026-01-01\nbad \xff byte\n")
    code, _, err = run_cli(["extract", "docs/a-rubio.txt", "docs/zz-bad.txt", "-o", "out"], corpus)
    assert code == 2 and "zz-bad.txt:2:5" in err
    assert not (corpus / "out").exists() or not list((corpus / "out").iterdir())


def test_a_one_line_article_is_its_claim_but_a_heading_is_not():
    (line,) = sentences(_article("City Council Approves New Budget For Parks"))
    assert not line.heading
    heading, body = sentences(_article("Embassy News\n\nThe embassy is closed."))
    assert heading.heading and not body.heading
    draft = extract_text(_article("Apple to unveil a new iPhone next month"), "headline")
    assert [f["quote"] for f in draft.facts] == ["Apple to unveil a new iPhone next month"]


def test_the_registry_reads_json_lines_facts_files_too(tmp_path):
    lines = [{"document": {"path": "a.txt"}}, {"entity": {"id": "mr-rubio", "name": "Marco Rubio", "type": "official"}}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("entities: [\n", encoding="utf-8")  # left to the loader to report
    registry = Registry.from_files([tmp_path])
    (data,) = [extract_text(_article(ARTICLES["b-rubio"]), "b", registry=registry).data]
    assert data["entities"] == [{"id": "mr-rubio", "name": "Marco Rubio", "type": "official", "aliases": ["Rubio"]}]


def _bench(name: str):
    """A bench script as a module; skips (fails under CI) when the research data it reads is absent."""
    import importlib.util
    import sys
    bench = Path(__file__).resolve().parents[2] / "bench"
    sys.path.insert(0, str(bench))
    try:
        spec = importlib.util.spec_from_file_location(name, bench / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(bench))
    data = getattr(module, "POLNEAR", None) or module.FNC
    if not data.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"research data missing at {data}")
        pytest.skip("research data not available")
    return module


@pytest.mark.data  # a data set drafted and checked (13 s alone, 37 s on a busy machine)
def test_drafts_of_polnear_dev_check_together():
    bench = _bench("bench_polnear_extract")
    result = bench.run(bench.documents("dev"), "PolNeAR dev")
    assert result["documents"] == 84
    assert result["check_exit"] in (0, 1) and result["entity_conflicts"] == 0, result["problems"]
    assert result["shared_by_several_drafts"] >= 30 and result["drafts_without_facts"] == {"all": 0}


@pytest.mark.data  # a data set drafted and checked (5 s alone, 12 s on a busy machine)
def test_drafts_of_fnc_bodies_and_headlines_check_together():
    bench = _bench("bench_fnc_extract")
    result = bench.run(bench.documents(limit=60), "FNC-1 dev", lambda stem: stem[0])
    assert result["documents"] == 120
    assert result["check_exit"] in (0, 1) and result["entity_conflicts"] == 0, result["problems"]
    assert result["drafts_without_facts"] == {"b": 0, "h": 0}
