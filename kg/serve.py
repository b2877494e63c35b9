"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint, served by Oxigraph's own server.

Why not a home-made server: Oxigraph's ``serve-read-only`` (shipped as a binary by the
``oxigraph`` PyPI package) implements the SPARQL 1.1 Protocol at ``/query`` (GET and POST;
results as SPARQL JSON, XML, CSV and TSV; CONSTRUCT and DESCRIBE as Turtle, N-Triples,
RDF/XML or JSON-LD by content negotiation), refuses every update with ``403 Forbidden``, and
has a YASGUI query page whose scripts it serves itself, so the page works offline. What it
cannot do is stop every query at its time limit, so kg runs a few of its processes behind a
small front (:mod:`kg._gate`) that stops an overrunning query by ending its process and
answers ``503`` instead of a cut-off ``200``.

A graph file is first loaded into a temporary Oxigraph database (removed on stop); a store
folder (``kg build --store DIR``) is served in place.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ._gate import free_port
from .errors import KGError

if TYPE_CHECKING:  # pragma: no cover
    from ._gate import Gate

__all__ = ["Endpoint", "start", "find_server", "free_port"]

_INSTALL = "pip install oxigraph"


def find_server() -> str:
    """Path of the ``oxigraph`` server binary: beside this Python first, then on ``PATH``."""
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise KGError(f"kg serve needs the Oxigraph server binary, which was not found: {_INSTALL}")
    return found


@dataclass
class Endpoint:
    """A running server: its URLs, and :meth:`stop` (also on leaving a ``with`` block)."""

    host: str
    port: int
    gate: Gate
    location: Path
    _tmp: Path | None = field(default=None, repr=False)
    _stopped: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def base_url(self) -> str:
        """The query page (YASGUI)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def url(self) -> str:
        """The SPARQL 1.1 Protocol query endpoint."""
        return self.base_url + "query"

    @property
    def update_url(self) -> str:
        """Where SPARQL updates go; a read-only server answers them ``403 Forbidden``."""
        return self.base_url + "update"

    def wait(self) -> int:
        """Block until Ctrl-C or SIGTERM, then stop cleanly. Returns the exit status (0)."""
        import signal

        def interrupt(signum, frame):  # noqa: ARG001 - signal handler signature
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, interrupt)
        try:
            while not self._stopped.wait(1.0):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            self.stop()
        return 0

    def stop(self) -> None:
        """Stop the front and its query processes, and remove the temporary database, if one was made."""
        if not self._stopped.is_set():
            self.gate.close()
            self._stopped.set()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _database(target: Path) -> tuple[Path, Path | None]:
    """The Oxigraph database to serve, and the temporary folder holding it (or None)."""
    from .store import DB_DIR, GraphStore, is_store, store_info

    if target.is_dir():
        if not is_store(target):
            from .errors import InputError

            raise InputError(str(target), "is a folder but not a kg store (build one with `kg build --store DIR`)")
        store_info(target)
        return target / DB_DIR, None
    from .query import _OX_FORMATS

    fmt = _OX_FORMATS.get(target.suffix.lower())
    tmp = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    try:
        store = GraphStore(tmp / "db")
        if fmt is None:  # a format Oxigraph does not read: go through rdflib
            from .rdf import load_graph

            store.load(load_graph(target))
        else:
            if not target.is_file():
                from .errors import InputError

                raise InputError(str(target), "no such graph file or store folder")
            store.load(target, fmt=fmt)
        del store  # release the write lock: the server opens the database read-only
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp / "db", tmp


def start(
    target: str | os.PathLike[str],
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: int = 30,
    cors: bool = False,
    workers: int = 4,
    ready_within: float = 20.0,
) -> Endpoint:
    """Start a read-only SPARQL endpoint over a graph file or a store folder.

    Parameters
    ----------
    target : path
        ``graph.ttl`` (or ``.nt``, ``.nq``, ``.trig``) or a store folder.
    host, port : str, int
        Where to listen; the default is loopback only. ``port=0`` picks a free port.
    timeout : int
        Seconds a query may run; past them (and half a second) it is stopped and the client
        gets ``503``.
    cors : bool
        Allow cross-origin requests (for browser tools on other origins).
    workers : int
        Query processes: how many queries run at once (more wait their turn).
    ready_within : float
        Seconds to wait for the server to answer before giving up.

    Returns
    -------
    Endpoint
        The running server; ``endpoint.url`` is the SPARQL endpoint. Stop it with ``stop()``.
    """
    from ._gate import Gate

    binary = find_server()
    location, tmp = _database(Path(target))
    command = [binary, "serve-read-only", "--location", str(location), "--timeout-s", str(int(timeout))]
    if cors:
        command.append("--cors")
    try:
        gate = Gate(command, host=host, port=port, timeout=timeout, workers=workers, ready_within=ready_within)
    except OSError as exc:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        raise KGError(f"the SPARQL server could not start on {bind}: {exc.strerror or exc}") from None
    except BaseException:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Endpoint(host, gate.port, gate, location, tmp)
