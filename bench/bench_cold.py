"""Cold start: CPU seconds of `claimrules check` on the seed, as a ratio to `python -c "import durable.lang"`.

    python bench/bench_cold.py [--runs N]

Both commands run alternately in fresh processes on the same machine, so load hits both alike;
CPU time (user + system, children included: the engine process) is read from getrusage. Bytecode
is written and warmed first, as an installed package has it (pip compiles at install), even when
the environment sets PYTHONDONTWRITEBYTECODE. Issue 14's bar: the seed check ≤ 0.15 CPU-s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu(argv: list[str], env: dict[str, str]) -> float:
    """CPU seconds of one run of `argv` and every process it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "GITHUB_ACTIONS")}
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "claimrules check (seed)": [sys.executable, "-m", "engine", "check", "--format", "json",
                                        "-o", f"{tmp}/report.json"],
            "import durable.lang": [sys.executable, "-c", "import durable.lang"],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        for argv in commands.values():  # warm: bytecode written, files in the page cache
            cpu(argv, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, argv in commands.items():
                times[name].append(cpu(argv, env))
    check, durable = (statistics.median(times[k]) for k in list(commands)[:2])
    print(f"{args.runs} runs each, alternating; CPU seconds (user + system, children included)")
    for name, got in times.items():
        print(f"  {name:<26} median {statistics.median(got):.3f}  best {min(got):.3f}")
    print(f"seed check / import durable.lang: {check / durable:.2f}× (medians); "
          f"bar ≤ 0.15 CPU-s: {'met' if check <= 0.15 else 'NOT met'} ({check:.3f})")


if __name__ == "__main__":
    main()
