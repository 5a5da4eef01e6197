"""Find who a sentence's claim is attributed to: the cue, the source mention and how it is attributed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicons

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Jr|Sr|St|Lt|Col|Sgt|Prof)\.(?!\w)"
                   r"|\w+(?:['’.&-]\w+)*|[^\w\s]")
PRONOUNS = frozenset("he she they we i it who which you".split())
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they", "me": "i", "us": "we"}
CAPITAL_CUES = frozenset({("according", "to"), ("as", "reported", "by"), ("citing",)})
NOUN_FOLLOWERS = frozenset("were was is are have has had will would of to from for in on by about".split())
SKIP_BACK = frozenset("has have had is was are were also previously repeatedly later then recently publicly once "
                      "already reportedly allegedly again often never not did does do will would could may might "
                      "just further even still first last privately earlier initially has been".split())
STOP = frozenset("that and but or because if when while as after before since than so to not nor whether where "
                 "what how why this these those there here by with without about against into over under "
                 "is are was were be been being has have had do does did can could would should will may might "
                 "must said says say".split())
NP_PREP = frozenset("of for at in from on".split())
DETERMINERS = frozenset("the a an his her their its our my your this that these those some many several most "
                        "two three four five other another each every both few one".split())
QUOTES = "\"“”"
QUOTE_MARKS = "\"“”'‘’"
PARTICIPLE_END = "ing"
OPEN_AFTER = frozenset("that : ,".split())
REPORTED_CUES = frozenset({"reported by", "as reported by", "reports", "reported", "has learned"})
BELIEF_CUES = frozenset("think thinks thought believe believes believed want wants wanted fear fears feared hope "
                        "hopes hoped expect expects expected show shows showed shown find finds found know knows "
                        "knew see sees saw welcome welcomes welcomed doubt doubts doubted".split())


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
    if i > 0 and toks[i - 1][2].lower() in PASSIVE and phrase not in (("reported", "by"),):
        return False  # `was declared the winner`: passive, no speaker
    return not (i > 0 and toks[i - 1][2].lower() in ("the", "a", "an", "his", "her", "their", "its", "our", "my"))


def _is_word(token: str) -> bool:
    return token[0].isalnum()


def _capital(token: str) -> bool:
    return token[0].isupper()


def source_before(toks, cue_first: int, lex: Lexicons) -> tuple[int, int] | None:
    """Token range of the noun phrase that ends just before the cue (skipping auxiliaries, adverbs, `(R-Iowa)`)."""
    j = cue_first - 1
    while j >= 0 and toks[j][2].lower() in SKIP_BACK:
        j -= 1
    participle = toks[cue_first][2].lower().endswith(PARTICIPLE_END)
    if j >= 1 and toks[j][2] == "," and not participle and (toks[j - 1][2][0].isupper() or toks[j - 1][2] == ")"):
        j -= 1  # `Carly Fiorina, says`: the subject is the appositive's head
    if j >= 0 and toks[j][2] == ")":
        while j >= 0 and toks[j][2] != "(":
            j -= 1
        j -= 1
    if j < 0 or not _is_word(toks[j][2]) and toks[j][2] not in ".":
        return None
    if toks[j][2].lower() in PRONOUNS:
        return j, j + 1
    end, i = j + 1, j
    while i >= 0 and end - i <= 8:
        word = toks[i][2]
        low = word.lower()
        if not _is_word(word) and word not in "'’-&.":
            break
        if low in STOP or low in PRONOUNS or low in lex["cues"] and not _capital(word):
            break
        i -= 1
    first = i + 1
    while first < end and (toks[first][2].lower() in NP_PREP or not _is_word(toks[first][2])):
        first += 1
    if first >= end or not _plausible(toks[first:end], lex):
        return None
    return first, end


def source_after(toks, cue_last: int, lex: Lexicons) -> tuple[int, int] | None:
    """Token range of the noun phrase that follows the cue (`according to X`, `, said X.`)."""
    i = cue_last
    if i < len(toks) and toks[i][2].lower() in OBJECT_PRONOUNS:
        return i, i + 1
    end = i
    while end < len(toks) and end - i < 10:
        word = toks[end][2]
        if not _is_word(word) and word not in "'’-&." or word.lower() in STOP and end > i:
            break
        end += 1
    while end > i and not _is_word(toks[end - 1][2]):
        end -= 1
    if end <= i or not _plausible(toks[i:end], lex):
        return None
    return i, end


def _plausible(span, lex: Lexicons) -> bool:
    """A source is a pronoun, a name, or a phrase with a vague-source or institution word."""
    words = [t[2] for t in span if _is_word(t[2])]
    if not words:
        return False
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return True
    if any(_capital(w) for w in words if w.lower() not in DETERMINERS):
        return True
    low = {w.lower() for w in words}
    return bool(low & (lex["vague_sources"] | lex["institutions"] | lex["titles"])) or (
        words[0].lower() in DETERMINERS and len(words) >= 2)

AFTER_CUES = frozenset({("according", "to"), ("reported", "by"), ("as", "reported", "by"), ("citing",)})
PASSIVE = frozenset("was were is are been be being get got gets".split())
SPEAKER_PRONOUNS = frozenset("i you we i’m i'm we’re we're you’re you're".split())


def attributions(text: str, offset: int, lex: Lexicons) -> list[Attribution]:
    """Every (cue, source) pair of a sentence, in text order; the cue's source may be None."""
    toks = tokens(text, offset)
    found = []
    for first, last in find_cues(toks, lex):
        phrase = tuple(t[2].lower() for t in toks[first:last])
        cue_text = text[toks[first][0] - offset:toks[last - 1][1] - offset]
        span = None
        if phrase in AFTER_CUES:
            span = source_after(toks, last, lex)
        else:
            span = source_before(toks, first, lex)
            inverted = first > 0 and toks[first - 1][2] in ",”\"'’" or first == 0
            if span is None and inverted and phrase[0] not in BELIEF_CUES:
                span = source_after(toks, last, lex)
            if span is None and phrase[0].endswith(PARTICIPLE_END):
                span = sentence_subject(toks, first, lex)
            if span is None and phrase[0] in BELIEF_CUES | {"is", "are", "was", "were", "in"}:
                continue
        if span and _inside_quote(text, toks[span[0]][0] - offset, toks[span[0]][2]):
            span = None  # `“I think …”`: the speaker's own words, not an attribution of the article
        mention = None
        if span:
            begin, end = toks[span[0]][0], toks[span[1] - 1][1]
            mention = Mention(begin, end, text[begin - offset:end - offset])
        how = "reported" if _reported(phrase, mention, lex) else "direct" if _quoted(text) else "paraphrase"
        found.append(Attribution(cue_text, toks[first][0], mention, how))
    return found or _colon_headline(text, toks, lex)


