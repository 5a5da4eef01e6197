"""From sentences to claims: split each sentence into claims and give each its attribution."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .attribution import Attribution, Mention, attributions, main_attribution, tokens
from .lexicon import Lexicons
from .nonclaims import fragment
from .quotes import continued, quote_runs
from .segment import Sentence, clauses

MID_RELATIVE = re.compile(r",\s+((?:which|who)\s+[^,]{8,}?),\s+(?=(?:is|are|was|were|has|have|had|will|remains?|"
                          r"\w+ed|\w+s)\b)")
TRAILING_RELATIVE = re.compile(r",\s+(?=which\s)")
OPEN_QUOTES = "“\"'‘"


@dataclass(frozen=True)
class Claim:
    start: int
    end: int
    text: str
    sentence: Sentence
    attribution: Attribution | None


def sentence_attributions(items: list[Sentence], text: str,
                          lex: Lexicons) -> tuple[list[Attribution | None], list[Mention], set[int]]:
    """The main attribution of each sentence (tails and quote continuations filled in), all source mentions,
    and the sentences that are only an attribution (tails)."""
    mains: list[Attribution | None] = []
    mentions: list[Mention] = []
    tails: set[int] = set()
    opened = continued(items, text)
    for i, sentence in enumerate(items):
        found = attributions(sentence.text, sentence.start, lex, i in opened)
        mentions += [a.source for a in found if a.source is not None and not a.quoted]
        main = main_attribution(found)
        if main is not None and _is_tail(sentence, main) and i > 0 and items[i - 1].paragraph == sentence.paragraph:
            tails.add(i)
            if mains[i - 1] is None:
                mains[i - 1] = replace(main, attribution="direct")
        mains.append(main)
    _continue_quotes(items, mains, text)
    return [None if i in tails else m for i, m in enumerate(mains)], mentions, tails


def _is_tail(sentence: Sentence, main: Attribution) -> bool:
    """A sentence that is only its attribution: `- Rubio stated.`, `he said.`"""
    assert main.source is not None  # main_attribution gives only an attribution with a source
    rest = sentence.text
    for piece in (main.source.text, main.cue):
        rest = rest.replace(piece, " ", 1)
    return len([t for t in tokens(rest, 0) if t[2][0].isalnum()]) < 2


def _continue_quotes(items: list[Sentence], mains: list, text: str) -> None:
    """Sentences of one quotation share its attribution; so does a quote right after (or before) an attributed one."""
    for run in quote_runs(items, text):
        found = [mains[i] for i in run if mains[i] is not None]
        known = next((m for m in found if not m.quoted), found[0] if found else None)
        for i in run:
            if _unsourced(mains[i]) and known is not None:
                mains[i] = replace(known, attribution="direct")
    for i in range(1, len(items)):
        same = items[i - 1].paragraph == items[i].paragraph
        if _unsourced(mains[i]) and same and mains[i - 1] is not None and items[i].text[0] in OPEN_QUOTES:
            mains[i] = replace(mains[i - 1], attribution="direct")
    for i in range(len(items) - 2, -1, -1):
        same = items[i + 1].paragraph == items[i].paragraph
        opened = items[i].text[0] in OPEN_QUOTES and not re.search(r"[”\"]\s*\Z", items[i].text)
        if mains[i] is None and same and mains[i + 1] is not None and (opened or items[i].text[0] in OPEN_QUOTES):
            mains[i] = replace(mains[i + 1], attribution="direct")
    _quoted_paragraphs(items, mains)


def _unsourced(main: Attribution | None) -> bool:
    """No attribution, or only a cue the quoted speaker used (`“I think …”`): the quotation's speaker is unknown."""
    return main is None or main.quoted


def _quoted_paragraphs(items: list[Sentence], mains: list) -> None:
    """A paragraph that is only a quotation, with no cue, continues the quoted speaker of the paragraph before."""
    for i in range(1, len(items)):
        first = items[i].paragraph != items[i - 1].paragraph
        if not first or mains[i] is not None or items[i].text[0] not in OPEN_QUOTES:
            continue
        previous = mains[i - 1]
        if previous is None or previous.attribution != "direct":
            continue
        k = i
        while k < len(items) and items[k].paragraph == items[i].paragraph and mains[k] is None:
            k += 1
        if k == len(items) or items[k].paragraph != items[i].paragraph:
            for n in range(i, k):
                mains[n] = previous


def claims(items: list[Sentence], text: str, lex: Lexicons) -> tuple[list[Claim], list[Mention]]:
    """Every claim of the document in order, and every source mention (for scoring and notes)."""
    mains, mentions, tails = sentence_attributions(items, text, lex)
    found: list[Claim] = []
    for i, (sentence, main) in enumerate(zip(items, mains)):
        if i in tails or sentence.heading and main is None:
            continue
        for start, end in clauses(sentence):
            for s, e, prefix in _relative_split(text, start, end, main is None):
                if main is None and (s, e) != (sentence.start, sentence.end) and fragment(text[s:e]):
                    continue  # `which premiered her play`: a piece of a claim, not one (see nonclaims)
                words = " ".join((prefix + text[s:e]).split())
                found.append(Claim(s, e, words, sentence, main))
    return found, mentions


def _relative_split(text: str, start: int, end: int, narrative: bool) -> list[tuple[int, int, str]]:
    """A relative clause is its own claim: `X, which did A, is B` gives `which did A` and `X is B`."""
    piece = text[start:end]
    mid = MID_RELATIVE.search(piece) if narrative else None
    if mid:
        head = piece[:mid.start()]
        return [(start + mid.start(1), start + mid.end(1), ""), (start + mid.end(), end, head + " ")]
    trailing = TRAILING_RELATIVE.search(piece)
    if trailing and len(piece[:trailing.start()].split()) >= 4:
        return [(start, start + trailing.start(), ""), (start + trailing.end(), end, "")]
    return [(start, end, "")]
