"""``kg.pipeline``: run every stage over a set of inputs and write the output contract files.

ingest -> nlp (batched, streamed) -> extract -> resolve (global) -> rdf -> project -> views
and exports. Parsed Docs are dropped as soon as their records are extracted, so memory grows
with the graph, not with the text read. The global half runs in parts (:mod:`kg.partitioned`:
name statistics and graph records per part of the documents, resolution in blocking groups),
the files are written from the parts (:mod:`kg.streaming`), and with ``--dask`` all of it runs
on the cluster's workers. Outputs are written to a new folder beside the output folder, which takes its place in one
step only when all of them are complete: a failed or killed build leaves the previous outputs
untouched (:mod:`kg._write`, :mod:`kg._io`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ._gc import fewer_collections as _fewer_collections
from ._write import OUTPUT_FILES, write_outputs
from .batch import batches, extract_batch
from .errors import KGError
from .records import Document, Notice, Skipped
from .resolve import DEFAULT_BASE_IRI

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from ._warm_writer import WarmWriter
    from .extract import Extraction
    from .partitioned import Assembled
    from .rdf import GraphData

__all__ = ["BuildResult", "OUTPUT_FILES", "build", "build_graph", "extract_documents", "extract_batch", "assemble", "write_outputs"]

@dataclass(frozen=True)
class BuildResult:
    """What a build produced, and what it skipped.

    ``data`` is the graph's content as plain records; ``graph`` is the same graph as an rdflib
    ``Graph``; both are made on first use (a build writes its files from the parts of the
    graph, :mod:`kg.partitioned`, and needs neither).
    """

    assembled: Assembled | GraphData
    documents: int
    sentences: int
    entities: int
    facts: int
    assertions: int
    seconds: float
    skipped: tuple[Skipped, ...] = ()
    out_dir: Path | None = None
    files: tuple[Path, ...] = field(default=())
    notices: tuple[Notice, ...] = ()

    @functools.cached_property
    def data(self) -> GraphData:
        """The graph as :class:`~kg.rdf.GraphData`, made once on first use."""
        from .rdf import GraphData

        return self.assembled if isinstance(self.assembled, GraphData) else self.assembled.graph_data()

    @functools.cached_property
    def graph(self) -> Graph:
        """The graph as an rdflib ``Graph`` (for SPARQL and the rdflib API), made once on first use."""
        return self.data.to_graph()

    def summary(self) -> str:
        """One line: documents read and skipped, sentences, entities, facts, seconds."""
        fallback = f" ({len(self.notices)} HTML page read from its paragraphs)" if len(self.notices) == 1 else (
            f" ({len(self.notices)} HTML pages read from their paragraphs)" if self.notices else "")
        return (
            f"{self.documents} documents read{fallback}, {len(self.skipped)} skipped; {self.sentences} sentences; "
            f"{self.entities} entities; {self.facts} facts from {self.assertions} assertions; "
            f"{self.seconds:.1f} s"
        )


def extract_documents(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    model: str | None = None,
    batch_size: int = 64,
    workers: int = 1,
    text_field: str = "text",
    max_bytes: int = 5_000_000,
    encoding: str | None = None,
    quiet: bool = True,
    on_skip: Callable[[Skipped], None] | None = None,
    on_notice: Callable[[Notice], None] | None = None,
    dask: str | None = None,
) -> Iterator[tuple[Document, Extraction] | Skipped]:
    """Stream inputs through ingest, the parser and the extractor.

    Yields ``(document, extraction)`` pairs in input order, the document without its text (the
    parsed Doc and the text are dropped at once), and :class:`~kg.records.Skipped` for
    unreadable inputs (``on_notice`` hears of pages read from their paragraphs). This is the
    per-document half of a build: it needs no global state, so
    it can run anywhere. With ``workers > 1`` each worker process parses *and* extracts a
    batch of documents and sends back only the small records; with ``dask`` (a scheduler
    address, or ``local:N``) the batches run on Dask workers (:mod:`kg.distributed`).
    """
    from . import nlp as nlp_stage
    from ._progress import progress

    skipped: list[Skipped] = []
    documents = _documents(inputs, skipped, on_skip=on_skip, text_field=text_field, max_bytes=max_bytes,
                           encoding=encoding, on_notice=on_notice)
    if dask:
        from .distributed import extract_distributed

        results = extract_distributed(documents, dask, model=model, batch_size=batch_size)
    elif workers > 1:
        results = _extract_parallel(documents, workers=workers, model=model, batch_size=batch_size)
    else:
        results = _extract_here(documents, model=model, batch_size=batch_size)
    with progress(desc="kg build", unit="doc", quiet=quiet) as bar:
        for pair in results:
            while skipped:
                yield skipped.pop(0)
            yield pair
            bar.update(1)
    yield from skipped


def _extract_here(documents: Iterable[Document], *, model: str | None, batch_size: int) -> Iterator[tuple[Document, Extraction]]:
    """Extraction in this process, from Docs parsed by one child process ahead of it
    (:func:`kg.nlp.parse_ahead`), which starts as soon as the model is loaded: what extraction and
    the global half load first (the extraction modules and lexicon, the place index, the date
    parser) is loaded while this process waits for the first Docs."""
    from . import nlp as nlp_stage

    nlp = nlp_stage.load_model(model)
    parsed = nlp_stage.parse_ahead(nlp, ((d.text, d) for d in documents), batch_size=batch_size, meanwhile=_prepare)
    for n, (doc, document) in enumerate(parsed):
        from .extract import extract
        from .ontology import load_lexicon

        yield replace(document, text=""), extract(doc, document.id, load_lexicon())
        if n == _SHARED_DOCS:  # a graph this large is written by this process too (kg._write.SHARE_ABOVE)
            _warm_up()


#: Documents after which a one-worker build imports the writers it will run itself, while it
#: waits for the parser (a graph of about 1,000 news articles has 5,000 records or more).
_SHARED_DOCS = 1_000


def _prepare() -> None:
    """Load what extraction and assembly use first (half a second), while the parse runs elsewhere."""
    from . import places, timex
    from .extract import extract  # noqa: F401 - imported for later
    from .ontology import load_lexicon

    load_lexicon()
    places.warm()
    timex.warm()


def _documents(
    inputs: Iterable[str | os.PathLike[str]], skipped: list[Skipped], *, on_skip: Callable[[Skipped], None] | None, **options
) -> Iterator[Document]:
    """Ingested documents with unique ids; what cannot be read goes to ``skipped``."""
    from .ingest import iter_documents

    seen_ids: dict[str, int] = {}
    for item in iter_documents(inputs, **options):
        if isinstance(item, Skipped):
            skipped.append(item)
            if on_skip is not None:
                on_skip(item)
            continue
        if item.id in seen_ids:  # two inputs with one id (a/x.txt, b/x.txt): keep both apart
            seen_ids[item.id] += 1
            item = replace(item, id=f"{item.id}-{seen_ids[item.id]}")
        seen_ids.setdefault(item.id, 1)
        yield item


#: Documents per task sent to a worker process. Small tasks keep every worker busy to the end
#: (a 64-document task is about 2.5 s of parsing, which one worker would finish alone);
#: measured on 2,000 Reuters articles with 2 workers: 45.7 s mean with 16, 47.5 s with 64.
_TASK_DOCS = 16


def _extract_parallel(documents: Iterable[Document], *, workers: int, model: str | None, batch_size: int) -> Iterator[tuple[Document, Extraction]]:
    """:func:`extract_batch` in ``workers`` processes, results in input order.

    At most four tasks per worker are in flight, so memory stays flat however many
    documents are read. The model is loaded before the workers fork, so they share it.
    """
    import multiprocessing
    import threading
    from collections import deque

    from . import nlp as nlp_stage

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    nlp_stage.load_model(model)
    pending: deque = deque()
    with ctx.Pool(workers, initializer=_init_worker, initargs=(model,)) as pool:
        # this process mostly waits while the workers parse: load what comes after meanwhile
        warm = threading.Thread(target=_warm_up, name="kg-warm-up", daemon=True)
        warm.start()
        for batch in batches(documents, min(batch_size, _TASK_DOCS)):
            pending.append(pool.apply_async(extract_batch, (batch,), {"model": model, "batch_size": batch_size}))
            while len(pending) > 4 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        warm.join()


def _warm_up() -> None:
    """Load the place tables and modules that resolution and the writers need (a second or two)."""
    import importlib

    from . import places

    places.warm()
    for module in ("networkx", "kg.project", "kg.views", "kg.export.tables", "kg.export.graphml",
                   "kg.export.gexf", "kg.export.neo4j", "kg.records_io", "rapidfuzz.process"):
        importlib.import_module(module)


def _init_worker(model: str | None) -> None:
    """Load the model and lexicon once in each worker process."""
    from . import nlp as nlp_stage
    from .ontology import load_lexicon

    nlp_stage.load_model(model)
    load_lexicon()


def assemble(
    pairs: Iterable[tuple[Document, Extraction]],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    partitions: int = 1,
    runner=None,
) -> tuple[GraphData, dict[str, int]]:
    """The global half of a build: resolve every mention at once, then make the graph's records.

    Returns the graph as :class:`~kg.rdf.GraphData` (``.to_graph()`` for rdflib) and counts
    (documents, sentences, entities, facts, assertions). With ``partitions`` > 1 the documents
    and the names are cut into parts that are processed separately (:mod:`kg.partitioned`,
    on the ``runner``'s processes or Dask workers); the graph is the same.
    """
    assembled = assemble_in_parts(pairs, base_iri=base_iri, partitions=partitions, runner=runner)
    return assembled.graph_data(), assembled.counts


#: Documents per part of a local build's graph records (the streaming writers hold one part).
PART_DOCS = 5_000


def assemble_in_parts(pairs: Iterable[tuple[Document, Extraction]], *, base_iri: str = DEFAULT_BASE_IRI,
                      partitions: int = 1, runner=None, resolve_partitions: int | None = None) -> Assembled:
    """:func:`assemble`, keeping the graph in its parts (:class:`~kg.partitioned.Assembled`)."""
    from .partitioned import assemble_parts, chunks

    base_iri = base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"
    return assemble_parts(chunks(pairs, partitions), base_iri=base_iri, runner=runner, resolve_partitions=resolve_partitions)


def build_graph(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    **options,
) -> BuildResult:
    """Build the RDF graph of ``inputs`` in memory, without writing anything.

    ``options`` go to :func:`extract_documents`. Raises :class:`~kg.errors.KGError` when no
    document could be read.
    """
    started = time.perf_counter()
    with _fewer_collections(), _assembling(inputs, base_iri=base_iri, spill=False, **options) as (_, skipped, notices, assembled):
        return BuildResult(assembled, seconds=time.perf_counter() - started, skipped=tuple(skipped), notices=notices,
                           **assembled.counts)


def build(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    out: str | os.PathLike[str] | None = "output",
    title: str | None = None,
    store: str | os.PathLike[str] | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
    nquads: bool = False,
    **options,
) -> BuildResult:
    """Build the knowledge graph of ``inputs`` and write the output files into ``out``.

    Parameters
    ----------
    inputs : path, glob, or iterable of them
        Files (``.txt``, ``.md``, ``.html``, ``.jsonl``, ``.csv``), folders, or glob patterns.
    out : path or None
        Output folder (created if needed); ``None`` builds in memory only.
    title : str, optional
        Title of the HTML view.
    store : path, optional
        Also load the graph into this Oxigraph store folder, for ``kg query DIR`` and
        ``kg serve DIR`` on large graphs.
    base_iri : str
        Namespace of entity, document and assertion IRIs.
    nquads : bool
        Also write ``graph.nq`` (N-Quads, one named graph per document) for bulk loading.
    **options
        Passed to :func:`extract_documents`: ``model``, ``batch_size``, ``workers``,
        ``text_field``, ``max_bytes``, ``encoding``, ``quiet``, ``on_skip``.

    Returns
    -------
    BuildResult
        Counts, the graph (``.data`` records, ``.graph`` rdflib), what was skipped, the files written.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    base_iri = base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"
    started = time.perf_counter()
    if out is None and store is not None:
        raise KGError("--store needs an output folder too: the store is loaded from its graph.ttl")
    from ._io import folder_lock

    writer = warm_writer() if out is not None else None  # forked first, while this process is small
    try:
        with _fewer_collections(), folder_lock(out, store):  # taken before parsing: a second run fails now, not in an hour
            ahead = out is not None and (options.get("workers") or 1) > 1  # the records written while the graph is assembled
            with _assembling(list(inputs), base_iri=base_iri, spill=out is not None, records_beside=out if ahead else None,
                             **options) as (
                    records, skipped, notices, assembled):
                counts = assembled.counts
                if out is None:
                    return BuildResult(assembled, seconds=time.perf_counter() - started, skipped=tuple(skipped),
                                       notices=notices, **counts)
                jobs = options.get("workers", 1) if not options.get("dask") else 1
                small = _small(counts)  # small enough to pickle to the warm writer as one GraphData
                files = write_outputs(assembled.graph_data() if small else assembled.as_parts(), out,
                                      title=title or "kg graph", records=records, base_iri=base_iri, store=store,
                                      jobs=jobs, writer=writer if small else None, nquads=nquads,
                                      release_records=True)  # not needed after they are written
    finally:
        if writer is not None:
            writer.close()
    return BuildResult(
        assembled, seconds=time.perf_counter() - started, skipped=tuple(skipped), out_dir=Path(out), files=files,
        notices=notices, **counts,
    )


def warm_writer() -> WarmWriter:
    """A :class:`~kg._warm_writer.WarmWriter`: call before parsing, so it warms up meanwhile."""
    from ._warm_writer import WarmWriter

    return WarmWriter()


def _small(counts: dict[str, int]) -> bool:
    """Whether the graph is small enough to pickle to the warm writer."""
    from ._warm_writer import MAX_RECORDS

    return counts["documents"] + counts["entities"] + counts["assertions"] <= MAX_RECORDS


#: A build of more documents than this on a Dask cluster keeps its graph's parts on the
#: client's disk while it writes, one part in memory at a time (``kg build``, not ``build_graph``).
SPILL_DOCS = 50_000


@contextlib.contextmanager
def _assembling(inputs: Iterable[str | os.PathLike[str]], *, base_iri: str, spill: bool,
                records_beside: str | os.PathLike[str] | None = None, **options):
    """Yields ``(records, skipped, notices, assembled)``: the build's extraction records (pairs, or
    :class:`~kg.streaming.RecordRuns` made on the workers) and its graph in parts. With
    ``dask``, parse, extraction and assembly run on the cluster's workers, which keep the
    records until the build is written; the client is closed when the block ends. With
    ``records_beside`` (the output folder) a forked child writes the records file while this
    process assembles (:class:`~kg._records_ahead.RecordsAhead`, yielded as the records)."""
    address = options.get("dask")
    if not address:
        pairs, skipped, notices = _collect(inputs, **options)
        parts = -(-len(pairs) // PART_DOCS)  # resolution in one piece: blocking pays only across processes
        records = pairs
        if records_beside is not None:
            from ._records_ahead import RecordsAhead

            records = RecordsAhead(pairs, base_iri=base_iri, beside=records_beside)
        try:
            yield records, skipped, notices, assemble_in_parts(pairs, base_iri=base_iri, partitions=parts,
                                                               resolve_partitions=1)
        finally:
            if records is not pairs:
                records.close()
        return
    from .distributed import close, connect

    client = connect(address) if isinstance(address, str) else address
    folder = None
    try:
        notices: list[Notice] = []
        futures, sizes, skipped = _extract_on_cluster(inputs, client, notices=notices, **options)
        if spill and sum(sizes) > SPILL_DOCS:
            folder = tempfile.mkdtemp(prefix="kg-spill-")
        records, assembled = _assemble_on_cluster(client, futures, sizes, base_iri=base_iri, spill=folder)
        yield records, skipped, tuple(notices), assembled
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        if isinstance(address, str):
            close(client)


def _extract_on_cluster(inputs, client, *, notices: list[Notice], model=None, batch_size=64, quiet=True, on_skip=None,
                        on_notice=None, text_field="text", max_bytes=5_000_000, encoding=None, **_):
    """Parse and extract on the workers, leaving the records there: (futures, documents in each, skipped)."""
    from ._progress import progress
    from .distributed import PARTITION_SIZE, extract_to_workers

    skipped: list[Skipped] = []
    sizes: list[int] = []

    def noticed(notice: Notice) -> None:
        notices.append(notice)
        if on_notice is not None:
            on_notice(notice)

    documents = _documents(inputs, skipped, on_skip=on_skip, text_field=text_field, max_bytes=max_bytes, encoding=encoding,
                           on_notice=noticed)

    def counted(docs):
        for i, doc in enumerate(docs):
            if i % PARTITION_SIZE == 0:
                sizes.append(0)
            sizes[-1] += 1
            yield doc

    with progress(desc="kg build", unit="doc", quiet=quiet) as bar:
        futures = extract_to_workers(counted(documents), client, model=model, batch_size=batch_size,
                                     partition_size=PARTITION_SIZE, on_done=bar.update)
    if not futures:
        reasons = "; ".join(str(x) for x in skipped[:3]) or "no input files"
        raise KGError(f"nothing to build: no document could be read ({reasons})")
    return futures, sizes, skipped


def _assemble_on_cluster(client, futures: list, sizes: list[int], *, base_iri: str, spill: str | None):
    """Assemble records left on the workers (parts of about PART_DOCS documents) there."""
    from .distributed import workers
    from .partitioned import DaskRunner, assemble_parts, part_record_lines
    from .streaming import RecordRuns

    parts, size = [], 0
    for future, n in zip(futures, sizes):
        if not parts or size + n > PART_DOCS:
            parts.append([])
            size = 0
        parts[-1].append(future)
        size += n
    runner = DaskRunner(client)
    base_iri = base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"
    assembled = assemble_parts(parts, base_iri=base_iri, runner=runner, resolve_partitions=2 * workers(client), spill=spill)
    return RecordRuns(lambda: runner.each(part_record_lines, parts)), assembled


def _collect(
    inputs: Iterable[str | os.PathLike[str]], **options
) -> tuple[list[tuple[Document, Extraction]], list[Skipped], tuple[Notice, ...]]:
    """Run :func:`extract_documents` to the end; raise when not one document could be read."""
    pairs: list[tuple[Document, Extraction]] = []
    skipped: list[Skipped] = []
    notices: list[Notice] = []
    tell = options.pop("on_notice", None)

    def on_notice(notice: Notice) -> None:
        notices.append(notice)
        if tell is not None:
            tell(notice)

    for item in extract_documents(inputs, on_notice=on_notice, **options):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            pairs.append(item)
    if not pairs:
        reasons = "; ".join(str(s) for s in skipped[:3]) or "no input files"
        raise KGError(f"nothing to build: no document could be read ({reasons})")
    return pairs, skipped, tuple(notices)
