"""Find who a sentence's claim is attributed to: the cue, the source mention and how it is attributed."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .cues import PARTICIPLE_END, PASSIVE, by_agent, find_cues, owner, tokens
from .lexicon import Lexicons
from .sources import (
    DETERMINERS,
    STOP,
    SUBJECT_PRONOUNS,
    base,
    plausible,
    sentence_subject,
    source_after,
    source_before,
    strong,
    word,
)

QUOTES = "\"“”"
REPORTED_CUES = frozenset({"reported by", "as reported by", "reports", "reported", "has learned"})
BELIEF_CUES = frozenset("think thinks thought believe believes believed want wants wanted fear fears feared hope "
                        "hopes hoped expect expects expected show shows showed shown find finds found know knows "
                        "knew see sees saw welcome welcomes welcomed doubt doubts doubted".split())
AFTER_CUES = frozenset({("according", "to"), ("reported", "by"), ("as", "reported", "by"), ("citing",)})
CLAUSE_LINKS = frozenset(", – — -- by after before while when without".split())
PROGRESSIVE = frozenset("is are was were am be been being also still now not".split())
TRAILING_WORDS = 6
MAX_LABEL_AT = 30
LABEL_LINKS = frozenset("to on at of and from in for".split())
NO_SOURCE_ENDS = frozenset({"you", "worth", "one"})
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
    nested: Attribution | None = None
    quoted: bool = False  # the cue is inside a quotation: the quoted speaker's, not a source of the article


def _nominal(text: str, offset: int, toks, i: int, lex: Lexicons) -> Attribution:
    """The attribution of a noun cue to its owner, paraphrased."""
    span = owner(toks, i, lex)
    assert span is not None  # find_cues gives a noun cue only when it has an owner
    first, last = span
    begin, end = toks[first][0], toks[last - 1][1]
    return Attribution(toks[i][2], toks[i][0], Mention(begin, end, text[begin - offset:end - offset]), "paraphrase")


def attributions(text: str, offset: int, lex: Lexicons, opened: bool = False) -> list[Attribution]:
    """Every (cue, source) pair of a sentence, in text order; the cue's source may be None.

    A cue inside a quotation is the quoted speaker's, not the article's: it is dropped (PolNeAR, like most
    annotation schemes, skips nested ones); the quotation's speaker comes from around it. `opened`: the
    sentence starts inside a quotation opened by an earlier sentence.
    """
    toks = tokens(text, offset)
    inside = quoted_ranges(text, offset) + (_open_range(text, offset) if opened else [])
    found: list[Attribution] = []
    nested: list[Attribution] = []
    for first, last in find_cues(toks, lex):
        a = _pair(text, offset, toks, first, last, lex) if last > first else _nominal(text, offset, toks, first, lex)
        if a is not None and found and found[-1].source and toks[first - 1][2] == ",":
            if last - first == 1 and toks[first][2].lower().endswith(PARTICIPLE_END):  # `X said, adding …`
                a = replace(a, source=found[-1].source)
        if a is not None:
            (nested if any(s <= a.cue_start < e for s, e in inside) else found).append(a)
    if not any(a.source for a in found):
        found += [replace(a, quoted=True) for a in nested]
    kept = _outermost(found, text, offset)
    label = _colon_label(text, offset, toks, lex) or _signature(text, offset)
    return [label] if label else kept


SIGNATURE = re.compile(r"(?:\A|[”\"’'])\s*[―—–]+\s*([A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3})\.?\s*\Z")


def _signature(text: str, offset: int) -> Attribution | None:
    """`“…” ― Carla Sanchez`: a quotation signed with a dash and a name (letters, readers' views) is theirs."""
    match = SIGNATURE.search(text)
    if match is None:
        return None
    begin, end = match.start(1) + offset, match.end(1) + offset
    return Attribution("―", match.start() + offset, Mention(begin, end, match.group(1)), "direct")


def _outermost(found: list[Attribution], text: str, offset: int) -> list[Attribution]:
    """Drop a cue inside what an earlier cue reports (`X said Y wants Z`: Y's wish is X's claim).

    A trailing attribution (`…, he said.`, `…, according to X.`) reports what comes before it, so the cues
    before it in its clause are nested instead; a cue inside a source (`X, who has called Y a liar, said`)
    describes the source.
    """
    found = [a for a in found if not any(b.source and b.source.start <= a.cue_start < b.source.end for b in found)]
    tail = next((a for a in reversed(found) if _trailing(a, text, offset)), None)
    if tail is not None:
        found = [a for a in found if a is tail or not _before_in_clause(a, tail, text, offset)]
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


def _trailing(a: Attribution, text: str, offset: int) -> bool:
    """Does `a` follow its content after a comma or a closing quote, ending the clause (`…, Smith said on Monday.`)?"""
    if a.source is None or a.quoted or a.cue.lower().endswith(PARTICIPLE_END):
        return False
    begin = min(a.source.start, a.cue_start) - offset
    end = max(a.source.end, a.cue_start + len(a.cue)) - offset
    before = text[:begin].rstrip()
    if len(before.split()) < 3 or not before.endswith((",", "”", '"', "''", "—")):
        return False
    rest = re.split(r"[,;]", text[end:], maxsplit=1)[0]
    return len(rest.split()) <= TRAILING_WORDS and not re.search(r"[:“\"]|''|\bthat\b", rest)


def _before_in_clause(a: Attribution, tail: Attribution, text: str, offset: int) -> bool:
    """Is `a`'s cue before `tail`'s attribution, with no `;` between them?"""
    assert tail.source is not None  # `tail` is _trailing, which needs a source
    begin = min(tail.source.start, tail.cue_start)
    return a.cue_start < begin and ";" not in text[a.cue_start - offset:begin - offset]


def _pair(text: str, offset: int, toks, first: int, last: int, lex: Lexicons) -> Attribution | None:
    """The attribution of the cue at tokens [first, last): its source, and whether it is quoted or reported."""
    phrase = tuple(t[2].lower() for t in toks[first:last])
    span = _source(toks, first, last, phrase, lex)
    if span is None and phrase[0] in BELIEF_CUES | {"is", "are", "was", "were", "in"}:
        return None
    if span and _inside_quote(text, toks[span[0]][0] - offset, toks[span[0]][2]):
        span = None  # `“I think …”`: the speaker's own words, not an attribution of the article
    if span and toks[span[1] - 1][2].lower() in NO_SOURCE_ENDS:
        span = None  # `you can see why`, `It's worth noting`: a generic reader or a set phrase, no one in particular
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
    agent = by_agent(toks, last) if first and toks[first - 1][2].lower() in PASSIVE else None
    if agent is not None:
        span = source_after(toks, agent, lex)
        return span if span and strong(toks[span[0]:span[1]], lex) else None
    inverts = " ".join(phrase) in lex["inverting_cues"] and (first == 0 or toks[first - 1][2] in ",“”\"'’")
    if inverts and _names_follow(toks, last, lex):
        return source_after(toks, last, lex)
    if phrase[0].endswith(PARTICIPLE_END) and len(phrase) == 1:
        return _participle_source(toks, first, lex)
    span = source_before(toks, first, lex)
    quoted = first > 0 and toks[first - 1][2] in "“”\"'’"
    if span is None and inverts and (quoted or _speaker_ends(toks, source_after(toks, last, lex), lex)):
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


def _names_follow(toks, last: int, lex: Lexicons) -> bool:
    """`…,” said Jane Doe.` / `, said he`: the speaker comes after the cue and ends the clause.

    `X, a spokesman, said Clinton didn’t…` is not inverted: the name after the cue starts the content.
    """
    if last >= len(toks):
        return False
    token = toks[last][2]
    if token.lower() in lex["times"]:
        return False  # `said Thursday his worry is …`
    if not (token[0].isupper() and token.lower() not in STOP or base(token) in SUBJECT_PRONOUNS):
        return False
    return _speaker_ends(toks, source_after(toks, last, lex), lex)


def _speaker_ends(toks, span: tuple[int, int] | None, lex: Lexicons) -> bool:
    """Is `span` followed by punctuation, the end, or a word that can follow a speaker (`on Monday`)?"""
    if span is None or span[1] >= len(toks):
        return span is not None
    follower = toks[span[1]][2]
    if follower in ("“", "‘"):
        return False  # `said he “appreciates …”`: the quotation is his
    return not word(follower) or follower.lower() in lex["after_speaker"]


def quoted_ranges(text: str, offset: int) -> list[tuple[int, int]]:
    """Absolute character ranges between paired quotation marks (curly, straight, or doubled `''`)."""
    ranges = [(start + offset, end + offset) for start, end in _quote_pairs(text)]
    return [(s, e) for s, e in ranges if e - s > 12 or " " in text[s - offset:e - offset].strip()]


def _open_range(text: str, offset: int) -> list[tuple[int, int]]:
    """A sentence that continues a quotation is quoted up to the first closing mark (or to its end)."""
    close = re.search(r"[”\"]|''", text)
    return [(offset, offset + (close.start() if close else len(text)))]


QUOTE_MARK = re.compile(r"''|[“”\"]")


def _quote_pairs(text: str) -> list[tuple[int, int]]:
    """Spans from an opening quotation mark to the next closing one.

    Marks are told apart by what touches them, not by their shape: typesetting mixes them up
    (`“It's unusual,“ said X`, `“…," she said. "…”`), and a mark with a space after it closes.
    """
    pairs, opened = [], None
    for mark in QUOTE_MARK.finditer(text):
        after = text[mark.end():mark.end() + 1]
        before = text[mark.start() - 1:mark.start()]
        opening = (not after or not after.isspace()) and (not before or before.isspace() or before in "([—–-")
        if opened is None and opening:
            opened = mark.start()
        elif opened is not None and not opening:
            pairs.append((opened, mark.end()))
            opened = None
    return pairs


def _colon_label(text: str, offset: int, toks, lex: Lexicons) -> Attribution | None:
    """Who speaks after a colon: `Bernie Sanders: ‘…’`, `TAPPER: …`, `Headline - Jane Doe: “…”`,
    `More from the report: “…”`. The speaker outranks any cue in what they say."""
    colon = next((i for i, t in enumerate(toks[:MAX_LABEL_AT]) if t[2] == ":"), None)
    if not colon:
        return None
    start = max((k + 1 for k in range(colon) if toks[k][2] in ("-", "—", "–", "--")), default=0)
    cited = start < colon and toks[start][2].lower() in ("more", "from")
    while start < colon and toks[start][2].lower() in ("more", "from"):
        start += 1
    label = toks[start:colon]
    if not label or not (cited or all(t[2][0].isupper() or not word(t[2]) or t[2] in LABEL_LINKS for t in label)):
        return None
    if (start or cited) and not re.match(r"\s*[“\"‘']", text[toks[colon][1] - offset:]):
        return None  # mid-sentence labels introduce a quotation
    words = " ".join(t[2] for t in label).lower()
    if words in lex["labels"] or not cited and label[0][2].lower() in DETERMINERS:
        return None
    if not plausible(label, lex) or sum(word(t[2]) for t in toks[colon:]) < 3:
        return None
    begin, end = label[0][0], label[-1][1]
    return Attribution(":", toks[colon][0], Mention(begin, end, text[begin - offset:end - offset]), "direct")


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
    inner = next((a for a in sourced[1:] if a.source is not None and a.source.start > outer.cue_start), None)
    if inner is not None and outer.cue.lower() == "according to":
        return Attribution(inner.cue, inner.cue_start, inner.source, inner.attribution, nested=outer)
    return outer
