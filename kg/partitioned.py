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

from .resolve import DEFAULT_BASE_IRI, Resolver

if TYPE_CHECKING:  # pragma: no cover
    from .extract import Extraction
    from .rdf import GraphData
    from .records import Document
    from .resolve import Resolution

    Pair = tuple[Document, Extraction]

__all__ = ["Runner", "LocalRunner", "DaskRunner", "Assembled", "PartFiles", "save_chunk", "chunks", "part_stats", "part_graph", "assemble_parts"]


class Runner:
    """Runs one function over many items: here, or elsewhere. ``shared`` arguments go to every call."""

    def scatter(self, items: list) -> list:
        """Place the items where the calls will run (once, for several maps)."""
        return items

    def map(self, fn: Callable, items: Iterable, **shared) -> list:
        raise NotImplementedError


class LocalRunner(Runner):
    """In this process, one item after another."""

    def map(self, fn: Callable, items: Iterable, **shared) -> list:
        return [fn(item, **shared) for item in items]


class DaskRunner(Runner):
    """On the workers of a Dask ``distributed.Client``; shared arguments are sent to each worker once."""

    def __init__(self, client) -> None:
        self.client = client

    def scatter(self, items: list) -> list:
        return self.client.scatter(items)

    def map(self, fn: Callable, items: Iterable, **shared) -> list:
        items = list(items)
        if not items:
            return []
        shared = {k: self.client.scatter(v, broadcast=True) for k, v in shared.items()}
        return self.client.gather(self.client.map(fn, items, pure=False, **shared))


@dataclass
class Assembled:
    """A build's graph as parts: the entities (global) and the records of each part's documents."""

    base_iri: str
    resolution: Resolution
    parts: list[GraphData | str]  # in memory, or the files they were spilled to
    counts: dict[str, int] = field(default_factory=dict)

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

        return Parts(self.base_iri, self.resolution.entities, self.iso_codes(), lambda: _load_parts(self.parts))

    def graph_data(self) -> GraphData:
        """The whole graph as one :class:`~kg.rdf.GraphData` (parts in document order), made once."""
        from .rdf import GraphData

        if "_data" in self.__dict__:
            return self.__dict__["_data"]
        data = self.__dict__["_data"] = GraphData(base_iri=self.base_iri)
        data.entities.extend(self.resolution.entities)
        data.iso_codes.update(self.iso_codes())
        for part in _load_parts(self.parts):
            data.documents.extend(part.documents)
            data.mentions.extend(part.mentions)
            for iri, name in part.relations.items():
                data.relations.setdefault(iri, name)
            data.assertions.update(part.assertions)
            for fact in part.facts:
                data.facts.setdefault(fact, None)
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


def part_stats(pairs: Iterable[Pair], *, base_iri: str = DEFAULT_BASE_IRI) -> tuple[Resolver, int, int]:
    """The name statistics of one part's mentions, its documents and its sentences."""
    resolver = Resolver(base_iri=base_iri)
    sentences = documents = 0
    for _, ex in pairs:
        resolver.add(ex.mentions, ex.acronyms)
        sentences += ex.sentences
        documents += 1
    return resolver, documents, sentences


def part_graph(pairs: Iterable[Pair], *, resolution: Resolution, base_iri: str, spill: str | None = None) -> tuple[Any, int]:
    """The graph records of one part's documents (no entities: those are global), and how many
    assertions were added (repeats included, as a build counts them). With ``spill`` (a file
    name) the records are pickled there and the name is returned in their place."""
    from .ontology import load_lexicon
    from .rdf import GraphBuilder

    builder = GraphBuilder(base_iri=base_iri, lexicon=load_lexicon())
    mentioned = set()
    ordered = sorted(pairs, key=lambda p: p[0].id)
    for document, ex in ordered:
        builder.add_document(document)
        for m in {(m.key, m.label): m for m in ex.mentions if m.label != "POSITION"}.values():
            iri = resolution.entity_id(m)
            if iri is not None:
                mentioned.add((m.doc_id, iri))
    data = builder.data
    data.mentions.extend((data.doc_iri(doc_id), entity) for doc_id, entity in sorted(mentioned))
    for _, ex in ordered:
        for a in ex.assertions:
            builder.add_assertion(a, resolution)
    if spill is not None:
        import pickle

        with open(spill, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return spill, builder.assertions
    return data, builder.assertions


def merge_stats(results: Iterable[tuple[Resolver, int, int]], *, base_iri: str) -> tuple[Resolver, int, int]:
    """One resolver holding the statistics of every part (per name: counts added, documents joined)."""
    merged = Resolver(base_iri=base_iri)
    documents = sentences = 0
    for resolver, docs, sents in results:
        merged.update(resolver)
        documents += docs
        sentences += sents
    return merged, documents, sentences


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
    resolver, documents, sentences = merge_stats(runner.map(part_stats, handles, base_iri=base_iri), base_iri=base_iri)
    partitions = resolve_partitions if resolve_partitions is not None else len(parts)
    resolution = resolver.resolve(partitions=partitions, map=functools.partial(_map_with, runner))
    if spill is None:
        built = runner.map(part_graph, handles, resolution=resolution, base_iri=base_iri)
    else:
        import os

        targets = [os.path.join(spill, f"graph-{i:05d}.pkl") for i in range(len(handles))]
        built = runner.map(_part_graph_to, list(zip(handles, targets)), resolution=resolution, base_iri=base_iri)
    graph_parts = [data for data, _ in built]
    facts = len({f for part in _load_parts(graph_parts) for f in part.facts})
    counts = {
        "documents": documents, "sentences": sentences, "entities": len(resolution.entities),
        "facts": facts, "assertions": sum(n for _, n in built),
    }
    return Assembled(base_iri, resolution, graph_parts, counts)


def _map_with(runner: Runner, fn: Callable, items: Iterable) -> list:
    return runner.map(fn, list(items))


def _part_graph_to(item: tuple[Any, str], **kwargs) -> tuple[str, int]:
    pairs, target = item
    return part_graph(pairs, spill=target, **kwargs)


def _load_parts(parts: Iterable[Any]) -> Iterator[GraphData]:
    """Graph parts, loading the spilled ones (file names) one at a time."""
    import pickle

    for part in parts:
        if isinstance(part, str):
            with open(part, "rb") as fh:
                yield pickle.load(fh)
        else:
            yield part
