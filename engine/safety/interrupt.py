"""SIGINT and SIGTERM: end the engine and loader processes, write nothing, exit 130 / 143.

The CLI turns both signals into `Interrupted`, which unwinds like any error (temporary
files removed, worker processes stopped): at once when the signal lands in our code, else
at the next `check()` (waits poll for it). Child processes ignore SIGINT (a Ctrl-C reaches
the whole process group; the parent alone decides) and die at once on SIGTERM.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """A signal asked the run to stop. Not an Exception: no `except Exception` may swallow it."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


_pending: list[int] = []  # signals received and not raised yet
OURS = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _on_signal(signum: int, frame) -> None:
    """Raise at once in our own code; elsewhere (a library's lock, a finalizer, a fork hook, where an
    exception is swallowed or leaves a lock held) only note it, for the next `check()`."""
    _pending.append(signum)
    if frame is not None and frame.f_code.co_filename.startswith(OURS):
        raise Interrupted(signum)


def check() -> None:
    """Raise Interrupted if a signal came while it could not be raised where it landed."""
    if _pending:
        raise Interrupted(_pending[0])


@contextmanager
def handled() -> Iterator[None]:
    """Raise Interrupted on SIGINT and SIGTERM while the block runs (main thread only; ignored signals stay so)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {s: signal.getsignal(s) for s in SIGNALS}
    _pending.clear()
    for number, handler in before.items():
        if handler is not signal.SIG_IGN:
            signal.signal(number, _on_signal)
    try:
        yield
    finally:
        _pending.clear()  # a signal not raised by now belongs to no later run in this process
        for number, handler in before.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back for a few steps that must happen together (renaming outputs into place)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
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
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def stop_children() -> None:
    """Kill every worker process this one started that is still running, and reap it."""
    for child in multiprocessing.active_children():
        child.kill()
    for child in multiprocessing.active_children():
        child.join(5)
