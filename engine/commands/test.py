"""`claimrules test`: run every rule's examples against the real engine, like a test runner."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..authoring.ruletests import run_all, uncovered
from ..pipeline import load_selected
from ..run.runner import DEFAULT_TIMEOUT
from ..safety.sanitise import guard
from .common import default_rules, seconds


def register(commands) -> None:
    run = commands.add_parser("test", help="run the examples written in the rules")
    run.add_argument("rules", nargs="*", type=Path, metavar="PATH",
                     help="rule files or folders (default: the configured rules, rules/, else the bundled pack)")
    run.add_argument("--coverage", action="store_true", help="fail when a rule has no example that fires")
    run.add_argument("-k", dest="select", metavar="TEXT", help="only rules whose id contains TEXT")
    run.add_argument("--timeout", type=seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                     help=f"stop the engine after this long (default: {DEFAULT_TIMEOUT:g})")


def run(args: argparse.Namespace) -> int:
    rules = load_selected(args.rules or default_rules(args, args.config), args.selection, args.confine)
    chosen = [r for r in rules if not args.select or args.select in r.id]
    outcomes = run_all(chosen, rules, args.timeout)
    for outcome in outcomes:
        print(guard(f"{outcome.name} {'PASSED' if outcome.passed else 'FAILED'}"))
    failed = [o for o in outcomes if not o.passed]
    for outcome in failed:
        example = outcome.example
        print(guard(f"\nFAILED {example.path}:{example.line}:{example.column} {outcome.rule.id}::{example.name}"))
        for failure in outcome.failures:
            print(guard(f"  {failure}"))
    gaps = uncovered(chosen) if args.coverage else []
    for rule in gaps:
        print(guard(f"\n{rule.path}:{rule.line}:{rule.column}: error: rule `{rule.id}` has no example that fires "
                    "[no-coverage]\n  hint: add an example whose `expect` lists the flag it raises"))
    if args.coverage:
        covered = sum(1 for r in chosen if r.flags) - len(gaps)
        print(f"\ncoverage: {covered} of {sum(1 for r in chosen if r.flags)} rules have an example that fires")
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed or gaps else 0
