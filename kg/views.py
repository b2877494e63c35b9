"""Interactive HTML network view of the projected graph, drawn with pyvis (vis-network).

The page is one self-contained file: pyvis inlines vis-network (``cdn_resources="in_line"``),
and we strip the Bootstrap ``<link>``/``<script>`` tags its template still points at a CDN,
so ``graph.html`` opens offline and makes no network request. Our own small inline script
adds what an analyst needs on top of pyvis: a legend that doubles as class filters, relation
filters, a search box, a physics toggle and tooltips built with ``textContent``, because
article text is data and must never become markup.

Large graphs are cut to the ``max_nodes`` most connected entities (the page says so) and,
above :data:`LAYOUT_THRESHOLD` nodes, get positions computed here with physics off, so the
page is usable at once instead of after a long in-browser simulation.
"""

from __future__ import annotations

import difflib
import html
import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from kg._io import atomic_write_text
from kg.errors import ExportError, KGError

__all__ = ["generate_html", "write_html", "ego_graph", "filter_graph"]

#: Entity class -> (colour, vis-network shape, legend symbol). Colours are Tableau 10 plus
#: two, so neighbouring classes stay apart; shapes repeat but never with the same colour.
CLASSES: dict[str, tuple[str, str, str]] = {
    "Person": ("#4e79a7", "dot", "\u25cf"),
    "Organization": ("#f28e2b", "square", "\u25a0"),
    "Country": ("#e15759", "diamond", "\u25c6"),
    "City": ("#76b7b2", "triangle", "\u25b2"),
    "Region": ("#59a14f", "triangleDown", "\u25bc"),
    "Place": ("#edc948", "hexagon", "\u2b22"),
    "Group": ("#b07aa1", "star", "\u2605"),
    "Event": ("#ff9da7", "star", "\u2605"),
    "Position": ("#9c755f", "square", "\u25a0"),
    "Facility": ("#17becf", "triangle", "\u25b2"),
    "Thing": ("#8c8c8c", "dot", "\u25cf"),
}
#: Above this many shown nodes, positions are precomputed and physics starts switched off.
LAYOUT_THRESHOLD = 300
#: Largest graph laid out as a whole by the force-directed layout; beyond it the most
#: connected nodes are laid out and the rest placed beside their neighbours.
FULL_LAYOUT_LIMIT = 1500
#: Source sentences carried per edge into the page (tooltips show them all).
MAX_SOURCES = 5
#: Article titles carried per node.
MAX_DOCS = 20
#: Seed of the layout here and of vis-network's own, so a page looks the same every time.
SEED = 42
_MAX_SENTENCE = 320
_EXTERNAL_TAG = re.compile(
    r"<link\b[^>]*?\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>"
    r"|<script\b[^>]*?\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script\s*>",
    re.IGNORECASE,
)
_EXTERNAL_REF = re.compile(
    r"\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//|url\(\s*[\"']?\s*(?:https?:)?//|@import",
    re.IGNORECASE,
)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>\s*")
# pyvis's commented-out node_modules tags and vis-network's source-map pointer: dead
# references that DevTools would still try to load.
_DEAD_REFS = re.compile(r"<!--\s*<link\b.*?-->\s*|//# sourceMappingURL=[^\s<]+", re.S)


