"""Claim frames: what a claim says about what — `subject`, `attribute`, `value` (and `number`/`unit`, `kind`).

Interface (stable; other stages rely on it):
- `Framer(text, lex, index=None)` reads one document (`index`, a `claimkeys.ClaimIndex`, spans the documents
  extracted together); `Framer.frame(claim)` gives a `Frame` or None when the claim's words state nothing
  about something; `Framer.presupposed(claim)` gives `(start, end, Frame)` for states
  the claim's words presuppose (`the Marines guarding the embassy`: an open embassy).
- `Frame.fields()` is the dict merged into the draft fact: `subject` (a normalised noun-phrase key:
  lemmas, folded case, synonyms; a surname becomes the full name used in the document), `attribute`
  (a state's property from `states.txt`, or the verb's lemma with its object's head: `close`, `file-lawsuit`),
  `value` (the state, or true/false for whether the claim holds), `number`/`unit` for counted objects,
  `kind` when the words say `state`, `quantity` or `assessment`, and `stance` for a denial or debunk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .claimkeys import MIN_SHARED, ClaimIndex, content_words, relinked
from .claims import Claim
from .entities import NAME, NOT_NAMES
from .keys import (
    ADVERBS,
    AUX,
    CONJUNCTIONS,
    COPULAS,
    DETERMINERS,
    PREPOSITIONS,
    PRONOUNS,
    can_be,
    fold,
    lemma,
    phrase_key,
    words,
)
from .lexicon import Lexicons
from .polarity import LEAD, Polarity, denied_before, labelled, passive, polarity
from .predicates import Frame, predicate

LEADS = frozenset("during after against despite in on at for with according following amid before since as "
                  "meanwhile however but and so yet also then now still when while sorry instead overall "
                  "because although though if unless whereas".split())
OPENERS = frozenset("and but so yet also then now still however meanwhile instead overall sorry".split())
RELATIVES = frozenset({"which", "who", "that"})
MAX_SUBJECT = 8
CONTENT_LEAD = re.compile(r"[\s,:“”\"'‘’]*(?:that\s+)?")
FIRST_WORD = re.compile(r"\W*(\w+)")
STORY_CLAIMS = 2  # claims before a bare debunk (`it is not true`) whose words name what it debunks
CONDITIONAL = re.compile(r"\b(?:if|whether|unless|unclear|not\s+clear|not\s+known|or\s+not)\b", re.I)
INFINITIVE = re.compile(r"\s*to\s+(?=[a-z])", re.I)
NO_WORD = re.compile(r"\bno\b", re.I)
DISCOURSE = re.compile(r"\b(?:(?:as\s+)?it\s+(?:turns|turned)\s+out|in\s+fact|of\s+course|sadly|alas|well|so|also|"
                       r"unfortunately|actually|it\s+seems)\b", re.I)
WORDLIKE = re.compile(r"\w")
TRUTH = "truth"  # the property in states.txt of whether a thing is real
MAX_UNPARSED = 16  # words: longer sentences with no verb found are not keyed by their words


@dataclass
class Framer:
    """Frames the claims of one document, in order (pronouns take the subject before them)."""

    text: str
    lex: Lexicons
    index: ClaimIndex | None = None  # claims of the other documents extracted with this one
    names: dict[str, str] = field(default_factory=dict)
    last: str | None = None
    told: list[frozenset[str]] = field(default_factory=list)  # content words of the claims framed so far
    shared: dict[tuple[str, str], int] = field(default_factory=dict)  # keys this article's claims share with others
    speaker: str | None = None  # the named source of the claim being framed
    pending: str | None = None  # the stance of an opening bare debunk, for the claim after it
    met: bool = False  # the last claim framed took the keys of another document's claim
    known_at: int | None = None  # where the last claim framed went in the index

    def __post_init__(self) -> None:
        self.document = self.index.new_document() if self.index is not None else 0
        for m in NAME.finditer(self.text):
            run = [w for w in m.group().split() if fold(w) not in NOT_NAMES and fold(w) not in self.lex["titles"]]
            if len(run) >= 2:
                self.names.setdefault(fold(run[-1]), phrase_key(run, self.lex))

    def frame(self, claim: Claim) -> Frame | None:
        start, end = content_span(claim, self.text)
        self.speaker = self._speaker(claim, start)
        self.met, self.known_at = False, None
        a = claim.attribution
        cue = a.cue if a and not passive(self.text[claim.sentence.start:a.cue_start]) else None
        pol = polarity(self.text[start:end], cue, self.lex)
        if not pol.negated and claim.attribution and denied_before(self.text[claim.sentence.start:start], self.lex):
            pol = Polarity(0, end - start, True, "denies")  # `… trashed reports that claimed X`: X, denied
        if not pol.negated and self._cue_negated(claim, start):
            pol = Polarity(pol.start, pol.end, True)  # `X does not plan to …`, `X has no plans to …`
        if a is not None and self.lex.pattern("debunks").fullmatch(a.cue) and a.cue_start > claim.start:
            start, end = claim.start, a.cue_start  # `Reports that X did Y were exaggerated`: X did Y, debunked
            lead = LEAD.match(self.text[start:end])
            pol = Polarity(lead.end() if lead else 0, end - start, True, "debunks")
        if not pol.negated and labelled(claim.sentence.text, self.lex) and claim.start == claim.sentence.start:
            pol = Polarity(pol.start, pol.end, True, "debunks")  # `FAKE NEWS: X did Y`, the label read as a source
        pending, self.pending = self.pending, None
        s, e = start + pol.start, start + pol.end
        own = content_words(self.text[s:e], self.lex)
        debunked = self.lex.pattern("debunks").search(self.text[s:e])
        if not pol.negated and debunked and len(self._bare(s, e)) < MIN_SHARED:
            pol = Polarity(0, end - start, True, "debunks")  # `Nope.`, `As it turns out, not remotely true.`
        if pol.stance and len(own) < MIN_SHARED and not self.told and not self._hedged(claim):
            self.pending = pol.stance  # an opening `Nope.` is about the claim after it
        if pol.stance and len(own) < MIN_SHARED and self.told and not self._hedged(claim):
            frame = self._story(s, e, pol)  # `the story is a hoax`: the story the article just told
            self.told.append(own)
            return frame
        self.told.append(own)
        found = self._read(s, e, claim, pol.negated)
        if found is not None and pol.stance and found.kind == "state" and found.attribute == TRUTH and s == start:
            found = self._read(s, e, claim, False)  # `X is a hoax` is itself the state `truth: false`
        if found is None:
            return self._known(s, e, pol)
        assessed = self._assessment(claim, found)
        if assessed is not None:
            return assessed
        if pol.stance:  # what a denial or debunk rejects does not hold, whatever `not` its own words carry
            found = Frame(found.subject, found.attribute, False if found.value is True else found.value, found.kind,
                          found.number, found.unit, pol.stance, (s, e))
        elif pending and found.value is False:
            found = replace(found, stance=pending, denied=(s, e))  # `Nope. X did not do Y.`: Y, debunked
        size = len(self.index.known) if self.index is not None else 0
        found = relinked(found, own, self.index, self.document)
        if self.index is not None and len(self.index.known) > size:
            self.met, self.known_at = self.index.linked is not None, size
        self._note_shared(found)
        return found

    def _note_shared(self, frame: Frame) -> None:
        index = self.index
        linked = index.linked if index is not None else None
        if index is not None and linked is not None and (linked.subject, linked.attribute) == (frame.subject,
                                                                                              frame.attribute):
            keys = (frame.subject, frame.attribute)
            self.shared[keys] = self.shared.get(keys, 0) + 1
            index.linked = None

    def _speaker(self, claim: Claim, start: int) -> str | None:
        """The key of a named source before the claim's words, whom a pronoun in them refers to."""
        a = claim.attribution
        if a is None or a.source is None or a.source.end > start:
            return None
        tokens = [t[2] for t in words(a.source.text)]
        if not tokens or fold(tokens[0]) in PRONOUNS:
            return None
        self.speaker = None
        return self._subject(tokens, a.source.start, claim)

    def _bare(self, start: int, end: int) -> frozenset[str]:
        """The words of a claim besides its debunk and discourse phrases: none in `As it turns out, not true.`"""
        rest = DISCOURSE.sub(" ", self.lex.pattern("debunks").sub(" ", self.text[start:end]))
        return content_words(rest, self.lex) - {"true", "remotely", "even", "entirely", "completely", "really"}

    def _cue_negated(self, claim: Claim, start: int) -> bool:
        """A negation between the source and an infinitive claim (`X does not plan to …`) negates the claim."""
        a = claim.attribution
        if a is None or a.source is None or a.source.end > start or not INFINITIVE.match(self.text, start):
            return False
        between = self.text[a.source.end:start]
        return bool(self.lex.pattern("negations").search(between) or NO_WORD.search(between))

    def _hedged(self, claim: Claim) -> bool:
        text = claim.sentence.text
        return bool(self.lex.pattern("hedges").search(text)) or text.rstrip().endswith("?") or bool(
            CONDITIONAL.search(text))

    def _story(self, start: int, end: int, pol) -> Frame | None:
        """A debunk with too few words of its own refers to what the article told just before it (the last
        claims, and the article's first one): it meets a known claim of another article those words share."""
        if self.index is None:
            return None
        if self.shared:  # the claim this article shares with others most often is the story it tells
            subject, attribute = max(self.shared, key=lambda k: self.shared[k])
            return Frame(subject, attribute, False, None, None, None, pol.stance, (start, end))
        told = frozenset().union(*self.told[-STORY_CLAIMS:], self.told[0])
        known = self.index.find(told, self.document)
        if known is None:
            return None
        return Frame(known.subject, known.attribute, False, None, None, None, pol.stance, (start, end))

    def _known(self, start: int, end: int, pol) -> Frame | None:
        """Words that could not be parsed still meet a known claim they overlap, with the polarity they show."""
        if self.index is None:
            return None
        found = content_words(self.text[start:end], self.lex)
        known = self.index.find(found, self.document)
        negated = pol.negated or bool(self.lex.pattern("negations").search(self.text[start:end]))
        if known is None:
            return self._unparsed(start, end, found, not negated, pol)
        return Frame(known.subject, known.attribute, not negated, None, None, None, pol.stance,
                     (start, end) if pol.stance else None)

    def _unparsed(self, start: int, end: int, found: frozenset[str], value: bool, pol) -> Frame | None:
        """A short claim with no verb found (`Dam collapse blamed on heavy rain`) is keyed by its words,
        so that a later article's wording of it can still meet it."""
        tokens = [t[2] for t in words(self.text[start:end])]
        if len(found) < 3 or len(tokens) > MAX_UNPARSED:
            return None
        names = _name_run(tokens, self.lex)
        subject = phrase_key(names[:3], self.lex) if names and len(names) < len(tokens) else None
        ordered = [w for w in dict.fromkeys(lemma(fold(t), "NOUN") for t in tokens) if w in found]
        subject = subject or ordered[0]
        rest = [w for w in ordered if w not in subject.split("-")][:3]
        if not rest:
            return None
        denied = (start, end) if pol.stance else None
        frame = Frame(subject, "-".join(rest), value, None, None, None, pol.stance, denied)
        return relinked(frame, found, self.index, self.document)

    def _read(self, start: int, end: int, claim: Claim, negated: bool) -> Frame | None:
        a = claim.attribution
        infinitive = INFINITIVE.match(self.text, start, end)
        if infinitive and a is not None and a.source is not None and a.source.end <= start:
            subject = self._subject([t[2] for t in words(a.source.text)], a.source.start, claim)
            if subject is not None:  # `X plans to close the plant`: X, close-plant
                return predicate([t[2] for t in words(self.text[infinitive.end():end])], subject, negated, self.lex)
        start = _after_lead(self.text, start, end)
        toks = _skip_lead(words(self.text[start:end]))
        if not toks:
            return None
        verb = _verb_index(toks)
        if verb is None or verb == 0:
            return None
        subject = self._subject([t[2] for t in toks[:verb]], start + toks[0][0], claim)
        if subject is None:
            return None
        self.last = subject
        return predicate([t[2] for t in toks[verb:]], subject, negated, self.lex)

    def _subject(self, tokens: list[str], at: int, claim: Claim) -> str | None:
        tokens = [t for t in _cut_at_preposition(tokens) if fold(t) not in ADVERBS][:MAX_SUBJECT]
        if not tokens:
            return None
        low = fold(tokens[0])
        if low in CONJUNCTIONS and len(tokens) > 1:
            tokens, low = tokens[1:], fold(tokens[1])
        if low in RELATIVES and len(tokens) == 1:
            return self._antecedent(at, claim)
        if low in PRONOUNS and len(tokens) == 1:  # `X denied that he …`: he is X
            return (self.speaker or self.last) if low in ("he", "she", "it", "they") else None
        opening = not WORDLIKE.search(self.text, claim.sentence.start, max(at, claim.sentence.start))
        names = _name_run(tokens, self.lex, opening)
        key = phrase_key(names or tokens, self.lex)
        if "-" not in key and key in self.names:
            return self.names[key]
        return key or None

    def _antecedent(self, at: int, claim: Claim) -> str | None:
        """`the mission in Caracas, which has been closed`: the noun phrase before the relative pronoun."""
        before = words(self.text[claim.sentence.start:at])[-12:]
        tokens = [t[2] for t in before]
        for i in range(len(tokens) - 1, -1, -1):
            if fold(tokens[i]) in DETERMINERS - {"that", "this"}:
                return phrase_key(_cut_at_preposition(tokens[i:]), self.lex)
        return None

    def _assessment(self, claim: Claim, found: Frame) -> Frame | None:
        """A quality a source assesses (`sincerity`, `willingness to cooperate`) in the name before it."""
        if claim.attribution is None:
            return None
        text = claim.text.lower()
        for quality, hits in _qualities(tuple(sorted(self.lex["assessments"]))).items():
            match = hits.search(text)
            if not match:
                continue
            before = claim.text[:match.start()]
            names = [m for m in NAME.finditer(before) if fold(m.group().split()[0]) not in NOT_NAMES]
            named = self._subject(names[-1].group().split(), 0, claim) if names else None
            doubted = self.lex.pattern("doubts").search(claim.text) or found.value is False
            # a name that keys to nothing (`is, Still Now, honest`) leaves the clause's own subject
            return Frame(named or found.subject, quality, "doubtful" if doubted else "positive", "assessment")
        return None

    def presupposed(self, claim: Claim) -> list[tuple[int, int, Frame]]:
        """States a claim's words take for granted: `Marines guarding the embassy` presupposes it is open."""
        found, span = [], self.text[claim.start:claim.end]
        for pattern, (attribute, value) in _presuppositions(tuple(sorted(self.lex["presuppositions"]))).items():
            for m in pattern.finditer(span):
                np = _cut_at_preposition([t[2] for t in words(m.group(1))])
                key = phrase_key(np[:3], self.lex)
                found.append((claim.start + m.start(), claim.start + m.end(),
                              Frame(key, attribute, value, "presupposition")))
        return found


