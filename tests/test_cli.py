"""The command line: exit codes, output files, determinism and engine isolation."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine.cli import main
from engine.run import runner

ROOT = Path(__file__).resolve().parents[1]




@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown"])
def test_same_input_gives_byte_identical_reports(seed_project, capsys, fmt):
    outputs = []
    for _ in range(2):
        assert main(["check", "--format", fmt, "--fail-on", "never"]) == 0
        outputs.append(capsys.readouterr().out)
    # The rule's id names its one flag, and in terminal and Markdown its help, given once per report.
    assert outputs[0] == outputs[1] and outputs[0].count("conflicting-state") == (1 if fmt == "json" else 2)


@pytest.mark.parametrize("fail_on,code", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_exit_code_follows_fail_on(seed_project, capsys, fail_on, code):
    assert main(["check", "--format", "json", "--fail-on", fail_on]) == code


def test_clean_project_exits_zero(seed_project, capsys):
    (seed_project / "rules" / "contradiction.yaml").unlink()
    assert main(["check"]) == 0  # the remaining flags are warnings and info
    assert main(["check", "--fail-on", "warning"]) == 1


def test_output_file_gets_the_report_and_stdout_the_summary(seed_project, capsys):
    assert main(["check", "--format", "json", "--output", "out/report.json", "--fail-on", "never"]) == 0
    report = json.loads((seed_project / "out" / "report.json").read_text(encoding="utf-8"))
    out = capsys.readouterr().out
    assert out.startswith(f"{len(report['flags'])} flags (1 error")
    assert sorted(p.name for p in (seed_project / "out").iterdir()) == ["report.json"]


@pytest.mark.parametrize("argv", [["check", "--format", "xml"], ["check", "--timeout", "0"], ["frobnicate"],
                                  ["check", "--fail-on", "sometimes"]])
def test_usage_errors_exit_two(seed_project, capsys, argv):
    assert main(argv) == 2
    assert capsys.readouterr().err


def test_an_empty_folder_is_nothing_to_check_and_says_what_was_searched(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "running the bundled default pack" in err  # no rules/ folder: not a missing file called `rules`
    assert "facts:1:1: error: no facts to check [no-facts]" in err
    assert "hint: searched facts (not there) for .yaml, .yml and .jsonl files and .txt and .md articles" in err
    assert "not-found" not in err


def test_folders_named_on_the_command_line_must_exist(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check", "facts", "--rules", "rules"]) == 2
    err = capsys.readouterr().err
    assert "rules:1:1: error: no such file or folder [not-found]" in err
    assert "facts:1:1: error: no such file or folder [not-found]" in err


def _crash(program, records):
    os.kill(os.getpid(), signal.SIGSEGV)


def _hang(program, records):
    time.sleep(60)


def _fail(program, records):
    raise runner.EngineFailure("the engine returned error code 303")


@pytest.mark.parametrize("fault,timeout,message", [
    (_crash, "30", "the rules engine crashed (killed by SIGSEGV)"),
    (_hang, "0.5", "the rules engine did not finish within 0.5 s and was stopped"),
    (_fail, "30", "the engine returned error code 303"),
], ids=["crash", "hang", "engine-error"])
def test_engine_failure_is_exit_three_with_no_report(seed_project, capsys, monkeypatch, fault, timeout, message):
    monkeypatch.setattr(runner, "execute", fault)  # the forked engine process runs the fault
    started = time.monotonic()
    code = main(["check", "--format", "json", "--output", "report.json", "--timeout", timeout])
    captured = capsys.readouterr()
    assert code == 3
    assert f"claimrules: engine failure: {message}" in captured.err
    assert "no report was written" in captured.err and "Traceback" not in captured.err
    assert captured.out == "" and not (seed_project / "report.json").exists()
    assert time.monotonic() - started < 20


def test_quiet_by_default_and_verbose_on_request(seed_project, capsys):
    main(["check", "--fail-on", "never"])
    assert capsys.readouterr().err == ""
    main(["check", "--fail-on", "never", "-vv", "--stats"])
    err = capsys.readouterr().err
    assert "DEBUG" in err and "engine=" in err


def test_real_subprocess_run_on_the_seed():
    """The installed entry point, as a user runs it: JSON on stdout, nothing on stderr, exit 1."""
    done = subprocess.run([sys.executable, "-m", "engine", "check", "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    report = json.loads(done.stdout)
    assert report["summary"]["by_severity"]["error"] == 1


def test_output_to_a_device_is_written_not_replaced(seed_project, capsys):
    """Renaming a temporary file over /dev/null would turn the device into a file (as root)."""
    before = os.stat("/dev/null")
    assert main(["check", "--format", "json", "--output", "/dev/null", "--fail-on", "never"]) == 0
    after = os.stat("/dev/null")
    assert (after.st_mode, after.st_rdev, after.st_ino) == (before.st_mode, before.st_rdev, before.st_ino)
