"""`claimrules explain RULE`: a rule in plain words, its examples, and the engine JSON it becomes."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..authoring.describe import describe
from ..compile.compiler import compile_rules
from ..derive import upstream
from ..pipeline import load_selected
from ..problems import UsageError, did_you_mean
from ..safety.sanitise import guard
from .common import default_rules


def register(commands) -> None:
    run = commands.add_parser("explain", help="show a rule in plain words and the engine JSON it compiles to")
    run.add_argument("rule_id", metavar="RULE", help="the id of the rule to explain")
    run.add_argument("-r", "--rules", action="append", type=Path, metavar="PATH",
                     help="rule files or folders (default: the configured rules, rules/, else the bundled pack)")


def run(args: argparse.Namespace) -> int:
    rules = load_selected(args.rules or default_rules(args, args.config), args.selection, args.confine)
    by_id = {r.id: r for r in rules}
    if args.rule_id not in by_id:
        raise UsageError(f"no rule `{args.rule_id}`; {did_you_mean(args.rule_id, by_id)}")
    rule = by_id[args.rule_id]
    lines = [describe(rule), f"  Defined at {rule.path}:{rule.line}:{rule.column}"]
    for example in rule.examples:
        verdict = f"flags {len(example.expect)}" if example.fires else "must not flag"
        facts = ", ".join(f.id for f in example.facts.facts)
        lines.append(f"  Example “{example.name}” ({verdict}): facts {facts}")
    program = compile_rules(upstream(rule, rules))
    engine = {name: body for ruleset in program.rulesets for name, body in ruleset.items()
              if program.engine_rules[name].rule == rule.id}
    lines.append("  Engine rules (durable_rules JSON, one pattern per line):")
    for name, body in engine.items():
        lines.append(f"    {name}:")
        for pattern in body["all"]:
            lines.append("      " + json.dumps(pattern, ensure_ascii=False))
    if program.predicates:
        lines.append("  Decided in Python before facts go in:")
        for name, key, op, arg in program.predicates:
            lines.append(f"    {name} = {key} {op} {arg!r}")
    decided = {name: tests for name, tests in program.pairs.items() if name in engine}
    if decided:
        lines.append("  Decided in Python on each match the engine makes:")
        for name, tests in decided.items():
            aliases = program.engine_rules[name].aliases
            lines += [f"    {name}: {aliases[i]}.{key} {op} {aliases[j]}.{other}, at least {arg.at_least:g}"
                      for i, key, j, other, op, arg in tests]
    print(guard("\n".join(lines)))  # help, messages and names are user text
    return 0
