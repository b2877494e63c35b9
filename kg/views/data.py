"""What the page draws, prepared in Python: entities, facts, communities and positions.

The page gets one JSON document (:func:`page_data`) and the browser only draws it: every
number that takes time (PageRank, the Louvain communities ``kg stats`` finds, the layout)
is computed here, once, deterministically. Tables are rows of plain values rather than
objects, and sentences and article titles are stored once and referred to by index, because
on all of Reuters the page carries tens of thousands of entities and facts.

Node kinds the projection may add later (events, statements) and an optional ``date`` on
nodes, facts or sources are carried through; the page shows a date filter only when some
date is present.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

import networkx as nx

__all__ = ["CLASSES", "page_data", "class_of", "label_of", "relation_of", "NODE_FIELDS",
           "FACT_FIELDS"]

#: Entity class -> (colour, vis-network shape, legend symbol), for every class the projection
#: makes a node of (``kg.project.ENTITY_CLASSES``) and the statements to come; others are drawn
#: as ``Thing``. Colours are Tableau 10 and Tableau 20 ones, so neighbouring classes stay apart;
#: shapes repeat but never with the same colour. Every shape draws its label beside it.
CLASSES: dict[str, tuple[str, str, str]] = {
    "Person": ("#4e79a7", "dot", "\u25cf"),
    "Organization": ("#f28e2b", "square", "\u25a0"),
    "Country": ("#e15759", "diamond", "\u25c6"),
    "City": ("#76b7b2", "triangle", "\u25b2"),
    "Region": ("#59a14f", "triangleDown", "\u25bc"),
    "Place": ("#edc948", "hexagon", "\u2b22"),
    "Group": ("#b07aa1", "star", "\u2605"),
    "Event": ("#ff9da7", "star", "\u2605"),
    "Statement": ("#bab0ac", "triangleDown", "\u25bc"),
    "Position": ("#9c755f", "square", "\u25a0"),
    "Facility": ("#17becf", "triangle", "\u25b2"),
    "CreativeWork": ("#d37295", "hexagon", "\u2b22"),
    "Legislation": ("#499894", "diamond", "\u25c6"),
    "Product": ("#b6992d", "dot", "\u25cf"),
    "Thing": ("#8c8c8c", "dot", "\u25cf"),
}
#: Source sentences carried per fact (the panel says how many more there are).
MAX_SOURCES = 5
#: Longest sentence carried, in characters.
MAX_SENTENCE = 320
#: Communities this small are drawn open even when the page opens on clusters.
SMALL_COMMUNITY = 4
#: Seed of PageRank's tie-breaking order, Louvain and the layout: the same graph, the same page.
SEED = 42
#: Order of the values in each row of ``nodes`` and ``facts`` (the page reads them by name).
NODE_FIELDS = ("iri", "label", "cls", "aliases", "mentions", "x", "y", "size", "community",
               "docs", "date", "degree")
FACT_FIELDS = ("s", "o", "rel", "weight", "confidence", "sources", "nSources", "docs", "date")


def class_of(data: dict[str, Any]) -> str:
    """The node's class, with anything outside :data:`CLASSES` shown as ``Thing``."""
    cls = str(data.get("type") or "Thing")
    return cls if cls in CLASSES else "Thing"


def label_of(node: Any, data: dict[str, Any]) -> str:
    """The node's label, or the last segment of its IRI when it has none."""
    label = data.get("label")
    if label:
        return str(label)
    return re.split(r"[/#:]", str(node).rstrip("/#"))[-1] or str(node)


def relation_of(key: Any, data: dict[str, Any]) -> str:
    """The edge's relation name, falling back to its key."""
    return str(data.get("relation") or key)


def _date(value: Any) -> str | None:
    """An ISO date (``YYYY-MM-DD``, or a shorter prefix) from a date, datetime or string."""
    if value is None or value == "":
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    match = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text.strip())
    return match.group() if match else None


def _sentence(text: Any) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= MAX_SENTENCE else s[: MAX_SENTENCE - 1] + "\u2026"


