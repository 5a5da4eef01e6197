"""`claimrules extract DOCUMENT... [-o DIR]`: write a draft facts file per article, never overwriting one.

Entities already declared in DIR's facts files are reused, so the drafts check together with them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..load.documents import DOCUMENT_SUFFIXES
from ..load.paths import display_path
from ..problems import InputError, Problem, UsageError
from ..safety.sanitise import guard


def register(commands) -> None:
    run = commands.add_parser("extract", help="draft a facts file from each article (plain text or Markdown)")
    run.add_argument("documents", nargs="+", type=Path, metavar="DOCUMENT", help="articles (.txt, .md)")
    run.add_argument("-o", "--output", type=Path, default=Path("facts"), metavar="DIR",
                     help="folder for the facts files (default: facts/); the entities they declare are reused")
    run.add_argument("--lexicons", type=Path, metavar="DIR",
                     help="folder of extra word lists (cues.txt, hedges.txt, outlets.txt, …) added to the shipped ones")


def run(args: argparse.Namespace) -> int:
    problems = [Problem(display_path(d), 1, 1, "document-not-found", "no such document")
                for d in args.documents if not d.is_file()]
    targets = [args.output / f"{d.stem}.yaml" for d in args.documents]
    problems += [Problem(display_path(t), 1, 1, "file-exists", "facts file already exists; nothing was written",
                         "review or move it first: extract never overwrites a facts file")
                 for t in targets if t.exists()]
    if len(set(targets)) != len(targets):
        raise UsageError("two documents share a name; extract them into different folders")
    if args.lexicons is not None and not args.lexicons.is_dir():
        raise UsageError(f"--lexicons {args.lexicons}: no such folder")
    if problems:
        raise InputError(problems)
    lexicons = args.lexicons and args.lexicons.resolve()
    from ..extract import ClaimIndex, extract_files  # loaded only for this command: its word tables are big
    from ..extract.lexicon import load

    claims = ClaimIndex.from_folder(args.output, load(lexicons))  # later articles meet the drafts already there
    for document in args.documents:
        if document.suffix.lower() not in DOCUMENT_SUFFIXES:
            print(guard(f"claimrules: {display_path(document)}: not .txt or .md; read as plain text"), file=sys.stderr)
    for target, draft in extract_files(args.documents, args.output, lexicons, claims):
        print(guard(f"{display_path(target)}: {len(draft.facts)} draft facts, {len(draft.data['entities'])} entities"))
    return 0
