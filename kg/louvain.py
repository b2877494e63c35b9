"""networkx's Louvain communities, the same result in a third of the time.

The HTML view and ``kg stats`` group entities with :func:`networkx.community.louvain_communities`
(fixed seed, integer weights, resolution 1). networkx keeps each level of the algorithm as a
networkx graph keyed by node, moves sets of nodes at every step and computes each level's
modularity through generic graph views: on all of Reuters-21578 (77,659 nodes) that took 6 s,
half of the view's work. :func:`louvain_communities` is the same algorithm step by step on node
numbers and plain lists: the same random order (one shuffle per level of a list as long as the
level's nodes, from ``random.Random(seed)``), the same neighbours in the same order, the same
floating-point expressions evaluated in the same order, so the same moves, the same levels and
the same communities, bit for bit (``tests/test_louvain.py`` compares the two). It is written
for networkx 3's algorithm (3.0 to 3.6 share it); an undirected simple graph only.
"""

from __future__ import annotations

import random
from collections.abc import Hashable

__all__ = ["louvain_communities"]

#: networkx's default: a level that gains less modularity than this ends the algorithm.
THRESHOLD = 0.0000001


def louvain_communities(G, *, weight: str = "weight", seed: int | None = None) -> list[set]:
    """``networkx.community.louvain_communities(G, weight=weight, seed=seed)`` for an undirected
    :class:`networkx.Graph` with integer weights: the same list of sets, in the same order."""
    if G.is_directed() or G.is_multigraph():
        raise ValueError("louvain_communities: an undirected simple graph only")
    nodes: list[Hashable] = list(G)
    if G.number_of_edges() == 0:
        return [{u} for u in nodes]
    import gc

    collecting = gc.isenabled()
    gc.disable()  # lists and dicts of numbers, no cycles: 0.7 s of collections on Reuters otherwise
    try:
        return _louvain(G, nodes, weight, seed)
    finally:
        if collecting:
            gc.enable()


def _louvain(G, nodes: list, weight: str, seed: int | None) -> list[set]:
    rng = random.Random(seed)
    adj = _first_level(G, nodes, weight)
    members = [[i] for i in range(len(nodes))]  # the graph's nodes in each node of the level
    # modularity of the singletons on G itself (networkx computes it on G, before its copy)
    mod = _modularity(adj, [[i] for i in range(len(adj))])
    m = sum(_degrees(adj)) / 2
    coms, improvement = _one_level(adj, m, rng)
    partition = _merge(members, coms)
    best = partition
    improvement = True
    while improvement:
        best = partition
        new_mod = _modularity(adj, coms)
        if new_mod - mod <= THRESHOLD:
            break
        mod = new_mod
        adj = _next_level(adj, coms)
        members = partition
        coms, improvement = _one_level(adj, m, rng)
        partition = _merge(members, coms)
    return [{nodes[i] for i in part} for part in best]


def _first_level(G, nodes: list, weight: str) -> list[dict[int, int]]:
    """networkx's copy of ``G`` as adjacency dicts of node numbers: each node's neighbours in the
    order the copy adds them (``G.edges`` order, both ends of an edge as it is met)."""
    index = {u: i for i, u in enumerate(nodes)}
    adj: list[dict[int, int]] = [{} for _ in nodes]
    for i, (_, nbrs) in enumerate(G.adjacency()):  # node order: a neighbour numbered lower was met already
        row = adj[i]
        for v, data in nbrs.items():
            j = index[v]
            if j >= i:
                row[j] = adj[j][i] = data.get(weight, 1)
    return adj


def _degrees(adj: list[dict[int, int]]) -> list[int]:
    """Weighted degrees as networkx counts them: a self-loop twice."""
    return [sum(nbrs.values()) + nbrs.get(u, 0) for u, nbrs in enumerate(adj)]


