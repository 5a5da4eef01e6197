"""`claimrules check`: run the rules over the facts and report the flags."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from loguru import logger

from ..check import Stages, check
from ..model import FAIL_ON
from ..output import write_atomic
from ..problems import UsageError
from ..report import FORMATS, render
from ..report.terminal import summary
from ..runner import DEFAULT_TIMEOUT


def register(commands) -> None:
    run = commands.add_parser("check", help="check facts against rules and report the flags")
    run.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                     help="facts files (.yaml, .jsonl) or folders (default: facts/)")
    run.add_argument("-r", "--rules", action="append", type=Path, metavar="PATH",
                     help="rule files or folders, repeatable (default: rules/)")
    run.add_argument("-f", "--format", choices=sorted(FORMATS), default="terminal", help="report format")
    run.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the report to FILE")
    run.add_argument("--fail-on", choices=FAIL_ON, default="error",
                     help="exit 1 when a flag is at or above this severity (default: error)")
    run.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    run.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                     help=f"stop the engine after this long (default: {DEFAULT_TIMEOUT:g})")
    run.add_argument("--stats", action="store_true", help="print the time of each stage on stderr")


def run(args: argparse.Namespace) -> int:
    if args.timeout <= 0:
        raise UsageError("--timeout must be positive")
    stages = Stages()
    result = check(args.paths or [Path("facts")], args.rules or [Path("rules")], timeout=args.timeout,
                   stages=stages)
    color = args.color == "always" or (args.color == "auto" and args.output is None and sys.stdout.isatty()
                                       and "NO_COLOR" not in os.environ)
    with stages.time("report"):
        report = render(args.format, result, color=color)
    if args.output:
        write_atomic(args.output, report)
        print(summary(result))
    else:
        sys.stdout.write(report)
    if args.stats:
        print(" ".join(f"{name}={seconds:.3f}s" for name, seconds in stages.seconds.items()), file=sys.stderr)
    logger.info("{} flags; fail-on {}", len(result.flags), args.fail_on)
    return result.exit_code(args.fail_on)
