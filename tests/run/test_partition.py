"""Parallel checks: facts split by join key give the same flags as one process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from kit import write_project

from engine.compile.compiler import compile_rules
from engine.compile.encode import encode
from engine.load.factfiles import load_facts
from engine.load.rules import load_rules
from engine.pipeline import check
from engine.problems import InputError
from engine.run.partition import partition

ROOT = Path(__file__).resolve().parents[2]


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


def _add_the_rest_of_the_pack(root: Path) -> None:
    """The default pack's other families beside contradiction.yaml: single-fact rules and `unless`."""
    for name in ("unattributed.yaml", "follow-up.yaml"):
        (root / "rules" / name).write_text((ROOT / "rules" / name).read_text(encoding="utf-8"), encoding="utf-8")


def test_jobs_give_identical_results(tmp_path, monkeypatch):
    from engine.run import runner

    monkeypatch.setattr(runner, "MIN_SPLIT", 0)  # split even these few facts
    root = write_project(tmp_path, (ROOT / "rules" / "contradiction.yaml").read_text(encoding="utf-8"), _facts(80))
    _add_the_rest_of_the_pack(root)
    one = check([root / "facts"], [root / "rules"], jobs=1)
    two = check([root / "facts"], [root / "rules"], jobs=2)
    assert one.flags and one.flags == two.flags


def test_seed_with_jobs_is_unchanged(monkeypatch):
    from engine.run import runner

    monkeypatch.setattr(runner, "MIN_SPLIT", 0)
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


def test_engine_parts_of_a_few_facts_give_identical_results(tmp_path, monkeypatch):
    """Parts are capped at runner.CHUNK facts, one fresh process each; a tiny cap must not change a flag."""
    from engine.run import runner

    root = write_project(tmp_path, (ROOT / "rules" / "contradiction.yaml").read_text(encoding="utf-8"), _facts(80))
    _add_the_rest_of_the_pack(root)
    whole = check([root / "facts"], [root / "rules"])
    started = []
    monkeypatch.setattr(runner, "CHUNK", 9)
    monkeypatch.setattr(runner, "MIN_SPLIT", 0)
    monkeypatch.setattr(runner._Worker, "__init__", _counting(runner._Worker.__init__, started))
    assert check([root / "facts"], [root / "rules"]).flags == whole.flags
    assert len(started) == 9  # 80 facts, about 9 a part: 9 processes, sharing out 21 join groups


def _counting(function, calls: list):
    def counted(*args, **kwargs):
        calls.append(1)
        return function(*args, **kwargs)
    return counted


# --- facts loaded in shards --------------------------------------------------------------------

def _shard_project(root: Path, files: int = 4, per_file: int = 6) -> Path:
    """`files` documents with their facts files; every fact cites an entity declared in the first file."""
    (root / "facts").mkdir(parents=True)
    (root / "docs").mkdir()
    for n in range(files):
        facts = [{"id": f"d{n}-f{i}", "text": f"claim {i}", "quote": f"Quote {i} of document {n}.", "kind": "state",
                  "subject": f"s{i % 3}", "attribute": "a", "value": f"v{(i + n) % 2}",
                  **({"source": "ann"} if i % 2 else {})} for i in range(per_file)]
        (root / "docs" / f"d{n}.txt").write_text("date 2026-01-0{}\n{}\n".format(
            n + 1, "\n".join(f["quote"] for f in facts)), encoding="utf-8")
        body = {"document": {"path": f"../docs/d{n}.txt"}, "facts": facts,
                **({"entities": [{"id": "ann", "name": "Ann", "type": "official"}]} if n == 0 else {})}
        (root / "facts" / f"d{n}.yaml").write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
    return root


def test_facts_in_shards_equal_facts_in_one_process(tmp_path, monkeypatch):
    from engine.load import shards

    root = _shard_project(tmp_path)
    one = load_facts([root / "facts"])
    monkeypatch.setattr(shards, "MIN_BYTES", 0)
    monkeypatch.setattr(shards, "load_files", _unreachable)  # the shards alone must do it
    sharded = shards.load_facts_in_shards([root / "facts"], 3)
    assert sharded == one  # facts, documents and entities
    assert [list(f.values.items()) for f in sharded.facts] == [list(f.values.items()) for f in one.facts]
    assert sharded.facts[1].get("source_type") == "official"  # resolved across shards


def _unreachable(*args):
    raise AssertionError("fell back to one process")


@pytest.mark.parametrize("spoil", ["bad-value", "duplicate-id-across-files", "entity-conflict-across-files",
                                   "undeclared-source"])
def test_facts_in_shards_report_problems_as_one_process_does(tmp_path, monkeypatch, spoil):
    from engine.load import shards

    root = _shard_project(tmp_path)
    last = root / "facts" / "d3.yaml"
    body = yaml.safe_load(last.read_text(encoding="utf-8"))
    if spoil == "bad-value":
        body["facts"][0]["hedged"] = "yes"
    elif spoil == "duplicate-id-across-files":
        body["facts"][0]["id"] = "d0-f0"
    elif spoil == "entity-conflict-across-files":
        body["entities"] = [{"id": "ann", "name": "Ann Other", "type": "person"}]
    else:
        body["facts"][1]["source"] = "nobody"
    last.write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as serial:
        load_facts([root / "facts"])
    monkeypatch.setattr(shards, "MIN_BYTES", 0)
    with pytest.raises(InputError) as sharded:
        shards.load_facts_in_shards([root / "facts"], 3)
    assert sharded.value.problems == serial.value.problems and len(serial.value.problems) == 1


def test_facts_past_the_join_cap_leave_their_group(tmp_path, monkeypatch):
    """Past --max-group a fact joins nothing, so it may go to any part: a hot subject still spreads."""
    from engine.compile.encode import limit_joins
    from engine.run import runner

    hot = [{**f, "subject": "s0", "attribute": "a0"} for f in _facts(12)]
    root = write_project(tmp_path, (ROOT / "rules" / "contradiction.yaml").read_text(encoding="utf-8"), hot)
    program = compile_rules(load_rules([root / "rules"]))
    records = encode(load_facts([root / "facts"]).facts, program)
    limit_joins(records, program, 3)
    parts = partition(records, program, 4)
    _add_the_rest_of_the_pack(root)  # flags of every kind for the comparison below
    assert sorted(map(len, parts)) == [3, 3, 3, 3]
    assert any(sum(r["_j0"] for r in part) == 3 for part in parts)  # the three joined facts stay together
    monkeypatch.setattr(runner, "MIN_SPLIT", 0)
    one = check([root / "facts"], [root / "rules"], max_group=3)
    assert one.flags and check([root / "facts"], [root / "rules"], max_group=3, jobs=4).flags == one.flags


def test_a_loader_process_that_dies_falls_back_to_one_process(tmp_path, monkeypatch):
    from engine.load import shards

    root = _shard_project(tmp_path)
    monkeypatch.setattr(shards, "MIN_BYTES", 0)
    monkeypatch.setattr(shards, "_load_shard", _die)
    fallbacks = []
    monkeypatch.setattr(shards, "load_files", _counting(shards.load_files, fallbacks))
    assert shards.load_facts_in_shards([root / "facts"], 3) == load_facts([root / "facts"])
    assert fallbacks == [1]


def _die(files):
    os._exit(9)  # as if the loader were killed for memory
