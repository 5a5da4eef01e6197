"""Writing the files the user asked for: all or nothing, never over an input, modes and links kept.

Every file is written to a temporary file beside its target first; only when all of them
were written are they renamed into place (with SIGINT and SIGTERM held back meanwhile), so
a failure or an interrupt replaces none. A symlinked output updates the file it points to;
an existing file keeps its mode, a new one gets what `open()` would give under the umask.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..problems import OutputError, UsageError
from ..safety import interrupt

BAD_PATH = (errno.EISDIR, errno.ENOTDIR, errno.ENOENT, errno.EACCES, errno.EPERM, errno.EROFS, errno.EEXIST,
            errno.ENAMETOOLONG, errno.ELOOP)  # the user's path is wrong: exit 2; anything else (a full disk) is 3


def write_atomic(path: Path, text: str) -> None:
    """Write one file through a temporary file so a failure never leaves half a file."""
    write_all({path: text})


def write_all(files: Mapping[Path, str], appends: Mapping[Path, str] | None = None) -> None:
    """Write `files`, and add `appends` to the end of theirs (a CI job summary), all or nothing.

    A path that exists and is not a regular file (/dev/null, /dev/stdout, a pipe) is written
    to directly, after every other file was staged: renaming over it would replace the device.
    """
    jobs = [_Job(path, text, False) for path, text in files.items()]
    jobs += [_Job(path, text, True) for path, text in (appends or {}).items()]
    staged: list[tuple[str, _Job]] = []
    made: list[Path] = []
    current = jobs[0] if jobs else None
    try:
        interrupt.check()
        for current in [job for job in jobs if not job.special]:
            staged.append((_stage(current, made), current))
        interrupt.check()
        for current in [job for job in jobs if job.special]:
            current.write_through()
        with interrupt.deferred():
            for temp, current in staged:
                os.replace(temp, current.real)
            staged.clear()
    except BaseException as exc:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        for folder in reversed(made):
            _rmdir(folder)
        if isinstance(exc, OSError) and current is not None:
            raise _failure(exc, current.path) from None
        raise


def write_stdout(text: str) -> None:
    """The report on stdout; a stdout that cannot take it (a full disk, a closed pipe) is one clear error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        _close_stdout()
        raise OutputError(f"cannot write the report to stdout: {exc.strerror or exc}", 3) from None


def _close_stdout() -> None:
    """Point stdout at /dev/null so that Python's own flush at exit does not fail a second time."""
    try:
        target = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, target)
    os.close(devnull)


def check_destinations(paths: Iterable[Path]) -> None:
    """Refuse, before anything runs, an output that is a folder or sits under a file."""
    for path in paths:
        real = Path(os.path.realpath(path))
        if real.is_dir():
            raise OutputError(f"cannot write {shown(path)}: it is a folder; name a file")
        for parent in real.parents:
            if parent.exists():
                if not parent.is_dir():
                    raise OutputError(f"cannot write {shown(path)}: {shown(parent)} is a file, "
                                      "not a folder")
                break


def shown(path: Path) -> str:
    """A path as the user wrote it, relative to the working directory when inside it; links are not followed."""
    absolute, cwd = os.path.abspath(path), os.getcwd()
    inside = absolute.startswith(cwd.rstrip(os.sep) + os.sep)
    return Path(os.path.relpath(absolute, cwd) if inside else os.path.normpath(path)).as_posix()


def identity(path: Path) -> tuple:
    """What names one file, whatever the links on the way: its device and inode if it exists, else its real path."""
    try:
        info = os.stat(path)
        return ("inode", info.st_dev, info.st_ino)
    except OSError:
        return ("path", os.path.realpath(path))


def refuse_inputs(outputs: Iterable[tuple[str, Path]], inputs: Iterable[tuple[str, Path]]) -> None:
    """UsageError when an output (named as given) resolves to a file the run reads: it would be overwritten."""
    read: dict[tuple, tuple[str, Path]] = {}
    for what, path in inputs:
        read.setdefault(identity(path), (what, path))
        read.setdefault(("path", os.path.realpath(path)), (what, path))
    for option, path in outputs:
        found = read.get(identity(path)) or read.get(("path", os.path.realpath(path)))
        if found:
            what, source = found
            raise UsageError(f"{option} {shown(path)} would overwrite the {what} {shown(source)}; "
                             "write it somewhere else")


@dataclass
class _Job:
    path: Path
    text: str
    append: bool

    def __post_init__(self) -> None:
        self.real = Path(os.path.realpath(self.path))  # through symlinks: the link stays, its target changes
        try:
            self.info: os.stat_result | None = os.stat(self.real)
        except OSError:
            self.info = None
        self.special = self.info is not None and not stat.S_ISREG(self.info.st_mode) \
            and not stat.S_ISDIR(self.info.st_mode)

    def content(self) -> bytes:
        data = self.text.encode("utf-8")
        if not self.append or self.info is None:
            return data
        before = self.real.read_bytes()
        return before + (b"\n" if before else b"") + data

    def mode(self) -> int:
        if self.info is not None:
            return stat.S_IMODE(self.info.st_mode)
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask

    def write_through(self) -> None:
        with open(self.real, "ab" if self.append else "wb") as out:
            out.write(self.text.encode("utf-8"))


def _stage(job: _Job, made: list[Path]) -> str:
    """The job's bytes in a temporary file beside its target, with the target's mode."""
    _make_parents(job.real.parent, made)
    data = job.content()
    handle, temp = tempfile.mkstemp(dir=job.real.parent, prefix=f".{job.real.name}.", suffix=".tmp")
    try:
        if hasattr(os, "fchmod"):  # not on Windows, where a new file's mode is not the umask's anyway
            os.fchmod(handle, job.mode())
        with os.fdopen(handle, "wb") as out:
            out.write(data)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return temp


def _make_parents(folder: Path, made: list[Path]) -> None:
    """Create missing folders, remembering them so that a failed write can take them away again."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        made.append(path)


def _rmdir(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def _failure(exc: OSError, path: Path) -> OutputError:
    """One line naming the file that could not be written, and why."""
    code = 2 if exc.errno in BAD_PATH else 3
    return OutputError(f"cannot write {shown(path)}: {exc.strerror or exc}; no file was replaced", code)
