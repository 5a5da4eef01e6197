"""What a plan, a prediction or a report of one done is about: `subject` (the thing acted on) and `attribute`
(the action's stem), so `plans to reopen the bridge` and, later, `the bridge reopened` share their keys.

Read without a tagger: the verb after the cue (`plans to reopen`, `will be completed`, `preparations for
reopening`), the noun phrase after it or, for an intransitive or passive verb, before it.
"""

from __future__ import annotations

import re

from .keys import can_be, fold, lemma, phrase_key
from .lexicon import Lexicons

WORD = re.compile(r"[A-Za-z][\w'’-]*|[^\w\s]")
MODALS = re.compile(r"\A(?:will|would|won't|to|shall)\Z", re.I)
SKIP = frozenset("to be been being not also soon then finally eventually quickly already officially now fully "
                 "again formally partly partially".split())
AUXILIARIES = frozenset("has have had was were is are been be being already finally officially now also just "
                        "recently formally fully".split())
DETERMINERS = frozenset("the a an its their his her our your my this that these those some".split())
STOPS = frozenset(("in on at by for from with to of into after before during since until next last this "
                   "and but or that "
                   "which who as than when while because if so said says told according "
                   "today yesterday tomorrow tonight "
                   "monday tuesday wednesday thursday friday saturday sunday about over under across through against "
                   "between within without near amid despite like via per among around soon later early again too yet "
                   "still there here whether less more does do did").split())
PARTICLES = frozenset("up out off down back away".split())
MODIFIERS = frozenset("new old planned proposed long-awaited long-delayed first second main existing former current "
                      "local major key entire whole".split())
PRONOUNS = frozenset("it they he she we i you this that which who".split())
# Verbs that say a thing happens, begins or ends rather than what is done to it: all are `happen`.
ASPECT = frozenset("happen take go hold host stage begin start complete finish end conclude proceed resume "
                   "carry cancel scrap call abandon shelve axe postpone".split())
ACTION_NOUN = re.compile(r"(?:ing|ion|ment|al)\Z")


def action_key(text: str, status: str | None, kind: str, lex: Lexicons) -> dict:
    """`subject` and `attribute` of a plan, prediction, commitment or a report of one done, begun or cancelled."""
    words = [m.group() for m in WORD.finditer(text)]
    cue = _cue(text, words, status, kind, lex)
    if cue is None:
        return {}
    verb, rest, before = cue
    if verb is None or stem(verb) in ASPECT:
        return _nominal(rest, before, lex)
    thing = _phrase(rest, lex) or _phrase_before(before, lex)
    return {"subject": thing, "attribute": stem(verb)} if thing else {}


def stem(word: str) -> str:
    """The verb lemma both sides of a follow-up share: reopened, reopening → reopen; completion → complete."""
    found = lemma(word, "VERB")
    if found == fold(word) and found.endswith("ion"):
        for candidate in (found[:-3] + "e", found[:-3]):
            if can_be(candidate, "VERB"):
                return candidate
    return found


def _cue(text: str, words: list[str], status: str | None, kind: str, lex: Lexicons):
    """(verb or None, words after it, words before the cue) for the cue that makes the claim a follow-up."""
    if status in ("done", "cancelled"):
        return _outcome_cue(text, words, status, lex)
    names = ("begun",) if status == "begun" and kind not in ("plan", "prediction", "commitment") else \
        ("plans", "commitments", "predictions", "begun")
    for name in names:
        at = _find(text, words, lex.pattern(name))
        if at is None:
            continue
        start, end = at
        if name == "begun":
            return None, [], words[:start]
        after = words[end:]
        i = _skip(after)
        if i < len(after) and after[i][:1].isalpha() and after[i].lower() not in DETERMINERS | STOPS:
            return after[i], after[i + 1:], words[:start]
        return _after_modal(after, words[:start])
    return None


def _outcome_cue(text: str, words: list[str], status: str, lex: Lexicons):
    """The verb of `reopened`, or the planned one of `scrapped plans to build` (none for `called off`)."""
    at = _find(text, words, lex.pattern(status))
    if at is None:
        return None
    start, end = at
    after = words[end:]
    if status == "done":
        return _cue_verb(words[start:end]), after, words[:start]
    planned = _planned_verb(after)
    return (planned[0], planned[1], words[:start]) if planned else (None, after, words[:start])


def _cue_verb(cue: list[str]) -> str:
    """The verb of a done cue: `carried out` → carried, `has been completed` → completed."""
    return next((w for w in cue if w.lower() not in AUXILIARIES), cue[-1])


def _after_modal(after: list[str], before: list[str]):
    """`predicted the measure would pass`: the verb after a later modal, the words between as what it is about."""
    for i, word in enumerate(after[:8]):
        if MODALS.match(word):
            j = i + 1 + _skip(after[i + 1:])
            if j < len(after) and after[j][:1].isalpha():
                return after[j], after[j + 1:], before + after[:i]
    return None


