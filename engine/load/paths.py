"""Paths the user names: which files a folder holds, and how a path is shown back to the user."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..problems import Problem

YAML_SUFFIXES = (".yaml", ".yml")
FACT_SUFFIXES = YAML_SUFFIXES + (".jsonl",)


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it, always with forward slashes."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def expand(paths: Iterable[Path], suffixes: tuple[str, ...]) -> tuple[list[Path], list[Problem]]:
    """Files named, and files under folders named, in a stable order."""
    found, problems = [], []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in suffixes and p.is_file())
        elif path.exists():
            found.append(path)
        else:
            problems.append(Problem(display_path(path), 1, 1, "not-found", "no such file or folder"))
    return found, problems
