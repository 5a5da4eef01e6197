"""The pure compile step: YAML rules → durable_rules JSON, compared as dicts without the engine."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from engine.compile.compiler import SLOTS, compile_rules, fnv32
from engine.load.rules import load_rules

ROOT = Path(__file__).resolve().parents[2]


def compile_text(tmp_path: Path, text: str):
    path = tmp_path / "rules.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return compile_rules(load_rules([path]))


CONTRADICTION = """
rules:
  - id: clash
    family: contradiction
    severity: error
    message: "{a.subject}"
    match:
      a: {kind: state, hedged: false}
      b: {kind: state, subject: {same: a}, value: {differs: a}, time: {overlaps: a}}
"""


def test_join_compiles_to_the_safe_shape(tmp_path):
    program = compile_text(tmp_path, CONTRADICTION)
    assert program.rulesets == ({"r0v0": {"all": [
        {"p27": {"$and": [{"_t": "f"}, {"kind": "state"}, {"hedged": False},
                          {"$ex": {"_end": 1}}, {"$ex": {"_k_value": 1}}, {"$ex": {"_start": 1}},
                          {"$ex": {"subject": 1}}, {"_j0": True}]}},
        {SLOTS[1]: {"$and": [{"_t": "f"}, {"kind": "state"}, {"$ex": {"subject": 1}}, {"$ex": {"_k_value": 1}},
                             {"_j0": True},
                             {"subject": {"p27": "subject"}},
                             {"$neq": {"_k_value": {"p27": "_k_value"}}},  # `value` mixes types: a typed copy
                             {"$lte": {"_start": {"p27": "_end"}}}, {"$gte": {"_end": {"p27": "_start"}}},
                             {"_g": {"p27": "_g"}}]}},
    ]}},)
    assert program.keys == ("_end", "_k_value", "_start", "hedged", "kind", "subject", "value")
    assert program.engine_rules["r0v0"].aliases == ("a", "b")
    assert program.joins == (("_j0", ("subject",)),)  # facts sharing a subject are joined, up to a cap


def test_slot_aliases_hash_to_consecutive_slots():
    assert [fnv32(alias) % 16 for alias in SLOTS] == list(range(16))
    assert fnv32("p27") == fnv32("p27") and SLOTS[0] == "p27"


@pytest.mark.parametrize("condition,tests,predicates", [
    ("{kind: [plan]}", [{"kind": "plan"}], ()),
    ("{kind: [plan, commitment]}", [{"_p0": True}], (("_p0", "kind", "in", ("plan", "commitment")),)),
    ("{source: {not: ann}}", [{"_p0": True}], (("_p0", "source", "not", "ann"),)),
    ("{text: {matches: 'x+'}}", [{"_p0": True}], (("_p0", "text", "matches", "x+"),)),
    ("{id: {matches: 'x'}}", [{"_p0": True}], (("_p0", "_id", "matches", "x"),)),
    ("{source: {missing: true}}", [{"$nex": {"source": 1}}], ()),
    ("{as_of: {gte: 2026-01-02}}", [{"$gte": {"as_of": 739618}}], ()),
    ("{since: {lt: 2020}}", [{"$lt": {"since": 737425}}], ()),
    ("{number: {gt: 2.5}}", [{"$gt": {"number": 2.5}}], ()),
], ids=["in-one", "in-many", "not", "matches", "matches-id", "missing", "date", "year", "number"])
def test_constant_tests(tmp_path, condition, tests, predicates):
    program = compile_text(tmp_path, f"""
    rules:
      - id: one
        family: f
        severity: info
        message: m
        match:
          a: {condition}
    """)
    assert program.rulesets[0]["r0v0"] == {"all": [{"p27": {"$and": [{"_t": "f"}, *tests]}}]}
    assert program.predicates == predicates


def test_either_or_and_unless_expand_into_positive_rules(tmp_path):
    program = compile_text(tmp_path, """
    rules:
      - id: open
        family: follow-up
        severity: info
        message: m
        match:
          a:
            any: [{kind: plan}, {status: begun}]
        unless:
          done: {status: done, subject: {same: a}}
    """)
    rules = program.engine_rules
    assert sorted(rules) == ["r0v0", "r0v0u0", "r0v1", "r0v1u0"]
    assert {r.role for r in rules.values()} == {"flag", "unless"}
    assert rules["r0v1u0"].aliases == ("a", "done")
    blocker = program.rulesets[0]["r0v1u0"]["all"]
    assert blocker[0] == {"p27": {"$and": [{"_t": "f"}, {"status": "begun"}, {"$ex": {"subject": 1}},
                                           {"_j0": True}]}}
    assert blocker[1][SLOTS[1]]["$and"][-1] == {"_g": {"p27": "_g"}}


def test_derived_patterns_open_with_their_own_type(tmp_path):
    program = compile_text(tmp_path, """
    rules:
      - id: make
        family: f
        derive: {name: pair, fields: {subject: a.subject}}
        match:
          a: {kind: state}
      - id: use
        family: f
        severity: info
        message: "{c.subject}"
        match:
          c: {derived: pair, subject: x}
    """)
    assert program.rulesets[0]["r1v0"] == {"all": [{"p27": {"$and": [{"_t": "d:pair"}, {"subject": "x"}]}}]}
    assert "subject" in program.keys


def _walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def test_default_pack_emits_only_tested_shapes():
    """No `$or`, `$not`, nested connectors, regex or `id` tests; every join ends on the `_g` guard."""
    program = compile_rules(load_rules([ROOT / "rules"]))
    for ruleset in program.rulesets:
        keys = set(_walk(ruleset))
        assert not keys & {"$or", "$not", "$mt", "$imt", "any", "$any", "$all", "id", "sid", "count", "cap"}
        assert not any(k.endswith("$not") for k in keys)
        for rule in ruleset.values():
            for i, pattern in enumerate(rule["all"]):
                (slot, body), = pattern.items()
                assert slot == SLOTS[i] and body["$and"][0] in ({"_t": "f"}, {"_t": "d:" + body["$and"][0]["_t"][2:]})
                if i:
                    assert body["$and"][-1] == {"_g": {"p27": "_g"}}


def test_compiling_never_loads_the_engine():
    code = ("import sys; from pathlib import Path; from engine.load.rules import load_rules; "
            "from engine.compile.compiler import compile_rules; compile_rules(load_rules([Path('rules')])); "
            "assert 'durable_rules_engine' not in sys.modules and 'durable' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_only_the_driver_imports_durable_rules():
    importers = []
    for path in sorted((ROOT / "engine").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] in ("durable", "durable_rules_engine") for n in names):
                importers.append(path.relative_to(ROOT).as_posix())
    assert importers == ["engine/run/driver.py"]


def test_tests_decided_in_python_keep_true_and_1_apart(tmp_path):
    """`equals: true` and `equals: 1` on a field of any type are two predicates (1 == True in Python)."""
    program = compile_text(tmp_path, """
