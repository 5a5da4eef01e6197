"""Score `claimrules extract` against PolNeAR's attribution annotations (research use only: data stays outside the repo).

    python bench/eval_polnear.py [--split dev] [--split train] [--json]

Scores, per split and per publisher (the file name's prefix):
- sentence: is the sentence's claim attributed? gold = it overlaps a Content span whose attribution has a Source;
  predicted = a claim extracted from it has a source. Precision, recall, F1.
- source: source mention spans vs gold Source spans; a match is any character overlap. Precision, recall, F1.
- no_source: recall of `Attribution-no-source` contents as unattributed (the claims covering them have no source).
For each article the lexicographically first .ann file is the gold.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.extract import extract_text  # noqa: E402
from engine.extract.segment import sentences  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "polnear" / "data"
SPAN_LINE = re.compile(r"\A(T\d+)\t(\S+) ([\d ;]+)\t")
EVENT_LINE = re.compile(r"\A(E\d+)\t(.+)\Z")


@dataclass
class Gold:
    sourced_content: list[list[tuple[int, int]]] = field(default_factory=list)
    sources: list[list[tuple[int, int]]] = field(default_factory=list)
    unsourced_content: list[list[tuple[int, int]]] = field(default_factory=list)


def read_gold(ann: Path) -> Gold:
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        match = SPAN_LINE.match(line)
        if match:
            spans[match.group(1)] = [tuple(map(int, part.split())) for part in match.group(3).split(";")]
            continue
        match = EVENT_LINE.match(line)
        if match:
            events.append(dict(role.split(":", 1) for role in match.group(2).split()))
    gold = Gold()
    for event in events:
        contents = [spans[v] for k, v in event.items() if k.startswith("Content") and v in spans]
        if "Source" in event and event["Source"] in spans:
            gold.sources.append(spans[event["Source"]])
            gold.sourced_content += contents
        elif "Attribution-no-source" in event:
            gold.unsourced_content += contents
    return gold


def overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s < e2 and s2 < e for s, e in a for s2, e2 in b)


def articles(split: str) -> list[tuple[str, Path, Path]]:
    found = []
    for text in sorted((DATA / split / "text").glob("*.txt")):
        anns = sorted((DATA / split / "attributions").glob(f"{text.stem}_*.ann"))
        if anns:
            found.append((text.stem.split("_")[0], text, anns[0]))
    return found


class Counts(dict):
    def __missing__(self, key):
        return 0


def score_article(text: str, gold: Gold, name: str) -> Counts:
    draft = extract_text(text, name)
    counts = Counts()
    attributed = {c.sentence.start for c in draft.claims if c.attribution is not None}
    for sentence in sentences(text):
        span = [(sentence.start, sentence.end)]
        truth = any(overlaps(span, c) for c in gold.sourced_content)
        guess = sentence.start in attributed
        counts["sent_" + ("tp" if truth and guess else "fp" if guess else "fn" if truth else "tn")] += 1
    predicted = sorted({(m.start, m.end) for m in draft.mentions})
    counts["src_pred"] += len(predicted)
    counts["src_pred_hit"] += sum(any(overlaps([p], g) for g in gold.sources) for p in predicted)
    counts["src_gold"] += len(gold.sources)
    counts["src_gold_hit"] += sum(any(overlaps([p], g) for p in predicted) for g in gold.sources)
    for content in gold.unsourced_content:
        covering = [c for c in draft.claims if overlaps([(c.start, c.end)], content)]
        counts["ns_gold"] += 1
        counts["ns_hit"] += bool(covering) and all(c.attribution is None for c in covering)
    return counts


def prf(tp_p: int, pred: int, tp_g: int, gold: int) -> dict:
    p = tp_p / pred if pred else 0.0
    r = tp_g / gold if gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}


def summarise(c: Counts) -> dict:
    tp, fp, fn = c["sent_tp"], c["sent_fp"], c["sent_fn"]
    return {"sentence": prf(tp, tp + fp, tp, tp + fn),
            "source": prf(c["src_pred_hit"], c["src_pred"], c["src_gold_hit"], c["src_gold"]),
            "no_source_recall": round(c["ns_hit"] / c["ns_gold"], 3) if c["ns_gold"] else None,
            "sentences": tp + fp + fn + c["sent_tn"], "articles": c["articles"]}


def evaluate(split: str, limit: int | None = None) -> dict:
    """Scores for one split: overall and per publisher, with the extraction time."""
    total, by_publisher = Counts(), defaultdict(Counts)
    started = time.perf_counter()
    for publisher, text_path, ann in articles(split)[:limit]:
        counts = score_article(text_path.read_text(encoding="utf-8"), read_gold(ann), text_path.stem)
        counts["articles"] = 1
        for target in (total, by_publisher[publisher]):
            for key, value in counts.items():
                target[key] += value
    seconds = time.perf_counter() - started
    return {"split": split, "overall": summarise(total), "seconds": round(seconds, 2),
            "publishers": {name: summarise(c) for name, c in sorted(by_publisher.items())}}


def _table(result: dict) -> str:
    rows = [("overall", result["overall"])] + list(result["publishers"].items())
    lines = [f"PolNeAR {result['split']}: {result['overall']['articles']} articles in {result['seconds']}s",
             f"{'publisher':14} {'sent P':>7} {'sent R':>7} {'sent F1':>7} {'src P':>7} {'src R':>7} {'src F1':>7} "
             f"{'no-src R':>8}"]
    for name, s in rows:
        lines.append(f"{name:14} {s['sentence']['precision']:7.3f} {s['sentence']['recall']:7.3f} "
                     f"{s['sentence']['f1']:7.3f} {s['source']['precision']:7.3f} {s['source']['recall']:7.3f} "
                     f"{s['source']['f1']:7.3f} {s['no_source_recall'] or 0:8.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", choices=("train", "dev"))
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no PolNeAR data at {DATA}", file=sys.stderr)
        return 2
    results = [evaluate(split, args.limit) for split in args.split or ["dev"]]
    print(json.dumps(results, indent=2) if args.json else "\n\n".join(_table(r) for r in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
