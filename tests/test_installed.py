"""The first run as a new user has it: claimrules installed from a wheel, run in folders far from this checkout.

The wheel is built once per session from a copy of the sources and installed with --no-deps into a
fresh venv whose only other path is this test venv's site-packages (a .pth file): the dependencies
are reused, but `engine`, the bundled pack and the schemas come from the wheel alone. Building
needs setuptools from the package index (pip's build isolation), as any install does.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = textwrap.dedent("""\
    date 2026-03-02
    The city budget is 40 million euros, the mayor said on Monday.
    Unnamed officials said the plan was a disaster.
    According to the treasurer, the budget is 55 million euros.
    """)


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Path:
    """The `claimrules` script of a venv holding only the wheel (and a path to the test venv's dependencies)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in ("engine", "rules"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"),
                            str(source)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (work / "dist").glob("claimrules-*.whl")
    env = work / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                           str(wheel)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    # only now the path to the dependencies: before the install, pip would see this venv's claimrules
    # (installed, not editable, as CI has it) through it and take the wheel as already installed
    (Path(site) / "_test_venv_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = subprocess.run([str(python), "-c", "import engine; print(engine.__file__)"], capture_output=True,
                           text=True, check=True, cwd=work).stdout
    assert where.startswith(site), where  # not this checkout
    return env / "bin" / "claimrules"


def _run(claimrules: Path, cwd: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(claimrules), *argv], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)})


def test_an_article_in_an_empty_folder_is_extracted_and_checked(installed, tmp_path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    done = _run(installed, tmp_path, "check", "article.txt")
    assert done.returncode in (0, 1), done.stderr
    assert "no facts file for article.txt: extracted" in done.stderr
    assert "running the bundled default pack" in done.stderr
    assert re.search(r"^article\.txt\n +\d+:\d+ (error|warning|info): .*\n?.*\[[a-z-]+\]$", done.stdout, re.M)
    assert re.search(r"^\d+ flags? \(.*\) in 1 document, \d+ facts, 12 rules$", done.stdout, re.M)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


def test_a_subfolder_of_a_project_uses_its_config(installed, tmp_path):
    (tmp_path / "claimrules.yaml").write_text("facts: [articles]\nextends: [default]\nfail-on: never\n")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "budget.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "desk").mkdir()
    done = _run(installed, tmp_path / "desk", "check")
    assert done.returncode == 0, done.stderr  # fail-on: never, from ../claimrules.yaml
    assert re.search(r"^\.\./articles/budget\.md\n +\d+:\d+ ", done.stdout, re.M)
    assert "bundled default pack" not in done.stderr


def test_an_empty_folder_exits_2_with_the_hint(installed, tmp_path):
    done = _run(installed, tmp_path, "check")
    assert (done.returncode, done.stdout) == (2, "")
    assert "facts:1:1: error: no facts to check [no-facts]" in done.stderr
    assert "hint: searched facts (not there)" in done.stderr


def test_the_installed_schemas_are_written_beside_a_project(installed, tmp_path):
    done = _run(installed, tmp_path, "schema", "--write", "schemas")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == [
        "config.schema.json", "facts.schema.json", "rules.schema.json"]
    assert (tmp_path / "schemas" / "rules.schema.json").read_text() == (ROOT / "engine" / "schemas" /
                                                                        "rules.schema.json").read_text()
