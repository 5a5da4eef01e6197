"""Rule examples: facts that must (or must not) raise a rule's flag, checked like tests.

Example facts are validated where they are written, in the rule file, so a mistake in an
example is located like any other. They need no document: one is made from their quotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..model import Document, Entity, Fact, FactSet, Flag
from ..problems import Problem
from . import dates
from .documents import QuoteIndex
from .factfiles import place_fact
from .mapping import check_mapping, unknown_keys
from .records import check_entity, check_fact
from .yamlsrc import KeyPath, Located

EXAMPLE_KEYS = ("name", "facts", "entities", "published", "separate", "expect")


@dataclass(frozen=True)
class Expected:
    facts: tuple[str, ...] | None = None  # the flag cites exactly these facts, in this order
    message: str | None = None


@dataclass(frozen=True)
class Example:
    name: str
    path: str
    line: int
    column: int
    facts: FactSet
    expect: tuple[Expected, ...]

    @property
    def fires(self) -> bool:
        return bool(self.expect)


def parse_examples(src: Located, at: KeyPath, raw: Any, rule_id: str) -> tuple[tuple[Example, ...], list[Problem]]:
    if raw is None:
        return (), []
    if not isinstance(raw, list):
        return (), [src.problem(at, "wrong-type", "`examples` must be a list")]
    examples, problems = [], []
    for i, item in enumerate(raw):
        example, found = _example(src, at + (i,), item, rule_id)
        problems += found
        if example:
            examples.append(example)
    return tuple(examples), problems


def _example(src: Located, at: KeyPath, raw: Any, rule_id: str) -> tuple[Example | None, list[Problem]]:
    data, problems = check_mapping(src, at, raw, "an example")
    if problems:
        return None, problems
    problems = unknown_keys(src, at, data, EXAMPLE_KEYS, "example")
    for key in ("name", "facts", "expect"):
        if key not in data:
            problems.append(src.problem(at, "missing-field", f"example is missing `{key}`",
                                        "`expect: []` says the rule must not fire"))
    name = data.get("name") if isinstance(data.get("name"), str) else ""
    facts, found = _facts(src, at, data, f"{src.path}#{rule_id}/{name or len(at)}")
    expect, found_expect = _expect(src, at + ("expect",), data.get("expect", []))
    problems += found + found_expect
    if problems:
        return None, problems
    line, column = src.at(at)
    assert isinstance(name, str) and facts is not None
    return Example(name, src.path, line, column, facts, expect), []


def _facts(src: Located, at: KeyPath, data: dict, path: str) -> tuple[FactSet | None, list[Problem]]:
    items = data.get("facts", [])
    if not isinstance(items, list):
        return None, [src.problem(at + ("facts",), "wrong-type", "`facts` must be a list of facts")]
    published = dates.parse(data.get("published")) if "published" in data else None
    if "published" in data and (published is None or published.first != published.last):
        return None, [src.problem(at + ("published",), "invalid-value", "`published` must be YYYY-MM-DD")]
    entities, problems = _entities(src, at + ("entities",), data.get("entities", []))
    checked = []
    for i, raw in enumerate(items):
        if isinstance(raw, dict) and "id" in raw:
            raw = {"text": f"example fact {raw['id']}", "quote": f"[{raw['id']}]", **raw}
        values, found = check_fact(src, at + ("facts", i), raw)
        problems += found
        if values:
            checked.append((at + ("facts", i), values))
            for name in ("source", "via"):  # terse examples: an undeclared source is a person
                if values.get(name):
                    entities.setdefault(values[name], Entity(values[name], values[name], "person"))
    if data.get("separate") not in (None, True, False):
        problems.append(src.problem(at + ("separate",), "wrong-type", "`separate` must be true or false"))
    # `separate: true`: each fact in a document of its own, for rules that join facts of two articles
    groups = [[item] for item in checked] if data.get("separate") is True else [checked]
    documents: dict[str, Document] = {}
    facts: list[Fact] = []
    for n, group in enumerate(groups, 1):
        name = path if len(groups) == 1 else f"{path}#{n}"
        document = Document(name, "\n".join(v["quote"] for _, v in group) + "\n",
                            published.first if published else None)
        documents[name] = document
        index = QuoteIndex(document)
        for where, values in group:
            fact, found = place_fact(src, where, values, document, index, entities)
            problems += found
            if fact:
                facts.append(Fact(fact.id, fact.document, fact.span, len(facts), fact.values))
    ids = [f.id for f in facts]
    problems += [src.problem(at + ("facts",), "duplicate-id", f"example fact id `{i}` is used twice")
                 for i in sorted({i for i in ids if ids.count(i) > 1})]
    return FactSet(tuple(facts), MappingProxyType(documents), MappingProxyType(entities)), problems


def _entities(src: Located, at: KeyPath, items: Any) -> tuple[dict[str, Entity], list[Problem]]:
    if not isinstance(items, list):
        return {}, [src.problem(at, "wrong-type", "`entities` must be a list")]
    entities, problems = {}, []
    for i, raw in enumerate(items):
        data, found = check_entity(src, at + (i,), raw)
        problems += found
        if data:
            entities[data["id"]] = Entity.from_mapping(data)
    return entities, problems


def _expect(src: Located, at: KeyPath, raw: Any) -> tuple[tuple[Expected, ...], list[Problem]]:
    if not isinstance(raw, list):
        return (), [src.problem(at, "wrong-type", "`expect` must be a list of expected flags ([] for none)")]
    out, problems = [], []
    for i, item in enumerate(raw):
        data, found = check_mapping(src, at + (i,), item if item is not None else {}, "an expected flag")
        problems += found + unknown_keys(src, at + (i,), data, ("facts", "message"), "expected flag")
        facts, message = data.get("facts"), data.get("message")
        if facts is not None and not (isinstance(facts, list) and all(isinstance(f, str) for f in facts)):
            problems.append(src.problem(at + (i, "facts"), "wrong-type", "`facts` must be a list of fact ids"))
        if message is not None and not isinstance(message, str):
            problems.append(src.problem(at + (i, "message"), "wrong-type", "`message` must be text"))
        out.append(Expected(tuple(facts) if isinstance(facts, list) else None,
                            message if isinstance(message, str) else None))
    return tuple(out), problems


def compare(example: Example, flags: list[Flag]) -> list[str]:
    """What differs between the expected and the actual flags; empty when the example passes."""
    remaining = list(flags)
    failures = []
    for expected in example.expect:
        match = next((f for f in remaining if _satisfies(f, expected)), None)
        if match is None:
            failures.append(f"expected a flag {_describe(expected)}; got {_describe_all(remaining)}")
        else:
            remaining.remove(match)
    if remaining and not failures:
        failures.append(f"unexpected flag(s): {_describe_all(remaining)}")
    return failures


def _satisfies(flag: Flag, expected: Expected) -> bool:
    cited = tuple(f.id for f in flag.facts)
    return ((expected.facts is None or cited == expected.facts)
            and (expected.message is None or flag.message == expected.message.strip()))


def _describe(expected: Expected) -> str:
    parts = [f"on {list(expected.facts)}" if expected.facts is not None else "",
             f"with message “{expected.message}”" if expected.message is not None else ""]
    return " ".join(p for p in parts if p) or "(any)"


def _describe_all(flags: list[Flag]) -> str:
    if not flags:
        return "none"
    return "; ".join(f"{[f.id for f in flag.facts]} “{flag.message}”" for flag in flags)

