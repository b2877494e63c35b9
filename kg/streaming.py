"""Writers that stream: the files of a graph written from its parts, never all of it at once.

A graph in parts (:class:`Parts`: the global entities and events, and the documents,
mentions, assertions, statements and facts of each part of the documents, one part loaded at
a time) is written with sorted runs: each part's lines or subject blocks are sorted and
spilled to a temporary file, and the runs are merged (``heapq.merge``) into the output. So
memory holds one part and the global nodes, not the graph, and the bytes are those of the
in-memory writers:

- ``graph.ttl``: rdflib's longturtle layout (:mod:`kg._turtle`), whose subjects come in order
  of times referenced, then IRI. A document, an assertion or a statement is referenced only
  from its own part (and a document by the events it reports); entities, open relations and
  events are referenced from every part, so their blocks are made last and sorted in memory;
- ``graph.nq``: N-Quads, one named graph per document, lines sorted, as ``kg export --format
  nquads`` writes them: the file to bulk-load into a triple store at 100 M triples;
- ``triples.csv`` and ``statements.csv`` row by row in document order, ``entities.csv`` by IRI;
- ``records.jsonl.gz`` from the extraction records, gzip fed line by line.

The projection for GraphML, GEXF, Neo4j and the HTML view is made from the parts by
:mod:`kg.stream_projection`.
"""

from __future__ import annotations

import heapq
import os
import pickle
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .eventgraph import EventRow
    from .extract import Extraction
    from .rdf import GraphData
    from .records import Document, Entity

__all__ = ["Parts", "RecordRuns", "write_turtle", "write_nquads", "write_triples_csv", "write_entities_csv",
           "write_statements_csv", "statement_key", "write_records"]


@dataclass
class Parts:
    """A graph as global entities and parts of documents; ``load()`` yields the parts in order."""

    base_iri: str
    entities: Sequence[Entity]  # sorted by IRI
    iso_codes: dict[str, str] = field(default_factory=dict)
    load: Callable[[], Iterable[GraphData]] = tuple
    #: Event IRI -> its node, global: an event is reported by documents of any part. (A part's
    #: statements are its own, in ``part.statements``; its ``events`` are not read.)
    events: Mapping[str, EventRow] = field(default_factory=dict)

    @classmethod
    def of(cls, data: GraphData) -> Parts:
        """One :class:`~kg.rdf.GraphData` as a graph of one part."""
        return cls(data.base_iri, sorted(data.entities, key=lambda e: e.id), data.iso_codes, lambda: (data,), data.events)

    def shell(self):
        """An empty :class:`~kg.rdf.GraphData` with the global tables (for IRIs and entity triples)."""
        from .rdf import GraphData

        return GraphData(base_iri=self.base_iri, iso_codes=self.iso_codes)


# ---------------------------------------------------------------------------------- runs


