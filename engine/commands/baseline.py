"""`claimrules baseline`: record today's flags so that `check --baseline` fails only on new ones."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..load.paths import display_path
from ..pipeline import Stages, check
from ..review.baseline import DEFAULT_FILE, dumps
from ..safety.sanitise import guard
from . import progress
from .common import add_inputs, before_run, configured, inputs
from .outputs import check_destinations, refuse_inputs, write_atomic, write_stdout


def register(commands) -> None:
    run = commands.add_parser("baseline", help="record the current flags in a baseline file")
    add_inputs(run)
    run.add_argument("-o", "--output", type=Path, metavar="FILE",
                     help=f"the baseline file to write (default: the configured baseline, {DEFAULT_FILE})")


def run(args: argparse.Namespace) -> int:
    config = configured(args)
    output = args.output or config.baseline or DEFAULT_FILE
    targets = [("the baseline", output)]
    check_destinations([output])
    refuse_inputs(targets, inputs(args))
    stages = Stages()
    with progress.shown(stages, sys.stderr, args):
        result = check(args.paths, args.rules, timeout=args.timeout, total=args.timeout_total, stages=stages,
                       selection=getattr(args, "selection", None), confine=args.confine,
                       before_run=lambda rules, facts: before_run(args, targets, rules, facts))
    write_atomic(output, dumps(result.flags))
    noun = "flag" if len(result.flags) == 1 else "flags"
    write_stdout(guard(f"wrote {len(result.flags)} {noun} to {display_path(output)}") + "\n")
    if args.stats:
        print(stages.line(), file=sys.stderr)
    return 0
