"""Checks every loader makes of a YAML mapping: that it is one, and that it has no unknown keys."""

from __future__ import annotations

from typing import Any

from ..problems import Problem, did_you_mean
from .yamlsrc import KeyPath, Located


def describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "a mapping"}.get(type(value), type(value).__name__)


def check_mapping(src: Located, at: KeyPath, data: Any, what: str) -> tuple[dict, list[Problem]]:
    if isinstance(data, dict):
        return data, []
    return {}, [src.problem(at, "wrong-type", f"{what} must be a mapping, got {describe(data)}")]


def unknown_keys(src: Located, at: KeyPath, data: dict, known: Any, what: str) -> list[Problem]:
    return [src.problem(at + (key,), "unknown-field", f"unknown {what} field `{key}`",
                        did_you_mean(key, known), key=True)
            for key in data if key not in known]
