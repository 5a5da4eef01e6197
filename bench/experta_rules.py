"""The default pack's three rule families as experta rules, timed on a benchmark corpus.

Usage: python bench/experta_rules.py FACTS_DIR    # JSON on stdout: seconds and counts per rule
Facts are loaded and given their time keys by claimrules (not timed), then declared and run.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from experta import MATCH, TEST, Fact, KnowledgeEngine, P, Rule

STATES = ("state", "presupposition", "quantity")
FIELDS = ("kind", "subject", "attribute", "value", "source", "status")


class Claim(Fact):
    """One fact; absent fields are None, markers default to False, times are day numbers."""


def _is_state(kind) -> bool:
    return kind in STATES


def _is_set(value) -> bool:
    return value is not None


class Families(KnowledgeEngine):
    """conflicting-state, unattributed-claim, open-plan and unverified-prediction; matches go to sets."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, set] = {"conflicting-state": set(), "unattributed-claim": set(),
                                      "open-plan": set(), "unverified-prediction": set()}
        self.closed: dict[str, set] = {"open-plan": set(), "unverified-prediction": set()}

    @Rule(Claim(kind=P(_is_state), hedged=False, value=MATCH.v & P(_is_set), subject=MATCH.s, attribute=MATCH.t,
                start=MATCH.s1, end=MATCH.e1, id=MATCH.a),
          Claim(kind=P(_is_state), hedged=False, value=MATCH.w & P(_is_set), subject=MATCH.s, attribute=MATCH.t,
                start=MATCH.s2, end=MATCH.e2, id=MATCH.b),
          TEST(lambda a, b, v, w, s1, e1, s2, e2: a < b and v != w and s1 <= e2 and e1 >= s2))
    def contradiction(self, a, b):
        self.found["conflicting-state"].add((a, b))

    @Rule(Claim(source=None, background=False, kind=P(lambda k: k != "presupposition"), id=MATCH.a))
    def unattributed(self, a):
        self.found["unattributed-claim"].add(a)

    # follow-ups: the candidates, minus those a later fact closes (a Python set difference)
    @Rule(Claim(kind=P(lambda k: k in ("plan", "commitment")), id=MATCH.a))
    def plan(self, a):
        self.found["open-plan"].add(a)

    @Rule(Claim(status=P(lambda s: s in ("announced", "begun")), id=MATCH.a))
    def process(self, a):
        self.found["open-plan"].add(a)

    @Rule(Claim(subject=MATCH.s, attribute=MATCH.t, asof=MATCH.at, id=MATCH.a),
          Claim(status="done", subject=MATCH.s, attribute=MATCH.t, asof=MATCH.later),
          TEST(lambda at, later: at is not None and later is not None and later > at))
    def done_later(self, a):
        self.closed["open-plan"].add(a)

    @Rule(Claim(kind="prediction", id=MATCH.a))
    def prediction(self, a):
        self.found["unverified-prediction"].add(a)

    @Rule(Claim(kind="prediction", subject=MATCH.s, attribute=MATCH.t, asof=MATCH.at, id=MATCH.a),
          Claim(subject=MATCH.s, attribute=MATCH.t, asof=MATCH.later),
          TEST(lambda at, later: at is not None and later is not None and later > at))
    def settled(self, a):
        self.closed["unverified-prediction"].add(a)

    def flagged(self) -> dict[str, set]:
        return {name: found - self.closed.get(name, set()) for name, found in self.found.items()}


def claims(fact_dir: Path) -> list[Claim]:
    """The facts as experta sees them: the fields the rules read, with claimrules' time keys."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from engine.compile.encode import time_keys
    from engine.load.factfiles import load_facts
    out = []
    for fact in load_facts([fact_dir]).facts:
        keys = time_keys(fact)
        fields = {name: fact.get(name) for name in FIELDS}
        out.append(Claim(id=fact.id, hedged=bool(fact.get("hedged")), background=bool(fact.get("background")),
                         start=keys["_start"], end=keys["_end"], asof=keys.get("_asof"), **fields))
    return out


def measure(fact_dir: Path) -> dict:
    facts = claims(fact_dir)
    start = time.perf_counter()
    engine = Families()
    engine.reset()
    engine.declare(*facts)
    engine.run()
    seconds = time.perf_counter() - start
    return {"facts": len(facts), "seconds": seconds, "counts": {k: len(v) for k, v in engine.flagged().items()}}


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
