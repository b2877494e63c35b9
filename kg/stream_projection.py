"""The projection of a graph in parts (:class:`kg.streaming.Parts`), for GraphML, GEXF, Neo4j and HTML.

:func:`kg.project.project` reads :class:`kg.project.Tables` of the whole graph: every
assertion row, statement row and document title at once. Here the parts are read one at a
time and only what the networkx graph keeps stays in memory; the nodes, edges and attributes
(and their order, which the exporters' bytes follow) are :func:`kg.project.project`'s.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import replace
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .streaming import Parts, _labels

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from .rdf import GraphData

__all__ = ["project_parts", "write_projection_files"]


#: From this many articles on, a projection is that of a large build (:mod:`kg.spilled_projection`):
#: its statements wait on disk for the exporters and its view carries a bounded share of the
#: details (below). Smaller builds (all 19,043 Reuters articles among them) are projected whole.
LARGE_DOCS = 20_000
#: Article titles the view of a large build carries per entity: the first in title order, as the
#: page lists them (its panel shows 30, its tooltip 8).
VIEW_TITLES_PER_ENTITY = 50
#: Sources (article, sentence) the view of a large build carries per fact: the first in document
#: order (document, place in it; :func:`kg.project.row_key`). The page shows 5 and says how many
#: more there are (counted per part: a sentence of one article counts once).
VIEW_SOURCES_PER_FACT = 20


def project_parts(parts: Parts, *, name: str = "kg", detail: Callable[[Any], Iterable[str]] | None = None,
                  spill: str | None = None, large: bool | None = None, view: bool = True):
    """:func:`kg.project.project` of a graph in parts: the same nodes, edges and attributes.

    Node ``docs`` and edge ``sources`` (the titles and sentences behind them, as big as the
    corpus) are filled only for the nodes ``detail(G)`` names, and the edges between them;
    ``None`` fills them everywhere. GraphML and Neo4j do not read them; GEXF reads the dates of
    the sources (its spells); the HTML view reads them for every entity (it keeps them all, in
    clusters past a size). Event and statement nodes come last, as :func:`kg.project.project`
    adds them.

    With ``spill`` (a temporary folder) and a large build (``large``; when ``None``, from
    :data:`LARGE_DOCS` articles on) the statements go to disk and the result is a
    :class:`~kg.spilled_projection.SpilledProjection` (the same bytes from every exporter);
    each fact keeps the dates of all its sources (``source_dates``) and, with ``view``, only
    the bounded share of titles and sources above (``n_sources`` counts them all).
    """
    import networkx as nx

    from .project import row_key

    labels = _labels(parts.entities)
    G = nx.MultiDiGraph(name=name)
    for e in parts.entities:
        if e.id in labels:
            G.add_node(e.id, label=labels[e.id], type=e.type, aliases=sorted(e.aliases), mentions=e.mentions, kind="entity",
                       docs=[])
    edges: dict[tuple[str, str, str], dict] = {}
    documents = 0
    for part in parts.load():
        documents += len(part.documents)
        for row in part.assertion_rows(labels, part.doc_titles()):
            if row["negated"] or row["modality"] == "hypothetical" or row["subject_id"] not in G or row["object_id"] not in G:
                continue
            k = (row["subject_id"], row["object_id"], row["predicate"])
            e = edges.get(k)
            if e is None:
                e = edges[k] = {"relation": row["predicate"], "predicate": row["predicate_iri"], "weight": 0,
                                "confidence": 0.0, "sources": [], "open": row["open"]}
            e["weight"] += 1
            e["confidence"] = max(e["confidence"], row["confidence"])
    for k in sorted(edges):
        G.add_edge(k[0], k[1], key=k[2], **edges.pop(k))  # the graph keeps its own copy of the attributes
    if spill is not None and (documents >= LARGE_DOCS if large is None else large):
        return _large(parts, G, labels, spill, view=view)
    keep = set(G.nodes) if detail is None else set(detail(G))
    docs: dict[str, set[str]] = defaultdict(set)
    sources: dict[tuple[str, str, str], list] = defaultdict(list)
    nodes = _NodeTables(parts)
    for part in parts.load():
        titles = part.doc_titles()
        dates = _doc_dates(part)
        for d, e in part.mentions:
            if e in keep and d in titles:
                docs[e].add(titles[d][1])
        for row in part.assertion_rows(labels, titles):
            k = (row["subject_id"], row["object_id"], row["predicate"])
            if k[0] in keep and k[1] in keep and not (row["negated"] or row["modality"] == "hypothetical") and G.has_edge(*k):
                sources[k].append((row_key(row), _source(row, dates)))
        nodes.add(part, labels, dates)
    for node, titles_of in docs.items():
        G.nodes[node]["docs"] = sorted(titles_of)
    for (s, o, rel), found in sources.items():
        G.edges[s, o, rel]["sources"] = [source for _, source in sorted(found, key=lambda item: item[0])]
    del docs, sources
    from .eventtables import add_event_nodes, add_statement_nodes

    add_event_nodes(G, nodes.event_tables(labels))
    add_statement_nodes(G, nodes.statement_tables())
    return G


def _source(row: dict, dates: dict[str, str]) -> dict:
    """A fact's source as :func:`kg.project.project` gives it (dated as it dates one)."""
    source = {"doc": row["doc"], "title": row["title"], "sentence": row["sentence"]}
    date = row.get("date") or dates.get(row["doc_iri"])
    if date:
        source["date"] = date
    return source


