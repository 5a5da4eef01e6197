"""The README documents what the code accepts, and CI runs the README's own test command."""

from __future__ import annotations

import re
from pathlib import Path

from engine.operators import OPERATORS
from engine.rules import load_rules
from engine.schema import ENTITY_TYPES, FIELDS, KINDS

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