rules:
  - {id: t, family: f, severity: info, message: m, match: {a: {value: {equals: true}}}}
  - {id: one, family: f, severity: info, message: m, match: {a: {value: {equals: 1}}}}
""")
    args = {name: arg for name, key, op, arg in program.predicates if key == "value"}
    assert sorted(map(repr, args.values())) == ["(1,)", "(True,)"]
    assert len(set(args)) == 2


def test_an_example_runs_with_every_rule_deriving_what_it_matches(tmp_path):
    from engine.derive import upstream

    path = tmp_path / "rules.yaml"
    path.write_text(textwrap.dedent("""
        rules:
          - {id: from-plans, family: f, derive: {name: pending}, match: {a: {kind: plan}}}
          - {id: from-predictions, family: f, derive: {name: pending}, match: {a: {kind: prediction}}}
          - {id: unrelated, family: f, severity: info, message: m, match: {a: {kind: state}}}
          - {id: reader, family: f, severity: info, message: m, match: {a: {derived: pending}}}
        """), encoding="utf-8")
    rules = load_rules([path])
    reader = next(r for r in rules if r.id == "reader")
    assert [r.id for r in upstream(reader, rules)] == ["from-plans", "from-predictions", "reader"]


def test_memoised_encoding_keeps_true_1_and_1_0_apart_and_matches_deciding_each_time(tmp_path):
    """The encoder remembers decided tests by (type, value): a fact valued 1 after one valued true
    must not reuse true's answer, and every record equals what `decide` alone gives."""
    import datetime as dt
    from types import MappingProxyType

    from engine.compile.encode import decide, encode, header, time_keys
    from engine.model import Fact, Span

    program = compile_text(tmp_path, """
rules:
  - {id: t, family: f, severity: info, message: m, match: {a: {value: {in: [true]}}}}
  - {id: one, family: f, severity: info, message: m, match: {a: {value: {not_in: [1]}, until: {lt: 2020}}}}
  - {id: text, family: f, severity: info, message: m, match: {a: {value: {matches: "^-"}}}}
""")
    values = [True, 1, 1.0, "1", -0.0, 0.0, True, 1, None, "true", 1]
    facts = [Fact(f"f{i}", "d", Span(1, 1, 1, 2), i, MappingProxyType(
        {"kind": "state", "until": "2019" if i % 2 else "2021-02", **({} if v is None else {"value": v})}))
        for i, v in enumerate(values)]
    records = encode(facts, program)
    for fact, record in zip(facts, records):
        alone = {**header("f", fact.id), **{k: v for k, v in record.items() if not k.startswith(("_p", "_t", "_g"))}}
        alone.update(time_keys(fact))
        assert record == decide(program, dict(alone)), fact.values
    decided = [[record[name] for name, *_ in program.predicates] for record in records]
    assert decided[0] != decided[1] and decided[1] == decided[2] and decided[4] != decided[5]
    assert [r["until"] for r in records[:2]] == [dt.date(2021, 2, 28).toordinal(), dt.date(2019, 12, 31).toordinal()]


