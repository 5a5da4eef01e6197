"""Report: a `CheckResult` → text in one format (terminal, JSON, Markdown, SARIF, JUnit, GitHub, HTML).

One module per format, each exposing a `Renderer` as `render`; formats share text helpers only
through `_text`, never each other. An unknown format name fails loudly with the known ones.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Protocol

from ..model import CheckResult
from .view import DEFAULT, View


class Renderer(Protocol):
    """What every format module's `render` is: pure, deterministic, one string out."""

    def __call__(self, result: CheckResult, *, color: bool = False, view: View = DEFAULT) -> str: ...


class _Formats(Mapping[str, Renderer]):
    """Format name → renderer, each module imported the first time its format is asked for (start-up time)."""

    def __init__(self, modules: dict[str, str]) -> None:
        self.modules = modules

    def __getitem__(self, name: str) -> Renderer:
        return importlib.import_module(f"{__name__}.{self.modules[name]}").render

    def __iter__(self) -> Iterator[str]:
        return iter(self.modules)

    def __len__(self) -> int:
        return len(self.modules)


FORMATS: Mapping[str, Renderer] = _Formats({
    "terminal": "terminal",
    "json": "jsonfmt",
    "markdown": "markdown",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "html": "html",
})


def render(name: str, result: CheckResult, *, color: bool = False, view: View = DEFAULT) -> str:
    """Render `result` in the format called `name`; `color` only matters to the terminal."""
    try:
        formatter = FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ValueError(f"unknown report format {name!r}; known formats: {known}") from None
    return formatter(result, color=color, view=view)