def _colon_headline(text: str, toks, lex: Lexicons) -> list[Attribution]:
    """`Bernie Sanders: ‘It Is Not A Radical Idea’`: a name, a colon, then what the name says."""
    colon = next((i for i, t in enumerate(toks[:7]) if t[2] == ":"), None)
    if not colon or not all(t[2][0].isupper() or not _is_word(t[2]) for t in toks[:colon]):
        return []
    if not _plausible(toks[:colon], lex):
        return []
    begin, end = toks[0][0], toks[colon - 1][1]
    offset = toks[0][0] - text.index(toks[0][2])
    return [Attribution(":", toks[colon][0], Mention(begin, end, text[begin - offset:end - offset]), "direct")]


def sentence_subject(toks, before: int, lex: Lexicons) -> tuple[int, int] | None:
    """The sentence's first noun phrase (a pronoun or a run of capitalised words), for `…, saying …`."""
    for i in range(min(before, 12)):
        word = toks[i][2]
        if word.lower() in PRONOUNS - {"it", "which", "who"}:
            return i, i + 1
        if word[0].isupper() and word.lower() not in DETERMINERS and word.lower() not in STOP:
            end = i
            while end < before and toks[end][2][0].isupper():
                end += 1
            return (i, end) if _plausible(toks[i:end], lex) else None
    return None


def _inside_quote(text: str, at: int, word: str) -> bool:
    if word.lower() not in SPEAKER_PRONOUNS:
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
