"""One place that makes user-derived text safe to show: on a terminal, in a CI log, in Markdown.

Facts, rules, file names and entity names are written by other people. Shown raw, an ESC
recolours or rewrites the terminal, a newline followed by `::add-mask::` or `::error` is a
GitHub Actions workflow command (the runner reads every line of stdout and stderr, leading
whitespace trimmed, and `##[command]` anywhere in a line), and `@someone` or `#123` in a
pull-request comment pings people or links issues. Every text output goes through here.
"""

from __future__ import annotations

import re

# C0 and C1 controls (ESC included), DEL, bidi overrides and the Unicode line separators:
# each is shown as its Python escape, e.g. ESC as the four characters `\x1b`.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"[^\S\x1c-\x1f]+")  # whitespace, line breaks included (not the separators \x1c-\x1f)
# A line the runner would read as a command: after our own colour codes and any whitespace,
# `::`; or the older `##[` form anywhere.
_COMMAND_START = re.compile(r"^((?:\x1b\[[0-9;]*m)*[^\S\n]*)::", re.M)
_OLD_COMMAND = re.compile(r"##\[")
# GitHub links `@name` (people, teams) and `#123`, `owner/repo#123`, `GH-123` (issues, pull
# requests); a WORD JOINER after the sign renders as nothing and breaks the link.
_MENTION = re.compile(r"@(?=\w)|#(?=\d)|\bGH(?=-\d)", re.I)
WORD_JOINER = "\u2060"


def visible(text: str) -> str:
    """`text` with every control character (but newline and tab) shown as an escape, e.g. `\\x1b`."""
    return _CONTROL.sub(_escape, text)


def one_line(text: str) -> str:
    """`text` on one line: runs of whitespace and line breaks become one space; other controls are shown."""
    return visible(_BREAKS.sub(" ", text))


def guard(text: str) -> str:
    """`text` (one line or many) safe for a log a CI runner reads: controls shown, no line a command.

    A line that would start with `::` gets a backslash before it (`\\::error …`), and `##[`
    becomes `##\\[`, so the text stays readable while the runner sees plain output.
    """
    return guard_colored(visible(text))


def guard_colored(text: str) -> str:
    """Like `guard`, for text whose ESC sequences are our own colours: only command starts are broken."""
    return _OLD_COMMAND.sub(r"##\\[", _COMMAND_START.sub(r"\1\\::", text))


def unmention(text: str) -> str:
    """`text` for GitHub Markdown with `@name`, `#123` and `GH-123` shown but not linked or notified."""
    return _MENTION.sub(lambda m: m.group(0) + WORD_JOINER, text)


def workflow_data(text: str) -> str:
    """User text as the message of a workflow command (`::error …::MESSAGE`): shown, then escaped."""
    return escape_data(_OLD_COMMAND.sub(r"##\\[", visible(text)))


def workflow_property(text: str) -> str:
    """User text as a `key=value` property of a workflow command: one line, shown, then escaped."""
    return escape_property(_OLD_COMMAND.sub(r"##\\[", one_line(text)))


def escape_data(text: str) -> str:
    """The runner's own escapes for a command's message, `%` first so nothing is escaped twice."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """The runner's escapes for a property value: those of a message, and `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _escape(match: re.Match) -> str:
    return _escape_char(match.group(0))


def _escape_char(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
