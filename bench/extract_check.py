"""Extract a set of articles into one folder, then check the drafts together: times, exit code, entity sharing.

Used by bench_fnc_extract.py and bench_polnear_extract.py; both run the real CLI in subprocesses
(`python -m engine extract …`, then `python -m engine check …` with the default pack).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def cli(args: list, cwd: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall and CPU seconds of one CLI run (CPU is what a busy machine does not inflate), and its result."""
    started, cpu = time.perf_counter(), _child_cpu()
    done = subprocess.run([sys.executable, "-m", "engine", *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - started, _child_cpu() - cpu, done


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def entity_summary(facts: Path, group) -> dict:
    """Drafts with no fact (per `group` of the file stem), entities declared, and ids more than one draft declares."""
    declared, empty = Counter(), Counter()
    for file in sorted(facts.glob("*.yaml")):
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=Loader)
        declared.update({e["id"] for e in data["entities"]})
        empty[group(file.stem)] += not data["facts"]
    return {"entities": len(declared), "shared_by_several_drafts": sum(n > 1 for n in declared.values()),
            "drafts_without_facts": dict(sorted(empty.items())),
            "most_shared": ", ".join(f"{k} ({n})" for k, n in declared.most_common(5))}


def run(documents: dict[str, str], label: str, group=lambda stem: "all") -> dict:
    """Write `documents` (file stem → text), extract them all at once, check them together."""
    with tempfile.TemporaryDirectory(prefix="claimrules-bench-") as tmp:
        folder = Path(tmp)
        (folder / "docs").mkdir()
        for stem, text in documents.items():
            (folder / "docs" / f"{stem}.txt").write_text(text, encoding="utf-8")
        paths = [f"docs/{stem}.txt" for stem in documents]
        extract_s, extract_cpu, extracted = cli(["extract", *paths, "-o", "facts"], folder)
        if extracted.returncode:
            raise SystemExit(f"extract failed ({extracted.returncode}):\n{extracted.stderr[-3000:]}")
        check_s, check_cpu, checked = cli(["check", "facts", "-r", ROOT / "rules", "-f", "json"], folder)
        report = json.loads(checked.stdout) if checked.stdout.strip() else {"flags": []}
        return {"corpus": label, "documents": len(documents), "extract_s": round(extract_s, 2),
                "check_s": round(check_s, 2), "total_s": round(extract_s + check_s, 2),
                "cpu_s": f"extract {extract_cpu:.2f}, check {check_cpu:.2f}, total {extract_cpu + check_cpu:.2f}",
                "check_exit": checked.returncode, "entity_conflicts": checked.stderr.count("[entity-conflict]"),
                "flags": len(report["flags"]), "rules": dict(Counter(f["rule"] for f in report["flags"])),
                "problems": checked.stderr[:600] if checked.returncode == 2 else "",
                **entity_summary(folder / "facts", group)}


def show(result: dict) -> None:
    for key, value in result.items():
        if value != "":
            print(f"{key}: {json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value}")
