"""Find who a sentence's claim is attributed to: the cue, the source mention and how it is attributed."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .lexicon import Lexicons
from .sources import (DETERMINERS, STOP, SUBJECT_PRONOUNS, base, plausible,
                      sentence_subject, source_after, source_before, strong, word)

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Jr|Sr|St|Lt|Col|Sgt|Prof)\.(?!\w)"
                   r"|\w+(?:['’.&-]\w+)*%?|--|[^\w\s]")
CAPITAL_CUES = frozenset({("according", "to"), ("as", "reported", "by"), ("citing",)})
NOUN_FOLLOWERS = frozenset("were was is are have has had will would of".split())
POSSESSIVES = frozenset("the a an his her their its our my your".split())
QUOTES = "\"“”"
PARTICIPLE_END = "ing"
REPORTED_CUES = frozenset({"reported by", "as reported by", "reports", "reported", "has learned"})
BELIEF_CUES = frozenset("think thinks thought believe believes believed want wants wanted fear fears feared hope "
                        "hopes hoped expect expects expected show shows showed shown find finds found know knows "
                        "knew see sees saw welcome welcomes welcomed doubt doubts doubted".split())
AFTER_CUES = frozenset({("according", "to"), ("reported", "by"), ("as", "reported", "by"), ("citing",)})
PASSIVE = frozenset("was were is are been be being get got gets".split())
CLAUSE_LINKS = frozenset(", – — -- by after before while when without".split())
PROGRESSIVE = frozenset("is are was were am be been being also still now not".split())
SPEAKER_PRONOUNS = frozenset("i you we i’m i'm we’re we're you’re you're".split())


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Attribution:
    cue: str
    cue_start: int
    source: Mention | None
    attribution: str  # direct, paraphrase, reported
    nested: "Attribution | None" = None


def tokens(text: str, offset: int) -> list[tuple[int, int, str]]:
    return [(m.start() + offset, m.end() + offset, m.group()) for m in TOKEN.finditer(text)]


def find_cues(toks: list[tuple[int, int, str]], lex: Lexicons) -> list[tuple[int, int]]:
    """(first token, last token + 1) of each cue phrase, longest match first, left to right."""
    cues, by_first = [], _by_first(lex)
    i = 0
    while i < len(toks):
        word = toks[i][2].lower()
        for phrase in by_first.get(word, ()):
            n = len(phrase)
            if tuple(t[2].lower() for t in toks[i:i + n]) == phrase and _cue_here(toks, i, n, phrase):
                cues.append((i, i + n))
                i += n - 1
                break
        i += 1
    return cues


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


def _cue_here(toks, i: int, n: int, phrase: tuple[str, ...]) -> bool:
    """Not a capitalised word (`State`) nor a noun (`US demands were`, `his claims`)."""
    if toks[i][2][0].isupper() and phrase not in CAPITAL_CUES:
        return False
    if n == 1 and phrase[0].endswith("s") and i + 1 < len(toks) and toks[i + 1][2].lower() in NOUN_FOLLOWERS:
        return False
    passive = not phrase[0].endswith(PARTICIPLE_END) and phrase not in (("reported", "by"),)
    if i > 0 and toks[i - 1][2].lower() in PASSIVE and passive:
        return False  # `was declared the winner`: passive, no speaker
    if i > 0 and toks[i - 1][2].lower().endswith(("’s", "'s")) and base(toks[i - 1][2]) == toks[i - 1][2].lower():
        return False  # `Trump’s tweet`: a possessive makes the cue a noun (but `he’s said` is a verb)
    return not (i > 0 and toks[i - 1][2].lower() in POSSESSIVES)



def attributions(text: str, offset: int, lex: Lexicons) -> list[Attribution]:
    """Every (cue, source) pair of a sentence, in text order; the cue's source may be None.

    A cue inside a quotation is the quoted speaker's, not the article's: it is kept only when nothing
    outside the quotes attributes the sentence (PolNeAR, like most annotation schemes, skips nested ones).
    """
    toks = tokens(text, offset)
    inside = quoted_ranges(text, offset)
    found, nested = [], []
    for first, last in find_cues(toks, lex):
        a = _pair(text, offset, toks, first, last, lex)
        if a is not None and found and found[-1].source and toks[first - 1][2] == ",":
            if last - first == 1 and toks[first][2].lower().endswith(PARTICIPLE_END):  # `X said, adding …`
                a = replace(a, source=found[-1].source)
        if a is not None:
            (nested if any(s <= a.cue_start < e for s, e in inside) else found).append(a)
    if not any(a.source for a in found):
        found += nested
    return _outermost(found, text, offset) or _colon_headline(text, toks, lex)


def _outermost(found: list[Attribution], text: str, offset: int) -> list[Attribution]:
    """Drop a cue inside what an earlier cue reports (`X said Y wants Z`: Y's wish is X's claim)."""
    kept, outer = [], None
    for a in found:
        if outer is not None and a.source is not None and a.source.start > outer.cue_start:
            between = text[outer.cue_start - offset:a.cue_start - offset]
            if ";" not in between and not re.search(r",\s+(?:and|but|while|whereas)\s", between):
                continue
        kept.append(a)
        if a.source is not None and outer is None and a.cue.lower() != "according to":
            outer = a
    return kept


def _pair(text: str, offset: int, toks, first: int, last: int, lex: Lexicons) -> Attribution | None:
    """The attribution of the cue at tokens [first, last): its source, and whether it is quoted or reported."""
    phrase = tuple(t[2].lower() for t in toks[first:last])
    span = _source(toks, first, last, phrase, lex)
    if span is None and phrase[0] in BELIEF_CUES | {"is", "are", "was", "were", "in"}:
        return None
    if span and _inside_quote(text, toks[span[0]][0] - offset, toks[span[0]][2]):
        span = None  # `“I think …”`: the speaker's own words, not an attribution of the article
    mention = None
    if span:
        begin, end = toks[span[0]][0], toks[span[1] - 1][1]
        mention = Mention(begin, end, text[begin - offset:end - offset])
    how = "reported" if _reported(phrase, mention, lex) else "direct" if _quoted(text) else "paraphrase"
    cue_text = text[toks[first][0] - offset:toks[last - 1][1] - offset]
    return Attribution(cue_text, toks[first][0], mention, how)


def _source(toks, first: int, last: int, phrase: tuple[str, ...], lex: Lexicons) -> tuple[int, int] | None:
    if phrase in AFTER_CUES:
        return source_after(toks, last, lex)
    inverted = first == 0 or toks[first - 1][2] in ",”\"'’"
    if inverted and phrase[0] not in BELIEF_CUES and _names_follow(toks, last):
        return source_after(toks, last, lex)
    if phrase[0].endswith(PARTICIPLE_END) and len(phrase) == 1:
        return _participle_source(toks, first, lex)
    span = source_before(toks, first, lex)
    if span is None and inverted and phrase[0] not in BELIEF_CUES:
        span = source_after(toks, last, lex)
    if " ".join(phrase) in lex["ambiguous_cues"] and not (span and strong(toks[span[0]:span[1]], lex)):
        return None
    return span


def _participle_source(toks, first: int, lex: Lexicons) -> tuple[int, int] | None:
    """`is saying` takes its subject; `, saying` the sentence's; a bare `groups supporting her` is no cue."""
    before = toks[first - 1][2] if first else ""
    if before.lower() in PROGRESSIVE or base(before) != before.lower():
        return source_before(toks, first, lex)
    if before.lower() in CLAUSE_LINKS:
        return sentence_subject(toks, 0, first, lex)
    span = source_before(toks, first, lex)
    return span if span and strong(toks[span[0]:span[1]], lex) else None


