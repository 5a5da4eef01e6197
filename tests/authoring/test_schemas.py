"""JSON Schemas: generated from the loaders' tables, shipped, and in agreement with the loaders."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from kit.loading import BASE_TREE, write_tree
from test_bad_inputs import CASES

from engine.authoring.jsonschemas import SCHEMAS, dump
from engine.commands.init import FILES as INIT_FILES

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = {"rules": sorted((ROOT / "rules").glob("*.yaml")), "facts": sorted((ROOT / "facts").glob("*.yaml")),
           "config": [ROOT / "claimrules.yaml"]}
# Problems a schema can see: the shape of the file. The rest (references, quotes, entities) only the loader can.
STRUCTURAL = {"unknown-field", "wrong-type", "missing-field", "unknown-operator", "invalid-name"}


def as_json(value):
    """YAML as an editor's language server hands it to a schema: dates are text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def validator(kind: str) -> jsonschema.Draft7Validator:
    schema = SCHEMAS[kind]()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_matches_the_loaders(kind):
    assert (ROOT / "engine" / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8") == dump(kind)


@pytest.mark.parametrize("kind,path", [(k, p) for k, paths in SHIPPED.items() for p in paths],
                         ids=[p.name for paths in SHIPPED.values() for p in paths])
def test_shipped_files_validate_and_name_their_schema(kind, path):
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    assert (path.parent / match.group(1)).resolve() == (ROOT / "engine" / "schemas" / f"{kind}.schema.json")
    errors = list(validator(kind).iter_errors(as_json(yaml.safe_load(text))))
    assert not errors, [e.message for e in errors]


@pytest.mark.parametrize("name", sorted(INIT_FILES))
def test_init_files_validate(name):
    kind = {"claimrules.yaml": "config", "rules/sample.yaml": "rules", "facts/sample.yaml": "facts"}.get(name)
    if kind:
        assert not list(validator(kind).iter_errors(as_json(yaml.safe_load(INIT_FILES[name]))))


def _schema_cases():
    for case in CASES:
        codes = {e[3] for e in case.expect}
        for name, content in case.files.items():
            if not name.endswith((".yaml", ".yml")) or not isinstance(content, str):
                continue
            try:
                data = yaml.safe_load(content)
            except (yaml.YAMLError, RecursionError, ValueError):
                continue
            kind = "rules" if name.startswith("rules/") else "facts"
            if codes <= STRUCTURAL and all(e[0] == name for e in case.expect):
                yield pytest.param(kind, data, id=case.id)


@pytest.mark.parametrize("kind,data", list(_schema_cases()))
def test_schema_rejects_what_the_loader_rejects_for_its_shape(kind, data):
    assert list(validator(kind).iter_errors(as_json(data)))


def test_the_catalogue_has_many_schema_errors():
    assert len(list(_schema_cases())) >= 10


def test_what_the_schema_accepts_the_loader_accepts(tmp_path, monkeypatch):
    """Every catalogue file the schema accepts fails only on what a schema cannot know."""
    for case in CASES:
        files = {n: c for n, c in case.files.items() if n.endswith(".yaml") and isinstance(c, str)}
        accepted = all(_accepts(n, c) for n, c in files.items())
        if files and accepted:
            assert not {e[3] for e in case.expect} & STRUCTURAL, case.id


def _accepts(name: str, content: str) -> bool:
    try:
        data = yaml.safe_load(content)
    except (yaml.YAMLError, RecursionError, ValueError):
        return False
    if len(content) > 100_000 or "&" in content:
        return False  # alias bombs and huge values: the loader's own limits, not a schema's
    return not list(validator("rules" if name.startswith("rules/") else "facts").iter_errors(as_json(data)))


def test_base_project_is_schema_valid():
    assert _accepts("rules/r.yaml", BASE_TREE["rules/r.yaml"]) and _accepts("facts/a.yaml", BASE_TREE["facts/a.yaml"])
    assert write_tree  # the catalogue builds on this same project
