"""Extract: article text → draft facts (claims, attribution, frames, markers, shared entities) as a facts file.

`extract_text` is the in-memory API (it also returns where each source mention is, for scoring);
`extract_file` writes a draft next to the other facts; `facts_for_documents` serves `claimrules check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..load.documents import read_meta
from ..load.paths import display_path
from ..load.yamlsrc import read_text
from ..problems import InputError
from .actions import action_key
from .attribution import Mention
from .claimkeys import ClaimIndex, content_words
from .claims import Claim, claims
from .entities import EntityTable, slug
from .frames import Framer
from .lexicon import load
from .markers import markers
from .registry import Registry
from .segment import headline, sentences
from .writer import dump, fact_id, mapping, occurrence, quote_index, relative, write_new

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
                 known: ClaimIndex | None = None, registry: Registry | None = None) -> Draft:
    """Extract the claims of `text`; `name` prefixes the fact ids, `document_path` goes in the mapping.

    `known` spans the documents extracted together: a claim worded like one of theirs takes its keys.
    Entities link to those `registry` holds, which then holds this draft's too.
    """
    lex = load(lexicons)
    items = sentences(text)
    found, mentions = claims(items, text, lex)
    prefix = slug(name)[:40] or "doc"
    registry = registry if registry is not None else Registry()
    table = EntityTable(text, lex, registry, prefix)
    index = quote_index(text)
    framer = Framer(text, lex, known)
    published = read_meta(text).published
    facts = []
    for n, claim in enumerate(found, 1):
        fact = _fact(claim, n, prefix, table, index, text, lex, published)
        facts.append(_followed(_framed(fact, claim, framer, text, lex), claim, lex, framer))
        facts += _presupposed(fact, claim, framer, index, text)
    _relay_outlets(found, [f for f in facts if not f["id"].endswith(PRESUPPOSED)])
    _disputed_here(facts)
    entities = table.declarations()
    for entity in entities:
        registry.declare(entity)
    data = mapping(document_path or name, read_meta(text).title or headline(items), entities, facts)
    return Draft(data, tuple(found), tuple(mentions))


def _fact(claim: Claim, number: int, prefix: str, table: EntityTable, index, text: str, lex, published) -> dict:
    quote = text[claim.start:claim.end]
    a = claim.attribution
    fact: dict[str, Any] = {"id": fact_id(prefix, number, claim.text), "text": claim.text, "quote": quote}
    n = occurrence(index, quote, claim.start)
    if n > 1:
        fact["occurrence"] = n
    fact.update(markers(claim.text, lex, sourced=a is not None, published=published))
    if a is None:
        fact["attribution"] = "none"
        return fact
    assert a.source is not None  # a claim's attribution comes from main_attribution: it has a source
    fact["source"] = table.resolve(a.source.text, a.source.start, a.attribution == "reported")
    if a.nested is not None:
        assert a.nested.source is not None  # main_attribution nests only an attribution with a source
        fact["via"] = table.resolve(a.nested.source.text, a.nested.source.start)
    fact["attribution"] = a.attribution
    fact["cue"] = " ".join(a.cue.split()).lower()
    stance = next((v for k, v in STANCES.items() if fact["cue"].startswith(k) or f" {k}" in fact["cue"]), None)
    if stance:
        fact["stance"] = stance
    line, column = index.position(a.source.start)
    fact["note"] = f"draft: source “{a.source.text}” at {line}:{column}, cue “{a.cue}”"
    return fact


PRESUPPOSED = "-presupposed"
KEPT_KINDS = frozenset({"plan", "prediction", "commitment"})


def _framed(fact: dict, claim: Claim, framer: Framer, text: str, lex) -> dict:
    """The claim's frame merged into its fact; a denier's fact is hedged only by the denier's own words."""
    frame = framer.frame(claim)
    if frame is None:
        return fact
    fields = frame.fields()
    if fact["kind"] in KEPT_KINDS:
        fields.pop("kind", None)  # a plan stays a plan whatever its words state
    fact.update(fields)
    found = content_words(fact["text"], lex) if isinstance(fact.get("value"), bool) else frozenset()
    if found:  # a claim that holds or not: rules weigh its words (`shares`)
        fact["words"] = " ".join(sorted(found))
    if frame.denied is not None:
        own = text[claim.start:frame.denied[0]] + " " + text[frame.denied[1]:claim.end]
        if lex.pattern("hedges").search(own):
            fact["hedged"] = True
        else:
            fact.pop("hedged", None)
    return fact


def _disputed_here(facts: list[dict]) -> None:
    """A claim the article itself denies or debunks (`The story went like this: … . It is a hoax.`) is retold,
    not asserted: its facts get `stance: disputed`, so they do not contradict another article's denial."""
    denied = {(f["subject"], f["attribute"]) for f in facts
              if f.get("stance") in ("denies", "debunks") and f.get("value") is False and "subject" in f}
    for fact in facts:
        keys = (fact.get("subject"), fact.get("attribute"))
        if fact.get("value") is True and "stance" not in fact and keys in denied:
            fact["stance"] = "disputed"


def _followed(fact: dict, claim: Claim, lex, framer: Framer) -> dict:
    """A plan, prediction or report of one done is keyed by its action, so a later outcome meets it; the claim
    index learns those keys, so another article's wording of the plan meets them too."""
    if framer.index is not None and framer.known_at is not None:
        framer.index.written(framer.known_at, fact["id"])
    if fact.get("stance") in ("denies", "debunks") or fact.get("value") is False and fact["kind"] == "plan" and \
            framer.met:
        return fact  # a denied plan (`has no plans to …`) that met a claim keeps that claim's keys
    if fact["kind"] in ("plan", "prediction", "commitment") or "status" in fact:
        keys = action_key(claim.text, fact.get("status"), fact["kind"], lex)
        fact.update(keys)
        if "subject" in keys and framer.index is not None and framer.known_at is not None:
            framer.index.rekey(framer.known_at, keys["subject"], keys["attribute"])
    return fact


def _presupposed(fact: dict, claim: Claim, framer: Framer, index, text: str) -> list[dict]:
    """A fact for each state the claim's words take for granted, attributed like the claim."""
    extra = []
    for start, end, frame in framer.presupposed(claim):
        quote = text[start:end]
        found = {"id": fact["id"] + PRESUPPOSED, "text": " ".join(quote.split()), "quote": quote}
        n = occurrence(index, quote, start)
        if n > 1:
            found["occurrence"] = n
        found.update(frame.fields())
        for name in ("source", "via", "attribution", "cue"):
            if name in fact:
                found[name] = fact[name]
        extra.append(found)
    return extra


def _relay_outlets(found: list[Claim], facts: list[dict]) -> None:
    """Claims in a paragraph that says `This is reported by X` are relayed via X."""
    outlets = {c.sentence.paragraph: f["source"] for c, f in zip(found, facts) if f.get("attribution") == "reported"}
    for claim, fact in zip(found, facts):
        outlet = outlets.get(claim.sentence.paragraph)
        if outlet and "source" in fact and fact["source"] != outlet and "via" not in fact:
            fact["via"] = outlet


def extract_file(document: Path, folder: Path, lexicons: Path | None = None,
                 known: ClaimIndex | None = None) -> tuple[Path, Draft]:
    """Write a draft facts file for `document` into `folder`; FileExistsError if one is there."""
    return extract_files([document], folder, lexicons, known)[0]


def extract_files(documents: list[Path], folder: Path, lexicons: Path | None = None,
                  known: ClaimIndex | None = None) -> list[tuple[Path, Draft]]:
    """Write a draft per document into `folder`, sharing entities with the facts files already there,
    and claim keys with `known` (the drafts there, and each earlier document of the run).

    Every document is read before anything is written; FileExistsError if a draft's file is there.
    """
    texts = [read_text(d, display_path(d)) for d in documents]
    problems = [p for text, found in texts if text is None for p in found]
    if problems:
        raise InputError(problems)
    registry = Registry.from_files([folder])
    drafts = []
    for document, (text, _) in zip(documents, texts):
        assert text is not None  # read_text gives a problem with every None, and problems were raised above
        drafts.append(extract_text(text, document.stem, relative(document, folder), lexicons, known, registry))
    registry.settle(e for draft in drafts for e in draft.data["entities"])
    if known is not None:
        settle_keys(drafts, known)
    written = []
    for document, draft in zip(documents, drafts):
        target = folder / f"{document.stem}.yaml"
        comment = (f"Draft facts extracted by `claimrules extract` from {document.name}.\n"
                   "Review every fact (subject/attribute/value, background, kinds) before relying on it.")
        write_new(target, dump(draft.data, comment))
        written.append((target, draft))
    return written


def settle_keys(drafts: list[Draft], known: ClaimIndex) -> None:
    """Claims that met nothing when read take the keys of a later article's claim they share words with."""
    moved = known.settle()
    for draft in drafts:
        touched = [fact for fact in draft.facts if fact["id"] in moved]
        for fact in touched:
            fact["subject"], fact["attribute"] = moved[fact["id"]]
        if touched:
            _disputed_here(draft.facts)  # a claim the article denies under its new keys is retold there


from .checking import facts_for_documents  # noqa: E402  (uses extract_file)

__all__ = ["ClaimIndex", "Draft", "extract_text", "extract_file", "extract_files", "facts_for_documents",
           "settle_keys"]
