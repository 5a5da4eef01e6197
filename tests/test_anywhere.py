"""Issue 14: claimrules outside this repository: first run, config discovery, CI action, pre-commit, editors.

The article texts here are invented. Tests that start the real command line in a subprocess use
`python -m engine` from this checkout; tests/test_installed.py repeats the first-run ones from a wheel.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pty
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from kit import run_cli

from engine.authoring.jsonschemas import dump
from engine.cli import build_parser
from engine.commands import COMMANDS, check, progress
from engine.pipeline import Stages

ROOT = Path(__file__).resolve().parents[1]
ENGINE = [sys.executable, "-m", "engine"]
CLEAN = "date 2026-03-02\nMaria Lopez, the head librarian, said the library opens a new reading room on Monday.\n"
# two sources giving one budget different values: flags of the default pack, whatever the extractor's details
FLAGGED = textwrap.dedent("""\
    date 2026-03-02
    The city budget is 40 million euros, the mayor said on Monday.
    Unnamed officials said the plan was a disaster.
    The council said the budget would be cut next year.
    According to the treasurer, the budget is 55 million euros.
    """)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT",
                                                           "NO_COLOR", "FORCE_COLOR")}
    return {**env, "PYTHONPATH": str(ROOT), **extra}


# --- a first run anywhere --------------------------------------------------------------------


def test_an_article_alone_is_extracted_and_checked_with_the_bundled_pack(tmp_path):
    (tmp_path / "article.txt").write_text(FLAGGED, encoding="utf-8")
    code, out, err = run_cli(["check", "article.txt", "--fail-on", "warning"], tmp_path)
    assert code == 1, err
    assert "no rules/ folder and no rules in a configuration: running the bundled default pack" in err
    assert re.search(r"^article\.txt\n +\d+:\d+ (error|warning): ", out, re.M)
    assert re.search(r"^\d+ flags? \(.*\) in 1 document, \d+ facts, 12 rules$", out, re.M)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]  # the draft stays in a temp folder


def test_extends_default_alone_runs_the_pack_without_a_rules_folder(tmp_path):
    (tmp_path / "claimrules.yaml").write_text("extends: [default]\nfacts: [articles]\nfail-on: never\n")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(FLAGGED, encoding="utf-8")
    (tmp_path / "articles" / "b.md").write_text(CLEAN, encoding="utf-8")
    code, out, err = run_cli(["check"], tmp_path)
    assert code == 0, err
    assert "bundled default pack" not in err  # the configuration chose it
    assert re.search(r"in 2 documents, \d+ facts, 12 rules$", out.strip())  # a folder of .md articles is checked


def test_a_subfolder_uses_its_projects_configuration_and_shows_paths_as_typed(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.claimrules]\nfacts = ["articles"]\n'
                                             'fail-on = "never"\n')
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(FLAGGED, encoding="utf-8")
    (tmp_path / "desk" / "drafts").mkdir(parents=True)
    code, out, err = run_cli(["check"], tmp_path / "desk" / "drafts")
    assert code == 0, err  # fail-on never came from ../../pyproject.toml
    assert re.search(r"^\.\./\.\./articles/a\.txt\n +\d+:\d+ ", out, re.M)
    (tmp_path / "claimrules.yaml").write_text("facts: [articles]\nfail-on: never\nbaseline: 3\n")  # nearer wins
    code, out, err = run_cli(["check"], tmp_path / "desk")
    assert code == 2 and err.startswith("../claimrules.yaml:3:11: error: `baseline`: expected a path [invalid-value]")


def test_a_config_in_a_parent_is_found_and_its_paths_are_relative_to_it(tmp_path):
    (tmp_path / "claimrules.yaml").write_text("rules: [missing-rules]\n")
    (tmp_path / "sub").mkdir()
    code, out, err = run_cli(["check", "--allow-empty"], tmp_path / "sub")
    assert code == 2
    assert "../missing-rules:1:1: error: no such file or folder [not-found]" in err


def test_nothing_to_check_is_exit_2_naming_what_was_searched(tmp_path):
    (tmp_path / "notes.md").write_text(CLEAN, encoding="utf-8")  # an article not named is not checked
    code, out, err = run_cli(["check"], tmp_path)
    assert (code, out) == (2, "")
    assert "facts:1:1: error: no facts to check [no-facts]" in err
    assert "searched facts (not there) for .yaml, .yml and .jsonl files and .txt and .md articles" in err
    code, out, err = run_cli(["check", "--allow-empty"], tmp_path)
    assert code == 0 and out.startswith("no flags in 0 documents")


def test_lint_test_and_explain_use_the_bundled_pack_in_an_empty_folder(tmp_path):
    code, out, err = run_cli(["explain", "vague-source"], tmp_path)
    assert code == 0 and out.startswith("vague-source (unattributed, warning)") and "bundled default pack" in err
    code, out, err = run_cli(["test", "-k", "vague-source"], tmp_path)
    assert code == 0 and re.search(r"^\d+ passed, 0 failed$", out, re.M)
    assert run_cli(["lint"], tmp_path)[:2] == (0, "no problems\n")


# --- conventions -----------------------------------------------------------------------------


def _walk(parser: argparse.ArgumentParser, trail: str = "claimrules"):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _walk(sub, f"{trail} {name}")
        else:
            yield trail, action


def test_every_option_and_argument_has_help_text():
    seen = list(_walk(build_parser()))
    assert {trail for trail, _ in seen} >= {f"claimrules {name}" for name in COMMANDS}
    missing = [f"{trail} {action.option_strings or action.dest}" for trail, action in seen
               if not action.help or action.help == argparse.SUPPRESS]
    assert missing == []


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_version_on_every_subcommand(command, tmp_path):
    code, out, err = run_cli([*command.split(), "--version"], tmp_path)
    assert (code, out, err) == (0, "claimrules 0.1.0\n", "")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("env,tty,color", [
    ({}, True, True), ({}, False, False), ({"NO_COLOR": ""}, True, True), ({"NO_COLOR": "1"}, True, False),
    ({"FORCE_COLOR": "1"}, False, True), ({"FORCE_COLOR": ""}, False, False),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),
])
def test_no_color_only_when_set_and_not_empty_and_force_color(monkeypatch, env, tty, color):
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = _Tty() if tty else io.StringIO()
    assert check._color(argparse.Namespace(color="auto"), stream) is color
    assert check._color(argparse.Namespace(color="never"), _Tty()) is False


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_know_every_command_and_option(shell, tmp_path):
    code, out, err = run_cli(["completion", shell], tmp_path)
    assert code == 0 and err == ""
    for word in [*COMMANDS, "--fail-on", "--max-warnings", "--allow-empty", "--color"]:
        assert (word if shell != "fish" else word.lstrip("-")) in out, word  # fish: `-l allow-empty`
    if shell == "bash":
        (tmp_path / "c.bash").write_text(out)
        assert subprocess.run(["bash", "-n", str(tmp_path / "c.bash")]).returncode == 0


# --- editors ---------------------------------------------------------------------------------


def test_schema_write_puts_the_schemas_beside_the_project(tmp_path):
    code, out, err = run_cli(["schema", "--write", "schemas"], tmp_path)
    assert code == 0, err
    for kind in ("config", "facts", "rules"):
        assert (tmp_path / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8") == dump(kind)
        assert f"# yaml-language-server: $schema=schemas/{kind}.schema.json" in out
    assert run_cli(["schema"], tmp_path)[0] == 2
    assert run_cli(["schema", "rules", "--write", "x"], tmp_path)[0] == 2


def test_init_files_name_schemas_that_init_wrote(tmp_path):
    assert run_cli(["init", "new"], tmp_path)[0] == 0
    named = 0
    for path in (tmp_path / "new").rglob("*.yaml"):
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", path.read_text(encoding="utf-8").splitlines()[0])
        assert match, path
        assert (path.parent / match.group(1)).is_file()
        named += 1
    assert named == 3
    assert run_cli(["check"], tmp_path / "new")[0] == 0


# --- feedback on long runs -------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import generate

    folder = tmp_path_factory.mktemp("progress")
    generate(20_000, folder)
    return folder


CHECK_BIG = [*ENGINE, "check", "jsonl", "--rules", str(ROOT / "rules"), "--fail-on", "never", "--jobs", "2",
             "-o", "json=report.json"]


def _in_pty(argv: list[str], cwd: Path) -> tuple[int, str, str]:
    """`argv` with stderr on a pseudo-terminal: exit code, stdout, what the terminal got."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=slave, env=_env())
    os.close(slave)
    seen = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen.append(chunk)
    out, _ = proc.communicate(timeout=300)
    os.close(master)
    return proc.returncode, out.decode(), b"".join(seen).decode(errors="replace")


