"""Writing files the user asked for: all or nothing."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Mapping


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file so a failure never leaves half a file."""
    write_all({path: text})


def write_all(files: Mapping[Path, str]) -> None:
    """Write several files at once: each to a temporary file first, renamed into place only when all are.

    A path that exists and is not a regular file (/dev/null, /dev/stdout, a pipe) is written
    to directly: renaming over it would replace the device with a file.
    """
    special = {path: text for path, text in files.items() if path.exists() and not path.is_file()}
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            if path not in special:
                staged.append((_stage(path, text), path))
        for temp, path in staged:
            os.replace(temp, path)
    except BaseException:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        raise
    for path, text in special.items():
        with path.open("w", encoding="utf-8", newline="\n") as out:
            out.write(text)


def append(path: Path, text: str) -> None:
    """Add `text` to the end of a file other steps also write (a CI job summary), after a blank line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    start = "\n" if path.exists() and path.stat().st_size else ""
    with path.open("a", encoding="utf-8", newline="\n") as out:
        out.write(start + text)


def _stage(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return temp
