"""A progress bar on stderr for long checks: the stage under way, engine parts done, facts per second.

Listens to the pipeline's `Stages` (stage started, engine started, part done); drawn by tqdm, only
when stderr is a terminal and neither -q nor -v is given, so logs, CI and pipes never get carriage returns.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any


class Progress:
    """A `Stages` listener; `close()` wipes the bar so the report and notes start on a clean line."""

    def __init__(self, stream: IO[str]) -> None:
        from tqdm import tqdm  # only for a terminal: the import is not free

        self.bar: Any = tqdm(file=stream, total=None, leave=False, ncols=_width(stream), nrows=24, mininterval=0.2,
                             bar_format="claimrules: {bar:10} {desc}")
        self.facts, self.started, self.parts = 0, time.perf_counter(), ""

    def __call__(self, event: str, **info: Any) -> None:
        if event == "stage":
            self.bar.set_description_str(f"{info['name']}…" + self.parts, refresh=True)
        elif event == "engine":
            self.facts, self.started = int(info["facts"]), time.perf_counter()
            self.bar.set_description_str(f"engine 0/? parts, {self.facts:,} facts", refresh=True)
        elif event == "part":
            done, total = int(info["done"]), int(info["total"])
            rate = self.facts * done / total / max(time.perf_counter() - self.started, 1e-6)
            self.bar.total, self.bar.n = total, done
            self.parts = f" {done}/{total} parts, {self.facts:,} facts, {rate:,.0f} facts/s"
            self.bar.set_description_str("engine" + self.parts, refresh=True)

    def close(self) -> None:
        self.bar.close()


def _width(stream: IO[str]) -> int:
    """The terminal's width; a terminal that reports none (a bare pty: tqdm would then draw nothing) gets 80."""
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError, AttributeError):
        return 80


@contextmanager
def shown(stages: Any, stream: IO[str], args: Any) -> Iterator[None]:
    """A bar listening to `stages` while the block runs, when `stream` is a terminal, without -q or -v.

    With -v the log lines go to stderr too, and would cut through the bar.
    """
    if getattr(args, "quiet", False) or getattr(args, "verbose", 0) or not stream.isatty():
        yield
        return
    progress = Progress(stream)
    stages.listeners.append(progress)
    try:
        yield
    finally:
        stages.listeners.remove(progress)
        progress.close()
