"""Positions for the view, computed in Python so the browser never runs a layout at load.

The drawing is laid out in three nested steps, each a plain force-directed layout:

1. each connected component apart, so no component is flung around another as a ring;
2. inside a component larger than :data:`COMMUNITY_LAYOUT_ABOVE`, its communities first
   (one point per community, weighted by the facts between them), then each community's
   members around that point in a disc whose area grows with its size, pushed apart until
   the discs do not overlap; so a community drawn as one cluster node and opened into its
   members stays where it was;
3. the components are packed in rows, largest first (the shelf packing Graphviz and
   Gephi's layouts use), so many small stories fill a block beside the large one.

The force-directed step is Fruchterman-Reingold in NumPy (``nx.spring_layout`` switches to a
SciPy solver at 500 nodes and is slower at these sizes; python-igraph was measured, see
``benchmarks/view_load.py --layouts``). It is quadratic, so above :data:`FULL_LAYOUT_LIMIT`
nodes only the most connected are laid out and each other node is put beside a placed
neighbour.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Hashable, Sequence

__all__ = ["layout", "fruchterman_reingold", "group_radius", "FULL_LAYOUT_LIMIT", "COMMUNITY_LAYOUT_ABOVE"]

#: Largest graph laid out as a whole by the force-directed step.
FULL_LAYOUT_LIMIT = 1500
#: Components larger than this are laid out community by community.
COMMUNITY_LAYOUT_ABOVE = 150
#: Canvas pixels per unit of sqrt(node count): the radius of a laid-out group of n nodes is
#: about ``SPACING * sqrt(n)``, which leaves room for a label beside each node when zoomed in.
SPACING = 34.0
SEED = 42


def layout(
    nodes: Sequence[Hashable],
    edges: Sequence[tuple[int, int]],
    community: Sequence[int],
    rank: Sequence[float],
) -> list[tuple[int, int]]:
    """Integer canvas positions for ``nodes`` (indices into ``nodes`` in ``edges``).

    ``community`` gives each node's community number and ``rank`` its importance (the most
    important node of a neighbourhood is laid out first when a graph is too big to lay out
    whole). The same input gives the same positions.
    """
    import numpy as np

    n = len(nodes)
    if n == 0:
        return []
    adj: list[set[int]] = [set() for _ in range(n)]
    for u, v in edges:
        if u != v:
            adj[u].add(v)
            adj[v].add(u)
    order = sorted(range(n), key=lambda i: (-rank[i], str(nodes[i])))
    pos = np.zeros((n, 2))
    boxes = []
    for comp in _components(adj, order):
        if len(comp) > COMMUNITY_LAYOUT_ABOVE:
            xy = _by_community(comp, adj, community, rank)
        else:
            xy = _group(comp, adj) * _radius(len(comp))
        xy -= xy.min(axis=0) if len(comp) else 0
        pos[comp] = xy
        boxes.append((comp, xy.max(axis=0) if len(comp) else np.zeros(2)))
    _pack(boxes, pos)
    pos -= (pos.min(axis=0) + pos.max(axis=0)) / 2
    return [tuple(p) for p in np.rint(pos).astype(np.int64).tolist()]  # half to even, as round() of a NumPy float


def _radius(n: int) -> float:
    """Radius of the disc a group of ``n`` nodes is drawn in."""
    return SPACING * math.sqrt(n) + (SPACING if n > 1 else 0.0)


def group_radius(n: int) -> float:
    """Radius of the disc the layout gives a community of ``n`` entities (cluster node size)."""
    return _radius(n) * 0.9


def _components(adj: list[set[int]], order: list[int]) -> list[list[int]]:
    """Connected components, each listed most important first; largest component first."""
    seen = [False] * len(adj)
    rank_of = {i: k for k, i in enumerate(order)}
    comps = []
    for start in order:
        if seen[start]:
            continue
        seen[start] = True
        comp, stack = [], [start]
        while stack:
            i = stack.pop()
            comp.append(i)
            for j in adj[i]:
                if not seen[j]:
                    seen[j] = True
                    stack.append(j)
        comps.append(sorted(comp, key=rank_of.__getitem__))
    comps.sort(key=lambda c: -len(c))  # stable: ties keep importance order
    return comps


def _group(members: list[int], adj: list[set[int]]):
    """Unit-scale FR positions (centred, radius about 1) of ``members``, most important first."""
    import numpy as np

    m = len(members)
    if m == 1:
        return np.zeros((1, 2))
    if m == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    local = {g: i for i, g in enumerate(members)}
    core = min(m, FULL_LAYOUT_LIMIT)
    pairs = {(local[u], local[v]) for u in members[:core] for v in adj[u]
             if v in local and local[v] < core and local[u] < local[v]}
    xy = _same_layout(core, frozenset(pairs))
    if m > core:
        xy = _place_rest(members, local, adj, xy)
    xy = xy - xy.mean(axis=0)
    radius = float(np.percentile(np.hypot(xy[:, 0], xy[:, 1]), 95)) or 1.0
    return xy / radius


def _by_community(comp: list[int], adj: list[set[int]], community: Sequence[int],
                  rank: Sequence[float]):
    """A large component: communities placed by FR and spread apart, members inside each."""
    import numpy as np

    groups: dict[int, list[int]] = {}
    for i in comp:  # comp is in importance order, so each group is too
        groups.setdefault(community[i], []).append(i)
    keys = sorted(groups, key=lambda c: (-len(groups[c]), groups[c][0]))
    index = {c: k for k, c in enumerate(keys)}
    links: Counter[tuple[int, int]] = Counter()
    for i in comp:
        for j in adj[i]:
            a, b = index[community[i]], index[community[j]]
            if a < b:
                links[(a, b)] += 1
    centres = _same_layout(len(keys), frozenset(links)).astype(float)
    radii = np.array([_radius(len(groups[c])) for c in keys])
    centres = _spread(centres, radii)
    xy = np.zeros((len(comp), 2))
    local = {g: i for i, g in enumerate(comp)}
    for k, c in enumerate(keys):
        members = groups[c]
        inner = _group(members, adj) * radii[k] * 0.9
        xy[[local[i] for i in members]] = centres[k] + inner
    return xy


def _spread(centres, radii, *, rounds: int = 60):
    """Scale the community points to their discs' size, then push overlapping discs apart."""
    import numpy as np

    k = len(centres)
    if k < 2:
        return np.zeros((k, 2))
    centres = centres - centres.mean(axis=0)
    d = np.hypot(*(centres[:, None, :] - centres[None, :, :]).transpose(2, 0, 1))
    need = radii[:, None] + radii[None, :]
    np.fill_diagonal(d, np.inf)
    # scale so that the median pair of neighbours just touches, then fix overlaps
    scale = float(np.median(need.min(axis=1) / np.maximum(d.min(axis=1), 1e-6)))
    centres = centres * scale
    gap = 1.05
    for _ in range(rounds):
        delta = centres[:, None, :] - centres[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(dist, np.inf)
        overlap = np.maximum(need * gap - dist, 0.0)
        if not overlap.any():
            break
        push = (overlap / np.maximum(dist, 1e-6))[..., None] * delta
        share = radii[None, :, None] / need[..., None]  # the smaller disc moves more
        centres = centres + 0.5 * (push * share).sum(axis=1)
    return centres


def _pack(boxes, pos) -> tuple[float, float]:
    """Place component boxes (each offset to 0,0; largest first); return the block's size.

    A component larger than all the rest together goes on the left and the rest, packed the
    same way, beside it, so a giant component does not stretch the small ones into a strip;
    otherwise the boxes go in rows of a near-square block (shelf packing).
    """
    import numpy as np

    if not boxes:
        return 0.0, 0.0
    margin = SPACING * 1.5
    (_, (bw, bh)), rest = boxes[0], boxes[1:]
    if rest and bw * bh > sum(w * h for _, (w, h) in rest):
        rw, rh = _pack(rest, pos)
        dy = max(0.0, (bh - rh) / 2)
        for comp, _ in rest:
            pos[comp] += np.array([bw + margin, dy])
        return bw + margin + rw, max(bh, rh)
    area = sum((w + margin) * (h + margin) for _, (w, h) in boxes)
    width = max(math.sqrt(area) * 1.2, max(w for _, (w, _) in boxes) + margin)
    x = y = row = right = 0.0
    for comp, (w, h) in boxes:
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row + margin, 0.0
        pos[comp] += np.array([x, y])
        x += w + margin
        right = max(right, x - margin)
        row = max(row, h)
    return right, y + row


def _place_rest(members: list[int], local: dict[int, int], adj: list[set[int]], core_xy):
    """Put each node beyond the laid-out core beside a placed neighbour (golden-angle fan)."""
    import numpy as np

    core = len(core_xy)
    xy = np.zeros((len(members), 2))
    xy[:core] = core_xy
    placed = [i < core for i in range(len(members))]
    step = float(np.ptp(core_xy, axis=0).max() or 1.0) / math.sqrt(core + 1)
    children: Counter[int] = Counter()
    pending = list(range(core, len(members)))
    while pending:
        left = []
        for i in pending:
            nbrs = [local[j] for j in adj[members[i]] if j in local and placed[local[j]]]
            if not nbrs:
                left.append(i)
                continue
            parent = min(nbrs)
            children[parent] += 1
            angle = children[parent] * 2.399963
            r = step * (0.6 + 0.15 * math.sqrt(children[parent]))
            xy[i] = xy[parent] + np.array([math.cos(angle), math.sin(angle)]) * r
            placed[i] = True
        if len(left) == len(pending):  # cannot happen within one component; be safe
            for k, i in enumerate(left):
                xy[i] = np.array([math.cos(k * 2.399963), math.sin(k * 2.399963)]) * (1 + k) * step
            break
        pending = left
    return xy


@functools.lru_cache(maxsize=1024)
def _cached_layout(n: int, pairs: frozenset[tuple[int, int]]):
    return fruchterman_reingold(n, pairs, seed=SEED)


def _same_layout(n: int, pairs: frozenset[tuple[int, int]]):
    """:func:`fruchterman_reingold` of ``n`` nodes and ``pairs``, computed once per shape (a copy).

    The positions depend on ``n`` and the pairs only, and most groups of a news graph are small
    ones of a few shapes (a person with two roles, a company, its buyer and its place): of the
    450 groups of 2,000 Reuters articles 155 differ, and the 295 others cost 0.6 s of CPU.
    """
    return _cached_layout(n, pairs).copy()


def fruchterman_reingold(n: int, pairs: set[tuple[int, int]], *, seed: int = SEED,
                         iterations: int = 50):
    """Fruchterman-Reingold positions for ``n`` nodes linked by index ``pairs`` (unit box).

    Repulsion is dense (every pair) but written as matrix products, so NumPy's BLAS does the
    quadratic work; attraction runs only along the edges. The matrix is made a band of rows at a
    time (:data:`_BAND_CELLS` values, which stay in the CPU's cache), in three passes: one product
    gives the squared distances (``[x, y, |p|^2, 1] . [-2x, -2y, 1, |p|^2]``), one division the
    repulsions, one product their sums (``r . [1, x, y]``). At 1,500 nodes and 4,500 edges: 0.08 s,
    against 0.22 s for ten passes over the whole matrix, and BLAS products small enough that
    OpenBLAS runs them in one thread: its threads made the whole-matrix products most of the
    layout's time on a busy machine (all of Reuters-21578: 18.5 of 24.8 s at load 2.5), and their
    sums, ordered by the thread count, made the positions depend on the machine's number of cores.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)).astype(np.float32)
    if n < 2:
        return pos
    edges = np.array(sorted({(min(i, j), max(i, j)) for i, j in pairs}), dtype=np.intp).reshape(-1, 2)
    src, dst = edges[:, 0], edges[:, 1]
    k = np.float32(math.sqrt(1.0 / n))
    k2 = np.float32(k * k)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    rows = max(1, _BAND_CELLS // n)
    band_of = np.empty((rows, n), dtype=np.float32)
    left = np.ones((n, 4), dtype=np.float32)  # [x, y, |p|^2, 1]
    right = np.ones((4, n), dtype=np.float32)  # [-2x, -2y, 1, |p|^2 + softening]
    weights = np.ones((n, 3), dtype=np.float32)  # [1, x, y]
    sums = np.empty((n, 3), dtype=np.float32)  # sum_j r_ij, sum_j r_ij x_j, sum_j r_ij y_j
    for _ in range(iterations):
        sq = (pos * pos).sum(axis=1)
        left[:, :2] = pos
        left[:, 2] = sq
        right[:2] = np.float32(-2.0) * pos.T
        right[3] = sq + np.float32(1e-4)  # softened: no division by zero
        weights[:, 1:] = pos
        for a in range(0, n, rows):
            band = band_of[:min(n, a + rows) - a]
            np.matmul(left[a:a + rows], right, out=band)  # squared distances
            np.divide(k2, band, out=band)  # repulsion r_ij = k^2 / d^2 along p_i - p_j
            np.matmul(band, weights, out=sums[a:a + rows])
        disp = pos * sums[:, :1] - sums[:, 1:]  # sum_j r_ij (p_i - p_j)
        if len(edges):  # attraction -d/k along each edge, both ends
            ex = pos[src] - pos[dst]
            pull = ex * (np.sqrt(np.maximum((ex * ex).sum(axis=1), np.float32(1e-4))) / k)[:, None]
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), np.float32(0.01))
        pos += disp * (np.float32(temperature) / length)[:, None]
        temperature -= cooling
    return pos


#: Values of the distance matrix :func:`fruchterman_reingold` makes at once: a band of rows that
#: stays in a CPU cache (128 KB), and products small enough for OpenBLAS to run in one thread
#: (it splits those of more than 262,144 multiply-adds), whose sums do not depend on the cores.
_BAND_CELLS = 1 << 15
