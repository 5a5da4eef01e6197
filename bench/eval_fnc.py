"""Cross-document contradictions on FNC-1 dev (research use only: the data stays outside the repo).

    python bench/eval_fnc.py [--bodies N] [--misses N] [--json]

Each pair's headline and body are two articles with the same publication date; every distinct headline and
body is extracted once and all drafts are checked together with the default pack. A pair is flagged when a
contradiction flag cites a fact of its headline and a fact of its body. Prints the flagged share per stance
(recall on `disagree`, false alarms on `agree`, `discuss`, `unrelated`), flags per rule, and misses to read.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.extract import ClaimIndex, extract_text, settle_keys  # noqa: E402
from engine.extract.writer import dump  # noqa: E402
from engine.pipeline import check  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "fnc-1" / "dev"
DATE = None  # FNC-1 has no dates (its news is from 2014-15): undated drafts, so in-text years do not move facts
STANCES = ("disagree", "agree", "discuss", "unrelated")
csv.field_size_limit(10_000_000)


@dataclass
class Result:
    pairs: dict[str, list[tuple[str, str]]]  # stance → (headline doc, body doc)
    flagged: set[tuple[str, str]]
    rules: Counter = field(default_factory=Counter)
    within: Counter = field(default_factory=Counter)  # flags per rule whose facts are all of one article
    bodies: Counter = field(default_factory=Counter)  # flags per rule joining two bodies (no headline): noise
    seconds: dict[str, float] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def rate(self, *stances: str) -> float:
        pairs = [p for s in stances for p in self.pairs[s]]
        return sum(p in self.flagged for p in pairs) / max(1, len(pairs))

    def summary(self) -> dict:
        found = {s: {"pairs": len(self.pairs[s]), "flagged": sum(p in self.flagged for p in self.pairs[s]),
                     "rate": round(self.rate(s), 4)} for s in STANCES}
        found["agree+discuss"] = {"rate": round(self.rate("agree", "discuss"), 4)}
        return {"stances": found, "rules": dict(sorted(self.rules.items())),
                "within-one-article": dict(sorted(self.within.items())),
                "body-to-body": dict(sorted(self.bodies.items())),
                "seconds": {k: round(v, 2) for k, v in self.seconds.items()}}


def read(data: Path = DATA, bodies: int | None = None) -> tuple[list[dict], dict[str, str]]:
    """The stance rows and bodies; `bodies` keeps the pairs of N bodies, a fixed spread over the stories."""
    with open(data / "bodies.csv", encoding="utf-8", newline="") as handle:
        texts = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    with open(data / "stances.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if bodies is not None:
        keep = set(sorted(texts, key=lambda k: (int(k) * 2654435761 % 2**32, k))[:bodies])
        rows = [r for r in rows if r["Body ID"] in keep]
        texts = {k: v for k, v in texts.items() if k in keep}
    return rows, texts


def headline_article(headline: str) -> str:
    """A headline as a one-sentence article: end punctuation added, so it is not read as a heading."""
    line = " ".join(headline.split())
    return f"{_date_line()}{line}{'' if line[-1:] in '.!?' else '.'}\n"


def body_article(body: str) -> str:
    return f"{_date_line()}{body.strip()}\n"


def _date_line() -> str:
    """No date line: a made-up publication date would set every undated fact years after the body's own
    `in 2014`, and the two documents of a pair must share one date anyway (the data's README)."""
    return f"date {DATE}\n\n" if DATE else ""


def write_drafts(folder: Path, articles: dict[str, str]) -> float:
    """Extract each article into `folder/facts`, headlines first (their short claims are the ones bodies
    meet); entity ids are kept per document until drafts share them."""
    start = time.perf_counter()
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    (folder / "facts").mkdir(exist_ok=True)
    claims = ClaimIndex()
    drafts = {}
    for name, text in sorted(articles.items(), key=lambda item: (item[0][0] != "h", item[0])):  # headlines first
        (folder / "articles" / f"{name}.txt").write_text(text, encoding="utf-8")
        drafts[name] = extract_text(text, name, f"../articles/{name}.txt", known=claims)
    settle_keys(list(drafts.values()), claims)  # as `claimrules extract` does for the documents of one run
    for name, draft in drafts.items():
        (folder / "facts" / f"{name}.yaml").write_text(dump(_own_entities(draft.data, name)), encoding="utf-8")
    return time.perf_counter() - start


def _own_entities(data: dict, name: str) -> dict:
    ids = {e["id"]: f"{name}--{e['id']}" for e in data["entities"]}
    for entity in data["entities"]:
        entity["id"] = ids[entity["id"]]
    for fact in data["facts"]:
        for key in ("source", "via"):
            if key in fact:
                fact[key] = ids.get(fact[key], fact[key])
    return data


def evaluate(data: Path = DATA, bodies: int | None = None, work: Path | None = None) -> Result:
    rows, texts = read(data, bodies)
    headlines = {h: f"h{n:05d}" for n, h in enumerate(sorted({r["Headline"] for r in rows}))}
    articles = {f"b{int(k):05d}": body_article(v) for k, v in texts.items()}
    articles.update({name: headline_article(h) for h, name in headlines.items()})
    pairs: dict[str, list] = defaultdict(list)
    for r in rows:
        pairs[r["Stance"]].append((headlines[r["Headline"]], f"b{int(r['Body ID']):05d}"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(work or tmp)
        extract_seconds = write_drafts(folder, articles)
        start = time.perf_counter()
        result = check([folder / "facts"], [ROOT / "rules"], max_group=10_000)
        check_seconds = time.perf_counter() - start
    flagged, rules, within, bodies = set(), Counter(), Counter(), Counter()
    for flag in result.flags:
        if flag.family != "contradiction":
            continue
        docs = {Path(f.document).stem for f in flag.facts}
        rules[flag.rule] += 1
        within[flag.rule] += len(docs) == 1
        heads, body = sorted(d for d in docs if d[0] == "h"), sorted(d for d in docs if d[0] == "b")
        bodies[flag.rule] += not heads and len(body) > 1
        flagged.update((h, b) for h in heads for b in body)
    names = {v: k for k, v in headlines.items()}
    return Result(dict(pairs), flagged, rules, within, bodies, {"extract": extract_seconds, "check": check_seconds},
                  {**names, **{f"b{int(k):05d}": v for k, v in texts.items()}})


def misses(result: Result, stance: str, flagged: bool, n: int) -> list[str]:
    chosen = [p for p in result.pairs.get(stance, []) if (p in result.flagged) == flagged][:n]
    return [f"{h} | {result.texts[h]}\n    {b} | {' '.join(result.texts[b].split())[:300]}" for h, b in chosen]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, help="only the pairs of N bodies (a fixed subset)")
    parser.add_argument("--misses", type=int, default=15, help="disagree pairs not flagged to print")
    parser.add_argument("--alarms", type=int, default=10, help="agree/discuss pairs flagged to print")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no FNC-1 data at {DATA}", file=sys.stderr)
        return 2
    result = evaluate(bodies=args.bodies)
    if args.json:
        print(json.dumps(result.summary(), indent=2))
        return 0
    summary = result.summary()
    for stance in STANCES:
        s = summary["stances"][stance]
        print(f"{stance:10} {s['flagged']:5}/{s['pairs']:<6} {100 * s['rate']:6.2f} %")
    print(f"agree+discuss    {100 * result.rate('agree', 'discuss'):6.2f} %")
    print("flags per rule:", ", ".join(f"{k} {v}" for k, v in sorted(result.rules.items())) or "none")
    print("  within one article:", ", ".join(f"{k} {v}" for k, v in sorted(result.within.items())) or "none")
    print("  joining two bodies:", ", ".join(f"{k} {v}" for k, v in sorted(result.bodies.items())) or "none")
    print("seconds:", ", ".join(f"{k} {v:.1f}" for k, v in summary["seconds"].items()))
    print("\ndisagree pairs not flagged:")
    print("\n".join(misses(result, "disagree", False, args.misses)))
    for stance in ("agree", "discuss", "unrelated"):
        found = misses(result, stance, True, args.alarms)
        if found:
            print(f"\n{stance} pairs flagged:")
            print("\n".join(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
