"""`claimrules init DIR`: a starter project that checks clean, to copy from, with its editor schemas."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..problems import UsageError
from ..safety.sanitise import guard
from .outputs import write_all

CONFIG = """\
# yaml-language-server: $schema=schemas/config.schema.json
# claimrules configuration (see `claimrules schema config` for every key)
facts: [facts]
rules: [rules]
fail-on: error
# extends: [default]          # also run the bundled rule pack
# disable: [record-claim]     # switch rules off
# severity: {vague-source: info}
# outputs: {sarif: reports/claimrules.sarif}
"""

RULES = """\
# yaml-language-server: $schema=../schemas/rules.schema.json
rules:
  - id: unsourced-figure
    family: unattributed
    severity: warning
    description: A number stated in the article's own voice, with no source.
    message: "Unsourced figure ({a.number} {a.unit|}): “{a.text}”"
    help: Say where the figure comes from, or drop it.
    match:
      a:
        number: {exists: true}
        source: {missing: true}
        background: false
    examples:
      - name: a figure in the article's own voice
        facts:
          - {id: f1, kind: quantity, number: 40, unit: percent}
        expect:
          - facts: [f1]
            message: "Unsourced figure (40 percent): “example fact f1”"
      - name: a figure with a source
        facts:
          - {id: f1, kind: quantity, number: 40, unit: percent, source: statistics-office}
        expect: []
"""

ARTICLE = """\
date 2026-01-05
The city council approved the new budget on Monday, the mayor's office said.
Spending on schools rises by 4 percent, according to the council's published budget.
"""

FACTS = """\
# yaml-language-server: $schema=../schemas/facts.schema.json
document:
  path: ../seeds/sample.txt
  title: Council approves budget
entities:
  - {id: mayors-office, name: the mayor's office, type: institution}
  - {id: council-budget, name: the council's published budget, type: document}
facts:
  - id: budget-approved
    text: The city council approved the new budget.
    quote: The city council approved the new budget on Monday
    kind: event
    source: mayors-office
    cue: said
  - id: school-spending-up
    text: Spending on schools rises by 4 percent.
    quote: Spending on schools rises by 4 percent
    kind: quantity
    number: 4
    unit: percent
    source: council-budget
    cue: according to
"""

FILES = {"claimrules.yaml": CONFIG, "rules/sample.yaml": RULES, "seeds/sample.txt": ARTICLE,
         "facts/sample.yaml": FACTS}


def register(commands) -> None:
    run = commands.add_parser("init", help="write a starter project: config, a sample rule, a facts file, schemas")
    run.add_argument("directory", type=Path, nargs="?", default=Path("."), metavar="DIR",
                     help="the folder to write it in (default: the current one); no file is overwritten")


def run(args: argparse.Namespace) -> int:
    from .schema import files as schemas  # beside the project: the files' `$schema` comments name them

    targets = {args.directory / name: text for name, text in FILES.items()} | schemas(args.directory / "schemas")
    existing = [str(path) for path in targets if path.exists()]
    if existing:
        raise UsageError("not overwriting existing files: " + ", ".join(existing))
    write_all(targets)
    for path in targets:
        print(guard(f"wrote {path}"))
    print(guard(f"next: cd {args.directory} && claimrules test --coverage && claimrules check"))
    return 0
