"""The global half of a build, in partitions: statistics, resolution and graph records per part.

:func:`kg.pipeline.assemble` used to hold every record of a build in one process while it
resolved the names and made the graph. Here the documents are cut into parts, and each step
that grows with the corpus runs per part (in this process, a process pool or on Dask workers,
through a :class:`Runner`):

1. ``part_stats``: the name statistics of a part's mentions (a :class:`~kg.resolve.Resolver`);
   the parts' statistics are merged (per name: counts added, documents joined);
2. resolution, itself split by blocking keys into groups that resolve on their own
   (:mod:`kg.blocking`) and merged into one set of IRIs (:meth:`~kg.resolve.Resolver.merge`);
3. ``part_graph``: the graph records of a part's documents (documents, mentions, assertion
   nodes, facts) with the names resolved.

Only names and their statistics meet in one place, never the documents; the result is the
same, byte for byte, however many parts there are (``tests/test_partitioned.py``). A build
with one part runs exactly this code.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .blocking import resolve_in_parts
from .records_io import part_pairs, part_record_lines
from .resolve import DEFAULT_BASE_IRI, Resolver

if TYPE_CHECKING:  # pragma: no cover
    from .extract import Extraction
    from .rdf import GraphData
    from .records import Document
    from .resolve import Resolution

    Pair = tuple[Document, Extraction]

__all__ = ["Runner", "LocalRunner", "DaskRunner", "Assembled", "PartFiles", "save_chunk", "chunks", "part_stats", "part_graph",
           "part_record_lines", "assemble_parts"]


class Runner:
    """Runs one function over many items: here, or elsewhere. ``shared`` arguments go to every call."""

    def scatter(self, items: list) -> list:
        """Place the items where the calls will run (once, for several maps)."""
        return items

    def map(self, fn: Callable, items: Iterable, **shared) -> list:
        """``[fn(item, **shared) for item in items]``, all results here."""
        return list(self.each(fn, items, **shared))

    def each(self, fn: Callable, items: Iterable, **shared) -> Iterator:
        """The results of ``fn`` over ``items``, in order, each one here only as it is used."""
        raise NotImplementedError


class LocalRunner(Runner):
    """In this process, one item after another."""

    def each(self, fn: Callable, items: Iterable, **shared) -> Iterator:
        for item in items:
            yield fn(item, **shared)


class DaskRunner(Runner):
    """On the workers of a Dask ``distributed.Client``; shared arguments are sent to each worker
    once. Items may be futures, or lists of futures (the batches a part is made of), already on
    the workers: they are not sent again."""

    def __init__(self, client) -> None:
        self.client = client

    def scatter(self, items: list) -> list:
        if items and _on_cluster(items[0]):
            return items
        return self.client.scatter(items)

    def each(self, fn: Callable, items: Iterable, **shared) -> Iterator:
        items = list(items)
        if not items:
            return
        shared = {k: self.client.scatter(v, broadcast=True) for k, v in shared.items()}
        futures = self.client.map(fn, items, pure=False, **shared)
        for i, future in enumerate(futures):
            yield future.result()
            futures[i] = None  # released: its result leaves the workers' memory
            future.release()


def _on_cluster(item) -> bool:
    """A Dask future, or a list of them."""
    if isinstance(item, list):
        return bool(item) and _on_cluster(item[0])
    return type(item).__name__ == "Future" and hasattr(item, "key")


@dataclass
class Assembled:
    """A build's graph as parts: the entities (global) and the records of each part's documents."""

    base_iri: str
    resolution: Resolution
    parts: list[GraphData | str]  # in memory, or the files they were spilled to
    counts: dict[str, int] = field(default_factory=dict)
    events: dict = field(default_factory=dict)  # event IRI -> kg.eventgraph.EventRow (merged across parts)
    statements: int = 0  # statement nodes in the parts

    def iso_codes(self) -> dict[str, str]:
        """Country entity IRI -> ISO 3166-1 code."""
        codes = {}
        for e in self.resolution.entities:
            place = self.resolution.places.get(e.id)
            if place is not None and place.kind == "Country" and place.iso:
                codes[e.id] = place.iso
        return codes

    def as_parts(self):
        """The graph for the streaming writers (:class:`kg.streaming.Parts`), part by part."""
        from .streaming import Parts

        return Parts(self.base_iri, self.resolution.entities, self.iso_codes(), lambda: _load_parts(self.parts), self.events)

    def graph_data(self) -> GraphData:
        """The whole graph as one :class:`~kg.rdf.GraphData` (parts in document order), made once."""
        from .rdf import GraphData

        if "_data" in self.__dict__:
            return self.__dict__["_data"]
        data = self.__dict__["_data"] = GraphData(base_iri=self.base_iri)
        data.entities.extend(self.resolution.entities)
        data.iso_codes.update(self.iso_codes())
        statements = []
        for part in _load_parts(self.parts):
            statements.extend(part.statements.values())
            data.documents.extend(part.documents)
            data.mentions.extend(part.mentions)
            for iri, name in part.relations.items():
                data.relations.setdefault(iri, name)
            data.assertions.update(part.assertions)
            for fact in part.facts:
                data.facts.setdefault(fact, None)
        # in the order of a build in one piece: by document (stable: each part's are in order)
        data.statements.update((s.iri, s) for s in sorted(statements, key=lambda s: s.doc_id))
        data.events.update(self.events)
        return data


class PartFiles:
    """A part of a build's records kept on disk: files holding pickled lists of ``(document,
    extraction)`` pairs, read one file at a time (spilled records; :func:`save_chunk`)."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = [str(p) for p in paths]

    def __iter__(self):
        import pickle

        for path in self.paths:
            with open(path, "rb") as fh:
                yield from pickle.load(fh)


