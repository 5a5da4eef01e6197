"""Flags per fact, per rule family, when each PolNeAR dev article is extracted and checked alone (research use only).

    python bench/flag_rate.py [--split dev]

The precision guard for extraction changes: more frames must not mean more `unattributed` flags per fact.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.extract import extract_text  # noqa: E402
from engine.extract.writer import dump  # noqa: E402
from engine.pipeline import check  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "polnear" / "data"


def rates(split: str = "dev") -> tuple[int, Counter]:
    facts, flags = 0, Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n, path in enumerate(sorted((DATA / split / "text").glob("*.txt"))):
            folder = Path(tmp) / str(n)
            folder.mkdir()
            text = path.read_text(encoding="utf-8")
            (folder / "article.txt").write_text(text, encoding="utf-8")
            draft = extract_text(text, f"a{n}", "article.txt")
            (folder / "facts.yaml").write_text(dump(draft.data), encoding="utf-8")
            result = check([folder / "facts.yaml"], [ROOT / "rules"])
            facts += result.fact_count
            flags.update(f.family for f in result.flags)
    return facts, flags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    args = parser.parse_args(argv)
    facts, flags = rates(args.split)
    print(f"facts {facts}")
    for family, count in sorted(flags.items()):
        print(f"{family:14} {count:6}  {count / max(1, facts):.4f} per fact")
    return 0


if __name__ == "__main__":
    sys.exit(main())
