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
    *out, verdict = capsys.readouterr().out.splitlines()
    assert len(out) == 16 and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out)
    assert verdict == ("claimrules: 16 flags (1 error, 9 warnings, 6 info) in 1 document, 32 facts, 12 rules; "
                       "fails: 1 at or above --fail-on error")  # the job log says why it failed
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


# Lines of `claimrules check` on the seed before the report became a worklist (one block per
# flag, sorted by position, help under each: 16 blocks, 79 lines, the error the sixth block).
LINES_BEFORE = 79


def test_the_seed_worklist_leads_with_the_error_and_halves_with_min_severity(project, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["check", "--min-severity", "warning"]) == 1  # the exit code still follows --fail-on
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) <= LINES_BEFORE // 2 and max(map(len, lines)) <= 80
    assert lines[0] == "seeds/2026-01-29-rubio-venezuela-relations.txt"
    assert lines[1].startswith("  3:263 error: US embassy in Caracas operating status: “staffed” conflicts with")
    assert not any(" info: " in line for line in lines)
    assert lines[-1] == "16 flags (1 error, 9 warnings, 6 info hidden) in 1 document, 32 facts, 12 rules"
    assert main(["check", "--min-severity", "error", "--fail-on", "warning"]) == 1
    assert "warning:" not in capsys.readouterr().out


def test_min_severity_in_the_config(project, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    Path("claimrules.yaml").write_text("min-severity: error\n", encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert " error: " in out and " warning: " not in out and "9 warnings hidden" in out
    assert main(["check", "--min-severity", "info"]) == 1  # the command line wins
    assert " info: " in capsys.readouterr().out


@pytest.mark.parametrize("line,message", [
    ("min-severity: warn", "`min-severity`: did you mean `warning`?"),
    ("help-uri: docs/{rule}.html", "`help-uri`: expected an http(s) URL with `{rule}` for the rule id"),
    ("help-uri: https://x.org/{id}", "`help-uri`: expected an http(s) URL with `{rule}` for the rule id"),
    ("information-uri: ftp://x.org", "`information-uri`: expected an http(s) URL, e.g. https://example.org/checks"),
    ("markdown-max-bytes: 0", "`markdown-max-bytes`: expected a whole number, 1 or more"),
])
def test_new_config_keys_are_validated_with_their_location(project, capsys, line, message):
    Path("claimrules.yaml").write_text(f"fail-on: error\n{line}\n", encoding="utf-8")
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert f"claimrules.yaml:2:{line.index(':') + 3}: error: {message}" in err and "[invalid-value]" in err


def test_sarif_carries_the_configured_help_and_information_uris(project, capsys):
    Path("claimrules.yaml").write_text("help-uri: https://news.example/rules/{rule}\n"
                                       "information-uri: https://news.example/checks\n", encoding="utf-8")
    assert main(["check", "--format", "sarif"]) == 1
    driver = json.loads(capsys.readouterr().out)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://news.example/checks"
    assert {r["id"]: r["helpUri"] for r in driver["rules"]}["open-plan"] == "https://news.example/rules/open-plan"
    Path("claimrules.yaml").write_text("fail-on: error\n", encoding="utf-8")
    assert main(["check", "--format", "sarif"]) == 1
    driver = json.loads(capsys.readouterr().out)["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver and not any("helpUri" in r for r in driver["rules"])


def test_under_actions_a_passing_run_says_why_it_passes(project, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert main(["check", "--fail-on", "never"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("; passes: --fail-on never")
    assert main(["check", "--fail-on", "error", "--rules", "rules/unattributed.yaml"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("; passes: nothing at or above --fail-on error")
    assert main(["check", "--max-warnings", "3"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].endswith("; fails: 1 at or above --fail-on error")
    assert main(["check", "--max-warnings", "3", "--fail-on", "never"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].endswith("; fails: 9 warnings, more than --max-warnings 3")


def test_junit_fails_only_on_errors_with_fail_on_error(project, capsys):
    import xml.etree.ElementTree as ET
    assert main(["check", "--fail-on", "error", "--output", "junit=out/j.xml"]) == 1
    root = ET.parse("out/j.xml").getroot()
    assert [f.get("type") for f in root.iter("failure")] == ["error"]
    assert root.get("failures") == "1" and root.get("skipped") == "7"  # the 7 other rules that flagged something
    assert main(["check", "--fail-on", "warning", "--output", "junit=out/j.xml"]) == 1
    root = ET.parse("out/j.xml").getroot()
    assert sorted({f.get("type") for f in root.iter("failure")}) == ["error", "warning"]


def test_under_actions_a_capped_job_summary_points_to_the_run(project, capsys, monkeypatch):
    summary = project / "summary.md"
    for name, value in [("GITHUB_ACTIONS", "true"), ("GITHUB_STEP_SUMMARY", str(summary)),
                        ("GITHUB_SERVER_URL", "https://github.com"), ("GITHUB_REPOSITORY", "news/desk"),
                        ("GITHUB_RUN_ID", "7")]:
        monkeypatch.setenv(name, value)
    assert main(["check", "--max-bytes", "3000", "--output", "html=out/report.html"]) == 1
    text = summary.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 3000
    assert text.rstrip().endswith("The full report: out/report.html or <https://github.com/news/desk/actions/runs/7>.")