def content_span(claim: Claim, text: str) -> tuple[int, int]:
    """The claim's own words: the longer side of the claim once its source and cue are taken out."""
    a = claim.attribution
    if a is None or a.source is None:
        return claim.start, claim.end
    cue_end = a.cue_start + len(a.cue)
    left, right = min(a.source.start, a.cue_start), max(a.source.end, cue_end)
    before, after = (claim.start, max(claim.start, left)), (min(claim.end, right), claim.end)
    if left > claim.end or right < claim.start:
        return claim.start, claim.end
    infinitive = INFINITIVE.match(text, after[0], after[1])  # `X plans to …`: the plan is what follows
    span = after if infinitive or after[1] - after[0] >= before[1] - before[0] else before
    piece = text[span[0]:span[1]]
    lead = CONTENT_LEAD.match(piece)
    assert lead is not None  # every part of CONTENT_LEAD is optional: it matches anywhere
    return span[0] + lead.end(), span[1]


def _after_lead(text: str, start: int, end: int) -> int:
    """Past an opening adverbial ending in a comma: `For the first time in 20 years, we …`."""
    first = FIRST_WORD.match(text, start, end)
    comma = text.find(",", start, min(end, start + 90))
    if first and fold(first.group(1)) in LEADS - {"and", "but", "so", "while", "because", "if", "unless"} and comma > 0:
        return comma + 1
    return start


