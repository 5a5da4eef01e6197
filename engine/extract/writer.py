"""Claims and entities to a facts mapping, and that mapping to a YAML file that is never overwritten."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from ..load.documents import QuoteIndex
from ..model import Document
from .entities import slug

FIELD_ORDER = ("id", "text", "quote", "occurrence", "kind", "subject", "attribute", "value", "number", "unit",
               "source", "via", "attribution", "cue", "as_of", "since", "until", "status", "stance", "hedged",
               "exclusive", "superlative", "background", "words", "note")


def occurrence(index: QuoteIndex, quote: str, start: int) -> int:
    """Which occurrence of `quote` (white space insensitive) is the one starting at offset `start`."""
    return index.occurrence(quote, start) or 1


def fact_id(prefix: str, number: int, text: str) -> str:
    words = slug(text).split("-")[:5]
    return f"{prefix}-{number:03d}-{'-'.join(words)}"[:200]


def ordered(fact: dict) -> dict:
    return {name: fact[name] for name in FIELD_ORDER if name in fact}


def mapping(document_path: str, title: str | None, entities: list[dict], facts: list[dict]) -> dict:
    document = {"path": document_path}
    if title:
        document["title"] = title
    return {"document": document, "entities": entities, "facts": [ordered(f) for f in facts]}


def dump(data: dict, comment: str = "") -> str:
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    return "\n".join(lines) + ("\n" if lines else "") + body


def write_new(path: Path, text: str) -> None:
    """Write `text` to a new file; FileExistsError when the file is already there (drafts never clobber reviews)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)


def relative(document: Path, folder: Path) -> str:
    return Path(os.path.relpath(document.resolve(), folder.resolve())).as_posix()


def quote_index(text: str) -> QuoteIndex:
    return QuoteIndex(Document("", text, None))