def test_a_terminal_sees_stages_parts_and_facts_per_second(corpus):
    code, out, err = _in_pty(CHECK_BIG, corpus)
    assert code == 0, err[-2000:]
    assert re.fullmatch(r"[\d,]+ flags \(.*\) in 100 documents, 20,000 facts, 12 rules\n", out)  # --output: summary
    shown = err.replace("\r\n", "\n").split("\r")
    assert any("claimrules:" in s and "facts…" in s for s in shown)  # the loading stage
    assert any(re.search(r"claimrules: .* engine \d/\d parts, 20,000 facts, [\d,]+ facts/s$", s) for s in shown)
    assert shown[-1].strip() == ""  # the bar wipes itself before the summary


def test_no_terminal_no_progress(corpus):
    # the same command on a tenth of the corpus (several engine parts still: --jobs 2 splits from 2,000 facts)
    files = sorted(str(p.relative_to(corpus)) for p in (corpus / "jsonl").glob("*.jsonl"))[:10]
    argv = [*CHECK_BIG[:4], *files, *CHECK_BIG[5:]]
    done = subprocess.run(argv, cwd=corpus, capture_output=True, text=True, env=_env(), timeout=300)
    assert done.returncode == 0 and done.stderr == ""
    assert re.fullmatch(r"[\d,]+ flags \(.*\) in 10 documents, 2,000 facts, 12 rules\n", done.stdout)


