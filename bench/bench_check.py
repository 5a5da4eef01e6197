"""Benchmark claimrules against the issue's targets; prints one markdown report.

Usage (from anywhere; the CLI parts run from the repo root):
    python bench/bench_check.py [N ...] [--repeat 3] [--no-experta]   # default N: 1000 10000 100000
    python bench/measure.py DIR --profile                             # where a stage spends its time

Every measurement runs in a fresh subprocess (bench/measure.py), so its peak RSS is its own;
timings are medians of `--repeat` runs. Corpora are seeded (bench/corpus.py).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import generate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from engine.commands.check import auto_jobs  # noqa: E402  (after the path is set)

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
STAGES = ("rules", "facts", "compile", "engine", "flags")
FORMATS = ("yaml", "jsonl")
GB = 2048  # MiB
AUTO_JOBS = auto_jobs()  # what `claimrules check` uses when --jobs is not given
MEMORY = {"rss": "parent RSS MiB", "child_rss": "engine child RSS MiB", "pss": "parent + child PSS MiB"}


def run_json(args: list, timeout: float | None = None) -> dict:
    done = subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        raise RuntimeError(f"{' '.join(map(str, args))} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def measured(fact_dir: Path, repeat: int, jobs: int = 1, bare: bool = False) -> list[dict]:
    """`repeat` timed runs, and one more that samples PSS: sampling in-process slows what it watches."""
    flags = ["--jobs", jobs] + (["--bare"] if bare else [])
    runs = [run_json([BENCH / "measure.py", fact_dir, *flags]) for _ in range(repeat)]
    pss = run_json([BENCH / "measure.py", fact_dir, "--jobs", jobs, "--pss"])["pss"]
    return [{**run, "pss": pss} for run in runs]


def med(runs: list[dict], key: str) -> float:
    return statistics.median(run["stages"].get(key, 0.0) if key in STAGES else run[key] for run in runs)


def table(head: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(map(str, row)) + " |" for row in rows])


def sizes_section(runs: dict[tuple[int, str], list[dict]], jobs: str = "`--jobs 1`") -> str:
    rows = []
    for (n, fmt), got in runs.items():
        wall = med(got, "wall")
        rows.append([f"{n:,}", fmt, f"{wall:.2f}", f"{n / wall:,.0f}", *(f"{med(got, k):.3f}" for k in STAGES),
                     f"{got[0]['flags']:,}", *(f"{med(got, k):.0f}" for k in MEMORY), f"{med(got, 'load'):.1f}"])
    head = ["N", "format", "wall s", "facts/s", *(f"{k} s" for k in STAGES), "flags", *MEMORY.values(), "load"]
    return (f"## 1. Sizes and formats, {jobs} (`check()` in-process, median of runs)\n\nPeak RSS per process, and the "
            "peak of parent + engine child PSS, sampled every 20 ms or more in a separate, untimed run (RSS counts twice the pages the "
            "forked child shares with its parent; PSS splits them; a run of a few tenths of a second is "
            "sampled coarsely). `load`: the machine's 1-minute load average as a run began (2 cores; "
            "about 1 of it is this benchmark's previous run, the rest is other work, which slows the timings).\n\n" + table(head, rows))


def growth_section(runs: dict[tuple[int, str], list[dict]], sizes: list[int]) -> tuple[str, dict]:
    """Peak RSS growth between the two largest sizes: whole peaks, and the slope net of the fixed cost."""
    small, mid, big = sorted(sizes)[-3:]
    linear, rows, worst = big / mid, [], {}
    for fmt in FORMATS:
        for key, name in (("rss", "parent"), ("child_rss", "engine child")):
            at = {n: med(runs[(n, fmt)], key) for n in (small, mid, big)}
            slopes = [(at[b] - at[a]) / (b - a) * 1000 for a, b in ((small, mid), (mid, big))]
            worst[(fmt, name)] = (at[big] / at[mid] / linear, slopes[1] / slopes[0])
            rows.append([fmt, name, f"{at[mid]:.0f}", f"{at[big]:.0f}", f"{at[big] / at[mid]:.2f}×",
                         f"{at[big] / at[mid] / linear:.2f}", " → ".join(f"{x:.2f}" for x in slopes),
                         f"{slopes[1] / slopes[0]:.2f}"])
    head = ["format", "process", f"RSS {mid:,} MiB", f"RSS {big:,} MiB", "ratio", f"ratio / {linear:.0f}",
            f"MiB per 1k facts {small:,}→{mid:,} → {mid:,}→{big:,}", "slope ratio"]
    text = (f"### Memory growth {mid:,} → {big:,}\n\nTarget: no worse than linear plus 20 %, i.e. ≤ 1.20 in "
            f"`ratio / {linear:.0f}` (whole peaks, which include the interpreter's fixed cost) and, stricter, in "
            "`slope ratio` (the cost per extra fact at the larger sizes over that at the smaller ones).\n\n")
    return text + table(head, rows), worst


def bare_section(runs: dict[tuple[int, str], list[dict]], sizes: list[int]) -> tuple[str, dict]:
    rows, ratios = [], {}
    for n in sizes:
        got = runs[(n, "jsonl")]
        engine, bare = med(got, "engine"), med(got, "bare")
        ratios[n] = (engine / bare, med(got, "engine_cpu") / med(got, "bare_cpu"))
        rows.append([f"{n:,}", ", ".join(f"{r['stages']['engine']:.3f}" for r in got), f"{engine:.3f}",
                     ", ".join(f"{r['bare']:.3f}" for r in got), f"{bare:.3f}", f"{ratios[n][0]:.2f}",
                     f"{med(got, 'engine_cpu'):.3f}", f"{med(got, 'bare_cpu'):.3f}", f"{ratios[n][1]:.2f}",
                     f"{got[0]['activations']:,}"])
    head = ["N", "engine stage s (runs)", "median", "bare driver s (runs)", "median", "engine / bare",
            "engine child CPU s", "bare CPU s", "CPU ratio", "activations"]
    text = ("## 2. Engine stage vs a bare driver (jsonl facts)\n\nBare: `engine.run.driver.Session` in-process on the "
            "same compiled program and the same records, `limit_joins` applied, in one session. The engine stage "
            "adds a fresh child process per part of up to 10,000 facts and the results piped back; its "
            "share of that phase's wall time is apportioned from the children's own engine and flag times. "
            "Both load the C module before the clock. CPU seconds (user + system, "
            "medians) are less sensitive than wall time to other work on the machine.\n\n")
    return text + table(head, rows), ratios


def jobs_section(fact_dir: Path, repeat: int) -> tuple[str, dict]:
    runs: dict[int, list[dict]] = {1: [], 2: []}
    for _ in range(repeat):  # interleaved, so drift in machine load hits both alike
        for jobs in runs:
            runs[jobs] += measured(fact_dir, 1, jobs=jobs)
    rows = [[jobs, ", ".join(f"{r['wall']:.2f}" for r in got), f"{med(got, 'wall'):.2f}",
             ", ".join(f"{r['stages']['engine']:.2f}" for r in got), f"{med(got, 'engine'):.2f}",
             f"{med(got, 'engine_cpu'):.2f}", f"{med(got, 'child_rss'):.0f}", f"{med(got, 'load'):.1f}",
             f"{got[0]['flags']:,}"] for jobs, got in runs.items()]
    speed = {k: med(runs[1], k) / med(runs[2], k) for k in ("wall", "engine")}
    text = (f"## 3. `--jobs 1` vs `--jobs 2` ({runs[1][0]['facts']:,} facts, jsonl)\n\n"
            + table(["jobs", "wall s (runs)", "median", "engine s (runs)", "median", "engine CPU s (all children)",
                     "child RSS MiB", "load", "flags"], rows)
            + f"\n\nSpeed-up with 2 jobs: end to end {speed['wall']:.2f}×, engine stage {speed['engine']:.2f}×.")
    return text, speed


def cli(args: list, cwd: Path = ROOT) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "engine", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True)
    return time.perf_counter() - start, done


def hot_section(n: int, folder: Path) -> tuple[str, dict]:
    generate(n, folder, hot=True)
    got = measured(folder / "jsonl", 1)[0]
    with tempfile.TemporaryDirectory() as tmp:  # not -o /dev/null: write_atomic would replace it
        wall, done = cli(["check", folder / "jsonl", "--rules", ROOT / "rules", "--format", "json",
                          "-o", f"{tmp}/report.json", "--fail-on", "never", "--stats"])
    warnings = [line for line in done.stderr.splitlines() if line.startswith("claimrules: warning:")]
    stats = [line for line in done.stderr.splitlines() if "engine=" in line]
    text = (f"## 4. Hot subject: {n:,} facts, one subject and attribute, values varied (jsonl)\n\n"
            + table(["run", "wall s", *(f"{k} s" for k in STAGES), "flags", *MEMORY.values()],
                    [["`check()`", f"{got['wall']:.2f}", *(f"{got['stages'].get(k, 0):.3f}" for k in STAGES),
                      f"{got['flags']:,}", *(f"{got[k]:.0f}" for k in MEMORY)]])
            + f"\n\nCLI `claimrules check` (cold process, JSON report to a temp file): {wall:.2f} s wall, "
            f"exit {done.returncode}; `--stats`: `{stats[0] if stats else 'missing'}`\n\n"
            f"Warnings on stderr: {len(warnings)}" + "".join(f"\n> {w}" for w in warnings[:3]))
    return text, {"wall": wall, "check": got["wall"], "warned": bool(warnings) and bool(got["notes"])}


def cold_section(runs: int = 10) -> tuple[str, float]:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            wall, _ = cli(["check", "--format", "json", "-o", f"{tmp}/report.json"])
            times.append(wall)
    median = statistics.median(times)
    return (f"## 5. CLI cold start on the seed ({runs} runs)\n\n`python -m engine check --format json -o FILE` "
            f"from the repo root: best {min(times):.3f} s, median {median:.3f} s, worst {max(times):.3f} s\n"
            f"(runs: {', '.join(f'{t:.3f}' for t in times)})"), median


def experta_section(corpora: dict[int, Path], runs: dict[tuple[int, str], list[dict]]) -> str:
    text = ("## 6. experta (pure-Python Rete) on the same jsonl facts\n\nexperta: facts declared and run "
            "(loading and validation by claimrules, not timed); ours: `check()` end to end and its engine "
            "stage. Counts are flags per rule; follow-ups in experta are a join minus a Python set "
            "difference. No corpus restriction: experta tests the same period overlap.\n\n")
    rows, last, last_n = [], None, 1
    for n, folder in sorted(corpora.items()):
        if last is not None and last * n / last_n > 120:  # linear extrapolation, a lower bound
            rows.append([f"{n:,}", *["–"] * 6, f"skipped: {last_n:,} took {last:.0f} s, so ≥ {last * n / last_n:.0f} s"])
            continue
        try:
            got = run_json([BENCH / "experta_rules.py", folder / "jsonl"], timeout=600)
        except subprocess.TimeoutExpired:
            rows.append([f"{n:,}", *["–"] * 6, "skipped: over 600 s"])
            break
        ours = runs[(n, "jsonl")]
        mine = {k: ours[0]["by_rule"].get(k, 0) for k in got["counts"]}
        same = "same" if mine == got["counts"] else "DIFFER"
        rows.append([f"{n:,}", f"{med(ours, 'wall'):.2f}", f"{n / med(ours, 'wall'):,.0f}",
                     f"{med(ours, 'engine'):.3f}", f"{got['seconds']:.2f}", f"{n / got['seconds']:,.0f}",
                     f"{mine['conflicting-state']} / {got['counts']['conflicting-state']}",
                     f"{same}: " + ", ".join(f"{k} {mine[k]}/{v}" for k, v in got["counts"].items()
                                             if k != "conflicting-state")])
        last, last_n = got["seconds"], n
    head = ["N", "ours wall s", "ours facts/s", "ours engine s", "experta s", "experta facts/s",
            "conflicting-state pairs ours / experta", "other families ours / experta"]
    return text + table(head, rows)


def experta_ready() -> str | None:
    done = subprocess.run([sys.executable, "-c", "import experta"], capture_output=True, text=True)
    return None if done.returncode == 0 else done.stderr.strip().splitlines()[-1]


def targets_section(found: dict) -> str:
    rows = []

    def target(name: str, measured: str, met: bool) -> None:
        rows.append([name, measured, "met" if met else "**missed**"])
    for n, (ratio, cpu_ratio) in found["bare"].items():
        target(f"engine stage ≤ 1.3× bare driver ({n:,} facts)", f"{ratio:.2f}× wall ({cpu_ratio:.2f}× CPU)",
               ratio <= 1.3)
    for fmt, floor in (("jsonl", 20000), ("yaml", 10000)):
        if (10000, fmt) in found["runs"]:
            one = 10000 / med(found["runs"][(10000, fmt)], "wall")
            best = 10000 / med(found["auto"][(10000, fmt)], "wall") if (10000, fmt) in found["auto"] else one
            target(f"10k facts from {fmt} ≥ {floor:,} facts/s",
                   f"{best:,.0f} facts/s with the default `--jobs {AUTO_JOBS}`; {one:,.0f} with `--jobs 1`",
                   best >= floor)
    big = max(n for n, _ in found["runs"])
    peak = max(med(found["runs"][(big, f)], "pss") for f in FORMATS)
    naive = max(med(found["runs"][(big, f)], "rss") + med(found["runs"][(big, f)], "child_rss") for f in FORMATS)
    target(f"{big:,} facts ≤ 2 GB peak (parent + engine child)",
           f"PSS {peak:,.0f} MiB (RSS sum, shared pages twice: {naive:,.0f})", peak <= GB)
    for i, how in enumerate(("whole peaks", "slope per fact")):
        (fmt, name), worst = max(((k, v[i]) for k, v in found["growth"].items()), key=lambda kv: kv[1])
        target(f"memory growth ≤ linear + 20 % ({how})", f"worst {worst:.2f} of linear ({fmt}, {name})", worst <= 1.2)
    target(f"`--jobs 2` ≥ 1.6× faster than `--jobs 1` at {big:,}", f"end to end {found['jobs']['wall']:.2f}×, "
           f"engine stage {found['jobs']['engine']:.2f}×", found["jobs"]["wall"] >= 1.6)
    target("CLI on the seed ≤ 0.5 s cold", f"median {found['cold']:.3f} s", found["cold"] <= 0.5)
    hot, usual = found["hot"], med(found["runs"][(big, "jsonl")], "wall")
    target(f"hot subject, {big:,} facts: seconds (no slower than an ordinary check), with the warning",
           f"check() {hot['check']:.2f} s (ordinary {usual:.2f} s), CLI {hot['wall']:.2f} s, "
           f"warning {'shown' if hot['warned'] else 'MISSING'}", hot["check"] <= 1.2 * usual and hot["warned"])
    return "## Targets\n\n" + table(["target", "measured", ""], rows)


def header(repeat: int) -> str:
    def out(*cmd: str) -> str:
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True).stdout.strip()
    commit = out("git", "rev-parse", "--short", "HEAD") + (" + local changes" if out("git", "status", "--short") else "")
    return (f"# claimrules benchmark\n\n{out('nproc')} cores, Python {sys.version.split()[0]}, "
            f"durable_rules {out(sys.executable, '-m', 'pip', 'show', 'durable_rules').split('Version: ')[-1].split()[0]}"
            f", commit {commit}; medians of {repeat} runs, each in a fresh process.")


def emit(text: str) -> None:
    print(text + "\n", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-experta", action="store_true")
    args = parser.parse_args()
    sizes, found = sorted(args.sizes), {}
    emit(header(args.repeat))
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {n: Path(tmp) / f"n{n}" for n in sizes}
        runs, auto = found["runs"], found["auto"] = {}, {}
        for n, folder in corpora.items():
            generate(n, folder)
            for fmt in FORMATS:
                print(f"measuring {n:,} {fmt}", file=sys.stderr, flush=True)
                runs[(n, fmt)] = measured(folder / fmt, args.repeat, bare=fmt == "jsonl")
                if AUTO_JOBS > 1:
                    auto[(n, fmt)] = measured(folder / fmt, args.repeat, jobs=AUTO_JOBS)
        emit(sizes_section(runs))
        if auto:
            emit(sizes_section(auto, f"the CLI's default `--jobs {AUTO_JOBS}`"))
        text, found["growth"] = growth_section(runs, sizes)
        emit(text)
        text, found["bare"] = bare_section(runs, sizes)
        emit(text)
        text, found["jobs"] = jobs_section(corpora[sizes[-1]] / "jsonl", args.repeat)
        emit(text)
        text, found["hot"] = hot_section(sizes[-1], Path(tmp) / "hot")
        emit(text)
        text, found["cold"] = cold_section()
        emit(text)
        problem = None if args.no_experta else experta_ready()
        if args.no_experta or problem:
            emit("## 6. experta\n\nskipped: " + ("--no-experta" if args.no_experta else f"`import experta` fails: {problem}"))
        else:
            emit(experta_section(corpora, runs))
    emit(targets_section(found))


if __name__ == "__main__":
    main()
