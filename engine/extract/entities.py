"""Turn source mentions into entities: one entity per name (full name and surname alike), typed, pronouns resolved.

Names link to the entities other documents declared (see registry.py); a description only its own
article can resolve (`the campaign`, `experts`) gets an id scoped to the document: `<doc>:campaign`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .attribution import is_outlet
from .lexicon import Lexicons
from .registry import PEOPLE, SCOPED, Registry, fold, rank
from .sources import DETERMINERS, OBJECT_PRONOUNS, PRONOUNS, SKIP_BACK, STOP

NAME = re.compile(r"\b(?:Mr\.|Mrs\.|Ms\.|Dr\.)?[^\S\n]?[A-Z][\w’'-]+"
                  r"(?:[^\S\n]+(?:[A-Z]\.|[A-Z][\w’'-]+|de|da|van|von|del)){1,3}\b")
NOT_NAMES = frozenset("the a an during after before in on at according despite this that these those for and "
                      "but with from as us u.s. america american new".split())
HONORIFICS = ("Mr.", "Mrs.", "Ms.", "Dr.")
GOVERNMENT = re.compile(r"\b(?:administration|government|white house|kremlin|washington)\b", re.I)
PERSON_PRONOUNS = frozenset({"he", "she", "i"})
ROLE_WORDS = frozenset({"state", "us", "u.s.", "the", "democrat", "republican", "democratic", "gop"})  # `Democrat X`
LEADS = STOP | SKIP_BACK | DETERMINERS | frozenset("like let although because earlier watch play video photo".split())
GENERIC = ("vague_sources", "speakers", "surveys", "labels")  # word lists of common nouns for sources


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    fixed: bool = False  # declared in a facts file already written: name and type stand

    def add_alias(self, alias: str) -> None:
        alias = " ".join(alias.split())
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def as_dict(self) -> dict:
        data: dict[str, str | list[str]] = {"id": self.id, "name": self.name, "type": self.type}
        if self.aliases:
            data["aliases"] = list(self.aliases)
        return data


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", plain.lower().replace("'", ""))
    words = [w for w in words if w not in ("the", "a", "an")] or ["unnamed"]
    return "-".join(words)[:60].strip("-")


def proper(name: str, words_in_text: frozenset[str], lex: Lexicons) -> bool:
    """A name other articles can share, not a description only its own article resolves (`the campaign`)."""
    words = name.split()
    lead = 0
    while lead < len(words) and words[lead].lower() in DETERMINERS:
        lead += 1
    rest = [w for w in (w.strip("[](){}\"'“”‘’,") for w in words[lead:]) if w]
    if not rest or not rest[0][:1].isupper() and not any(w[:1].isupper() for w in rest[1:]):
        return False
    if len(rest) == 1 and any(rest[0].lower() in lex[n] for n in GENERIC):
        return False  # `Report:`, `SOURCES`
    if lead or any(w[:1].isupper() or w[:1].isdigit() for w in rest[1:]) or rest[0].isupper() and len(rest[0]) > 1:
        return True  # `the FBI`, `Tax Foundation`, `UNN`
    return rest[0].lower() not in words_in_text  # `Poll` begins a sentence; `poll` later


def _people(text: str) -> list[tuple[int, str]]:
    """Runs of capitalised words that may name a person, without a sentence's capitalised first word (`When Trump`)."""
    found = []
    for match in NAME.finditer(text):
        first, _, rest = match.group().partition(" ")
        if first.lower() in NOT_NAMES:
            continue
        if first.lower() in LEADS and rest.strip():
            found.append((match.start() + len(first) + 1, rest.strip()))
        else:
            found.append((match.start(), match.group()))
    return found


