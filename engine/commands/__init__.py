"""One module per subcommand, each exposing `register(subparsers)` and `run(args) -> int`."""

from __future__ import annotations

from . import check

COMMANDS = {"check": check}
