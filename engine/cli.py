"""The `claimrules` command line: the only place that prints or exits.

Exit codes:
  0  no flag at or above --fail-on
  1  flags at or above --fail-on
  2  bad input or usage (every problem printed as path:line:column)
  3  internal error or engine failure (crash, hang, engine error)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from pathlib import Path

from loguru import logger

from . import __version__
from .check import Stages, check
from .model import FAIL_ON
from .problems import EngineFailure, InputError
from .report import FORMATS, render
from .report.terminal import summary
from .runner import DEFAULT_TIMEOUT

EXIT_CLEAN, EXIT_FLAGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """A bad command line that argparse cannot see (exit 2)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimrules", description="Check the claims of news articles "
                                     "against YAML rules.", epilog=__doc__.split("\n", 2)[2],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"claimrules {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
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
    run.add_argument("-v", "--verbose", action="count", default=0, help="more logging on stderr (-vv: debug)")
    run.set_defaults(handler=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed usage; --help and --version exit 0
        return int(exc.code or 0)
    _configure_logging(args.verbose)
    try:
        return args.handler(args)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"claimrules: {len(exc.problems)} problem(s) in the input; nothing was checked", file=sys.stderr)
        return EXIT_INPUT
    except UsageError as exc:
        print(f"claimrules: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except EngineFailure as exc:
        print(f"claimrules: engine failure: {exc}\nno report was written", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception:
        print("claimrules: internal error (please report it):\n" + traceback.format_exc(), file=sys.stderr)
        return EXIT_INTERNAL


def _configure_logging(verbosity: int) -> None:
    logger.remove()
    logger.enable("engine")
    level = {0: "WARNING", 1: "INFO"}.get(verbosity, "DEBUG")
    logger.add(sys.stderr, level=level, format="<level>{level: <7}</level> {message}")


def cmd_check(args: argparse.Namespace) -> int:
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


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file so a failure never leaves half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