class _Table:
    """Distinct values numbered in first-seen order (titles, sentences)."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        return self.index.setdefault(value, len(self.index))

    def rows(self) -> list[Any]:
        return list(self.index)


def page_data(G: nx.MultiDiGraph, *, title: str, cluster_above: int,
              physics: bool | None, physics_limit: int) -> dict[str, Any]:
    """The JSON document the page reads; the same graph gives the same document."""
    from .layout import group_radius, layout

    ids = sorted(G.nodes, key=str)
    index = {n: i for i, n in enumerate(ids)}
    ranking = _ranking_ahead(G, ids, index)
    docs, sentences = _Table(), _Table()
    doc_ids = _doc_ids(G)
    # article titles are the key, because node attributes name articles by title
    for t in sorted({str(t) for n in ids for t in (G.nodes[n].get("docs") or [])} | set(doc_ids)):
        docs(t)
    facts, degree, relations = _facts(G, index, docs, sentences)
    importance, order, groups = _rank(G, ids, degree, *ranking())
    community = [-1] * len(ids)
    for c, members in enumerate(groups):
        for i in members:
            community[i] = c
    drawn = [i for i in range(len(ids)) if degree[i]]
    local = {i: k for k, i in enumerate(drawn)}
    positions = dict(zip(drawn, layout([ids[i] for i in drawn],
                                       [(local[f[0]], local[f[1]]) for f in facts],
                                       [community[i] for i in drawn],
                                       [importance[i] for i in drawn])))
    _place_orphans(ids, G, degree, positions)
    top = max(degree, default=1) or 1
    nodes = []
    for i, n in enumerate(ids):
        data = G.nodes[n]
        nodes.append([str(n), label_of(n, data), class_of(data),
                      sorted(str(a) for a in (data.get("aliases") or [])),
                      int(data.get("mentions") or 0), *positions[i],
                      round(8 + 22 * math.sqrt(degree[i] / top), 1), community[i],
                      sorted({docs.index[str(t)] for t in (data.get("docs") or [])}),
                      _date(data.get("date")), degree[i]])
    communities = []
    for members in groups:
        xs, ys = [positions[i][0] for i in members], [positions[i][1] for i in members]
        communities.append({"members": members, "x": round(sum(xs) / len(xs)),
                            "y": round(sum(ys) / len(ys)), "size": round(group_radius(len(members)))})
    _open_small(communities, budget=cluster_above)
    physics_on = bool(physics) if physics is not None else 0 < len(drawn) <= physics_limit
    dated = any(f[-1] for f in facts) or any(n[10] for n in nodes)
    return {
        "meta": {"title": title, "entities": len(ids), "drawn": len(drawn),
                 "orphans": len(ids) - len(drawn), "facts": len(facts),
                 "clustered": len(drawn) > cluster_above, "clusterAbove": cluster_above,
                 "physics": physics_on, "dated": dated, "seed": SEED,
                 "nodeFields": list(NODE_FIELDS), "factFields": list(FACT_FIELDS)},
        "classes": [[c, *CLASSES[c]] for c in CLASSES],
        "relations": relations,
        "docs": [[t, doc_ids.get(t, "")] for t in docs.rows()],
        "sentences": sentences.rows(),
        "nodes": nodes,
        "order": order,
        "facts": facts,
        "communities": communities,
    }


def _doc_ids(G: nx.MultiDiGraph) -> dict[str, str]:
    """Article title -> id, from the sources of the facts (node attributes hold titles only)."""
    out: dict[str, str] = {}
    for _, _, data in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        for s in data.get("sources") or []:
            if isinstance(s, dict) and s.get("title"):
                out.setdefault(str(s["title"]), str(s.get("doc") or ""))
    return out


def _facts(G: nx.MultiDiGraph, index: dict[Any, int], docs: _Table, sentences: _Table):
    """Fact rows (see :data:`FACT_FIELDS`), facts per entity, and the relations table."""
    counts = Counter(relation_of(k, d) for _, _, k, d in G.edges(keys=True, data=True))
    names = sorted(counts, key=lambda r: (-counts[r], r))
    rel_index = {r: i for i, r in enumerate(names)}
    predicates: dict[str, tuple[str, bool]] = {}
    facts, degree = [], [0] * len(index)
    for u, v, key, data in sorted(G.edges(keys=True, data=True),
                                  key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        rel = relation_of(key, data)
        predicates.setdefault(rel, (str(data.get("predicate") or ""), bool(data.get("open", False))))
        seen, sources, fact_docs, source_date = set(), [], set(), None
        for s in data.get("sources") or []:
            if not isinstance(s, dict):
                continue
            doc = docs(str(s.get("title") or s.get("doc") or ""))
            fact_docs.add(doc)
            source_date = source_date or _date(s.get("date"))
            pair = (doc, sentences(_sentence(s.get("sentence"))))
            if pair not in seen:
                seen.add(pair)
                sources.append(list(pair))
        degree[index[u]] += 1
        degree[index[v]] += 1
        # a large build's projection carries a bounded share of the sources, and how many there are
        # (kg.stream_projection.VIEW_SOURCES_PER_FACT)
        counted = max(len(sources), int(data.get("n_sources") or 0))
        facts.append([index[u], index[v], rel_index[rel], max(int(data.get("weight") or 1), 1),
                      round(float(data.get("confidence") or 0.0), 3), sources[:MAX_SOURCES],
                      counted, sorted(fact_docs), _date(data.get("date")) or source_date or _date(data.get("first_date"))])
    return facts, degree, [[r, *predicates[r]] for r in names]


def _rank(G: nx.MultiDiGraph, ids: list[Any], degree: list[int], rank: list[float], parts: list[list[int]]):
    """Importance per entity (PageRank, ties broken by degree), entities by importance, and the
    communities of drawn entities (from :func:`_ranking`), members most important first,
    communities largest first."""
    importance = [rank[i] + degree[i] * 1e-9 for i in range(len(ids))]
    order = sorted(range(len(ids)), key=lambda i: (-importance[i], label_of(ids[i], G.nodes[ids[i]]).casefold(),
                                                   str(ids[i])))
    position = {i: k for k, i in enumerate(order)}
    groups = [sorted(m, key=position.__getitem__) for m in ([i for i in part if degree[i]] for part in parts) if m]
    groups.sort(key=lambda m: (-len(m), position[m[0]]))
    return importance, order, groups


def _ranking(G: nx.MultiDiGraph, ids: list[Any], index: dict[Any, int]) -> tuple[list[float], list[list[int]]]:
    """PageRank of each entity (in ``ids`` order) and the Louvain communities (entity numbers):
    those ``kg stats`` reports (same graph, weights and seed)."""
    from kg.stats import louvain_communities, weighted_undirected

    U = weighted_undirected(G)
    if not U.number_of_edges():
        return [0.0] * len(ids), []
    rank = nx.pagerank(U, weight="weight")
    parts = louvain_communities(U, seed=SEED)
    return [rank.get(n, 0.0) for n in ids], [[index[n] for n in part] for part in parts]


#: From this many facts on, :func:`_ranking` runs in a forked child while the page's tables are
#: made (on all of Reuters-21578: 7 s beside 2 s): the view is the longest
#: of a build's writers, and the other core has room then (kg._forked.WRITER_NICE).
RANK_AHEAD_FACTS = 20_000


def _ranking_ahead(G: nx.MultiDiGraph, ids: list[Any], index: dict[Any, int]):
    """A function giving :func:`_ranking`'s result: computed by a child forked now for a large
    graph (the same numbers: sent back pickled), here when it is called otherwise, or when the
    child fails."""
    import os

    from kg._forked import can_fork

    def here():
        return _ranking(G, ids, index)

    if G.number_of_edges() < RANK_AHEAD_FACTS or not can_fork():
        return here
    import pickle

    import igraph  # noqa: F401 - imported before the fork: the child imports nothing
    import kg.stats  # noqa: F401
    from kg._forked import die_with

    read, write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        try:
            os.close(read)
            die_with(parent)
            data = pickle.dumps(here(), protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(data)
            while view:
                view = view[os.write(write, view):]
        finally:
            os._exit(0)
    os.close(write)

    def result():
        chunks = []
        try:
            while chunk := os.read(read, 1 << 20):
                chunks.append(chunk)
        finally:
            os.close(read)
            os.waitpid(pid, 0)
        try:
            return pickle.loads(b"".join(chunks))
        except Exception:  # the child ended without its answer: computed here
            return here()

    return result


def _open_small(communities: list[dict[str, Any]], *, budget: int) -> None:
    """Mark the smallest communities to be drawn open when the page opens on clusters.

    A cluster node for two or three names hides more than it saves: their own labels and
    relation say more. Up to ``budget`` entities, communities of at most
    :data:`SMALL_COMMUNITY` members open at load, smallest first.
    """
    used = 0
    for c in sorted(communities, key=lambda c: len(c["members"])):
        size = len(c["members"])
        c["open"] = size <= SMALL_COMMUNITY and used + size <= budget
        used += size if c["open"] else 0


def _place_orphans(ids: list[Any], G: nx.MultiDiGraph, degree: list[int],
                   positions: dict[int, tuple[int, int]]) -> None:
    """Entities with no fact: a grid to the right of the drawing, in label order."""
    orphans = sorted((i for i in range(len(ids)) if not degree[i]),
                     key=lambda i: (label_of(ids[i], G.nodes[ids[i]]).casefold(), str(ids[i])))
    if not orphans:
        return
    right = max((x for x, _ in positions.values()), default=0) + 200
    top = min((y for _, y in positions.values()), default=0)
    cols = max(1, math.ceil(math.sqrt(len(orphans) / 3)))
    for k, i in enumerate(orphans):
        positions[i] = (right + 160 * (k % cols), top + 40 * (k // cols))
