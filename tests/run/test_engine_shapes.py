"""Every rule shape the compiler emits, run against the real durable_rules engine.

Each case is a rule, a handful of facts and the exact flags expected (fact ids per flag).
"""

from __future__ import annotations

import pytest
from kit import found, write_project

SINGLE = """
rules:
  - id: r
    family: test
    severity: warning
    message: "{{a.id}}"
    match:
      a: {condition}
"""

PAIR = """
rules:
  - id: r
    family: test
    severity: warning
    message: "{{a.id}} {{b.id}}"
    match:
      a: {{kind: state}}
      b: {condition}
"""

FACTS = [
    {"id": "f1", "subject": "s1", "attribute": "x", "value": "red", "number": 5, "as_of": "2026-01-10",
     "source": "ann", "attribution": "direct"},
    {"id": "f2", "subject": "s1", "attribute": "x", "value": "blue", "number": 7, "as_of": "2026-01-20",
     "since": "2026-01", "source": "bob", "hedged": True},
    {"id": "f3", "subject": "s2", "attribute": "x", "value": "red", "number": 7.5, "since": "2019",
     "until": "2019-06"},
    {"id": "f4", "kind": "plan", "subject": "s2", "text": "The Agency plans to reopen the office",
     "source": "agency"},
]

SINGLE_CASES = {
    "equals": ("{value: red}", ["f1", "f3"]),
    "equals-bool": ("{hedged: true}", ["f2"]),
    "in-one": ("{kind: [plan]}", ["f4"]),
    "in-many": ("{value: [red, blue]}", ["f1", "f2", "f3"]),
    "not": ("{value: {not: red}}", ["f2", "f4"]),
    "not-in": ("{subject: {not_in: [s1]}}", ["f3", "f4"]),
    "exists": ("{source: {exists: true}}", ["f1", "f2", "f4"]),
    "missing": ("{source: {missing: true}}", ["f3"]),
    "matches": ("{text: {matches: '(?i)plans? to'}}", ["f4"]),
    "matches-id": ("{id: {matches: '^f[12]$'}}", ["f1", "f2"]),
    "gt-number": ("{number: {gt: 5}}", ["f2", "f3"]),
    "gte-number": ("{number: {gte: 7}}", ["f2", "f3"]),
    "lt-number": ("{number: {lt: 7}}", ["f1"]),
    "lte-number": ("{number: {lte: 7}}", ["f1", "f2"]),
    "gt-date": ("{as_of: {gt: 2026-01-15}}", ["f2", "f3", "f4"]),  # as_of defaults to publication
    "lt-year": ("{since: {lt: 2020}}", ["f3"]),
    "computed-type": ("{source_type: institution}", ["f4"]),
    "two-tests": ("{value: red, source: {missing: true}}", ["f3"]),
    "either-or": ("{any: [{kind: plan}, {hedged: true}]}", ["f2", "f4"]),
    "either-or-overlap": ("{any: [{value: red}, {subject: s1}]}", ["f1", "f2", "f3"]),
    "no-match": ("{value: green}", []),
}


@pytest.mark.parametrize("condition,expected", SINGLE_CASES.values(), ids=SINGLE_CASES.keys())
def test_single_fact_shapes(tmp_path, condition, expected):
    result = found(tmp_path, SINGLE.format(condition=condition), FACTS)
    assert result.get("r", []) == [(fid,) for fid in expected]