def generate_html(
    G: nx.MultiDiGraph,
    *,
    title: str = "kg graph",
    max_nodes: int = 1500,
    physics: bool | None = None,
) -> str:
    """Render ``G`` as one self-contained, offline HTML page.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected graph (``kg.project``): entity IRIs as nodes with ``label``, ``type``,
        ``aliases``, ``mentions``, ``docs``; edges keyed by relation with ``relation``,
        ``weight``, ``confidence``, ``sources``.
    title : str
        Page title and heading; escaped, so any text is safe.
    max_nodes : int
        Draw at most this many entities, the most connected ones (ties by label), because
        a browser canvas stops being readable or responsive long before the graph ends.
        The page states how many were left out.
    physics : bool or None
        Start with the physics simulation on or off. ``None`` turns it on for graphs up to
        :data:`LAYOUT_THRESHOLD` nodes and precomputes the layout above that, so large pages
        do not spend their first seconds simulating. With ``False`` the layout is always
        precomputed.

    Returns
    -------
    str
        The page. The same graph and options give the same string, byte for byte.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(name="demo")
    >>> G.add_node("urn:a", label="Ada", type="Person", aliases=[], mentions=1, docs=[])
    >>> page = generate_html(G, title="demo")
    >>> page.startswith("<!DOCTYPE html>") and "Ada" in page and "https://cdn" not in page
    True
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    try:
        from pyvis.network import Network
    except ImportError as err:  # pragma: no cover - pyvis is a declared dependency
        raise ExportError("the HTML view needs pyvis: pip install 'pyvis>=0.3.2'") from err

    total = G.number_of_nodes()
    H = _top_nodes(G, max_nodes)
    n = H.number_of_nodes()
    physics_on = bool(physics) if physics is not None else n <= LAYOUT_THRESHOLD
    pos = _layout(H) if n and (not physics_on or n > LAYOUT_THRESHOLD) else {}

    net = Network(
        height="100vh", width="100%", directed=True, cdn_resources="in_line", heading=""
    )
    net.options = _vis_options(n, physics_on, bool(pos))
    deg = dict(H.degree())
    top = max(deg.values(), default=1) or 1
    for node in sorted(H.nodes, key=str):
        data = H.nodes[node]
        cls = _class_of(data)
        colour, shape, _ = CLASSES[cls]
        docs = [str(d) for d in (data.get("docs") or [])]
        extra: dict[str, Any] = {}
        if node in pos:
            extra.update(x=pos[node][0], y=pos[node][1])
        net.add_node(
            str(node),
            label=_label_of(node, data),
            shape=shape,
            color=colour,
            size=round(8 + 22 * math.sqrt(deg[node] / top), 1),
            kgClass=cls,
            aliases=[str(a) for a in (data.get("aliases") or [])],
            mentions=int(data.get("mentions") or 0),
            docs=docs[:MAX_DOCS],
            nDocs=len(docs),
            **extra,
        )
    for i, (u, v, key, data, smooth) in enumerate(_sorted_edges(H)):
        sources = _sources(data.get("sources") or [])
        weight = max(int(data.get("weight") or 1), 1)
        edge: dict[str, Any] = dict(
            id=f"e{i}",
            label=_relation_of(key, data),
            relation=_relation_of(key, data),
            weight=weight,
            width=round(min(1 + 1.5 * math.log2(weight), 10), 2),
            confidence=round(float(data.get("confidence") or 0.0), 3),
            predicate=str(data.get("predicate") or ""),
            open=bool(data.get("open", False)),
            sources=sources[:MAX_SOURCES],
            nSources=len(sources),
        )
        if smooth:
            edge.update(smooth)
        # Edges go straight into pyvis's list: add_edge checks both ends with a list scan
        # (``source in self.node_ids``), quadratic at the sizes this view supports.
        net.edges.append({"from": str(u), "to": str(v), "arrows": "to", **edge})

    page = net.generate_html(notebook=False)
    return _finish(page, H, total=total, title=title, physics_on=physics_on, laid_out=bool(pos))


def write_html(
    G: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    title: str = "kg graph",
    max_nodes: int = 1500,
    physics: bool | None = None,
) -> Path:
    """Write the page of :func:`generate_html` to ``path`` atomically.

    A failed or interrupted write leaves the previous file in place, never half a page.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    page = generate_html(G, title=title, max_nodes=max_nodes, physics=physics)
    return atomic_write_text(path, page)


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
    centre = _resolve(G, focus)
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
        keep_nodes = {n for n in G.nodes if _class_of(G.nodes[n]) in wanted}
    rel_set = {r.casefold() for r in _as_list(relations)} if relations is not None else None
    doc_set = set(_as_list(docs)) if docs is not None else None

    edges = []
    for u, v, key, data in G.edges(keys=True, data=True):
        if u not in keep_nodes or v not in keep_nodes:
            continue
        if rel_set is not None and not (
            _relation_of(key, data).casefold() in rel_set
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


# -- graph helpers ---------------------------------------------------------------------------


def _as_list(items: Iterable[str] | str) -> list[str]:
    """Accept one name as well as a list of them."""
    return [items] if isinstance(items, str) else [str(i) for i in items]


def _class_name(name: str) -> str:
    """Map a user's class name to ours, case-insensitively, or fail naming the choices."""
    for cls in CLASSES:
        if cls.casefold() == name.strip().casefold():
            return cls
    raise KGError(f"unknown entity class {name!r}; choose from: {', '.join(CLASSES)}")


def _class_of(data: dict[str, Any]) -> str:
    """The node's class, with anything outside :data:`CLASSES` shown as ``Thing``."""
    cls = str(data.get("type") or "Thing")
    return cls if cls in CLASSES else "Thing"


def _label_of(node: Any, data: dict[str, Any]) -> str:
    """The node's label, or the last segment of its IRI when it has none."""
    label = data.get("label")
    if label:
        return str(label)
    return re.split(r"[/#:]", str(node).rstrip("/#"))[-1] or str(node)


def _relation_of(key: Any, data: dict[str, Any]) -> str:
    """The edge's relation name, falling back to its key."""
    return str(data.get("relation") or key)


def _rank_key(G: nx.MultiDiGraph, deg: dict[Any, int]):
    """Sort key putting the most connected nodes first, ties by label then IRI."""
    return lambda n: (-deg[n], _label_of(n, G.nodes[n]).casefold(), str(n))


def _top_nodes(G: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """The subgraph of the ``max_nodes`` highest-degree nodes (all of ``G`` if it fits)."""
    if G.number_of_nodes() <= max_nodes:
        return G
    deg = dict(G.degree())
    keep = sorted(G.nodes, key=_rank_key(G, deg))[:max_nodes]
    return G.subgraph(keep)


def _resolve(G: nx.MultiDiGraph, focus: str) -> Any:
    """Find the node named ``focus`` by IRI, label or alias, or raise with suggestions."""
    if focus in G:
        return focus
    wanted = focus.strip().casefold()
    by_label, by_alias = [], []
    names: dict[str, str] = {}
    for node, data in G.nodes(data=True):
        label = _label_of(node, data)
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


def _sorted_edges(H: nx.MultiDiGraph):
    """Yield edges in a fixed order with the curve that keeps parallel edges apart."""
    edges = sorted(H.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (u, v, _, _) in enumerate(edges):
        groups[tuple(sorted((str(u), str(v))))].append(i)
    smooth: dict[int, dict[str, Any]] = {}
    for (a, b), members in groups.items():
        if len(members) < 2:
            continue
        for rank, i in enumerate(members):
            if a == b:  # several loops on one node: fan them out around it
                smooth[i] = {"selfReference": {"size": 18, "angle": round(rank * 0.9, 3)}}
                continue
            # Curve sides alternate; an edge drawn b->a has its clockwise side mirrored.
            clockwise = (rank % 2 == 0) == (str(edges[i][0]) == a)
            smooth[i] = {
                "smooth": {
                    "enabled": True,
                    "type": "curvedCW" if clockwise else "curvedCCW",
                    "roundness": round(0.2 * (rank // 2 + 1), 2),
                }
            }
    for i, (u, v, key, data) in enumerate(edges):
        yield u, v, key, data, smooth.get(i)


def _sources(raw: list[Any]) -> list[list[str]]:
    """Distinct ``[title, sentence]`` pairs of an edge's sources, in the graph's order."""
    out, seen = [], set()
    for s in raw:
        if not isinstance(s, dict):
            continue
        title = str(s.get("title") or s.get("doc") or "")
        sentence = " ".join(str(s.get("sentence") or "").split())
        if len(sentence) > _MAX_SENTENCE:
            sentence = sentence[: _MAX_SENTENCE - 1] + "\u2026"
        if (title, sentence) not in seen:
            seen.add((title, sentence))
            out.append([title, sentence])
    return out


# -- layout ----------------------------------------------------------------------------------


def _layout(H: nx.MultiDiGraph) -> dict[Any, tuple[int, int]]:
    """Deterministic positions in canvas pixels for every node of ``H``.

    ``nx.spring_layout`` switches to a SciPy-only solver at 500 nodes, and SciPy is not a
    kg dependency, so the same Fruchterman-Reingold step runs here in NumPy, vectorised.
    It is quadratic in memory and time, so above :data:`FULL_LAYOUT_LIMIT` only the most
    connected nodes are laid out and each other node is put beside a placed neighbour.
    """
    import numpy as np

    deg = dict(H.degree())
    order = sorted(H.nodes, key=_rank_key(H, deg))
    core = order[:FULL_LAYOUT_LIMIT]
    index = {node: i for i, node in enumerate(core)}
    pairs = {(index[u], index[v]) for u, v in H.edges() if u in index and v in index and u != v}
    xy = _fruchterman_reingold(len(core), pairs, seed=SEED)
    pos = {node: xy[i] for i, node in enumerate(core)}
    if len(order) > len(core):
        _place_rest(H, order[len(core) :], pos, np.random.default_rng(SEED))
    arr = np.array([pos[node] for node in order], dtype=float)
    arr -= arr.mean(axis=0)
    # Scale by the 95th-percentile radius, so a few far outliers do not squeeze the core.
    radius = float(np.percentile(np.hypot(arr[:, 0], arr[:, 1]), 95)) or 1.0
    arr *= (45 * math.sqrt(len(order)) + 100) / radius
    return {node: (int(round(x)), int(round(y))) for node, (x, y) in zip(order, arr)}


def _fruchterman_reingold(n: int, pairs: set[tuple[int, int]], *, seed: int, iterations: int = 50):
    """Fruchterman-Reingold positions for ``n`` nodes linked by index ``pairs`` (unit box).

    Repulsion is dense (every pair) but written as matrix products, so NumPy's BLAS does the
    quadratic work; attraction runs only along the edges. At 1,500 nodes and 3,000 edges:
    0.50 s, against 1.29 s for the textbook form (pairwise dx, dy and adjacency matrices).
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
    d2 = np.empty((n, n), dtype=np.float32)
    for _ in range(iterations):
        # squared distances |p_i|^2 + |p_j|^2 - 2 p_i.p_j, one matrix product (BLAS)
        sq = (pos * pos).sum(axis=1)
        np.matmul(pos, pos.T, out=d2)
        d2 *= np.float32(-2.0)
        d2 += sq[:, None]
        d2 += sq[None, :] + np.float32(1e-4)  # softened: no division by zero, and faster than a max()
        np.divide(k2, d2, out=d2)  # repulsion r_ij = k^2 / d^2 along p_i - p_j:
        # sum_j r_ij (p_i - p_j); two matrix-vector products are twice as fast as one d2 @ pos
        disp = pos * d2.sum(axis=1)[:, None] - np.stack([d2.dot(pos[:, 0]), d2.dot(pos[:, 1])], axis=1)
        if len(edges):  # attraction -d/k along each edge, both ends
            ex = pos[src] - pos[dst]
            pull = ex * (np.sqrt(np.maximum((ex * ex).sum(axis=1), np.float32(1e-4))) / k)[:, None]
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), np.float32(0.01))
        pos += disp * (np.float32(temperature) / length)[:, None]
        temperature -= cooling
    return pos


def _place_rest(H: nx.MultiDiGraph, rest: list[Any], pos: dict[Any, Any], rng) -> None:
    """Put each node outside the laid-out core next to a placed neighbour, or on a spiral."""
    import numpy as np

    placed_core = np.array(list(pos.values()))
    step = float(np.ptp(placed_core, axis=0).max() or 1.0) / math.sqrt(len(pos) + 1)
    children: Counter[Any] = Counter()
    pending = list(rest)
    while pending:
        left = []
        for node in pending:
            nbrs = [m for m in nx.all_neighbors(H, node) if m in pos]
            if not nbrs:
                left.append(node)
                continue
            parent = min(nbrs, key=str)
            children[parent] += 1
            angle = children[parent] * 2.399963 + rng.random() * 0.3  # golden angle fan
            r = step * (0.6 + 0.15 * math.sqrt(children[parent]))
            pos[node] = pos[parent] + np.array([math.cos(angle), math.sin(angle)]) * r
        if len(left) == len(pending):
            break
        pending = left
    centre = placed_core.mean(axis=0)
    outer = float(np.abs(placed_core - centre).max()) * 1.15 + step
    for i, node in enumerate(pending):  # not connected to anything placed
        angle = i * 2.399963
        r = outer + step * math.sqrt(i + 1) * 0.5
        pos[node] = centre + np.array([math.cos(angle), math.sin(angle)]) * r


# -- page ------------------------------------------------------------------------------------


def _vis_options(n: int, physics_on: bool, laid_out: bool) -> dict[str, Any]:
    """vis-network options: fixed seed, hover events for our tooltips, light edges."""
    return {
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#2b2b2b", "hover": "#2b2b2b"},
            "font": {"size": 10, "align": "middle", "color": "#444444",
                     "strokeWidth": 3, "strokeColor": "#ffffff"},
            "smooth": {"enabled": not laid_out, "type": "continuous"},
            "selectionWidth": 2,
            # relation names appear once zoomed in enough to read them (and cost nothing before)
            "scaling": {"label": {"drawThreshold": 8}},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n > 1000,
                        "hideEdgesOnZoom": n > 1000},
        "layout": {"randomSeed": SEED, "improvedLayout": not laid_out and n <= 150},
        "physics": {
            "enabled": physics_on,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110,
                                 "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 200, "fit": True},
        },
    }


def _script_json(value: Any) -> str:
    """JSON that is safe inside an inline ``<script>``: it cannot close the tag or a comment."""
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                     ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return text


def _finish(page: str, H: nx.MultiDiGraph, *, total: int, title: str, physics_on: bool,
            laid_out: bool) -> str:
    """Strip pyvis's CDN tags, add our panel, styles and script, and check it is offline."""
    page = _EXTERNAL_TAG.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    page = _DEAD_REFS.sub("", page)
    n = H.number_of_nodes()
    classes = Counter(_class_of(d) for _, d in H.nodes(data=True))
    relations = Counter(_relation_of(k, d) for _, _, k, d in H.edges(keys=True, data=True))
    if total == 0:
        note = "no entities"
    elif n < total:
        note = f"showing {n} of {total} entities (top by degree)"
    else:
        note = f"{n} entities, {H.number_of_edges()} relations"
    if laid_out:
        note += " \u00b7 layout precomputed, physics off" if not physics_on else ""
    e = html.escape
    legend = "".join(
        f'<label class="kg-row"><input type="checkbox" class="kg-class" value="{cls}" checked>'
        f'<span class="kg-sym" style="color:{CLASSES[cls][0]}">{CLASSES[cls][2]}</span>'
        f"{cls} <span class=\"kg-count\">{classes[cls]}</span></label>"
        for cls in CLASSES if classes[cls]
    )
    rels = "".join(
        f'<label class="kg-row"><input type="checkbox" class="kg-rel" value="{e(rel)}" checked>'
        f'{e(rel)} <span class="kg-count">{count}</span></label>'
        for rel, count in sorted(relations.items(), key=lambda rc: (-rc[1], rc[0]))
    )
    panel = (
        f'<div id="kg-panel"><h1 id="kg-title">{e(title)}</h1>'
        f'<div id="kg-note" role="status">{e(note)}</div>'
        '<input id="kg-search" type="search" list="kg-names" autocomplete="off" '
        'placeholder="find an entity by name or alias" aria-label="find an entity">'
        '<datalist id="kg-names"></datalist><div id="kg-found" role="status"></div>'
        f'<label class="kg-row"><input type="checkbox" id="kg-physics"'
        f'{" checked" if physics_on else ""}> physics</label>'
        f'<fieldset id="kg-legend"><legend>Classes</legend>{legend}</fieldset>'
        f'<fieldset id="kg-relations"><legend>Relations</legend>{rels}</fieldset></div>'
        '<div id="kg-tip" hidden></div>'
        + ('<div id="kg-empty">no entities</div>' if n == 0 else "")
    )
    meta = _script_json({"physics": physics_on, "shown": n, "total": total})
    script = f"<script>\nvar KG_META = {meta};\n{_JS}</script>\n"
    head = f'\n<title>{e(title)}</title>\n<meta name="viewport" content="width=device-width">'
    charset = '<meta charset="utf-8">'
    page = page.replace(charset, charset + head, 1)
    end = page.rindex("</body>")
    page = page[:end] + panel + f"<style>{_CSS}</style>\n" + script + page[end:]
    page = "<!DOCTYPE html>\n" + page.strip() + "\n"
    leak = _EXTERNAL_REF.search(_outside_inline_code(page))
    if leak:  # pyvis changed its template: refuse to write a page that phones home
        raise ExportError(f"the HTML view still references an external resource near "
                          f"{page[leak.start(): leak.start() + 80]!r}; update kg.views")
    return page


def _outside_inline_code(page: str) -> str:
    """The page's markup without the bodies of inline scripts (vis-network holds URLs)."""
    return re.sub(r"(<script\b[^>]*>).*?(</script>)", r"\1\2", page, flags=re.S | re.I)


_CSS = """
html,body{margin:0;padding:0;height:100%;overflow:hidden;font:13px/1.35 system-ui,sans-serif}
#mynetwork{float:none!important;border:0!important}
.card{border:0}
#kg-panel{position:fixed;top:8px;left:8px;width:250px;max-height:calc(100vh - 16px);
  overflow:auto;background:rgba(255,255,255,.94);border:1px solid #ccc;border-radius:6px;
  padding:8px 10px;box-shadow:0 1px 4px rgba(0,0,0,.15);z-index:10}
#kg-title{font-size:15px;margin:0 0 4px}
#kg-note,#kg-found{color:#555;margin-bottom:6px}
#kg-search{width:100%;box-sizing:border-box;margin-bottom:2px}
#kg-panel fieldset{border:1px solid #ddd;margin:6px 0;padding:2px 6px 4px}
#kg-relations{max-height:200px;overflow:auto}
.kg-row{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.kg-sym{display:inline-block;width:1.2em;text-align:center;font-size:14px}
.kg-count{color:#777}
#kg-tip{position:absolute;z-index:20;max-width:420px;background:#fffef5;border:1px solid #999;
  border-radius:4px;padding:6px 8px;box-shadow:2px 2px 8px rgba(0,0,0,.2);pointer-events:none;
  white-space:normal;overflow-wrap:anywhere}
#kg-tip[hidden]{display:none}
.kg-tip-head{font-weight:bold}.kg-tip-sub{color:#666;margin-top:4px}
.kg-tip-src{margin-top:4px}.kg-tip-doc{color:#666;font-style:italic}
#kg-empty{position:fixed;top:45%;width:100%;text-align:center;font-size:22px;color:#777}
"""

# Our UI. Every piece of graph text reaches the DOM through textContent or .value, never
# innerHTML, and vis-network gets no `title`, so its own popup never renders article text.
_JS = r"""
(function () {
  "use strict";
  var net = window.network, nodes = window.nodes, edges = window.edges;
  var box = document.getElementById("mynetwork");
  var tip = document.getElementById("kg-tip");
  box.appendChild(tip);
  var view = window.kgView = {ready: false, readyAt: null, meta: KG_META};
  function ready() {
    if (view.ready) return;
    view.ready = true; view.readyAt = performance.now();
    document.body.setAttribute("data-kg-ready", "1");
  }
  if (KG_META.physics && nodes.length) {
    net.once("stabilizationIterationsDone", ready);
    net.once("stabilized", ready);
  } else {
    net.once("afterDrawing", ready);
  }

  function line(parent, cls, text) {
    var div = document.createElement("div");
    if (cls) div.className = cls;
    div.textContent = text;
    parent.appendChild(div);
  }
  function nodeTip(id) {
    var n = nodes.get(id), f = document.createDocumentFragment();
    if (!n) return null;
    line(f, "kg-tip-head", n.label);
    line(f, "", n.kgClass + " \u00b7 " + n.mentions + " mention" + (n.mentions === 1 ? "" : "s"));
    if (n.aliases.length) line(f, "", "also: " + n.aliases.join(", "));
    if (n.nDocs) {
      line(f, "kg-tip-sub", "articles (" + n.nDocs + "):");
      n.docs.slice(0, 8).forEach(function (t) { line(f, "kg-tip-doc", "\u2022 " + t); });
      if (n.nDocs > 8) line(f, "kg-tip-sub", "\u2026 and " + (n.nDocs - 8) + " more");
    }
    return f;
  }
  function edgeTip(id) {
    var e = edges.get(id), f = document.createDocumentFragment();
    if (!e) return null;
    var a = nodes.get(e.from), b = nodes.get(e.to);
    line(f, "kg-tip-head", (a ? a.label : e.from) + " \u2192 " + e.relation + " \u2192 " +
         (b ? b.label : e.to));
    line(f, "", "weight " + e.weight + " \u00b7 confidence " + e.confidence +
         (e.open ? " \u00b7 open relation" : ""));
    e.sources.forEach(function (s) {
      line(f, "kg-tip-src", "\u201c" + s[1] + "\u201d");
      if (s[0]) line(f, "kg-tip-doc", "\u2014 " + s[0]);
    });
    if (e.nSources > e.sources.length)
      line(f, "kg-tip-sub", "\u2026 and " + (e.nSources - e.sources.length) + " more sources");
    return f;
  }
  function showTip(content, x, y) {
    if (!content) return hideTip();
    tip.replaceChildren(content);
    tip.hidden = false;
    var w = box.clientWidth, h = box.clientHeight;
    tip.style.left = Math.max(0, Math.min(x + 14, w - tip.offsetWidth - 4)) + "px";
    tip.style.top = Math.max(0, Math.min(y + 14, h - tip.offsetHeight - 4)) + "px";
  }
  function hideTip() { tip.hidden = true; tip.replaceChildren(); }
  function tipAtNode(id) {
    var p = net.getPositions([id])[id];
    if (p) { var d = net.canvasToDOM(p); showTip(nodeTip(id), d.x, d.y); }
  }
  view.showNodeTip = tipAtNode;
  view.showEdgeTip = function (id, x, y) { showTip(edgeTip(id), x || 0, y || 0); };
  net.on("hoverNode", function (p) { showTip(nodeTip(p.node), p.pointer.DOM.x, p.pointer.DOM.y); });
  net.on("hoverEdge", function (p) { showTip(edgeTip(p.edge), p.pointer.DOM.x, p.pointer.DOM.y); });
  net.on("blurNode", hideTip);
  net.on("blurEdge", hideTip);
  net.on("selectNode", function (p) { if (p.nodes.length) tipAtNode(p.nodes[0]); });
  net.on("deselectNode", hideTip);
  net.on("dragStart", hideTip);
  net.on("zoom", hideTip);

  // search: exact label/alias first, then prefix, then substring; bigger nodes win ties
  var index = nodes.get().map(function (n) {
    return {id: n.id, size: n.size, label: n.label,
            keys: [n.label].concat(n.aliases).map(function (s) {
              return String(s).toLowerCase(); })};
  }).sort(function (a, b) {
    return b.size - a.size || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  });
  var names = document.getElementById("kg-names");
  index.slice(0, 5000).forEach(function (it) {
    var o = document.createElement("option"); o.value = it.label; names.appendChild(o);
  });
  function find(q) {
    q = q.trim().toLowerCase();
    if (!q) return null;
    var tests = [function (k) { return k === q; }, function (k) { return k.indexOf(q) === 0; },
                 function (k) { return k.indexOf(q) >= 0; }];
    for (var t = 0; t < tests.length; t++)
      for (var i = 0; i < index.length; i++)
        if (index[i].keys.some(tests[t])) return index[i].id;
    return null;
  }
  var search = document.getElementById("kg-search"), found = document.getElementById("kg-found");
  function onSearch() {
    var id = find(search.value);
    if (id === null) { found.textContent = search.value.trim() ? "no match" : ""; return; }
    var n = nodes.get(id);
    found.textContent = n.label + " (" + n.kgClass + ")" +
      (n.hidden ? " \u2014 hidden by a filter" : "");
    net.selectNodes([id]);
    net.focus(id, {scale: Math.max(net.getScale(), 1.0), animation: false});
    tipAtNode(id);
    view.focused = id;
  }
  search.addEventListener("input", onSearch);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") onSearch(); });

  // filters: hide nodes of unchecked classes, edges of unchecked relations or hidden ends
  function checked(cls) {
    var s = new Set();
    document.querySelectorAll("input." + cls).forEach(function (b) {
      if (b.checked) s.add(b.value);
    });
    return s;
  }
  function applyFilters() {
    var cls = checked("kg-class"), rel = checked("kg-rel"), gone = {}, nu = [], eu = [];
    nodes.forEach(function (n) {
      var h = !cls.has(n.kgClass); gone[n.id] = h;
      if (!!n.hidden !== h) nu.push({id: n.id, hidden: h});
    });
    nodes.update(nu);
    edges.forEach(function (e) {
      var h = !rel.has(e.relation) || gone[e.from] || gone[e.to];
      if (!!e.hidden !== h) eu.push({id: e.id, hidden: h});
    });
    edges.update(eu);
    hideTip();
  }
  document.querySelectorAll("input.kg-class, input.kg-rel").forEach(function (b) {
    b.addEventListener("change", applyFilters);
  });
  view.applyFilters = applyFilters;
  document.getElementById("kg-physics").addEventListener("change", function (ev) {
    net.setOptions({physics: {enabled: ev.target.checked}});
  });
})();
"""
