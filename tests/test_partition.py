"""Parallel checks: facts split by join key give the same flags as one process."""

from __future__ import annotations

from pathlib import Path

from engine.check import check
from engine.compiler import compile_rules
from engine.encode import encode
from engine.factfiles import load_facts
from engine.partition import partition
from engine.rules import load_rules
from helpers import write_project

ROOT = Path(__file__).resolve().parents[1]


def _facts(n: int) -> list[dict]:
    kinds = ["state", "assessment", "plan", "prediction"]
    return [{"id": f"f{i}", "kind": kinds[i % 4], "subject": f"s{i % 7}", "attribute": f"a{i % 3}",
             "value": f"v{i % 5}", **({"source": ["ann", "bob", "agency"][i % 3]} if i % 2 else {})}
            for i in range(n)]


def test_parts_never_split_a_join_group(tmp_path):
    root = write_project(tmp_path, (ROOT / "rules" / "contradiction.yaml").read_text(encoding="utf-8"), _facts(60))
    program = compile_rules(load_rules([root / "rules"]))
    records = encode(load_facts([root / "facts"]).facts, program)
    parts = partition(records, program, 3)
    assert len(parts) == 3 and sum(map(len, parts)) == 60
    assert program.joins == (("_j0", ("attribute", "subject")),)
    homes = [{(r["subject"], r["attribute"]) for r in part} for part in parts]
    assert all(not (a & b) for i, a in enumerate(homes) for b in homes[i + 1:])


def test_jobs_give_identical_results(tmp_path):
    root = write_project(tmp_path, (ROOT / "rules" / "contradiction.yaml").read_text(encoding="utf-8"), _facts(80))
    for name in ("unattributed.yaml", "follow-up.yaml"):
        (root / "rules" / name).write_text((ROOT / "rules" / name).read_text(encoding="utf-8"), encoding="utf-8")
    one = check([root / "facts"], [root / "rules"], jobs=1)
    two = check([root / "facts"], [root / "rules"], jobs=2)
    assert one.flags and one.flags == two.flags


def test_seed_with_jobs_is_unchanged():
    assert check([ROOT / "facts"], [ROOT / "rules"], jobs=4).flags == check([ROOT / "facts"], [ROOT / "rules"]).flags


def test_derived_facts_keep_one_process(tmp_path):
    rules = """
    rules:
      - id: make
        family: f
        derive: {name: pair, fields: {subject: a.subject}}
        match:
          a: {kind: state}
          b: {subject: {same: a}}
    """
    root = write_project(tmp_path, rules, _facts(10))
    program = compile_rules(load_rules([root / "rules"]))
    records = encode(load_facts([root / "facts"]).facts, program)
    assert len(partition(records, program, 4)) == 1
