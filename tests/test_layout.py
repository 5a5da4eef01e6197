"""The tree is the architecture: stage packages, one row per operator, one catalogue of problem codes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from engine.operators import OPERATORS
from engine.problems import CODES

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ROOT / "engine"
README = (ROOT / "README.md").read_text(encoding="utf-8")
CODE = re.compile(r"\A[a-z]+(-[a-z]+)*\Z")


def _modules() -> list[Path]:
    return sorted(p for p in ENGINE.rglob("*.py") if "__pycache__" not in p.parts)


def _section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 3)
    return README[start:end if end != -1 else None]


def test_engine_has_at_most_ten_top_level_modules():
    top = sorted(p.name for p in ENGINE.glob("*.py"))
    assert len(top) <= 10, top


def test_every_stage_package_says_what_it_takes_and_gives():
    for init in sorted(ENGINE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "→" in doc or ("Takes" in doc and "gives" in doc), init


def test_the_readme_layout_lists_every_module():
    layout = _section("Layout of the code")
    for path in _modules():
        folder = path.parent.relative_to(ROOT).as_posix()
        heading = "### `engine/` " if folder == "engine" else f"### `{folder}/`"
        block = layout[layout.index(heading):]
        block = block[:block.find("\n### ", 4)]
        assert f"| `{path.name}` |" in block, f"{path.relative_to(ROOT)} is not in README's layout"


def _string_constants(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def test_operator_knowledge_lives_in_one_module():
    """Adding an operator is one row in operators.py: elsewhere only the YAML shorthand and lint's clashes name them."""
    allowed = {"engine/operators.py", "engine/load/rules.py", "engine/authoring/lint.py"}
    naming = set()
    for path in _modules():
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("engine/extract/"):
            continue  # English words (`in`, `after`), not operators
        found = _string_constants(path) & set(OPERATORS)
        if rel == "engine/authoring/jsonschemas.py":
            found -= {"not"}  # the JSON Schema keyword
        if found:
            naming.add(rel)
    assert naming == allowed
    rules_names = _string_constants(ENGINE / "load" / "rules.py") & set(OPERATORS)
    assert rules_names <= {"equals", "in", "not"}  # `field: x`, `field: [x, y]`; `not` as in the error text


def test_every_operator_row_is_complete():
    for name, op in OPERATORS.items():
        assert op.doc and op.schema and "{arg}" in op.phrase or name in ("exists", "missing"), name
        assert (op.check is not None) != op.reference, name  # constants are decided, references joined
        decided = [op.join, op.time, op.pair]  # a reference is decided one way: by value, by period or pair
        assert (op.reference or op.orders) == any(d is not None for d in decided), name
        assert sum(d is not None for d in decided) <= 1, name


def _emitted_codes() -> dict[str, str]:
    """Every constant code passed to Problem(...) or a `*problem(...)` helper in the package."""
    found: dict[str, str] = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "Problem" or name.endswith("problem"):
                code = next((a.value for a in node.args if isinstance(a, ast.Constant)
                             and isinstance(a.value, str) and CODE.match(a.value)), None)
                if code:
                    found.setdefault(code, path.relative_to(ROOT).as_posix())
    return found


def test_every_code_a_loader_emits_is_in_the_catalogue():
    emitted = _emitted_codes()
    assert len(emitted) > 40
    assert {c: p for c, p in emitted.items() if c not in CODES} == {}


def test_the_readme_lists_the_catalogue_exactly():
    table = re.findall(r"^\| `([a-z-]+)` \| (.+?) \| (.+?) \|$", _section("Problem codes"), flags=re.M)
    assert [code for code, _, _ in table] == list(CODES)
    for code, means, fix in table:
        assert means.replace("\\|", "|") == CODES[code].means and fix.replace("\\|", "|") == CODES[code].fix, code
