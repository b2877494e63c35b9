"""Writing a build's files: every output into a new folder that replaces ``--out`` in one step.

Split from :mod:`kg.pipeline` (which runs the stages) because writing has its own concerns: the
folder swap and lock (:mod:`kg._io`), the store beside the outputs, the writers that stream a
graph kept in parts (:mod:`kg.streaming`), and the second process (a forked child, or the warm
writer of :mod:`kg._warm_writer`) that writes one half of the files while this one writes the other.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ._forked import WRITER_NICE
from ._forked import Forked as _Forked
from .records import Document
from .resolve import DEFAULT_BASE_IRI

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from ._warm_writer import WarmWriter
    from .extract import Extraction
    from .rdf import GraphData
    from .streaming import Parts

__all__ = ["write_outputs", "is_output_file"]

#: The files ``kg build`` writes (DESIGN.md), relative to the output folder.
OUTPUT_FILES = (
    "graph.ttl", "graph.html", "entities.csv", "triples.csv", "statements.csv", "graph.graphml", "graph.gexf",
    "neo4j/nodes.csv", "neo4j/relationships.csv", "neo4j/import.cypher",
)
_OUTPUT_FORMATS = ("turtle", "entities", "triples", "statements", "graphml", "gexf", "neo4j", "html")
#: Written when asked for (``kg build --nquads``); a stale one is not carried into a build without it.
NQUADS_FILE = "graph.nq"


def write_outputs(
    g: Graph | GraphData,
    out_dir: str | os.PathLike[str],
    *,
    title: str = "kg graph",
    records: Iterable[tuple[Document, Extraction]] | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
    store: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    writer: WarmWriter | None = None,
    nquads: bool = False,
    release_records: bool = False,
) -> tuple[Path, ...]:
    """Write every contract file of ``g`` (an rdflib graph, or a build's records) into ``out_dir``, all or nothing.

    The files are written into a new folder beside ``out_dir``, which then takes its place in
    one step (:func:`kg._io.replace_folder`): readers, and a crash at any moment, see the
    previous build or this one, never a mix. Files in ``out_dir`` that kg does not write
    are carried over. Another kg run writing the same folder makes this one fail at once.

    ``records`` (the build's ``(document, extraction)`` pairs) are saved as
    ``records.jsonl.gz`` so that ``kg add`` can extend the graph without parsing the old
    articles again; ``store`` also loads the graph into an Oxigraph store folder
    (:mod:`kg.store`, swapped in the same way, before the output folder), which gets a copy of
    the records. With ``jobs > 1`` (a build with ``--workers 2`` or more) ``graph.ttl`` and the
    records are written by a forked process while this one writes the rest: the two halves
    take about as long on Reuters-21578. A ``writer`` (:class:`kg._warm_writer.WarmWriter`,
    started before parsing) writes the views and exports instead, while this process writes
    ``graph.ttl`` and the records. ``g`` may also be a graph in parts
    (:class:`kg.streaming.Parts`), written part by part, and ``records`` then
    :class:`kg.streaming.RecordRuns`. ``nquads`` also writes ``graph.nq``, for a triple store's
    bulk loader.

    ``release_records`` empties a ``records`` list (the caller's own) as soon as it is written, or the forked process holds its own copy of it: this process
    then writes the tables and views without the records, a quarter of its memory on all of
    Reuters-21578 (:func:`kg.pipeline.build`, which has no further use for them, does this).
    """
    from ._io import folder_lock, replace_folder
    from .records_io import RECORDS_FILE

    from ._records_ahead import RecordsAhead
    from .streaming import RecordRuns

    out = Path(out_dir)
    if not (release_records and isinstance(records, list)):
        records = list(records) if records is not None and not isinstance(records, (RecordRuns, RecordsAhead)) else records
    rels = [*OUTPUT_FILES, *([NQUADS_FILE] if nquads else []), *([RECORDS_FILE] if records is not None else [])]

    def write(folder: Path) -> None:
        _write_files(g, folder, title=title, records=records, base_iri=base_iri, jobs=jobs, writer=writer, nquads=nquads,
                     release=release_records)
        if store is not None:
            from .store import write_store

            write_store(store, folder / "graph.ttl", base_iri=base_iri,
                        records=folder / RECORDS_FILE if records is not None else None)

    with folder_lock(out, store):
        replace_folder(out, write, ours=is_output_file)
    return tuple(out / rel for rel in rels)


def is_output_file(rel: str) -> bool:
    """True for a path (relative to an output folder) that ``kg build`` writes or once wrote."""
    from .records_io import RECORDS_FILE

    return rel in _OURS or rel == RECORDS_FILE or rel.startswith(".kg-tmp-")


_OURS = frozenset((*OUTPUT_FILES, NQUADS_FILE))


def _write_files(g: Graph | GraphData | Parts, folder: Path, *, title: str, records, base_iri: str, jobs: int,
                 writer: WarmWriter | None = None, nquads: bool = False, release: bool = False) -> None:
    """Every output file into the empty ``folder``: ``graph.ttl`` and the records here while the
    warm ``writer`` writes the rest, or in a forked child when ``jobs > 1``. With ``release``
    the ``records`` list is emptied here once written or forked (see :func:`write_outputs`)."""
    from ._gc import frozen

    with frozen():  # the graph and records outlive the writing: not scanned by the collector again
        _write_all(g, folder, title=title, records=records, base_iri=base_iri, jobs=jobs, writer=writer, nquads=nquads,
                   release=release)


def _write_all(g: Graph | GraphData | Parts, folder: Path, *, title: str, records, base_iri: str, jobs: int,
               writer: WarmWriter | None, nquads: bool, release: bool) -> None:
    from ._records_ahead import RecordsAhead

    if isinstance(records, RecordsAhead):  # being written since the parse ended: put in place at the end
        from .records_io import RECORDS_FILE

        if release:  # no process forked from here reads them, and the one writing them has its own copy
            records.release()
        try:
            _write_all(g, folder, title=title, records=None, base_iri=base_iri, jobs=jobs, writer=writer, nquads=nquads,
                       release=False)
            records.place(folder / RECORDS_FILE)
        finally:
            records.close()
        return
    share = _size(g) > SHARE_ABOVE
    if writer is not None and writer.submit(_write_rest, g, folder, title=title, formats=_VIEW if share else None):
        _write_rdf_files(g, folder, records, base_iri, nquads)
        _release(records, release)
        if share:  # the view is most of the writing (ranking, communities, layout): the tables and exports here meanwhile
            _write_rest(g, folder, title=title, formats=[f for f in _OUTPUT_FORMATS if f not in _VIEW])
        writer.wait()
        return
    helper = None
    try:
        if jobs > 1:
            helper = _Forked(_write_rdf_files, g, folder, records, base_iri, nquads, nice=WRITER_NICE,
                             what="graph.ttl" if records is None else "graph.ttl or records.jsonl.gz")
        if helper is None or not helper.started:
            _write_rdf_files(g, folder, records, base_iri, nquads)
        _release(records, release)  # the child has its own copy (copy-on-write): the pages stay its
        _write_rest(g, folder, title=title, fork_view=jobs > 1)
        if helper is not None:
            helper.wait()
    finally:
        if helper is not None:
            helper.stop()


def _release(records, release: bool) -> None:
    if release and isinstance(records, list):
        records.clear()


def _write_rdf_files(g: Graph | GraphData | Parts, staging: Path, records: list | None, base_iri: str,
                     nquads: bool = False) -> None:
    """graph.ttl, records.jsonl.gz when there are records, graph.nq when asked for."""
    from . import streaming

    _write_turtle(g, staging)
    if isinstance(records, streaming.RecordRuns):  # records made part by part (on Dask workers)
        from .records_io import RECORDS_FILE

        streaming.write_records(records, staging / RECORDS_FILE, base_iri=base_iri, tmp_dir=str(staging))
        records = None
    if nquads:
        from .export import export

        if _whole(g):  # rdflib's N-Quads serializer, on an rdflib graph
            export(g if _is_rdflib(g) else g.to_graph(), "nquads", staging / NQUADS_FILE)
        else:
            streaming.write_nquads(_parts(g), staging / NQUADS_FILE, tmp_dir=str(staging))
    if records is not None:
        from .records_io import RECORDS_FILE, write_records

        write_records(staging / RECORDS_FILE, records, base_iri=base_iri)


def _write_turtle(g: Graph | GraphData | Parts, staging: Path) -> None:
    from .export import EXPORTERS, export

    if _whole(g):
        export(g, "turtle", staging / EXPORTERS["turtle"].default_name)
    else:  # a build's records: written part by part (kg.streaming)
        from . import streaming

        streaming.write_turtle(_parts(g), staging / EXPORTERS["turtle"].default_name, tmp_dir=str(staging))


#: Graph size (documents + entities + assertions) above which a build with a warm writer writes the
#: tables and exports itself while the writer writes the HTML view (:data:`_VIEW`), each making its own
#: projection. Below it the writer writes them all, and this process graph.ttl and the records only:
#: importing networkx here (0.07 s of CPU) and projecting twice cost more than sharing saves there.
#: On 2,000 Reuters articles (11,000 records) the writer had about 2.7 s of CPU to this process's 1.0 s;
#: shared, 1.8 s each (the writer's imports included).
SHARE_ABOVE = 5_000
#: The formats the warm writer writes when the files are shared: the view (ranking, communities and
#: layout) is as long as all the rest here. (Measured: GEXF there too left this process 0.3-0.8 s idle.)
_VIEW = ("html",)


def _size(g) -> int:
    """Documents, entities and assertions of a build's records (0 for anything else)."""
    try:
        return len(g.documents) + len(g.entities) + len(g.assertions)
    except (AttributeError, TypeError):
        return 0


def _write_rest(g: Graph | GraphData | Parts, staging: Path, *, title: str, formats: Iterable[str] | None = None,
                fork_view: bool = False) -> None:
    """Every output but graph.ttl (those of ``formats``, all when ``None``): the tables and the
    projection are read once for all of them. With ``fork_view`` the HTML view is written by a
    child forked once the projection is made (:func:`kg.stream_projection.write_projection_files`)."""
    from .export import EXPORTERS, export

    wanted = set(_OUTPUT_FORMATS if formats is None else formats) - {"turtle"}
    if not _whole(g):  # a build's records: tables row by row, one projection (kg.streaming)
        from . import streaming

        parts = _parts(g)

        def write_tables() -> None:
            if "entities" in wanted:
                streaming.write_entities_csv(parts, staging / EXPORTERS["entities"].default_name)
            if "triples" in wanted:
                streaming.write_triples_csv(parts, staging / EXPORTERS["triples"].default_name, tmp_dir=str(staging))
            if "statements" in wanted:
                streaming.write_statements_csv(parts, staging / EXPORTERS["statements"].default_name, tmp_dir=str(staging))

        from .stream_projection import write_projection_files

        write_projection_files(parts, staging, title=title, formats=wanted, fork_view=fork_view, meanwhile=write_tables)
        return
    from .project import project, tables
    from .views import write_html

    tabs = tables(g)
    projection = project(tabs, name=title)
    for fmt in _OUTPUT_FORMATS:
        target = staging / EXPORTERS[fmt].default_name
        if fmt not in wanted:
            continue
        if fmt == "html":
            write_html(projection, target, title=title)
        else:
            export(tabs if fmt in ("entities", "triples", "statements") else g, fmt, target, projection=projection)


def _is_rdflib(g) -> bool:
    return type(g).__module__.startswith("rdflib")


def _whole(g) -> bool:
    """Written by the in-memory writers: an rdflib graph. A build's records (one
    :class:`~kg.rdf.GraphData`, or parts) go to the streaming writers (:mod:`kg.streaming`)."""
    return _is_rdflib(g)


def _parts(g: GraphData | Parts) -> Parts:
    from .streaming import Parts

    return g if isinstance(g, Parts) else Parts.of(g)
