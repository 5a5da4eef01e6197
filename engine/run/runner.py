"""Run a compiled program over facts in an isolated child process with a time limit.

The engine is C code with known memory bugs: if it crashes or hangs, the child dies
alone and the CLI reports an engine failure instead of crashing or losing its report.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import multiprocessing.connection
import os
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import logger
from ..compile.compiler import AS_WRITTEN, SLOTS, EngineRule, Program, engine_key
from ..compile.encode import TIME_KEYS, decide, header, shadow_plan, shadows
from ..problems import EngineFailure
from ..safety import interrupt
from ..safety.interrupt import child_signals
from .partition import partition

DEFAULT_TIMEOUT = 120.0


@dataclass(frozen=True)
class Derived:
    id: str
    name: str
    values: dict[str, Any]
    sources: tuple[str, ...]  # fact or derived ids it was made from
    times: dict[str, int] = field(default_factory=dict)  # the period keys it took from its first fact


@dataclass
class Matches:
    """What the engine found: per engine rule, the fact ids bound to each alias."""

    bindings: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    derived: dict[str, Derived] = field(default_factory=dict)
    activations: int = 0


CHUNK = 10_000  # facts per engine process; see `run_parts`
MIN_SPLIT = 2_000  # fewer facts run in one process: starting a second costs more than it saves
POLL = 0.1  # seconds between looks for a signal that came while waiting


@dataclass
class Done:
    """What one engine process returns: its matches, or what `finish` made of them, and its own timings."""

    value: Any
    engine_seconds: float = 0.0
    finish_seconds: float = 0.0


def run(program: Program, records: list[dict], timeout: float = DEFAULT_TIMEOUT, jobs: int = 1) -> Matches:
    """Matches of every engine rule; EngineFailure when the engine crashes, hangs or errs."""
    return _merge([done.value for done in run_parts(program, records, timeout, jobs)])


def run_parts(program: Program, records: list[dict], timeout: float = DEFAULT_TIMEOUT, jobs: int = 1,
              finish: Callable[[Matches], Any] | None = None,
              progress: Callable[[int, int], None] | None = None) -> list[Done]:
    """Run the engine over parts of the facts in fresh processes, at most `jobs` at a time.

    `timeout` bounds each part's process from its start, so a big run is not stopped merely for
    being big (a whole-run limit is `check(total=...)`). Parts hold about CHUNK facts and are
    split where no join crosses, so each part's matches are complete; `finish` turns them into
    results (flags) in the same process, in parallel.
    A fresh process per part because the engine never frees what it stores (about 8 KB a fact,
    even after its ruleset is deleted) and asserts more slowly as its process grows: 100k facts
    took 8.3 s in one process and 4.0 s in ten, one after the other. `progress(done, total)` follows the parts.
    """
    from . import driver  # noqa: F401  loaded once here and inherited by every engine process, not once in each
    wanted = 1 if len(records) < MIN_SPLIT else max(jobs, -(-len(records) // CHUNK))
    parts = partition(records, program, wanted)
    logger.debug("engine: {} part(s), {} at a time, for {} facts", len(parts), jobs, len(records))
    found: list[Done] = []
    waiting = list(reversed(parts))
    running: list[_Worker] = []
    try:
        while waiting or running:
            while waiting and len(running) < max(1, jobs):
                running.append(_Worker(program, waiting.pop(), finish, timeout))
            soonest = min(w.deadline for w in running)
            done = multiprocessing.connection.wait([w.receiver for w in running],
                                                   min(POLL, max(0.0, soonest - time.monotonic())))
            interrupt.check()
            now = time.monotonic()
            ready = [w for w in running if w.receiver in done] or [w for w in running if w.deadline <= now]
            for worker in ready:  # not ready: past its own deadline, so `result` raises
                found.append(worker.result())
                worker.stop()
                running.remove(worker)
                if progress:
                    progress(len(found), len(parts))
    finally:
        for worker in running:
            worker.stop()
    return found


class _Worker:
    """One engine process over one part of the facts."""

    def __init__(self, program: Program, records: list[dict], finish: Callable[[Matches], Any] | None,
                 timeout: float):
        self.timeout, self.deadline = timeout, time.monotonic() + timeout  # each part has the whole timeout
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        self.receiver, sender = context.Pipe(duplex=False)
        self.child = context.Process(target=_child, args=(sender, program, records, finish), daemon=True)
        self.child.start()
        sender.close()

    def result(self) -> Done:
        try:
            if not self.receiver.poll(max(0.0, self.deadline - time.monotonic())):
                raise EngineFailure(f"the rules engine did not finish within {self.timeout:g} s and was stopped")
            status, payload = self.receiver.recv()
        except EOFError:
            self.child.join(5)
            raise EngineFailure(f"the rules engine crashed ({_describe_exit(self.child.exitcode)})") from None
        if status != "ok":
            raise EngineFailure(payload)
        return payload

    def stop(self) -> None:
        if self.child.is_alive():
            self.child.kill()
        self.child.join(5)
        self.receiver.close()


def _merge(found: list[Matches]) -> Matches:
    if len(found) == 1:
        return found[0]
    merged = Matches()
    for matches in found:
        for name, bindings in matches.bindings.items():
            merged.bindings.setdefault(name, []).extend(bindings)
        merged.derived.update(matches.derived)
        merged.activations += matches.activations
    return merged


def _describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def _child(sender, program: Program, records: list[dict], finish: Callable[[Matches], Any] | None) -> None:
    faulthandler.disable()  # a C crash is reported by the parent, not as a Python dump
    child_signals()  # an interrupted parent kills its engine processes itself
    try:
        start = time.perf_counter()
        matches = execute(program, records)
        middle = time.perf_counter()
        value = finish(matches) if finish else matches
        sender.send(("ok", Done(value, middle - start, time.perf_counter() - middle)))
    except EngineFailure as exc:
        sender.send(("error", str(exc)))
    except Exception:  # an unexpected bug must still reach the parent as a message
        sender.send(("error", "internal error in the engine process:\n" + traceback.format_exc()))
    finally:
        sender.close()
        os._exit(0)  # skip interpreter teardown: the engine's memory is not ours to free


def execute(program: Program, records: list[dict]) -> Matches:
    """In-process run: one fresh session per ruleset, every activation drained."""
    from .driver import EngineIds, Session  # not at the top: compiling and linting never load the C module

    matches = Matches()
    ids = EngineIds()
    for number, ruleset in enumerate(program.rulesets):
        session = Session(ruleset, ids, name=f"claimrules{number}")
        deriving = _Deriving(program, matches, records)
        try:
            session.assert_facts(records)
            session.drain(deriving.on_match, deriving.settle)
        finally:
            session.close()
    logger.debug("engine: {} activations over {} rulesets", matches.activations, len(program.rulesets))
    return matches


class _Deriving:
    """Records activations, and derives facts in rounds as the reference semantics do.

    Each round first collects every binding the engine offers, then asserts one fact per derived
    id, taken from the binding that reads in document order (a pair matched both ways round
    derives from a=first, b=second), whichever order the engine happened to fire them in.
    """

    def __init__(self, program: Program, matches: Matches, records: list[dict]):
        self.program, self.matches = program, matches
        # fact → the document facts it comes from
        self.origins: dict[str, tuple[int, ...]] = {record["_id"]: (i,) for i, record in enumerate(records)}
        self.rank_of_rule = {rule: i for i, rule in enumerate(program.rules)}
        self.pending: dict[str, tuple[tuple, Derived]] = {}
        self.copies = shadow_plan(program)

    def on_match(self, name: str, match: dict) -> list[dict]:
        meta = self.program.engine_rules[name]
        facts = [match[slot] for slot in SLOTS[:len(meta.aliases)]]
        ids = tuple(f["_id"] for f in facts)
        self.matches.activations += 1
        if not self.program.admits(name, facts):  # a test decided in Python (`shares`) failed
            return []
        self.matches.bindings.setdefault(name, []).append(ids)
        if meta.role == "derive":
            self._offer(meta, facts, ids)
        return []

    def _offer(self, meta: EngineRule, facts: list[dict], ids: tuple[str, ...]) -> None:
        spec = self.program.derives[meta.rule]
        derived_id = f"{spec.name}({'+'.join(sorted(set(ids)))})"
        if derived_id in self.matches.derived:
            return
        rank = (tuple(o for i in ids for o in self.origins[i]), self.rank_of_rule[meta.rule])
        if derived_id in self.pending and self.pending[derived_id][0] <= rank:
            return
        by_alias = dict(zip(meta.aliases, facts))
        values = {}
        for name, value in spec.fields:
            if hasattr(value, "alias"):
                bound, key = by_alias[value.alias], engine_key(value.field)
                value = bound.get(AS_WRITTEN + key, bound.get(key))  # a date as written, not its day number
            values[name] = value
        times = {k: facts[0][k] for k in TIME_KEYS if k in facts[0]}
        self.pending[derived_id] = (rank, Derived(derived_id, spec.name, values, ids, times))

    def settle(self) -> list[dict]:
        """The facts derived in the round that just ended, as engine records."""
        records = []
        for derived_id in sorted(self.pending):
            _, derived = self.pending[derived_id]
            self.matches.derived[derived_id] = derived
            self.origins[derived_id] = tuple(sorted({o for i in derived.sources for o in self.origins[i]}))
            record = {**header(f"d:{derived.name}", derived_id), **derived.times,
                      **{k: True for k, _ in self.program.joins}}
            record.update({k: v for k, v in derived.values.items() if v is not None})
            records.append(decide(self.program, shadows(self.program, record, self.copies)))
        self.pending.clear()
        return records
