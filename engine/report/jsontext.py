"""Indented JSON text, byte-identical to `json.dumps(obj, indent=2, ensure_ascii=False)`, faster.

Why: with `indent`, the standard library falls back to its pure-Python encoder (a generator per
container, several calls per value): at 100,000 facts that was 2.6 CPU-s of the run against 0.9
for compact output. Here strings go through the C string encoder, each value is dispatched on its
exact type once, and dicts and lists of scalars are written without recursing. Anything this
writer does not know (a subclass, a float, a type `json` would reject) makes it hand the whole
value to `json.dumps`, so the text is the standard library's in every case.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

_LITERALS: dict[Any, str] = {True: "true", False: "false", None: "null"}
_SCALARS = frozenset({str, int, bool, type(None)})


@dataclass(frozen=True)
class Each:
    """A JSON array whose items `make` gives one at a time while the text is written.

    Why: a report's flags as dicts took about 3.7 KB a flag at once (plus their text pieces);
    made and written one by one, only each flag's finished text stays.
    """

    make: Callable[[], Iterable[Any]]


class _Unknown(Exception):
    """A value outside the exact types this writer handles; `dumps` then uses `json.dumps`."""


def dumps(obj: Any, end: str = "") -> str:
    """`obj` as `json.dumps(obj, indent=2, ensure_ascii=False)` would write it (an `Each` as its list).

    `end` is appended in the same join: a report of 100 MB is not then copied once more to add "\n".
    """
    if c_make_encoder is None:  # a Python built without the _json accelerator
        return json.dumps(obj, indent=2, ensure_ascii=False, default=_plain) + end
    parts: list[str] = []
    try:
        _value(obj, "\n", parts.append)
    except (_Unknown, RecursionError):  # a cycle: json says so in its own words
        return json.dumps(obj, indent=2, ensure_ascii=False, default=_plain) + end
    parts.append(end)
    return "".join(parts)


def _plain(value: Any) -> Any:
    """For `json.dumps`: an `Each` as the list it stands for; anything else refused as json refuses it."""
    if type(value) is Each:
        return list(value.make())
    return json.JSONEncoder().default(value)


def _scalar(value: Any) -> str | None:
    """A str, int, bool or None as JSON text; None for anything else (a container or unknown)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if kind is bool or value is None:
        return _LITERALS[value]
    return None


def _value(value: Any, newline: str, out: Callable[[str], Any]) -> None:
    text = _scalar(value)
    if text is not None:
        out(text)
    elif type(value) is dict:
        _object(value, newline, out)
    elif type(value) is list or type(value) is tuple:
        _array(value, newline, out)
    elif type(value) is Each:
        _each(value, newline, out)
    else:
        raise _Unknown


def _object(found: dict[Any, Any], newline: str, out: Callable[[str], Any]) -> None:
    if not found:
        out("{}")
        return
    inner = newline + "  "
    if _SCALARS.issuperset(map(type, found.values())):
        out("{" + inner + _items(found, inner) + newline + "}")
        return
    separator = "{" + inner
    run: dict[Any, Any] = {}  # consecutive scalar items, written by one call to the C encoder
    for key, value in found.items():
        if type(value) in _SCALARS:
            run[key] = value
            continue
        if type(key) is not str:
            raise _Unknown  # json converts such keys; leave that to it
        if run:
            out(separator + _items(run, inner))
            separator, run = "," + inner, {}
        out(separator + encode_basestring(key) + ": ")
        _value(value, inner, out)
        separator = "," + inner
    if run:
        out(separator + _items(run, inner))
    out(newline + "}")


def _items(run: dict[Any, Any], inner: str) -> str:
    """Scalar items as `"key": value` lines at this depth, without the braces."""
    return "".join(_leaf_encoder(inner)(run, 0))[1:-1]


def _each(value: Each, newline: str, out: Callable[[str], Any]) -> None:
    inner = newline + "  "
    separator = "[" + inner
    for item in value.make():
        pieces: list[str] = []
        _value(item, inner, pieces.append)
        out(separator + "".join(pieces))  # one string a item: its dicts are gone by the next
        separator = "," + inner
    out("[]" if separator[0] == "[" else newline + "]")


@cache
def _leaf_encoder(inner: str) -> Any:
    """The C encoder writing a dict of scalars with each item on its own line at this depth."""
    return c_make_encoder(None, None, encode_basestring, None, ": ", "," + inner, False, False, True)


def _array(items: list[Any] | tuple[Any, ...], newline: str, out: Callable[[str], Any]) -> None:
    if not items:
        out("[]")
        return
    inner = newline + "  "
    separator = "[" + inner
    for value in items:
        text = _scalar(value)
        if text is not None:
            out(separator + text)
        else:
            out(separator)
            _value(value, inner, out)
        separator = "," + inner
    out(newline + "]")