def _large(parts: Parts, G: nx.MultiDiGraph, labels: dict[str, str], spill: str, *, view: bool):
    """The rest of :func:`project_parts` for a large build (see there)."""
    from .eventtables import add_event_nodes, statement_rows
    from .project import row_key
    from .spilled_projection import SpilledProjection, SpilledStatements

    docs: dict[str, set[str]] = defaultdict(set)
    sources: dict[tuple[str, str, str], list] = defaultdict(list)
    counted: Counter = Counter()
    first_dated: dict[tuple[str, str, str], tuple] = {}
    source_dates: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    nodes = _NodeTables(parts, statements=False)
    statements = SpilledStatements(G, spill)
    for part in parts.load():
        titles = part.doc_titles()
        dates = _doc_dates(part)
        if view:
            for d, e in part.mentions:
                if d in titles and e in G:
                    found = docs[e]
                    found.add(titles[d][1])
                    if len(found) > 2 * VIEW_TITLES_PER_ENTITY:
                        docs[e] = set(sorted(found)[:VIEW_TITLES_PER_ENTITY])
        pairs: dict[tuple[str, str, str], set] = defaultdict(set)
        for row in part.assertion_rows(labels, titles):
            k = (row["subject_id"], row["object_id"], row["predicate"])
            if (row["negated"] or row["modality"] == "hypothetical") or not G.has_edge(*k):
                continue
            source = _source(row, dates)
            if "date" in source:
                source_dates[k].add(source["date"])
            if not view:
                continue
            key = row_key(row)
            if "date" in source and (k not in first_dated or key < first_dated[k][0]):
                first_dated[k] = (key, source["date"])
            pairs[k].add((source["title"] or source["doc"], source["sentence"]))
            found = sources[k]
            found.append((key, source))
            if len(found) > 2 * VIEW_SOURCES_PER_FACT:
                found.sort(key=lambda item: item[0])
                del found[VIEW_SOURCES_PER_FACT:]
        for k, seen in pairs.items():
            counted[k] += len(seen)
        nodes.add(part, labels, dates)
        by_doc = {d.id: dates[part.doc_iri(d.id)] for d in part.documents if part.doc_iri(d.id) in dates}
        statements.add(statement_rows(part, labels), by_doc)
    for node, titles_of in docs.items():
        G.nodes[node]["docs"] = sorted(titles_of)[:VIEW_TITLES_PER_ENTITY]
    for s, o, rel, attrs in G.edges(keys=True, data=True):
        k = (s, o, rel)
        attrs["source_dates"] = sorted(source_dates.get(k, ()))
        if view:
            attrs["sources"] = [source for _, source in sorted(sources.get(k, ()), key=lambda item: item[0])
                                ][:VIEW_SOURCES_PER_FACT]
            attrs["n_sources"] = counted.get(k, 0)
            if k in first_dated:
                attrs["first_date"] = first_dated[k][1]
    del docs, sources, counted, first_dated, source_dates
    add_event_nodes(G, nodes.event_tables(labels))
    return SpilledProjection(G, statements)


def _doc_dates(part: GraphData) -> dict[str, str]:
    """Document IRI -> ISO date, for the documents of a part that have one (as :class:`kg.project.Tables`)."""
    from .project import _iso

    return {part.doc_iri(d.id): d.date[:10] for d in part.documents if d.date and _iso(d.date)}


