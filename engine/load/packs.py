"""Rule packs: find rule files, follow `extends` to the packs they build on, apply overrides.

A pack is a rule file or folder. `extends` names a bundled pack (`default`) or a path.
Rules of an extending pack replace same-id rules of the packs it extends; the project's
configuration can then switch rules off or change their severity.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, did_you_mean
from ..rulemodel import Rule
from .confine import UNCONFINED, Confinement
from .paths import YAML_SUFFIXES, display_path, expand
from .yamlsrc import Located, load, read_text

BUNDLED = ("default",)


def bundled(name: str) -> Path | None:
    """The default pack: packaged inside `engine` when installed, `rules/` in a source checkout."""
    if name not in BUNDLED:
        return None
    installed = Path(__file__).parents[1] / "packs" / name
    if installed.is_dir():
        return installed
    source = Path(__file__).resolve().parents[2] / "rules"
    return source if source.is_dir() else None


def _is_bundled(path: Path) -> bool:
    return any(path.is_relative_to(pack.resolve()) for pack in map(bundled, BUNDLED) if pack is not None)


@dataclass
class Source:
    src: Located
    level: int  # 0: named by the user; 1: extended by a level-0 file; …


def collect(paths: Iterable[Path], extends: Iterable[str] = (),
            confine: Confinement = UNCONFINED) -> tuple[list[Source], list[Problem]]:
    """Every rule file to load, extended packs first (deepest level first); packs stay inside the project."""
    sources: list[Source] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def visit(files: list[Path], level: int, trail: tuple[Path, ...]) -> None:
        for path in files:
            resolved = path.resolve()
            if resolved in trail:
                problems.append(Problem(display_path(path), 1, 1, "extends-cycle", "pack extends itself",
                                        " → ".join(display_path(p) for p in trail + (resolved,))))
                continue
            if resolved in seen:
                continue
            seen.add(resolved)
            if level and confine.outside(path) and not _is_bundled(resolved):  # a link out of a pack folder
                problems.append(Problem(display_path(path), 1, 1, "outside-root", "rule pack file is outside "
                                        "the project", confine.hint()))
                continue
            src = _read(path, problems)
            if src is None:
                continue
            for base in _extends(src, path.parent, problems, confine):
                found, missing = expand([base], YAML_SUFFIXES, confine)
                problems.extend(missing)
                visit(found, level + 1, trail + (resolved,))
            sources.append(Source(src, level))

    for name in extends:
        pack = bundled(name) or Path(name)
        if not pack.exists():
            problems.append(Problem("claimrules.yaml", 1, 1, "unknown-pack", f"no rule pack `{name}`",
                                    did_you_mean(name, BUNDLED) + " (or a path)"))
            continue
        if not bundled(name) and confine.outside(pack):
            problems.append(Problem("claimrules.yaml", 1, 1, "outside-root", f"rule pack `{name}` is outside "
                                    "the project", confine.hint()))
            continue
        found, escaped = expand([pack], YAML_SUFFIXES, confine)
        problems.extend(escaped)
        visit(found, 1, ())
    files, missing = expand(paths, YAML_SUFFIXES, confine)
    problems.extend(missing)
    visit(files, 0, ())
    return sorted(sources, key=lambda s: -s.level), problems


def _read(path: Path, problems: list[Problem]) -> Located | None:
    text, found = read_text(path, display_path(path))
    problems.extend(found)
    if text is None:
        return None
    src, found = load(text, display_path(path))
    problems.extend(found)
    return src


def _extends(src: Located, base: Path, problems: list[Problem], confine: Confinement) -> list[Path]:
    raw = src.data.get("extends") if isinstance(src.data, dict) else None
    if raw is None:
        return []
    names = [raw] if isinstance(raw, str) else raw
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        problems.append(src.problem(("extends",), "wrong-type", "`extends` must be a pack name or a list of them"))
        return []
    out = []
    for i, name in enumerate(names):
        pack = bundled(name) or base / name
        at = ("extends", i) if isinstance(raw, list) else ("extends",)
        if not pack.exists():
            problems.append(src.problem(at, "unknown-pack", f"no rule pack `{name}`",
                                        did_you_mean(name, BUNDLED) + " (or a path relative to this file)"))
        elif not bundled(name) and confine.outside(pack):
            problems.append(src.problem(at, "outside-root", f"rule pack `{name}` is outside the project",
                                        confine.hint()))
        else:
            out.append(pack)
    return out


def apply_overrides(rules: list[Rule], disable: Iterable[str], severity: Iterable[tuple[str, str]],
                    where: tuple[str, int, int]) -> tuple[list[Rule], list[Problem]]:
    """Switch rules off and change severities; a rule id that does not exist is a problem."""
    known = {r.id for r in rules}
    off, levels = set(disable), dict(severity)
    problems = [Problem(*where, "unknown-rule", f"no rule `{rule_id}` to override", did_you_mean(rule_id, known))
                for rule_id in sorted(off | set(levels)) if rule_id not in known]
    kept = [dataclasses.replace(r, severity=levels.get(r.id, r.severity)) for r in rules if r.id not in off]
    return kept, problems
