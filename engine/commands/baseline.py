"""`claimrules baseline`: record today's flags so that `check --baseline` fails only on new ones."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..baseline import DEFAULT_FILE, dumps
from ..check import Stages, check
from ..factfiles import display_path
from ..output import write_atomic
from ..sanitise import guard
from .check import add_inputs, configured


def register(commands) -> None:
    run = commands.add_parser("baseline", help="record the current flags in a baseline file")
    add_inputs(run)
    run.add_argument("-o", "--output", type=Path, metavar="FILE",
                     help=f"the baseline file to write (default: the configured baseline, {DEFAULT_FILE})")


def run(args: argparse.Namespace) -> int:
    config = configured(args)
    output = args.output or config.baseline or DEFAULT_FILE
    stages = Stages()
    result = check(args.paths, args.rules, timeout=args.timeout, stages=stages,
                   selection=getattr(args, "selection", None))
    write_atomic(output, dumps(result.flags))
    noun = "flag" if len(result.flags) == 1 else "flags"
    print(guard(f"wrote {len(result.flags)} {noun} to {display_path(output)}"))
    if args.stats:
        print(" ".join(f"{name}={seconds:.3f}s" for name, seconds in stages.seconds.items()), file=sys.stderr)
    return 0
