"""Load facts files (YAML for people, JSON Lines for machines) into one checked FactSet.

Every problem of every file is collected before failing once, so an analyst fixes a
whole batch of mistakes per run.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .. import logger
from ..model import Document, Entity, Fact, FactSet
from ..problems import InputError, Problem, did_you_mean
from ..safety import interrupt
from . import dates, jsontext
from .confine import UNCONFINED, Confinement
from .documents import QuoteIndex, read_meta
from .fields import DOCUMENT_FIELDS, FIELDS
from .mapping import check_mapping, unknown_keys
from .paths import FACT_SUFFIXES, display_path, expand
from .records import CHECKERS, check_entity, check_fact
from .yamlsrc import KeyPath, Located, load_data, read_text

TOP_KEYS = ("document", "entities", "facts")


@dataclass
class Part:
    """One document's worth of a facts file: where each piece came from, unchecked."""

    src: Located
    document: tuple[KeyPath, Any] | None = None
    entities: list[tuple[Located, KeyPath, Any]] = field(default_factory=list)
    facts: list[tuple[Located, KeyPath, Any]] = field(default_factory=list)


def load_facts(paths: Iterable[Path], confine: Confinement = UNCONFINED) -> FactSet:
    """Read, validate and locate every fact; raise InputError with all problems."""
    return load_files(*expand(paths, FACT_SUFFIXES, confine), confine=confine)


def load_files(files: list[Path], problems: list[Problem], confine: Confinement = UNCONFINED) -> FactSet:
    """`load_facts` for files already found, with the problems of finding them."""
    problems = list(problems)
    parts, parse_problems = parse_files(files)
    entities, entity_problems = read_entities(parts)
    facts, fact_problems, documents = read_facts(parts, entities, confine)
    problems += parse_problems + entity_problems + fact_problems
    if problems:
        raise InputError(problems)
    logger.debug("loaded {} facts from {} documents", len(facts), len(documents))
    return FactSet(tuple(numbered(facts)), MappingProxyType(documents), MappingProxyType(entities))


def parse_files(files: list[Path]) -> tuple[list[Part], list[Problem]]:
    parts: list[Part] = []
    problems: list[Problem] = []
    for path in files:
        interrupt.check()
        text, read_problems = read_text(path, display_path(path))
        problems += read_problems
        if text is not None:
            new_parts, parse_problems = (_parse_jsonl if path.suffix == ".jsonl" else _parse_yaml)(
                text, display_path(path))
            parts += new_parts
            problems += parse_problems
    return parts, problems


def numbered(facts: list[Fact]) -> list[Fact]:
    """Facts in document order, each knowing its place: output follows it."""
    facts = sorted(facts, key=lambda f: (f.document, f.span.line, f.span.column, f.span.end_line,
                                          f.span.end_column, f.id))
    return [Fact(f.id, f.document, f.span, i, f.values) for i, f in enumerate(facts)]


def _parse_yaml(text: str, path: str) -> tuple[list[Part], list[Problem]]:
    src, problems = load_data(text, path)
    if src is None:
        return [], problems
    data, shape = check_mapping(src, (), src.data if src.data is not None else {}, "a facts file")
    problems += shape + unknown_keys(src, (), data, TOP_KEYS, "top-level")
    part = Part(src, ((("document",), data["document"]) if "document" in data else None))
    if part.document is None and not shape:
        problems.append(src.problem((), "missing-field", "facts file has no `document`",
                                    "add `document: {path: ../seeds/article.txt}`"))
    for key, target in (("entities", part.entities), ("facts", part.facts)):
        items = data.get(key, [])
        if not isinstance(items, list):
            problems.append(src.problem((key,), "wrong-type", f"`{key}` must be a list"))
            continue
        target += [(src, (key, i), item) for i, item in enumerate(items)]
    return [part], problems


