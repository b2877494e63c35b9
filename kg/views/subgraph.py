"""Parts of a projected graph worth drawing: the neighbourhood of one entity, or a filtered cut.

``kg view --focus/--class/--relation/--doc`` call these before drawing; they return
independent copies, so the caller's graph is never changed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.errors import KGError

from .data import CLASSES, class_of, label_of, relation_of

__all__ = ["ego_graph", "filter_graph", "resolve"]


def ego_graph(G: nx.MultiDiGraph, focus: str, *, hops: int = 1) -> nx.MultiDiGraph:
    """Return the entities within ``hops`` links of ``focus``, in either direction.

    Analysts ask "what is around X", and name X as they read it, so ``focus`` may be the
    IRI, the label or an alias, in any case. An exact IRI wins, then a label, then an alias;
    among equals the most mentioned entity.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected graph.
    focus : str
        IRI, label or alias of the centre entity.
    hops : int
        Radius; edge direction is ignored, so who-met-X and whom-X-met both count.

    Returns
    -------
    networkx.MultiDiGraph
        An independent copy holding the neighbourhood with all edges among it.

    Raises
    ------
    kg.errors.KGError
        No entity has that name; the message suggests close names.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:a", label="Ada", aliases=["A. Lovelace"])
    >>> G.add_node("urn:b", label="Bob")
    >>> G.add_node("urn:c", label="Cy")
    >>> G.add_edge("urn:b", "urn:a", key="meets", relation="meets")
    'meets'
    >>> sorted(ego_graph(G, "a. lovelace").nodes)
    ['urn:a', 'urn:b']
    """
    if hops < 0:
        raise ValueError(f"hops must be 0 or more, not {hops}")
    centre = resolve(G, focus)
    reach = nx.single_source_shortest_path_length(
        G.to_undirected(as_view=True), centre, cutoff=hops
    )
    return G.subgraph(reach).copy()


def filter_graph(
    G: nx.MultiDiGraph,
    *,
    classes: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    docs: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """Return a copy of ``G`` cut down to some classes, relations or articles.

    Each filter left as ``None`` keeps everything. ``classes`` keeps entities of those
    classes (unknown types count as ``Thing``). ``relations`` keeps edges whose relation
    (or predicate IRI) is listed, and ``docs`` edges supported by a source whose ``doc`` id
    or ``title`` is listed; with either edge filter, an entity stays only if a kept edge
    touches it or, for ``docs``, one of those articles mentions it, so the view shows the
    story asked for instead of every isolated name.

    Raises
    ------
    kg.errors.KGError
        A class name is not one of :data:`CLASSES`.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:a", label="Ada", type="Person")
    >>> G.add_node("urn:u", label="UN", type="Organization")
    >>> G.add_edge("urn:a", "urn:u", key="memberOf", relation="memberOf")
    'memberOf'
    >>> sorted(filter_graph(G, classes=["person"]).nodes)
    ['urn:a']
    """
    keep_nodes = set(G.nodes)
    if classes is not None:
        wanted = {_class_name(c) for c in _as_list(classes)}
        keep_nodes = {n for n in G.nodes if class_of(G.nodes[n]) in wanted}
    rel_set = {r.casefold() for r in _as_list(relations)} if relations is not None else None
    doc_set = set(_as_list(docs)) if docs is not None else None

    edges = []
    for u, v, key, data in G.edges(keys=True, data=True):
        if u not in keep_nodes or v not in keep_nodes:
            continue
        if rel_set is not None and not (
            relation_of(key, data).casefold() in rel_set
            or str(data.get("predicate", "")).casefold() in rel_set
        ):
            continue
        if doc_set is not None and not any(
            isinstance(s, dict) and (s.get("doc") in doc_set or s.get("title") in doc_set)
            for s in data.get("sources") or []
        ):
            continue
        edges.append((u, v, key))
    if rel_set is not None or doc_set is not None:
        touched = {n for u, v, _ in edges for n in (u, v)}
        if doc_set is not None:
            touched |= {
                n for n in keep_nodes if doc_set.intersection(G.nodes[n].get("docs") or [])
            }
        keep_nodes &= touched

    out = nx.MultiDiGraph()
    out.graph.update(G.graph)
    out.add_nodes_from((n, dict(G.nodes[n])) for n in G.nodes if n in keep_nodes)
    out.add_edges_from((u, v, k, dict(G.edges[u, v, k])) for u, v, k in edges)
    return out





def _as_list(items: Iterable[str] | str) -> list[str]:
    """Accept one name as well as a list of them."""
    return [items] if isinstance(items, str) else [str(i) for i in items]


def _class_name(name: str) -> str:
    """Map a user's class name to ours, case-insensitively, or fail naming the choices."""
    for cls in CLASSES:
        if cls.casefold() == name.strip().casefold():
            return cls
    raise KGError(f"unknown entity class {name!r}; choose from: {', '.join(CLASSES)}")


def resolve(G: nx.MultiDiGraph, focus: str) -> Any:
    """Find the node named ``focus`` by IRI, label or alias, or raise with suggestions."""
    if focus in G:
        return focus
    wanted = focus.strip().casefold()
    by_label, by_alias = [], []
    names: dict[str, str] = {}
    for node, data in G.nodes(data=True):
        label = label_of(node, data)
        names.setdefault(label.casefold(), label)
        if label.casefold() == wanted or str(node).casefold() == wanted:
            by_label.append(node)
        for alias in data.get("aliases") or []:
            names.setdefault(str(alias).casefold(), str(alias))
            if str(alias).casefold() == wanted:
                by_alias.append(node)
    for found in (by_label, by_alias):
        if found:
            return min(found, key=lambda n: (-int(G.nodes[n].get("mentions") or 0), str(n)))
    close = difflib.get_close_matches(wanted, sorted(names), n=5, cutoff=0.6)
    hint = f" (did you mean: {', '.join(names[c] for c in close)}?)" if close else ""
    raise KGError(f"no entity named {focus!r}{hint}; give an IRI, a label or an alias")


