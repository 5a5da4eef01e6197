"""The README documents what the code accepts, and CI runs the README's own test command."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from engine.load.fields import ENTITY_TYPES, FIELDS, KINDS
from engine.load.rules import load_rules
from engine.operators import OPERATORS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_field_operator_kind_and_entity_type_is_documented():
    documented = set(re.findall(r"`([a-z_-]+)`", README))
    missing = (set(FIELDS) | set(OPERATORS) | set(KINDS) | set(ENTITY_TYPES)) - documented
    assert not missing


def test_every_shipped_rule_is_in_the_default_pack_table():
    for rule in load_rules([ROOT / "rules"]):
        assert f"| `{rule.id}` | {rule.family} | {rule.severity} |" in README


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"^python3 -m venv .*$", README, re.M)
    assert len(commands) == 2 and "claimrules check" in commands[0] and "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _block(after: str) -> str:
    """The first fenced block after a line of the README that contains `after`, unindented."""
    rest = README[README.index(after):]
    start = rest.index("```", 0) + 3
    body = rest[rest.index("\n", start) + 1:rest.index("```", start)]
    return textwrap.dedent(body)


def test_writing_a_rule_walkthrough_runs_as_written(tmp_path, monkeypatch, capsys):
    from engine.cli import main
    rule = _block("1. Start a file `rules/figures.yaml`")
    examples = textwrap.indent(_block("3. Add examples"), "    ")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "figures.yaml").write_text(rule + examples, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["test", "--coverage"]) == 0
    assert capsys.readouterr().out == _block("4. Run `claimrules test --coverage`")
    (tmp_path / "rules" / "figures.yaml").write_text(rule.replace("number: {exists", "numbr: {exists"),
                                                     encoding="utf-8")
    assert main(["lint", "rules/figures.yaml"]) == 2
    shown = _block("2. Run `claimrules lint rules/figures.yaml`")
    assert shown in capsys.readouterr().out


def test_the_first_screen_shows_the_seed_report_as_printed(seed_project, monkeypatch, capsys):
    """Each line of the README's first report (but `…`, lines left out) is in the real output, in order."""
    from engine.cli import main
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["check"]) == 1
    printed = capsys.readouterr().out.splitlines()
    shown = [line for line in _block("In an 80-column").splitlines() if line != "…"]
    at = 0
    for line in shown:
        assert line in printed[at:], line
        at = printed.index(line, at) + 1
    assert shown[-1] == printed[-1] and shown[0] == printed[0]
