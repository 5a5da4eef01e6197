"""Load facts files in shards, one worker process each, for big runs with `--jobs`.

Only the clean case runs in parallel. A shard with any problem, or shards that disagree (an
entity declared differently, a fact id used twice, a source declared in no file), hand the
whole load back to `load_files` in one process, which alone words problems: messages and
their order never depend on `--jobs`.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .. import logger
from ..model import Document, Entity, Fact, FactSet, Span
from ..safety import interrupt
from ..safety.interrupt import child_signals
from .confine import UNCONFINED, Confinement
from .factfiles import load_files, parse_files, read_entities, read_facts, resolve
from .paths import FACT_SUFFIXES, expand

MIN_BYTES = 1 << 20  # below about 2,000 facts, starting workers costs more than it saves


@dataclass
class Shard:
    """What one worker loaded: facts as rows, with their documents and entities, all unresolved."""

    rows: list[tuple[str, tuple[int, int, int, int], str, dict]]  # document, span, id, values
    documents: dict[str, Document]
    entities: dict[str, Entity]


def load_facts_in_shards(paths: Iterable[Path], jobs: int, confine: Confinement = UNCONFINED) -> FactSet:
    """`factfiles.load_facts`, in up to `jobs` processes when the files are big enough to gain from it."""
    files, problems = expand(paths, FACT_SUFFIXES, confine)
    if jobs < 2 or len(files) < 2 or problems:
        return load_files(files, problems, confine)
    sizes = [_size(f) for f in files]
    if sum(sizes) < MIN_BYTES:
        return load_files(files, problems, confine)
    shards = [(shard, confine) for shard in _split(files, sizes, jobs)]
    # unlike multiprocessing.Pool, an executor whose worker dies raises instead of waiting forever
    pool = ProcessPoolExecutor(len(shards), mp_context=multiprocessing.get_context("fork"), initializer=child_signals)
    try:
        futures = [pool.submit(_load_shard, shard) for shard in shards]
        while wait(futures, timeout=0.1).not_done:
            interrupt.check()
        loaded = [future.result() for future in futures]
    except BrokenProcessPool:
        loaded = [None]
    except BaseException:  # --timeout or an interrupt: stop the workers now, not after their shards
        _stop(pool)
        raise
    pool.shutdown()
    complete = [shard for shard in loaded if shard is not None]
    merged = _merge(complete) if len(complete) == len(loaded) else None
    if merged is None:
        logger.debug("facts: a shard found a problem (or died); loading again in one process")
        return load_files(files, problems, confine)
    logger.debug("loaded {} facts in {} shards", len(merged.facts), len(shards))
    return merged


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers at once (Python 3.14 has `terminate_workers`; before it, only the private table)."""
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _split(files: list[Path], sizes: list[int], jobs: int) -> list[list[Path]]:
    """Runs of files in their order (so documents and entities keep theirs), about equal in bytes."""
    share, filled = sum(sizes) / jobs, 0
    shards: list[list[Path]] = []
    current: list[Path] = []
    for path, size in zip(files, sizes):
        current.append(path)
        filled += size
        if filled >= share * (len(shards) + 1) and len(shards) < jobs - 1:
            shards.append(current)
            current = []
    return shards + [current] if current else shards


def _load_shard(work: tuple[list[Path], Confinement]) -> Shard | None:
    files, confine = work
    parts, problems = parse_files(files)
    entities, entity_problems = read_entities(parts)
    facts, fact_problems, documents = read_facts(parts, None, confine, consume=True)
    del parts  # the parsed files: a worker's peak was them, its facts and their rows at once (4.2 KB a fact)
    if problems or entity_problems or fact_problems:
        return None
    rows = []
    while facts:  # each fact freed as its row is made, from the end, then the rows put back in order
        f = facts.pop()
        rows.append((f.document, (f.span.line, f.span.column, f.span.end_line, f.span.end_column), f.id,
                     dict(f.values)))
    rows.reverse()
    return Shard(rows, documents, entities)


def _merge(shards: list[Shard]) -> FactSet | None:
    """One FactSet as `load_facts` would build it; None when the shards disagree."""
    entities: dict[str, Entity] = {}
    documents: dict[str, Document] = {}
    for shard in shards:
        for entity in shard.entities.values():
            known = entities.setdefault(entity.id, entity)
            if known != entity and (known.name, known.type) != (entity.name, entity.type):
                return None
        for path, document in shard.documents.items():
            documents.setdefault(path, document)
    rows, seen = [], set()
    for shard in shards:
        for row in shard.rows:
            if row[2] in seen or not resolve(row[3], entities):  # types go last, as in schema order
                return None
            seen.add(row[2])
            rows.append(row)
    rows.sort(key=lambda row: row[:3])  # document order, as `numbered` sorts
    facts = tuple(Fact(fact_id, document, Span(*span), i, MappingProxyType(values))
                  for i, (document, span, fact_id, values) in enumerate(rows))
    return FactSet(facts, MappingProxyType(documents), MappingProxyType(entities))
