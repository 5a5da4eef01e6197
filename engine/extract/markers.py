"""Markers of a claim read off its words: hedges, kind (prediction, plan, commitment), status, only, records,
numbers, dates."""

from __future__ import annotations

import datetime as dt
import re

from .lexicon import Lexicons
from .when import dates

NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(%|percent|per cent|million|billion|"
                    r"thousand|years?|months?|days?|people|votes|points|dollars)?", re.I)
MONEY = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(million|billion|trillion)?", re.I)
YEARLIKE = re.compile(r"\A(?:19|20)\d{2}\Z")
STATE = re.compile(r"\b(?:is|are|remains?|has been|have been)\b", re.I)
MODAL_BEFORE = re.compile(r"\b(?:will|would|could|may|might|can|should|must|to|not|never|be)\s+(?:\w+\s+)?\Z", re.I)
MAY_MONTH = re.compile(r"\b(?:(?i:in|by|since|until|of|early|late|mid-|next|last|this|from|through)\s+)May\b|"
                       r"\bMay(?=\s+\d)")
CONCESSIVE = re.compile(r"[,–—-]\s*(?:despite|contrary\s+to|in\s+spite\s+of|regardless\s+of)\b.*\Z", re.I | re.S)
NOT_MODALS = frozenset({"Will", "Would", "WILL"})
MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\Z|\b(?:January|February|March|"
                          r"April|May|June|July|August|September|October|November|December)\s+\Z")
CLOCK_AFTER = re.compile(r"\A(?::\d\d|\s*[ap]\.?m\.?|(?:st|nd|rd|th)\b)", re.I)  # `10:45`, `9 a.m.`, `24th`
NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!\A)\b([A-Z][\w.]*)\s+\Z")  # `Route 9`, `Apollo 11`, mid-sentence
BOUNDS = re.compile(r"\bat\s+(?:the\s+)?(?:most|least|latest|earliest|best|worst)\b|\bmost\s+of\b", re.I)
SUPERLATIVE_FORM = re.compile(r"\b(?:the|its|their|his|her|our|my|your|[\w.]+['’]s)\s+(?:\w+ly\s+)?([a-z]{3,}est)\b")
FUTURE = ("plan", "prediction", "commitment")
FUTURE_CUES = ("plans", "predictions", "commitments", "scheduled")


def markers(text: str, lex: Lexicons, *, sourced: bool, published: dt.date | None = None) -> dict:
    """The fact fields a claim's own words give: kind, status, hedged, exclusive, superlative, number, dates."""
    future = _future_cue(text, lex)
    status = _status(text, lex, len(text) if future is None else future)
    found: dict = {"kind": _kind(text, lex, sourced, status)}
    if status:
        found["status"] = status
    elif found["kind"] == "plan":
        found["status"] = "announced"
    unmonthed = MAY_MONTH.sub("month", text)  # `in May` is a date, not a hedge
    # `X has not done Y – despite what you may have read`: the hedge is of the others' claim, not this one
    unmonthed = CONCESSIVE.sub("", unmonthed)
    for name, field in (("hedges", "hedged"), ("exclusives", "exclusive")):
        if lex.pattern(name).search(unmonthed):
            found[field] = True
    if _superlative(unmonthed, lex):
        found["superlative"] = True
    found.update(_quantity(text, lex))
    found.update(_time(text, published, future is not None))
    return found


def _status(text: str, lex: Lexicons, future: int) -> str | None:
    """Cancelled or done from the verb, unless a modal or a plan comes first (`will be completed`); else begun."""
    for name in ("cancelled", "done"):
        for match in lex.pattern(name).finditer(text):
            if not MODAL_BEFORE.search(text[:match.start()]) and (name == "cancelled" or match.start() < future):
                return name
    return "begun" if lex.pattern("begun").search(text) else None


def _search(lex: Lexicons, name: str, text: str) -> re.Match | None:
    """The first match of a list, past a capitalised `Will` (a name: `Editing by Will Dunham`, or a question)."""
    return next((m for m in lex.pattern(name).finditer(text) if m.group() not in NOT_MODALS), None)


def _future_cue(text: str, lex: Lexicons) -> int | None:
    """Where the first word that looks ahead (a plan, a prediction, a commitment, an agenda item) starts."""
    starts = [m.start() for name in FUTURE_CUES if (m := _search(lex, name, text))]
    return min(starts) if starts else None


def _time(text: str, published: dt.date | None, future: bool) -> dict:
    """`since`/`until` from the text; `as_of` too, but not for a claim about the future (its date is a target)."""
    found = dates(text, published, future)
    if future:
        found.pop("as_of", None)
    return found


def _kind(text: str, lex: Lexicons, sourced: bool, status: str | None = None) -> str:
    told = "statement" if sourced else "event"
    if status in ("done", "cancelled") or lex.pattern("past_plans").search(text):
        return told  # a report of what happened, not a plan still open
    if lex.pattern("scheduled").search(text):
        return told  # an agenda item (`the council will consider`), not a forecast
    if lex.pattern("plans").search(text):
        return "plan"
    commitment = lex.pattern("commitments").search(text)
    prediction = _search(lex, "predictions", text)
    if prediction and prediction.group().lower() not in ("will", "would"):
        return "prediction"
    if commitment or prediction and lex.pattern("exclusives").search(text):
        return "commitment"
    if prediction and prediction.group().lower() == "will":
        return "prediction"
    if STATE.search(text):
        return "statement" if sourced else "state"
    return told


def _superlative(text: str, lex: Lexicons) -> bool:
    """A record phrase from the list, or a superlative by its form (`the oldest`, `its busiest`), not a bound
    (`at most`, `at least`)."""
    text = BOUNDS.sub(" ", text)
    if lex.pattern("superlatives").search(text):
        return True
    return any(m.group(1).lower() not in lex["not_superlatives"] for m in SUPERLATIVE_FORM.finditer(text))


def _counts(text: str, match: re.Match, lex: Lexicons) -> bool:
    """Does the number count something? Not in a date (`Feb. 24`), a time (`10:45`) or a name (`Route 9`)."""
    before, after = text[:match.start()], text[match.end(1):]
    if match.group(2):
        return True
    if MONTH_BEFORE.search(before) or CLOCK_AFTER.match(after) or before.endswith((":", "#", "No. ")):
        return False
    label = NAME_BEFORE.search(before)
    word = before.split()[-1].lower() if before.split() else ""
    return not (label or word in lex["label_numbers"])


def _quantity(text: str, lex: Lexicons) -> dict:
    money = MONEY.search(text)
    if money:
        return {"number": _number(money.group(1)), "unit": (money.group(2) or "").lower() + "-usd" if money.group(2)
                else "usd"}
    for match in NUMBER.finditer(text):
        value = match.group(1)
        if YEARLIKE.match(value) and not match.group(2) or not _counts(text, match, lex):
            continue  # a year is a date, not a quantity; so is `Feb. 24`, and `Route 9` is a name
        found: dict[str, int | float | str] = {"number": _number(value)}
        if match.group(2):
            found["unit"] = "percent" if match.group(2) in ("%", "per cent") else match.group(2).lower()
        return found
    return {}


def _number(text: str) -> int | float:
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() else value
