"""`check --output FORMAT=PATH`, the GitHub Actions defaults and the --max-warnings gate."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.cli import main
from engine.problems import EngineFailure
from engine.run import runner

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ["--output", "json=out/a.json", "--output", "markdown=out/b.md"]


@pytest.fixture
def project(seed_project):
    return seed_project


def single(capsys, fmt: str) -> str:
    main(["check", "--format", fmt, "--fail-on", "never"])
    return capsys.readouterr().out


def test_several_outputs_from_one_run_match_single_format_runs(project, capsys):
    assert main(["check", *OUTPUTS, "--output", "terminal=out/c.txt", "--format", "json"]) == 1
    stdout = capsys.readouterr().out
    # reports go to files: only the summary line on stdout, whatever --format says (issue 14)
    assert stdout == "16 flags (1 error, 9 warnings, 6 info) in 1 document, 32 facts, 12 rules\n"
    assert Path("out/a.json").read_text(encoding="utf-8") == single(capsys, "json")
    assert Path("out/b.md").read_text(encoding="utf-8") == single(capsys, "markdown")
    terminal = Path("out/c.txt").read_text(encoding="utf-8")
    assert terminal == single(capsys, "terminal") and "\x1b[" not in terminal
    assert sorted(p.name for p in Path("out").iterdir()) == ["a.json", "b.md", "c.txt"]  # no temporary files


def test_format_picks_stdout_and_a_bare_output_file_keeps_its_old_meaning(project, capsys):
    assert main(["check", "--format", "json", "--output", "plain.json", "--output", "markdown=b.md"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("16 flags (1 error, 9 warnings, 6 info)") and out.count("\n") == 1
    assert json.loads(Path("plain.json").read_text(encoding="utf-8"))["summary"]["flags"] == 16
    assert Path("b.md").read_text(encoding="utf-8").startswith("# claimrules report")


@pytest.mark.parametrize("argv,message", [
    (["--output", "xml=a.xml"], "unknown report format `xml`; known formats: github, html, json, junit, markdown"),
    (["--output", "json=a.json", "--output", "markdown=a.json"], "--output names a.json more than once"),
])
def test_bad_outputs_are_usage_errors(project, capsys, argv, message):
    assert main(["check", *argv]) == 2
    assert message in capsys.readouterr().err
    assert not list(Path().glob("a.*"))


def test_nothing_is_written_on_bad_input(project, capsys, monkeypatch):
    summary = project / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    (project / "rules" / "broken.yaml").write_text("rules:\n  - id: x\n    severty: error\n", encoding="utf-8")
    assert main(["check", *OUTPUTS]) == 2
    assert "rules/broken.yaml:3:5: error:" in capsys.readouterr().err
    assert not Path("out").exists() and summary.read_text(encoding="utf-8") == "before\n"


def _fail(program, records):
    raise EngineFailure("the engine returned error code 303")


def test_nothing_is_written_on_engine_failure(project, capsys, monkeypatch):
    monkeypatch.setattr(runner, "execute", _fail)
    assert main(["check", *OUTPUTS]) == 3
    captured = capsys.readouterr()
    assert "engine failure: the engine returned error code 303" in captured.err and captured.out == ""
    assert not Path("out").exists()


def test_github_actions_gets_annotations_and_an_appended_step_summary(project, capsys, monkeypatch):
    markdown = single(capsys, "markdown")
    summary = project / "summary.md"
    summary.write_text("## an earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check", "--output", "sarif=out/claimrules.sarif"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 16 and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out)
    assert json.loads(Path("out/claimrules.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert summary.read_text(encoding="utf-8") == "## an earlier step\n\n" + markdown
    assert main(["check", "--format", "json"]) == 1  # an explicit --format wins
    assert json.loads(capsys.readouterr().out)["summary"]["flags"] == 16
    assert summary.read_text(encoding="utf-8").count("# claimrules report") == 2


def test_step_summary_is_left_alone_outside_github_actions(project, capsys, monkeypatch):
    summary = project / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check"]) == 1
    assert capsys.readouterr().out.startswith("seeds/") and not summary.exists()


@pytest.mark.parametrize("limit,code", [("9", 0), ("8", 1), ("0", 1)])
def test_max_warnings(project, capsys, limit, code):
    assert main(["check", "--fail-on", "never", "--max-warnings", limit]) == code
    err = capsys.readouterr().err
    assert (f"claimrules: 9 warnings, more than --max-warnings {limit}" in err) == bool(code)


def test_max_warnings_counts_only_new_flags_against_a_baseline(project, capsys):
    assert main(["baseline"]) == 0
    assert main(["check", "--baseline", ".claimrules-baseline.json", "--max-warnings", "0"]) == 0


def test_max_warnings_must_be_a_count(project, capsys):
    assert main(["check", "--max-warnings", "-1"]) == 2
    assert "expected a whole number from 0" in capsys.readouterr().err


def test_configuration_supplies_outputs_and_gates_and_the_command_line_wins(project, capsys):
    Path("claimrules.yaml").write_text("outputs: {json: out/a.json, markdown: out/b.md}\nmax-warnings: 8\n"
                                       "fail-on: never\n", encoding="utf-8")
    assert main(["check"]) == 1  # 9 warnings > 8
    assert sorted(p.name for p in Path("out").iterdir()) == ["a.json", "b.md"]
    shutil.rmtree("out")
    assert main(["check", "--max-warnings", "9", "--output", "json=c.json"]) == 0
    assert Path("c.json").exists() and not Path("out").exists()  # --output replaces the configured outputs


def test_configured_baseline_is_written_and_used(project, capsys):
    Path("claimrules.yaml").write_text("baseline: known.json\n", encoding="utf-8")
    assert main(["baseline"]) == 0
    assert capsys.readouterr().out == "wrote 16 flags to known.json\n"
    assert main(["check", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["baseline"]["file"] == "known.json"
