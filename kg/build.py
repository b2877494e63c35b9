"""``kg.build``: run every stage over a set of inputs and write the output contract files.

ingest -> nlp (batched, streamed) -> extract -> resolve (global, once) -> rdf -> project ->
views and exports. Parsed Docs are dropped as soon as their records are extracted, so memory
grows with the graph, not with the text read. Outputs are written to a new folder beside the
output folder, which takes its place in one step only when all of them are complete: a
failed or killed build leaves the previous outputs untouched (:mod:`kg._write`, :mod:`kg._io`).
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ._write import OUTPUT_FILES, write_outputs
from .errors import KGError
from .records import Assertion, Document, Mention, Notice, Skipped
from .resolve import DEFAULT_BASE_IRI

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from .extract import Extraction
    from .rdf import GraphData

__all__ = ["BuildResult", "OUTPUT_FILES", "build", "build_graph", "extract_documents", "extract_batch", "assemble", "write_outputs"]

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
    notices: tuple[Notice, ...] = ()

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
    pairs = sorted(map(_carriable_pair, pairs), key=lambda p: p[0].id)
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


def _carriable_pair(pair: tuple[Document, Extraction]) -> tuple[Document, Extraction]:
    """The pair with every string made carriable (:func:`kg._decode.carriable`), when one is not.

    Ingest already gives carriable text; this guards records made through the Python API (or
    read from an edited records file), whose lone surrogates no writer could encode.
    """
    from ._decode import needs_care

    document, ex = pair
    strings = [document.id, document.source, document.title or "", document.author or "", document.publisher or "",
               document.date or "", document.url or ""]
    strings += [t for m in ex.mentions for t in (m.text, m.key)]
    strings += [t for a in ex.assertions for t in (a.sentence, a.predicate, a.rule, a.subject.text, a.object.text)]
    if not needs_care("".join(strings)) and not any(needs_care(x) for pair_ in ex.acronyms for x in pair_):
        return pair
    from ._decode import carriable_record

    return carriable_record(document), carriable_record(ex)


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
    pairs, skipped, notices = _collect(inputs, **options)
    data, counts = assemble(pairs, base_iri=base_iri)
    return BuildResult(data=data, seconds=time.perf_counter() - started, skipped=tuple(skipped), notices=notices, **counts)


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
    inputs = list(inputs)
    if out is None and store is not None:
        raise KGError("--store needs an output folder too: the store is loaded from its graph.ttl")
    from ._io import folder_lock

    with folder_lock(out, store):  # taken before parsing: a second run fails now, not in an hour
        return _build(inputs, out=out, title=title, store=store, base_iri=base_iri, started=started, **options)


def _build(inputs: list, *, out, title, store, base_iri: str, started: float, **options) -> BuildResult:
    pairs, skipped, notices = _collect(inputs, **options)
    data, counts = assemble(pairs, base_iri=base_iri)
    if out is None:
        return BuildResult(data=data, seconds=time.perf_counter() - started, skipped=tuple(skipped), notices=notices,
                           **counts)
    jobs = options.get("workers", 1) if not options.get("dask") else 1
    files = write_outputs(data, out, title=title or "kg graph", records=pairs, base_iri=base_iri, store=store, jobs=jobs)
    return BuildResult(
        data=data, seconds=time.perf_counter() - started, skipped=tuple(skipped), out_dir=Path(out), files=files,
        notices=notices, **counts,
    )


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
