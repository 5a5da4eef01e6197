"""Project configuration: `claimrules.yaml`, or `[tool.claimrules]` in pyproject.toml.

Validated up front like rules (unknown keys are errors, with a suggestion); paths are
relative to the file that names them. Command-line options win over the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import FAIL_ON, SEVERITIES
from ..problems import InputError, Problem, did_you_mean
from ..safety import deadline
from .confine import MAX_DOCUMENT_BYTES, Confinement
from .mapping import check_mapping, unknown_keys
from .packs import BUNDLED
from .paths import display_path
from .yamlsrc import Located, load, read_text

CONFIG_NAME = "claimrules.yaml"
KEYS = {
    "facts": "facts files or folders to check (default: [facts])",
    "rules": "rule files or folders (default: [rules])",
    "extends": "rule packs to load first: a bundled name (`default`) or a path",
    "fail-on": "lowest severity that fails the check: " + ", ".join(FAIL_ON),
    "max-warnings": "fail when there are more warnings than this",
    "format": "report format on stdout",
    "outputs": "more reports to write, as a mapping of format to path",
    "disable": "rule ids to switch off",
    "severity": "severity per rule id, overriding the rule's own",
    "baseline": "baseline file: fail only on flags that are not in it",
    "suppressions": "file of reviewed, accepted flags",
    "timeout": "seconds before the engine is stopped",
    "extra-roots": "folders outside the project that documents and packs may come from (articles kept elsewhere)",
    "max-document-bytes": f"largest document (article) read, in bytes (default: {MAX_DOCUMENT_BYTES:,})",
    "min-severity": "lowest severity the terminal report shows: " + ", ".join(SEVERITIES) + " (the exit code "
                    "still follows fail-on)",
    "markdown-max-bytes": "largest Markdown report, in bytes; past it the least severe flags are left out",
    "help-uri": "each rule's help page for SARIF, `{rule}` standing for its id, e.g. "
                "https://example.org/rules/{rule}",
    "information-uri": "the project's page about its checks, for SARIF (https://…)",
}
READS = ("facts", "rules", "extends", "suppressions")  # may also come from an extra root
WRITES = ("outputs", "baseline")  # `claimrules baseline` writes the baseline: inside the project only


@dataclass(frozen=True)
class Config:
    path: str | None = None  # where it came from; None for the built-in defaults
    facts: tuple[Path, ...] = (Path("facts"),)
    rules: tuple[Path, ...] = (Path("rules"),)
    extends: tuple[str, ...] = ()
    fail_on: str | None = None
    max_warnings: int | None = None
    format: str | None = None
    outputs: tuple[tuple[str, Path], ...] = ()
    disable: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    baseline: Path | None = None
    suppressions: Path | None = None
    timeout: float | None = None
    extra_roots: tuple[Path, ...] = ()
    max_document_bytes: int | None = None
    min_severity: str | None = None
    markdown_max_bytes: int | None = None
    help_uri: str | None = None
    information_uri: str | None = None
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)

    def where(self, key: str) -> tuple[str, int, int]:
        """Location of a key, for problems found later (an unknown rule id in `disable`)."""
        return (self.path or CONFIG_NAME, *self.positions.get(key, (1, 1)))

    def escapes(self, confine: Confinement) -> list[Problem]:
        """Paths the file names that resolve outside the project (or, for reads, outside an extra root)."""
        problems = []
        for key in [k for k in READS + WRITES if k in self.positions]:  # defaults are the caller's, not the file's
            value = getattr(self, key.replace("-", "_"))
            paths = [v[1] if isinstance(v, tuple) else v for v in (value if isinstance(value, tuple) else [value])]
            paths = [Path(p) for p in paths if p is not None and (key != "extends" or str(p) not in BUNDLED)]
            for path in paths:
                if confine.outside(path, writing=key in WRITES):
                    assert confine.roots is not None  # outside() is False when there are no roots
                    problems.append(Problem(*self.where(key), "outside-root",
                                            f"`{key}`: {display_path(path)} is outside the project",
                                            confine.hint() if key in READS else
                                            f"write it under the project root {confine.roots[0]}"))
        return problems


def find(start: Path) -> Path | None:
    """claimrules.yaml, else a pyproject.toml with a [tool.claimrules] table, in `start` or the nearest parent.

    Like git, ruff and Vale, so a command run in a subfolder uses its project's configuration; the path
    is returned as the user would type it from `start` (`../claimrules.yaml`), for messages.
    """
    for up in range(len(start.resolve().parents) + 1):
        folder = start.joinpath(*[".."] * up)
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.claimrules" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    """The configuration at `path` (None: defaults), or InputError with every problem."""
    if path is None:
        return Config()
    shown = display_path(path)
    text, problems = read_text(path, shown)
    if text is None:
        raise InputError(problems)
    src, problems = _parse(text, shown, path.name == "pyproject.toml")
    if src is None:
        raise InputError(problems)
    config, problems = _validate(src, path.parent)
    if problems:
        raise InputError(problems)
    return config


def _parse(text: str, shown: str, toml: bool) -> tuple[Located | None, list[Problem]]:
    if not toml:
        return load(text, shown)
    import tomllib  # only for a pyproject.toml: most projects have a claimrules.yaml

    try:
        data = tomllib.loads(text).get("tool", {}).get("claimrules", {})
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(shown, getattr(exc, "lineno", 1) or 1, getattr(exc, "colno", 1) or 1, "toml-syntax",
                              str(exc).split(" (at")[0])]
    rows = text.splitlines()
    line = next((i for i, row in enumerate(rows, 1) if row.strip().startswith("[tool.claimrules")), 1)
    src = Located(shown, data, {(): (line, 1)})
    for key in data if isinstance(data, dict) else ():
        found = next((i for i in range(line, len(rows)) if rows[i].lstrip().startswith((key, f'"{key}"'))), None)
        if found is not None:
            src.keys[(key,)] = src.values[(key,)] = (found + 1, len(rows[found]) - len(rows[found].lstrip()) + 1)
    return src, []


def _validate(src: Located, base: Path) -> tuple[Config, list[Problem]]:
    data, problems = check_mapping(src, (), src.data if src.data is not None else {}, "the configuration")
    problems += unknown_keys(src, (), data, KEYS, "configuration")
    values: dict[str, Any] = {}
    for key, raw in data.items():
        if key in KEYS:
            value, error = CHECKS[key](raw, base)
            if error:
                problems.append(src.problem((key,), "invalid-value", f"`{key}`: {error}", KEYS[key]))
            else:
                values[key.replace("-", "_")] = value
    positions = {key: src.at((key,)) for key in data}
    defaults = {"facts": (base / "facts",), "rules": (base / "rules",)}  # the project's, wherever it is run from
    return Config(src.path, **{**defaults, **values}, positions=positions), problems


def _paths(raw: Any, base: Path) -> tuple[Any, str | None]:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not items or not all(isinstance(i, str) and i for i in items):
        return None, "expected a path or a list of paths"
    return tuple(base / i for i in items), None


def _rule_paths(raw: Any, base: Path) -> tuple[Any, str | None]:
    """Like `_paths`, but `[]` is fine: a project may run only the packs it `extends`."""
    return ((), None) if raw == [] else _paths(raw, base)


def _names(raw: Any, base: Path) -> tuple[Any, str | None]:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
        return None, "expected a name or a list of names"
    return tuple(items), None


def _packs(raw: Any, base: Path) -> tuple[Any, str | None]:
    names, error = _names(raw, base)
    return (tuple(n if "/" not in n and not n.endswith((".yaml", ".yml")) else str(base / n) for n in names),
            None) if not error else (None, error)


def _choice(choices: tuple[str, ...]):
    def check(raw: Any, base: Path) -> tuple[Any, str | None]:
        return (raw, None) if raw in choices else (None, did_you_mean(str(raw), choices))
    return check


def _count(raw: Any, base: Path) -> tuple[Any, str | None]:
    ok = isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0
    return (raw, None) if ok else (None, "expected a whole number, 0 or more")


def _positive(raw: Any, base: Path) -> tuple[Any, str | None]:
    ok = isinstance(raw, int) and not isinstance(raw, bool) and raw > 0
    return (raw, None) if ok else (None, "expected a whole number, 1 or more")


def _seconds(raw: Any, base: Path) -> tuple[Any, str | None]:
    if not isinstance(raw, (int, float)) or isinstance(raw, bool):
        return None, "expected a positive number of seconds"
    wrong = deadline.problem(float(raw))
    return (None, wrong) if wrong else (float(raw), None)


def _path(raw: Any, base: Path) -> tuple[Any, str | None]:
    return (base / raw, None) if isinstance(raw, str) and raw else (None, "expected a path")


def _outputs(raw: Any, base: Path) -> tuple[Any, str | None]:
    from ..report import FORMATS
    if not isinstance(raw, dict) or not all(isinstance(v, str) and v for v in raw.values()):
        return None, "expected a mapping of format to path, e.g. `sarif: reports/claimrules.sarif`"
    unknown = [k for k in raw if k not in FORMATS]
    if unknown:
        return None, f"unknown format `{unknown[0]}`; {did_you_mean(str(unknown[0]), FORMATS)}"
    return tuple((k, base / v) for k, v in raw.items()), None


def _severities(raw: Any, base: Path) -> tuple[Any, str | None]:
    if not isinstance(raw, dict):
        return None, "expected a mapping of rule id to severity"
    bad = [v for v in raw.values() if v not in SEVERITIES]
    if bad:
        return None, f"unknown severity `{bad[0]}`; {did_you_mean(str(bad[0]), SEVERITIES)}"
    return tuple(sorted(raw.items())), None


def _format(raw: Any, base: Path) -> tuple[Any, str | None]:
    from ..report import FORMATS
    return _choice(tuple(FORMATS))(raw, base)


def _uri(template: bool):
    """An absolute http(s) URL on one line; with `template`, `{rule}` may stand for the rule id."""
    def check(raw: Any, base: Path) -> tuple[Any, str | None]:
        if not isinstance(raw, str) or not re.fullmatch(r"https?://[^\s{}]+", raw.replace("{rule}", "x") if template
                                                         else raw):
            example = "https://example.org/rules/{rule}" if template else "https://example.org/checks"
            extra = " with `{rule}` for the rule id" if template else ""
            return None, f"expected an http(s) URL{extra}, e.g. {example}"
        return raw, None
    return check


CHECKS = {
    "facts": _paths, "rules": _rule_paths, "extends": _packs, "fail-on": _choice(FAIL_ON),
    "max-warnings": _count, "format": _format, "outputs": _outputs, "disable": _names,
    "severity": _severities, "baseline": _path, "suppressions": _path, "timeout": _seconds,
    "extra-roots": _paths, "max-document-bytes": _positive, "min-severity": _choice(SEVERITIES),
    "markdown-max-bytes": _positive, "help-uri": _uri(True), "information-uri": _uri(False),
}