PAIR_CASES = {
    "same": ("{kind: state, subject: {same: a}}", [("f1", "f2")]),
    "same-other-field": ("{kind: plan, subject: {same: a.subject}}", [("f3", "f4")]),
    "differs": ("{kind: state, subject: {same: a}, value: {differs: a}}", [("f1", "f2")]),
    "differs-needs-both": ("{source: {differs: a}}", [("f1", "f2"), ("f1", "f4"), ("f2", "f4")]),
    "same-value-not-subject": ("{value: {same: a}, subject: {differs: a}}", [("f1", "f3")]),
    "gt-ref": ("{number: {gt: a.number}, subject: {same: a}}", [("f1", "f2")]),
    "lt-ref": ("{number: {lt: a.number}}", [("f2", "f1"), ("f3", "f1"), ("f3", "f2")]),
    "overlaps": ("{kind: state, time: {overlaps: a}}", [("f1", "f2")]),
    "after": ("{time: {after: a}, subject: {same: a}}", [("f1", "f2")]),
    "before": ("{kind: plan, time: {before: a}}", []),
    "either-or-join": ("{any: [{subject: {same: a}}, {value: {same: a}}], kind: state}",
                       [("f1", "f2"), ("f1", "f3")]),
    "constant-in-join": ("{kind: [state, plan], subject: {same: a}, value: {differs: a}}", [("f1", "f2")]),
    "not-in-join": ("{source: {not: bob}, subject: {same: a}}", [("f2", "f1"), ("f3", "f4")]),
}


@pytest.mark.parametrize("condition,expected", PAIR_CASES.values(), ids=PAIR_CASES.keys())
def test_join_shapes(tmp_path, condition, expected):
    """Mirrored pairs fold into one flag, cited in document order; one-way pairs keep alias order."""
    result = found(tmp_path, PAIR.format(condition=condition), FACTS)
    assert result.get("r", []) == expected


WORDED = [  # one broad key (`s1`/`x`), claims that share few or many of their words
    {"id": "w1", "subject": "s1", "attribute": "x", "value": True, "words": "acme county court federal file lawsuit"},
    {"id": "w2", "subject": "s1", "attribute": "x", "value": False, "words": "acme county file lawsuit"},
    {"id": "w3", "subject": "s1", "attribute": "x", "value": False,
     "words": "acme file office quarterly return revenue"},
    {"id": "w4", "subject": "s1", "attribute": "x", "value": False},
    {"id": "w5", "subject": "s2", "attribute": "x", "value": False, "words": "acme county court federal file lawsuit"},
]
SHARES_CASES = {
    "shares": ("{value: false, subject: {same: a}, words: {shares: {with: a, at_least: 0.34}}}",
               [("w1", "w2"), ("w1", "w4")]),  # w3 shares 2 of 6; w4 has no words; w5 another subject
    "shares-default-half": ("{value: false, subject: {same: a}, words: {shares: a}}", [("w1", "w2"), ("w1", "w4")]),
    "shares-all": ("{value: false, subject: {same: a}, words: {shares: {with: a, at_least: 1}}}",
                   [("w1", "w2"), ("w1", "w4")]),
    "shares-low": ("{value: false, subject: {same: a}, words: {shares: {with: a, at_least: 0.2}}}",
                   [("w1", "w2"), ("w1", "w3"), ("w1", "w4")]),
    "shares-no-key": ("{value: false, words: {shares: {with: a, at_least: 0.5}}}",
                      [("w1", "w2"), ("w1", "w4"), ("w1", "w5")]),
}
SHARES_PAIR = PAIR.replace("a: {{kind: state}}", "a: {{value: true}}")


@pytest.mark.parametrize("condition,expected", SHARES_CASES.values(), ids=SHARES_CASES.keys())
def test_shares_filters_the_engine_join(tmp_path, condition, expected):
    assert found(tmp_path, SHARES_PAIR.format(condition=condition), WORDED).get("r", []) == expected


def test_shares_in_unless_and_derive(tmp_path):
    """The word test holds back an `unless` match and a derived fact as it does a flag."""
    rules = """
    rules:
      - id: echo
        family: test
        derive: {name: echoed, fields: {subject: a.subject}}
        match:
          a: {value: true}
          b: {value: false, subject: {same: a}, words: {shares: {with: a, at_least: 0.5}}}
      - id: echoed
        family: test
        severity: info
        message: "{e.subject}"
        match:
          e: {derived: echoed}
      - id: lone
        family: test
        severity: info
        message: "{a.id}"
        match:
          a: {value: false, words: {exists: true}}
        unless:
          u: {value: true, subject: {same: a}, words: {shares: {with: a, at_least: 0.5}}}
    """
    result = found(tmp_path, rules, WORDED)
    assert result == {"echoed": [("w1", "w2"), ("w1", "w4")], "lone": [("w3",), ("w5",)]}


