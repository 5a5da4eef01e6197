"""`claimrules schema rules|facts|config`: print a JSON Schema for editors and other tools."""

from __future__ import annotations

import argparse
import sys

from ..authoring.jsonschemas import SCHEMAS, dump


def register(commands) -> None:
    run = commands.add_parser("schema", help="print the JSON Schema of rule, facts or config files")
    run.add_argument("kind", choices=sorted(SCHEMAS))


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(dump(args.kind))
    return 0
