"""`claimrules check`: run the rules over the facts and report the flags, on stdout and in files."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from dataclasses import replace
from pathlib import Path

from .. import logger
from ..compile.encode import MAX_GROUP
from ..load.confine import UNCONFINED
from ..load.paths import display_path
from ..model import FAIL_ON, SEVERITIES, CheckResult, severity_rank
from ..pipeline import Stages, check
from ..problems import InputError, Problem, UsageError
from ..report import FORMATS, render
from ..report.terminal import summary
from ..report.view import MARKDOWN_MAX_BYTES, View
from ..review.baseline import load_baseline
from ..review.suppressions import load_suppressions, today
from ..review.triage import triage
from ..safety.sanitise import guard
from .common import add_inputs, before_run, configured, count, inputs, up_to
from .outputs import check_destinations, identity, refuse_inputs, shown, write_all, write_stdout
from .progress import shown as progress_shown

FORMAT_PATH = re.compile(r"\A([A-Za-z][\w-]*)=(.+)\Z", re.S)  # `json=out/report.json`; `./a=b` is a path


def register(commands) -> None:
    run = commands.add_parser("check", help="check facts against rules and report the flags")
    add_inputs(run)
    run.add_argument("-f", "--format", choices=sorted(FORMATS),
                     help="report format on stdout (default: terminal; github under GitHub Actions)")
    run.add_argument("-o", "--output", action="append", default=[], metavar="[FORMAT=]FILE",
                     help="also write the report as FORMAT to FILE, repeatable; a bare FILE takes the "
                     "--format report instead of stdout")
    run.add_argument("--fail-on", choices=FAIL_ON,
                     help="exit 1 when a flag is at or above this severity (default: error)")
    run.add_argument("--max-warnings", type=count, metavar="N", help="exit 1 when there are more than N warnings")
    run.add_argument("--baseline", type=Path, metavar="FILE", help="fail only on flags FILE does not list "
                     "(written by `claimrules baseline`)")
    run.add_argument("--suppressions", type=Path, metavar="FILE",
                     help="YAML list of accepted flags, each with a reason")
    run.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                     help="colour the terminal report (default: auto: when stdout is a terminal, unless NO_COLOR "
                     "is set and not empty; FORCE_COLOR set and not empty forces it)")
    run.add_argument("-j", "--jobs", type=up_to(MAX_JOBS), default=None, metavar="N",
                     help="processes for loading facts and running the engine; facts are split so no join "
                     f"crosses processes, and the flags are the same (default: one per CPU, at most {MAX_AUTO_JOBS}; "
                     "small runs use one)")
    run.add_argument("--max-group", type=up_to(MAX_GROUP_LIMIT), default=MAX_GROUP, metavar="N",
                     help=f"facts per shared join key that join rules compare (default: {MAX_GROUP}); past it a "
                     "warning says what was left out")
    run.add_argument("--min-severity", choices=SEVERITIES,
                     help="lowest severity the terminal report shows (default: info); the exit code still "
                     "follows --fail-on")
    run.add_argument("--max-bytes", type=up_to(MAX_BYTES_LIMIT), default=None, metavar="N",
                     help=f"largest Markdown report in bytes (default: {MARKDOWN_MAX_BYTES:,}, under GitHub's 1 MiB "
                     "job summary; 65536 fits a pull-request comment); past it the least severe flags are left out")
    run.add_argument("--explain", action="store_true",
                     help="say for each flag which conditions matched which values (a `why` object in JSON)")


MAX_AUTO_JOBS = 8  # each engine process holds up to runner.CHUNK facts, about 150 MB
MAX_JOBS = 64  # --jobs starts that many engine processes at once: a typo must not fork thousands
MAX_BYTES_LIMIT = 100_000_000
MAX_GROUP_LIMIT = 1_000_000  # a million facts in one join group is already 10^12 activations


def auto_jobs() -> int:
    """The CPUs this process may run on (a container's share, not the machine's), at most MAX_AUTO_JOBS."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_AUTO_JOBS))


def run(args: argparse.Namespace) -> int:
    config = configured(args)
    args.fail_on = args.fail_on or config.fail_on or "error"
    args.max_warnings = config.max_warnings if args.max_warnings is None else args.max_warnings
    args.baseline, args.suppressions = args.baseline or config.baseline, args.suppressions or config.suppressions
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    stdout_format = args.format or config.format or ("github" if in_actions else "terminal")
    files = destinations(args.output, stdout_format) if args.output else list(config.outputs)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY", "") if in_actions else ""
    targets = [(f"the {name} report", path) for name, path in files]
    targets += [("the job summary (GITHUB_STEP_SUMMARY)", Path(step_summary))] if step_summary else []
    _distinct(targets)
    check_destinations(path for _, path in targets)
    refuse_inputs(targets, inputs(args))
    stages = Stages()
    with progress_shown(stages, sys.stderr, args):
        result, warnings = _checked(args, stages, lambda rules, facts: before_run(args, targets, rules, facts))
    view = _view(args, config, files, in_actions)
    with stages.time("report"):  # render everything before writing anything
        reports = {path: render(name, result, view=view) for name, path in files}
        # reports go to files: stdout is the summary line, whatever --format says; but annotations under
        # GitHub Actions stay: they are commands the runner takes off the log, not a report to read
        plain = bool(args.output) and not (in_actions and stdout_format == "github")
        stdout = summary(result) + "\n" if plain else render(
            stdout_format, result, color=_color(args, sys.stdout), view=replace(view, width=_width()))
        if in_actions and stdout_format == "github" and not plain:  # the `::` lines say where, not why
            stdout += _verdict(result, args) + "\n"
        markdown = {Path(step_summary): render("markdown", result, view=view)} if step_summary else {}
    write_all(reports, markdown)
    for warning in warnings:
        print(warning, file=sys.stderr)
    write_stdout(stdout)
    _notes(result, args, stages)
    return result.exit_code(args.fail_on, args.max_warnings)


