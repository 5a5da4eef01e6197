"""claimrules against the default pack written as SQL (bench/sql_anchor.py, DuckDB): CPU and memory ratios.

    pip install -e '.[bench]'
    python bench/bench_anchor.py [N ...] [--jobs 2] [--checkout DIR ...] [--corpora DIR]  # N: 10000 100000

For each size: a seeded corpus (bench/corpus.py), then, each in a fresh process, `claimrules check
--jobs J --format json -o FILE` and the SQL anchor writing its JSON; the two flag sets (rule, cited
facts, document, line, column, message) must be identical, else the run fails. Reported: CPU
seconds (user + system, every process of the run) and peak PSS summed over the process tree,
sampled; both as claimrules ÷ anchor. `--checkout DIR` also times another claimrules checkout
(the same venv) in the same run, e.g. the commit before a change: read the ratios, not the walls.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from corpus import generate

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


class TreePss(threading.Thread):
    """Peak of the summed PSS of a process and all its descendants, sampled."""

    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self.done = pid, every, 0.0, threading.Event()

    def run(self) -> None:
        wait = self.every
        while not self.done.wait(wait):
            start = time.perf_counter()
            self.peak = max(self.peak, sum(pss_mib(p) for p in self.tree()))
            wait = max(self.every, 4 * (time.perf_counter() - start))  # sampling a big tree costs more

    def tree(self) -> list[int]:
        parents: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    stat = Path(entry.path, "stat").read_text()
                    parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
        found, frontier = [self.pid], [self.pid]
        while frontier:
            frontier = [pid for pid, parent in parents.items() if parent in frontier]
            found += frontier
        return found

    def stop(self) -> float:
        self.done.set()
        self.join()
        return self.peak


def pss_mib(pid: int) -> float:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in text.splitlines() if line.startswith("Pss:")), 0.0)


def measured(argv: list[str], cwd: Path) -> dict:
    """CPU seconds of the whole process tree (waited-for children count), wall, peak PSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreePss(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    peak = sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}:\n{err[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cpu": cpu, "wall": wall, "pss": peak, "exit": proc.returncode, "stderr": err}


def ours(checkout: Path, jsonl: Path, out: Path, jobs: int) -> dict:
    argv = [sys.executable, "-m", "engine", "check", str(jsonl), "--rules", str(checkout / "rules"), "--jobs",
            str(jobs), "--format", "json", "-o", str(out), "--fail-on", "never", "--extra-root", str(jsonl.parent),
            "--stats"]
    return measured(argv, checkout)  # the checkout's own `engine` package comes first on the path


def flag_set(report: Path, anchor: bool) -> set[tuple]:
    data = json.loads(report.read_text(encoding="utf-8"))
    if anchor:
        return {(f["rule"], tuple(f["facts"]), f["document"], f["line"], f["column"], f["message"]) for f in data}
    return {(f["rule"], tuple(x["id"] for x in f["facts"]), f["location"]["document"], f["location"]["line"],
             f["location"]["column"], f["message"]) for f in data["flags"]}


def table(head: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(map(str, row)) + " |" for row in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10000, 100000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2, help="DuckDB threads (default: 2, the machine's cores)")
    parser.add_argument("--corpora", type=Path, help="keep corpora here (DIR/nN), and reuse those already made")
    parser.add_argument("--checkout", type=Path, action="append", default=[],
                        help="another claimrules checkout to time beside this one")
    args = parser.parse_args()
    checkouts = [ROOT] + [c.resolve() for c in args.checkout]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(args.sizes):
            folder = (args.corpora or Path(tmp)) / f"n{n}"
            if not (folder / "jsonl").is_dir():
                print(f"generating {n:,}", file=sys.stderr, flush=True)
                generate(n, folder)
            anchor_out = Path(tmp) / "anchor.json"
            print(f"anchor {n:,}", file=sys.stderr, flush=True)
            sql = measured([sys.executable, str(BENCH / "sql_anchor.py"), str(folder / "jsonl"), str(anchor_out),
                            "--threads", str(args.threads)], ROOT)
            expected = flag_set(anchor_out, anchor=True)
            for checkout in checkouts:
                print(f"claimrules {checkout} {n:,}", file=sys.stderr, flush=True)
                out = Path(tmp) / "ours.json"
                got = ours(checkout, folder / "jsonl", out, args.jobs)
                found = flag_set(out, anchor=False)
                if found != expected:
                    raise SystemExit(f"{checkout}: flags differ from the anchor at {n:,}: "
                                     f"{len(found - expected)} only ours, {len(expected - found)} only SQL")
                stats = next((line for line in got["stderr"].splitlines() if "engine=" in line), "")
                rows.append([f"{n:,}", checkout.name if checkout != ROOT else "this checkout", f"{len(found):,}",
                             f"{got['cpu']:.1f}", f"{sql['cpu']:.1f}", f"**{got['cpu'] / sql['cpu']:.2f}×**",
                             f"{got['pss']:,.0f}", f"{sql['pss']:,.0f}", f"**{got['pss'] / sql['pss']:.2f}×**",
                             f"{got['cpu'] / n * 1e6:.0f}", f"{got['pss'] / n * 1024:.1f}", f"{got['wall']:.1f}",
                             f"{sql['wall']:.1f}", got["exit"], f"`{stats}`"])
    head = ["facts", "claimrules", "flags (identical)", "ours CPU s", "SQL CPU s", "CPU ratio", "ours PSS MiB",
            "SQL PSS MiB", "memory ratio", "ours µs CPU/fact", "ours KiB/fact", "ours wall s", "SQL wall s", "exit",
            "--stats"]
    print(f"# claimrules ÷ SQL anchor (DuckDB, {args.threads} threads), `--jobs {args.jobs}`, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}\n")
    print(table(head, rows))


if __name__ == "__main__":
    main()
