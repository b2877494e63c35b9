"""Builds beyond one machine: the per-document half of a build on a Dask cluster.

A build has two halves (:mod:`kg.pipeline`). The per-document half (parse and extract) needs no
global state, so the client cuts the ingested documents into partitions and each Dask worker
runs :func:`kg.batch.extract_batch` on its partitions, with the spaCy pipeline loaded once per
worker (:class:`ModelPlugin`), never shipped with a task. Only the small records come back.
The global half runs in partitions on the same workers (:mod:`kg.partitioned`): the name
statistics and graph records of each part of the documents, and entity resolution split by
blocking keys (:mod:`kg.blocking`); the client merges the statistics and names the entities.
A distributed build gives the same graph, byte for byte, as a single-process one.

Use it from the command line with ``kg build INPUTS --dask tcp://scheduler:8786`` (a running
cluster whose workers have kg and the model installed) or ``--dask local:N`` (a
``LocalCluster`` of N single-threaded worker processes on this machine).

Programs that start a local cluster must guard their entry point with
``if __name__ == "__main__":``, since the workers are new processes that import it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import KGError

if TYPE_CHECKING:  # pragma: no cover
    from .extract import Extraction
    from .records import Document

__all__ = ["ModelPlugin", "connect", "close", "extract_distributed", "extract_to_workers", "workers"]

#: Documents per Dask task: big enough to amortise scheduling, small enough to balance load.
PARTITION_SIZE = 64


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # connect() says what to install
    _WorkerPlugin = object  # type: ignore[assignment, misc]


class ModelPlugin(_WorkerPlugin):  # type: ignore[misc, valid-type]
    """Loads the spaCy pipeline and the lexicon once when each worker starts."""

    name = "kg-model"

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def setup(self, worker=None) -> None:
        from .nlp import load_model
        from .ontology import load_lexicon

        load_model(self.model)
        load_lexicon()

    def teardown(self, worker=None) -> None:
        """Nothing to release: the model lives as long as the worker process."""


def _require_distributed() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise KGError('--dask needs Dask\'s distributed scheduler; install it with: pip install "dask[distributed]"') from exc


def connect(address: str):
    """A ``distributed.Client`` for ``address``: a scheduler address, or ``local:N`` for a local cluster.

    The client of a local cluster closes its cluster when it is closed.
    """
    _require_distributed()
    import logging

    from distributed import Client, LocalCluster

    if address.startswith("local"):
        _, _, n = address.partition(":")
        try:
            workers = int(n) if n else 2
        except ValueError:
            raise KGError(f"--dask {address!r}: expected local:N with N a number of workers, e.g. local:2") from None
        if workers < 1:
            raise KGError(f"--dask {address!r}: a local cluster needs at least one worker")
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
        client._kg_cluster = cluster  # closed with the client
        return client
    try:
        return Client(address, timeout="30s")
    except OSError as exc:
        raise KGError(f"--dask {address!r}: cannot reach the Dask scheduler ({exc})") from exc


def close(client) -> None:
    """Close a client from :func:`connect` (and its local cluster, if it started one)."""
    cluster = getattr(client, "_kg_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def extract_distributed(
    documents: Iterable[Document],
    address,
    *,
    model: str | None = None,
    batch_size: int = 64,
    partition_size: int = PARTITION_SIZE,
) -> Iterator[tuple[Document, Extraction]]:
    """Parse and extract ``documents`` on the Dask cluster at ``address`` (or with a connected
    ``distributed.Client``, left open); yields records in input order.

    Partitions are submitted as the documents are read, with at most four per worker in
    flight, so the client holds only a bounded window of texts however large the input.
    """
    from .batch import batches, extract_batch

    own = isinstance(address, str)
    client = connect(address) if own else address
    try:
        client.register_plugin(ModelPlugin(model))
        window = 4 * max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque = deque()
        for batch in batches(documents, partition_size):
            pending.append(client.submit(extract_batch, batch, model=model, batch_size=batch_size, pure=False))
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        if own:
            close(client)


def extract_to_workers(
    documents: Iterable[Document],
    client,
    *,
    model: str | None = None,
    batch_size: int = 64,
    partition_size: int = PARTITION_SIZE,
    on_done=None,
) -> list:
    """Parse and extract ``documents`` on the workers of ``client`` and leave the records there.

    Returns one future per partition of documents, in input order, each holding that
    partition's ``(document, extraction)`` pairs on a worker; ``on_done(n)`` is called as
    partitions of ``n`` documents finish. At most four partitions per worker are in flight, so
    the client reads the texts as the workers need them. A failed task raises here.
    """
    from distributed import wait

    from .batch import batches, extract_batch

    client.register_plugin(ModelPlugin(model))
    window = 4 * workers(client)
    futures: list = []
    pending: deque = deque()

    def settle(future, n: int) -> None:
        wait(future)
        if future.status == "error":
            future.result()  # raises the task's error
        if on_done is not None:
            on_done(n)

    for batch in batches(documents, partition_size):
        future = client.submit(extract_batch, batch, model=model, batch_size=batch_size, pure=False)
        futures.append(future)
        pending.append((future, len(batch)))
        while len(pending) >= window:
            settle(*pending.popleft())
    while pending:
        settle(*pending.popleft())
    return futures


def workers(client) -> int:
    """How many workers the cluster has now (at least 1)."""
    return max(1, len(client.scheduler_info().get("workers", {})))
