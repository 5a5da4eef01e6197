"""PolNeAR dev's 84 articles: extract them into one folder, check the drafts together.

    python bench/bench_polnear_extract.py [--split dev|train] [--limit N]

Research data read from ../shared/data/polnear (never copied into the project). Target: exit 0 or 1
(no entity conflict between the drafts).
"""

from __future__ import annotations

import argparse
import sys

from extract_check import DATA, run, show

POLNEAR = DATA / "polnear" / "data"


def documents(split: str, limit: int | None = None) -> dict[str, str]:
    """The split's articles as they are, by file stem (as bench/eval_polnear.py reads them)."""
    texts = sorted((POLNEAR / split / "text").glob("*.txt"))[:limit]
    return {path.stem: path.read_text(encoding="utf-8") for path in texts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    args = parser.parse_args(argv)
    if not POLNEAR.is_dir():
        print(f"no PolNeAR data at {POLNEAR}", file=sys.stderr)
        return 2
    result = run(documents(args.split, args.limit), f"PolNeAR {args.split}")
    show(result)
    return 0 if result["check_exit"] in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
