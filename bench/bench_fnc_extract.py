"""FNC-1 dev's 476 bodies plus each distinct headline as a one-line article: extract together, check together.

    python bench/bench_fnc_extract.py [--limit N]

Research data read from ../shared/data/fnc-1/dev (never copied into the project). FNC-1 has no
dates, so every document gets the same publication date. Target: under 60 s, exit 0 or 1.
"""

from __future__ import annotations

import argparse
import csv
import sys

from extract_check import DATA, run, show

FNC = DATA / "fnc-1" / "dev"
DATE = "date 2026-01-01\n"


def documents(limit: int | None = None) -> dict[str, str]:
    """`b<id>` per body and `h<n>` per distinct headline (in first-seen order), each dated."""
    with open(FNC / "bodies.csv", encoding="utf-8", newline="") as handle:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    with open(FNC / "stances.csv", encoding="utf-8", newline="") as handle:
        headlines = list(dict.fromkeys(row["Headline"] for row in csv.DictReader(handle)))
    found = {f"b{key}": DATE + text.strip() + "\n" for key, text in list(bodies.items())[:limit]}
    found.update({f"h{n:04d}": DATE + line.strip() + "\n" for n, line in enumerate(headlines[:limit], 1)})
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N bodies and N headlines")
    args = parser.parse_args(argv)
    if not FNC.is_dir():
        print(f"no FNC-1 data at {FNC}", file=sys.stderr)
        return 2
    kinds = {"b": "bodies", "h": "headlines"}
    result = run(documents(args.limit), "FNC-1 dev bodies + headlines", lambda stem: kinds[stem[0]])
    show(result)
    return 0 if result["check_exit"] in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
