"""The Dask build and the multi-process build give the single-process graph, byte for byte.

See #6 and #14. The per-document half runs on a 2-worker ``LocalCluster`` (processes, one
thread each), and so does the global half, in partitions (name statistics, resolution by
blocking groups, graph records per part); ``graph.ttl`` must not change by one byte.
"""

from __future__ import annotations

import pytest

from conftest import SAMPLES

distributed = pytest.importorskip("distributed", reason='needs pip install "dask[distributed]"')


@pytest.fixture(scope="module")
def cluster():
    """A local Dask cluster of 2 worker processes, shared by the tests of this module."""
    import logging

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
    yield cluster.scheduler_address
    cluster.close()


def _turtle(inputs, **options) -> bytes:
    from kg.pipeline import build_graph
    from kg.rdf import serialize

    return serialize(build_graph(inputs, quiet=True, **options).graph)


@pytest.mark.issue(6)
def test_distributed_samples_equal_single_process(cluster):
    single = _turtle([SAMPLES])
    assert _turtle([SAMPLES], dask=cluster) == single
    assert _turtle([SAMPLES], workers=2, batch_size=2) == single


@pytest.mark.issue(14)
def test_distributed_build_writes_the_single_process_files(cluster, tmp_path, sample_build, monkeypatch):
    """A Dask build leaves the records on the workers, assembles there in parts (here of 2
    documents, each a batch of its own) and writes from parts spilled to the client's disk:
    every file, records included, is the single-process build's."""
    import kg
    import kg.distributed
    import kg.pipeline

    monkeypatch.setattr(kg.distributed, "PARTITION_SIZE", 2)
    monkeypatch.setattr(kg.pipeline, "PART_DOCS", 2)
    monkeypatch.setattr(kg.pipeline, "SPILL_DOCS", 0)
    result = kg.build(SAMPLES, out=tmp_path / "dask", dask=cluster, quiet=True)
    assert result.documents == 5

    def files(folder):
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert files(tmp_path / "dask") == files(sample_build.out_dir)


@pytest.mark.issue(6)
def test_distributed_records_keep_input_order(cluster):
    from kg.pipeline import extract_documents

    single = [d.id for d, _ in extract_documents([SAMPLES])]
    assert [d.id for d, _ in extract_documents([SAMPLES], dask=cluster)] == single
    assert [d.id for d, _ in extract_documents([SAMPLES], workers=2, batch_size=1)] == single


@pytest.mark.issue(6)
def test_distributed_bad_address_is_a_clear_error():
    from kg.distributed import connect
    from kg.errors import KGError

    with pytest.raises(KGError, match="local:N"):
        connect("local:many")


@pytest.mark.slow
@pytest.mark.issue(6)
@pytest.mark.issue(14)
def test_distributed_500_reuters_equal_single_process(cluster, reuters500):
    """Parse, extract and assemble (4 partitions) on the cluster: the single-process graph."""
    from kg.pipeline import assemble
    from kg.rdf import serialize

    corpus, pairs = reuters500
    single = serialize(assemble(pairs)[0])
    assert single.count(b"a kg:Assertion") > 100
    assert _turtle([corpus], dask=cluster) == single
