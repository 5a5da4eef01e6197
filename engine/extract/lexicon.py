"""Word lists the extractor reads: shipped in `lexicons/*.txt`, extendable from a user folder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

SHIPPED = Path(__file__).parent / "lexicons"
NAMES = ("cues", "hedges", "vague_sources", "outlets", "predictions", "plans", "commitments", "begun",
         "superlatives", "exclusives", "titles", "institutions", "ambiguous_cues",
         "speakers", "labels", "after_speaker",
         "inverting_cues", "times", "numbers",
         "nominal_cues", "surveys",
         "states", "denials", "debunks", "negations", "synonyms", "presuppositions", "assessments", "doubts",
         "done", "cancelled", "scheduled", "past_plans",
         "organizations", "places", "source_links", "cue_leads", "label_numbers", "not_superlatives")


def read_list(path: Path) -> list[str]:
    """One entry per line; blank lines and `#` comments are skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [" ".join(line.split()) for line in lines if line.strip() and not line.lstrip().startswith("#")]


@dataclass(frozen=True)
class Lexicons:
    lists: dict

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.lists[name]

    def pattern(self, name: str) -> re.Pattern:
        """A case-insensitive whole-word pattern of a list, longest entries first."""
        return _pattern(self.lists[name])


@cache
def _pattern(entries: frozenset[str]) -> re.Pattern:
    """Compiled once per list: sorting on every call cost more than the search itself."""
    ordered = tuple(sorted(entries, key=lambda e: (-len(e), e)))
    alternatives = "|".join(re.escape(e).replace(r"\ ", r"\s+") for e in ordered)
    return re.compile(rf"(?<![\w]){'(?:' + alternatives + ')'}(?![\w])", re.I)


@lru_cache(maxsize=8)
def load(extra: Path | None = None) -> Lexicons:
    """The shipped lists, plus the entries of `extra/<name>.txt` when such files exist."""
    lists = {}
    for name in NAMES:
        entries = read_list(SHIPPED / f"{name}.txt")
        if extra is not None and (extra / f"{name}.txt").is_file():
            entries += read_list(extra / f"{name}.txt")
        keep_case = name == "outlets"
        lists[name] = frozenset(e if keep_case else e.lower() for e in entries)
    return Lexicons(lists)
