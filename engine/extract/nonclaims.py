"""Lines and sentences that are not claims: timestamps, bylines, datelines, credits, separators, notes, name lists.

A live blog's `10:45 a.m.`, a `By Jane Doe` byline or a `___` rule is page furniture, not something the
article asserts; `segment` keeps them as sentences (their offsets stay exact) but marks them, so no
unattributed claim is drafted from them. Each test reads the form of the text, not a list of names.
"""

from __future__ import annotations

import re

TIME = r"\d{1,2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?|noon)(?:\s+(?:[A-Z]{2,4}|Eastern|Pacific|Central))?"
STAMP_LEADS = r"(?:Updated|Posted|Published|Last updated|By|At|As of)\b[^\n]{0,30}?"
TIMESTAMP = re.compile(rf"\A(?:{STAMP_LEADS})?\(?{TIME}\)?[.:]?\Z", re.I)
SEPARATOR = re.compile(r"\A[\W_]*\Z")
BYLINE = re.compile(r"\A(?:(?:Written|Reported|Compiled|Edited|Reporting|Additional reporting|Editing)\s+by|By)\s+"
                    r"[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|and|de|van|von))*(?:\s*[,;|/]\s*[^\n]{0,60})?\Z")
CREDIT = re.compile(r"\A\(?(?:(?:AP|AFP|Reuters|File)\s+)?(?:Photo(?:graph)?s?|Image|Video|Credit|Illustration|"
                    r"Graphic|Caption)(?:\s+credit)?\s*(?::|by\b|courtesy\b)", re.I)
AGENCY_CREDIT = re.compile(r"\((?:AP|AFP|Reuters)?\s*Photo\b[^)]*\)\s*\Z|\bGetty Images?\b|/(?:AP|AFP|Reuters)\)?\s*\Z")
NOTE = re.compile(r"\A(?:Editor[’']?s[’']?\s+note|Editors[’']\s+note|Correction|Clarification|Update|Disclosure)"
                  r"\s*(?:appended\b|[:.—–-])", re.I)
DATELINE = re.compile(r"\A[A-Z][A-Z.’' -]{2,}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?(?:,\s*[A-Z][a-z]{2,4}\.?\s\d{1,2})?"
                      r"(?:\s*\([A-Za-z]+\))?\s*(?:—|–|--|-)\s*(?=[A-Z“\"])")
PLACE_ONLY = re.compile(r"\A[A-Z][\w.’' -]*,\s*(?:[A-Z][\w]*\.?\s?){1,3}\Z")
NAME = r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|del|da)){1,3}"
NAME_LIST = re.compile(rf"\A{NAME}(?:\s*(?:,|;|&|\band\b|\|)\s*{NAME})+\.?\Z")
MARKUP = re.compile(r"</?[a-z][\w-]*(?:\s[^<>]*)?/?>|\A(?:[@#][\w.]+|https?://\S+|pic\.twitter\.com/\S+|[\s.,;:|])+\Z")
QUESTION = re.compile(r"\?[\"”’')]*\Z")
PRONOUNS = frozenset("he she it this that these those they we i you there which who".split())
FUTURE_OR_COUNT = re.compile(r"\d|\b(?:will|won[’']t|plans?|expects?)\b", re.I)
SHORT_QUESTION = 10
SHORT = 4  # an unattributed sentence this short is a fragment, a label or a name, not a claim an editor checks
# ... unless a verb that states something holds it up: `The embassy is closed.`, `The bridge will reopen.`
KEEP_SHORT = re.compile(r"\d|\b(?:is|are|was|were|has|have|had|will|won[’']t|remains?|plans?|expects?|\w{3,}ed)\b",
                        re.I)


def line_kind(line: str) -> str | None:
    """Why a whole line is page furniture (`timestamp`, `byline`, `credit`, `note`, `separator`, `names`), or None."""
    line = line.strip()
    for kind, pattern in (("separator", SEPARATOR), ("timestamp", TIMESTAMP), ("byline", BYLINE),
                          ("credit", CREDIT), ("note", NOTE), ("names", NAME_LIST)):
        if pattern.match(line):
            return kind
    if len(line.split()) <= 12 and AGENCY_CREDIT.search(line):
        return "credit"
    return None


def sentence_kind(text: str, alone: bool = False) -> str | None:
    """Why a sentence is no claim: page furniture, a dateline (`MILLBROOK, Vt.`) or a fragment of a few words
    (unless it is `alone`, the whole article: a headline checked on its own)."""
    kind = line_kind(text)
    if kind:
        return kind
    if PLACE_ONLY.match(text.rstrip(".")) and len(text.split()) <= SHORT:
        return "dateline"
    if MARKUP.search(text):
        return "markup"  # an embedded post's tag or handle, not prose
    if QUESTION.search(text) and not alone and len(text.split()) <= SHORT_QUESTION:
        return "question"  # a short question asserts nothing (a long, rhetorical one may)
    if not alone and fragment(text):
        return "fragment"
    return None


def fragment(text: str) -> bool:
    """A clause of a few words with no verb that states something (`which premiered her play`), or one that
    leans on the sentence before (`He had no experience.`, `This is bogus.`): no claim checkable alone."""
    words = re.findall(r"[\w’']+", text)
    if len(words) > SHORT:
        return False
    first = words[0] if words else ""
    leans = first.lower().split("’")[0].split("'")[0] in PRONOUNS or first[:1].islower()  # `which is …`, `was …`
    return not KEEP_SHORT.search(text) or leans and not FUTURE_OR_COUNT.search(text)


def dateline(chunk: str) -> int:
    """Length of a dateline opening the paragraph (`MILLBROOK, Vt. — `, `PARIS (AP) — `), 0 if none."""
    match = DATELINE.match(chunk)
    return match.end() if match else 0
