"""claimrules: check the claims of news articles against YAML rules run by durable_rules."""

__version__ = "0.1.0"

from loguru import logger

logger.disable("engine")  # a library stays quiet; the CLI turns logging on