def _parse_jsonl(text: str, path: str) -> tuple[list[Part], list[Problem]]:
    parts: list[Part] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), 1):  # not splitlines: JSON strings may hold U+2028
        if not line.strip():
            continue
        src = JsonLine(path, None, {(): (number, 1)}, line=line, number=number)
        record, refused = jsontext.loads(line, path, number)
        if refused:
            problems += refused
            continue
        if not isinstance(record, dict) or len(record) != 1 or next(iter(record)) not in ("document", "entity", "fact"):
            problems.append(Problem(path, number, 1, "json-record", "each line must be one of "
                                    '{"document": {...}}, {"entity": {...}}, {"fact": {...}}'))
            continue
        (tag, body), = record.items()
        if tag == "document":
            parts.append(Part(src, ((tag,), body)))
        elif not parts:
            problems.append(Problem(path, number, 1, "json-record", f"a {tag} line before any document line"))
        else:
            (parts[-1].entities if tag == "entity" else parts[-1].facts).append((src, (tag,), body))
    return parts, problems


@dataclass
class JsonLine(Located):
    """One JSON Lines record: JSON has no marks, so key columns are found only when a problem needs one."""

    line: str = ""
    number: int = 1

    def at(self, keypath: KeyPath, *, key: bool = False) -> tuple[int, int]:
        start = self.line.find("{", 1) + 1 or 1
        if len(keypath) < 2:
            return self.number, start
        name = json.dumps(keypath[1], ensure_ascii=False)
        found = re.compile(re.escape(name) + r"\s*:").search(self.line, start)
        return self.number, found.start() + 1 if found else 1


def read_entities(parts: list[Part]) -> tuple[dict[str, Entity], list[Problem]]:
    entities: dict[str, Entity] = {}
    first_seen: dict[str, tuple[Located, KeyPath]] = {}
    problems: list[Problem] = []
    for part in parts:
        for src, at, raw in part.entities:
            data, found = check_entity(src, at, raw)
            problems += found
            if data is None:
                continue
            entity = Entity.from_mapping(data)
            known = entities.setdefault(entity.id, entity)
            first_seen.setdefault(entity.id, (src, at))
            if known != entity and (known.name, known.type) != (entity.name, entity.type):
                first_src, first_at = first_seen[entity.id]
                where = "{}:{}:{}".format(first_src.path, *first_src.at(first_at))  # positions cost: only now
                problems.append(src.problem(at, "entity-conflict",
                                            f"entity `{entity.id}` is declared differently at {where}",
                                            "use the same name and type, or another id"))
    return entities, problems


def _document(part: Part, confine: Confinement) -> tuple[Document | None, list[Problem]]:
    if part.document is None:
        return None, []
    at, raw = part.document
    src = part.src
    data, problems = check_mapping(src, at, raw, "`document`")
    problems += unknown_keys(src, at, data, DOCUMENT_FIELDS, "document")
    if problems:
        return None, problems
    if not isinstance(data.get("path"), str):
        return None, [src.problem(at + ("path",), "missing-field", "`document` needs a `path` (text)")]
    file = Path(src.path).parent / data["path"]
    text, problems = _read_document(src, at + ("path",), file, confine)
    if text is None:
        return None, problems
    meta = read_meta(text)
    if meta.error:
        problems.append(Problem(display_path(file), 1, 1, "document-meta", meta.error))
    published = dates.parse(data["published"]) if "published" in data else None
    if "published" in data and (published is None or published.first != published.last):
        problems.append(src.problem(at + ("published",), "invalid-value", "`published` must be YYYY-MM-DD"))
    for name in ("outlet", "title"):
        error = CHECKERS["text"](data[name])[1] if name in data else None
        if error:
            problems.append(src.problem(at + (name,), "invalid-value", f"`{name}`: {error}"))
    date = published.first if published else meta.published
    return Document(display_path(file), text, date, data.get("outlet") or meta.outlet,
                    data.get("title") or meta.title), problems


