"""SIGINT and SIGTERM in the middle of a big check: workers stopped, nothing written, exit 130 / 143."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FACTS = 20_000  # enough for several seconds of loading and engine work in worker processes
sys.path.insert(0, str(ROOT / "bench"))

pytestmark = pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
                                reason="finds worker processes in /proc/PID/task/PID/children (Linux)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    from corpus import generate

    folder = tmp_path_factory.mktemp("signals")
    generate(FACTS, folder)
    return folder


def _children(pid: int) -> set[int]:
    try:
        return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie may wait for a reaper that a container lacks)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a background shell may have left SIGINT ignored


# (signal, exit code, worker processes seen before it is sent): 2 are the facts loaders, more the engine's
CASES = [(signal.SIGTERM, 143, 1), (signal.SIGINT, 130, 1), (signal.SIGTERM, 143, 3), (signal.SIGINT, 130, 3)]


@pytest.mark.parametrize("signum,code,workers", CASES, ids=["term-loading", "int-loading", "term-engine", "int-engine"])
def test_a_signal_stops_every_process_and_writes_nothing(corpus, signum, code, workers):
    argv = [sys.executable, "-m", "engine", "check", "jsonl", "--rules", str(ROOT / "rules"), "--format", "json",
            "--jobs", "2", "-o", "sarif=out/claimrules.sarif", "-o", "json=out/claimrules.json"]
    proc = subprocess.Popen(argv, cwd=corpus, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint, env={**os.environ, "PYTHONPATH": str(ROOT)})
    seen: set[int] = set()
    start = time.monotonic()
    while proc.poll() is None and time.monotonic() - start < 120:
        seen |= _children(proc.pid)
        if len(seen) >= workers and time.monotonic() - start > 1:
            break
        time.sleep(0.02)
    assert proc.poll() is None and len(seen) >= workers, "the check ended before it could be interrupted"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (code, "claimrules: interrupted\n")
    assert not [pid for pid in seen if _running(pid)]
    assert not (corpus / "out").exists()


def test_the_handlers_are_restored_and_an_ignored_signal_stays_ignored():
    from engine.safety import interrupt

    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    term = signal.getsignal(signal.SIGTERM)
    try:
        with interrupt.handled():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # `cmd &` in a script: Ctrl-C is not ours
            assert signal.getsignal(signal.SIGTERM) is not term
        assert signal.getsignal(signal.SIGTERM) is term
    finally:
        signal.signal(signal.SIGINT, before)


def test_a_signal_in_library_code_waits_for_the_next_check():
    """Raised at once only in our own frames: in a library (a lock, a fork hook) it would be swallowed."""
    from engine.safety import interrupt

    with interrupt.handled():
        interrupt._on_signal(signal.SIGTERM, sys._getframe().f_back)  # pytest's frame: not ours
        with pytest.raises(interrupt.Interrupted) as raised:
            interrupt.check()
    assert raised.value.exit_code == 143
    interrupt.check()  # forgotten once the run is over
