"""`claimrules schema rules|facts|config` prints a JSON Schema; `--write DIR` writes all three for editors.

The schemas ship inside the package (engine/schemas), but a `$schema=` comment can only name a
file beside the project: `--write` (and `init`) put them there, so completion works in any folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..authoring.jsonschemas import SCHEMAS, dump
from ..problems import UsageError
from ..safety.sanitise import guard
from .outputs import write_all

COMMENT = "# yaml-language-server: $schema={path}"


def register(commands) -> None:
    run = commands.add_parser("schema", help="print the JSON Schema of rule, facts or config files, or write them all",
                              description="Print one JSON Schema, or write all of them to a folder beside the "
                              "project (`--write schemas`) so editors find them in any folder.")
    run.add_argument("kind", choices=sorted(SCHEMAS), nargs="?", help="which schema to print")
    run.add_argument("--write", type=Path, metavar="DIR",
                     help="write rules.schema.json, facts.schema.json and config.schema.json to DIR (replacing "
                     "older ones) and print the comment line each kind of file takes")


def files(folder: Path) -> dict[Path, str]:
    """Every schema as it is written to `folder`: `<kind>.schema.json`."""
    return {folder / f"{kind}.schema.json": dump(kind) for kind in sorted(SCHEMAS)}


def run(args: argparse.Namespace) -> int:
    if args.write is None:
        if args.kind is None:
            raise UsageError("name a schema (config, facts or rules) or give --write DIR")
        sys.stdout.write(dump(args.kind))
        return 0
    if args.kind is not None:
        raise UsageError("--write writes every schema: name no kind with it")
    targets = files(args.write)
    write_all(targets)
    for path in targets:
        print(guard(f"wrote {path.as_posix()}"))
    print(guard(f"first line of a file, with the path from that file's folder to {args.write.as_posix()}/, e.g.:"))
    for path in targets:
        print(guard("  " + COMMENT.format(path=Path(os.path.normpath(path)).as_posix())))
    return 0
