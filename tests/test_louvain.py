"""kg.louvain gives networkx's Louvain communities exactly: the same sets in the same order."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from kg.louvain import louvain_communities


def _graph(seed: int, *, loops: bool) -> nx.Graph:
    r = random.Random(seed)
    n = r.randint(1, 150)
    nodes = [f"n{r.randint(0, 10**6)}" for _ in range(n)]
    G = nx.Graph()
    G.add_nodes_from(nodes)
    for _ in range(r.randint(0, 3 * n)):
        u, v = r.choice(nodes), r.choice(nodes)
        if u != v or loops:
            G.add_edge(u, v, weight=r.randint(1, 6))
    return G


def _same(G: nx.Graph, seed: int) -> None:
    expected = nx.community.louvain_communities(G, weight="weight", seed=seed)
    assert louvain_communities(G, weight="weight", seed=seed) == expected


@pytest.mark.parametrize("loops", [False, True])
def test_random_graphs_as_networkx(loops: bool) -> None:
    for seed in range(120):
        _same(_graph(seed, loops=loops), seed)


def test_known_graphs_as_networkx() -> None:
    _same(nx.karate_club_graph(), 42)
    _same(nx.les_miserables_graph(), 7)
    G = nx.relabel_nodes(nx.connected_caveman_graph(30, 6), str)
    nx.set_edge_attributes(G, 2, "weight")
    G.add_nodes_from(["lone", "other"])
    _same(G, 42)
    _same(nx.empty_graph(5), 1)


def test_unweighted_edges_count_one() -> None:
    G = nx.barbell_graph(6, 2)
    _same(G, 3)


def test_a_directed_graph_is_refused() -> None:
    with pytest.raises(ValueError):
        louvain_communities(nx.DiGraph([(1, 2)]), seed=1)


def test_the_collector_is_left_as_it_was() -> None:
    import gc

    louvain_communities(nx.path_graph(5), seed=1)
    assert gc.isenabled()
    gc.disable()
    try:
        louvain_communities(nx.path_graph(5), seed=1)
        assert not gc.isenabled()
    finally:
        gc.enable()
