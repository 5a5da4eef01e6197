"""Shared fixtures: a working copy of the repository's seed project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def seed_project(tmp_path, monkeypatch):
    """A copy of seeds/, facts/ and rules/ as the working directory, outside any CI environment."""
    for name in ("seeds", "facts", "rules"):
        shutil.copytree(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path
