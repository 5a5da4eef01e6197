"""Outputs never overwrite inputs, are written all or nothing, keep modes and links; empty runs are refused."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from kit.loading import snapshot

from engine.cli import main

ROOT = Path(__file__).resolve().parents[1]
FACTS = "facts/2026-01-29-rubio-venezuela-relations.yaml"
DOC = "seeds/2026-01-29-rubio-venezuela-relations.txt"


@pytest.fixture
def project(seed_project):
    return seed_project


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def rules_file() -> str:
    return "rules/" + sorted(os.listdir("rules"))[0]


# --- outputs never touch inputs -------------------------------------------------------------


@pytest.mark.parametrize("argv,what", [
    (["check", "-o", f"json={FACTS}"], f"the json report {FACTS} would overwrite the facts file {FACTS}"),
    (["check", "-o", "RULES"], "would overwrite the rules file RULES"),
    (["check", "-o", f"markdown={DOC}"], f"the markdown report {DOC} would overwrite the document {DOC}"),
    (["check", "-o", "json=alias.json"], f"the json report alias.json would overwrite the facts file {FACTS}"),
    (["check", "-o", "json=hard.json"], f"the json report hard.json would overwrite the facts file {FACTS}"),
    (["check", "--baseline", "known.json", "-o", "json=known.json"], "would overwrite the baseline known.json"),
    (["check", "--suppressions", "ok.yaml", "-o", "sarif=ok.yaml"], "would overwrite the suppressions ok.yaml"),
    (["baseline", "-o", FACTS], f"the baseline {FACTS} would overwrite the facts file {FACTS}"),
    (["baseline", "-o", DOC], f"the baseline {DOC} would overwrite the document {DOC}"),
])
def test_an_output_over_an_input_is_refused_before_anything_runs(project, capsys, argv, what):
    os.symlink(FACTS, "alias.json")
    os.link(FACTS, "hard.json")
    Path("known.json").write_text('{"version": 1, "tool": "claimrules", "flags": []}\n')
    Path("ok.yaml").write_text("[]\n")
    rules = rules_file()
    argv = [a.replace("RULES", rules) for a in argv]
    before = snapshot(project)
    code, err = run(capsys, *argv)
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("claimrules: the ") and err.endswith("; write it somewhere else\n")
    assert what.replace("RULES", rules) in err
    assert snapshot(project) == before


def test_a_configured_output_over_the_configuration_is_refused(project, capsys):
    Path("claimrules.yaml").write_text("outputs: {json: claimrules.yaml}\n")
    before = snapshot(project)
    assert run(capsys, "check") == (2, "claimrules: the json report claimrules.yaml would overwrite the "
                                       "configuration claimrules.yaml; write it somewhere else\n")
    assert snapshot(project) == before


def test_a_step_summary_over_an_input_is_refused(project, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", FACTS)
    before = snapshot(project)
    code, err = run(capsys, "check")
    assert code == 2 and "the job summary (GITHUB_STEP_SUMMARY) " in err and "would overwrite the facts file" in err
    assert snapshot(project) == before


# --- confinement of what the configuration names ----------------------------------------------


@pytest.mark.parametrize("config,message", [
    ("outputs: {sarif: ../out.sarif}\n", "claimrules.yaml:1:10: error: `outputs`: "),
    ("outputs: {sarif: /tmp/out.sarif}\n", "`outputs`: /tmp/out.sarif is outside the project [outside-root]"),
    ("baseline: ../known.json\n", "`baseline`: "),
    ("extends: [/etc]\n", "claimrules.yaml:1:10: error: `extends`: /etc is outside the project [outside-root]"),
    ("facts: [/etc]\n", "`facts`: /etc is outside the project"),
])
def test_configured_paths_stay_in_the_project(project, capsys, config, message):
    Path("claimrules.yaml").write_text(config)
    before = snapshot(project)
    code, err = run(capsys, "check")
    assert code == 2 and message in err and "[outside-root]" in err
    assert snapshot(project) == before


def test_an_extra_root_allows_articles_kept_elsewhere(project, capsys, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("archive")
    os.rename("seeds", elsewhere / "seeds")
    text = Path(FACTS).read_text().replace("../seeds/", f"{elsewhere}/seeds/")
    Path(FACTS).write_text(text)
    code, err = run(capsys, "check", "--fail-on", "never")
    assert code == 2 and "[outside-root]" in err and "--extra-root DIR" in err
    assert run(capsys, "check", "--fail-on", "never", "--extra-root", str(elsewhere)) == (0, "")
    Path("claimrules.yaml").write_text(f"extra-roots: [{elsewhere}]\nfail-on: never\n")
    assert run(capsys, "check") == (0, "")


def test_an_article_named_on_the_command_line_may_live_anywhere(project, capsys, tmp_path_factory):
    article = tmp_path_factory.mktemp("inbox") / "note.txt"
    article.write_text("date 2026-01-05\nThe council approved the budget, the mayor said.\n")
    code, err = run(capsys, "check", str(article), "--fail-on", "never")
    assert code == 0 and "extracted" in err


def test_the_document_size_limit_is_configurable(project, capsys):
    code, err = run(capsys, "check", "--max-document-bytes", "1000")
    assert code == 2 and f"{FACTS}:5:9: error: document {DOC} is " in err and "[too-large]" in err
    assert "over the limit of 1,000" in err
    Path("claimrules.yaml").write_text("max-document-bytes: 1000\n")
    assert run(capsys, "check")[0] == 2
    assert run(capsys, "check", "--max-document-bytes", "1000000", "--fail-on", "never") == (0, "")


# --- all or nothing, bad paths ---------------------------------------------------------------


def _reports() -> None:
    for name in ("a.json", "z.sarif"):
        Path(name).write_text("old report\n")


@pytest.mark.parametrize("middle,code,message", [
    ("junit=folder", 2, "claimrules: cannot write folder: it is a folder; name a file\n"),
    ("junit=a.json/x.xml", 2, "claimrules: cannot write a.json/x.xml: a.json is a file, not a folder\n"),
    ("junit=/proc/claimrules/x.xml", 2, "claimrules: cannot write /proc/claimrules/x.xml: No such file or "
     "directory; no file was replaced\n"),
    ("junit=/dev/full", 3, "claimrules: cannot write /dev/full: No space left on device; no file was replaced\n"),
])
def test_no_report_is_replaced_when_one_cannot_be_written(project, capsys, middle, code, message):
    _reports()
    Path("folder").mkdir()
    before = snapshot(project)
    assert run(capsys, "check", "-o", "json=a.json", "-o", middle, "-o", "sarif=z.sarif") == (code, message)
    assert snapshot(project) == before  # a.json and z.sarif as they were, no temporary file, no new folder


def test_new_folders_are_taken_away_when_the_write_fails(project, capsys):
    assert run(capsys, "check", "-o", "json=new/deeper/a.json", "-o", "sarif=/dev/full")[0] == 3
    assert not Path("new").exists()


def test_a_step_summary_that_names_a_folder_replaces_no_report(project, capsys, monkeypatch):
    _reports()
    Path("folder").mkdir()
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", "folder")
    before = snapshot(project)
    assert run(capsys, "check", "-o", "json=a.json") == (2, "claimrules: cannot write folder: it is a folder; "
                                                            "name a file\n")
    assert snapshot(project) == before


def test_baseline_to_a_bad_path_is_a_clear_error(project, capsys):
    Path("file").write_text("x\n")
    before = snapshot(project)
    assert run(capsys, "baseline", "-o", "file/b.json") == (2, "claimrules: cannot write file/b.json: file is a "
                                                                "file, not a folder\n")
    assert run(capsys, "baseline", "-o", "/dev/full")[0] == 3
    assert snapshot(project) == before


@pytest.mark.parametrize("command", [["check", "--format", "json"], ["lint"], ["baseline"]])
def test_stdout_on_a_full_disk_is_a_clear_error(project, command):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "engine", *command], stdout=full,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 3
    assert done.stderr == "claimrules: cannot write the report to stdout: No space left on device\n"


# --- modes and links -------------------------------------------------------------------------


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_get_the_mode_open_gives_under_the_umask(project, capsys, umask, mode):
    old = os.umask(umask)
    try:
        assert main(["check", "-o", "json=out/a.json"]) == 1
        assert main(["baseline", "-o", "b.json"]) == 0
        assert main(["init", "new"]) == 0
    finally:
        os.umask(old)
    for path in ("out/a.json", "b.json", "new/claimrules.yaml", "new/rules/sample.yaml"):
        assert os.stat(path).st_mode & 0o777 == mode, path


def test_an_existing_output_keeps_its_mode(project, capsys):
    Path("a.json").write_text("old\n")
    os.chmod("a.json", 0o640)
    assert main(["check", "-o", "json=a.json"]) == 1
    assert os.stat("a.json").st_mode & 0o777 == 0o640 and Path("a.json").read_text() != "old\n"


def test_a_symlinked_output_updates_its_target(project, capsys):
    Path("reports").mkdir()
    Path("reports/a.json").write_text("old\n")
    os.symlink("reports/a.json", "latest.json")
    assert main(["check", "-o", "json=latest.json"]) == 1
    assert os.readlink("latest.json") == "reports/a.json"
    assert Path("reports/a.json").read_text().startswith("{")
    assert sorted(os.listdir("reports")) == ["a.json"]


def test_aliases_of_one_output_are_named_twice(project, capsys):
    Path("a.json").write_text("old\n")
    os.symlink("a.json", "b.json")
    before = snapshot(project)
    assert run(capsys, "check", "-o", "json=a.json", "-o", "sarif=b.json") == (
        2, "claimrules: --output names b.json more than once (as a.json)\n")
    assert snapshot(project) == before


# --- empty runs ------------------------------------------------------------------------------


def test_an_empty_facts_folder_is_bad_input_unless_allowed(project, capsys):
    for path in Path("facts").iterdir():
        path.unlink()
    code, err = run(capsys, "check")
    assert code == 2
    assert err.startswith("facts:1:1: error: no facts to check [no-facts]\n  hint: searched facts/ for .yaml, "
                          ".yml and .jsonl files and .txt and .md articles; name facts files, articles or folders, "
                          "or pass --allow-empty\n")
    assert run(capsys, "check", "--allow-empty") == (0, "")
    assert run(capsys, "baseline")[0] == 2


def test_an_empty_rules_file_is_bad_input_unless_allowed(project, capsys):
    Path("empty.yaml").write_text("rules: []\n")
    code, err = run(capsys, "check", "--rules", "empty.yaml")
    assert code == 2 and "empty.yaml:1:1: error: no rules to check [no-rules]" in err and "searched empty.yaml" in err
    assert run(capsys, "check", "--rules", "empty.yaml", "--allow-empty") == (0, "")


def test_sarif_uris_stay_relative_to_the_project_root(project, capsys):
    assert main(["check", "-o", "sarif=r.sarif"]) == 1
    text = Path("r.sarif").read_text()
    uris = [loc["physicalLocation"]["artifactLocation"] for run in json.loads(text)["runs"]
            for result in run["results"] for loc in result["locations"]]
    assert uris and all(u == {"uri": DOC, "uriBaseId": "%SRCROOT%"} for u in uris) and "file:" not in text


def test_a_folder_that_may_not_be_written_is_a_bad_path(project, capsys, monkeypatch):
    """Root can write anywhere, so the refusal a read-only folder gives is simulated where it happens."""
    real = tempfile.mkstemp

    def refuse(*args, dir=None, **kwargs):
        if Path(dir).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(dir))
        return real(*args, dir=dir, **kwargs)

    _reports()
    Path("locked").mkdir()
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    before = snapshot(project)
    assert run(capsys, "check", "-o", "json=a.json", "-o", "junit=locked/j.xml", "-o", "sarif=z.sarif") == (
        2, "claimrules: cannot write locked/j.xml: Permission denied; no file was replaced\n")
    assert snapshot(project) == before


def test_an_interrupt_while_writing_replaces_no_file(project, capsys, monkeypatch):
    """A signal that lands while the reports are staged: every temporary file goes, no report is replaced."""
    from engine.commands import outputs
    from engine.safety.interrupt import Interrupted

    staged = []

    def stage_then_interrupt(job, made):
        staged.append(job.path)
        if len(staged) == 2:
            raise Interrupted(signal.SIGTERM)
        return real(job, made)

    real = outputs._stage
    _reports()
    monkeypatch.setattr(outputs, "_stage", stage_then_interrupt)
    before = snapshot(project)
    assert run(capsys, "check", "-o", "json=a.json", "-o", "sarif=z.sarif", "-o", "json=new/b.json") == (
        143, "claimrules: interrupted\n")
    assert snapshot(project) == before


def test_the_project_root_is_the_configuration_files_folder(project, capsys):
    Path("sub").mkdir()
    Path("sub/claimrules.yaml").write_text("facts: [../facts]\n")
    code, err = run(capsys, "check", "--config", "sub/claimrules.yaml")
    assert code == 2 and err.startswith("sub/claimrules.yaml:1:8: error: `facts`: facts is outside the project")
    Path("sub/claimrules.yaml").write_text("fail-on: never\n")  # the default facts/ is the config's …
    code, err = run(capsys, "check", "--config", "sub/claimrules.yaml")
    assert code == 2 and "hint: searched sub/facts (not there)" in err
    named = ["check", "facts", "--rules", "rules", "--config", "sub/claimrules.yaml"]  # … facts named are the caller's
    code, err = run(capsys, *named)
    assert code == 2 and f"error: document is outside the project: {DOC} [outside-root]" in err  # … not its documents
    assert run(capsys, *named, "--extra-root", ".") == (0, "")