def _names_follow(toks, last: int) -> bool:
    """`…,” said Jane Doe` / `, said he`: the speaker comes after the cue."""
    if last >= len(toks):
        return False
    token = toks[last][2]
    return token[0].isupper() and token.lower() not in STOP or base(token) in SUBJECT_PRONOUNS


def quoted_ranges(text: str, offset: int) -> list[tuple[int, int]]:
    """Absolute character ranges between paired quotation marks (curly, straight, or doubled `''`)."""
    ranges = [(m.start() + offset, m.end() + offset) for m in QUOTED.finditer(text)]
    return [(s, e) for s, e in ranges if e - s > 12 or " " in text[s - offset:e - offset].strip()]


QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"|''(?:(?!'').)*''")


def _colon_headline(text: str, toks, lex: Lexicons) -> list[Attribution]:
    """`Bernie Sanders: ‘It Is Not A Radical Idea’`: a name, a colon, then what the name says."""
    colon = next((i for i, t in enumerate(toks[:7]) if t[2] == ":"), None)
    if not colon or not all(t[2][0].isupper() or not word(t[2]) for t in toks[:colon]):
        return []
    label = " ".join(t[2] for t in toks[:colon]).lower()
    if label in lex["labels"] or toks[0][2].lower() in DETERMINERS or text.rstrip().endswith("?"):
        return []
    if not plausible(toks[:colon], lex) or sum(word(t[2]) for t in toks[colon:]) < 3:
        return []
    begin, end = toks[0][0], toks[colon - 1][1]
    offset = toks[0][0] - text.index(toks[0][2])
    return [Attribution(":", toks[colon][0], Mention(begin, end, text[begin - offset:end - offset]), "direct")]


def _inside_quote(text: str, at: int, token: str) -> bool:
    if token.lower() not in SPEAKER_PRONOUNS:
        return False
    before = text[:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1 or before.count("''") % 2 == 1


def _reported(phrase: tuple[str, ...], mention: Mention | None, lex: Lexicons) -> bool:
    if mention is None or " ".join(phrase) not in REPORTED_CUES:
        return False
    return " ".join(phrase) in ("reported by", "as reported by") or is_outlet(mention.text, lex)


def is_outlet(name: str, lex: Lexicons) -> bool:
    folded = {o.casefold() for o in lex["outlets"]}
    return " ".join(name.split()).casefold() in folded


def _quoted(text: str) -> bool:
    return any(q in text for q in QUOTES) or "''" in text or text.lstrip().startswith(("-", "–", "—"))


def main_attribution(found: list[Attribution]) -> Attribution | None:
    """The claim's attribution: the first cue with a source; a later sourced cue inside it is nested."""
    sourced = [a for a in found if a.source is not None]
    if not sourced:
        return None
    outer = sourced[0]
    inner = next((a for a in sourced[1:] if a.source.start > outer.cue_start), None)
    if inner is not None and outer.cue.lower() == "according to":
        return Attribution(inner.cue, inner.cue_start, inner.source, inner.attribution, nested=outer)
    return outer
