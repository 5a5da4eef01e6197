"""One measurement in a fresh process, so peak RSS is its own: JSON on stdout.

    python bench/measure.py DIR [--jobs N] [--bare] [--pss]   # check() on DIR; --bare adds the bare driver
    python bench/measure.py DIR --profile [--jobs N]  # cProfile of check() and of the engine in-process
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import json
import os
import pstats
import resource
import sys
import threading
import time
from pathlib import Path

from loguru import logger

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RULES = ROOT / "rules"

from engine.compile.compiler import Program, compile_rules  # noqa: E402
from engine.compile.encode import MAX_GROUP, encode, limit_joins  # noqa: E402
from engine.load.factfiles import load_facts  # noqa: E402
from engine.load.rules import load_rules  # noqa: E402
from engine.pipeline import Stages, check  # noqa: E402  (after the path is set)


def prepared(fact_dir: Path) -> tuple[Program, list[dict]]:
    """The compiled program and the records the engine stage gets, join cap applied."""
    program = compile_rules(load_rules([RULES]))
    records = encode(load_facts([fact_dir]).facts, program)
    limit_joins(records, program, MAX_GROUP)
    return program, records


def cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def bare_driver(program: Program, records: list[dict]) -> tuple[float, float, int]:
    """engine.run.driver.Session used directly, in this process: create, assert, drain, close."""
    from engine.run.driver import EngineIds, Session  # loads the C module before the clock starts
    activations, ids, start, cpu_start = 0, EngineIds(), time.perf_counter(), cpu(resource.RUSAGE_SELF)
    for number, ruleset in enumerate(program.rulesets):
        session = Session(ruleset, ids, name=f"bare{number}")
        session.assert_facts(records)

        def count(rule: str, match: dict) -> list:
            nonlocal activations
            activations += 1
            return []
        session.drain(count)
        session.close()
    return time.perf_counter() - start, cpu(resource.RUSAGE_SELF) - cpu_start, activations


class PeakMemory(threading.Thread):
    """Sampled peak of the summed PSS of this process and its children: the memory in use at once.

    Peak RSS counts twice the pages a forked engine child still shares with its parent; PSS splits them.
    """

    def __init__(self, every: float = 0.02):
        super().__init__(daemon=True)
        self.every, self.peak, self.done = every, 0.0, threading.Event()

    def run(self) -> None:
        wait = self.every
        while not self.done.wait(wait):
            start = time.perf_counter()
            self.sample()
            wait = max(self.every, 4 * (time.perf_counter() - start))  # sampling a big process costs more

    def sample(self) -> None:
        me = os.getpid()
        pids = [me] + [p.name for p in Path("/proc").iterdir() if p.name.isdigit() and _ppid(p) == me]
        self.peak = max(self.peak, sum(_pss_mib(pid) for pid in pids))

    def stop(self) -> float:
        self.done.set()
        self.join()
        self.sample()
        return self.peak


def _ppid(proc: Path) -> int | None:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _pss_mib(pid) -> float:
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:  # the child ended between listing and reading
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in lines if line.startswith("Pss:")), 0.0)


def measure(fact_dir: Path, jobs: int, bare: bool, pss: bool) -> dict:
    """One check; with `pss`, its memory sampled too (the sampler thread holds the GIL: time such runs apart)."""
    import engine.run.driver  # noqa: F401  the C module loads once per process, before the clock, as for the bare driver
    load = os.getloadavg()[0]  # other work on the machine, which the timings suffer from
    stages, memory = Stages(), PeakMemory() if pss else None
    if memory:
        memory.start()
    start = time.perf_counter()
    result = check([fact_dir], [RULES], timeout=3600, stages=stages, jobs=jobs)
    wall = time.perf_counter() - start
    pss = memory.stop() if memory else None
    rss, child_rss = (resource.getrusage(who).ru_maxrss / 1024
                      for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    out = {"wall": wall, "stages": stages.seconds, "facts": result.fact_count, "flags": len(result.flags),
           "by_rule": collections.Counter(f.rule for f in result.flags), "notes": list(result.notes),
           "rss": rss, "child_rss": child_rss, "pss": pss, "load": load,
           "engine_cpu": cpu(resource.RUSAGE_CHILDREN)}  # CPU seconds of the engine processes, all of them
    if bare:
        del result
        out["bare"], out["bare_cpu"], out["activations"] = bare_driver(*prepared(fact_dir))
    return out


def profile(fact_dir: Path, jobs: int, top: int = 22) -> str:
    """Top cumulative lines of check() (the parent's stages), then of the engine run in-process."""
    from engine.run.runner import execute
    report, engine_input = io.StringIO(), prepared(fact_dir)
    for title, call in (("check()", lambda: check([fact_dir], [RULES], timeout=3600, jobs=jobs)),
                        ("engine stage in-process (runner.execute)", lambda: execute(*engine_input))):
        profiler = cProfile.Profile()
        profiler.runcall(call)
        report.write(f"--- {title} ---\n")
        pstats.Stats(profiler, stream=report).sort_stats("cumulative").print_stats(top)
    return report.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("facts", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--bare", action="store_true")
    parser.add_argument("--pss", action="store_true", help="also sample PSS (slows the run: time runs without it)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    logger.remove()
    if args.profile:
        print(profile(args.facts, args.jobs))
    else:
        print(json.dumps(measure(args.facts, args.jobs, args.bare, args.pss)))


if __name__ == "__main__":
    main()
