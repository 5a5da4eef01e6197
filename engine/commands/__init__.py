"""One module per subcommand, each exposing `register(subparsers)` and `run(args) -> int`."""

from __future__ import annotations

from . import baseline, check, explain, extract, init, lint, schema, test

COMMANDS = {"check": check, "baseline": baseline, "lint": lint, "test": test, "explain": explain,
            "schema": schema, "init": init, "extract": extract}
