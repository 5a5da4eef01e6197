"""Commands: parsed arguments → the stages run → an exit code; one module per subcommand.

Each exposes `register(subparsers)` and `run(args) -> int`; `common` holds what several share and
`outputs` writes the files asked for. With `cli.py`, the only code that prints or exits.
"""

from __future__ import annotations

from . import baseline, check, explain, extract, init, lint, schema, test

COMMANDS = {"check": check, "baseline": baseline, "lint": lint, "test": test, "explain": explain,
            "schema": schema, "init": init, "extract": extract}
