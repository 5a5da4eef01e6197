"""Turn engine matches into flags: subtract `unless` matches, fold mirrored pairs, render messages."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable
from typing import Any

from ..compile.compiler import Program
from ..model import Fact, FactSet, Flag, FlagFact
from ..rulemodel import Rule
from . import why as explain
from .runner import Matches

# `{a.field}`, or `{a.field|words}`: the words stand in when the fact leaves the field unset.
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\w+)\.(\w+)(?:\|([^{}|]*))?\}")
ENTITY_FIELDS = ("source", "via", "subject", "outlet")
WORDED_FIELDS = ("subject", "attribute")  # slugs (`operating-status`) a reader should see as words
_EMPTY = "\ufdd0"  # a noncharacter: marks an empty placeholder until the spaces around it are tidied
SLUG = re.compile(r"\A[a-z0-9]+(?:[-_][a-z0-9]+)+\Z")


def bindings(program: Program, matches: Matches) -> dict[str, set[tuple[str, ...]]]:
    """Per flagging rule, the alias→fact bindings that survive every `unless` group."""
    positive: dict[str, set[tuple[str, ...]]] = {}
    blocked: dict[str, set[tuple[str, ...]]] = {}
    for name, found in matches.bindings.items():
        meta = program.engine_rules[name]
        size = len(program.rules[meta.rule].match)
        target = blocked if meta.role == "unless" else positive
        target.setdefault(meta.rule, set()).update(ids[:size] for ids in found)
    return {rule: found - blocked.get(rule, set()) for rule, found in positive.items()
            if program.rules[rule].derive is None}


def build_flags(program: Program, matches: Matches, facts: FactSet, *, explain: bool = False) -> list[Flag]:
    by_id = facts.by_id()
    contents: dict = {}
    records = _Records(facts, matches) if explain else None
    flags = []
    for rule_id, found in bindings(program, matches).items():
        rule = program.rules[rule_id]
        for ids in _fold_mirrors(found, lambda i: _origin(i, matches, by_id)):
            flag = _flag(rule, ids, matches, by_id, facts, contents)
            if records:
                flag = dataclasses.replace(flag, why=records.why(rule, ids))
            flags.append(flag)
    return sorted(flags, key=order)


def order(flag: Flag) -> tuple:
    """The dataclass order of Flag as one tuple: the same order, compared in C."""
    return (flag.document, flag.line, flag.column, flag.rule, flag.fingerprint, flag.severity, flag.family,
            flag.message, flag.facts, flag.help)


class _Records:
    """Facts as the engine saw them, built once, for explaining flags."""

    def __init__(self, facts: FactSet, matches: Matches):
        self.by_id = {f.id: explain.record(f) for f in facts.facts}
        self.by_id.update({d.id: explain.derived_record(d.id, d.values, d.times) for d in matches.derived.values()})
        kinds = {d.id: d.name for d in matches.derived.values()}
        self.pool = [(rec, kinds.get(fact_id)) for fact_id, rec in self.by_id.items()]

    def why(self, rule: Rule, ids: tuple[str, ...]) -> dict:
        bound = {alias: self.by_id[fact_id] for alias, fact_id in zip(rule.aliases, ids)}
        return explain.why(rule, bound, self.pool if rule.unless else [])


def _origin(fact_id: str, matches: Matches, by_id: dict[str, Fact]) -> list[Fact]:
    """The document facts behind a fact id: itself, or what a derived fact was made from."""
    if fact_id in by_id:
        return [by_id[fact_id]]
    found = {f for source in matches.derived[fact_id].sources for f in _origin(source, matches, by_id)}
    return sorted(found, key=lambda f: f.order)


def _fold_mirrors(found: Iterable[tuple[str, ...]], origin) -> list[tuple[str, ...]]:
    """(a, b) and (b, a) are one finding: keep the binding that reads in document order."""
    best: dict[frozenset, tuple] = {}
    for ids in found:
        order = tuple(f.order for i in ids for f in origin(i))
        key = frozenset(ids)
        if key not in best or order < best[key][0]:
            best[key] = (order, ids)
    return [ids for _, ids in sorted(best.values())]


def _flag(rule: Rule, ids: tuple[str, ...], matches: Matches, by_id: dict, facts: FactSet,
          contents: dict[str, str]) -> Flag:
    bound = dict(zip(rule.aliases, ids))
    cited = list(dict.fromkeys(f for i in ids for f in _origin(i, matches, by_id)))
    flag_facts = tuple(FlagFact(f.document, f.span.line, f.span.column, f.span.end_line, f.span.end_column,
                                f.id, f.quote) for f in cited)
    first = flag_facts[0]
    message = render_message(rule.message, bound, matches, by_id, facts)
    return Flag(first.document, first.line, first.column, rule.id, fingerprint(rule.id, cited, contents), rule.severity,
                rule.family, message, flag_facts, rule.help.strip())


def render_message(template: str, bound: dict[str, str], matches: Matches, by_id: dict, facts: FactSet) -> str:
    """Fill `{alias.field}` from the bound facts; never evaluates anything from YAML.

    An unset field gives the placeholder's `|words`, or nothing (lint warns about that); an
    entity id gives the entity's name, and a slug subject or attribute its words.
    """
    def fill(m: re.Match) -> str:
        if m.group(0) in ("{{", "}}"):
            return m.group(0)[0]
        fact_id = bound.get(m.group(1))
        value = _value(fact_id, m.group(2), matches, by_id) if fact_id else None
        if value is None or value == "":
            return m.group(3) or _EMPTY
        return _shown(m.group(2), value, facts)
    # An empty placeholder takes the space before it along: `({a.number} {a.unit|})` gives `(40)`.
    return re.sub(" ?" + _EMPTY, "", PLACEHOLDER.sub(fill, template.strip()))


def _shown(field: str, value: Any, facts: FactSet) -> str:
    if field in ENTITY_FIELDS and isinstance(value, str) and value in facts.entities:
        return facts.entities[value].name
    if field in WORDED_FIELDS and isinstance(value, str) and SLUG.match(value):
        return re.sub(r"[-_]", " ", value)
    return _text(value)


def _value(fact_id: str, field: str, matches: Matches, by_id: dict) -> Any:
    if fact_id in by_id:
        return by_id[fact_id].id if field == "id" else by_id[fact_id].get(field)
    return fact_id if field == "id" else matches.derived[fact_id].values.get(field)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def fingerprint(rule_id: str, facts: list[Fact], contents: dict[str, str] | None = None) -> str:
    """Stable across line shifts, fact reordering and file renames: rule + what the facts say.

    `contents` caches each fact's part by id within one run: a fact is cited by several flags.
    """
    contents = {} if contents is None else contents
    parts = sorted(contents[f.id] if f.id in contents else contents.setdefault(f.id, _content(f)) for f in facts)
    digest = hashlib.sha256("\x1e".join([rule_id, *parts]).encode("utf-8")).hexdigest()
    return digest[:16]


def _content(fact: Fact) -> str:
    return ("\x1f".join(_text(fact.get(k, "")) for k in ("kind", "subject", "attribute", "value", "source"))
            + "\x1f" + " ".join(fact.quote.split()).casefold())
