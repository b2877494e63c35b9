"""Which pairs of names are near: every pair of spellings at or over a rapidfuzz ``fuzz.ratio``
cutoff, without scoring every pair in Python.

Split from :mod:`kg.resolve` (which decides what the pairs mean) because these are plain
algorithms over lists of strings: :func:`similar_pairs` scores blocks in C, for a low cutoff
over names already bucketed; :func:`near_pairs` finds the pairs of a high cutoff through a
deletion index, in time that grows with the names rather than their square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

__all__ = ["near_pairs", "similar_pairs"]


def near_pairs(rows: list[str], columns: list[str], cutoff: int) -> Iterator[tuple[int, int]]:
    """``(i, j)`` for every ``fuzz.ratio(rows[i], columns[j]) >= cutoff``, for a high cutoff,
    without comparing every row with every column.

    ``fuzz.ratio`` is ``100 * (1 - D / (la + lb))``, ``D`` the insertions and deletions that
    turn one string into the other: a pair at the cutoff deletes ``da`` characters of one and
    ``db`` of the other to reach their longest common subsequence, with ``da + db = D <=
    (100 - cutoff) (la + lb) / 100`` (at 90, one character for two names of nine letters). So
    the columns are indexed under their variants with ``db`` characters deleted, and each row
    looks its variants with ``da`` deleted up in them, for every split that fits; only pairs
    found so are scored. Rows too long for that (more than two deletions in all) are scored
    against the columns of a length that can match: there are few such names. The same pairs
    as scoring all of them, in time that grows with the names, not their square.
    """
    if not rows or not columns:
        return
    from rapidfuzz import fuzz, process

    def budget(la: int, lb: int) -> int:  # the most deletions a pair of these lengths can need
        return ((100 - cutoff) * (la + lb)) // 100

    def variants(word: str, d: int) -> set[str]:  # ``word`` with exactly ``d`` characters deleted
        out = {word}
        for _ in range(d):
            out = {w[:i] + w[i + 1:] for w in out for i in range(len(w))}
        return out

    def lengths(la: int) -> range:  # the column lengths a row of length la can match
        return range(-(-la * cutoff // (200 - cutoff)), (la * (200 - cutoff)) // cutoff + 1)

    short = max((n for n in range(1, 64) if budget(n, max(lengths(n))) <= 2), default=0)
    by_length: dict[int, list[int]] = defaultdict(list)
    for j, column in enumerate(columns):
        by_length[len(column)].append(j)
    index: list[dict[str, list[int]]] = [defaultdict(list) for _ in range(3)]  # by deletions
    for j, column in enumerate(columns):
        if len(column) <= max(lengths(short)):
            for d in range(3):
                for v in variants(column, d):
                    index[d][v].append(j)
    for i, row in enumerate(rows):
        la = len(row)
        if la <= short:
            seen: set[int] = set()
            for da in range(3):
                for v in variants(row, da):
                    for db in range(3 - da):
                        for j in index[db].get(v, ()):
                            if da + db <= budget(la, len(columns[j])):
                                seen.add(j)
            for j in sorted(seen):
                if fuzz.ratio(row, columns[j]) >= cutoff:
                    yield i, j
        else:
            near = sorted(j for n in lengths(la) for j in by_length.get(n, ()))
            for _, _, k in process.extract(row, [columns[j] for j in near], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
                yield i, near[k]


def similar_pairs(rows: list[str], columns: list[str], cutoff: float) -> Iterator[tuple[int, int]]:
    """``(i, j)`` for every ``fuzz.ratio(rows[i], columns[j]) >= cutoff``, computed in C by blocks.

    ``rapidfuzz.process.cdist`` scores a block of rows against every column at once; scores
    under the cutoff come back as 0, and a score at or over it never is 0.
    """
    if not rows or not columns:
        return
    import numpy as np
    from rapidfuzz import fuzz, process

    step = max(1, 4_000_000 // len(columns))  # at most 16 MB of float32 scores at a time
    for start in range(0, len(rows), step):
        scores = process.cdist(rows[start:start + step], columns, scorer=fuzz.ratio, score_cutoff=cutoff, workers=1)
        for i, j in zip(*np.nonzero(scores)):
            yield start + int(i), int(j)
