"""The projection of a large build: statements on disk, a bounded share of details for the view.

A statement is a node of the projection with a ``said`` edge from each speaker and an
``about`` edge to each entity it is about. There are about two per article, so on a large
build they are most of the projection (at 100,000 synthetic articles 204,000 of its 336,000
nodes and 362,000 of its 466,000 edges) and, as networkx nodes and edges, most of its memory.
:class:`SpilledStatements` writes them instead to sorted runs on disk (:class:`kg.streaming._Runs`),
and :class:`SpilledProjection` hands the exporters (GraphML, GEXF, Neo4j) the networkx graph of
entities, facts and events merged with those runs, node by node and edge by edge in the
exporters' own order (:mod:`kg.export._order`): the same bytes as the whole projection.

The HTML view of a large build is drawn from the networkx graph with a bounded share of the
details (:data:`VIEW_STATEMENTS_PER_SPEAKER`, and in :mod:`kg.stream_projection` the titles
per entity and sources per fact), chosen in a fixed order, so its memory follows the
entities and facts, not the articles.
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .vocab import KG_NS

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["SpilledStatements", "SpilledProjection", "VIEW_STATEMENTS_PER_SPEAKER"]

#: Statements the view of a large build draws per speaker: the first ones in document order
#: (document, place in it, IRI), as ``statements.csv`` lists them. A statement is drawn when it
#: is among the first of any of its speakers.
VIEW_STATEMENTS_PER_SPEAKER = 1
#: Statements the view of a large build draws in all: those of the most mentioned speakers. (At
#: 300,000 articles two statements per speaker were 151,546 nodes and about 1 GB of the peak; one, about 0.7 GB.)
VIEW_STATEMENTS = 25_000


#: What :func:`kg.eventtables.add_statement_nodes` reads of a statement row.
_VIEW_FIELDS = ("id", "speaker_ids", "about_ids", "label", "text", "cue", "kind", "doc", "title", "sentence")


def _key(r: tuple) -> tuple:
    return (r[0], r[1])


class SpilledStatements:
    """The statement nodes and ``said``/``about`` edges of a projection, in sorted runs on disk.

    ``G`` holds the entities and events (what a statement's speakers and topics must be to
    make it a node, as :func:`kg.eventtables.add_statement_nodes` decides); ``folder`` is a
    temporary folder the caller removes.
    """

    def __init__(self, G: nx.MultiDiGraph, folder: str, *, per_speaker: int | None = None) -> None:
        from .streaming import _Runs

        self.G = G
        self.nodes, self.said, self.about = _Runs(folder), _Runs(folder), _Runs(folder)
        self.count = 0  # statement nodes
        self.edges = 0  # said and about edges
        self.degree: Counter = Counter()  # entity IRI -> its said and about edges
        self.per_speaker = VIEW_STATEMENTS_PER_SPEAKER if per_speaker is None else per_speaker
        self._kept: dict[str, list[tuple[tuple, dict]]] = {}  # speaker -> its first statements (key, row)

    def add(self, rows: list[dict], dates: dict[str, str]) -> None:
        """The statement rows of one part (:func:`kg.eventtables.statement_rows`); ``dates`` maps
        the identifier of each of the part's documents to its ISO date, when it has one."""
        from .streaming import statement_key

        G, nodes, said, about = self.G, [], [], []
        for row in rows:
            speakers = [s for s in dict.fromkeys(row["speaker_ids"]) if s in G]
            if not speakers:
                continue
            topics = [a for a in dict.fromkeys(row["about_ids"]) if a in G]
            date = dates.get(row["doc"])
            sid = row["id"]
            nodes.append((sid, row["label"], row["text"], row["cue"], row["kind"], row["title"], date,
                          len(speakers) + len(topics)))
            said.extend((s, sid, date) for s in speakers)
            about.extend((sid, a, date) for a in topics)
            self.degree.update(speakers)
            self.degree.update(topics)
            if self.per_speaker:
                self._keep(speakers, statement_key(row), row, date)
        for run, items in ((self.nodes, nodes), (self.said, said), (self.about, about)):
            if items:
                items.sort(key=_key)
                run.add(items)
        self.count += len(nodes)
        self.edges += len(said) + len(about)

    def _keep(self, speakers: list[str], key: tuple, row: dict, date: str | None) -> None:
        """Keep the statement for the view if it is among the first of one of its speakers so far
        (each speaker holds at most :data:`VIEW_STATEMENTS_PER_SPEAKER`: at 300,000 articles,
        holding up to four times as many cost 470 MB)."""
        entry = None
        for s in speakers:
            kept = self._kept.get(s)
            if kept is not None and len(kept) >= self.per_speaker and not key < kept[-1][0]:
                continue
            if entry is None:  # one slim copy, however many speakers keep it
                entry = (key, {**{f: row[f] for f in _VIEW_FIELDS}, "date": date})
            if kept is None:
                self._kept[s] = [entry]
            else:
                bisect.insort(kept, entry, key=lambda kr: kr[0])
                del kept[self.per_speaker:]

    def view_rows(self) -> list[dict]:
        """The statements the view draws, in document order: each speaker's first
        (:data:`VIEW_STATEMENTS_PER_SPEAKER`), speakers by mentions (most first, then IRI), up to
        :data:`VIEW_STATEMENTS` in all."""
        G = self.G
        chosen: dict[str, tuple[tuple, dict]] = {}
        for s in sorted(self._kept, key=lambda s: (-int(G.nodes[s].get("mentions") or 0), s)):
            for key, row in self._kept[s]:
                if len(chosen) >= VIEW_STATEMENTS:
                    break
                chosen.setdefault(row["id"], (key, row))
        return [row for _, row in sorted(chosen.values(), key=lambda kr: kr[0])]

    def node_stream(self) -> Iterator[tuple[str, dict[str, Any], int]]:
        for sid, label, text, cue, speech, title, date, degree in self.nodes.merged(key=lambda r: r[0]):
            # the attributes kg.eventtables.add_statement_nodes gives a statement node
            yield sid, {"label": label, "type": "Statement", "kind": "statement", "text": text, "cue": cue,
                        "speech": speech, "aliases": [], "mentions": 0, "docs": [title], "date": date}, degree

    def edge_stream(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        said = ((s, sid, "said", _edge("said", "speaker", date)) for s, sid, date in self.said.merged(key=_key))
        about = ((sid, a, "about", _edge("about", "about", date)) for sid, a, date in self.about.merged(key=_key))
        return heapq.merge(said, about, key=lambda e: (e[0], e[1], e[2]))


def _edge(relation: str, predicate: str, date: str | None) -> dict[str, Any]:
    """A said or about edge's attributes (:func:`kg.eventtables.add_statement_nodes`'s), its
    source's date kept as ``source_dates`` (all GEXF reads of the source)."""
    return {"relation": relation, "predicate": KG_NS + predicate, "weight": 1, "confidence": 1.0,
            "source_dates": [date] if date else [], "open": False, "kind": relation}


class SpilledProjection:
    """The projection of a large build for the exporters: ``G`` (entities, facts, events) and
    the spilled statements, read in the exporters' order (:mod:`kg.export._order`)."""

    def __init__(self, G: nx.MultiDiGraph, statements: SpilledStatements) -> None:
        self.G = G
        self.statements = statements
        self.graph = G.graph

    def view_graph(self) -> nx.MultiDiGraph:
        """``G`` with the statements the view draws (:data:`VIEW_STATEMENTS_PER_SPEAKER`), added as
        :func:`kg.eventtables.add_statement_nodes` adds them; the exporters read no more after it."""
        from .eventtables import add_statement_nodes
        from .project import Tables

        rows = self.statements.view_rows()
        self.statements = None  # type: ignore[assignment]
        add_statement_nodes(self.G, Tables(entities={}, docs={r["doc"]: (r["doc"], r["title"]) for r in rows}, mentions=[],
                                           assertions=[], statements=rows,
                                           dates={r["doc"]: r["date"] for r in rows if r["date"]}))
        return self.G

    def number_of_nodes(self) -> int:
        return self.G.number_of_nodes() + self.statements.count

    def number_of_edges(self) -> int:
        return self.G.number_of_edges() + self.statements.edges

    def sorted_nodes(self) -> Iterator[tuple[Any, dict[str, Any], int]]:
        G, extra = self.G, self.statements.degree
        mine = ((n, G.nodes[n], G.degree(n) + extra.get(n, 0)) for n in sorted(G.nodes, key=str))
        return heapq.merge(mine, self.statements.node_stream(), key=lambda t: str(t[0]))

    def sorted_edges(self) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:
        mine = iter(sorted(self.G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))))
        return heapq.merge(mine, self.statements.edge_stream(), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
