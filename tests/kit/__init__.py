"""Build tiny claimrules projects in a temp folder: one document, its facts, some rules."""

from __future__ import annotations

import contextlib
import io
import os
import textwrap
from pathlib import Path

import yaml

from engine.cli import main
from engine.model import CheckResult
from engine.pipeline import check


def write_project(root: Path, rules: str, facts: list[dict], *, published: str = "2026-01-29",
                  entities: list[dict] | None = None) -> Path:
    """A document whose lines are the facts' quotes, a facts file and a rules file."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "facts").mkdir(exist_ok=True)
    (root / "rules").mkdir(exist_ok=True)
    facts = [{"text": f"claim {f['id']}", "quote": f"quote of {f['id']}", "kind": "state", **f} for f in facts]
    lines = [f" date {published}"] + [f["quote"] for f in facts]
    (root / "seeds" / "doc.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    entities = entities if entities is not None else [
        {"id": "ann", "name": "Ann Example", "type": "official"},
        {"id": "bob", "name": "Bob Example", "type": "official"},
        {"id": "agency", "name": "The Agency", "type": "institution"},
        {"id": "wire", "name": "Wire Service", "type": "outlet"},
    ]
    body = {"document": {"path": "../seeds/doc.txt"}, "entities": entities, "facts": facts}
    (root / "facts" / "doc.yaml").write_text(yaml.safe_dump(body, sort_keys=False, allow_unicode=True),
                                             encoding="utf-8")
    (root / "rules" / "rules.yaml").write_text(textwrap.dedent(rules), encoding="utf-8")
    return root


def run_project(root: Path) -> CheckResult:
    return check([root / "facts"], [root / "rules"])


def found(root: Path, rules: str, facts: list[dict], **kwargs) -> dict[str, list[tuple[str, ...]]]:
    """Per rule id, the fact ids of each flag, in report order."""
    result = run_project(write_project(root, rules, facts, **kwargs))
    out: dict[str, list[tuple[str, ...]]] = {}
    for flag in result.flags:
        out.setdefault(flag.rule, []).append(tuple(f.id for f in flag.facts))
    return {rule: sorted(ids) for rule, ids in out.items()}


def run_cli(argv: list[str], cwd: Path) -> tuple[int, str, str]:
    """The command line run in-process from `cwd`: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        os.chdir(here)
    return code, out.getvalue(), err.getvalue()
