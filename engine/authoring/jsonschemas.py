"""JSON Schemas for rule, facts and config files, generated from the tables the loaders use.

Editors (via `# yaml-language-server: $schema=…`) then complete and check what the loaders
accept; the loaders still do the checks a schema cannot (references, quotes, entities).
"""

from __future__ import annotations

import json
from typing import Any

from ..load.config import KEYS as CONFIG_KEYS
from ..load.examples import EXAMPLE_KEYS
from ..load.fields import DOCUMENT_FIELDS, ENTITY_TYPES, FIELDS, WRITABLE
from ..load.rules import NAME, RULE_ID
from ..model import FAIL_ON, SEVERITIES
from ..operators import OPERATORS

DRAFT = "http://json-schema.org/draft-07/schema#"
SCALAR: dict[str, Any] = {"type": ["string", "number", "boolean"]}
DATE: dict[str, Any] = {"anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                  {"type": "integer", "minimum": 1, "maximum": 9999}]}
TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
NAMES = {"anyOf": [TEXT, {"type": "array", "items": TEXT}]}


def _field(name: str) -> dict:
    spec = FIELDS[name]
    types: dict[str, dict[str, Any]] = {
        "id": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$"},
        "text": TEXT, "word": TEXT, "entity": TEXT, "scalar": SCALAR, "date": DATE,
        "number": {"type": "number"}, "bool": {"type": "boolean"}, "count": {"type": "integer", "minimum": 1},
        "enum": {"enum": list(spec.choices)},
    }
    out = types[spec.type].copy()
    out["description"] = spec.doc
    return out


def _entity() -> dict:
    return {"type": "object", "additionalProperties": False, "required": ["id", "name", "type"],
            "properties": {"id": _field("id"), "name": TEXT, "type": {"enum": list(ENTITY_TYPES)},
                           "aliases": {"type": "array", "items": TEXT}}}


def _fact(required: tuple[str, ...]) -> dict:
    return {"type": "object", "additionalProperties": False, "required": list(required),
            "properties": {name: _field(name) for name in WRITABLE}}


def facts_schema() -> dict:
    return {
        "$schema": DRAFT, "title": "claimrules facts file", "type": "object", "additionalProperties": False,
        "required": ["document"],
        "properties": {
            "document": {"type": "object", "additionalProperties": False, "required": ["path"],
                         "properties": {key: ({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
                                              if key == "published" else TEXT) | {"description": doc}
                                        for key, doc in DOCUMENT_FIELDS.items()}},
            "entities": {"type": "array", "items": _entity()},
            "facts": {"type": "array", "items": _fact(tuple(n for n in WRITABLE if FIELDS[n].required))},
        },
    }


def _condition() -> dict:
    operators = {name: {"description": op.doc} | op.schema for name, op in OPERATORS.items()}
    return {"anyOf": [SCALAR, {"type": "array", "items": SCALAR, "minItems": 1},
                      {"type": "object", "additionalProperties": False, "minProperties": 1,
                       "properties": operators}]}


def _pattern() -> dict:
    conditions = {"$ref": "#/definitions/condition"}
    known = [*FIELDS, "time", "any", "derived"]
    tests = {"type": "object", "minProperties": 1, "additionalProperties": conditions}
    return {
        "type": ["object", "null"],
        "properties": {"derived": {"type": "string", "pattern": NAME.pattern.replace(r"\A", "^").replace(r"\Z", "$")},
                       "any": {"type": "array", "items": tests}},
        "additionalProperties": conditions,
        "if": {"type": "object", "not": {"required": ["derived"]}},
        "then": {"propertyNames": {"enum": known}},
    }


def _patterns() -> dict:
    return {"type": "object", "minProperties": 1, "additionalProperties": {"$ref": "#/definitions/pattern"},
            "propertyNames": {"pattern": NAME.pattern.replace(r"\A", "^").replace(r"\Z", "$")}}


def _rule() -> dict:
    example: dict[str, Any] = {"type": "object", "additionalProperties": False, "required": ["name", "facts", "expect"],
               "properties": {"name": TEXT, "published": {"type": "string"},
                              "separate": {"type": "boolean", "description": "each fact in a document of its own "
                                                                            "(rules joining two articles)"},
                              "entities": {"type": "array", "items": _entity()},
                              "facts": {"type": "array", "items": _fact(("id", "kind"))},
                              "expect": {"type": "array", "items": {
                                  "type": ["object", "null"], "additionalProperties": False,
                                  "properties": {"facts": {"type": "array", "items": TEXT},
                                                 "message": {"type": "string"}}}}}}
    assert set(example["properties"]) == set(EXAMPLE_KEYS)
    return {
        "type": "object", "additionalProperties": False, "required": ["id", "family", "match"],
        "properties": {
            "id": {"type": "string", "pattern": RULE_ID.pattern.replace(r"\A", "^").replace(r"\Z", "$")},
            "family": TEXT, "severity": {"enum": list(SEVERITIES)}, "message": {"type": "string"},
            "help": {"type": "string"}, "description": {"type": "string"},
            "match": {"$ref": "#/definitions/patterns"},
            "unless": {"anyOf": [{"$ref": "#/definitions/patterns"},
                                 {"type": "array", "items": {"$ref": "#/definitions/patterns"}}]},
            "derive": {"type": "object", "additionalProperties": False, "required": ["name"],
                       "properties": {"name": TEXT, "fields": {"type": "object", "additionalProperties": SCALAR}}},
            "examples": {"type": "array", "items": example},
        },
        "if": {"not": {"required": ["derive"]}}, "then": {"required": ["severity", "message"]},
    }


def rules_schema() -> dict:
    return {
        "$schema": DRAFT, "title": "claimrules rule file", "type": "object", "additionalProperties": False,
        "properties": {"extends": NAMES, "rules": {"type": "array", "items": {"$ref": "#/definitions/rule"}}},
        "definitions": {"rule": _rule(), "patterns": _patterns(), "pattern": _pattern(),
                        "condition": _condition()},
    }


def config_schema() -> dict:
    from ..report import FORMATS
    types: dict[str, dict] = {
        "facts": NAMES, "rules": NAMES, "extends": NAMES, "fail-on": {"enum": list(FAIL_ON)},
        "max-warnings": {"type": "integer", "minimum": 0}, "format": {"enum": sorted(FORMATS)},
        "outputs": {"type": "object", "propertyNames": {"enum": sorted(FORMATS)}, "additionalProperties": TEXT},
        "disable": NAMES, "severity": {"type": "object", "additionalProperties": {"enum": list(SEVERITIES)}},
        "baseline": TEXT, "suppressions": TEXT, "timeout": {"type": "number", "exclusiveMinimum": 0},
        "extra-roots": NAMES, "max-document-bytes": {"type": "integer", "minimum": 1},
        "min-severity": {"enum": list(SEVERITIES)}, "markdown-max-bytes": {"type": "integer", "minimum": 1},
        "help-uri": {"type": "string", "pattern": "^https?://"}, "information-uri": {"type": "string",
                                                                                   "pattern": "^https?://"},
    }
    return {"$schema": DRAFT, "title": "claimrules configuration", "type": "object", "additionalProperties": False,
            "properties": {key: types[key] | {"description": doc} for key, doc in CONFIG_KEYS.items()}}


SCHEMAS = {"rules": rules_schema, "facts": facts_schema, "config": config_schema}


def dump(name: str) -> str:
    return json.dumps(SCHEMAS[name](), indent=2, ensure_ascii=False) + "\n"
