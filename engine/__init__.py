"""claimrules: check the claims of news articles against YAML rules run by durable_rules."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


class _Logger:
    """Every module logs through this: loguru (the owner's logger), imported only when logs are wanted.

    Importing loguru (asyncio, inspect, ssl come with it) cost as much as the rest of a seed check,
    so a quiet run never imports it. A library stays quiet: messages go nowhere until the CLI's
    `-v` (or a program embedding the engine, with `engine.logger.use(loguru.logger)`) names a target.
    """

    def __init__(self) -> None:
        self.target: Any = None

    def use(self, target: Any) -> None:
        """Send messages to a loguru logger, or nowhere (None)."""
        self.target = target

    def debug(self, message: str, *args: Any) -> None:
        if self.target is not None:
            self.target.opt(depth=1).debug(message, *args)

    def info(self, message: str, *args: Any) -> None:
        if self.target is not None:
            self.target.opt(depth=1).info(message, *args)


logger = _Logger()
