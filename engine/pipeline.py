"""The check pipeline: load → validate → compile → run → flags, timed per stage."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from . import logger
from .compile.compiler import compile_rules
from .compile.encode import MAX_GROUP, encode, limit_joins
from .load import gcpause
from .load.confine import UNCONFINED, Confinement
from .load.packs import apply_overrides
from .load.rules import load_rules
from .load.shards import load_facts_in_shards
from .model import CheckResult, FactSet, RuleInfo
from .problems import InputError, attempt
from .rulemodel import Rule
from .run.flags import build_flags, order
from .run.runner import DEFAULT_TIMEOUT, run_parts
from .safety import deadline


@dataclass
class Stages:
    """Seconds spent per stage, for `--stats` and the benchmarks."""

    seconds: dict[str, float] = field(default_factory=dict)
    running: str = ""  # the stage under way, named when --timeout stops it
    listeners: list[Callable[..., None]] = field(default_factory=list)  # e.g. the CLI's progress bar

    def tell(self, event: str, **info: object) -> None:
        """Let listeners know: `stage` (name), `engine` (facts, parts), `part` (done, total)."""
        for listener in self.listeners:
            listener(event, **info)

    @contextmanager
    def time(self, name: str) -> Iterator[None]:
        start, outer, self.running = time.perf_counter(), self.running, name
        self.tell("stage", name=name)
        try:
            yield
        finally:
            self.running = outer
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start
            logger.debug("stage {} took {:.3f} s", name, self.seconds[name])

    def line(self) -> str:
        """The `--stats` line: `facts=0.012s rules=0.003s …`."""
        return " ".join(f"{name}={seconds:.3f}s" for name, seconds in self.seconds.items())

    def share(self, seconds: float, **work: float) -> None:
        """Wall time of stages that ran interleaved in worker processes, shared by their own times."""
        total = sum(work.values()) or 1.0
        for name, own in work.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + seconds * own / total


@dataclass(frozen=True)
class Selection:
    """Which rules run: packs to extend, rules switched off, severities changed (from the config)."""

    extends: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    where: tuple[str, int, int] = ("claimrules.yaml", 1, 1)  # where the overrides were written


def load_selected(rule_paths: Iterable[Path], selection: Selection | None = None,
                  confine: Confinement = UNCONFINED) -> list[Rule]:
    """The rules to run, after packs and overrides; InputError on any problem."""
    selection = selection or Selection()
    rules = load_rules(rule_paths, selection.extends, confine)
    rules, problems = apply_overrides(rules, selection.disable, selection.severity, selection.where)
    if problems:
        raise InputError(problems)
    return rules


def check(fact_paths: Iterable[Path], rule_paths: Iterable[Path], *, timeout: float = DEFAULT_TIMEOUT,
          total: float | None = None, stages: Stages | None = None, selection: Selection | None = None,
          explain: bool = False, max_group: int = MAX_GROUP, jobs: int = 1, confine: Confinement = UNCONFINED,
          before_run: Callable[[list[Rule], FactSet], None] | None = None) -> CheckResult:
    """Raises InputError for bad rules or facts, EngineFailure when the engine fails or times out.

    `timeout` bounds each engine part; `total`, when given, the whole check, loading included.

    `before_run` sees what was loaded before the engine starts, and may refuse it by raising.
    """
    stages = stages or Stages()
    with gcpause.paused(), deadline.limit(total, lambda: stages.running):
        return _check(fact_paths, rule_paths, timeout=timeout, stages=stages, selection=selection,
                      explain=explain, max_group=max_group, jobs=jobs, confine=confine, before_run=before_run)


def _check(fact_paths: Iterable[Path], rule_paths: Iterable[Path], *, timeout: float, stages: Stages,
           selection: Selection | None, explain: bool, max_group: int, jobs: int, confine: Confinement,
           before_run: Callable[[list[Rule], FactSet], None] | None) -> CheckResult:
    with stages.time("rules"):
        rules, rule_problems = attempt(lambda: load_selected(rule_paths, selection, confine))
    with stages.time("facts"):
        facts, fact_problems = attempt(lambda: load_facts_in_shards(fact_paths, jobs, confine))
    if rule_problems or fact_problems:  # report bad rules and bad facts in one run
        raise InputError(rule_problems + fact_problems)
    assert rules is not None and facts is not None
    if before_run:
        before_run(rules, facts)
    return run_rules(rules, facts, timeout=timeout, stages=stages, explain=explain, max_group=max_group, jobs=jobs)


def run_rules(rules: list[Rule], facts: FactSet, *, timeout: float = DEFAULT_TIMEOUT, stages: Stages | None = None,
              explain: bool = False, max_group: int = MAX_GROUP, jobs: int = 1) -> CheckResult:
    """Compile, run the engine (in `jobs` processes), and build the result from loaded rules and facts."""
    stages = stages or Stages()
    with stages.time("compile"):
        program = compile_rules(rules)
        records = encode(facts.facts, program)
        notes = limit_joins(records, program, max_group)
    facts.by_id()  # built here, once, and inherited by every engine process (see FactSet.by_id)
    start = time.perf_counter()
    stages.tell("engine", facts=len(records))
    parts = run_parts(program, records, timeout, jobs, lambda matches: build_flags(program, matches, facts,
                                                                                   explain=explain),
                      progress=lambda done, total: stages.tell("part", done=done, total=total))
    stages.share(time.perf_counter() - start, engine=sum(p.engine_seconds for p in parts),
                 flags=sum(p.finish_seconds for p in parts))
    with stages.time("flags"):
        flags = sorted((flag for part in parts for flag in part.value), key=order)
    infos = tuple(sorted(RuleInfo(r.id, r.family, r.severity, r.description.strip(), r.help.strip(), r.path, r.line)
                         for r in rules if r.derive is None))
    texts = MappingProxyType({path: doc.text for path, doc in sorted(facts.documents.items())})
    return CheckResult(tuple(flags), tuple(sorted(facts.documents)), len(facts.facts), len(rules), infos, texts,
                       notes=tuple(notes))
