"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint, served by Oxigraph's own server.

Why not a home-made server: Oxigraph's ``serve-read-only`` (shipped as a binary by the
``oxigraph`` PyPI package) implements the SPARQL 1.1 Protocol at ``/query`` (GET and POST;
results as SPARQL JSON, XML, CSV and TSV; CONSTRUCT and DESCRIBE as Turtle, N-Triples,
RDF/XML or JSON-LD by content negotiation), refuses every update with ``403 Forbidden``, has
a query time limit (``--timeout-s``) and a YASGUI query page whose scripts it serves itself,
so the page works offline. kg only prepares the database and runs the server.

A graph file is first loaded into a temporary Oxigraph database (removed on stop); a store
folder (``kg build --store DIR``) is served in place.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KGError

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


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@dataclass
class Endpoint:
    """A running server: its URLs, and :meth:`stop` (also on leaving a ``with`` block)."""

    host: str
    port: int
    process: subprocess.Popen
    location: Path
    _tmp: Path | None = field(default=None, repr=False)

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
        """Block until the server exits; Ctrl-C or SIGTERM stop it cleanly. Returns its exit status."""
        import signal

        def interrupt(signum, frame):  # noqa: ARG001 - signal handler signature
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, interrupt)
        try:
            return self.process.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
            self.stop()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the server and remove the temporary database, if one was made."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=timeout)
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
        Seconds a query may run before the server cancels it.
    cors : bool
        Allow cross-origin requests (for browser tools on other origins).
    ready_within : float
        Seconds to wait for the server to answer before giving up.

    Returns
    -------
    Endpoint
        The running server; ``endpoint.url`` is the SPARQL endpoint. Stop it with ``stop()``.
    """
    binary = find_server()
    location, tmp = _database(Path(target))
    port = port or free_port(host)
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    cmd = [binary, "serve-read-only", "--location", str(location), "--bind", bind, "--timeout-s", str(int(timeout))]
    if cors:
        cmd.append("--cors")
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    endpoint = Endpoint(host, port, process, location, tmp)
    deadline = time.monotonic() + ready_within
    while True:
        if process.poll() is not None:
            err = (process.stderr.read().decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
            endpoint.stop()
            raise KGError(f"the SPARQL server could not start on {bind}: {err}")
        try:
            with urllib.request.urlopen(endpoint.base_url, timeout=1):
                break
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                endpoint.stop()
                raise KGError(f"the SPARQL server did not answer on {bind} within {ready_within:.0f} s") from None
            time.sleep(0.1)
    return endpoint