def _one_level(adj: list[dict[int, int]], m: float, rng: random.Random) -> tuple[list[list[int]], bool]:
    """One level of moves (networkx's ``_one_level``, resolution 1): the level's communities (lists
    of its nodes, empty ones dropped, in community order) and whether any node moved."""
    n = len(adj)
    degree = _degrees(adj)
    stot = list(degree)
    nbrs = [[(v, w) for v, w in a.items() if v != u] for u, a in enumerate(adj)]
    com = list(range(n))
    order = list(range(n))
    rng.shuffle(order)
    twice_m2 = 2 * m**2
    improvement = False
    moves = 1
    while moves > 0:
        moves = 0
        for u in order:
            own = com[u]
            near = nbrs[u]
            if len(near) == 1:  # a leaf (most nodes of a news graph): the loop below with one neighbour
                v, w = near[0]
                c = com[v]
                if c == own:  # it stays, and stot is as it was (networkx adds back what it took away)
                    continue
                d = degree[u]
                stot[own] -= d
                remove_cost = -0.0 / m + (1 * (stot[own] * d)) / twice_m2
                if remove_cost + (0.0 + w) / m - (1 * (stot[c] * d)) / twice_m2 > 0:
                    stot[c] += d
                    com[u] = c
                    improvement = True
                    moves += 1
                else:
                    stot[own] += d
                continue
            weights: dict[int, float] = {}
            get = weights.get
            for v, w in near:
                c = com[v]
                weights[c] = get(c, 0.0) + w
            d = degree[u]
            stot[own] -= d
            # networkx reads weights[own] from a defaultdict, adding it last when it is no neighbour's:
            # its gain there is exactly 0.0, which never beats best_mod (>= 0), so it is not visited
            remove_cost = -get(own, 0.0) / m + (1 * (stot[own] * d)) / twice_m2
            best_mod = 0
            best = own
            for c, wt in weights.items():
                gain = remove_cost + wt / m - (1 * (stot[c] * d)) / twice_m2
                if gain > best_mod:
                    best_mod = gain
                    best = c
            stot[best] += d
            if best != own:
                com[u] = best
                improvement = True
                moves += 1
    groups: list[list[int]] = [[] for _ in range(n)]
    for u, c in enumerate(com):
        groups[c].append(u)
    return [g for g in groups if g], improvement


def _merge(members: list[list[int]], coms: list[list[int]]) -> list[list[int]]:
    """The graph's nodes in each community of a level."""
    return [[i for u in group for i in members[u]] for group in coms]


def _modularity(adj: list[dict[int, int]], coms: list[list[int]]) -> float:
    """networkx's ``modularity`` of the level's communities (resolution 1), summed in the same order:
    within a community the edge weights and degrees are integers, whose sums do not depend on order."""
    degree = _degrees(adj)
    deg_sum = sum(degree)
    m = deg_sum / 2
    norm = 1 / deg_sum**2
    com = [0] * len(adj)
    for c, group in enumerate(coms):
        for u in group:
            com[u] = c
    inner = [0] * len(coms)
    for u, nbrs in enumerate(adj):
        cu = com[u]
        for v, w in nbrs.items():
            if v >= u and com[v] == cu:  # each edge once, a self-loop once
                inner[cu] += w
    totals = [sum(degree[u] for u in group) for group in coms]
    return sum(L_c / m - 1 * t * t * norm for L_c, t in zip(inner, totals))


def _next_level(adj: list[dict[int, int]], coms: list[list[int]]) -> list[dict[int, int]]:
    """networkx's ``_gen_graph``: a node per community, edges summed, added in ``G.edges`` order."""
    com = [0] * len(adj)
    for c, group in enumerate(coms):
        for u in group:
            com[u] = c
    out: list[dict[int, int]] = [{} for _ in coms]
    for u, nbrs in enumerate(adj):
        cu = com[u]
        row = out[cu]
        for v, w in nbrs.items():
            if v < u:  # met from v already
                continue
            cv = com[v]
            if cv in row:
                row[cv] += w
                if cv != cu:
                    out[cv][cu] = row[cv]
            else:
                row[cv] = w
                out[cv][cu] = w
    return out
