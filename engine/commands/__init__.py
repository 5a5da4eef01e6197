"""Commands: parsed arguments → the stages run → an exit code; one module per subcommand.

Each exposes `register(subparsers)` and `run(args) -> int`; `common` holds what several share and
`outputs` writes the files asked for. With `cli.py`, the only code that prints or exits. A run
imports only its own command's module (`module(name)`): start-up time is most of a small check.
"""

from __future__ import annotations

import importlib
from types import ModuleType

COMMANDS = ("check", "baseline", "lint", "test", "explain", "schema", "init", "extract", "completion")


def module(name: str) -> ModuleType:
    """The module of the command called `name` (one of COMMANDS), imported on first use."""
    return importlib.import_module(f"{__name__}.{name}")
