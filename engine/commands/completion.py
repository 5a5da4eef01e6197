"""`claimrules completion bash|zsh|fish`: print a shell completion script for every command and option.

shtab writes it from the argparse tree itself, so the script never drifts from the options and
completing costs the shell nothing: no Python process starts on each TAB.
"""

from __future__ import annotations

import argparse
import sys

SHELLS = ("bash", "zsh", "fish")


def register(commands) -> None:
    run = commands.add_parser("completion", help="print a shell completion script (bash, zsh or fish)",
                              description="Print a completion script for SHELL: e.g. "
                              "`claimrules completion bash > ~/.local/share/bash-completion/completions/claimrules`, "
                              "`claimrules completion zsh > ~/.zfunc/_claimrules`, "
                              "`claimrules completion fish > ~/.config/fish/completions/claimrules.fish`.")
    run.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def run(args: argparse.Namespace) -> int:
    import shtab

    from ..cli import build_parser

    sys.stdout.write(shtab.complete(build_parser(), shell=args.shell))
    return 0