class _NodeTables:
    """What the event and statement nodes of a projection need from the parts: the statement
    rows (made per part, sorted together at the end) and the titles and dates of the documents
    that report an event or hold a statement, not of every document."""

    def __init__(self, parts: Parts, *, statements: bool = True) -> None:
        self.parts = parts
        self.with_statements = statements
        self.reporting = {d for e in parts.events.values() for d in e.docs}  # document ids
        self.reports: list = []  # the Documents reporting an event
        self.statements: list[dict] = []
        self.docs: dict[str, tuple[str, str]] = {}  # IRI -> (identifier, title) of the statements' documents
        self.dates: dict[str, str] = {}

    def add(self, part: GraphData, labels: dict[str, str], dates: dict[str, str]) -> None:
        from .eventtables import statement_rows

        # the reports' titles are read, not their texts
        self.reports.extend(replace(d, text="") for d in part.documents if d.id in self.reporting)
        if not part.statements or not self.with_statements:
            return
        self.statements.extend(statement_rows(part, labels))
        held = {s.doc_id for s in part.statements.values()}
        for d in part.documents:
            if d.id in held:
                iri = part.doc_iri(d.id)
                self.docs[iri] = (d.id, d.title or d.id)
                if iri in dates:
                    self.dates[iri] = dates[iri]

    def event_tables(self, labels: dict[str, str]):
        """:class:`kg.project.Tables` with the event rows (those of :meth:`kg.rdf.GraphData.tables`)."""
        from .eventtables import event_rows
        from .project import Tables

        shell = self.parts.shell()
        shell.documents.extend(self.reports)
        shell.events.update(self.parts.events)
        return Tables(entities={}, docs={}, mentions=[], assertions=[], events=event_rows(shell, labels))

    def statement_tables(self):
        """:class:`kg.project.Tables` with the statement rows in document order, and their documents."""
        from .project import Tables
        from .streaming import statement_key

        self.statements.sort(key=statement_key)
        return Tables(entities={}, docs=self.docs, mentions=[], assertions=[], statements=self.statements, dates=self.dates)


#: The files made from the projection, by format name (:data:`kg.export.EXPORTERS`).
PROJECTION_FORMATS = ("graphml", "gexf", "neo4j", "html")


def write_projection_files(parts: Parts, folder: str | os.PathLike[str], *, title: str = "kg graph",
                           formats: Iterable[str] = PROJECTION_FORMATS, fork_view: bool = False,
                           meanwhile: Callable[[], None] | None = None) -> list[Path]:
    """``graph.graphml``, ``graph.gexf``, ``neo4j/`` and ``graph.html`` (those of ``formats``) from one
    streamed projection. Without the HTML view and GEXF (whose spells read the sources' dates) the
    projection leaves out the titles and sentences behind nodes and edges, which GraphML and Neo4j
    do not read.

    With ``fork_view`` the view (ranking, communities, layout: on all of Reuters-21578 as long as
    the other three together) is written by a child forked once the projection is made, which
    shares it copy-on-write, while this process writes the others; ``meanwhile`` (other files to
    write) runs then too, or first when there is no child."""
    from .export import EXPORTERS, export
    from .export._order import sorted_once

    folder = Path(folder)
    formats = [fmt for fmt in PROJECTION_FORMATS if fmt in set(formats)]
    from ._forked import Forked, can_fork

    fork_view = fork_view and "html" in formats and can_fork()
    if meanwhile is not None and not fork_view:
        meanwhile()  # before the projection is made: its memory is not held meanwhile
        meanwhile = None
    if not formats:
        return []
    import tempfile
    from contextlib import ExitStack

    from ._gc import frozen

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    freeze = ExitStack()
    with tempfile.TemporaryDirectory(prefix=".kg-tmp-projection-", dir=folder) as spill:
        held = [project_parts(parts, name=title, detail=None if {"html", "gexf"} & set(formats) else _nothing,
                              spill=spill, view="html" in formats)]
        view = None
        try:
            if fork_view:  # the projection frozen first: the child's collections leave its pages shared (kg._gc)
                freeze.enter_context(frozen())
                view = Forked(_write_view, held, folder / EXPORTERS["html"].default_name, title, what="graph.html")
                if view.started:  # it reads the spilled statements too: waited for before they go
                    formats.remove("html")
            if meanwhile is not None:
                meanwhile()
            with sorted_once(held[0]):  # GraphML, GEXF and Neo4j read the same sorted nodes and edges
                for fmt in formats:
                    if fmt != "html":
                        written.append(export(None, fmt, folder / EXPORTERS[fmt].default_name, projection=held[0]))
            if "html" in formats:  # the view last: a large build's view adds its statements to the graph
                written.append(_write_view(held, folder / EXPORTERS["html"].default_name, title))
            if view is not None and view.started:
                view.wait()
                written.append(folder / EXPORTERS["html"].default_name)
        finally:
            if view is not None:
                view.stop()
            freeze.close()
    return written


def _write_view(held: list, target: Path, title: str) -> Path:
    """``graph.html`` of the projection in ``held``, which is emptied: a large build's graph is
    dropped once its page's data is made (statements added), so its memory is the page's."""
    from . import views

    P = held.pop()
    if not hasattr(P, "view_graph"):
        return views.write_html(P, target, title=title)
    data = views.page_of(P.view_graph(), title=title)
    P = None
    return views.write_page(data, target)


def _nothing(G) -> tuple:
    return ()
