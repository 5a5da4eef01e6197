"""The derive graph: which rules make a derived fact, which rules read it, and what follows.

Compile (cycles, rulesets that must stay together), rule tests (the rules an example needs),
lint (derivations nobody reads) and the rule loader (fields a derived fact carries) all walk the
same graph; it lives here once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .rulemodel import Pattern, Rule


def patterns(rule: Rule) -> Iterator[Pattern]:
    """Every pattern a rule matches on: its `match`, then each `unless` group."""
    yield from rule.match
    for group in rule.unless:
        yield from group


def reads(rule: Rule, include_unless: bool = True) -> set[str]:
    """The derived names a rule matches."""
    chosen = patterns(rule) if include_unless else iter(rule.match)
    return {p.derived for p in chosen if p.derived}


def producers(rules: Iterable[Rule]) -> dict[str, list[Rule]]:
    """Derived name → the rules that derive it, in rule order."""
    out: dict[str, list[Rule]] = {}
    for rule in rules:
        if rule.derive:
            out.setdefault(rule.derive.name, []).append(rule)
    return out


def _closure(start: Iterable[str], step: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(start)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += step.get(name, ())
    return seen


def cyclic(rules: list[Rule]) -> list[Rule]:
    """Derive rules whose fact is made, even indirectly, from facts of its own name."""
    inputs: dict[str, set[str]] = {}
    for name, makers in producers(rules).items():
        inputs[name] = set().union(*(reads(r, include_unless=False) for r in makers))
    return [r for r in rules if r.derive and r.derive.name in _closure(reads(r, False), inputs)]


def upstream(rule: Rule, rules: list[Rule]) -> list[Rule]:
    """The rule plus every rule deriving facts it (transitively) matches, in rule order."""
    makers = producers(rules)
    chosen, todo = {rule.id}, [rule]
    while todo:
        for name in reads(todo.pop()):
            for maker in makers.get(name, ()):  # every rule deriving the name: an example needs them all
                if maker.id not in chosen:
                    chosen.add(maker.id)
                    todo.append(maker)
    return [r for r in rules if r.id in chosen]


def components(rules: list[Rule]) -> list[list[str]]:
    """Rule ids linked by a derived name (producer and consumers), in rule order."""
    parent = {r.id: r.id for r in rules}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    first = {name: makers[0].id for name, makers in producers(rules).items()}
    for rule in rules:
        linked = ([rule.derive.name] if rule.derive else []) + sorted(reads(rule))
        for name in linked:
            if name in first:
                parent[find(rule.id)] = find(first[name])
    groups: dict[str, list[str]] = {}
    for rule in rules:
        groups.setdefault(find(rule.id), []).append(rule.id)
    return list(groups.values())


def unread(rules: list[Rule]) -> list[Rule]:
    """Derive rules whose fact no rule matches."""
    used = set().union(*(reads(r) for r in rules))
    return [r for r in rules if r.derive and r.derive.name not in used]


def declared_fields(raw: list[Any]) -> dict[str, set[str]]:
    """Names and fields of derived facts in raw rule mappings, read first so any rule may match them."""
    out: dict[str, set[str]] = {}
    for item in raw:
        derive = item.get("derive") if isinstance(item, dict) else None
        if isinstance(derive, dict) and isinstance(derive.get("name"), str):
            fields = derive["fields"] if isinstance(derive.get("fields"), dict) else {}
            out.setdefault(derive["name"], {"id"}).update(str(k) for k in fields)
    return out