def save_chunk(path: str, pairs: Sequence[Pair]) -> str:
    """Write one chunk of records for :class:`PartFiles`."""
    import pickle

    with open(path, "wb") as fh:
        pickle.dump(list(pairs), fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def chunks(pairs: Iterable[Pair], parts: int) -> list[list[Pair]]:
    """``pairs`` sorted by document id and cut into ``parts`` runs of consecutive documents."""
    ordered = sorted(pairs, key=lambda p: p[0].id)
    size, extra = divmod(len(ordered), max(1, parts))
    out, start = [], 0
    for i in range(max(1, parts)):
        end = start + size + (1 if i < extra else 0)
        out.append(ordered[start:end])
        start = end
    return out


def part_stats(pairs: Iterable[Pair], *, base_iri: str = DEFAULT_BASE_IRI) -> tuple[Resolver, int, int, list[Pair]]:
    """The name statistics of one part's mentions, its documents and its sentences, and the
    events of its documents (pairs whose extractions hold only them: events merge across parts)."""
    from dataclasses import replace

    resolver = Resolver(base_iri=base_iri)
    sentences = documents = 0
    events = []
    for doc, ex in part_pairs(pairs):
        resolver.add(ex.mentions, ex.acronyms)
        sentences += ex.sentences
        documents += 1
        if getattr(ex, "events", ()):
            events.append((doc, replace(ex, mentions=(), assertions=(), acronyms=(), statements=())))
    return resolver, documents, sentences, events


def part_graph(pairs: Iterable[Pair], *, resolution: Resolution, base_iri: str) -> tuple[GraphData, int]:
    """The graph records of one part's documents (no entities: those are global), and how many
    assertions were added (repeats included, as a build counts them)."""
    from .ontology import load_lexicon
    from .rdf import GraphBuilder

    from .eventgraph import add_statements_events

    builder = GraphBuilder(base_iri=base_iri, lexicon=load_lexicon())
    mentioned = set()
    ordered = sorted(part_pairs(pairs), key=lambda p: p[0].id)
    for document, ex in ordered:
        builder.add_document(document)
        for m in {(m.key, m.label): m for m in ex.mentions if m.label != "POSITION"}.values():
            iri = resolution.entity_id(m)
            if iri is not None:
                mentioned.add((m.doc_id, iri))
    data = builder.data
    data.mentions.extend((data.doc_iri(doc_id), entity) for doc_id, entity in sorted(mentioned))
    # statements are the part's own; an event's IRI is made from what it is, so the links hold
    # across parts; its node (reports merged from every part) is made once (assemble_parts)
    add_statements_events(builder, ordered, resolution)
    data.events.clear()
    for _, ex in ordered:
        for a in ex.assertions:
            builder.add_assertion(a, resolution)
    return data, builder.assertions


def merge_stats(results: Iterable[tuple[Resolver, int, int, list[Pair]]], *,
                base_iri: str) -> tuple[Resolver, int, int, list[Pair]]:
    """One resolver holding the statistics of every part (per name: counts added, documents
    joined), and the event pairs of every part."""
    merged = Resolver(base_iri=base_iri)
    documents = sentences = 0
    events: list[Pair] = []
    for resolver, docs, sents, evs in results:
        merged.update(resolver)
        documents += docs
        sentences += sents
        events.extend(evs)
    return merged, documents, sentences, events


def assemble_parts(
    parts: Sequence[Any],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    runner: Runner | None = None,
    resolve_partitions: int | None = None,
    spill: str | None = None,
) -> Assembled:
    """Resolve and make the graph records of ``parts`` (iterables of ``(document, extraction)``
    pairs: lists, see :func:`chunks`, or :class:`PartFiles`).

    ``resolve_partitions`` (default: as many as parts) is how many groups of names resolve
    separately. The result does not depend on either number. With ``spill`` (a folder) each
    part's graph records are kept in a file there, not in memory.
    """
    runner = runner or LocalRunner()
    handles = runner.scatter(list(parts))
    resolver, documents, sentences, event_pairs = merge_stats(runner.each(part_stats, handles, base_iri=base_iri),
                                                              base_iri=base_iri)
    partitions = resolve_partitions if resolve_partitions is not None else len(parts)
    resolution = resolve_in_parts(resolver, partitions, map=functools.partial(_map_with, runner))
    del resolver
    events = _events(event_pairs, resolution, base_iri)
    statements = 0
    graph_parts: list[GraphData | str] = []
    facts: set = set()
    assertions = 0
    for i, (data, n) in enumerate(runner.each(part_graph, handles, resolution=resolution, base_iri=base_iri)):
        facts.update(data.facts)
        assertions += n
        statements += len(data.statements)
        if spill is not None:  # one part in memory at a time
            import os
            import pickle

            path = os.path.join(spill, f"graph-{i:05d}.pkl")
            with open(path, "wb") as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            data = path
        graph_parts.append(data)
    counts = {
        "documents": documents, "sentences": sentences, "entities": len(resolution.entities),
        "facts": len(facts), "assertions": assertions,
    }
    return Assembled(base_iri, resolution, graph_parts, counts, events=events, statements=statements)


def _events(pairs: list[Pair], resolution: Resolution, base_iri: str) -> dict:
    """The event nodes of the whole build, each from its reports in every part (as
    :func:`kg.eventgraph.add_statements_events` makes them in one piece)."""
    if not pairs:
        return {}
    from .eventgraph import add_statements_events
    from .rdf import GraphBuilder

    builder = GraphBuilder(base_iri=base_iri)
    add_statements_events(builder, sorted(pairs, key=lambda p: p[0].id), resolution)
    return builder.data.events


def _map_with(runner: Runner, fn: Callable, items: Iterable) -> list:
    return runner.map(fn, list(items))


def _load_parts(parts: Iterable[Any]) -> Iterator[GraphData]:
    """Graph parts, loading the spilled ones (file names) one at a time."""
    import pickle

    for part in parts:
        if isinstance(part, str):
            try:
                with open(part, "rb") as fh:
                    yield pickle.load(fh)
            except FileNotFoundError:
                from .errors import KGError

                raise KGError(f"the graph of this build was written part by part and its parts are gone ({part}); "
                              "read its graph.ttl or store instead") from None
        else:
            yield part
