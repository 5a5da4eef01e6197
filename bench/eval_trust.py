"""Would an editor trust the flags? Extract and check each PolNeAR article alone, score the flags against the gold.

    python bench/eval_trust.py [--split dev] [--json]

- inside_sourced: share of `unattributed-claim` flags whose quote lies (more than half of its characters) inside
  a gold Content span whose attribution has a Source: the annotators say someone is quoted there.
- non_claims: share of `unattributed-claim` flags quoting 4 words or fewer, a timestamp or a byline.
- headline: share of `unattributed-claim` flags on the article's title line.
- no_source_recall: `Attribution-no-source` contents whose covering claims all lack a source (as eval_polnear).
- per rule: flags per 1,000 words of article text.
Research use only: the data stays in ../shared.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.eval_polnear import DATA, articles, overlaps, read_gold  # noqa: E402
from engine.extract import PRESUPPOSED, extract_text  # noqa: E402
from engine.extract.writer import dump  # noqa: E402
from engine.pipeline import check  # noqa: E402

UNATTRIBUTED = "unattributed-claim"
TIMESTAMP = re.compile(r"\A\W*\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?|ET|EST|EDT|GMT)\b", re.I)
BYLINE = re.compile(r"\A\W*(?:By|From|Photo|Image|Credit|Reporting by|Editing by)\s+[A-Z]")


def non_claim(quote: str) -> bool:
    """What an editor would never call a claim: a few words, a timestamp, a byline or credit."""
    return len(quote.split()) <= 4 or bool(TIMESTAMP.match(quote)) or bool(BYLINE.match(quote))


def _spans(draft) -> dict[str, tuple[int, int]]:
    """Fact id → the character span of its claim (presupposed facts share their claim's)."""
    found, claims = {}, iter(draft.claims)
    for fact in draft.facts:
        if fact["id"].endswith(PRESUPPOSED):
            found[fact["id"]] = found[fact["id"][:-len(PRESUPPOSED)]]
            continue
        claim = next(claims)
        found[fact["id"]] = (claim.start, claim.end)
    return found


def _inside(span: tuple[int, int], contents) -> bool:
    covered = set()
    for content in contents:
        for s, e in content:
            covered.update(range(max(s, span[0]), min(e, span[1])))
    return len(covered) * 2 > span[1] - span[0]


def score(text: str, gold, folder: Path, n: int, counts: Counter, rules: Counter, examples: dict) -> None:
    (folder / "article.txt").write_text(text, encoding="utf-8")
    draft = extract_text(text, f"a{n}", "article.txt")
    (folder / "facts.yaml").write_text(dump(draft.data), encoding="utf-8")
    result = check([folder / "facts.yaml"], [ROOT / "rules"])
    spans = _spans(draft)
    title_end = text.find("\n")
    counts["words"] += len(text.split())
    counts["facts"] += result.fact_count
    for flag in result.flags:
        rules[flag.rule] += 1
        if flag.rule != UNATTRIBUTED:
            continue
        fact = flag.facts[0]
        span = spans[fact.id]
        counts["unattributed"] += 1
        for name, hit in (("inside_sourced", _inside(span, gold.sourced_content)),
                          ("non_claims", non_claim(fact.quote)), ("headline", span[0] < title_end)):
            if hit:
                counts[name] += 1
                examples.setdefault(name, []).append(" ".join(fact.quote.split())[:100])
    for content in gold.unsourced_content:
        covering = [c for c in draft.claims if overlaps([(c.start, c.end)], content)]
        counts["ns_gold"] += 1
        counts["ns_hit"] += bool(covering) and all(c.attribution is None for c in covering)


def evaluate(split: str, limit: int | None = None) -> dict:
    counts, rules, examples = Counter(), Counter(), {}
    with tempfile.TemporaryDirectory() as tmp:
        for n, (_, text_path, ann) in enumerate(articles(split)[:limit]):
            folder = Path(tmp) / str(n)
            folder.mkdir()
            score(text_path.read_text(encoding="utf-8"), read_gold(ann), folder, n, counts, rules, examples)
    flagged = max(1, counts["unattributed"])
    per_k = 1000 / max(1, counts["words"])
    return {"split": split, "words": counts["words"], "facts": counts["facts"],
            "unattributed_flags": counts["unattributed"],
            "unattributed_per_fact": round(counts["unattributed"] / max(1, counts["facts"]), 4),
            **{name: round(counts[name] / flagged, 4) for name in ("inside_sourced", "non_claims", "headline")},
            "no_source_recall": round(counts["ns_hit"] / max(1, counts["ns_gold"]), 3),
            "per_1000_words": {rule: round(count * per_k, 2) for rule, count in sorted(rules.items())},
            "examples": {name: found[:8] for name, found in sorted(examples.items())}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--examples", action="store_true", help="show some flagged quotes of each kind")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no PolNeAR data at {DATA}", file=sys.stderr)
        return 2
    result = evaluate(args.split, args.limit)
    if not args.examples:
        result.pop("examples")
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for key, value in result.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for name, inner in value.items():
                print(f"  {name:24} {inner}")
        else:
            print(f"{key:24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
