"""SIGINT and SIGTERM: end the engine and loader processes, write nothing, exit 130 / 143.

The CLI turns both signals into `Interrupted`, which unwinds like any error (temporary
files removed, worker processes stopped). Child processes ignore SIGINT (a Ctrl-C reaches
the whole process group; the parent alone decides) and die at once on SIGTERM.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from contextlib import contextmanager
from typing import Iterator

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """A signal asked the run to stop. Not an Exception: no `except Exception` may swallow it."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _raise(signum: int, frame) -> None:
    raise Interrupted(signum)


@contextmanager
def handled() -> Iterator[None]:
    """Raise Interrupted on SIGINT and SIGTERM while the block runs (main thread only; an ignored signal stays ignored)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {s: signal.getsignal(s) for s in SIGNALS}
    for number, handler in before.items():
        if handler is not signal.SIG_IGN:
            signal.signal(number, _raise)
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back for a few steps that must happen together (renaming outputs into place)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def child_signals() -> None:
    """In a worker process: leave SIGINT to the parent, die on SIGTERM without running Python code."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def stop_children() -> None:
    """Kill every worker process this one started that is still running, and reap it."""
    for child in multiprocessing.active_children():
        child.kill()
    for child in multiprocessing.active_children():
        child.join(5)