class EntityTable:
    """Entities of one document, in the order they are first used; `registry` holds the other documents' ones."""

    def __init__(self, text: str, lex: Lexicons, registry: Registry | None = None, scope: str = "doc"):
        self.text, self.lex = text, lex
        self.registry = registry if registry is not None else Registry()
        self.scope = scope
        self.entities: dict[str, Entity] = {}  # by folded name
        self.surnames: dict[str, str] = {}  # folded surname -> folded full name
        self.people = sorted(_people(text))
        self.last_group: str | None = None
        self.words: frozenset[str] | None = None  # the text's words, as written, once a name needs them
        self.bodies = lex["institutions"] | lex["organizations"] | lex["places"]  # last words of names of no person
        self.role = lex["titles"] | self.bodies | ROLE_WORDS  # words that end a name, read backwards

    def resolve(self, mention: str, start: int, reported: bool = False) -> str:
        """The entity id for a source mention at `start`."""
        words = mention.split()
        if len(words) == 1 and words[0].lower() in PRONOUNS | set(OBJECT_PRONOUNS):
            word = words[0].lower()
            return self._pronoun(OBJECT_PRONOUNS.get(word, word), start)
        name, kind = self._classify(mention, start, reported)
        entity = self._antecedent(mention) if kind == "anonymous-group" else None
        entity = entity or self._entity(name, kind)
        entity.add_alias(mention)
        if kind in PEOPLE and fold(name):
            self.surnames.setdefault(fold(name).split()[-1], self._key(name, kind))
        elif kind in ("anonymous-group", "institution", "government"):
            self.last_group = entity.id
        return entity.id

    def _antecedent(self, mention: str) -> Entity | None:
        """`The officials` after `two city officials familiar with the matter`: the group named before."""
        words = mention.lower().split()
        if len(words) != 2 or words[0] not in ("the", "these", "those") or words[1] not in self.lex["vague_sources"]:
            return None
        groups = [e for e in self.entities.values() if e.type == "anonymous-group" and len(e.name.split()) > 2
                  and words[1] in e.name.lower().split()]
        return groups[-1] if groups else None

    def declarations(self) -> list[dict]:
        """One mapping per entity id, in order of first use (two names may have linked to one entity)."""
        merged: dict[str, dict] = {}
        for entity in self.entities.values():
            data = merged.setdefault(entity.id, entity.as_dict())
            if not entity.fixed and rank(entity.type) < rank(data["type"]):
                data["type"] = entity.type
            for alias in [entity.name, *entity.aliases]:
                if alias != data["name"] and alias not in data.get("aliases", ()):
                    data.setdefault("aliases", []).append(alias)
        return list(merged.values())

    def _entity(self, name: str, kind: str) -> Entity:
        """The entity `name` is in this document; a new one links to a declared entity or gets its own id."""
        key = self._key(name, kind)
        entity = self.entities.get(key)
        if entity is None:
            entity = self.entities[key] = self._new(name, kind)
        elif not entity.fixed and rank(kind) < rank(entity.type):
            entity.type = kind  # `Obama`, then `President Obama`: an official
        return entity

    def _new(self, name: str, kind: str) -> Entity:
        wanted = slug(re.sub(r"['’]s\b", "", name))  # `Clinton’s campaign`: clinton-campaign
        if self.words is None:
            self.words = frozenset(re.findall(r"\w+", self.text))
        if not proper(name, self.words, self.lex):
            return Entity(self._free(f"{self.scope}{SCOPED}{wanted}"), name, kind)
        known = self.registry.find(name, kind, wanted)
        if known is None:
            return Entity(self._free(wanted), name, kind)
        if known.fixed:
            return Entity(known.id, known.name, known.type, [name] if name != known.name else [], fixed=True)
        return Entity(known.id, known.name, kind, [name] if name != known.name else [])

    def _free(self, wanted: str) -> str:
        return self.registry.free(wanted[:200], {e.id for e in self.entities.values()})

    def _key(self, name: str, kind: str) -> str:
        key = fold(name) or slug(name)
        if kind in PEOPLE and " " not in key and key in self.surnames:
            return self.surnames[key]
        return key

    def _classify(self, mention: str, start: int, reported: bool) -> tuple[str, str]:
        low = mention.lower()
        words = set(re.findall(r"[\w.]+", low))
        if reported or is_outlet(mention, self.lex):
            return mention, "outlet"
        if words & self.lex["vague_sources"] or any(" " in v and v in low for v in self.lex["vague_sources"]):
            if not self._names_someone(mention) or low.startswith(("some", "many", "us ", "u.s.")):
                return mention, "anonymous-group"  # `residents along Harbor Street`: a street names no one
        if GOVERNMENT.search(mention):
            return mention, "government"
        person = self._person_name(re.split(r"[,(]", mention)[0]) or self._person_name(mention)  # `Jane Doe, a …`
        if person:
            before = self.text[max(0, start - 40):start].lower().split()[-2:]
            titled = words & self.lex["titles"] or set(before) & self.lex["titles"] or any(
                " " in t and t in low for t in self.lex["titles"])  # `Council member Ray Dufresne`
            return person, "official" if titled else "person"
        return mention, self._body(re.split(r"[,(]", mention)[0].lower(), words)

    def _body(self, head: str, words: set[str]) -> str:
        """The type of a mention that names no person, by the last word of its head (`Historical Society`)."""
        last = next((w for w in reversed(re.findall(r"[\w.]+", head)) if w not in ("the", "of")), "")
        for name, kind in (("places", "place"), ("organizations", "organization"), ("institutions", "institution")):
            if last in self.lex[name]:
                return kind
        if words & self.lex["institutions"]:
            return "institution"
        if words & self.lex["titles"]:
            return "official"  # `Argentina's President`, `the senator`
        return "other"

    def _names_someone(self, mention: str) -> bool:
        """Does the mention hold a capitalised name that is not a place's or a body's (`Harbor Street`)?"""
        return any(m.group().split()[-1].lower() not in self.bodies for m in NAME.finditer(mention))

    def _person_name(self, mention: str) -> str | None:
        """A person's name in the mention; a lone surname becomes the full name used elsewhere in the text."""
        run = self._name_run(mention)
        if len(run) >= 2:
            return " ".join(run)
        if len(run) == 1 and len(mention.split()) <= 2 and run[0].lower() not in NOT_NAMES:
            if fold(run[0]) in self.surnames:
                return self.entities[self.surnames[fold(run[0])]].name
            surname = fold(run[0])
            for _, name in self.people:
                full = self._name_run(name)
                if len(full) >= 2 and fold(full[-1]) == surname:
                    return " ".join(full)
            return run[0]
        return None

    def _name_run(self, mention: str) -> list[str]:
        """The trailing run of capitalised words that are not titles, honorifics or institution words."""
        role = self.role
        run: list[str] = []
        for word in reversed(mention.split()):
            if not word[0].isupper() or word.lower().strip(",") in role:
                break
            run.insert(0, word)
        if run:
            run[-1] = re.sub(r"['’]s\Z", "", run[-1])  # `Donald Trump’s` is Donald Trump
        return [w for w in run if w not in HONORIFICS]

    def _pronoun(self, word: str, start: int) -> str:
        if word in ("they", "we") and self.last_group:
            return self.last_group
        if word in ("who", "which"):
            near = [(s, n) for s, n in self.people if start - 80 < s < start]
            if near:
                return self.resolve(near[-1][1], near[-1][0])
        if word in PERSON_PRONOUNS | {"who"}:
            for at, name in reversed(self.people):  # the last person named before the pronoun
                if at < start and (person := self._person_name(name)):
                    return self.resolve(person, at)
        return self._entity(f"unresolved “{word}”", "other").id
