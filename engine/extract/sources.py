"""Find the noun phrase a cue attributes to: the subject before it, the agent after it, or the sentence's subject.

No tagger: noun phrases are read backwards from the cue over words that can sit in one (names, titles,
determiners, `of`/`for`/`at` links), past appositives (`X, a spokesman for Y, said`) and auxiliaries.
"""

from __future__ import annotations

from .lexicon import Lexicons

PRONOUNS = frozenset("he she they we i it who which you that".split())
SUBJECT_PRONOUNS = frozenset("he she they we i you".split())
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they", "me": "i", "us": "we"}
CONTRACTIONS = ("’s", "'s", "’ve", "'ve", "’d", "'d", "’ll", "'ll", "’re", "'re", "’m", "'m")
SKIP_BACK = frozenset("has have had is was are were be been being also previously repeatedly later then recently "
                      "publicly once already reportedly allegedly again often never not did does do will would "
                      "could may might can should must just further even still first last privately earlier "
                      "initially now long since both all too quickly twice openly repeatedly n't ’t "
                      "meanwhile however though too herself himself themselves itself".split())
STOP = frozenset("that and but or because if when while as after before since than so to not nor whether where "
                 "what how why this these those there here by with without about against into over under "
                 "is are was were be been being has have had do does did can could would should will may might "
                 "must said says say on upon during through across despite although though yet also".split())
LINKS = frozenset("of for at from in".split())
DETERMINERS = frozenset("the a an his her their its our my your this that these those some many several most "
                        "two three four five other another each every both few one all no any much more".split())
OPENERS = {",": ",", ")": "(", "—": "—", "--": "--", "–": "–"}
MAX_NP = 12
MAX_APPOSITIVE = 30


def word(token: str) -> bool:
    return token[0].isalnum()


def base(token: str) -> str:
    """`he’s` → `he`: a pronoun with a contracted auxiliary is still the pronoun."""
    low = token.lower()
    for tail in CONTRACTIONS:
        if low.endswith(tail) and low[:-len(tail)] in SUBJECT_PRONOUNS | {"it", "who", "that"}:
            return low[:-len(tail)]
    return low


def skip_back(toks, j: int) -> int:
    """The last token before the cue that is not an auxiliary, an adverb or `not`."""
    while j >= 0:
        low = toks[j][2].lower()
        if low in SKIP_BACK or low.endswith("ly") and not toks[j][2][0].isupper() and len(low) > 4:
            j -= 1
        else:
            return j
    return j


def source_before(toks, cue_first: int, lex: Lexicons) -> tuple[int, int] | None:
    """Token range of the subject that ends just before the cue: a pronoun, a noun phrase, or one in apposition."""
    j = skip_back(toks, cue_first - 1)
    if j < 0:
        return None
    low = base(toks[j][2])
    if low in PRONOUNS:
        return j, j + 1
    if toks[j][2] in OPENERS:
        return appositive(toks, j, lex)
    if low in ("and", "but") or low in SKIP_BACK:
        return clause_subject(toks, j, lex)
    return noun_phrase_back(toks, j, lex)


def appositive(toks, close: int, lex: Lexicons) -> tuple[int, int] | None:
    """`Jane Doe, a spokeswoman for X, said`: the head before the opening mark, through the appositive."""
    opener = OPENERS[toks[close][2]]
    k = close - 1
    while k >= 0 and close - k <= MAX_APPOSITIVE and toks[k][2] != opener:
        if toks[k][2] in "“”\"" or toks[k][2] in (";", ":"):
            return None
        k -= 1
    if k <= 0 or close - k > MAX_APPOSITIVE or k + 1 >= close:
        return None
    head = noun_phrase_back(toks, k - 1, lex)
    if head is None or not _named(toks[head[0]:head[1]]):
        return None
    return head[0], close


def _named(span) -> bool:
    """A head worth an appositive: a name (a capital past the first word) or a pronoun."""
    words = [t[2] for t in span if word(t[2])]
    return any(w[0].isupper() for w in words[1:]) or len(words) == 1 and (words[0][0].isupper() or
                                                                          base(words[0]) in SUBJECT_PRONOUNS)


def noun_phrase_back(toks, j: int, lex: Lexicons) -> tuple[int, int] | None:
    """The noun phrase ending at token j, read backwards until a word that cannot be in one."""
    end, i = j + 1, j
    while i >= 0 and end - i <= MAX_NP:
        token = toks[i][2]
        low = token.lower()
        if not word(token) and token not in ("'", "’", "-", "&", ".", "%"):
            break
        if low in DETERMINERS and word(token):
            i -= 1
            if i >= 0 and toks[i][2].lower() in DETERMINERS - {"a", "an", "the"} | {"of"}:
                continue  # `all the attendees`, `most of the`
            break
        if not _np_word(toks, i, end, lex):
            break
        i -= 1
    first = i + 1
    while first < end and (toks[first][2].lower() in LINKS | STOP or not word(toks[first][2])):
        first += 1
    if first >= end or not plausible(toks[first:end], lex):
        return None
    return first, end


