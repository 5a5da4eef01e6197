"""Split facts for parallel engine processes so that no join crosses a split.

Facts that could ever meet in a join rule (they share the value of a join key) stay in one
part; parts are balanced by size. Results are then identical to a single process.
"""

from __future__ import annotations

from ..compile.compiler import Program


def partition(records: list[dict], program: Program, jobs: int) -> list[list[dict]]:
    """`jobs` parts at most; one part when joins cannot be split (a join on no shared field, derived facts)."""
    if jobs <= 1 or len(records) < 2 or any(not fields for _, fields in program.joins) or program.derives:
        return [records]
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for name, fields in program.joins:
        first: dict[tuple, int] = {}
        for i, record in enumerate(records):
            if record.get(name, True) and all(f in record for f in fields):  # past --max-group: joins nothing
                j = first.setdefault(tuple(str(record[f]) for f in fields), i)
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(records)):
        groups.setdefault(find(i), []).append(i)
    bins: list[list[int]] = [[] for _ in range(jobs)]
    for members in sorted(groups.values(), key=lambda m: (-len(m), m[0])):
        min(bins, key=len).extend(members)
    return [[records[i] for i in sorted(b)] for b in bins if b]