class _Runs:
    """Sorted runs of picklable items in a temporary folder, merged back in order."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.paths: list[str] = []

    def add(self, items: Iterable) -> None:
        """Spill one run (``items`` must come sorted)."""
        fd, path = tempfile.mkstemp(prefix="run-", dir=self.folder)
        with os.fdopen(fd, "wb") as fh:
            batch: list = []
            for item in items:
                batch.append(item)
                if len(batch) >= 1024:
                    pickle.dump(batch, fh, protocol=pickle.HIGHEST_PROTOCOL)
                    batch = []
            if batch:
                pickle.dump(batch, fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.paths.append(path)

    @staticmethod
    def _read(path: str) -> Iterator:
        with open(path, "rb") as fh:
            while True:
                try:
                    batch = pickle.load(fh)
                except EOFError:
                    return
                yield from batch

    def merged(self, *more: Iterable, key: Callable | None = None) -> Iterator:
        """Every run (and the sorted iterables ``more``) merged in order."""
        return heapq.merge(*(self._read(p) for p in self.paths), *more, key=key)


def _unique(items: Iterable) -> Iterator:
    last = object()
    for item in items:
        if item != last:
            yield item
            last = item


def _atomic(path: str | os.PathLike[str], write: Callable[[Any], None]) -> Path:
    from ._io import atomic_write_with

    return atomic_write_with(path, write)


# ---------------------------------------------------------------------------------- Turtle


def _block(layout, triples: Iterable[tuple[str, str, Any]], refs: Counter) -> tuple[str, str]:
    """The subject and the longturtle block of the triples of one subject; each distinct IRI
    object is counted in ``refs`` (rdflib orders subjects by the triples they are the object of)."""
    props: dict[str, tuple[Any, dict]] = {}
    s = None
    for s, p, o in triples:
        objects = props.get(p)
        if objects is None:
            objects = props[p] = (p, {})
        if o not in objects[1]:
            objects[1][o] = None
            layout.note(p, o)
            if type(o) is str:
                refs[o] += 1
    return s, layout.block(s, props)


def write_turtle(parts: Parts, path: str | os.PathLike[str], *, tmp_dir: str | None = None) -> Path:
    """``graph.ttl``: the bytes of :func:`kg.rdf.serialize`, written part by part.

    A part's subjects (documents, assertions, statements) are referenced only from their own
    part, and a document also by the events it reports (counted first), so their blocks are
    ordered and spilled with the part. Entities, open relations and events are referenced from
    every part: their blocks come last, ordered in memory.
    """
    from ._turtle import plain_layout
    from .eventgraph import event_triples, statement_triples
    from .rdf import _MENTIONS, relation_triples
    from .vocab import bind_prefixes
    from rdflib import Graph

    layout = plain_layout(bind_prefixes(Graph(), parts.base_iri))
    shell = parts.shell()
    refs: Counter = Counter()  # IRI -> times it is an object, for the subjects of the last blocks
    reported: Counter = Counter()  # document IRI -> events derived from it
    for event in parts.events.values():
        reported.update(shell.doc_iri(d) for d in event.docs)
    relations: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="kg-ttl-", dir=tmp_dir) as tmp:
        blocks, facts = _Runs(tmp), _Runs(tmp)
        for part in parts.load():
            local: Counter = Counter()
            mentioned: dict[str, list[str]] = defaultdict(list)
            for doc_iri, entity in part.mentions:
                mentioned[doc_iri].append(entity)
            made = []
            for doc in part.documents:
                iri = part.doc_iri(doc.id)
                made.append(_block(layout, [*part.document_triples(doc), *((iri, _MENTIONS, e) for e in mentioned.get(iri, ()))],
                                   local))
            made.extend(_block(layout, part.assertion_triples(a), local) for a in part.assertions.values())
            made.extend(_block(layout, statement_triples(st, part.doc_iri), local) for st in part.statements.values())
            own = {subject for subject, _ in made}
            blocks.add(sorted((local[subject] + reported[subject], subject, text) for subject, text in made))
            refs.update({iri: n for iri, n in local.items() if iri not in own})
            facts.add(sorted(set(part.facts)))
            for iri, name in part.relations.items():
                relations.setdefault(iri, name)
        last = []  # entities (with the facts they are the subject of), open relations, events
        fact_stream = _unique(facts.merged())
        pending = next(fact_stream, None)
        for e in parts.entities:
            triples = list(shell.entity_triples(e))
            while pending is not None and pending[0] <= e.id:
                if pending[0] == e.id:
                    triples.append(pending)
                else:  # a fact about a subject that is not an entity: a block of its own
                    last.append(_block(layout, [pending], refs))
                pending = next(fact_stream, None)
            last.append(_block(layout, triples, refs))
        while pending is not None:
            last.append(_block(layout, [pending], refs))
            pending = next(fact_stream, None)
        for iri, name in relations.items():
            last.append(_block(layout, relation_triples(iri, name), refs))
        for event in parts.events.values():
            last.append(_block(layout, event_triples(event, shell.doc_iri), refs))
        tail = sorted((refs.get(iri, 0), iri, text) for iri, text in last)
        header = layout.header().encode("utf-8", "replace")

        def write(fh) -> None:
            fh.write(header)
            for _, _, text in blocks.merged(tail):
                fh.write(text.encode("utf-8", "replace"))

        return _atomic(path, write)


# ---------------------------------------------------------------------------------- N-Quads


def _nq_term(o) -> str:
    """An object as rdflib's N-Quads serializer prints it (IRIs as ``str``, literals as Lit)."""
    if type(o) is str:
        return f"<{o}>"
    from .rdf import _BOOL, _DEC, _INT

    lexical, datatype = o.lexical, o.datatype
    if datatype not in (None, _INT, _BOOL, _DEC):  # dates: as rdflib normalises them
        from rdflib import Literal, URIRef

        lexical = str(Literal(lexical, datatype=URIRef(datatype)))
    encoded = '"%s"' % lexical.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    return f"{encoded}^^<{datatype}>" if datatype else encoded