def _np_word(toks, i: int, end: int, lex: Lexicons) -> bool:
    """Can token i sit inside a noun phrase that ends at `end`?"""
    token = toks[i][2]
    low = token.lower()
    if not word(token):
        return True
    if low in LINKS:
        return i + 1 < end and i > 0 and (toks[i - 1][2][0].isupper() or _nounish(toks[i - 1][2], lex))
    if low == "and":
        return i + 1 < end and i > 0 and toks[i + 1][2][0].isupper() and toks[i - 1][2][0].isupper()
    if low in STOP or low in PRONOUNS:
        return False
    if token[0].isupper():
        return i > 0 or low not in lex["cues"]
    return low not in lex["cues"] and not low.endswith(("ed", "ing")) or _nounish(token, lex)


def _nounish(token: str, lex: Lexicons) -> bool:
    low = token.lower()
    if low in lex["titles"] or low in lex["vague_sources"] or low in lex["institutions"] or low in lex["speakers"]:
        return True
    return low.endswith(
        ("er", "ist", "ian", "man", "men", "woman", "women", "or", "ant", "ent", "ee", "ers", "ists", "ians",
         "ors", "ants", "ents"))


def clause_subject(toks, j: int, lex: Lexicons) -> tuple[int, int] | None:
    """`X took the stage and said`: the cue shares the subject of the clause the conjunction joins it to."""
    start = j
    while start > 0 and toks[start - 1][2] not in (";", ":", "“", "”", '"'):
        start -= 1
    return sentence_subject(toks, start, j, lex)


def sentence_subject(toks, start: int, before: int, lex: Lexicons) -> tuple[int, int] | None:
    """The first noun phrase from `start` (after an introductory `In X, ` phrase): a pronoun or a name."""
    i = start
    if i < before and toks[i][2].lower() in STOP | LINKS | {"in", "at", "on", "after", "for"}:
        comma = next((k for k in range(i, min(before, i + 12)) if toks[k][2] == ","), None)
        i = comma + 1 if comma is not None else i
    for k in range(i, min(before, i + 12)):
        token = toks[k][2]
        if base(token) in SUBJECT_PRONOUNS:
            return k, k + 1
        if word(token) and token.lower() not in STOP | LINKS and (token[0].isupper() or token.lower() in DETERMINERS):
            end = k + 1
            while end < before and _np_word(toks, end, end + 1, lex) and not _verbish(toks[end][2], lex):
                end += 1
            span = (k, end)
            return span if plausible(toks[k:end], lex) else None
    return None


def _verbish(token: str, lex: Lexicons) -> bool:
    low = token.lower()
    return not token[0].isupper() and (low in lex["cues"] or low.endswith(("ed", "s")) and not _nounish(token, lex))


def source_after(toks, cue_last: int, lex: Lexicons) -> tuple[int, int] | None:
    """Token range of the noun phrase that follows the cue (`according to X`, `, said X.`)."""
    i = cue_last
    if i < len(toks) and toks[i][2].lower() in OBJECT_PRONOUNS:
        return i, i + 1
    if i < len(toks) and base(toks[i][2]) in SUBJECT_PRONOUNS:
        return i, i + 1
    end = i
    while end < len(toks) and end - i < 10:
        token = toks[end][2]
        if not word(token) and token not in "'’-&." or token.lower() in STOP and end > i:
            break
        end += 1
    while end > i and not word(toks[end - 1][2]):
        end -= 1
    if end <= i or not plausible(toks[i:end], lex):
        return None
    return i, end


def plausible(span, lex: Lexicons) -> bool:
    """A source is a pronoun, a name, or a phrase with a vague-source, institution or title word."""
    words = [t[2] for t in span if word(t[2])]
    if not words:
        return False
    if len(words) == 1 and base(words[0]) in PRONOUNS:
        return True
    if any(w[0].isupper() for w in words if w.lower() not in DETERMINERS):
        return True
    low = {w.lower() for w in words}
    return bool(low & (lex["vague_sources"] | lex["institutions"] | lex["titles"])) or (
        words[0].lower() in DETERMINERS and len(words) >= 2) or any(_nounish(w, lex) for w in words)


def strong(span, lex: Lexicons) -> bool:
    """A subject that makes an ambiguous cue a verb: a pronoun, a name, or a word for a person or body."""
    words = [t[2] for t in span if word(t[2])]
    if len(words) == 1 and base(words[0]) in PRONOUNS:
        return True
    low = {w.lower() for w in words}
    return any(w[0].isupper() for w in words if w.lower() not in DETERMINERS) or bool(
        low & (lex["vague_sources"] | lex["institutions"] | lex["titles"])) or any(_nounish(w, lex) for w in words[-1:])
