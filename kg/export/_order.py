"""The order in which the projection exporters (GraphML, GEXF, Neo4j) read a projected graph.

Nodes by id, edges by (source, target, key): the order their bytes follow. A networkx graph is
sorted here; a graph that streams its nodes and edges in that order itself (the projection of a
large build, :class:`kg.spilled.SpilledProjection`, whose statements wait on disk) says so by
having ``sorted_nodes`` and ``sorted_edges`` methods, and the exporters never hold all of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = ["nodes_in_order", "edges_in_order", "all_nodes", "all_edges"]


def nodes_in_order(G: Any) -> Iterator[tuple[Any, dict[str, Any], int]]:
    """``(node, attributes, degree)`` by node id (the degree counts parallel edges, in and out)."""
    if hasattr(G, "sorted_nodes"):
        return G.sorted_nodes()
    return ((n, G.nodes[n], G.degree(n)) for n in sorted(G.nodes, key=str))


def edges_in_order(G: Any) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:
    """``(source, target, key, attributes)`` by (source, target, key)."""
    if hasattr(G, "sorted_edges"):
        return G.sorted_edges()
    return iter(sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))))


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
