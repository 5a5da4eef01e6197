"""The predicate of a clause as a frame: a state (`is closed`), or a verb with its object (`filed a lawsuit`).

`Frame` is the record frames.py hands to the draft; `predicate` reads what follows the subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .keys import ADVERBS, AUX, CONJUNCTIONS, COPULAS, DETERMINERS, PREPOSITIONS, can_be, fold, lemma, number
from .lexicon import Lexicons

PARTICLES = frozenset("up out off down away back".split())
# `plans to close`, `has plans to close`: the claim is `close`
LIGHT = frozenset("go set have plan intend want decide aim seek try attempt hope agree expect vow pledge promise "
                  "threaten move prepare refuse fail".split())
NEGATING = frozenset({"refuse", "fail"})  # `refused to sign`, `failed to pay`: the claim is negated
APPROXIMATE = frozenset("more fewer less than least nearly almost around roughly some over about up".split())
TIMES = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight week "
                  "month year weekend morning evening night day time".split())


@dataclass(frozen=True)
class Frame:
    subject: str
    attribute: str
    value: str | bool
    kind: str | None = None
    number: int | float | None = None
    unit: str | None = None
    stance: str | None = None
    denied: tuple[int, int] | None = None  # offsets in the document of the denied claim's words

    def fields(self) -> dict:
        found = {"subject": self.subject, "attribute": self.attribute, "value": self.value}
        for name in ("kind", "number", "unit", "stance"):
            if getattr(self, name) is not None:
                found[name] = getattr(self, name)
        return found



def predicate(tokens: list[str], subject: str, negated: bool, lex: Lexicons) -> Frame | None:
    """The frame of `has not filed a lawsuit`, `is closed`, `remains dead`, `killed 30 people`."""
    i, copula, linked = (1 if tokens and fold(tokens[0]) == "to" else 0), False, False  # `Acme to close plant`
    while i < len(tokens) and (fold(tokens[i]) in AUX | COPULAS | ADVERBS
                               or lex.pattern("negations").fullmatch(tokens[i])
                               or fold(tokens[i]) in ("no", "longer")):
        low = fold(tokens[i])
        if lex.pattern("negations").fullmatch(tokens[i]) or low == "no":
            negated = not negated if low != "longer" else negated
        copula = low in COPULAS or (copula and low in ADVERBS)
        linked = linked or low in COPULAS
        if low in ("has", "have", "had", "will", "would", "can", "could", "may", "might", "do", "does", "did",
                   "should", "must", "shall"):
            copula = False
        i += 1
    rest = tokens[i:]
    if not rest:
        return None
    found = _state(rest, lex)  # `was killed` is a state; `killed 14 people` an event, `died in May` a state
    state = found[:3] if found and (linked or _intransitive(rest, found[3])) else None
    if state is not None:
        attribute, value, opposite = state
        return Frame(subject, attribute, opposite if negated else value, "state")
    head = fold(rest[0])
    if copula and not (can_be(head, "VERB") and head.endswith(("ed", "ing")) and not can_be(head, "ADJ")):
        complement = _object(rest, 0)
        if not complement:
            return None
        return Frame(subject, complement[0], not negated)
    if not can_be(head, "VERB"):
        return None
    verb = lemma(head, "VERB")
    inner = _infinitive(rest) if verb in LIGHT else None
    if inner is not None:
        carried = predicate(rest[inner:], subject, negated != (verb in NEGATING), lex)
        if carried is not None:
            return carried
    obj = _object(rest, 1)
    attribute = f"{verb}-{obj[0]}" if obj else verb
    count, unit = (obj[1], obj[0]) if obj and obj[1] is not None else (None, None)
    return Frame(subject, attribute, not negated, "quantity" if count is not None else None, count, unit)


def _infinitive(tokens: list[str]) -> int | None:
    """Where the verb of `to V` starts after a light verb and at most two words (`has no plans to`)."""
    for k in range(1, min(len(tokens) - 1, 4)):
        low = fold(tokens[k])
        if low == "to":
            after = fold(tokens[k + 1])
            return k + 1 if can_be(after, "VERB") and after not in DETERMINERS else None
        if low in PREPOSITIONS | CONJUNCTIONS | AUX:
            return None
    return None


def _object(tokens: list[str], start: int) -> tuple[str, int | float | None] | None:
    """The head of the noun phrase from `start` (a particle skipped), and a number counting it."""
    i = start
    if i < len(tokens) and fold(tokens[i]) in PARTICLES:
        i += 1
    head, count = None, None
    while i < len(tokens):
        low = fold(tokens[i])
        if head is None and count is None and low in APPROXIMATE:
            i += 1  # `more than 111,000 jobs`: the count is still to come
            continue
        if low in PREPOSITIONS | CONJUNCTIONS | AUX or low in (",", "not", "n't"):
            break
        value = number(tokens[i])
        if value is not None and head is None:
            count = value
        elif low in TIMES or low in ("last", "next", "this", "earlier", "later"):
            break
        elif low not in DETERMINERS and low not in ADVERBS and low.isalpha():
            head = lemma(low, "NOUN")
        i += 1
        if head is not None and (i - start) > 5:
            break
    return (head, count) if head else None


def _state(tokens: list[str], lex: Lexicons) -> tuple[str, str, str, int] | None:
    """A state word at the start of `tokens` (`closed`, `alive and well`): its property, value, opposite and
    how many words it takes."""
    table = _states(tuple(sorted(lex["states"])))
    text = " ".join(fold(t) for t in tokens[:4])
    for phrase in sorted(table, key=len, reverse=True):
        if text == phrase or text.startswith(phrase + " "):
            return (*table[phrase], len(phrase.split()))
    return None


def _intransitive(tokens: list[str], taken: int) -> bool:
    """A state verb with no object after it (`died on Monday`, `the museum closed in 2019`, not `closed the deal`)."""
    if taken >= len(tokens):
        return True
    after = fold(tokens[taken])
    if after in APPROXIMATE or number(tokens[taken]) is not None:
        return False  # `killed about 30 people`
    return after in PREPOSITIONS or after in CONJUNCTIONS or after in TIMES or not after.isalpha()


@lru_cache(maxsize=16)
def _states(lines: tuple[str, ...]) -> dict[str, tuple[str, str, str]]:
    table = {}
    for line in lines:
        attribute, _, sides = line.partition(":")
        yes, _, no = sides.partition("|")
        yes_words = [w.strip() for w in yes.split(",") if w.strip()]
        no_words = [w.strip() for w in no.split(",") if w.strip()]
        if not yes_words or not no_words:
            continue
        for w in yes_words:
            table[w] = (attribute.strip(), yes_words[0], no_words[0])
        for w in no_words:
            table[w] = (attribute.strip(), no_words[0], yes_words[0])
    return table
