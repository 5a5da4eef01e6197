"""Normalised keys two outlets' wordings share: lemmas, folded case and accents, stop words dropped, synonyms.

Lemmas come from lemminflect (its tables ship with the package; nothing is downloaded).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon import Lexicons

WORD = re.compile(r"[A-Za-zÀ-ÿ][\w’'.-]*[\w]|[A-Za-zÀ-ÿ]|\d[\d,.]*\d|\d|n[’']t")
AUX = frozenset("is are was were be been being am has have had will would can could may might shall should must "
                "do does did 's ’s wo ca".split())
COPULAS = frozenset("is are was were be been being am remain remains remained become becomes became seem seems "
                    "seemed stay stays stayed".split())
ADVERBS = frozenset("already still now also just yet ever even again currently finally indeed reportedly allegedly "
                    "apparently actually really officially previously recently then only soon long".split())
DETERMINERS = frozenset("the a an his her their its our my your this that these those some any every each no "
                        "another other such".split())
PREPOSITIONS = frozenset("of in on at for from to with by about into over under after before during against "
                         "between through without within near since until as than like via amid among".split())
CONJUNCTIONS = frozenset("and or but nor so because if when while whereas although though that which who whom "
                         "whose where".split())
PRONOUNS = frozenset("he she it they we i you this that there".split())
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
                "fifty": 50, "hundred": 100, "dozen": 12}
INITIALS = re.compile(r"(?:[A-Z]\.)+")
POSSESSIVE = re.compile(r"['’]s\Z|['’]\Z")
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


def words(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of `text` with offsets; `n't` is a token of its own."""
    found = []
    for m in WORD.finditer(text):
        token = m.group()
        low = token.lower()
        if low.endswith(("n't", "n’t")) and len(token) > 3:
            found += [(m.start(), m.end() - 3, token[:-3]), (m.end() - 3, m.end(), "n't")]
        else:
            found.append((m.start(), m.end(), token if INITIALS.fullmatch(token) else token.rstrip(".")))
    return found


def fold(word: str) -> str:
    """Lower case, accents stripped, possessive dropped: `Fernández's` → `fernandez`."""
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii").lower()
    return POSSESSIVE.sub("", plain).replace(".", "").replace("'", "").replace("’", "")


@lru_cache(maxsize=65536)
def lemma(word: str, pos: str) -> str:
    """The lemma of a folded word as `pos` (VERB, NOUN, ADJ); the word itself when lemminflect has none."""
    low = fold(word)
    if not low.isalpha():
        return low
    from lemminflect import getLemma  # on first use: with numpy, 0.2 s that a check of reviewed facts never needs

    found = getLemma(low, upos=pos)
    return found[0] if found else low


@lru_cache(maxsize=65536)
def can_be(word: str, pos: str) -> bool:
    from lemminflect import getAllLemmas

    return pos in getAllLemmas(fold(word))


def number(token: str) -> int | float | None:
    """A digit string or a number word as a number."""
    low = token.lower().replace(",", "")
    if low in NUMBER_WORDS:
        return NUMBER_WORDS[low]
    try:
        value = float(low)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


def phrase_key(tokens: list[str], lex: Lexicons) -> str:
    """`the diplomatic missions` → `embassy` (synonyms), `Argentina's President` → `argentina-president`."""
    folded = [fold(t) for t in tokens if fold(t)]
    joined = " ".join(folded)
    for key, phrases in synonyms(lex).items():
        if joined in phrases:
            return key
    content = [w for w in folded if w not in DETERMINERS and w not in PREPOSITIONS] or folded
    if len(content) > 1:
        untitled = [w for w in content if w not in lex["titles"]]
        content = untitled or content
    content = [lemma(w, "NOUN") for w in content][-4:]
    key = "-".join(w for w in content if w)
    return next((k for k, phrases in synonyms(lex).items() if key.replace("-", " ") in phrases), key)


def synonyms(lex: Lexicons) -> dict[str, frozenset[str]]:
    return _parse(tuple(sorted(lex["synonyms"])))


@lru_cache(maxsize=16)
def _parse(lines: tuple[str, ...]) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for line in lines:
        key, _, rest = line.partition(":")
        table.setdefault(key.strip(), set()).update(p.strip() for p in rest.split(",") if p.strip())
    return {k: frozenset(v) for k, v in table.items()}
