"""Find the noun phrase a cue attributes to: the subject before it, the agent after it, or the sentence's subject.

No tagger: noun phrases are read backwards from the cue over words that can sit in one (names, titles,
determiners, `of`/`for`/`at` links), past appositives (`X, a spokesman for Y, said`) and auxiliaries.
"""

from __future__ import annotations

import re

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
                 "must said says say on upon during through across despite although though yet also until unless "
                 "among amid besides including like via toward towards within beyond behind around near along "
                 "whereas once".split())
LINKS = frozenset("of for at from in".split())
REDUCED_RELATIVES = frozenset("released published issued conducted obtained cited commissioned".split())
PLACE_LINKS = frozenset("along in near on at from of around".split())
DETERMINERS = frozenset("the a an his her their its our my your this that these those some many several most "
                        "two three four five other another each every both few one all no any much more".split())
OPENERS = {",": ",", ")": "(", "—": "—", "--": "--", "–": "–", "-": "-"}
CLAUSE_OPENERS = frozenset(", ; : “ ” \" — -- – ( and but".split())
TIME_LEADS = frozenset("on last this earlier late early next that in".split())
IMPERATIVES = frozenset("let's don't do please".split())  # `Let's hope`, `Don't feel`: no speaker
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


def skip_back(toks, j: int, lex: Lexicons | None = None) -> int:
    """The last token before the cue that is not an auxiliary, an adverb, `not` or a time (`on Tuesday`)."""
    times = lex["times"] if lex is not None else frozenset()
    while j >= 0:
        low = toks[j][2].lower()
        lead = _cue_lead(toks, j, lex) if low == "to" and lex is not None else 0
        if lead:
            j -= lead + 1  # `Olsen tried to argue`: the source is the subject of `tried`
        elif low in REDUCED_RELATIVES and j > 0 and word(toks[j - 1][2]):
            j -= 1  # `the poll released Friday shows`: the participle describes the source
        elif low in SKIP_BACK or low.endswith("ly") and not toks[j][2][0].isupper() and len(low) > 4:
            j -= 1
        elif low in times and j > 0:
            j -= 1
            while j > 0 and toks[j][2].lower() in TIME_LEADS | times:
                j -= 1
        else:
            return j
    return j


def source_before(toks, cue_first: int, lex: Lexicons) -> tuple[int, int] | None:
    """Token range of the subject that ends just before the cue: a pronoun, a noun phrase, or one in apposition."""
    j = skip_back(toks, cue_first - 1, lex)
    if j < 0:
        return None
    low = base(toks[j][2])
    if low in PRONOUNS:
        return j, j + 1
    if toks[j][2] in OPENERS:
        return appositive(toks, j, lex) or _inner_name(toks, j)
    if low in ("and", "but") or low in SKIP_BACK:
        return clause_subject(toks, j, lex)
    span = noun_phrase_back(toks, j, lex)
    return _described(toks, span, lex) if span else None


def _cue_lead(toks, to: int, lex: Lexicons) -> int:
    """How many words before `to` lead into the cue (`tried`, `went on`, `was quick`), 0 if none."""
    for entry in lex["cue_leads"]:
        words = entry.split()
        n = len(words)
        if to >= n and [t[2].lower() for t in toks[to - n:to]] == words:
            return n
    return 0


def _described(toks, span: tuple[int, int], lex: Lexicons) -> tuple[int, int]:
    """`two city officials familiar with the matter`: the source is the group, with what ties it to the news."""
    first = span[0]
    for entry in lex["source_links"]:
        words = entry.split()
        n = len(words)
        if first > n and [t[2].lower() for t in toks[first - n:first]] == words:
            head = noun_phrase_back(toks, first - n - 1, lex)
            if head is not None and {t[2].lower() for t in toks[head[0]:head[1]]} & lex["vague_sources"]:
                return head[0], span[1]
    if first > 1 and toks[first - 1][2].lower() in PLACE_LINKS and toks[span[1] - 1][2].lower() in lex["places"]:
        head = noun_phrase_back(toks, first - 2, lex)  # `residents along Harbor Street`: the residents speak
        if head is not None and {t[2].lower() for t in toks[head[0]:head[1]]} & lex["vague_sources"]:
            return head[0], span[1]
    return span


