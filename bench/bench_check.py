"""Benchmark `engine.check.check` on generated corpora, the CLI on the seed, and the bare engine.

Usage (from anywhere; the CLI part runs from the repo root):
    python bench/bench_check.py [N ...]          # default: 1000 10000; prints a markdown table
    python bench/bench_check.py --one yaml 10000 [--corpus DIR]   # one measurement, JSON on stdout

Each measurement runs in a fresh subprocess of this script, so its peak RSS is its own.
Corpora are seeded: 200 facts per document, quotes verbatim in generated documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PER_DOC = 200
DAY0 = dt.date(2024, 1, 1)
ENTITIES = ([(f"official-{i}", f"Official {i}", "official") for i in range(12)]
            + [(f"person-{i}", f"Person {i}", "person") for i in range(6)]
            + [(f"government-{i}", f"Government {i}", "government") for i in range(4)]
            + [(f"institution-{i}", f"Institution {i}", "institution") for i in range(8)]
            + [(f"group-{i}", f"unnamed sources {i}", "anonymous-group") for i in range(4)]
            + [(f"outlet-{i}", f"Outlet {i}", "outlet") for i in range(5)])
SOURCE_WEIGHTS = {"official": 40, "person": 15, "government": 10, "institution": 15,
                  "anonymous-group": 10, "outlet": 10}
ATTRIBUTES = ("status", "level", "trend", "owner", "price", "size", "leader", "position")
VALUES = ("rising", "falling", "stable", "high", "low", "open", "closed", "disputed")
GROUPS = {"state": 30, "assessment": 15, "plan": 15, "prediction": 10, "single": 30}


class Doc:
    """One generated document: its facts, and the entity ids they use."""

    def __init__(self, number: int, rng: random.Random):
        self.number, self.rng = number, rng
        self.published = DAY0 + dt.timedelta(days=3 * number)
        self.facts: list[dict] = []
        self.used: set[str] = set()

    def fact(self, kind: str, subject: str, attribute: str, narrative: float = 0.35, **extra) -> dict:
        rng, n = self.rng, len(self.facts)
        quote = f"{subject} {attribute} {extra.get('value', kind)} (para {self.number}.{n})"
        fact = {"id": f"d{self.number}-f{n}", "text": f"The {attribute} of {subject} is noted.",
                "quote": quote, "kind": kind, "subject": subject, "attribute": attribute, **extra}
        if rng.random() >= narrative:
            etype = rng.choices(list(SOURCE_WEIGHTS), list(SOURCE_WEIGHTS.values()))[0]
            fact["source"] = rng.choice([e[0] for e in ENTITIES if e[2] == etype])
            fact["attribution"] = "reported" if etype == "outlet" else rng.choice(["direct", "paraphrase"])
            fact["cue"] = rng.choice(["said", "stressed", "according to"])
            self.used.add(fact["source"])
        elif kind in ("state", "event") and rng.random() < 0.3:
            fact["background"] = True
        if kind in ("statement", "state", "event") and rng.random() < 0.06:
            fact["superlative"] = True
        self.facts.append(fact)
        return fact

    def group(self, g: int) -> None:
        rng = self.rng
        subject, attribute = f"topic-{self.number}-{g}", rng.choice(ATTRIBUTES)
        kind = rng.choices(list(GROUPS), list(GROUPS.values()))[0]
        if kind == "state":
            values = rng.sample(VALUES, rng.choice([1, 1, 2, 3]))  # one value: agreement, more: conflict
            for _ in range(rng.randint(2, 5)):
                extra = {"hedged": True} if rng.random() < 0.15 else {}
                if rng.random() < 0.2:
                    year = rng.randint(2015, 2023)
                    extra.update(since=str(year), until=str(year + rng.randint(0, 2)))
                state = rng.choice(["state", "state", "quantity", "presupposition"])
                if state == "quantity":
                    extra.update(number=rng.randint(1, 900), unit="million")
                self.fact(state, subject, attribute, value=rng.choice(values), **extra)
        elif kind == "assessment":
            for _ in range(rng.randint(2, 4)):
                self.fact("assessment", subject, attribute, narrative=0.1,
                          value=rng.choice(["positive", "negative", "mixed"]))
        elif kind == "plan":
            self.fact(rng.choice(["plan", "commitment"]), subject, attribute, narrative=0.2,
                      status=rng.choice(["announced", "begun"]), as_of=str(self.published - dt.timedelta(30)))
            if rng.random() < 0.5:
                self.fact("event", subject, attribute, status="done", value="completed")
        elif kind == "prediction":
            self.fact("prediction", subject, attribute, narrative=0.15, value=rng.choice(VALUES),
                      hedged=True, as_of=str(self.published - dt.timedelta(60)))
            if rng.random() < 0.5:
                self.fact("state", subject, attribute, value=rng.choice(VALUES))
        else:
            for _ in range(rng.randint(1, 2)):
                self.fact(rng.choice(["event", "statement"]), subject, attribute, value=rng.choice(VALUES))

    def text(self) -> str:
        leads = ("Meanwhile,", "In addition,", "Separately,", "The report adds that")
        lines = [f"date {self.published.isoformat()}", ""]
        lines += [f"{self.rng.choice(leads)} {f['quote']}, which drew comment." for f in self.facts]
        return "\n".join(lines) + "\n"

    def entities(self) -> list[dict]:
        return [{"id": i, "name": name, "type": t} for i, name, t in ENTITIES if i in self.used]


def generate(n: int, folder: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    for sub in ("docs", "yaml", "jsonl"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for number in range((n + PER_DOC - 1) // PER_DOC):
        doc, g, size = Doc(number, rng), 0, min(PER_DOC, n - number * PER_DOC)
        while len(doc.facts) < size:
            doc.group(g)
            g += 1
        del doc.facts[size:]
        name = f"doc{number:05d}"
        (folder / "docs" / f"{name}.txt").write_text(doc.text(), encoding="utf-8")
        head = {"path": f"../docs/{name}.txt", "outlet": "outlet-0"}
        body = {"document": head, "entities": doc.entities(), "facts": doc.facts}
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        (folder / "yaml" / f"{name}.yaml").write_text(
            yaml.dump(body, Dumper=dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
        lines = [{"document": head}] + [{"entity": e} for e in body["entities"]] + [{"fact": f} for f in doc.facts]
        (folder / "jsonl" / f"{name}.jsonl").write_text(
            "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")


def bare_engine(fact_dir: Path) -> tuple[float, int]:
    """The same compiled ruleset and records, asserted and drained by Session directly."""
    from engine.compiler import compile_rules
    from engine.driver import EngineIds, Session
    from engine.encode import encode
    from engine.factfiles import load_facts
    from engine.rules import load_rules
    program = compile_rules(load_rules([ROOT / "rules"]))
    records = encode(load_facts([fact_dir]).facts, program)
    activations, ids, start = [0], EngineIds(), time.perf_counter()
    for number, ruleset in enumerate(program.rulesets):
        session = Session(ruleset, ids, name=f"bare{number}")
        session.assert_facts(records)
        session.drain(lambda rule, match: activations.__setitem__(0, activations[0] + 1) or [])
        session.close()
    return time.perf_counter() - start, activations[0]


def measure_one(fmt: str, n: int, corpus: Path | None) -> dict:
    from loguru import logger
    from engine.check import Stages, check
    logger.remove()
    with tempfile.TemporaryDirectory() as tmp:
        folder = corpus or Path(tmp)
        if corpus is None:
            generate(n, folder)
        stages, start = Stages(), time.perf_counter()
        result = check([folder / fmt], [ROOT / "rules"], timeout=3600, stages=stages)
        wall = time.perf_counter() - start
        rss, child_rss = (resource.getrusage(who).ru_maxrss // 1024
                          for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        bare, activations = bare_engine(folder / fmt)
    return {"wall": wall, "stages": stages.seconds, "flags": len(result.flags), "facts": result.fact_count,
            "rss": rss, "child_rss": child_rss, "bare": bare, "activations": activations}


def run_one(fmt: str, n: int, corpus: Path) -> dict:
    cmd = [sys.executable, __file__, "--one", fmt, str(n), "--corpus", str(corpus)]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def row(n: int, fmt: str, m: dict) -> str:
    s = m["stages"]
    cells = [f"{n:,}", fmt, f"{m['wall']:.2f}", f"{m['facts'] / m['wall']:,.0f}"]
    cells += [f"{s.get(k, 0):.3f}" for k in ("rules", "facts", "compile", "engine", "flags")]
    cells += [f"{m['flags']:,}", str(m["rss"]), str(m["child_rss"]), f"{m['bare']:.3f}",
              f"{s['engine'] / m['bare']:.2f}"]
    return "| " + " | ".join(cells) + " |"


def cli_cold(runs: int = 5) -> tuple[float, float]:
    times = []
    with tempfile.TemporaryDirectory() as tmp:  # not -o /dev/null: write_atomic would replace it
        cmd = [sys.executable, "-m", "engine", "check", "--format", "json", "-o", f"{tmp}/report.json"]
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
            times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--one", nargs=2, metavar=("FORMAT", "N"))
    parser.add_argument("--corpus", type=Path)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one[0], int(args.one[1]), args.corpus)))
        return
    print("| N | format | wall s | facts/s | rules s | facts s | compile s | engine s | flags s "
          "| flags | RSS MiB | engine child RSS MiB | bare engine s | engine/bare |")
    print("|" + "---|" * 14)
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            generate(n, Path(tmp))
            for fmt in ("yaml", "jsonl"):
                print(row(n, fmt, run_one(fmt, n, Path(tmp))), flush=True)
    best, median = cli_cold()
    print(f"\n`claimrules check` on the seed, cold start (5 runs): best {best:.3f} s, median {median:.3f} s")


if __name__ == "__main__":
    main()
