"""Draft facts from an article: sentences, attribution, markers and entities, written as a facts file.

`extract_text` is the in-memory API (it also returns where each source mention is, for scoring);
`extract_file` writes a draft next to the other facts; `facts_for_documents` serves `claimrules check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..factfiles import display_path
from ..problems import InputError
from ..yamlsrc import read_text
from ..documents import read_meta
from .attribution import Mention
from .claims import Claim, claims
from .entities import EntityTable, slug
from .lexicon import load
from .markers import markers
from .registry import Registry
from .segment import sentences
from .writer import dump, fact_id, mapping, occurrence, quote_index, relative, write_new

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown")
STANCES = {"doubt": "doubts", "welcome": "supports", "praise": "supports", "support": "supports",
           "endorse": "supports", "criticiz": "opposes", "den": "opposes", "dismiss": "opposes",
           "warn": "warns", "optimis": "optimistic"}


@dataclass(frozen=True)
class Draft:
    """One document's extraction: the facts mapping to write, and each fact's claim and source mention."""

    data: dict
    claims: tuple[Claim, ...]
    mentions: tuple[Mention, ...]

    @property
    def facts(self) -> list[dict]:
        return self.data["facts"]


def extract_text(text: str, name: str, document_path: str = "", lexicons: Path | None = None,
                 registry: Registry | None = None) -> Draft:
    """Extract the claims of `text`; `name` prefixes the fact ids, `document_path` goes in the mapping.

    Entities link to those `registry` holds, which then holds this draft's too.
    """
    lex = load(lexicons)
    found, mentions = claims(sentences(text), text, lex)
    prefix = slug(name)[:40] or "doc"
    registry = registry if registry is not None else Registry()
    table = EntityTable(text, lex, registry, prefix)
    index = quote_index(text)
    facts = [_fact(claim, n, prefix, table, index, text, lex) for n, claim in enumerate(found, 1)]
    _relay_outlets(found, facts)
    entities = table.declarations()
    for entity in entities:
        registry.declare(entity)
    data = mapping(document_path or name, read_meta(text).title, entities, facts)
    return Draft(data, tuple(found), tuple(mentions))


def _fact(claim: Claim, number: int, prefix: str, table: EntityTable, index, text: str, lex) -> dict:
    quote = text[claim.start:claim.end]
    a = claim.attribution
    fact = {"id": fact_id(prefix, number, claim.text), "text": claim.text, "quote": quote}
    n = occurrence(index, quote, claim.start)
    if n > 1:
        fact["occurrence"] = n
    fact.update(markers(claim.text, lex, sourced=a is not None))
    if a is None:
        fact["attribution"] = "none"
        return fact
    fact["source"] = table.resolve(a.source.text, a.source.start, a.attribution == "reported")
    if a.nested is not None:
        fact["via"] = table.resolve(a.nested.source.text, a.nested.source.start)
    fact["attribution"] = a.attribution
    fact["cue"] = " ".join(a.cue.split()).lower()
    stance = next((v for k, v in STANCES.items() if fact["cue"].startswith(k) or f" {k}" in fact["cue"]), None)
    if stance:
        fact["stance"] = stance
    line, column = index.position(a.source.start)
    fact["note"] = f"draft: source “{a.source.text}” at {line}:{column}, cue “{a.cue}”"
    return fact


def _relay_outlets(found: list[Claim], facts: list[dict]) -> None:
    """Claims in a paragraph that says `This is reported by X` are relayed via X."""
    outlets = {c.sentence.paragraph: f["source"] for c, f in zip(found, facts) if f.get("attribution") == "reported"}
    for claim, fact in zip(found, facts):
        outlet = outlets.get(claim.sentence.paragraph)
        if outlet and "source" in fact and fact["source"] != outlet and "via" not in fact:
            fact["via"] = outlet


def extract_file(document: Path, folder: Path, lexicons: Path | None = None) -> tuple[Path, Draft]:
    """Write a draft facts file for `document` into `folder`; FileExistsError if one is there."""
    return extract_files([document], folder, lexicons)[0]


def extract_files(documents: list[Path], folder: Path, lexicons: Path | None = None) -> list[tuple[Path, Draft]]:
    """Write a draft per document into `folder`, sharing entities with the facts files already there.

    Every document is read before anything is written; FileExistsError if a draft's file is there.
    """
    texts = [read_text(d, display_path(d)) for d in documents]
    problems = [p for text, found in texts if text is None for p in found]
    if problems:
        raise InputError(problems)
    registry = Registry.from_files([folder])
    drafts = [extract_text(text, document.stem, relative(document, folder), lexicons, registry)
              for document, (text, _) in zip(documents, texts)]
    registry.settle(e for draft in drafts for e in draft.data["entities"])
    written = []
    for document, draft in zip(documents, drafts):
        target = folder / f"{document.stem}.yaml"
        comment = (f"Draft facts extracted by `claimrules extract` from {document.name}.\n"
                   "Review every fact (subject/attribute/value, background, kinds) before relying on it.")
        write_new(target, dump(draft.data, comment))
        written.append((target, draft))
    return written


from .checking import facts_for_documents  # noqa: E402  (uses extract_file)

__all__ = ["Draft", "extract_text", "extract_file", "extract_files", "facts_for_documents", "DOCUMENT_SUFFIXES"]
