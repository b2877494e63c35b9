"""A writer process forked when a build starts, warmed up while the build parses.

The modules that write ``graph.html`` and the exports (networkx, scipy.sparse for PageRank)
take about 0.4 s of CPU to import, and writing them takes as long again: a fixed cost that a
one-article build or a notebook cell pays in full, on top of loading spaCy. So a build forks
this process first, while it is still small (before spaCy is imported): the child imports those
modules while the parent loads the model and parses, then receives the assembled graph
(pickled: only small graphs are sent, see :data:`MAX_RECORDS`) and writes the views and exports
while the parent writes ``graph.ttl`` and the records (above :data:`kg._write.SHARE_ABOVE` records,
the view only: the parent writes the tables and the other exports too). A large graph is not sent: the child is
told to stop and the build forks its writer after assembling instead (copy-on-write, nothing
pickled; :class:`kg._forked.Forked`).

Only where the platform forks (not Windows or macOS's default); elsewhere nothing changes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from .errors import KGError

__all__ = ["WarmWriter", "MAX_RECORDS"]

#: Largest graph (documents + entities + assertions) handed to the warm writer: pickling it
#: costs about 1 s per 200,000 records, more than writing in parallel saves beyond that.
MAX_RECORDS = 60_000

#: What the child imports while the parent parses (everything ``_write_rest`` needs).
_MODULES = ("networkx", "kg.project", "kg.views", "kg.export", "kg.export.tables", "kg.export.graphml",
            "kg.export.gexf", "kg.export.neo4j", "scipy.sparse",  # networkx's pagerank imports scipy.sparse on first use
            "igraph")  # the view's communities (kg.stats.louvain_communities)


class WarmWriter:
    """A forked process that imports the writers now and runs one writing job later."""

    def __init__(self) -> None:
        import multiprocessing

        self.started = False
        self.process = None
        self.seconds = 0.0
        self.peak_rss_mb = 0.0
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_serve, args=(child, os.getpid()), name="kg-writer", daemon=True)
        self.process.start()
        child.close()
        self.started = True
        self.busy = False

    def submit(self, fn: Callable, *args, **kwargs) -> bool:
        """Send ``fn(*args, **kwargs)`` (picklable) to the child; False when there is no child."""
        if not self.started:
            return False
        try:
            self._conn.send((fn, args, kwargs))
        except Exception:  # a closed pipe, or something that does not pickle: the caller writes itself
            self.close()
            return False
        self.busy = True
        return True

    def wait(self) -> None:
        """Wait for the job; raise its error. Sets ``seconds`` and ``peak_rss_mb`` (of the child)."""
        if not self.busy:
            return
        self.busy = False
        try:
            message, self.seconds, self.peak_rss_mb = self._conn.recv()
        except (OSError, EOFError):
            message = "the writer process ended without a report"
        self.close()
        if message is not None:
            raise KGError(f"writing the views and exports failed: {message}")

    def close(self) -> None:
        """Stop the child (it exits at once when it has no job)."""
        if self.process is None:
            return
        try:
            self._conn.send(None)
        except (OSError, EOFError):
            pass
        self._conn.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self.process = None
        self.started = False


def _serve(conn, parent: int) -> None:
    """The child: import the writers, then run the one job it is sent (or none). It ends with its
    parent however the parent ends (its copy of the pipe would keep it waiting otherwise)."""
    import importlib

    from ._forked import die_with as _die_with

    _die_with(parent)

    for module in _MODULES:
        try:
            importlib.import_module(module)
        except ImportError:  # the job will say what is missing
            pass
    try:
        job = conn.recv()
    except (OSError, EOFError):
        return
    if job is None:
        return
    fn, args, kwargs = job
    from ._gc import fewer_collections  # forked before the build set it: the graph it is sent is as long-lived

    started = time.perf_counter()
    try:
        with fewer_collections():
            fn(*args, **kwargs)
        message = None
    except BaseException as exc:  # reported to the parent, which raises it
        message = f"{type(exc).__name__}: {exc}"
    import resource

    conn.send((message, time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