def _read_document(src: Located, at: KeyPath, file: Path, confine: Confinement) -> tuple[str | None, list[Problem]]:
    """The document's text, unless it lies outside the project, is no regular file or is too big."""
    if confine.outside(file):
        shown, real = display_path(file), file.resolve().as_posix()
        link = f" (it resolves to {real})" if real != Path(os.path.abspath(file)).as_posix() else ""
        return None, [src.problem(at, "outside-root", f"document is outside the project: {shown}{link}",
                                  confine.hint())]
    text, problems = read_text(file, display_path(file), confine.max_document_bytes)
    if text is not None or not problems:
        return text, []
    code = problems[0].code if problems[0].code in ("unreadable", "too-large") and file.exists() else ""
    if code:
        return None, [src.problem(at, code, f"document {display_path(file)} {problems[0].message}",
                                  "name the article's text file" if code == "unreadable" else
                                  "raise the limit with --max-document-bytes N (`max-document-bytes:`) if it is right")]
    message = "document not found" if not file.exists() else problems[0].message
    return None, [src.problem(at, "document-not-found", f"{message}: {display_path(file)}",
                              "the path is relative to the facts file")]


def read_facts(parts: list[Part], entities: dict[str, Entity] | None, confine: Confinement = UNCONFINED,
               consume: bool = False) -> tuple[list[Fact], list[Problem], dict]:
    """Checked and located facts, unordered; `entities` None leaves references unresolved (see `resolve`).

    `consume` empties each part's raw facts once read, so they and the checked facts never all coexist.
    """
    facts: list[Fact] = []
    problems: list[Problem] = []
    documents: dict[str, Document] = {}
    seen: dict[str, tuple[Located, KeyPath]] = {}
    for part in parts:
        document, found = _document(part, confine)
        problems += found
        index = QuoteIndex(document) if document else None
        if document:
            documents.setdefault(document.path, document)
        for src, at, raw in part.facts:
            values, found = check_fact(src, at, raw)
            problems += found
            if values is None or document is None or index is None:
                continue
            fact, found = place_fact(src, at, values, document, index, entities)
            problems += found
            if values["id"] in seen:
                first_src, first_at = seen[values["id"]]
                where = "{}:{}:{}".format(first_src.path, *first_src.at(first_at))
                problems.append(src.problem(at + ("id",), "duplicate-id",
                                            f"fact id `{values['id']}` is already used at {where}",
                                            "fact ids must be unique across all documents"))
            seen.setdefault(values["id"], (src, at))
            if fact:
                facts.append(fact)
        if consume:
            part.facts = []
    return facts, problems, documents


def place_fact(src: Located, at: KeyPath, values: dict, document: Document, index: QuoteIndex,
               entities: dict[str, Entity] | None) -> tuple[Fact | None, list[Problem]]:
    """Locate the quote, resolve entity references (unless `entities` is None) and add the computed fields."""
    problems = []
    for name in ("source", "via") if entities is not None else ():
        ref = values.get(name)
        if ref is not None and entities is not None and ref not in entities:
            problems.append(src.problem(at + (name,), "unknown-entity", f"`{name}`: no entity `{ref}`",
                                        did_you_mean(ref, entities) if entities else "declare it under `entities`"))
    occurrence = values.get("occurrence", 1)
    span = index.find(values["quote"], occurrence)
    if span is None:
        count, near = index.count(values["quote"]), index.near_miss(values["quote"])
        hint = f"the document has “{near}” but not what follows" if near else "copy the quote verbatim"
        problems.append(src.problem(at + ("quote",), "quote-not-found",
                                    f"quote not found in {document.path}" if count == 0
                                    else f"quote occurs {count} time(s), not {occurrence}", hint))
    if problems:
        return None, problems
    values = dict(values)
    if document.published and "as_of" not in values:
        values["as_of"] = document.published.isoformat()
    if document.published:
        values["published"] = document.published.isoformat()
    values["document"] = document.path
    if document.outlet:
        values["outlet"] = document.outlet
    if entities is not None:
        resolve(values, entities)
    assert span is not None  # a quote not found is a problem above
    return Fact(values["id"], document.path, span, 0, in_order(values)), []


def resolve(values: dict, entities: dict[str, Entity]) -> bool:
    """Add the entity types of `source` and `via`; False when one is declared nowhere."""
    for name in ("source", "via"):
        if name in values:
            if values[name] not in entities:
                return False
            values[f"{name}_type"] = entities[values[name]].type
    return True


def in_order(values: dict) -> MappingProxyType:
    """Values in schema order, however they were filled in, so every way of loading gives the same facts."""
    return MappingProxyType({name: values[name] for name in FIELDS if name in values})
