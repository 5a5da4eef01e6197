"""Polarity of a claim: a denial (`X denied that …`), a debunk (`reports that … are false`) or a plain negation.

A denial or debunk names the claim it rejects; `denied` gives that claim's span, so its frame is read
from the rejected words and its value negated, and the denier's fact meets the claim it denies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Lexicons

REPORT_NOUNS = r"(?:reports?|claims?|rumou?rs?|stor(?:y|ies)|allegations?|suggestions?|speculation|accounts?|news)"
LEAD = re.compile(rf"\s*(?:that\s+|the\s+|these\s+|those\s+|such\s+|media\s+|earlier\s+|online\s+|viral\s+)*"
                  rf"(?:{REPORT_NOUNS}\s+(?:that|claiming\s+that|saying\s+that|suggesting\s+that)\s+|that\s+)?", re.I)
NO_EVIDENCE = re.compile(r"\b(?:there\s+(?:is|was|has\s+been)\s+)?no\s+(?:evidence|proof|indication|truth\s+to\s+"
                         r"(?:the\s+)?(?:reports?|claims?|rumou?rs?|stor(?:y|ies)))\s+(?:that|of)\s+", re.I)
PURPOSE = re.compile(r"(?:[—–]\s*(?:but\s+)?|\s-\s*(?:but\s+)?|\bbut\s+|,\s*(?:but\s+)?(?=not\s+because))not\s+"
                     r"(?:to|because|for|due\s+to|in\s+order\s+to|so\s+(?:that|as\s+to))\s", re.I)
UNLINKED = re.compile(r"\b(?:(?:are|is|was|were)(?:\s+not|n['’]t)\s+(?:\w+ly\s+|in\s+any\s+way\s+)?"
                      r"(?:linked|connected|related)|(?:are|is|was|were|be)\s+(?:\w+ly\s+)?unrelated"
                      r"|no\s+(?:link|connection)\s+between|(?:has|have|had)\s+nothing\s+(?:whatsoever\s+)?to\s+do\s+with)\b",
                      re.I)
RELATIVE_END = re.compile(r"\b(?:who|which|that)\s+\Z", re.I)  # `guards who were unrelated to …`: a description
NO_OPENING = re.compile(r"\W*(?:there\s+(?:is|are|was|were|has\s+been|have\s+been)\s+)?no\s+"
                        r"(?!longer\b|doubt\b|matter\b|wonder\b|sooner\b|more\s+than\b|less\s+than\b)[a-z]", re.I)
PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got)\s+(?:\w+ly\s+)?\Z", re.I)
COPULA = r"(?:is|are|was|were|has\s+been|have\s+been|turned\s+out\s+to\s+be|proved\s+to\s+be|appears?\s+to\s+be)"


@dataclass(frozen=True)
class Polarity:
    start: int  # span of the claim whose frame is read, in the text given
    end: int
    negated: bool
    stance: str | None = None  # `denies` or `debunks`


def polarity(text: str, cue: str | None, lex: Lexicons) -> Polarity:
    """How `text` (a claim's own words, without its attribution) holds: as stated, denied or debunked."""
    found = _patterns(lex["denials"], lex["debunks"])
    if cue and any(found.denial_word.fullmatch(w) for w in cue.lower().split()):
        lead = LEAD.match(text)
        assert lead is not None  # every part of LEAD is optional: it matches anywhere
        return Polarity(lead.end(), len(text), True, "denies")
    debunk = _debunked(text, found)
    if debunk is not None:
        return debunk
    unproven = NO_EVIDENCE.search(text)  # `there is no evidence that X did Y`: X did Y, called unfounded
    if unproven and len(text[unproven.end():].split()) >= 3:
        return Polarity(unproven.end(), len(text), True, "debunks")
    denial = found.denial.search(text)
    if denial and denial.start() > 0 and not passive(text[:denial.start()]):
        lead = LEAD.match(text, denial.end())
        assert lead is not None  # every part of LEAD is optional: it matches anywhere
        rest = text[lead.end():]
        if lead.end() > denial.end() and len(rest.split()) >= 3:
            return Polarity(lead.end(), len(text), True, "denies")
    label = found.label.match(text)  # `Fake news: X did Y`, `HOAX — X did Y`
    if label and len(text[label.end():].split()) >= 3:
        return Polarity(label.end(), len(text), True, "debunks")
    if found.called_untrue.search(text) or found.denied_reports.search(text):
        # the sentence calls something untrue (`… turned out to be a hoax`, `denied the reports`): the claim
        # it carries is the one called untrue, when no finer pattern found which words those are
        return Polarity(0, len(text), True, "debunks")
    unlinked = UNLINKED.search(text)  # `the two customs are not related`: the claimed link, disputed
    if unlinked and len(text.split()) >= 5 and not RELATIVE_END.search(text[:unlinked.start()]):
        return Polarity(0, len(text), True, "debunks")
    purpose = PURPOSE.search(text)  # `closed the bridge, but not to save money`: the claim with that aim, disputed
    if purpose and len(text[:purpose.start()].split()) >= 2 and len(text[purpose.end():].split()) >= 2:
        return Polarity(0, len(text), True, "debunks")
    if NO_OPENING.match(text):  # `No plans to expand the league`, `There is no ban on …`: the claim, negated
        return Polarity(0, len(text), True)
    return Polarity(0, len(text), False)


def labelled(sentence: str, lex: Lexicons) -> bool:
    """A sentence opening with a debunking label: `FAKE NEWS: …`, `Hoax — …`."""
    return bool(_patterns(lex["denials"], lex["debunks"]).label.match(sentence))


def passive(before: str) -> bool:
    """`his request was denied`, `he was dismissed`: the verb is passive, its subject is what was rejected."""
    return bool(PASSIVE.search(before))


def denied_before(before: str, lex: Lexicons) -> bool:
    """Words before a reported claim that reject the report: `… trashed reports that claimed <claim>`."""
    return bool(_patterns(lex["denials"], lex["debunks"]).denied_reports.search(before))


@dataclass(frozen=True)
class Patterns:
    denial_word: re.Pattern
    denial: re.Pattern
    called_untrue: re.Pattern
    denied_reports: re.Pattern
    report_that: re.Pattern
    tail: re.Pattern
    named: re.Pattern
    label: re.Pattern


@lru_cache(maxsize=8)
def _patterns(denials: frozenset[str], debunks: frozenset[str]) -> Patterns:
    """Compiled once per word lists: patterns built per sentence would also evict the segmenter's from re's cache."""
    deny = _alternation(denials)
    untrue = _alternation(debunks)
    called = rf"{COPULA}\s+(?:\w+ly\s+|just\s+|all\s+)?(?:an?\s+|completely\s+|entirely\s+)?{untrue}\b"
    return Patterns(
        re.compile(deny, re.I),
        re.compile(rf"\b{deny}\s+", re.I),
        re.compile(rf"\b{called}", re.I),
        re.compile(rf"\b{deny}\s+(?:the\s+|these\s+|such\s+|all\s+)?(?:\w+\s+)?{REPORT_NOUNS}\b", re.I),
        re.compile(rf"\A\s*(?:the\s+|these\s+|those\s+)?(?:\w+\s+)?{REPORT_NOUNS}\s+(?:that|claiming\s+that)\s+",
                   re.I),
        re.compile(rf",?\s+{called}[^,;]*\Z", re.I),
        re.compile(rf"\A\s*(.+?)\s+{REPORT_NOUNS}\s+{COPULA}\s", re.I),
        re.compile(rf"\A\W*{untrue}(?:\s+(?:news|story|report|alert|claim))?\s*[:—–]\s*", re.I))


def _debunked(text: str, found: Patterns) -> Polarity | None:
    """`Reports that X did Y are false`, `the claim that … is a hoax`: the claim is X did Y, negated."""
    report = found.report_that.match(text)
    tail = found.tail.search(text)
    if report and tail and tail.start() > report.end():
        return Polarity(report.end(), tail.start(), True, "debunks")
    named = found.named.match(text)  # `The expansion report is a fabrication`
    if named and tail and tail.start() >= named.end(1):
        return Polarity(named.start(1), named.end(1), True, "debunks")
    return None


def _alternation(entries: frozenset[str]) -> str:
    ordered = sorted(entries, key=lambda e: (-len(e), e))
    return "(?:" + "|".join(re.escape(e).replace(r"\ ", r"\s+") for e in ordered) + ")"