def _skip_lead(toks: list) -> list:
    """Drop an opening adverbial (`During a speech in the Senate,`) and a leading conjunction."""
    while toks and fold(toks[0][2]) in LEADS and fold(toks[0][2]) not in RELATIVES:
        rest = toks[1:]
        if fold(toks[0][2]) in OPENERS:
            toks = rest
            continue
        return toks
    return toks


def _verb_index(toks: list) -> int | None:
    """The first word that can be the clause's finite verb (an auxiliary, or a verb form not after a determiner)."""
    for i, (_, _, word) in enumerate(toks):
        low = fold(word)
        if i == 0 and low not in AUX:
            continue
        previous = fold(toks[i - 1][2]) if i else ""
        if low in AUX or low in COPULAS:
            return i
        if low == "to" and i + 1 < len(toks) and can_be(fold(toks[i + 1][2]), "VERB") and fold(toks[i + 1][2]) not in \
                DETERMINERS and not can_be(previous, "VERB"):
            return i  # a headline's future: `Acme to close plant`
        if previous in DETERMINERS or previous in PREPOSITIONS or previous in ("'s", "’s"):
            continue
        if low in CONJUNCTIONS or low in PREPOSITIONS or low in DETERMINERS:
            continue
        if word[0].isupper() and not _title_case(toks):
            continue
        following = fold(toks[i + 1][2]) if i + 1 < len(toks) else ""
        plural = low.endswith("s") and can_be(low, "NOUN")
        lower_before = i > 0 and toks[i - 1][2][0].islower()
        if (plural and (following in AUX or following == "of")
                or lower_before and previous not in ADVERBS and _modifier(previous)):
            continue  # `changes in …`, `the process has …`, `various fronts`: a noun
        if can_be(low, "VERB") and (low.endswith(("ed", "s")) or _finite_irregular(low)):
            return i
    return None


