"""Output formats behind a plain-dict registry: one module per format, each exposing `render`.

An unknown format name fails loudly with the list of known ones.
"""

from __future__ import annotations

from typing import Callable

from ..model import CheckResult
from . import github, html, jsonfmt, junit, markdown, sarif, terminal

FORMATS: dict[str, Callable[..., str]] = {
    "terminal": terminal.render,
    "json": jsonfmt.render,
    "markdown": markdown.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "html": html.render,
}


def render(name: str, result: CheckResult, *, color: bool = False) -> str:
    """Render `result` in the format called `name`; `color` only matters to the terminal."""
    try:
        formatter = FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ValueError(f"unknown report format {name!r}; known formats: {known}") from None
    return formatter(result, color=color)
