"""Let `claimrules check` take articles: a reviewed facts file wins, else a draft is extracted to a temp folder."""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

from ..load.documents import DOCUMENT_SUFFIXES
from ..load.paths import FACT_SUFFIXES, display_path, expand
from ..load.yamlsrc import read_text
from ..problems import InputError
from ..safety.sanitise import guard


def _say(message: str) -> None:
    print(guard(f"claimrules: {message}"), file=sys.stderr)


def facts_for_documents(paths: Iterable[Path], facts_dirs: Iterable[Path] = (Path("facts"),),
                        say: Callable[[str], None] = _say) -> list[Path]:
    """`paths` with each article replaced by its reviewed facts file, or by a draft extracted in memory."""
    paths = list(paths)
    documents = [p for p in paths if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file()]
    if not documents:
        return paths
    others = [p for p in paths if p not in documents]
    reviewed = _reviewed(others + [d for d in facts_dirs if d.is_dir()])
    already = {p.resolve() for p in expand(others, FACT_SUFFIXES)[0]}
    result, drafts = list(others), []
    for document in documents:
        facts_file = reviewed.get(document.resolve())
        if facts_file is not None:
            if facts_file.resolve() not in already:
                result.append(facts_file)
                already.add(facts_file.resolve())
            say(f"{display_path(document)}: using the reviewed facts in {display_path(facts_file)}")
        else:
            drafts.append(document)
    if drafts:
        result += _drafts(drafts, say, list(result))
    return result


def _reviewed(paths: list[Path]) -> dict[Path, Path]:
    """Document (resolved) → the facts file that names it, among the YAML facts files under `paths`."""
    found: dict[Path, Path] = {}
    files, _ = expand(paths, (".yaml", ".yml"))
    for file in files:
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # the loader reports it properly later
        document = data.get("document") if isinstance(data, dict) else None
        if isinstance(document, dict) and isinstance(document.get("path"), str):
            found.setdefault((file.parent / document["path"]).resolve(), file)
    return found


def _drafts(documents: list[Path], say: Callable[[str], None], alongside: list[Path]) -> list[Path]:
    """Drafts in a temp folder, sharing entities with each other and with the facts files checked `alongside`."""
    from . import extract_text, settle_keys
    from .claimkeys import ClaimIndex
    from .registry import Registry
    from .writer import dump, relative

    folder = Path(tempfile.mkdtemp(prefix="claimrules-drafts-"))
    atexit.register(shutil.rmtree, folder, True)
    registry = Registry.from_files(alongside)
    drafts, claims = [], ClaimIndex()
    for number, document in enumerate(documents, 1):
        text, problems = read_text(document, display_path(document))
        if text is None:
            raise InputError(problems)
        target = folder / f"{number:03d}-{document.stem}.yaml"
        draft = extract_text(text, document.stem, relative(document, folder), known=claims, registry=registry)
        drafts.append((target, draft))
    registry.settle(e for _, draft in drafts for e in draft.data["entities"])
    settle_keys([draft for _, draft in drafts], claims)
    for (target, draft), document in zip(drafts, documents):
        target.write_text(dump(draft.data), encoding="utf-8")
        say(f"no facts file for {display_path(document)}: extracted {len(draft.facts)} draft facts")
    return [target for target, _ in drafts]
