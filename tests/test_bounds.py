"""Every stage driven by input is bounded: --timeout-total covers the whole check, durations are validated."""

from __future__ import annotations

import json
import time

import pytest
from kit.loading import BASE_TREE, write_tree

from engine.cli import main
from engine.problems import EngineFailure
from engine.run import runner

ARTICLE = "The minister said talks would resume next week.\n"


def _many_facts(root, n: int, subjects: int = 500) -> None:
    """One article and `n` facts quoting it, as JSON Lines: quick to write, seconds to load."""
    lines = [json.dumps({"document": {"path": "../seeds/a.txt"}}),
             json.dumps({"entity": {"id": "minister", "name": "The minister", "type": "official"}})]
    lines += [json.dumps({"fact": {"id": f"f{i}", "text": "Talks will resume.", "quote": "talks would resume",
                                   "kind": "prediction", "source": "minister", "subject": f"s{i % subjects}"}})
              for i in range(n)]
    write_tree(root, {**BASE_TREE, "seeds/a.txt": ARTICLE, "facts/a.yaml": None,
                      "facts/a.jsonl": "\n".join(lines) + "\n"})


@pytest.fixture
def seed_tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, BASE_TREE)
    return tmp_path


@pytest.fixture
def quiet_env(monkeypatch):
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


def test_timeout_total_covers_loading_the_facts(tmp_path, monkeypatch, capsys, quiet_env):
    monkeypatch.chdir(tmp_path)
    _many_facts(tmp_path, 60_000)
    (tmp_path / "report.json").write_text("earlier", encoding="utf-8")
    started = time.monotonic()
    code = main(["check", "--timeout-total", "0.5", "--jobs", "1", "-o", "json=report.json"])
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    assert code == 3 and out == ""
    assert err == ("claimrules: the check did not finish within --timeout-total 0.5 s; stopped while loading the "
                   "facts\nno report was written\n")
    assert elapsed < 2.5, elapsed
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "earlier"


def test_a_check_within_its_timeout_leaves_no_timer_behind(tmp_path, monkeypatch, capsys, quiet_env):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, BASE_TREE)
    assert main(["check", "--timeout-total", "0.8", "--fail-on", "never"]) == 0
    time.sleep(1)  # a timer left running would raise here
    assert "1 flag" in capsys.readouterr().out


def test_timeout_total_stops_a_slow_engine(seed_tree, monkeypatch, capsys, quiet_env):
    monkeypatch.setattr(runner, "execute", lambda program, records: time.sleep(30))
    started = time.monotonic()
    code = main(["check", "--timeout-total", "0.5", "--timeout", "30", "-o", "json=report.json"])
    assert code == 3 and time.monotonic() - started < 5
    assert capsys.readouterr().err == ("claimrules: the check did not finish within --timeout-total 0.5 s; stopped "
                                       "while running the rules engine\nno report was written\n")
    assert not (seed_tree / "report.json").exists()


def test_timeout_is_per_engine_part_not_per_run(monkeypatch):
    """Three parts of 0.4 s each, one at a time, pass a 1 s --timeout: a big run is not a slow one."""
    def slow(program, records):
        time.sleep(0.4)
        return runner.Matches()
    monkeypatch.setattr(runner, "execute", slow)
    monkeypatch.setattr(runner, "MIN_SPLIT", 0)
    monkeypatch.setattr(runner, "partition", lambda records, program, wanted: [[r] for r in records])
    started = time.monotonic()
    done = runner.run_parts(None, [{"_id": "a"}, {"_id": "b"}, {"_id": "c"}], timeout=1.0, jobs=1)  # type: ignore[arg-type]
    assert len(done) == 3 and time.monotonic() - started > 1.0


def test_a_part_past_its_timeout_stops_the_run(monkeypatch):
    monkeypatch.setattr(runner, "execute", lambda program, records: time.sleep(30))
    started = time.monotonic()
    with pytest.raises(EngineFailure, match=r"^the rules engine did not finish within 0\.3 s and was stopped$"):
        runner.run_parts(None, [{"_id": "a"}], timeout=0.3, jobs=2)  # type: ignore[arg-type]
    assert time.monotonic() - started < 3


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e300", "86401", "0", "-1", "soon"])
@pytest.mark.parametrize("command", ["check", "test", "baseline"])
def test_a_timeout_that_is_not_a_sane_duration_is_a_usage_error(tmp_path, monkeypatch, capsys, quiet_env,
                                                                  command, value):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, BASE_TREE)
    assert main([command, f"--timeout={value}"]) == 2
    err = capsys.readouterr().err
    assert f"argument --timeout: expected a number of seconds above 0 and at most 86400, got '{value}'" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts", "rules", "seeds"]


@pytest.mark.parametrize("value", ["inf", "nan", "86401", "0", "soon"])
@pytest.mark.parametrize("command", ["check", "baseline"])
def test_a_timeout_total_that_is_not_a_sane_duration_is_a_usage_error(seed_tree, capsys, quiet_env, command, value):
    assert main([command, f"--timeout-total={value}"]) == 2
    err = capsys.readouterr().err
    assert f"argument --timeout-total: expected a number of seconds above 0 and at most 86400, got '{value}'" in err


@pytest.mark.parametrize("value", [".inf", ".nan", "1.0e+300", "-3", "0"])
def test_a_configured_timeout_is_validated_where_it_is_read(tmp_path, monkeypatch, capsys, quiet_env, value):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {**BASE_TREE, "claimrules.yaml": f"timeout: {value}\n"})
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "claimrules.yaml:1:10: error:" in err and "Traceback" not in err


THREE_WAY = """\
rules:
  - id: three-way
    family: test
    severity: info
    message: "{a.text}"
    match:
      a:
        kind: prediction
      b:
        kind: prediction
        subject: {same: a}
      c:
        kind: prediction
        subject: {same: a}
"""


def test_max_group_bounds_joins_of_three_facts_by_their_activations(tmp_path, monkeypatch, capsys, quiet_env):
    """g facts cost about g³ activations in a three-fact join: the cap is 30^(2/3) = 9, not 30 (27,000)."""
    monkeypatch.chdir(tmp_path)
    _many_facts(tmp_path, 120, subjects=1)
    write_tree(tmp_path, {"rules/r.yaml": THREE_WAY})
    code = main(["check", "--max-group", "30", "--format", "json", "--fail-on", "never"])
    out, err = capsys.readouterr()
    assert code == 0
    report = json.loads(out)
    assert "only the first 9 were joined by the rules joining 3 facts (cap 30² activations)" in err
    assert 0 < len(report["flags"]) <= 9 ** 3


@pytest.mark.parametrize("option,value,bound", [("--jobs", "100000", "64"), ("--max-group", "1" + "0" * 5000, "1,000,000"),
                                                ("--max-group", "-3", "1,000,000")])
def test_process_and_group_counts_are_bounded_where_read(tmp_path, monkeypatch, capsys, quiet_env, option, value,
                                                         bound):
    """A typo in --jobs would start that many engine processes at once; a huge --max-group overflowed."""
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, BASE_TREE)
    assert main(["check", f"{option}={value}"]) == 2
    err = capsys.readouterr().err
    assert f"expected a whole number from 0 to {bound}, got" in err and "Traceback" not in err
