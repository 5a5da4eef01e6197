"""The `claimrules` command line: the only place that prints or exits.

Exit codes:
  0  clean: no flag at or above --fail-on; every example passed; lint found no error
  1  flags at or above --fail-on or past --max-warnings (check); a failed example or a
     rule without a firing example under --coverage (test); warnings under --strict (lint)
  2  bad input or usage (every problem printed as path:line:column); a report that cannot
     be written to the path given (a folder, under a file, not writable); an empty run
  3  internal error or engine failure (crash, hang, engine error); a report that cannot be
     written for want of space or another failure of the disk
  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM: engine processes stopped, nothing written
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from . import __version__, logger
from .commands import COMMANDS, module
from .commands.outputs import write_stdout
from .load import config, paths
from .load.confine import MAX_DOCUMENT_BYTES, Confinement
from .pipeline import Selection
from .problems import EngineFailure, InputError, OutputError, UsageError
from .safety import interrupt
from .safety.deadline import TimedOut
from .safety.sanitise import guard

EXIT_CLEAN, EXIT_FLAGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse echoes bad arguments (a rule id, a path) into its messages: shown safely, like ours."""

    def _print_message(self, message: str, file=None) -> None:
        super()._print_message(guard(message) if message else message, file)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """Every subcommand, or only the one `argv` names (each imports what it runs: start-up time)."""
    parser = _Parser(prog="claimrules", description="Check the claims of news articles "
                                     "against YAML rules.", epilog=__doc__.split("\n", 2)[2],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"claimrules {__version__}",
                        help="print the version and exit")
    verbosity = _Parser(add_help=False)
    verbosity.add_argument("--version", action="version", version=f"claimrules {__version__}",
                           help="print the version and exit")
    verbosity.add_argument("-v", "--verbose", action="count", default=0, help="more logging on stderr (-vv: debug)")
    verbosity.add_argument("-q", "--quiet", action="store_true",
                           help="no progress bar on stderr (shown only when stderr is a terminal, and not with -v)")
    verbosity.add_argument("--config", type=Path, metavar="FILE",
                           help="configuration file (default: claimrules.yaml or [tool.claimrules] in "
                           "pyproject.toml, in the current folder or the nearest parent holding one)")
    verbosity.add_argument("--extra-root", action="append", type=Path, default=[], metavar="DIR",
                           help="a folder outside the project that documents and rule packs may come from, "
                           "repeatable (the project is the configuration file's folder, else the current one)")
    verbosity.add_argument("--max-document-bytes", type=_positive, metavar="N",
                           help=f"largest document read, in bytes (default: {MAX_DOCUMENT_BYTES:,})")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    named = [argv[0]] if argv and argv[0] in COMMANDS else COMMANDS
    for name in named:
        module(name).register(_WithParent(commands, verbosity))
    return parser


class _WithParent:
    """Gives every subcommand the shared options (-v) without repeating them."""

    def __init__(self, commands, parent: argparse.ArgumentParser):
        self.commands, self.parent = commands, parent

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser:
        sub = self.commands.add_parser(name, parents=[self.parent], **kwargs)
        sub.set_defaults(handler=module(name).run)
        return sub


def entry() -> None:
    """The console script and `python -m engine`: exit with `main()`'s code.

    After a signal the process ends at once: the workers are stopped and nothing was written, but a
    process pool's manager thread reading a result that the stop cut off would hold the interpreter's
    exit (it joins that thread) for ever.
    """
    code = main()
    if code in INTERRUPTED:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


INTERRUPTED = (130, 143)


def main(argv: list[str] | None = None) -> int:
    try:
        argv = sys.argv[1:] if argv is None else argv
        args = build_parser(argv).parse_args(argv)
    except SystemExit as exc:  # argparse has printed usage; --help and --version exit 0
        return int(exc.code or 0)
    _configure_logging(args.verbose)
    try:
        with interrupt.handled():
            _attach_config(args)
            code = args.handler(args)
            write_stdout("")  # what is still buffered: a full disk is one clear line here, not a failure at exit
            return code
    except (interrupt.Interrupted, KeyboardInterrupt) as exc:
        interrupt.stop_children()
        print("claimrules: interrupted", file=sys.stderr)
        return exc.exit_code if isinstance(exc, interrupt.Interrupted) else 130
    except OutputError as exc:
        print(f"claimrules: {exc}", file=sys.stderr)
        return exc.exit_code
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"claimrules: {len(exc.problems)} problem(s) in the input; nothing was checked", file=sys.stderr)
        return EXIT_INPUT
    except UsageError as exc:
        print(guard(f"claimrules: {exc}"), file=sys.stderr)
        return EXIT_INPUT
    except TimedOut as exc:
        print(guard(f"claimrules: {exc}\nno report was written"), file=sys.stderr)
        return EXIT_INTERNAL
    except EngineFailure as exc:
        print(guard(f"claimrules: engine failure: {exc}\nno report was written"), file=sys.stderr)
        return EXIT_INTERNAL
    except Exception:
        print(guard("claimrules: internal error (please report it):\n" + traceback.format_exc()), file=sys.stderr)
        return EXIT_INTERNAL


def _attach_config(args: argparse.Namespace) -> None:
    """Load the configuration once; `lint` reports its problems, other commands stop on them."""
    path = args.config or config.find(Path("."))
    if args.config and not args.config.exists():
        raise UsageError(f"no configuration file {args.config}")
    try:
        args.config, args.config_problems = config.load_config(path), []
    except InputError as exc:
        if args.command != "lint":
            raise
        args.config, args.config_problems = config.Config(), list(exc.problems)
    root = path.parent if path is not None else Path(".")
    paths.show_from(root)
    args.confine = Confinement.project(root, [*args.extra_root, *args.config.extra_roots],
                                       args.max_document_bytes or args.config.max_document_bytes)
    escapes = args.config.escapes(args.confine)
    if escapes and args.command != "lint":
        raise InputError(escapes)
    args.config_problems += escapes
    logger.debug("configuration: {}", args.config.path or "defaults")
    where = args.config.where("disable" if args.config.disable else "severity")
    args.selection = Selection(args.config.extends, args.config.disable, args.config.severity, where)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1, got {text!r}")
    return int(text)


def _configure_logging(verbosity: int) -> None:
    """Quiet by default: loguru is imported and pointed at stderr only when -v asks for logs."""
    if not verbosity:
        logger.use(None)
        return
    from loguru import logger as loguru

    loguru.remove()
    loguru.configure(patcher=_guarded)
    loguru.add(sys.stderr, level="INFO" if verbosity == 1 else "DEBUG", format="<level>{level: <7}</level> {message}")
    logger.use(loguru)


def _guarded(record) -> None:
    """Log messages carry file names and values from the input: shown safely on stderr."""
    record["message"] = guard(record["message"])
