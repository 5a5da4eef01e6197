"""One wall-clock limit for a whole check, loading included, when asked: `--timeout-total`.

`--timeout` bounds each engine part (see `run.runner.run_parts`), so a check of a million facts
is not stopped merely for being big. A whole-run limit is for a CI job that must end by a
time: a SIGALRM timer interrupts whatever Python is doing in the main thread, so every stage
(rules, facts, compile, engine, flags) ends at the same deadline with one clear message.
"""

from __future__ import annotations

import math
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..problems import EngineFailure

MAX_SECONDS = 86_400.0  # a day: more is a typo, and the timer (and `poll`) would overflow on 1e300
# What was running, in the words of the message; in the engine, its own failure and wording.
DOING = {"rules": "loading the rules", "facts": "loading the facts", "compile": "compiling the rules",
         "flags": "building the flags"}


def problem(seconds: float) -> str | None:
    """Why `seconds` cannot be a timeout (not finite, not positive, past a day), or None."""
    if not math.isfinite(seconds) or seconds <= 0 or seconds > MAX_SECONDS:
        return f"expected a number of seconds above 0 and at most {MAX_SECONDS:g}"
    return None


class TimedOut(EngineFailure):
    """The check ran past its --timeout-total (exit code 3)."""


@contextmanager
def limit(seconds: float | None, running: Callable[[], str]) -> Iterator[None]:
    """Raise TimedOut in the main thread after `seconds` (None: no limit); `running` names the stage.

    Without SIGALRM (Windows) or off the main thread, only the engine's own timeout applies.
    """
    if seconds is None or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        doing = DOING.get(running(), "running the rules engine")
        raise TimedOut(f"the check did not finish within --timeout-total {seconds:g} s; stopped while {doing}")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
