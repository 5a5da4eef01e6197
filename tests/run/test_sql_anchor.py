"""The bench's SQL anchor (bench/sql_anchor.py) finds exactly claimrules' flags on a generated corpus.

The anchor is what the speed table's ratios are read against, so it must stay the same work:
same rule, cited facts, position and message for every flag. DuckDB is a bench-only extra.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))


def test_the_sql_anchor_finds_the_same_flags(tmp_path, monkeypatch):
    pytest.importorskip("duckdb")
    from bench_anchor import flag_set
    from corpus import generate

    from engine.cli import main

    generate(2_400, tmp_path / "corpus")
    monkeypatch.chdir(ROOT)
    code = main(["check", str(tmp_path / "corpus" / "jsonl"), "--extra-root", str(tmp_path), "--jobs", "2",
                 "--format", "json", "-o", str(tmp_path / "ours.json"), "--fail-on", "never"])
    assert code == 0
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "sql_anchor.py"), str(tmp_path / "corpus" / "jsonl"),
                           str(tmp_path / "sql.json")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    ours, sql = flag_set(tmp_path / "ours.json", anchor=False), flag_set(tmp_path / "sql.json", anchor=True)
    rules = {flag[0] for flag in ours}
    assert len(ours) > 1000 and {"conflicting-state", "disputed-assessment", "open-plan"} <= rules
    assert ours == sql
    assert int(done.stdout) == len(json.loads((tmp_path / "sql.json").read_text(encoding="utf-8")))
