"""Find the cue phrases of a sentence: reporting verbs from the lexicon, and nouns that hold a view.

A cue word is often a noun too (`his support`, `a new plan`); the checks here tell the verb from the noun
by its neighbours, without a tagger.
"""

from __future__ import annotations

import re

from .lexicon import Lexicons
from .sources import STOP, SUBJECT_PRONOUNS, base, noun_phrase_back, source_after, strong, word

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Jr|Sr|St|Lt|Col|Sgt|Prof)\.(?!\w)"
                   r"|\w+(?:['’.&-]\w+)*%?|--|[^\w\s]")
CAPITAL_CUES = frozenset({("according", "to"), ("as", "reported", "by"), ("citing",)})
NOUN_FOLLOWERS = frozenset("were was is are have has had will would of".split())
POSSESSIVES = frozenset("the a an his her their its our my your".split())
OWNER_PRONOUNS = frozenset("his her their its our my your".split())
VERB_OPENERS = frozenset("to will would could should might may must can cannot not also still who that which "
                         "most many some others both all".split())
MAX_SURVEY = 7
TITLE_SHARE = 0.8
PASSIVE = frozenset("was were is are been be being get got gets".split())
PARTICIPLE_END = "ing"
PASSIVE_ADVERBS = frozenset("not never once also often long still already always widely n't ’t".split())


def tokens(text: str, offset: int) -> list[tuple[int, int, str]]:
    return [(m.start() + offset, m.end() + offset, m.group()) for m in TOKEN.finditer(text)]


def find_cues(toks: list[tuple[int, int, str]], lex: Lexicons) -> list[tuple[int, int]]:
    """(first token, last token + 1) of each cue phrase, longest match first, left to right."""
    cues, by_first = [], _by_first(lex)
    headline = title_case(toks)
    i = 0
    while i < len(toks):
        word = toks[i][2].lower()
        for phrase in by_first.get(word, ()):
            n = len(phrase)
            if (tuple(t[2].lower() for t in toks[i:i + n]) == phrase and _cue_here(toks, i, n, phrase, headline)
                    and not _bare_noun(toks, i, phrase, lex) and not _agenda(toks, i, phrase, lex)):
                cues.append((i, i + n))
                i += n - 1
                break
        else:
            if (word in lex["nominal_cues"] or word == "in") and owner(toks, i, lex) is not None:
                cues.append((i, i))  # a noun cue: `his criticism`, `criticism from X`, `in a CBS poll`
        i += 1
    return cues


def _cue_here(toks, i: int, n: int, phrase: tuple[str, ...], headline: bool = False) -> bool:
    """Not a capitalised word (`State`) nor a noun (`US demands were`, `his claims`).

    Capitals are fine in a title-case headline (`X Says Y`), and for `Said X, “…”` opening a sentence.
    """
    opening = i == 0 and len(toks) > 1 and toks[1][2][0].isupper() and phrase[0] in ("said", "says", "added")
    headline = headline and i > 0 and phrase[0].endswith(("s", "ed"))  # `Says`, `Slams`; not `New Detail`
    if toks[i][2][0].isupper() and phrase not in CAPITAL_CUES and not headline and not opening:
        return False
    if n == 1 and phrase[0].endswith("s") and i + 1 < len(toks) and toks[i + 1][2].lower() in NOUN_FOLLOWERS:
        return False
    passive = not phrase[0].endswith(PARTICIPLE_END) and phrase not in (("reported", "by"),)
    if _after_passive(toks, i) and passive and by_agent(toks, i + n) is None:
        return False  # `was (harshly) declared the winner`: passive, no speaker (`was criticized by X` has one)
    if i > 0 and toks[i - 1][2].lower().endswith(("’s", "'s")) and base(toks[i - 1][2]) == toks[i - 1][2].lower():
        return False  # `Trump’s tweet`: a possessive makes the cue a noun (but `he’s said` is a verb)
    if i > 1 and toks[i - 1][2] in ("'", "’") and toks[i - 2][2].lower().endswith("s"):
        return False  # `the candidates' plans`: a plural possessive makes it a noun too
    return not (i > 0 and toks[i - 1][2].lower() in POSSESSIVES)


def _after_passive(toks, i: int) -> bool:
    """Is the word at i after a passive auxiliary, past `not`, `never`, `often`… (`is not thought`)? Not past
    a manner adverb: `was widely reported that …` keeps its cue (FNC-1 disagree flags 77 → 89 of 350)."""
    j = i - 1
    while j > 0 and toks[j][2].lower() in PASSIVE_ADVERBS:
        j -= 1
    return j >= 0 and toks[j][2].lower() in PASSIVE


