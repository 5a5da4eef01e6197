"""The engine under valgrind: our compiled shapes make no invalid reads in durable_rules.

A negative control (a join without the closing guard, engine study B1) shows the check can fail.
About 20 s; skipped where valgrind is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# About 45 s under valgrind: in the slow set (`python -m pytest -m slow`), which CI runs after the normal suite.
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")]

OURS = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from engine.compile.compiler import compile_rules
from engine.compile.encode import encode, limit_joins
from engine.load.factfiles import load_facts
from engine.load.rules import load_rules
from engine.run.runner import execute
for rules, facts in {cases!r}:
    program = compile_rules(load_rules([Path(rules)]))
    records = encode(load_facts([Path(facts)]).facts, program)
    limit_joins(records, program, 3)
    execute(program, records)
print("ran")
"""

UNGUARDED = """
import json, durable_rules_engine as E
rules = {"pairs": {"all": [{"a": {"kind": "claim"}},
         {"b": {"$and": [{"kind": "claim"}, {"subject": {"a": "subject"}}, {"$gt": {"n": {"a": "n"}}}]}}]}}
h = E.create_ruleset("t", json.dumps(rules))
E.assert_facts(h, json.dumps([{"id": "c%d" % i, "kind": "claim", "subject": "S", "n": i} for i in range(1, 8)]))
res = E.start_action(h)
while res:
    msgs, off = res[1], res[2]
    while msgs:
        msgs = E.complete_and_start_action(h, off)
    res = E.start_action(h)
print("ran")
"""


def engine_errors(script: str) -> list[str]:
    """valgrind's error reports whose stack passes through the engine's shared library."""
    done = subprocess.run(["valgrind", "--num-callers=40", sys.executable, "-c", script], capture_output=True,
                          text=True, timeout=600, env={"PYTHONMALLOC": "malloc", "PATH": "/usr/bin:/bin"})
    assert "ran" in done.stdout, done.stderr[-2000:]
    reports = re.split(r"\n==\d+== \n", done.stderr)
    return [r for r in reports if re.search(r"Invalid|uninitialised|Mismatched", r) and "durable_rules_engine" in r]


def test_the_detector_sees_the_engine_bug_we_avoid():
    assert engine_errors(UNGUARDED)


def test_default_pack_and_every_shape_family_are_clean(tmp_path):
    from kit import write_project
    from test_engine_shapes import DERIVE, FACTS, PAIR, PAIR_CASES, UNLESS
    cases = [(str(ROOT / "rules"), str(ROOT / "facts"))]
    worlds = {"pairs": "rules:\n" + "".join(textwrap.indent(PAIR.format(condition=c).split("rules:\n", 1)[1]
                                                            .replace("id: r\n", f"id: r{i}\n"), "")
                                            for i, (c, _) in enumerate(PAIR_CASES.values())),
              "derive": DERIVE,
              "unless": UNLESS.format(blocker="{done: {status: done, subject: {same: a}, time: {after: a}}}")}
    for name, rules in worlds.items():
        root = write_project(tmp_path / name, rules, FACTS)
        cases.append((str(root / "rules"), str(root / "facts")))
    assert engine_errors(OURS.format(root=str(ROOT), cases=cases)) == []
