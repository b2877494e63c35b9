"""A function run in a forked child, which shares the parent's memory copy-on-write.

The writers of a large build use it (:mod:`kg._write`: ``graph.ttl`` and the records;
:mod:`kg.stream_projection`: the HTML view) so that the graph is not pickled to another process;
its own module so that both can use it without importing each other.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from .errors import KGError

__all__ = ["Forked", "can_fork", "die_with", "WRITER_NICE"]

#: The niceness of the forked writers of ``graph.ttl`` and of the records, which are never the
#: last to finish: of the three writing processes of a large build on two cores, the scheduler
#: then gives the HTML view's child and the main process (tables and exports) a core each, and
#: lets these take what they leave (CFS weights 1024 against 335), instead of sharing both
#: cores three ways while the view, the longest, waits for its share.
WRITER_NICE = 5


class Forked:
    """Run ``fn(*args)`` in a forked child (which shares the parent's memory copy-on-write).

    Forking is used only where the platform offers it; otherwise ``started`` is false and the
    caller runs ``fn`` itself. :meth:`wait` raises the child's error in the parent. ``nice``
    lowers the child's priority (:data:`WRITER_NICE`).
    """

    def __init__(self, fn: Callable, *args, what: str = "graph.ttl or records.jsonl.gz", nice: int = 0) -> None:
        import multiprocessing

        self.what = what
        self.started = False
        self.process = None
        if not can_fork():
            return
        ctx = multiprocessing.get_context("fork")
        self.receive, send = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=run_child, args=(send, os.getpid(), fn, *args), kwargs={"nice": nice}, daemon=True)
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
            raise KGError(f"writing {self.what} failed: {message}")

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()


def can_fork() -> bool:
    """Whether this platform can fork a child that shares the parent's memory (not Windows)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def run_child(send, parent: int, fn: Callable, *args, nice: int = 0) -> None:
    die_with(parent)
    if nice:
        try:
            os.nice(nice)
        except (AttributeError, OSError):  # pragma: no cover - no nice on this platform
            pass
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


def die_with(parent: int) -> None:
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
