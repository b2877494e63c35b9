"""``kg.build``: run every stage over a set of inputs and write the output contract files.

ingest -> nlp (batched, streamed) -> extract -> resolve (global, once) -> rdf -> project ->
views and exports. Parsed Docs are dropped as soon as their records are extracted, so memory
grows with the graph, not with the text read. Outputs are written to a staging folder and
moved into place only when all of them are complete: a failed build leaves the previous
outputs untouched.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import KGError
from .records import Assertion, Document, Mention, Skipped
from .resolve import DEFAULT_BASE_IRI

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from .extract import Extraction
    from .rdf import GraphData

__all__ = ["BuildResult", "OUTPUT_FILES", "build", "build_graph", "extract_documents", "extract_batch", "assemble", "write_outputs"]

#: The files ``kg build`` writes (DESIGN.md), relative to the output folder.
OUTPUT_FILES = (
    "graph.ttl", "graph.html", "entities.csv", "triples.csv", "statements.csv", "graph.graphml", "graph.gexf",
    "neo4j/nodes.csv", "neo4j/relationships.csv", "neo4j/import.cypher",
)
_OUTPUT_FORMATS = ("turtle", "entities", "triples", "statements", "graphml", "gexf", "neo4j", "html")


@dataclass(frozen=True)
class BuildResult:
    """What a build produced, and what it skipped.

    ``data`` is the graph's content as plain records; ``graph`` is the same graph as an rdflib
    ``Graph``, made on first use (a build itself never needs it).
    """

    data: GraphData
    documents: int
    sentences: int
    entities: int
    facts: int
    assertions: int
    seconds: float
    skipped: tuple[Skipped, ...] = ()
    out_dir: Path | None = None
    files: tuple[Path, ...] = field(default=())

    @functools.cached_property
    def graph(self) -> Graph:
        """The graph as an rdflib ``Graph`` (for SPARQL and the rdflib API), made once on first use."""
        return self.data.to_graph()

    def summary(self) -> str:
        """One line: documents read and skipped, sentences, entities, facts, seconds."""
        return (
            f"{self.documents} documents read, {len(self.skipped)} skipped; {self.sentences} sentences; "
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
    dask: str | None = None,
) -> Iterator[tuple[Document, Extraction] | Skipped]:
    """Stream inputs through ingest, the parser and the extractor.

    Yields ``(document, extraction)`` pairs in input order, the document without its text (the
    parsed Doc and the text are dropped at once), and :class:`~kg.records.Skipped` for
    unreadable inputs. This is the per-document half of a build: it needs no global state, so
    it can run anywhere. With ``workers > 1`` each worker process parses *and* extracts a
    batch of documents and sends back only the small records; with ``dask`` (a scheduler
    address, or ``local:N``) the batches run on Dask workers (:mod:`kg.distributed`).
    """
    from . import nlp as nlp_stage
    from ._progress import progress

    skipped: list[Skipped] = []
    documents = _documents(inputs, skipped, on_skip=on_skip, text_field=text_field, max_bytes=max_bytes, encoding=encoding)
    if dask:
        from .distributed import extract_distributed

        results = extract_distributed(documents, dask, model=model, batch_size=batch_size)
    elif workers > 1:
        results = _extract_parallel(documents, workers=workers, model=model, batch_size=batch_size)
    else:
        from .extract import extract
        from .ontology import load_lexicon

        lexicon = load_lexicon()
        nlp = nlp_stage.load_model(model)
        results = (
            (replace(document, text=""), extract(doc, document.id, lexicon))
            for doc, document in nlp_stage.parse(nlp, ((d.text, d) for d in documents), batch_size=batch_size)
        )
    with progress(desc="kg build", unit="doc", quiet=quiet) as bar:
        for pair in results:
            while skipped:
                yield skipped.pop(0)
            yield pair
            bar.update(1)
    yield from skipped


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


def extract_batch(documents: list[Document], *, model: str | None = None, batch_size: int = 64) -> list[tuple[Document, Extraction]]:
    """Parse and extract a batch of documents in this process (the model is loaded once per process).

    The unit of work of worker processes and Dask tasks: documents in, small picklable
    ``(document without text, extraction)`` records out, in the same order.
    """
    from . import nlp as nlp_stage
    from .extract import extract
    from .ontology import load_lexicon

    lexicon = load_lexicon()
    nlp = nlp_stage.load_model(model)
    return [
        (replace(document, text=""), extract(doc, document.id, lexicon))
        for doc, document in nlp_stage.parse(nlp, ((d.text, d) for d in documents), batch_size=batch_size)
    ]


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


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
        for batch in _batches(documents, min(batch_size, _TASK_DOCS)):
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
) -> tuple[GraphData, dict[str, int]]:
    """The global half of a build: resolve every mention at once, then make the graph's records.

    Returns the graph as :class:`~kg.rdf.GraphData` (``.to_graph()`` for rdflib) and counts
    (documents, sentences, entities, facts, assertions).
    """
    from .eventgraph import add_statements_events
    from .ontology import load_lexicon
    from .rdf import GraphBuilder
    from .resolve import Resolver

    base_iri = base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"
    resolver = Resolver(base_iri=base_iri)
    documents: list[Document] = []
    assertions: list[Assertion] = []
    mentioned: list[Mention] = []
    sentences = 0
    pairs = sorted(pairs, key=lambda p: p[0].id)
    for document, ex in pairs:
        resolver.add(ex.mentions, ex.acronyms)
        assertions.extend(ex.assertions)
        mentioned.extend({(m.key, m.label): m for m in ex.mentions if m.label != "POSITION"}.values())
        sentences += ex.sentences
        documents.append(document)
    resolution = resolver.resolve()
    builder = GraphBuilder(base_iri=base_iri, lexicon=load_lexicon())
    for document in documents:
        builder.add_document(document)
    pairs_ = sorted({(m.doc_id, iri) for m in mentioned if (iri := resolution.entity_id(m)) is not None})
    builder.add_entities(resolution, pairs_)
    add_statements_events(builder, pairs, resolution)
    for a in assertions:
        builder.add_assertion(a, resolution)
    counts = {
        "documents": len(documents), "sentences": sentences, "entities": len(resolution.entities),
        "facts": builder.facts, "assertions": builder.assertions,
    }
    return builder.data, counts


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
    pairs, skipped = _collect(inputs, **options)
    data, counts = assemble(pairs, base_iri=base_iri)
    return BuildResult(data=data, seconds=time.perf_counter() - started, skipped=tuple(skipped), **counts)


def write_outputs(
    g: Graph | GraphData,
    out_dir: str | os.PathLike[str],
    *,
    title: str = "kg graph",
    records: Iterable[tuple[Document, Extraction]] | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
    store: str | os.PathLike[str] | None = None,
    jobs: int = 1,
) -> tuple[Path, ...]:
    """Write every contract file of ``g`` (an rdflib graph, or a build's records) into ``out_dir``, all or nothing.

    Files are first written to a staging folder inside ``out_dir``; only when all succeeded
    are they moved over the previous outputs (each move is an atomic rename).

    ``records`` (the build's ``(document, extraction)`` pairs) are saved as
    ``records.jsonl.gz`` so that ``kg add`` can extend the graph without parsing the old
    articles again; ``store`` also loads the graph into an Oxigraph store folder
    (:mod:`kg.store`), which gets a copy of the records. With ``jobs > 1`` (a build with
    ``--workers 2`` or more) ``graph.ttl`` and the records are written by a forked process
    while this one writes the rest: the two halves take about as long on Reuters-21578.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kg-tmp-", dir=out))
    records = list(records) if records is not None else None
    helper = None
    try:
        if jobs > 1:
            helper = _Forked(_write_rdf_files, g, staging, records, base_iri)
        if helper is None or not helper.started:
            _write_rdf_files(g, staging, records, base_iri)
        _write_rest(g, staging, title=title)
        if helper is not None:
            helper.wait()
        rels = list(OUTPUT_FILES)
        if records is not None:
            from .records_io import RECORDS_FILE

            rels.append(RECORDS_FILE)
        written = []
        for rel in rels:
            dest = out / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, dest)
            written.append(dest)
    finally:
        if helper is not None:
            helper.stop()
        shutil.rmtree(staging, ignore_errors=True)
    if store is not None:
        from ._io import atomic_write_bytes
        from .records_io import RECORDS_FILE
        from .store import write_store

        write_store(store, out / "graph.ttl", base_iri=base_iri)
        if records is not None:  # the store gets the same bytes, not a second serialisation
            atomic_write_bytes(Path(store) / RECORDS_FILE, (out / RECORDS_FILE).read_bytes())
    return tuple(written)


def _write_rdf_files(g: Graph | GraphData, staging: Path, records: list | None, base_iri: str) -> None:
    """graph.ttl, and records.jsonl.gz when there are records."""
    _write_turtle(g, staging)
    if records is not None:
        from .records_io import RECORDS_FILE, write_records

        write_records(staging / RECORDS_FILE, records, base_iri=base_iri)


def _write_turtle(g: Graph | GraphData, staging: Path) -> None:
    from .export import EXPORTERS, export

    export(g, "turtle", staging / EXPORTERS["turtle"].default_name)


def _write_rest(g: Graph | GraphData, staging: Path, *, title: str) -> None:
    """Every output but graph.ttl: the tables and the projection are read once for all of them."""
    from .export import EXPORTERS, export
    from .project import project, tables
    from .views import write_html

    tabs = tables(g)
    projection = project(tabs, name=title)
    for fmt in _OUTPUT_FORMATS:
        target = staging / EXPORTERS[fmt].default_name
        if fmt == "turtle":
            continue
        if fmt == "html":
            write_html(projection, target, title=title)
        else:
            export(tabs if fmt in ("entities", "triples", "statements") else g, fmt, target, projection=projection)


class _Forked:
    """Run ``fn(*args)`` in a forked child (which shares the parent's memory copy-on-write).

    Forking is used only where the platform offers it; otherwise ``started`` is false and the
    caller runs ``fn`` itself. :meth:`wait` raises the child's error in the parent.
    """

    def __init__(self, fn: Callable, *args) -> None:
        import multiprocessing

        self.started = False
        self.process = None
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        ctx = multiprocessing.get_context("fork")
        self.receive, send = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_run_child, args=(send, fn, *args), daemon=True)
        self.process.start()
        send.close()
        self.started = True

    def wait(self) -> None:
        """Wait for the child; raise its error. Sets ``seconds`` and ``peak_rss_mb`` (of the child)."""
        if not self.started:
            return
        try:
            message, self.seconds, self.peak_rss_mb = self.receive.recv()
        except EOFError:
            message = "the process ended without a report"
        self.process.join()
        self.started = False
        if message is not None:
            raise KGError(f"writing graph.ttl or records.jsonl.gz failed: {message}")

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()


