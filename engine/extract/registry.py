"""Entities shared across documents: those the facts files of a folder declare, then each draft of a run.

Drafts of many articles must check together, so a new mention links to an entity already declared
when their names fold to one key (case, diacritics, `the`, possessives and `X of Y` folded), and a
bare surname links to a full name only when exactly one declared person carries it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..load.paths import FACT_SUFFIXES, expand

PEOPLE = frozenset({"person", "official"})
SCOPED = ":"  # an id with a colon belongs to one document (`<document>:campaign`)
# When one entity reads as two types, the first listed wins: a title makes a person an official,
# and a word list (outlet, institution…) beats `person`, which any capitalised name gets.
PRECEDENCE = ("official", "outlet", "government", "institution", "organization", "country", "place", "document",
              "anonymous-group", "person", "other")
LEADING = frozenset({"the", "a", "an", "mr", "mrs", "ms", "dr"})
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def rank(kind: str) -> int:
    return PRECEDENCE.index(kind) if kind in PRECEDENCE else len(PRECEDENCE)


@lru_cache(maxsize=8192)
def fold(name: str) -> str:
    """The key two spellings of one name share: `RAMPUR` = `Rampur`, `the President of X` = `X's President`."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    plain = plain.replace("’", "'").replace("‘", "'").replace(".", "")
    words = [w[:-2] if w.endswith("'s") else w for w in WORD.findall(plain)]
    while words and words[0] in LEADING:
        words = words[1:]
    if words.count("of") == 1 and 0 < words.index("of") < len(words) - 1:
        at = words.index("of")
        words = words[at + 1:] + words[:at]
    return " ".join(words)


@dataclass(frozen=True)
class Declared:
    id: str
    name: str
    type: str
    fixed: bool  # declared in a file already written: its name and type stand


@dataclass
class Registry:
    """Declared entities by id (the first declaration), and the keys a new mention can link on."""

    entities: dict[str, Declared] = field(default_factory=dict)
    keys: dict[str, set[str]] = field(default_factory=dict)
    surnames: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> Registry:
        """The entities declared in the facts files under `paths`; unreadable files are left to the loader."""
        registry = cls()
        for path in expand(paths, FACT_SUFFIXES)[0]:
            for entity in _declared(path):
                registry.declare(entity, fixed=True)
        return registry

    def declare(self, entity: dict, fixed: bool = False) -> None:
        """Index `entity` (a facts-file mapping); the first declaration of an id keeps its name and type."""
        if not isinstance(entity, dict) or not all(isinstance(entity.get(k), str) for k in ("id", "name", "type")):
            return
        known = self.entities.setdefault(entity["id"], Declared(entity["id"], entity["name"], entity["type"], fixed))
        if SCOPED in known.id:
            return  # `<document>:campaign` is one article's own: its id is taken, but nothing links to it
        names = [entity["name"]] + [a for a in entity.get("aliases") or () if isinstance(a, str) and " " in a.strip()]
        for name in names:
            if key := fold(name):
                self.keys.setdefault(key, set()).add(known.id)
        words = fold(known.name).split()
        if known.type in PEOPLE and len(words) >= 2:
            self.surnames.setdefault(words[-1], set()).add(known.id)

    def find(self, name: str, kind: str, wanted: str) -> Declared | None:
        """The declared entity a new mention `name` (read as `kind`, id `wanted` if new) is, if any."""
        key = fold(name)
        ids = self.keys.get(key, set())
        if len(ids) > 1:
            ids = {wanted} & ids
        if len(ids) == 1:
            return self.entities[next(iter(ids))]
        if kind in PEOPLE and " " not in key and len(self.surnames.get(key, ())) == 1:
            return self.entities[next(iter(self.surnames[key]))]
        return None

    def free(self, wanted: str, taken: set[str]) -> str:
        """`wanted`, or `wanted-2`, `-3`… when another entity already has that id."""
        candidate, n = wanted, 1
        while candidate in self.entities or candidate in taken:
            n += 1
            candidate = f"{wanted[:196]}-{n}"
        return candidate

    def settle(self, declarations: Iterable[dict]) -> None:
        """Give every declaration of an id new in this run one name and the type that comes first in PRECEDENCE."""
        declarations = list(declarations)
        best: dict[str, str] = {}
        for entity in declarations:
            known = self.entities.get(entity["id"])
            if known is not None and not known.fixed:
                current = best.get(entity["id"], known.type)
                best[entity["id"]] = min(current, entity["type"], key=rank)
        for entity in declarations:
            known = self.entities.get(entity["id"])
            if known is not None:
                entity["name"], entity["type"] = known.name, best.get(known.id, known.type)


def _declared(path: Path) -> list:
    """The entity mappings of one facts file (YAML or JSON Lines)."""
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            return [r["entity"] for r in map(_json, text.split("\n")) if isinstance(r, dict) and "entity" in r]
        data = yaml.load(text, Loader=Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    entities = data.get("entities") if isinstance(data, dict) else None
    return entities if isinstance(entities, list) else []


def _json(line: str):
    try:
        return json.loads(line) if line.strip() else None
    except json.JSONDecodeError:
        return None