def test_quiet_verbose_or_not_a_terminal_attaches_no_listener():
    stages = Stages()
    for stream, options in ((_Tty(), {"quiet": True}), (_Tty(), {"verbose": 1}), (io.StringIO(), {})):
        with progress.shown(stages, stream, argparse.Namespace(**{"quiet": False, "verbose": 0, **options})):
            assert stages.listeners == []
        assert stream.getvalue() == ""
    stream = _Tty()
    with progress.shown(stages, stream, argparse.Namespace(quiet=False, verbose=0)):
        assert len(stages.listeners) == 1
        with stages.time("rules"):
            pass
    assert stages.listeners == [] and "rules…" in stream.getvalue()


# --- CI: the action's script, in a repository with articles and a config only ----------------


def _repository(root: Path, config: str) -> Path:
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "articles").mkdir()
    (root / "articles" / "budget.md").write_text(FLAGGED, encoding="utf-8")
    (root / "articles" / "library.txt").write_text(CLEAN, encoding="utf-8")
    (root / "claimrules.yaml").write_text(config, encoding="utf-8")
    return root


def _action(repo: Path, **inputs: str) -> tuple[subprocess.CompletedProcess, Path, Path]:
    summary, outputs = repo.parent / "summary.md", repo.parent / "outputs.txt"
    summary.write_text("## an earlier step\n", encoding="utf-8")
    env = _env(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary), GITHUB_OUTPUT=str(outputs),
               CLAIMRULES=shlex.join(ENGINE), **inputs)
    done = subprocess.run(["bash", str(ROOT / ".github" / "action" / "check.sh")], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)
    return done, summary, outputs


