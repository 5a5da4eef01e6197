"""How a report is to be shown, beyond the result itself: the reader's choices and the config's links."""

from __future__ import annotations

from dataclasses import dataclass

MARKDOWN_MAX_BYTES = 500_000  # half GitHub's 1 MiB job summary: room for other steps' summaries
COMMENT_MAX_BYTES = 65_536  # a pull-request comment's limit, in characters (bytes are never fewer)


@dataclass(frozen=True)
class View:
    """Options a format may read; each ignores the ones it has no use for."""

    min_severity: str = "info"  # the terminal shows flags at or above this
    width: int = 80  # the terminal's columns
    fail_on: str = "error"  # JUnit: flags below it are skipped cases, not failures
    max_bytes: int = MARKDOWN_MAX_BYTES  # Markdown: at most this many UTF-8 bytes
    full_report: str = ""  # Markdown: where the rest is, when flags were left out (a URL or a path)
    help_uri: str = ""  # SARIF: each rule's help page, `{rule}` replaced by its id
    information_uri: str = ""  # SARIF: the tool's home page


DEFAULT = View()