@lru_cache(maxsize=8192)
def _modifier(low: str) -> bool:
    """A word that only modifies a noun (`various`, `democratic`): the next word is not the verb."""
    return can_be(low, "ADJ") and not can_be(low, "VERB") and not can_be(low, "NOUN")


def _title_case(toks: list) -> bool:
    letters = [t[2] for t in toks if t[2][0].isalpha() and fold(t[2]) not in DETERMINERS | PREPOSITIONS]
    return len(letters) >= 3 and sum(w[0].isupper() for w in letters) >= 0.7 * len(letters)


@lru_cache(maxsize=8192)
def _finite_irregular(low: str) -> bool:
    """A past form that does not end in -ed (`said`, `took`, `won`): its lemma differs from the word."""
    base = lemma(low, "VERB")
    return base != low and not low.endswith("ing")


def _cut_at_preposition(tokens: list[str]) -> list[str]:
    for i, word in enumerate(tokens):
        if i and (fold(word) in PREPOSITIONS or fold(word) in CONJUNCTIONS or word in (",", "—")):
            return tokens[:i]
    return tokens


def _name_run(tokens: list[str], lex: Lexicons, at_start: bool = False) -> list[str]:
    """The last run of capitalised names in a subject (`interim president Delcy Rodriguez` → Delcy Rodriguez).

    In title case every word is capitalised, so the whole phrase (titles dropped) is the name.
    """
    caps = [w for w in tokens if w[0].isupper()]
    if not caps or caps == tokens[:1] and len(tokens) > 1 and fold(tokens[0]) not in lex["titles"] and at_start:
        return []  # `Climate change is …`: the capital is the sentence's, the subject is the whole phrase
    if len(caps) == len(tokens):
        return [w for w in tokens if fold(w) not in lex["titles"]]
    runs: list[list[str]] = [[]]
    for word in tokens:
        named = word[0].isupper() and fold(word) not in NOT_NAMES and fold(word) not in lex["titles"]
        if named or runs[-1] and fold(word) in ("de", "da", "van", "von", "del", "bin", "al"):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    found = [r for r in runs if r]
    return found[-1][-3:] if found else []


@lru_cache(maxsize=16)
def _qualities(lines: tuple[str, ...]) -> dict[str, re.Pattern]:
    table = {}
    for line in lines:
        quality, _, rest = line.partition(":")
        hits = sorted((w.strip() for w in rest.split(",") if w.strip()), key=len, reverse=True)
        table[quality.strip()] = re.compile(r"\b(?:" + "|".join(map(re.escape, hits)) + r")\b")
    return table


@lru_cache(maxsize=16)
def _presuppositions(lines: tuple[str, ...]) -> dict[re.Pattern, tuple[str, str]]:
    table = {}
    for line in lines:
        word, _, state = line.partition(":")
        attribute, _, value = state.strip().partition("=")
        pattern = rf"\b(?:[\w’'-]+\s+)?{re.escape(word.strip())}\s+((?:the|a|an|its|their)\s+[\w’'-]+(?:\s+[\w’'-]+)?)"
        table[re.compile(pattern, re.I)] = (attribute.strip(), value.strip())
    return table