def test_three_fact_join(tmp_path):
    rules = """
    rules:
      - id: r
        family: test
        severity: info
        message: "{a.id}"
        match:
          a: {kind: state, value: red}
          b: {subject: {same: a}, value: {differs: a}}
          c: {kind: plan, subject: {differs: a}, source: {exists: true}}
    """
    assert found(tmp_path, rules, FACTS) == {"r": [("f1", "f2", "f4")]}


UNLESS = """
rules:
  - id: r
    family: test
    severity: info
    message: "{{a.id}}"
    match:
      a: {{kind: plan}}
    unless: {blocker}
"""


@pytest.mark.parametrize("blocker,facts,expected", [
    ("{done: {status: done, subject: {same: a}}}",
     [{"id": "p1", "kind": "plan", "subject": "x"}, {"id": "p2", "kind": "plan", "subject": "y"},
      {"id": "d1", "kind": "event", "subject": "x", "status": "done"}], [("p2",)]),
    ("{done: {status: done, subject: {same: a}, time: {after: a}}}",
     [{"id": "p1", "kind": "plan", "subject": "x", "as_of": "2026-02-01"},
      {"id": "d1", "kind": "event", "subject": "x", "status": "done", "as_of": "2026-01-01"}], [("p1",)]),
    ("[{done: {status: done, subject: {same: a}}}, {gone: {status: cancelled, subject: {same: a}}}]",
     [{"id": "p1", "kind": "plan", "subject": "x"}, {"id": "p2", "kind": "plan", "subject": "y"},
      {"id": "p3", "kind": "plan", "subject": "z"},
      {"id": "c1", "kind": "event", "subject": "y", "status": "cancelled"}], [("p1",), ("p3",)]),
    ("{other: {kind: plan, subject: {same: a}}}",  # a blocker is never the fact itself
     [{"id": "p1", "kind": "plan", "subject": "x"}, {"id": "p2", "kind": "plan", "subject": "x"},
      {"id": "p3", "kind": "plan", "subject": "y"}], [("p3",)]),
    ("{done: {any: [{status: done}, {status: cancelled}], subject: {same: a}}}",
     [{"id": "p1", "kind": "plan", "subject": "x"}, {"id": "p2", "kind": "plan", "subject": "y"},
      {"id": "c1", "kind": "event", "subject": "y", "status": "cancelled"}], [("p1",)]),
], ids=["join", "time", "two-groups", "not-itself", "either-or"])
def test_unless_shapes(tmp_path, blocker, facts, expected):
    assert found(tmp_path, UNLESS.format(blocker=blocker), facts).get("r", []) == expected


DERIVE = """
rules:
  - id: corroborate
    family: test
    derive:
      name: corroborated
      fields: {subject: a.subject, value: a.value, note: two sources}
    match:
      a: {source: {exists: true}}
      b: {subject: {same: a}, value: {same: a}, source: {differs: a}}
  - id: uses-derived
    family: test
    severity: info
    message: "{c.subject} is corroborated ({c.note})"
    match:
      c: {derived: corroborated, value: red}
  - id: single-source
    family: test
    severity: warning
    message: "{a.id} has one source"
    match:
      a: {source: {exists: true}}
    unless:
      c: {derived: corroborated, subject: {same: a}, value: {same: a}}
"""


def test_derived_facts_chain_and_block(tmp_path):
    facts = [
        {"id": "f1", "subject": "s", "value": "red", "source": "ann", "attribution": "direct"},
        {"id": "f2", "subject": "s", "value": "red", "source": "bob"},
        {"id": "f3", "subject": "t", "value": "red", "source": "ann"},
    ]
    result = found(tmp_path, DERIVE, facts)
    assert result == {"uses-derived": [("f1", "f2")], "single-source": [("f3",)]}


def test_derived_message_uses_derived_fields(tmp_path):
    from kit import run_project, write_project
    facts = [{"id": "f1", "subject": "s", "value": "red", "source": "ann"},
             {"id": "f2", "subject": "s", "value": "red", "source": "bob"}]
    result = run_project(write_project(tmp_path, DERIVE, facts))
    messages = {f.rule: f.message for f in result.flags}
    assert messages["uses-derived"] == "s is corroborated (two sources)"


