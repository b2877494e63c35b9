"""The front of ``kg serve``: every query answered whole or refused with an error, within its time limit.

Oxigraph's server has a time limit (``--timeout-s``), but it cannot keep it for every query:
an aggregate over a cross product (``SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }``)
never reaches a point where it checks the clock, and where the limit does fire, the answer has
already started as ``200 OK`` and ends with "The SPARQL operation has been cancelled" in the
middle of the results, which clients read as a parse error.

So each query runs in an Oxigraph server process of its own that can be stopped: a small pool
of ``serve-read-only`` processes over the same database, each answering one request at a time,
behind this threaded HTTP front. The front reads the whole answer before passing it on; when
the time limit plus half a second has passed since the request came in without a complete
answer, it ends that process
(SIGKILL), answers ``503 Service Unavailable`` with a one-line reason, and starts a fresh
process in its place. The other processes go on serving the other clients meanwhile. Everything
else (the query page, content negotiation, ``403`` for updates, CORS) is Oxigraph's own.
"""

from __future__ import annotations

import http.client
import queue
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .errors import KGError

__all__ = ["Gate", "GRACE"]

#: Seconds past the time limit before a query's process is stopped (its own limit fires first
#: where it can).
GRACE = 0.5
#: Oxigraph's words when its own limit fired inside an answer already sent as 200.
_CANCELLED = b"The SPARQL operation has been cancelled"
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
               "transfer-encoding", "upgrade", "host", "content-length"}


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class _Overrun(Exception):
    """The upstream process did not answer in time."""


class _Upstream:
    """One ``oxigraph serve-read-only`` process on a loopback port of its own."""

    def __init__(self, command: list[str], port: int) -> None:
        self.port = port
        self.process = subprocess.Popen([*command, "--bind", f"127.0.0.1:{port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def wait_ready(self, within: float) -> None:
        deadline = time.monotonic() + within
        while True:
            if self.process.poll() is not None:
                err = (self.process.stderr.read().decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
                raise KGError(f"the SPARQL server could not start: {err}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=1):
                    return
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    self.stop()
                    raise KGError(f"the SPARQL server did not answer within {within:.0f} s") from None
                time.sleep(0.05)

    def fetch(self, method: str, path: str, headers: list[tuple[str, str]], body: bytes | None,
              deadline: float) -> tuple[int, list[tuple[str, str]], bytes, bool]:
        """The whole answer, or :class:`_Overrun` at ``deadline``: (status, headers, body, complete)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=max(0.01, deadline - time.monotonic()))
        try:
            conn.request(method, path, body=body, headers=dict(headers))
            response = conn.getresponse()
            chunks = []
            complete = True
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise _Overrun
                conn.sock.settimeout(remaining)
                try:
                    chunk = response.read1(1 << 16) if hasattr(response, "read1") else response.read(1 << 16)
                except http.client.IncompleteRead as exc:
                    chunks.append(exc.partial)
                    complete = False
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            return response.status, response.getheaders(), b"".join(chunks), complete
        except (socket.timeout, TimeoutError):
            raise _Overrun from None
        finally:
            conn.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()


class Gate:
    """The pool of query processes and the HTTP front that hands each request to one of them."""

    def __init__(self, command: list[str], *, host: str, port: int, timeout: float, workers: int,
                 ready_within: float = 20.0) -> None:

        self.command, self.timeout, self.ready_within = command, timeout, ready_within
        self._free_port = free_port
        self._idle: queue.Queue[_Upstream] = queue.Queue()
        self._all: set[_Upstream] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.stopped = 0  # queries stopped at the limit, for tests and benchmarks
        started = [self._spawn() for _ in range(workers)]
        try:
            for upstream in started:
                upstream.wait_ready(ready_within)
                self._idle.put(upstream)
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            server_class = type("_Server", (ThreadingHTTPServer,), {"address_family": family, "daemon_threads": True})
            self.server = server_class((host, port), _Handler)
        except BaseException:
            self.close()
            raise
        self.server.gate = self  # type: ignore[attr-defined]
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, name="kg-serve", daemon=True)
        self._thread.start()

    def _spawn(self) -> _Upstream:
        upstream = _Upstream(self.command, self._free_port())
        with self._lock:
            self._all.add(upstream)
        return upstream

    def _replace(self, upstream: _Upstream) -> None:
        """Stop a process that overran, and put a fresh one in the pool.

        Only the signal is sent here; reaping the process (a large database takes a moment to
        unmap) and starting the new one happen in the background, after the client has its answer.
        """
        if upstream.process.poll() is None:
            upstream.process.kill()
        with self._lock:
            self._all.discard(upstream)
            if self._closed:
                upstream.stop()
                return

        def restart() -> None:
            upstream.stop()
            try:
                fresh = self._spawn()
                fresh.wait_ready(self.ready_within)
            except KGError:
                return
            if self._closed:
                fresh.stop()
            else:
                self._idle.put(fresh)

        threading.Thread(target=restart, name="kg-serve-restart", daemon=True).start()

    def handle(self, method: str, path: str, headers: list[tuple[str, str]], body: bytes | None
               ) -> tuple[int, list[tuple[str, str]], bytes]:
        """Answer one request: upstream's whole answer, or a 503 naming the reason.

        The time limit runs from the request's arrival, so time spent waiting for a free
        process counts: every client has its answer or its error within the limit + 0.5 s.
        """
        deadline = time.monotonic() + self.timeout + GRACE
        try:
            upstream = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return _error(503, f"every query process was busy for the time limit of {self.timeout:g} s; try again")
        try:
            status, out_headers, data, complete = upstream.fetch(method, path, headers, body, deadline)
        except _Overrun:
            self.stopped += 1
            self._replace(upstream)
            return _error(503, f"query stopped: it ran past the time limit of {self.timeout:g} s")
        except (OSError, http.client.HTTPException) as exc:
            self._replace(upstream)
            return _error(502, f"the query process failed ({type(exc).__name__})")
        self._idle.put(upstream)
        if status == 200 and (not complete or _CANCELLED in data[-200:]):
            self.stopped += 1
            return _error(503, f"query stopped: it ran past the time limit of {self.timeout:g} s")
        if not complete:
            return _error(502, "the query process sent an incomplete answer")
        return status, out_headers, data

    def close(self) -> None:
        """Stop the front and every query process."""
        self._closed = True
        server = getattr(self, "server", None)
        if server is not None:
            server.shutdown()
            server.server_close()
        with self._lock:
            processes = list(self._all)
            self._all.clear()
        for upstream in processes:
            upstream.stop()

    def pids(self) -> list[int]:
        """Process ids of the query processes (for memory measurements)."""
        with self._lock:
            return [u.process.pid for u in self._all]


def _error(status: int, message: str) -> tuple[int, list[tuple[str, str]], bytes]:
    return status, [("Content-Type", "text/plain; charset=utf-8")], f"kg serve: {message}\n".encode()


class _Handler(BaseHTTPRequestHandler):
    """Passes each request to :meth:`Gate.handle` and its answer back, with a Content-Length."""

    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = [(k, v) for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP]
        status, out_headers, data = self.server.gate.handle(self.command, self.path, headers, body)  # type: ignore[attr-defined]
        self.send_response(status)
        for key, value in out_headers:
            if key.lower() not in _HOP_BY_HOP and key.lower() not in ("server", "date"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_HEAD = do_OPTIONS = do_PUT = do_DELETE = do_PATCH = _forward

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass
