"""The facts schema: every field a fact may carry, its type, and what it means.

One table serves validation, rule checking (a rule may only name known fields) and docs.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("state", "event", "statement", "assessment", "plan", "commitment", "prediction",
         "quantity", "presupposition")
ATTRIBUTIONS = ("direct", "paraphrase", "reported", "none")
STATUSES = ("announced", "begun", "done", "cancelled")
ENTITY_TYPES = ("person", "official", "institution", "government", "anonymous-group", "outlet",
                "organization", "country", "place", "document", "other")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str  # id | text | word | scalar | number | date | bool | enum | entity | count
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    computed: bool = False  # filled in by the loader, not written in facts files


FIELDS: dict[str, FieldSpec] = {f.name: f for f in (
    FieldSpec("id", "id", "stable id, unique across all documents", required=True),
    FieldSpec("text", "text", "the claim in plain words", required=True),
    FieldSpec("quote", "text", "verbatim span of the document the claim comes from", required=True),
    FieldSpec("occurrence", "count", "which occurrence of `quote` is meant when it appears more than once"),
    FieldSpec("kind", "enum", "what sort of claim it is", required=True, choices=KINDS),
    FieldSpec("subject", "word", "what the claim is about (an entity id or a short term)"),
    FieldSpec("attribute", "word", "which property of the subject it states"),
    FieldSpec("value", "scalar", "the value it gives that property"),
    FieldSpec("number", "number", "a quantity the claim states"),
    FieldSpec("unit", "word", "unit of `number`"),
    FieldSpec("source", "entity", "who makes the claim; absent when the article speaks in its own voice"),
    FieldSpec("via", "entity", "who relays the source's claim (a spokesperson, another outlet)"),
    FieldSpec("attribution", "enum", "how the claim is attributed (default: `paraphrase` with a source, "
              "`none` without)", choices=ATTRIBUTIONS),
    FieldSpec("cue", "word", "the reporting verb or phrase (said, stressed, according to)"),
    FieldSpec("as_of", "date", "when the claim holds (default: the document's publication date)"),
    FieldSpec("since", "date", "start of the period the claim covers"),
    FieldSpec("until", "date", "end of the period the claim covers"),
    FieldSpec("status", "enum", "progress of a plan or process", choices=STATUSES),
    FieldSpec("stance", "word", "the source's stance (e.g. supports, doubts, optimistic)"),
    FieldSpec("hedged", "bool", "the claim is hedged (reportedly, may, doubts)"),
    FieldSpec("exclusive", "bool", "the claim says `only`"),
    FieldSpec("superlative", "bool", "the claim states a record or superlative (first time, biggest)"),
    FieldSpec("background", "bool", "well-established background the article need not source"),
    FieldSpec("words", "text", "the claim's content words (lemmas, stop words dropped), space-separated: "
              "what `shares` compares"),
    FieldSpec("note", "text", "the analyst's note; shown, never matched"),
    FieldSpec("document", "text", "path of the fact's document", computed=True),
    FieldSpec("outlet", "word", "the document's outlet (an entity id)", computed=True),
    FieldSpec("published", "date", "the document's publication date", computed=True),
    FieldSpec("source_type", "word", "entity type of `source`", computed=True),
    FieldSpec("via_type", "word", "entity type of `via`", computed=True),
)}

BOOL_FIELDS = tuple(name for name, spec in FIELDS.items() if spec.type == "bool")
DATE_FIELDS = tuple(name for name, spec in FIELDS.items() if spec.type == "date")
WRITABLE = tuple(name for name, spec in FIELDS.items() if not spec.computed)

ENTITY_FIELDS = {
    "id": "stable id that facts use in `source`, `via` and `subject`",
    "name": "the name shown in reports",
    "type": "one of: " + ", ".join(ENTITY_TYPES),
    "aliases": "other names the document uses for it",
}
DOCUMENT_FIELDS = {
    "path": "the document, relative to the facts file",
    "published": "publication date (default: the document's own `date` line or front matter)",
    "outlet": "the entity id of the outlet that published it",
    "title": "the document's title",
}
