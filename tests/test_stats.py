"""Tests of kg.stats and ``kg stats``: counts, rankings and communities of a real build.

See #5.
"""

from __future__ import annotations

import csv
import json
from collections import Counter

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.project import project
from kg.stats import _stats, format_stats, graph_stats

pytestmark = pytest.mark.issue(5)


@pytest.fixture(scope="module")
def stats(sample_graph):
    return graph_stats(sample_graph, top=5)


@pytest.fixture(scope="module")
def projected(sample_graph):
    return project(sample_graph, events=False, statements=False)  # kg stats counts entities and their facts


@pytest.fixture(scope="module")
def triples(sample_build):
    with (sample_build.out_dir / "triples.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_stats_counts_match_projection_and_triples_csv(stats, projected, triples):
    assert stats.entities == projected.number_of_nodes() > 10
    assert stats.facts == projected.number_of_edges() > 10
    assert stats.assertions == len(triples)
    assert dict(stats.classes) == Counter(d["type"] for _, d in projected.nodes(data=True))
    assert sum(r.facts for r in stats.relations) == stats.facts
    by_rel = {r.relation: r for r in stats.relations}
    expected: dict[str, Counter] = {}
    for row in triples:
        kind = ("negated" if row["negated"] == "true" else
                "hypothetical" if row["modality"] == "hypothetical" else "plain")
        expected.setdefault(row["predicate"], Counter())[kind] += 1
    assert set(by_rel) == set(expected)
    for rel, c in expected.items():
        r = by_rel[rel]
        assert (r.plain, r.negated, r.hypothetical) == (c["plain"], c["negated"], c["hypothetical"])
    # the samples hold negated and hypothetical statements; they are counted, never facts
    assert sum(r.negated for r in stats.relations) > 0
    assert sum(r.hypothetical for r in stats.relations) > 0
    assert any(r.facts == 0 and r.plain == 0 for r in stats.relations)


def test_stats_rankings(stats, projected):
    assert len(stats.top_degree) == len(stats.top_pagerank) == 5
    degree = dict(projected.degree())
    best = sorted(degree.values(), reverse=True)[:5]
    assert [e.degree for e in stats.top_degree] == best
    assert all(e.degree == degree[e.id] for e in stats.top_degree)
    ranks = [e.pagerank for e in stats.top_pagerank]
    assert ranks == sorted(ranks, reverse=True) and 0 < ranks[0] < 1
    labels = {e.label for e in stats.top_degree + stats.top_pagerank}
    assert {"Russia", "Sergey Lavrov"} <= labels


def test_stats_communities_partition_and_are_deterministic(sample_graph, stats):
    members = [i for c in stats.communities for i in c.ids]
    assert len(members) == len(set(members))  # disjoint
    assert all(c.size == len(c.ids) >= 2 for c in stats.communities)
    assert len(members) + stats.singletons == stats.entities
    assert 0 < stats.modularity < 1
    assert graph_stats(sample_graph, top=5) == stats
    assert stats.seed == 42


def test_stats_small_graph_exact():
    G = nx.MultiDiGraph()
    for n, cls in [("a", "Person"), ("b", "Person"), ("c", "Country"), ("d", "Country"),
                   ("e", "Thing")]:
        G.add_node(n, label=n.upper(), type=cls)
    G.add_edge("a", "b", key="meets", relation="meets", weight=2)
    G.add_edge("b", "a", key="meets", relation="meets", weight=1)
    G.add_edge("c", "d", key="borders", relation="borders", weight=1)
    rows = [{"predicate": "meets", "negated": False, "modality": "asserted"}] * 3 + [
        {"predicate": "borders", "negated": False, "modality": "reported"},
        {"predicate": "meets", "negated": True, "modality": "hypothetical"},
        {"predicate": "visits", "negated": False, "modality": "hypothetical"}]
    s = _stats(G, rows, top=2, seed=1)
    assert s.classes == (("Country", 2), ("Person", 2), ("Thing", 1))
    assert [(r.relation, r.facts, r.plain, r.negated, r.hypothetical) for r in s.relations] == [
        ("meets", 2, 3, 1, 0), ("borders", 1, 1, 0, 0), ("visits", 0, 0, 0, 1)]
    assert [(e.label, e.degree) for e in s.top_degree] == [("A", 2), ("B", 2)]
    assert [c.labels for c in s.communities] == [("A", "B"), ("C", "D")]
    assert s.singletons == 1


def test_stats_table_is_aligned(stats):
    text = format_stats(stats)
    assert text.startswith(f"{stats.entities} entities, {stats.facts} facts, "
                           f"{stats.assertions} assertions\n")
    blocks = text.strip().split("\n\n")
    assert len(blocks) == 6  # summary, classes, relations, degree, PageRank, communities
    for block in blocks[1:]:
        lines = block.splitlines()
        while not lines[1].startswith("-"):  # a caption line before the header
            lines = lines[1:]
        rule = lines[1]
        # every column boundary of the dashed rule is a space in every row
        gaps = [i for i, ch in enumerate(rule) if ch == " "]
        for line in [lines[0], *lines[2:]]:
            assert all(i >= len(line) or line[i] == " " for i in gaps), (block, line)
    assert "top 5 by degree" in text and "top 5 by PageRank" in text
    assert "communities (Louvain, seed 42, modularity" in text


def test_stats_json_round_trips(stats):
    data = json.loads(format_stats(stats, "json"))
    assert data == json.loads(json.dumps(stats.to_dict()))
    assert data["entities"] == stats.entities and len(data["top_pagerank"]) == 5
    with pytest.raises(ValueError, match="choose table or json"):
        format_stats(stats, "xml")


def test_stats_cli(sample_build, stats):
    runner = CliRunner()
    graph = str(sample_build.out_dir / "graph.ttl")
    r = runner.invoke(cli, ["stats", graph, "--top", "5"])
    assert r.exit_code == 0, r.output
    assert r.output == format_stats(stats)
    r = runner.invoke(cli, ["stats", graph, "--top", "2", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert [e["label"] for e in json.loads(r.output)["top_degree"]] == [
        e.label for e in stats.top_degree[:2]]
    r = runner.invoke(cli, ["stats", "no/such/graph.ttl"])
    assert r.exit_code == 1
    assert r.output.startswith("Error: ") and r.output.count("\n") == 1
    assert "Traceback" not in r.output


def test_louvain_communities_two_groups_a_loner_and_the_same_answer_each_time():
    """kg.stats.louvain_communities (igraph's multilevel, seeded): two dense groups joined by one
    edge are two communities, a node without edges is one of its own, every node is in exactly
    one, the answer repeats, and Python's global random state is left as it was."""
    import random

    import networkx as nx

    from kg.stats import louvain_communities

    U = nx.Graph()
    U.add_nodes_from(["lone", *"abcdefgh"])
    for group in ("abcd", "efgh"):
        U.add_edges_from(((u, v) for u in group for v in group if u < v), weight=3)
    U.add_edge("d", "e", weight=1)
    state = random.getstate()
    parts = louvain_communities(U, seed=42)
    assert random.getstate() == state
    assert sorted(sorted(p) for p in parts) == [list("abcd"), list("efgh"), ["lone"]]
    assert parts == louvain_communities(U, seed=42)
    assert louvain_communities(nx.Graph(), seed=42) == []
