"""Seeded benchmark corpora: generated documents with facts in YAML and JSON Lines.

200 facts per document, quotes verbatim in the document. `hot=True` gives every fact one
subject and attribute (values still vary), the worst case for join rules.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import yaml

PER_DOC = 200
DAY0 = dt.date(2024, 1, 1)
HOT = ("hot-subject", "status")
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

    def __init__(self, number: int, rng: random.Random, hot: bool = False):
        self.number, self.rng, self.hot = number, rng, hot
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
        """A few facts on one subject: agreeing or conflicting states, a dispute, a plan, a prediction."""
        rng = self.rng
        subject, attribute = HOT if self.hot else (f"topic-{self.number}-{g}", rng.choice(ATTRIBUTES))
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


def generate(n: int, folder: Path, seed: int = 7, hot: bool = False) -> None:
    """`folder`/docs, `folder`/yaml and `folder`/jsonl: the same `n` facts in both formats."""
    rng = random.Random(seed)
    for sub in ("docs", "yaml", "jsonl"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for number in range((n + PER_DOC - 1) // PER_DOC):
        doc, g, size = Doc(number, rng, hot), 0, min(PER_DOC, n - number * PER_DOC)
        while len(doc.facts) < size:
            doc.group(g)
            g += 1
        del doc.facts[size:]
        name = f"doc{number:05d}"
        (folder / "docs" / f"{name}.txt").write_text(doc.text(), encoding="utf-8")
        head = {"path": f"../docs/{name}.txt", "outlet": "outlet-0"}
        body = {"document": head, "entities": doc.entities(), "facts": doc.facts}
        (folder / "yaml" / f"{name}.yaml").write_text(
            yaml.dump(body, Dumper=dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
        lines = [{"document": head}] + [{"entity": e} for e in body["entities"]] + [{"fact": f} for f in doc.facts]
        (folder / "jsonl" / f"{name}.jsonl").write_text(
            "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
