"""`python -m engine` runs the claimrules command line."""

from .cli import entry

entry()
