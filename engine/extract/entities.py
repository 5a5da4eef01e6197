"""Turn source mentions into entities: one entity per name (full name and surname alike), typed, pronouns resolved."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .attribution import is_outlet
from .sources import OBJECT_PRONOUNS, PRONOUNS
from .lexicon import Lexicons

NAME = re.compile(r"\b(?:Mr\.|Mrs\.|Ms\.|Dr\.)?\s?[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'-]+|de|da|van|von|del)){1,3}\b")
NOT_NAMES = frozenset("the a an during after before in on at according despite this that these those for and "
                      "but with from as us u.s. america american new".split())
HONORIFICS = ("Mr.", "Mrs.", "Ms.", "Dr.")
GOVERNMENT = re.compile(r"\b(?:administration|government|white house|kremlin|washington)\b", re.I)
PERSON_PRONOUNS = frozenset({"he", "she", "i"})


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)

    def add_alias(self, alias: str) -> None:
        alias = " ".join(alias.split())
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def as_dict(self) -> dict:
        data = {"id": self.id, "name": self.name, "type": self.type}
        if self.aliases:
            data["aliases"] = list(self.aliases)
        return data


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", plain.lower().replace("'", ""))
    words = [w for w in words if w not in ("the", "a", "an")] or ["unnamed"]
    return "-".join(words)[:60].strip("-")


class EntityTable:
    """Entities of one document, in the order they are first used."""

    def __init__(self, text: str, lex: Lexicons):
        self.text, self.lex = text, lex
        self.entities: dict[str, Entity] = {}
        self.surnames: dict[str, str] = {}
        self.people = sorted((m.start(), m.group()) for m in NAME.finditer(text)
                             if m.group().split()[0].lower() not in NOT_NAMES)
        self.last_group: str | None = None

    def resolve(self, mention: str, start: int, reported: bool = False) -> str:
        """The entity id for a source mention at `start`."""
        words = mention.split()
        if len(words) == 1 and words[0].lower() in PRONOUNS | set(OBJECT_PRONOUNS):
            word = words[0].lower()
            return self._pronoun(OBJECT_PRONOUNS.get(word, word), start)
        name, kind = self._classify(mention, start, reported)
        key = self._key(name, kind)
        entity = self.entities.get(key)
        if entity is None:
            entity = self.entities[key] = Entity(key, name, kind)
        entity.add_alias(mention)
        if kind in ("person", "official"):
            self.surnames.setdefault(name.split()[-1], key)
        elif kind in ("anonymous-group", "institution", "government"):
            self.last_group = key
        return key

    def _key(self, name: str, kind: str) -> str:
        if kind in ("person", "official"):
            surname = name.split()[-1]
            if surname in self.surnames:
                return self.surnames[surname]
        return slug(name)

    def _classify(self, mention: str, start: int, reported: bool) -> tuple[str, str]:
        low = mention.lower()
        words = set(re.findall(r"[\w.]+", low))
        if reported or is_outlet(mention, self.lex):
            return mention, "outlet"
        if words & self.lex["vague_sources"] or any(" " in v and v in low for v in self.lex["vague_sources"]):
            if not NAME.search(mention) or low.startswith(("some", "many", "us ", "u.s.")):
                return mention, "anonymous-group"
        if GOVERNMENT.search(mention):
            return mention, "government"
        person = self._person_name(mention)
        if person:
            before = self.text[max(0, start - 40):start].lower().split()[-2:]
            titled = words & self.lex["titles"] or set(before) & self.lex["titles"]
            return person, "official" if titled else "person"
        if words & self.lex["institutions"]:
            return mention, "institution"
        return mention, "other"

    def _person_name(self, mention: str) -> str | None:
        """A person's name in the mention; a lone surname becomes the full name used elsewhere in the text."""
        run = self._name_run(mention)
        if len(run) >= 2:
            return " ".join(run)
        if len(run) == 1 and len(mention.split()) <= 2 and run[0].lower() not in NOT_NAMES:
            if run[0] in self.surnames:
                return self.entities[self.surnames[run[0]]].name
            for _, name in self.people:
                full = self._name_run(name)
                if len(full) >= 2 and full[-1] == run[0]:
                    return " ".join(full)
            return run[0]
        return None

    def _name_run(self, mention: str) -> list[str]:
        """The trailing run of capitalised words that are not titles, honorifics or institution words."""
        role = self.lex["titles"] | self.lex["institutions"] | {"state", "us", "u.s.", "the"}
        run: list[str] = []
        for word in reversed(mention.split()):
            if not word[0].isupper() or word.lower().strip(",") in role:
                break
            run.insert(0, word)
        return [w for w in run if w not in HONORIFICS]

    def _pronoun(self, word: str, start: int) -> str:
        if word in ("they", "we") and self.last_group:
            return self.last_group
        if word in ("who", "which"):
            near = [(s, n) for s, n in self.people if start - 80 < s < start]
            if near:
                return self.resolve(near[-1][1], near[-1][0])
        if word in PERSON_PRONOUNS | {"who"}:
            before = [(s, n) for s, n in self.people if s < start]
            named = [(s, n) for s, n in before if self._person_name(n)]
            if named:
                key = self.resolve(self._person_name(named[-1][1]) or named[-1][1], named[-1][0])
                return key
        key = f"unresolved-{word}"
        self.entities.setdefault(key, Entity(key, f"unresolved “{word}”", "other"))
        return key