NEGATION = """
rules:
  - id: negated
    family: contradiction
    severity: warning
    message: "{a.subject}"
    match:
      a: {value: true}
      b: {subject: {same: a}, words: {shares: {with: a, at_least: 0.34}}}
"""


def test_shares_gives_the_engine_only_its_blocking_key(tmp_path):
    """The engine joins on `subject`; the word test is no engine test but a table the runner decides by slot."""
    program = compile_text(tmp_path, NEGATION)
    (ruleset,) = program.rulesets
    b = ruleset["r0v0"]["all"][1][SLOTS[1]]["$and"]
    assert b == [{"_t": "f"}, {"$ex": {"subject": 1}}, {"_j0": True}, {"subject": {"p27": "subject"}},
                 {"_g": {"p27": "_g"}}]
    (test,) = program.pairs["r0v0"]
    assert test[:5] == (1, "words", 0, "words", "shares") and test[5].at_least == 0.34
    assert "words" in program.keys  # sent to the engine so the match carries it back
    assert program.joins == (("_j0", ("subject",)),)  # the join group, capped like any other


def test_shares_is_decided_on_the_matched_records_by_slot(tmp_path):
    program = compile_text(tmp_path, NEGATION)
    a = {"_id": "a", "words": "acme county court federal file lawsuit"}  # 2 of 6 shared: under a third
    assert program.admits("r0v0", [a, {"_id": "b", "words": "acme county file lawsuit"}])
    assert not program.admits("r0v0", [a, {"_id": "b", "words": "acme file office quarterly return revenue"}])
    assert program.admits("r0v0", [a, {"_id": "b"}])  # no words: nothing to hold them apart


@pytest.mark.parametrize("argument,message", [
    ("{with: a, at_least: 0}", "`at_least` must be a share above 0"),
    ("{with: a, at_least: 1.5}", "`at_least` must be a share above 0"),
    ("{with: a, most: 2}", "unknown key `most`"),
    ("{with: c}", "reference to undefined pattern `c`"),
    ("{at_least: 0.5}", "expected a pattern name"),
])
def test_shares_argument_errors_are_located(tmp_path, argument, message):
    from engine.problems import InputError
    text = NEGATION.replace("{with: a, at_least: 0.34}", argument)
    with pytest.raises(InputError) as caught:
        compile_text(tmp_path, text)
    (problem,) = caught.value.problems
    assert problem.code == "invalid-condition" and message in problem.message
    assert (problem.line, problem.column) == (9, 47)  # at the argument
