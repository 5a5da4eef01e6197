"""Report: a `CheckResult` → text in one format (terminal, JSON, Markdown, SARIF, JUnit, GitHub, HTML).

One module per format, each exposing a `Renderer` as `render`; formats share text helpers only
through `_text`, never each other. An unknown format name fails loudly with the known ones.
"""

from __future__ import annotations

from typing import Protocol

from ..model import CheckResult
from . import github, html, jsonfmt, junit, markdown, sarif, terminal
from .view import DEFAULT, View


class Renderer(Protocol):
    """What every format module's `render` is: pure, deterministic, one string out."""

    def __call__(self, result: CheckResult, *, color: bool = False, view: View = DEFAULT) -> str: ...


FORMATS: dict[str, Renderer] = {
    "terminal": terminal.render,
    "json": jsonfmt.render,
    "markdown": markdown.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "html": html.render,
}


def render(name: str, result: CheckResult, *, color: bool = False, view: View = DEFAULT) -> str:
    """Render `result` in the format called `name`; `color` only matters to the terminal."""
    try:
        formatter = FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ValueError(f"unknown report format {name!r}; known formats: {known}") from None
    return formatter(result, color=color, view=view)
