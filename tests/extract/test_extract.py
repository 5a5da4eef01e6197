"""`claimrules extract` on the seed article: deterministic, loadable, and raising the brief's table."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from kit import run_cli

from engine.cli import main
from engine.extract import extract_text, facts_for_documents
from engine.load.factfiles import load_facts
from tests.test_seed import BRIEF_TABLE, _covers

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "2026-01-29-rubio-venezuela-relations.txt"
REACHED = list(BRIEF_TABLE)  # all 14 rows, both contradictions included, with no hand edits




@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("extract")
    (root / "seeds").mkdir()
    shutil.copy(SEED, root / "seeds" / SEED.name)
    shutil.copytree(ROOT / "rules", root / "rules")
    code, out, err = run_cli(["extract", f"seeds/{SEED.name}"], root)
    assert code == 0, err
    return root


def test_extraction_is_deterministic():
    text = SEED.read_text(encoding="utf-8")
    assert extract_text(text, SEED.stem).data == extract_text(text, SEED.stem).data


def test_draft_loads_with_verbatim_quotes(project):
    facts = load_facts([project / "facts"])
    assert len(facts.facts) >= 12
    sources = {f.values.get("source") for f in facts.facts}
    assert {"marco-rubio", "unn", "us-intelligence"} <= sources


def test_extract_never_overwrites(project):
    target = project / "facts" / f"{SEED.stem}.yaml"
    before = target.read_text(encoding="utf-8")
    code, _, err = run_cli(["extract", f"seeds/{SEED.name}"], project)
    assert code == 2 and target.name in err
    assert target.read_text(encoding="utf-8") == before


@pytest.fixture(scope="module")
def report(project) -> dict:
    code, out, err = run_cli(["check", "facts", "--format", "json", "--fail-on", "never"], project)
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("row", REACHED)
def test_brief_row_raised_from_draft(report, row):
    family, rule, texts = BRIEF_TABLE[row]
    matching = [f for f in report["flags"] if f["family"] == family and f["rule"] == rule and _covers(f, texts)]
    assert len(matching) == 1, [f["message"] for f in report["flags"] if f["rule"] == rule]


def test_facts_for_documents_prefers_reviewed_facts(project, tmp_path):
    said = []
    os.chdir(project)
    try:
        reviewed = facts_for_documents([Path("seeds") / SEED.name], say=said.append)
        assert [p.name for p in reviewed] == [f"{SEED.stem}.yaml"] and "reviewed" in said[0]
        drafted = facts_for_documents([Path("seeds") / SEED.name], facts_dirs=(), say=said.append)
        assert "extracted" in said[-1] and load_facts(drafted).facts
    finally:
        os.chdir(ROOT)


def test_extract_and_check_report_an_unreadable_article_as_bad_input(tmp_path, capsys):
    article = tmp_path / "bad.txt"
    article.write_bytes(b"date 2026-01-01\nbad \xff byte\n")
    for argv in (["extract", str(article), "-o", str(tmp_path / "out")], ["check", str(article)]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert f"{article.as_posix()}:2:5: error: file is not valid UTF-8 [encoding]" in err
        assert "Traceback" not in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def _sources(sentence: str) -> list[str]:
    from engine.extract.attribution import attributions
    from engine.extract.lexicon import load
    return [a.source.text for a in attributions(sentence, 0, load()) if a.source and not a.quoted]


@pytest.mark.parametrize("sentence, expected", [
    # an appositive with commas of its own; the name after the cue starts the content
    ("Jane Roe, 54, of Akron, Ohio, said Smith had left.", ["Jane Roe, 54, of Akron, Ohio"]),
    ("Rep. Ann Poe (D-Ore.), the panel's chair, said Smith had left.", ["Rep. Ann Poe (D-Ore.), the panel's chair"]),
    ("“We will win,” said Ann Poe, a spokeswoman.", ["Ann Poe"]),
    ("Ann Poe, a spokeswoman, told the Tribune the plan was dead.", ["Ann Poe, a spokeswoman"]),
    # a trailing cue reports what comes before it, so the cue inside is nested
    ("Smith wants a recount, his lawyer said.", ["his lawyer"]),
    ("Turnout rose sharply, according to the county clerk.", ["the county clerk"]),
    # time words between subject and cue; a passive cue's agent; survey shares
    ("Governor Ann Poe on Tuesday criticized the bill.", ["Governor Ann Poe"]),
    ("The bill was criticized by several senators.", ["several senators"]),
    ("About six in 10 said the economy was poor.", ["six in 10"]),
    ("In the latest county poll, Smith leads by four points.", ["the latest county poll"]),
    # noun cues owned by someone; nouns that are not cues
    ("The mayor's warning that the bridge would fail was ignored.", ["The mayor's"]),
    ("Under the new budget plan, fees will rise.", []),
    # speakers named by a colon, and title-case headlines
    ("SMITH: I think the vote will be close.", ["SMITH"]),
    ("Budget Chief Says The Deficit Will Shrink.", ["Budget Chief"]),
    # a cue inside a quotation is the quoted speaker's
    ("“I believe we can win this,” the coach said.", ["the coach"]),
    ("Let's hope for the best.", []),
])
def test_source_of_a_sentence(sentence, expected):
    assert _sources(sentence) == expected