def _view(args: argparse.Namespace, config, files: list[tuple[str, Path]], in_actions: bool) -> View:
    """The reader's choices, and where the full report is when Markdown has to leave flags out."""
    where = [shown(path) for name, path in files if name != "markdown"]
    env = os.environ
    if in_actions and all(env.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")):
        where.append(f"{env['GITHUB_SERVER_URL']}/{env['GITHUB_REPOSITORY']}/actions/runs/{env['GITHUB_RUN_ID']}")
    return View(min_severity=args.min_severity or config.min_severity or "info", fail_on=args.fail_on,
                max_bytes=args.max_bytes or config.markdown_max_bytes or MARKDOWN_MAX_BYTES,
                full_report=" or ".join(where), help_uri=config.help_uri or "",
                information_uri=config.information_uri or "")


def _width() -> int:
    """The terminal's columns (COLUMNS wins; 80 when stdout is not a terminal)."""
    return shutil.get_terminal_size((80, 24)).columns


def _verdict(result: CheckResult, args: argparse.Namespace) -> str:
    """The totals and why the job fails (or passes), on one line for the job log."""
    severe = [f for f in result.gating() if args.fail_on != "never"
              and severity_rank(f.severity) <= severity_rank(args.fail_on)]
    if severe:
        why = f"fails: {len(severe):,} at or above --fail-on {args.fail_on}"
    elif result.too_many_warnings(args.max_warnings):
        why = f"fails: {result.warning_count():,} warnings, more than --max-warnings {args.max_warnings}"
    else:
        why = "passes: --fail-on never" if args.fail_on == "never" else \
            f"passes: nothing at or above --fail-on {args.fail_on}"
    return f"claimrules: {summary(result)}; {why}"


def destinations(values: list[str], stdout_format: str) -> list[tuple[str, Path]]:
    """(format, path) per --output; unknown formats and a path named twice are usage errors."""
    found = []
    for value in values:
        match = FORMAT_PATH.match(value)
        name, path = (match.group(1), Path(match.group(2))) if match else (stdout_format, Path(value))
        if name not in FORMATS:
            raise UsageError(f"--output {value}: unknown report format `{name}`; known formats: "
                             + ", ".join(sorted(FORMATS)))
        found.append((name, path))
    return found


def _distinct(targets: list[tuple[str, Path]]) -> None:
    """One file named twice, also through a symlink or a hard link, would get only one of the reports."""
    seen: dict[tuple, Path] = {}
    for _, path in targets:
        key = identity(path)
        if key in seen:
            same = "" if os.path.abspath(seen[key]) == os.path.abspath(path) else f" (as {shown(seen[key])})"
            raise UsageError(f"--output names {shown(path)} more than once{same}")
        seen[key] = path


def _checked(args: argparse.Namespace, stages: Stages, before=None) -> tuple[CheckResult, list[Problem]]:
    """Check, then apply the baseline and suppressions; their problems join those of rules and facts."""
    problems: list[Problem] = []
    baseline = suppressions = None
    if args.baseline:
        baseline, found = load_baseline(args.baseline)
        problems += found
    if args.suppressions:
        suppressions, found = load_suppressions(args.suppressions)
        problems += found
    day = today() if args.suppressions else None
    try:
        result = check(args.paths, args.rules, timeout=args.timeout, total=args.timeout_total, stages=stages,
                       selection=getattr(args, "selection", None), explain=getattr(args, "explain", False),
                       max_group=getattr(args, "max_group", MAX_GROUP), jobs=getattr(args, "jobs", None) or auto_jobs(),
                       confine=getattr(args, "confine", UNCONFINED), before_run=before)
    except InputError as exc:
        raise InputError(exc.problems + problems) from None
    if problems:
        raise InputError(problems)
    shown = display_path(args.baseline) if args.baseline else ""
    return triage(result, baseline=baseline, baseline_file=shown, suppressions=suppressions, today=day)


def _notes(result: CheckResult, args: argparse.Namespace, stages: Stages) -> None:
    for note in result.notes:
        print(guard(f"claimrules: warning: {note}"), file=sys.stderr)
    if result.too_many_warnings(args.max_warnings):
        print(f"claimrules: {result.warning_count()} warnings, more than --max-warnings {args.max_warnings}",
              file=sys.stderr)
    if args.stats:
        print(stages.line(), file=sys.stderr)
    logger.info("{} flags; fail-on {}", len(result.flags), args.fail_on)


def _color(args: argparse.Namespace, stream) -> bool:
    """--color, else the conventions: a non-empty NO_COLOR (no-color.org) or FORCE_COLOR (force-color.org)."""
    if args.color != "auto":
        return args.color == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or stream.isatty()