def _nq_lines(triples: Iterable[tuple[str, str, Any]], graph: str) -> set[str]:
    return {f"<{s}> <{p}> {_nq_term(o)} {graph} ." for s, p, o in triples}


def write_nquads(parts: Parts, path: str | os.PathLike[str], *, tmp_dir: str | None = None) -> Path:
    """``graph.nq``: N-Quads with one named graph per document (its description and the
    assertions derived from it; the rest in the default graph), lines sorted: the bytes of
    ``kg export --format nquads``."""
    from .eventgraph import event_triples, statement_triples
    from .rdf import _MENTIONS, relation_triples

    shell = parts.shell()
    relations: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="kg-nq-", dir=tmp_dir) as tmp:
        runs = _Runs(tmp)
        for part in parts.load():
            lines: set[str] = set()
            for doc in part.documents:
                lines |= _nq_lines(part.document_triples(doc), f"<{part.doc_iri(doc.id)}>")
            for doc_iri, entity in part.mentions:
                lines.add(f"<{doc_iri}> <{_MENTIONS}> <{entity}> <{doc_iri}> .")
            for a in part.assertions.values():
                lines |= _nq_lines(part.assertion_triples(a), f"<{part.doc_iri(a.doc_id)}>")
            for st in part.statements.values():  # statements and events are in the default graph
                lines |= _nq_lines(statement_triples(st, part.doc_iri), "")
            lines |= _nq_lines(part.facts, "")
            for iri, name in part.relations.items():
                relations.setdefault(iri, name)
            runs.add(sorted(lines))
        default: set[str] = set()
        for e in parts.entities:
            default |= _nq_lines(shell.entity_triples(e), "")
        for iri, name in relations.items():
            default |= _nq_lines(relation_triples(iri, name), "")
        for event in parts.events.values():
            default |= _nq_lines(event_triples(event, shell.doc_iri), "")

        def write(fh) -> None:
            for line in _unique(runs.merged(sorted(default))):
                fh.write((line + "\n").encode("utf-8", "replace"))

        return _atomic(path, write)


# ---------------------------------------------------------------------------------- tables


def _labels(entities: Iterable[Entity]) -> dict[str, str]:
    from .project import ENTITY_CLASSES

    classes = set(ENTITY_CLASSES)
    return {e.id: e.label or e.id for e in entities if e.type in classes}


def write_entities_csv(parts: Parts, path: str | os.PathLike[str]) -> Path:
    """``entities.csv`` row by row (entities by IRI)."""
    from .export.tables import ENTITY_COLUMNS, _rows_to_csv
    from .project import ENTITY_CLASSES

    classes = set(ENTITY_CLASSES)
    rows = ({"id": e.id, "label": e.label or e.id, "type": e.type, "aliases": "|".join(sorted(e.aliases)),
             "mentions": e.mentions} for e in parts.entities if e.type in classes)

    def write(fh) -> None:
        for line in _rows_to_csv(ENTITY_COLUMNS, rows):
            fh.write(line.encode("utf-8"))

    return _atomic(path, write)


