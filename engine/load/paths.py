"""Paths the user names: which files a folder holds, and how a path is shown back to the user."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..problems import Problem
from .confine import UNCONFINED, Confinement

YAML_SUFFIXES = (".yaml", ".yml")
FACT_SUFFIXES = YAML_SUFFIXES + (".jsonl",)


_PROJECT: list[Path] = []  # the configuration's folder when it is a parent of the working one


def show_from(project: Path) -> None:
    """Show paths under `project` (a parent of the working folder) as `../…`, as the user would type them."""
    _PROJECT[:] = [project.resolve()]


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it (or `../…` inside its project), with forward slashes."""
    resolved, here = path.resolve(), Path.cwd().resolve()
    try:
        return resolved.relative_to(here).as_posix()
    except ValueError:
        if _PROJECT and resolved.is_relative_to(_PROJECT[0]) and here.is_relative_to(_PROJECT[0]):
            return Path(os.path.relpath(resolved, here)).as_posix()
        return Path(os.path.normpath(path)).as_posix()


def expand(paths: Iterable[Path], suffixes: tuple[str, ...],
           confine: Confinement = UNCONFINED) -> tuple[list[Path], list[Problem]]:
    """Files named, and files under folders named, in a stable order.

    A file under a folder that is a link out of both the folder and the project is a problem:
    naming a folder does not name what its links point to.
    """
    found, problems = [], []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix in suffixes and p.is_file())
            escaped = [p for p in files if confine.outside(p) and not p.resolve().is_relative_to(path.resolve())]
            problems += [Problem(display_path(p), 1, 1, "outside-root", "a link out of the project: "
                                 f"{Path(os.path.normpath(p)).as_posix()} → {p.resolve().as_posix()}", confine.hint())
                         for p in escaped]
            found += [p for p in files if p not in escaped]
        elif path.exists():
            found.append(path)
        else:
            problems.append(Problem(display_path(path), 1, 1, "not-found", "no such file or folder"))
    return found, problems