def appositive(toks, close: int, lex: Lexicons) -> tuple[int, int] | None:
    """`Jane Doe, a spokeswoman for X, said`: the head before an opening mark, through the appositive.

    Appositives hold commas themselves (`Jane Doe, 54, of Akron, Ohio, said`): of the heads before each
    earlier mark, the one that starts the clause wins, else the nearest that names someone.
    """
    opener = OPENERS[toks[close][2]]
    nearest = None
    for k in range(close - 1, max(close - MAX_APPOSITIVE, 0) - 1, -1):
        if toks[k][2] in "“”\"" and opener == "," or toks[k][2] in (";", ":"):
            break  # a comma before a quotation ends it (`“…,” she said`); dashes may hold quotes
        if toks[k][2] != opener or k == 0 or k + 1 >= close:
            continue
        head = noun_phrase_back(toks, k - 1, lex)
        if head is None or not (_named(toks[head[0]:head[1]]) or strong(toks[head[0]:head[1]], lex)):
            continue
        if head[0] == 0 or toks[head[0] - 1][2] in CLAUSE_OPENERS:
            return head[0], close
        nearest = nearest or (head[0], close)
    return nearest


def _inner_name(toks, close: int) -> tuple[int, int] | None:
    """`A lawyer for the outlets, David Schulz, said`: the name between two commas is the speaker."""
    k = close - 1
    while k >= 0 and word(toks[k][2]) and toks[k][2][0].isupper() and close - k <= 4:
        k -= 1
    if 1 < close - k - 1 <= 4 and k >= 0 and toks[k][2] == toks[close][2] == ",":
        return k + 1, close
    return None


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
        if token == ")" and i > 0:
            opening = next((k for k in range(i - 1, max(i - 8, -1), -1) if toks[k][2] == "("), None)
            if opening is not None and opening > 0 and word(toks[opening - 1][2]):
                i = opening - 1  # `Sen. Ted Cruz (R-Texas)`
                continue
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
        return i + 1 < end and i > 0 and (toks[i - 1][2][0].isupper() or _nounish(toks[i - 1][2], lex)
                                          or _number(toks[i - 1][2], lex))
    if low == "and":
        return i + 1 < end and i > 0 and toks[i + 1][2][0].isupper() and toks[i - 1][2][0].isupper()
    if low in STOP or low in PRONOUNS:
        return False
    if token[0].isupper():
        return i > 0 or low not in lex["cues"]
    if low.endswith("ed") and i > 0 and toks[i - 1][2].lower() in DETERMINERS and low not in lex["cues"]:
        return True  # `the unsigned opinion`, `a retired general`
    return low not in lex["cues"] and not low.endswith(("ed", "ing")) or _nounish(token, lex)


def _nounish(token: str, lex: Lexicons) -> bool:
    low = re.sub(r"['’]s?\Z", "", token.lower())  # `the mayor’s` owns like `the mayor`
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
    while i < before and toks[i][2].lower() in lex["times"] | TIME_LEADS:
        i += 1  # `On Thursday evening Clinton …`
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
    if not words or words[0].lower().replace("’", "'") in IMPERATIVES:
        return False
    if len(words) == 1 and base(words[0]) in PRONOUNS:
        return True
    if any(w[0].isupper() for w in words if w.lower() not in DETERMINERS):
        return True
    if _share(words, lex):
        return True
    low = {w.lower() for w in words}
    return bool(low & (lex["vague_sources"] | lex["institutions"] | lex["titles"])) or (
        words[0].lower() in DETERMINERS and len(words) >= 2) or any(_nounish(w, lex) for w in words)


def _number(token: str, lex: Lexicons) -> bool:
    return token[0].isdigit() or token.lower() in lex["numbers"]


def _share(words: list[str], lex: Lexicons) -> bool:
    """A share of a surveyed group (`six in 10`, `two of three`, `49%`, `a third`): the respondents speaking."""
    if any(w.endswith("%") for w in words):
        return True
    pairs = zip(words, words[1:], words[2:])
    return any(_number(a, lex) and b.lower() in ("in", "of") and _number(c, lex) for a, b, c in pairs) or (
        len(words) <= 3 and words[-1].lower() in lex["numbers"] and not words[-1][0].isdigit())


def strong(span, lex: Lexicons) -> bool:
    """A subject that makes an ambiguous cue a verb: a pronoun, a name, or a word for a person or body."""
    words = [t[2] for t in span if word(t[2])]
    if len(words) == 1 and base(words[0]) in PRONOUNS:
        return True
    low = {w.lower() for w in words}
    return any(w[0].isupper() for w in words if w.lower() not in DETERMINERS) or bool(
        low & (lex["vague_sources"] | lex["institutions"] | lex["titles"])) or any(_nounish(w, lex) for w in words[-1:])
