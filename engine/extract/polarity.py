"""Polarity of a claim: a denial (`X denied that …`), a debunk (`reports that … are false`) or a plain negation.

A denial or debunk names the claim it rejects; `denied` gives that claim's span, so its frame is read
from the rejected words and its value negated, and the denier's fact meets the claim it denies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicons

REPORT_NOUNS = r"(?:reports?|claims?|rumou?rs?|stor(?:y|ies)|allegations?|suggestions?|speculation|accounts?|news)"
LEAD = re.compile(rf"\s*(?:that\s+|the\s+|these\s+|those\s+|such\s+|media\s+|earlier\s+|online\s+|viral\s+)*"
                  rf"(?:{REPORT_NOUNS}\s+(?:that|claiming\s+that|saying\s+that|suggesting\s+that)\s+|that\s+)?", re.I)
COPULA = r"(?:is|are|was|were|has\s+been|have\s+been|turned\s+out\s+to\s+be|proved\s+to\s+be|appears?\s+to\s+be)"


@dataclass(frozen=True)
class Polarity:
    start: int  # span of the claim whose frame is read, in the text given
    end: int
    negated: bool
    stance: str | None = None  # `denies` or `debunks`


def polarity(text: str, cue: str | None, lex: Lexicons) -> Polarity:
    """How `text` (a claim's own words, without its attribution) holds: as stated, denied or debunked."""
    if cue and lex.pattern("denials").fullmatch(cue.split()[0]) or cue and _denial_cue(cue, lex):
        lead = LEAD.match(text)
        return Polarity(lead.end(), len(text), True, "denies")
    debunk = _debunked(text, lex)
    if debunk is not None:
        return debunk
    denial = re.search(rf"\b{_alternation(lex, 'denials')}\s+", text, re.I)
    if denial and denial.start() > 0:
        lead = LEAD.match(text, denial.end())
        rest = text[lead.end():]
        if lead.end() > denial.end() and len(rest.split()) >= 3:
            return Polarity(lead.end(), len(text), True, "denies")
    if _called_untrue(text, lex):
        return Polarity(0, len(text), True, "debunks")
    return Polarity(0, len(text), False)


def _called_untrue(text: str, lex: Lexicons) -> bool:
    """The sentence calls something untrue (`… turned out to be a hoax`, `denied the reports`): the claim it
    carries is the one called untrue, when no finer pattern found which words those are."""
    words = _alternation(lex, "debunks")
    said = re.search(rf"\b{COPULA}\s+(?:\w+ly\s+|just\s+|all\s+)?(?:an?\s+|completely\s+|entirely\s+)?{words}\b",
                     text, re.I)
    denied = re.search(rf"\b{_alternation(lex, 'denials')}\s+(?:the\s+|these\s+|such\s+|all\s+)?(?:\w+\s+)?"
                       rf"{REPORT_NOUNS}\b", text, re.I)
    return bool(said or denied)


def _denial_cue(cue: str, lex: Lexicons) -> bool:
    return any(lex.pattern("denials").fullmatch(w) for w in cue.split())


def _debunked(text: str, lex: Lexicons) -> Polarity | None:
    """`Reports that X did Y are false`, `the claim that … is a hoax`: the claim is X did Y, negated."""
    words = _alternation(lex, "debunks")
    report = re.match(rf"\A\s*(?:the\s+|these\s+|those\s+)?(?:\w+\s+)?{REPORT_NOUNS}\s+(?:that|claiming\s+that)\s+",
                      text, re.I)
    tail = re.search(rf",?\s+{COPULA}\s+(?:\w+ly\s+|all\s+|just\s+)?(?:an?\s+|completely\s+|entirely\s+)?{words}\b"
                     rf"[^,;]*\Z", text, re.I)
    if report and tail and tail.start() > report.end():
        return Polarity(report.end(), tail.start(), True, "debunks")
    named = re.match(rf"\A\s*(.+?)\s+{REPORT_NOUNS}\s+{COPULA}\s", text, re.I)  # `The expansion report is false`
    if named and tail and tail.start() >= named.end(1):
        return Polarity(named.start(1), named.end(1), True, "debunks")
    return None


def _alternation(lex: Lexicons, name: str) -> str:
    return lex.pattern(name).pattern.replace("(?<![\\w])", "").replace("(?![\\w])", "")