def _planned_verb(after: list[str]):
    """`scrapped plans to build X`: the planned verb and what follows it."""
    for i, word in enumerate(after[:5]):
        if word.lower() == "to" and i > 0 and stem(after[i - 1]) == "plan":
            j = i + 1 + _skip(after[i + 1:])
            if j < len(after):
                return after[j], after[j + 1:]
    return None


def _find(text: str, words: list[str], pattern: re.Pattern) -> tuple[int, int] | None:
    """The word span of the first match of `pattern`."""
    match = pattern.search(text)
    if match is None:
        return None
    before = len(WORD.findall(text[:match.start()]))
    return before, before + len(WORD.findall(match.group()))


def _skip(words: list[str]) -> int:
    i = 0
    while i < len(words) and (words[i].lower() in SKIP or words[i].lower().endswith("ly")):
        i += 1
    return i


def _nominal(rest: list[str], before: list[str], lex: Lexicons) -> dict:
    """`the reopening of the bridge` (after or before the cue) is reopen/bridge; a plain `the festival` happens."""
    for words, backwards in ((rest, False), (before, True)):
        phrase = _noun_words(words, backwards)
        if not phrase:
            continue
        action = _action_of(words, phrase, backwards, lex)
        if action:
            return action
        return {"subject": _key(phrase, lex), "attribute": "happen"}
    return {}


def _action_of(words: list[str], phrase: list[str], backwards: bool, lex: Lexicons) -> dict:
    """A phrase that is an action noun with `of X` after it names the action and its object."""
    if backwards:
        ends = _trailing(words)
        n = len(words) - ends - len(phrase)
        while n > 0 and (words[n - 1].lower() in DETERMINERS or words[n - 1].endswith(("'s", "’s"))):
            n -= 1
        if n >= 2 and words[n - 1].lower() == "of" and ACTION_NOUN.search(words[n - 2].lower()):
            return {"subject": _key(phrase, lex), "attribute": stem(words[n - 2])}
        return {}
    head = phrase[-1]
    i = len(_lead(words)) + len(phrase)
    if ACTION_NOUN.search(head.lower()) and i < len(words) and words[i].lower() == "of":
        obj = _noun_words(words[i + 1:], False)
        if obj:
            return {"subject": _key(obj, lex), "attribute": stem(head)}
    return {}


def _phrase(words: list[str], lex: Lexicons) -> str | None:
    found = _noun_words(words, False)
    return _key(found, lex) if found else None


def _phrase_before(words: list[str], lex: Lexicons) -> str | None:
    found = _noun_words(words, True)
    return _key(found, lex) if found else None


def _lead(words: list[str]) -> list[str]:
    lead = []
    for w in words:
        if w.lower() in DETERMINERS or w.endswith(("'s", "’s")):
            lead.append(w)
        else:
            break
    return lead


def _trailing(words: list[str]) -> int:
    n = 0
    while n < len(words) and words[len(words) - 1 - n].lower() in AUXILIARIES:
        n += 1
    return n


def _noun_words(words: list[str], backwards: bool) -> list[str]:
    """The words of the noun phrase at the start (or, backwards, the end) of `words`, determiners left out."""
    if backwards:
        words = words[: len(words) - _trailing(words)]
        taken: list[str] = []
        for w in reversed(words):
            low = w.lower()
            if (not w[:1].isalpha() or low in STOPS or low in DETERMINERS or w.endswith(("'s", "’s", "n't", "n’t"))
                    or _only_verb(w)):
                break
            taken.insert(0, w)
        taken = taken[-4:]
    else:
        taken = []
        lead = len(_lead(words))
        while lead < len(words) and words[lead].lower() in PARTICLES:  # `set up the stakes`
            lead += 1
            lead += len(_lead(words[lead:]))
        for w in words[lead:]:
            low = w.lower()
            if (not w[:1].isalpha() or low in STOPS or low in DETERMINERS or low in AUXILIARIES or MODALS.match(w)
                    or low.endswith(("n't", "n’t")) or _only_verb(w)):
                break
            taken.append(w)
        taken = taken[:4]
    return [w for w in taken if w.lower() not in PRONOUNS and w.lower() != "no"]


def _only_verb(word: str) -> bool:
    """`include` in `tally doesn't include money`: a word that is a verb and never a noun ends a noun phrase."""
    return word[:1].islower() and can_be(word, "VERB") and not can_be(word, "NOUN") and not can_be(word, "ADJ")


def _key(words: list[str], lex: Lexicons) -> str | None:
    kept = [w for w in words if w not in MODIFIERS]
    return (phrase_key(kept, lex) or None) if kept else None
