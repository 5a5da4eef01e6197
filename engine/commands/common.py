"""What several commands share: the options that say what to check, and how the config fills them in."""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
from collections.abc import Callable
from pathlib import Path

from ..load.config import Config
from ..load.confine import UNCONFINED
from ..load.documents import DOCUMENT_SUFFIXES
from ..load.paths import FACT_SUFFIXES, YAML_SUFFIXES, display_path, expand
from ..model import FactSet
from ..pipeline import Selection
from ..problems import InputError, Problem
from ..run.runner import DEFAULT_TIMEOUT
from ..safety import deadline
from .outputs import refuse_inputs


def add_inputs(parser: argparse.ArgumentParser) -> None:
    """The options that say what to check, shared with `claimrules baseline`."""
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="facts files (.yaml, .jsonl), articles (.txt, .md: a reviewed facts file naming the "
                        "article wins, else a draft is extracted) or folders of both (default: the configured "
                        "facts, else facts/)")
    parser.add_argument("-r", "--rules", action="append", type=Path, metavar="PATH",
                        help="rule files or folders, repeatable (default: the configured rules, rules/)")
    parser.add_argument("--timeout", type=seconds, metavar="SECONDS",
                        help=f"stop an engine part (about 10,000 facts) after this long (default: {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--timeout-total", type=seconds, metavar="SECONDS",
                        help="stop the whole check, loading included, after this long (default: no limit)")
    parser.add_argument("--stats", action="store_true", help="print the time of each stage on stderr")
    parser.add_argument("--allow-empty", action="store_true",
                        help="accept a run with no facts or no rules (otherwise bad input, exit 2)")


def configured(args: argparse.Namespace) -> Config:
    """Fill what the command line left out from the configuration file: the command line wins.

    Articles named on the command line may lie outside the project: the user chose them.
    """
    config = getattr(args, "config", None) or Config()
    named = [p for p in args.paths if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file()]
    args.confine = getattr(args, "confine", UNCONFINED).allowing(named)
    args.searched = args.paths or list(config.facts)
    # the built-in default `facts/` that is not there: nothing to check (exit 2 with a hint), not a missing file
    defaulted = not args.paths and "facts" not in config.positions
    args.paths = _with_articles([p for p in args.searched if not defaulted or p.exists()])
    if any(p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file() for p in args.paths):
        # the extractor (and its word tables) loads only when an article is to be checked
        from ..extract import facts_for_documents

        args.paths = facts_for_documents(args.paths, facts_dirs=list(config.facts))
    args.rules = args.rules or default_rules(args, config)
    args.timeout = (config.timeout or DEFAULT_TIMEOUT) if args.timeout is None else args.timeout
    return config


def _with_articles(paths: list[Path]) -> list[Path]:
    """Folders also name the articles (.txt, .md) under them: a reviewed facts file for one still wins."""
    found, seen = list(paths), set(paths)
    for folder in (p for p in paths if p.is_dir()):
        articles = sorted(p for p in folder.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES and p not in seen
                          and p.is_file())
        found += articles
        seen.update(articles)
    return found


def default_rules(args: argparse.Namespace, config: Config) -> list[Path]:
    """The configured rules; with none named anywhere and no `rules/` folder, the bundled default pack."""
    if "rules" in config.positions or all(p.exists() for p in config.rules):
        return list(config.rules)
    if config.extends:  # `extends: [default]` alone: the packs are the rules
        return []
    selection = getattr(args, "selection", None) or Selection()
    args.selection = dataclasses.replace(selection, extends=("default",))
    print("claimrules: no rules/ folder and no rules in a configuration: running the bundled default pack "
          "(`claimrules init` writes a project with its own rules)", file=sys.stderr)
    return []


def inputs(args: argparse.Namespace) -> list[tuple[str, Path]]:
    """The files a run reads that are known before loading: configuration, baseline, suppressions, facts, rules."""
    config = getattr(args, "config", None)
    found = [("configuration", Path(config.path))] if config is not None and config.path else []
    found += [(what, path) for what, path in (("baseline", getattr(args, "baseline", None)),
                                               ("suppressions", getattr(args, "suppressions", None))) if path]
    found += [("facts file", path) for path in expand(args.searched, FACT_SUFFIXES)[0]]
    found += [("rules file", path) for path in expand(args.rules, YAML_SUFFIXES)[0]]
    return found


def before_run(args: argparse.Namespace, targets: list[tuple[str, Path]], rules: list, facts: FactSet) -> None:
    """Once loaded: refuse an empty run unless asked for, and outputs over a document or a pack's rule file."""
    if not getattr(args, "allow_empty", False):
        empty = [(what, paths) for what, paths, count in (("facts", args.searched, len(facts.facts)),
                                                         ("rules", args.rules, len(rules))) if not count]
        if empty:
            raise InputError([_empty(what, paths) for what, paths in empty])
    loaded = [("document", Path(path)) for path in facts.documents]
    loaded += [("rules file", Path(path)) for path in sorted({rule.path for rule in rules})]
    refuse_inputs(targets, loaded)


def _empty(what: str, paths: list[Path]) -> Problem:
    searched = ", ".join(_searched(p) for p in paths) or "nothing"
    kinds = (".yaml, .yml and .jsonl files and .txt and .md articles" if what == "facts"
             else ".yaml and .yml files (and the packs extended)")
    name = "name facts files, articles or folders" if what == "facts" else "name rule files or folders"
    return Problem(display_path(paths[0]) if paths else ".", 1, 1, f"no-{what}", f"no {what} to check",
                   f"searched {searched} for {kinds}; {name}, or pass --allow-empty")


def _searched(path: Path) -> str:
    """A folder searched as the user would type it, and whether it was there at all."""
    shown = display_path(path)
    if path.is_dir():
        return shown.rstrip("/") + "/"
    return shown if path.exists() else f"{shown} (not there)"


def seconds(text: str) -> float:
    """A --timeout: `inf`, `nan`, `1e300`, 0 and negatives are usage errors, not a crash or a hang."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    wrong = deadline.problem(value)
    if wrong:
        raise argparse.ArgumentTypeError(f"{wrong}, got {text!r}")
    return value


def count(text: str, limit: int | None = None) -> int:
    try:
        value = int(text) if len(text) < 20 else -1  # no 4,300-digit conversions
    except ValueError:
        value = -1
    if value < 0 or (limit is not None and value > limit):
        bound = f" to {limit:,}" if limit is not None else ""
        raise argparse.ArgumentTypeError(f"expected a whole number from 0{bound}, got {text!r}")
    return value


def up_to(limit: int) -> Callable[[str], int]:
    """An argparse type: a whole number from 0 to `limit`."""
    def whole(text: str) -> int:
        return count(text, limit)
    whole.__name__ = "count"  # argparse names the type in its messages
    return whole