def _run_child(send, fn: Callable, *args) -> None:
    started = time.perf_counter()
    try:
        fn(*args)
        message = None
    except BaseException as exc:  # reported to the parent, which raises it
        message = f"{type(exc).__name__}: {exc}"
    try:
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    except ImportError:  # pragma: no cover - not on Windows, which has no fork either
        rss = 0.0
    send.send((message, time.perf_counter() - started, rss))
    if message is not None:
        raise SystemExit(1)


def build(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    out: str | os.PathLike[str] | None = "output",
    title: str | None = None,
    store: str | os.PathLike[str] | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
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
    pairs, skipped = _collect(list(inputs), **options)
    data, counts = assemble(pairs, base_iri=base_iri)
    if out is None and store is None:
        return BuildResult(data=data, seconds=time.perf_counter() - started, skipped=tuple(skipped), **counts)
    if out is None:
        raise KGError("--store needs an output folder too: the store is loaded from its graph.ttl")
    jobs = options.get("workers", 1) if not options.get("dask") else 1
    files = write_outputs(data, out, title=title or "kg graph", records=pairs, base_iri=base_iri, store=store, jobs=jobs)
    return BuildResult(
        data=data, seconds=time.perf_counter() - started, skipped=tuple(skipped), out_dir=Path(out), files=files,
        **counts,
    )


def _collect(inputs: Iterable[str | os.PathLike[str]], **options) -> tuple[list[tuple[Document, Extraction]], list[Skipped]]:
    """Run :func:`extract_documents` to the end; raise when not one document could be read."""
    pairs: list[tuple[Document, Extraction]] = []
    skipped: list[Skipped] = []
    for item in extract_documents(inputs, **options):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            pairs.append(item)
    if not pairs:
        reasons = "; ".join(str(s) for s in skipped[:3]) or "no input files"
        raise KGError(f"nothing to build: no document could be read ({reasons})")
    return pairs, skipped