def test_the_action_script_follows_the_repositorys_config(tmp_path):
    repo = _repository(tmp_path / "repo", "facts: [articles]\nfail-on: warning\n")
    assert not (repo / "rules").exists()
    done, summary, outputs = _action(repo, SARIF="claimrules.sarif")
    assert done.returncode == 1, done.stderr  # fail-on: warning from the config
    sarif = json.loads((repo / "claimrules.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"articles/budget.md"}
    lines = done.stdout.splitlines()
    assert lines[:-1] and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines[:-1])
    assert lines[-1] == "claimrules: 2 flags (2 warnings) in 2 documents, 5 facts, 12 rules; fails: 2 at or above --fail-on warning"
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## an earlier step\n") and "# claimrules report" in text
    assert outputs.read_text(encoding="utf-8") == "exit-code=1\n"


def test_the_action_inputs_override_and_extra_args_pass_through(tmp_path):
    repo = _repository(tmp_path / "repo", "facts: [articles]\nfail-on: warning\n")
    done, _, outputs = _action(repo, FAIL_ON="never", ARGS="--max-warnings 0", SARIF="out/c.sarif")
    assert done.returncode == 1, done.stderr  # never fails on severity, but more than 0 warnings does
    assert "more than --max-warnings 0" in done.stderr and (repo / "out" / "c.sarif").is_file()
    done, _, outputs = _action(repo, FAIL_ON="never", PATHS="articles/library.txt", SARIF="")
    assert done.returncode == 0 and not (repo / "claimrules.sarif").exists(), done.stderr
    assert outputs.read_text(encoding="utf-8").endswith("exit-code=0\n")


def test_the_action_script_exits_2_on_bad_input_and_writes_nothing(tmp_path):
    repo = _repository(tmp_path / "repo", "facts: [articles]\nfail-on: sometimes\n")
    done, summary, _ = _action(repo, SARIF="claimrules.sarif")
    assert done.returncode == 2 and "claimrules.yaml:2:10: error:" in done.stderr
    assert not (repo / "claimrules.sarif").exists() and summary.read_text(encoding="utf-8") == "## an earlier step\n"


def test_action_yml_forces_no_paths_or_rules_and_caches_the_engine_wheel():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert "rules" not in action["inputs"]
    assert all(action["inputs"][name]["default"] == "" for name in ("config", "paths", "fail-on", "args"))
    steps = action["runs"]["steps"]
    cache = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache@"))
    assert cache["with"]["key"] == "${{ steps.key.outputs.key }}"
    key = next(s for s in steps if s.get("id") == "key")["run"]
    assert "python-version" in str(next(s for s in steps if s.get("id") == "key")["env"]) and "pyproject.toml" in key
    scripts = [s["run"] for s in steps if "run" in s and ".github/action/" in s["run"]]
    assert len(scripts) == 2 and all((ROOT / re.search(r"\.github/action/\S+\.sh", r).group(0)).is_file()
                                     for r in scripts)
    check_env = next(s for s in steps if s.get("id") == "check")["env"]
    assert set(check_env) == {"CONFIG", "PATHS", "FAIL_ON", "ARGS", "SARIF", "BASELINE", "SUPPRESSIONS"}


# --- pre-commit ------------------------------------------------------------------------------


def _hook() -> dict:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return hook


@pytest.mark.parametrize("path,runs", [
    ("articles/budget.md", True), ("seeds/a.txt", True), ("facts/a.yaml", True), ("facts/big.jsonl", True),
    ("rules/mine.yml", True), ("claimrules.yaml", True), ("sub/pyproject.toml", True),
    (".claimrules-suppressions.yaml", True), ("src/app.py", False), ("logo.png", False),
])
def test_the_hook_fires_on_articles_facts_rules_config_and_suppressions(path, runs):
    hook = _hook()
    assert hook["language"] == "python" and hook["language_version"] in ("python3.11", "python3.12")
    assert hook["pass_filenames"] is False
    assert bool(re.search(hook["files"], path)) is runs


def test_the_hook_entry_checks_an_edited_article(tmp_path):
    repo = _repository(tmp_path / "repo", "facts: [articles]\n")
    (repo / "articles" / "budget.md").write_text(CLEAN, encoding="utf-8")
    entry = shlex.split(_hook()["entry"])
    assert entry[0] == "claimrules"
    argv = [*ENGINE, *entry[1:], "--fail-on", "warning"]  # the hook's args, as a user's config might add
    before = subprocess.run(argv, cwd=repo, capture_output=True, text=True, env=_env(), timeout=300)
    assert before.returncode == 0, before.stdout + before.stderr
    (repo / "articles" / "budget.md").write_text(FLAGGED, encoding="utf-8")  # the edit
    assert re.search(_hook()["files"], "articles/budget.md")
    after = subprocess.run(argv, cwd=repo, capture_output=True, text=True, env=_env(), timeout=300)
    assert after.returncode == 1 and re.search(r"^articles/budget\.md\n +\d+:\d+ warning: ", after.stdout, re.M)


def test_readme_snippets_use_placeholders_only_for_what_cannot_be_known():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "rev: v0.1.0" not in readme  # no such tag
    for placeholder in re.findall(r"<[A-Z][A-Z_-]+>", readme):
        assert placeholder in ("<REPOSITORY_URL>", "<TAG_OR_COMMIT>", "<OWNER>/<REPO>", "<OWNER>", "<REPO>"), \
            placeholder


# --- a test suite people run -----------------------------------------------------------------


def test_the_readme_test_command_prints_pytests_summary_line():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.findall(r"^python3 -m venv .*$", readme, re.M)[1]
    extra = command.split(" -m pytest", 1)[1].split()  # what the README adds to pyproject's addopts
    done = subprocess.run([sys.executable, "-m", "pytest", *extra, "tests/test_layout.py"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=_env())
    assert done.returncode == 0, done.stdout[-2000:]
    assert re.search(r"^=+ \d+ passed(, \d+ \w+)* in [\d.]+s", done.stdout.splitlines()[-1])


# --- start fast ------------------------------------------------------------------------------

PROBE = """\
import sys
from engine.cli import main
code = main(sys.argv[1:])
print(code, *sorted(m for m in ("loguru", "tqdm", "shtab", "lemminflect", "pysbd", "engine.report.html",
                                "engine.report.sarif", "engine.authoring.lint", "engine.commands.lint",
                                "tomllib") if m in sys.modules))
"""


@pytest.mark.parametrize("argv,loaded", [
    (["check"], ["engine.report.html"]),  # only the formats asked for
    (["check", "seeds/2026-01-29-rubio-venezuela-relations.txt"], ["engine.report.sarif"]),  # reviewed: no extractor
    (["check", "-v"], ["engine.report.html", "loguru"]),  # logs asked for
])
def test_a_check_imports_only_what_it_needs(seed_project, argv, loaded):
    report = next(m for m in loaded if m.startswith("engine.report.")).split(".")[-1]
    done = subprocess.run([sys.executable, "-c", PROBE, *argv, "--fail-on", "never", "-o", f"{report}=r"],
                          cwd=seed_project, capture_output=True, text=True, env=_env(), timeout=120)
    assert done.stdout.splitlines()[-1].split() == ["0", *loaded], done.stderr[-2000:]


def test_the_install_script_builds_the_engine_wheel_once_then_reuses_the_cache(tmp_path):
    """`python` is a stand-in that records its arguments (and makes the wheel `pip wheel` would)."""
    bin_dir, wheels, calls = tmp_path / "bin", tmp_path / "home" / ".cache" / "claimrules" / "wheels", tmp_path / "calls"
    bin_dir.mkdir()
    (bin_dir / "python").write_text(textwrap.dedent(f"""\
        #!/usr/bin/env bash
        echo "$*" >> {calls}
        if [ "$3" = wheel ]; then touch "{wheels}/durable_rules-2.0.28-cp312-cp312-linux_x86_64.whl"; fi
        """))
    (bin_dir / "python").chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path / "home"), "WHEELS": "~/.cache/claimrules/wheels",
           "SOURCE": str(ROOT)}
    for _ in range(2):
        done = subprocess.run(["bash", str(ROOT / ".github" / "action" / "install.sh")], env=env, capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    pin = re.search(r'"(durable-rules==[^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
    assert calls.read_text().splitlines() == [
        f"-m pip wheel --disable-pip-version-check --no-deps --wheel-dir {wheels} {pin}",
        f"-m pip install --disable-pip-version-check --find-links {wheels} {ROOT}",
        f"-m pip install --disable-pip-version-check --find-links {wheels} {ROOT}",  # the second run: from the cache
    ]
