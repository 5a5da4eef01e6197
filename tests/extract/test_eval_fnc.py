"""FNC-1 dev (research use only, read from ../shared): contradictions join headline and body across documents.

A fixed subset of 50 bodies and their pairs keeps this quick; `python bench/eval_fnc.py` reports the full set.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import eval_fnc  # noqa: E402

# An evaluation over the data set (about 11 s alone, 20 s on a busy machine): in the slow set, which CI runs.
pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def result():
    if not eval_fnc.DATA.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"FNC-1 data missing at {eval_fnc.DATA}")
        pytest.skip("FNC-1 data not present")
    return eval_fnc.evaluate(bodies=50)


def test_disagreeing_bodies_are_flagged_against_their_headline(result):
    assert len(result.pairs["disagree"]) == 22
    assert result.rate("disagree") >= 0.40  # 9/22 on this subset (10/22 before `shares`); 42.9 % on the full set


def test_agreeing_and_discussing_bodies_rarely_are(result):
    assert result.rate("agree", "discuss") <= 0.08  # 4.2 % here (14/336; 7.1 % before `shares`), 4.4 % on the full set


def test_unrelated_pairs_never_are(result):
    assert result.rate("unrelated") <= 0.01
    assert len(result.pairs["unrelated"]) > 1000


def test_flags_come_from_the_contradiction_rules(result):
    assert set(result.rules) <= {"denied-claim", "negated-claim", "conflicting-state", "conflicting-number",
                                 "disputed-assessment"}
    assert result.rules["denied-claim"] > 0 and result.rules["negated-claim"] > 0


def test_a_plain_negation_inside_one_article_is_no_contradiction(result):
    """`some had heart disease, others did not` is not the article disputing itself: negated-claim joins two
    articles; an article that disputes a claim says so (`denied that`, `is a hoax`), which denied-claim reads."""
    assert result.within["negated-claim"] == 0
    assert result.rules["negated-claim"] < 150  # 138 on this subset (985 on the full set, 2,985 before `shares`)
