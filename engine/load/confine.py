"""Where claimrules may read: regular files inside the project root (or an extra root), bounded in size.

A facts file names its document, a rule file the packs it extends, a configuration its
outputs: none of them may reach past the project, so no file elsewhere (`/etc/passwd`, a
symlink out) ends up in a report, and no FIFO or device hangs or floods a check.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MAX_DOCUMENT_BYTES = 10_000_000  # a long article is 100 KB; a bigger document is a mistake or an attack
ROOT_HINT = ("keep it under the project root {root}, or allow its folder with --extra-root DIR "
             "(`extra-roots:` in the configuration)")


class Unreadable(Exception):
    """A path that is not a regular file within the size limit; the message says which it is."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Confinement:
    """The folders reads must stay in (None: anywhere, for library callers who trust their paths)."""

    roots: tuple[Path, ...] | None = None  # resolved; the project root first
    max_document_bytes: int = MAX_DOCUMENT_BYTES
    named: frozenset[Path] = frozenset()  # files named on the command line (resolved): the user chose them

    @classmethod
    def project(cls, root: Path, extra: Iterable[Path] = (), max_document_bytes: int | None = None) -> Confinement:
        roots = tuple(dict.fromkeys(p.resolve() for p in (root, *extra)))
        return cls(roots, max_document_bytes or MAX_DOCUMENT_BYTES)

    def allowing(self, files: Iterable[Path]) -> Confinement:
        """The same confinement, with these files allowed wherever they are."""
        return Confinement(self.roots, self.max_document_bytes, self.named | {f.resolve() for f in files})

    def outside(self, path: Path, *, writing: bool = False) -> bool:
        """Whether `path` resolves (through links) outside every root; writes must stay in the project root."""
        if self.roots is None:
            return False
        resolved = path.resolve()
        roots = self.roots[:1] if writing else self.roots
        return not (resolved in self.named and not writing) and not any(resolved.is_relative_to(r) for r in roots)

    def hint(self) -> str:
        return ROOT_HINT.format(root=self.roots[0] if self.roots else ".")


UNCONFINED = Confinement()


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file; Unreadable for a folder, a FIFO, a device or a socket, or past `limit`.

    The file is opened without blocking and checked on its descriptor, so a FIFO swapped in
    after the first look cannot hang the read either.
    """
    kind = _kind(os.stat(path).st_mode)
    if kind:
        raise Unreadable(kind, "unreadable")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        kind = _kind(info.st_mode)
        if kind:
            raise Unreadable(kind, "unreadable")
        if limit is not None and info.st_size > limit:
            raise Unreadable(f"is {info.st_size:,} bytes, over the limit of {limit:,} (--max-document-bytes)",
                             "too-large")
        data = handle.read() if limit is None else handle.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise Unreadable(f"is over the limit of {limit:,} bytes (--max-document-bytes)", "too-large")
    return data


def _kind(mode: int) -> str:
    """Why a file of this mode cannot be read as text, or "" for a regular file."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "is a directory, expected a file"
    what = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return f"is {what}, expected a regular file"
