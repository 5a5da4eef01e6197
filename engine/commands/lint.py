"""`claimrules lint`: validate rules, facts and config without running the engine."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..authoring.lint import lint_rules
from ..load.confine import Confinement
from ..load.factfiles import load_facts
from ..load.paths import FACT_SUFFIXES, expand
from ..load.yamlsrc import load, read_text
from ..pipeline import load_selected
from ..problems import Problem, attempt
from ..safety.sanitise import guard, workflow_data, workflow_property
from .common import default_rules
from .outputs import write_stdout

FORMATS = ("text", "json", "github")


def register(commands) -> None:
    run = commands.add_parser("lint", help="validate rules, facts and config; find rules that cannot match")
    run.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                     help="rule and facts files or folders (default: the configured rules and facts)")
    run.add_argument("--format", choices=FORMATS, default="text", dest="lint_format",
                     help="how problems are printed: text (path:line:column), json, or github annotations")
    run.add_argument("--strict", action="store_true", help="exit 1 on warnings too")


def _configured_facts(config) -> list[Path]:
    """The configured facts; the built-in default `facts/` only when it is there (nothing to lint is fine)."""
    return [p for p in config.facts if "facts" in config.positions or p.exists()]


def run(args: argparse.Namespace) -> int:
    config_problems = list(args.config_problems)
    rule_paths, fact_paths, missing = _split(args.paths, args.confine) if args.paths else (
        default_rules(args, args.config), _configured_facts(args.config), [])
    rules, problems = attempt(lambda: load_selected(rule_paths, args.selection, args.confine))
    facts, fact_problems = attempt(lambda: load_facts(fact_paths, args.confine)) if fact_paths else (None, [])
    problems = config_problems + missing + problems + fact_problems
    if rules is not None:
        problems += lint_rules(rules, facts)
    problems = sorted(set(problems))
    write_stdout(render(problems, args.lint_format))
    if any(p.severity == "error" for p in problems):
        return 2
    return 1 if args.strict and problems else 0


def _split(paths: list[Path], confine: Confinement) -> tuple[list[Path], list[Path], list[Problem]]:
    """Sort named files into rule files and facts files by what they contain."""
    files, missing = expand(paths, FACT_SUFFIXES, confine)
    rules: list = []
    facts: list = []
    for path in files:
        (facts if _looks_like_facts(path) else rules).append(path)
    return rules, facts, missing


def _looks_like_facts(path: Path) -> bool:
    """JSON Lines, YAML with facts keys, or (empty, unreadable) a file under a `facts` folder."""
    if path.suffix == ".jsonl":
        return True
    text, _ = read_text(path, str(path))
    src, _ = load(text, str(path)) if text is not None else (None, [])
    data = getattr(src, "data", None)
    if isinstance(data, dict) and {"rules", "extends"} & set(data):
        return False
    if isinstance(data, dict) and {"document", "facts", "entities"} & set(data):
        return True
    return "facts" in path.parent.parts


def render(problems: list[Problem], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([{"path": p.path, "line": p.line, "column": p.column, "severity": p.severity,
                            "code": p.code, "message": p.message, "hint": p.hint} for p in problems],
                          indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return "".join(_annotation(p) + "\n" for p in problems)
    errors = sum(p.severity == "error" for p in problems)
    tail = f"{errors} error(s), {len(problems) - errors} warning(s)\n" if problems else "no problems\n"
    return guard("".join(f"{p}\n" for p in problems) + tail)


def _annotation(problem: Problem) -> str:
    props = {"file": problem.path, "line": problem.line, "col": problem.column,
             "title": f"claimrules lint: {problem.code}"}
    text = ",".join(f"{key}={workflow_property(str(value))}" for key, value in props.items())
    message = problem.message + (f"\nhint: {problem.hint}" if problem.hint else "")
    return f"::{problem.severity} {text}::{workflow_data(message)}"