def _bare_noun(toks, i: int, phrase: tuple[str, ...], lex: Lexicons) -> bool:
    """`his immigration plan`, `38 percent support`: a bare noun-or-verb form is a verb only after a plural
    subject, a pronoun, a modal or `to` (`they support`, `would support`, `voters plan to`)."""
    if len(phrase) > 1 or phrase[0] not in lex["ambiguous_cues"]:
        return False
    if i > 1 and toks[i - 2][2].lower() in ("a", "an") and word(toks[i - 1][2]):
        return True  # `a persuasive advocate`, `an Obama veto`: an article and a modifier before a noun
    if phrase[0].endswith(("s", "ed", "ing")):
        return False
    j = i - 1
    while j >= 0 and toks[j][2].lower().endswith("ly") and len(toks[j][2]) > 4:
        j -= 1
    if j < 0:
        return False
    before = toks[j][2].lower()
    return not (before in VERB_OPENERS or base(before) in SUBJECT_PRONOUNS
                or before.endswith(("s", "n't", "n’t")) and not before.endswith(("’s", "'s")))


def _agenda(toks, i: int, phrase: tuple[str, ...], lex: Lexicons) -> bool:
    """`The council will consider both options`: an item on an agenda (the scheduled list), not a view held."""
    return i > 0 and " ".join((toks[i - 1][2].lower(), *phrase)) in lex["scheduled"]


def title_case(toks) -> bool:
    """A headline in title case (`Glenn Beck Says Trump Poses A Threat`): capitals do not mark names there."""
    words = [t[2] for t in toks if word(t[2]) and len(t[2]) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= TITLE_SHARE * len(words)


def by_agent(toks, last: int) -> int | None:
    """Where the agent of a passive cue starts: `was praised (widely) by X`."""
    for k in (last, last + 1):
        if k + 1 < len(toks) and toks[k][2].lower() == "by" and (k == last or toks[last][2].lower().endswith("ly")):
            return k + 1
    return None


def owner(toks, i: int, lex: Lexicons) -> tuple[int, int] | None:
    """Who holds the view a noun cue names: `Trump’s (harsh) criticism`, `his view`, `criticism from X`;
    or the survey a finding is `in` (`In the latest CBS poll, …`)."""
    if toks[i][2].lower() == "in":
        return _survey_after(toks, i + 1, lex)
    if i + 2 < len(toks) and toks[i + 1][2].lower() in ("from", "by"):
        span = source_after(toks, i + 2, lex)
        return span if span and strong(toks[span[0]:span[1]], lex) else None
    j = i - 1
    if j > 0 and word(toks[j][2]) and toks[j][2].islower() and not _possessive(toks[j][2]):
        j -= 1  # one adjective: `his harsh criticism`
    if j < 0 or not _possessive(toks[j][2]):
        return None
    if toks[j][2].lower() in OWNER_PRONOUNS:
        return j, j + 1
    span = noun_phrase_back(toks, j, lex)
    return span if span and strong(toks[span[0]:span[1]], lex) else None


def _survey_after(toks, first: int, lex: Lexicons) -> tuple[int, int] | None:
    """`the latest CBS News poll`, `exit polls`: a short noun phrase ending in a word for a survey."""
    for k in range(first, min(first + MAX_SURVEY, len(toks))):
        low = toks[k][2].lower()
        if low in lex["surveys"]:
            return (first, k + 1) if k + 1 == len(toks) or not toks[k + 1][2][0].isalpha() or \
                toks[k + 1][2].lower() in ("last", "this", "released", "conducted", "taken", "of", "by") else None
        if not word(toks[k][2]) and toks[k][2] not in "-’'" or low in STOP:
            return None
    return None


def _possessive(token: str) -> bool:
    low = token.lower()
    return low in OWNER_PRONOUNS or low.endswith(("’s", "'s", "s’", "s'")) and base(token) == low


_CACHE: dict[int, dict] = {}


def _by_first(lex: Lexicons) -> dict[str, list[tuple[str, ...]]]:
    key = id(lex)
    if key not in _CACHE:
        table: dict[str, list[tuple[str, ...]]] = {}
        for entry in lex["cues"]:
            words = tuple(t[2].lower() for t in tokens(entry, 0))
            table.setdefault(words[0], []).append(words)
        for phrases in table.values():
            phrases.sort(key=lambda p: (-len(p), p))
        _CACHE[key] = table
    return _CACHE[key]
