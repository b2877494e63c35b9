"""Writing a build's files: every output into a new folder that replaces ``--out`` in one step.

Split from :mod:`kg.build` (which runs the stages) because writing has its own concerns: the
folder swap and lock (:mod:`kg._io`), the store beside the outputs, and the forked child that
writes ``graph.ttl`` and the records while this process writes the rest.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import KGError
from .records import Document
from .resolve import DEFAULT_BASE_IRI

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from .extract import Extraction
    from .rdf import GraphData

__all__ = ["write_outputs", "is_output_file"]

#: The files ``kg build`` writes (DESIGN.md), relative to the output folder.
OUTPUT_FILES = (
    "graph.ttl", "graph.html", "entities.csv", "triples.csv", "statements.csv", "graph.graphml", "graph.gexf",
    "neo4j/nodes.csv", "neo4j/relationships.csv", "neo4j/import.cypher",
)
_OUTPUT_FORMATS = ("turtle", "entities", "triples", "statements", "graphml", "gexf", "neo4j", "html")


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
    take about as long on Reuters-21578.
    """
    from ._io import folder_lock, replace_folder
    from .records_io import RECORDS_FILE

    out = Path(out_dir)
    records = list(records) if records is not None else None
    rels = [*OUTPUT_FILES, *([RECORDS_FILE] if records is not None else [])]

    def write(folder: Path) -> None:
        _write_files(g, folder, title=title, records=records, base_iri=base_iri, jobs=jobs)
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


_OURS = frozenset(OUTPUT_FILES)


def _write_files(g: Graph | GraphData, folder: Path, *, title: str, records: list | None, base_iri: str, jobs: int) -> None:
    """Every output file into the empty ``folder``; ``graph.ttl`` and the records in a forked child when ``jobs > 1``."""
    helper = None
    try:
        if jobs > 1:
            helper = _Forked(_write_rdf_files, g, folder, records, base_iri)
        if helper is None or not helper.started:
            _write_rdf_files(g, folder, records, base_iri)
        _write_rest(g, folder, title=title)
        if helper is not None:
            helper.wait()
    finally:
        if helper is not None:
            helper.stop()


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
        self.process = ctx.Process(target=_run_child, args=(send, os.getpid(), fn, *args), daemon=True)
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


def _run_child(send, parent: int, fn: Callable, *args) -> None:
    _die_with(parent)
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


def _die_with(parent: int) -> None:
    """End this child when its parent ends, however (SIGKILL included): never an orphan writer.

    Linux ``prctl(PR_SET_PDEATHSIG)``; elsewhere the child finishes its file and exits.
    """
    import signal
    import sys

    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, int(signal.SIGKILL))  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the call above took effect
        os._exit(1)
