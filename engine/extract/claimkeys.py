"""Claims that share their words share their keys: a claim worded like a known one takes its subject and attribute.

Two outlets rarely word one claim alike (`Acme Foods sues the county` / `reports that Acme Foods filed a
lawsuit against the county are false`), so their frames' keys differ. A `ClaimIndex` spans the documents of one
extraction (and the drafts already in the output folder): a claim whose content lemmas overlap a known
claim's enough (at least `MIN_SHARED` words and a third of the shorter one) gets that claim's subject and
attribute, keeping its own value, so the rules' equality joins meet it. Candidates come from an inverted
index over rare words only, so linking stays linear in practice.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .keys import ADVERBS, AUX, CONJUNCTIONS, DETERMINERS, PREPOSITIONS, PRONOUNS, fold, lemma, words
from .lexicon import Lexicons

MIN_SHARED = 2
MIN_SHARE = 0.34  # of the shorter claim's content words: a third (0.5 and 0.25 both scored worse on FNC-1 dev)
DENIAL_SHARED = 3  # words a denial shares with a claim whose predicate it words otherwise
MAX_POSTINGS = 400  # a word in more known claims than this is too common to find candidates by
GENERIC = frozenset("say tell report claim story news people time year day week month way thing lot part "
                    "make take get go come give know think see want use find show".split())


def content_words(text: str, lex: Lexicons) -> frozenset[str]:
    """The lemmas that carry a claim: no stop words, negations, hedges or reporting words."""
    stop = AUX | ADVERBS | CONJUNCTIONS | DETERMINERS | PREPOSITIONS | PRONOUNS
    found = set()
    for _, _, token in words(text):
        low = fold(token)
        if len(low) < 3 or low in stop or low.isdigit() or lex.pattern("negations").fullmatch(low):
            continue
        found.add(lemma(low, "VERB") if low.endswith(("ed", "ing")) else lemma(low, "NOUN"))
    return frozenset(found - GENERIC - lex["hedges"] - lex["debunks"] - lex["denials"])


@dataclass(frozen=True)
class Known:
    words: frozenset[str]
    subject: str
    attribute: str
    document: int = -1  # claims of one document meet by their own keys, not by shared words
    own: bool = False  # a plain negation: it meets only a claim sharing its own predicate
    denial: bool = False
    met: bool = False  # it took the keys of another document's claim


@dataclass
class ClaimIndex:
    known: list[Known] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    documents: int = 0
    linked: Known | None = None  # the known claim of another document the last `link` took its keys from
    subjects: dict[str, set[str]] = field(default_factory=dict)  # a subject key's 2+ word tails → the keys
    facts: dict[int, str] = field(default_factory=dict)  # known claim → the id of the fact written for it

    def subject(self, key: str) -> str:
        """A state's subject as other documents key it: `veteran-harbour-pilot-ann-lee` and `ann-lee` meet
        (one is the other's tail of at least two words; a tail of several longer keys stays itself)."""
        parts = key.split("-")
        for j in range(1, len(parts) - 1):
            tail = "-".join(parts[j:])
            if tail in self.subjects.get(tail, ()):
                return tail
        longer = self.subjects.get(key, set()) - {key}
        found = next(iter(longer)) if len(longer) == 1 else key
        self.note_subject(found)
        return found

    def note_subject(self, key: str) -> None:
        parts = key.split("-")
        for j in range(len(parts) - 1):
            self.subjects.setdefault("-".join(parts[j:]), set()).add(key)

    def new_document(self) -> int:
        """A number for the next document's claims: they are linked only to other documents' claims."""
        self.documents += 1
        return self.documents

    def link(self, found: frozenset[str], subject: str, attribute: str, document: int = 0,
             negated: bool = False, denial: bool = False) -> tuple[str, str]:
        """The keys of the known claim that `found` overlaps most, or (subject, attribute) as a new known claim.

        The shared words must include the predicate (a word of either attribute): `Poe resigned` and
        `Poe took a bribe` share a name, not a claim. A negated claim must share its own predicate: what
        `Poe did not resign` denies is the resigning, whatever else its sentence shares with a claim.
        """
        best = self._best(found, frozenset(attribute.split("-")), document, own=negated, denial=denial)
        self.linked = best
        keys = (best.subject, best.attribute) if best is not None else (subject, attribute)
        self.note_subject(keys[0])
        self._add(Known(found, *keys, document, negated, denial, best is not None))
        return keys

    def find(self, found: frozenset[str], document: int = 0) -> Known | None:
        """The known claim `found` overlaps most (sharing a word of its predicate), without adding `found`."""
        return self._best(found, frozenset(), document) if len(found) >= MIN_SHARED else None

    def _best(self, found: frozenset[str], predicate: frozenset[str], document: int,
              own: bool = False, denial: bool = False) -> Known | None:
        """The known claim of the keys `found` overlaps most. A denial may word its predicate apart from the
        claim it rejects (`has not signed a lease` / `signs the lease for the depot`) when half the shorter
        one is shared."""
        counts: dict[int, int] = {}
        for word in found:
            ids = self.postings.get(word, ())
            if len(ids) <= MAX_POSTINGS:
                for i in ids:
                    counts[i] = counts.get(i, 0) + 1
        votes: dict[tuple[str, str], list] = {}  # keys → [summed overlap, first claim]: the claims of one key vote
        for i, shared in sorted(counts.items()):
            other = self.known[i]
            if document and other.document == document:
                continue
            if shared >= MIN_SHARED and shared >= MIN_SHARE * min(len(found), len(other.words)):
                shares = predicate if own else predicate | frozenset(other.attribute.split("-"))
                if not shares & found & other.words and not (
                        denial and shared >= max(DENIAL_SHARED, 0.5 * min(len(found), len(other.words)))):
                    continue
                vote = votes.setdefault((other.subject, other.attribute), [0, other])
                vote[0] += shared
        if not votes:
            return None
        return max(votes.values(), key=lambda v: v[0])[1]

    def written(self, n: int, fact_id: str) -> None:
        """Known claim `n` is the fact `fact_id` of its draft (for `settle`)."""
        self.facts[n] = fact_id

    def settle(self) -> dict[str, tuple[str, str]]:
        """New keys for facts whose claim met nothing when it was read: a claim of an article extracted
        before the ones it shares words with meets them now, so the order of extraction matters less.
        Gives fact id → (subject, attribute); claims others already took the keys of keep theirs."""
        sizes: dict[tuple[str, str], int] = {}
        for known in self.known:
            sizes[known.subject, known.attribute] = sizes.get((known.subject, known.attribute), 0) + 1
        moved = {}
        for n, fact_id in self.facts.items():
            known = self.known[n]
            if known.met or sizes[known.subject, known.attribute] > 1:
                continue
            best = self._best(known.words, frozenset(known.attribute.split("-")), known.document, known.own,
                              known.denial)
            if best is not None and (best.subject, best.attribute) != (known.subject, known.attribute):
                self.known[n] = replace(known, subject=best.subject, attribute=best.attribute, met=True)
                moved[fact_id] = (best.subject, best.attribute)
        return moved

    def rekey(self, n: int, subject: str, attribute: str) -> None:
        """Known claim `n` under the keys its fact was finally written with (a plan's action keys)."""
        self.known[n] = replace(self.known[n], subject=subject, attribute=attribute)
        self.note_subject(subject)

    def _add(self, known: Known) -> None:
        self.known.append(known)
        for word in known.words:
            self.postings.setdefault(word, []).append(len(self.known) - 1)

    @classmethod
    def from_folder(cls, folder: Path, lex: Lexicons) -> ClaimIndex:
        """The claims of the drafts already in `folder`, so a later article meets an earlier one."""
        index = cls()
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                continue
            for fact in (data or {}).get("facts", []) if isinstance(data, dict) else []:
                if isinstance(fact, dict) and isinstance(fact.get("value"), bool) and fact.get("subject"):
                    index._add(Known(content_words(str(fact.get("text", "")), lex), str(fact["subject"]),
                                     str(fact.get("attribute", ""))))
        return index


def relinked(frame, found: frozenset[str], index: ClaimIndex | None, document: int = 0):
    """`frame` with the keys of the known claim its words overlap; frames of states keep their own keys."""
    if index is not None and not isinstance(frame.value, bool):
        return replace(frame, subject=index.subject(frame.subject))
    if index is None or not isinstance(frame.value, bool) or len(found) < MIN_SHARED:
        return frame
    subject, attribute = index.link(found, frame.subject, frame.attribute, document,
                                    negated=frame.value is False and frame.stance is None,
                                    denial=frame.stance is not None)
    return replace(frame, subject=subject, attribute=attribute)