def test_rules_split_across_rulesets_when_over_budget(tmp_path, monkeypatch):
    """Past the engine's per-ruleset limits the compiler packs several rulesets; results are unchanged."""
    from engine.compile import compiler
    rules = "rules:\n" + "".join(f"""
  - id: r{i}
    family: test
    severity: info
    message: "{{a.id}}"
    match:
      a: {{kind: state}}
      b: {{subject: {{same: a}}, number: {{gt: {i}}}}}
""" for i in range(6))
    facts = [{"id": "f1", "subject": "s", "number": 1}, {"id": "f2", "subject": "s", "number": 4}]
    expected = {f"r{i}": [("f1", "f2")] for i in range(4)}
    assert found(tmp_path, rules, facts) == expected
    monkeypatch.setitem(compiler.BUDGET, "same_chain", 2)
    from engine.load.rules import load_rules
    program = compiler.compile_rules(load_rules([tmp_path / "rules"]))
    assert len(program.rulesets) == 3  # each rule adds 1 to two chains; 2 rules fit a ruleset
    assert found(tmp_path, rules, facts) == expected


def test_a_hot_join_group_is_capped_with_a_note(tmp_path):
    """Past the cap, facts sharing a join key stay out of join rules but still match single-fact rules."""
    from kit import write_project

    from engine.pipeline import check
    rules = """
    rules:
      - id: pair
        family: test
        severity: info
        message: "{a.id} {b.id}"
        match:
          a: {kind: state}
          b: {kind: state, subject: {same: a}, value: {differs: a}}
      - id: single
        family: test
        severity: info
        message: "{a.id}"
        match:
          a: {kind: state}
    """
    facts = [{"id": f"f{i}", "subject": "hot", "value": f"v{i}"} for i in range(5)] + [
        {"id": "g1", "subject": "cold", "value": "x"}, {"id": "g2", "subject": "cold", "value": "y"}]
    root = write_project(tmp_path, rules, facts)
    result = check([root / "facts"], [root / "rules"], max_group=3)
    pairs = sorted(tuple(f.id for f in flag.facts) for flag in result.flags if flag.rule == "pair")
    assert pairs == [("f0", "f1"), ("f0", "f2"), ("f1", "f2"), ("g1", "g2")]
    assert sum(flag.rule == "single" for flag in result.flags) == 7
    assert result.notes == ("5 facts share subject = hot: only the first 3 were joined by the rules that compare "
                            "facts on subject",)


# --- driver: activations are read from the facts we sent ---------------------------------------

def test_activations_read_by_id_equal_the_parsed_json(tmp_path, monkeypatch):
    """`Session._read` takes slot ids from the engine's message; it must agree with parsing it all."""
    import json

    from engine.compile.compiler import compile_rules
    from engine.compile.encode import encode, limit_joins
    from engine.load.factfiles import load_facts
    from engine.load.rules import load_rules
    from engine.run import driver
    from engine.run.runner import execute

    tricky = '"p27":{"id":"f1"} \\" {"r0v0":{'  # user text that imitates the engine's framing
    rules = PAIR.format(condition="{subject: {same: a.subject}, text: {matches: 'p27'}}")
    root = write_project(tmp_path, rules, [{**FACTS[1], "text": tricky, "subject": "s2"}, *FACTS[2:]])
    program = compile_rules(load_rules([root / "rules"]))
    records = encode(load_facts([root / "facts"]).facts, program)
    limit_joins(records, program)
    seen = []
    original = driver.Session._read

    def both(self, message):
        fast = original(self, message)
        read_by_id = len(driver._SLOT.findall(message)) == 2  # the fast way, not its fallback
        seen.append(read_by_id and fast == next(iter(json.loads(message).items())))
        return fast
    monkeypatch.setattr(driver.Session, "_read", both)
    matches = execute(program, records)  # in this process, so the spy sees every activation
    assert list(matches.bindings.values()) == [[("f3", "f2")]]
    assert seen == [True]
