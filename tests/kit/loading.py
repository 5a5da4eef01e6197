"""A tiny valid project (one document, its facts, one rule) and helpers to break it file by file."""

from __future__ import annotations

import os
import socket
import stat
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from engine.problems import InputError, Problem

# Line 2 has `talks would resume` at 2:19; line 3-4 has it again across the line break at 3:41.
DOC = """\
date 2026-01-29
The minister said talks would resume next week.
Talks would resume, officials said, and talks would
resume in Geneva.
"""

# Facts start at line 6; the first fact's keys sit at column 5.
FACTS_HEAD = """\
document:
  path: ../seeds/a.txt
entities:
  - {id: minister, name: The minister, type: official}
facts:
"""

VALID_FACT = """\
- id: talks-resume
  text: Talks will resume next week.
  quote: talks would resume
  kind: prediction
  source: minister
"""

VALID_RULES = """\
rules:
  - id: open-prediction
    family: follow-up
    severity: info
    message: "Prediction: {a.text}"
    match:
      a:
        kind: prediction
"""


def facts(*blocks: str) -> str:
    """A facts file: the standard head, then each fact block (written at column 1) under `facts:`."""
    return FACTS_HEAD + "".join(textwrap.indent(textwrap.dedent(b).lstrip("\n"), "  ") for b in blocks)


VALID_FACTS = facts(VALID_FACT)
BASE_TREE = {"seeds/a.txt": DOC, "facts/a.yaml": VALID_FACTS, "rules/r.yaml": VALID_RULES}


@dataclass(frozen=True)
class Link:
    """A symbolic link to `target` instead of a file."""

    target: str


FIFO = "<a named pipe>"  # as a file's content: make a FIFO there instead
SOCKET = "<a unix socket>"  # … or a socket


def write_tree(root: Path, files: dict[str, str | bytes | Link | None]) -> None:
    """Write files under root (bytes as-is, text as UTF-8 without newline translation); None deletes."""
    for name, content in files.items():
        path = root / name
        if content is None or isinstance(content, Link) or content in (FIFO, SOCKET):
            path.unlink(missing_ok=True)
        if content is None:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            path.symlink_to(content.target)
        elif content is FIFO:
            os.mkfifo(path)
        elif content is SOCKET:
            with socket.socket(socket.AF_UNIX) as sock:
                sock.bind(str(path))
        else:
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under root with its bytes (or link target) and mode: compare before and after a run."""
    found = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            found[str(path.relative_to(root))] = ("link", os.readlink(path))
        elif stat.S_ISREG(info.st_mode):
            found[str(path.relative_to(root))] = (path.read_bytes(), stat.S_IMODE(info.st_mode))
        else:
            found[str(path.relative_to(root))] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode))
    return found


def problems_of(load: Callable[[], object]) -> list[Problem]:
    """The problems a loader raises, in report order (an empty list when it loads)."""
    try:
        load()
    except InputError as exc:
        return list(exc.problems)
    return []


def located(problems: list[Problem]) -> list[tuple[str, int, int, str]]:
    return [(p.path, p.line, p.column, p.code) for p in problems]
