"""Markers of a claim read off its words: hedges, kind (prediction, plan, commitment), only, records, numbers, dates."""

from __future__ import annotations

import re

from .lexicon import Lexicons

NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(%|percent|per cent|million|billion|"
                    r"thousand|years?|months?|days?|people|votes|points|dollars)?", re.I)
MONEY = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(million|billion|trillion)?", re.I)
SINCE = re.compile(r"\bsince\s+((?:19|20)\d{2})\b", re.I)
IN_YEAR = re.compile(r"\bin\s+((?:19|20)\d{2})\b", re.I)
UNTIL = re.compile(r"\b(?:until|through)\s+((?:19|20)\d{2})\b", re.I)
YEARLIKE = re.compile(r"\A(?:19|20)\d{2}\Z")
STATE = re.compile(r"\b(?:is|are|remains?|has been|have been)\b", re.I)


def markers(text: str, lex: Lexicons, *, sourced: bool) -> dict:
    """The fact fields a claim's own words give: kind, status, hedged, exclusive, superlative, number, dates."""
    found: dict = {"kind": _kind(text, lex, sourced)}
    if lex.pattern("begun").search(text):
        found["status"] = "begun"
    elif found["kind"] == "plan":
        found["status"] = "announced"
    for name, field in (("hedges", "hedged"), ("exclusives", "exclusive"), ("superlatives", "superlative")):
        if lex.pattern(name).search(text):
            found[field] = True
    found.update(_quantity(text))
    for pattern, field in ((SINCE, "since"), (UNTIL, "until")):
        match = pattern.search(text)
        if match:
            found[field] = match.group(1)
    return found


def _kind(text: str, lex: Lexicons, sourced: bool) -> str:
    if lex.pattern("plans").search(text):
        return "plan"
    commitment = lex.pattern("commitments").search(text)
    prediction = lex.pattern("predictions").search(text)
    if prediction and prediction.group().lower() not in ("will", "would"):
        return "prediction"
    if commitment or prediction and lex.pattern("exclusives").search(text):
        return "commitment"
    if prediction and prediction.group().lower() == "will":
        return "prediction"
    if STATE.search(text):
        return "statement" if sourced else "state"
    return "statement" if sourced else "event"


def _quantity(text: str) -> dict:
    money = MONEY.search(text)
    if money:
        return {"number": _number(money.group(1)), "unit": (money.group(2) or "").lower() + "-usd" if money.group(2)
                else "usd"}
    for match in NUMBER.finditer(text):
        value = match.group(1)
        if YEARLIKE.match(value) and not match.group(2):
            continue  # a year is a date, not a quantity
        found = {"number": _number(value)}
        if match.group(2):
            found["unit"] = "percent" if match.group(2) in ("%", "per cent") else match.group(2).lower()
        return found
    return {}


def _number(text: str) -> int | float:
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() else value
