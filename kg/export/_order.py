"""The order in which the projection exporters (GraphML, GEXF, Neo4j) read a projected graph.

Nodes by id, edges by (source, target, key): the order their bytes follow. A networkx graph is
sorted here; a graph that streams its nodes and edges in that order itself (the projection of a
large build, :class:`kg.spilled.SpilledProjection`, whose statements wait on disk) says so by
having ``sorted_nodes`` and ``sorted_edges`` methods, and the exporters never hold all of it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

__all__ = ["nodes_in_order", "edges_in_order", "all_nodes", "all_edges", "sorted_once"]

#: id(graph) -> [sorted nodes, sorted edges] while :func:`sorted_once` holds the graph (either may be None).
_SORTED: dict[int, list] = {}


@contextlib.contextmanager
def sorted_once(G: Any) -> Iterator[None]:
    """While the block runs, ``G``'s nodes and edges are sorted once for every exporter that reads
    them (GraphML, GEXF and Neo4j each sorted them: 0.5 s each on all of Reuters-21578). ``G``
    must not change in the block."""
    if hasattr(G, "sorted_nodes") or id(G) in _SORTED:
        yield
        return
    _SORTED[id(G)] = [None, None]
    try:
        yield
    finally:
        del _SORTED[id(G)]


def nodes_in_order(G: Any) -> Iterator[tuple[Any, dict[str, Any], int]]:
    """``(node, attributes, degree)`` by node id (the degree counts parallel edges, in and out)."""
    if hasattr(G, "sorted_nodes"):
        return G.sorted_nodes()
    held = _SORTED.get(id(G))
    if held is None:
        return ((n, G.nodes[n], G.degree(n)) for n in sorted(G.nodes, key=str))
    if held[0] is None:
        degree = dict(G.degree())
        held[0] = [(n, G.nodes[n], degree[n]) for n in sorted(G.nodes, key=str)]
    return iter(held[0])


def edges_in_order(G: Any) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:
    """``(source, target, key, attributes)`` by (source, target, key)."""
    if hasattr(G, "sorted_edges"):
        return G.sorted_edges()
    held = _SORTED.get(id(G))
    if held is None:
        return iter(_sorted_edges(G))
    if held[1] is None:
        held[1] = _sorted_edges(G)
    return iter(held[1])


def _sorted_edges(G: Any) -> list:
    return sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))


def all_nodes(G: Any) -> Iterator[dict[str, Any]]:
    """Every node's attributes, in no particular order."""
    if hasattr(G, "sorted_nodes"):
        return (d for _, d, _ in G.sorted_nodes())
    return (d for _, d in G.nodes(data=True))


def all_edges(G: Any) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Every edge's ``(key, attributes)``, in no particular order."""
    if hasattr(G, "sorted_edges"):
        return ((k, d) for _, _, k, d in G.sorted_edges())
    return ((k, d) for _, _, k, d in G.edges(keys=True, data=True))
