"""`kg add`: adding the sample articles one at a time gives the graph of building them at once. See #4."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.errors import InputError
from kg.incremental import add
from kg.records_io import RECORDS_FILE, read_records
from kg.store import store_info

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def one_at_a_time(tmp_path_factory):
    """Build the first sample article, then `kg add` the others one by one."""
    articles = sorted(SAMPLES.glob("*.txt"))
    out = tmp_path_factory.mktemp("incremental")
    kg.build(articles[0], out=out, quiet=True)
    results = [add(out / "graph.ttl", [a]) for a in articles[1:]]
    return out, results


def test_incremental_one_at_a_time_equals_all_at_once(one_at_a_time, sample_build):
    out, results = one_at_a_time
    assert all(len(r.added) == 1 for r in results)
    assert (out / "graph.ttl").read_bytes() == (sample_build.out_dir / "graph.ttl").read_bytes()
    assert (out / "triples.csv").read_bytes() == (sample_build.out_dir / "triples.csv").read_bytes()


def test_incremental_readding_changes_nothing(one_at_a_time):
    out, _ = one_at_a_time
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    r = CliRunner().invoke(cli, ["add", str(out), str(SAMPLES)])
    assert r.exit_code == 0, r.output
    assert "nothing added: 5 article(s) already in" in r.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_incremental_records_file_is_versioned_and_deterministic(sample_build):
    path = sample_build.out_dir / RECORDS_FILE
    header = gzip.decompress(path.read_bytes()).splitlines()[0]
    assert header == b'{"base_iri": "https://kg.example.org/id/", "format": "kg-records", "version": 2}'
    records = read_records(path)
    assert len(records.pairs) == 5 and all(doc.text == "" for doc, _ in records.pairs)
    from kg.records_io import records_bytes

    assert records_bytes(records.pairs, base_iri=records.base_iri) == path.read_bytes()


def test_incremental_without_records_fails_clearly(sample_build, tmp_path):
    shutil.copy(sample_build.out_dir / "graph.ttl", tmp_path / "graph.ttl")
    with pytest.raises(InputError, match="no extraction records next to the graph; rebuild it with `kg build`"):
        add(tmp_path / "graph.ttl", [SAMPLES])
    r = CliRunner().invoke(cli, ["add", str(tmp_path / "graph.ttl"), str(SAMPLES)])
    assert r.exit_code == 1 and "records.jsonl.gz" in r.output


def test_incremental_add_to_a_store(sample_build, tmp_path):
    """A store folder built from the first four articles, plus the fifth, answers like the full build."""
    articles = sorted(SAMPLES.glob("*.txt"))
    store = tmp_path / "store"
    kg.build(articles[:4], out=tmp_path / "out", store=store, quiet=True)
    result = add(store, [articles[4]])
    assert result.added == (articles[4].stem,)
    assert store_info(store)["triples"] == len(sample_build.graph)
    from rdflib.compare import isomorphic

    assert isomorphic(kg.load(store), kg.load(sample_build.out_dir / "graph.ttl"))