def write_triples_csv(parts: Parts, path: str | os.PathLike[str], *, tmp_dir: str | None = None) -> Path:
    """``triples.csv`` row by row, in document order (each part's rows sorted, then merged)."""
    from .export.tables import TRIPLE_COLUMNS, _rows_to_csv
    from .project import row_key

    labels = _labels(parts.entities)
    with tempfile.TemporaryDirectory(prefix="kg-csv-", dir=tmp_dir) as tmp:
        runs = _Runs(tmp)
        for part in parts.load():
            rows = sorted(part.assertion_rows(labels, part.doc_titles()), key=row_key)
            lines = iter(_rows_to_csv(TRIPLE_COLUMNS, (
                {**r, "negated": "true" if r["negated"] else "false", "confidence": f"{r['confidence']:.2f}"} for r in rows)))
            header = next(lines)
            runs.add(zip((row_key(r) for r in rows), lines))

        return _write_merged(path, header, runs)


def _write_merged(path: str | os.PathLike[str], header: str, runs: _Runs) -> Path:
    """A CSV file: its header, then the rows of every sorted run merged by their keys."""

    def write(fh) -> None:
        fh.write(header.encode("utf-8"))
        for _, line in runs.merged(key=lambda item: item[0]):
            fh.write(line.encode("utf-8"))

    return _atomic(path, write)


def write_statements_csv(parts: Parts, path: str | os.PathLike[str], *, tmp_dir: str | None = None) -> Path:
    """``statements.csv`` row by row, in document order (each part's rows sorted, then merged)."""
    from .eventtables import statement_rows
    from .export.tables import STATEMENT_COLUMNS, _rows_to_csv, statement_csv_row

    labels = _labels(parts.entities)
    header = next(iter(_rows_to_csv(STATEMENT_COLUMNS, ())))
    with tempfile.TemporaryDirectory(prefix="kg-csv-", dir=tmp_dir) as tmp:
        runs = _Runs(tmp)
        for part in parts.load():
            rows = statement_rows(part, labels)  # sorted by (document, start, IRI)
            lines = _rows_to_csv(STATEMENT_COLUMNS, (statement_csv_row(r) for r in rows))
            next(lines)
            runs.add(zip((statement_key(r) for r in rows), lines))

        return _write_merged(path, header, runs)


def statement_key(r: dict) -> tuple:
    """The order of statement rows (:func:`kg.eventtables.statement_rows`): document, start, IRI."""
    return (r["doc"], r["start"], r["id"])


# ---------------------------------------------------------------------------------- records


class RecordRuns:
    """A build's extraction records as runs of ``(document id, line)``, each run sorted, one
    run in memory at a time (made here from parts of the records, or by Dask workers)."""

    def __init__(self, runs: Callable[[], Iterable[Iterable[tuple[str, str]]]]) -> None:
        self.runs = runs

    @classmethod
    def of(cls, sources: Sequence[Iterable[tuple[Document, Extraction]]]) -> RecordRuns:
        from .records_io import part_record_lines

        return cls(lambda: (part_record_lines(pairs) for pairs in sources))


def write_records(sources: Iterable[Iterable[tuple[Document, Extraction]]] | RecordRuns, path: str | os.PathLike[str], *,
                  base_iri: str, tmp_dir: str | None = None) -> Path:
    """``records.jsonl.gz`` from parts of the extraction records (in any order) or their
    :class:`RecordRuns`: the bytes of :func:`kg.records_io.write_records`."""
    from .records_io import gzip_lines

    runs_of = sources if isinstance(sources, RecordRuns) else RecordRuns.of(list(sources))
    with tempfile.TemporaryDirectory(prefix="kg-rec-", dir=tmp_dir) as tmp:
        runs = _Runs(tmp)
        for run in runs_of.runs():
            runs.add(run)
        return _atomic(path, lambda fh: gzip_lines(fh, (line for _, line in runs.merged()), base_iri=base_iri))
