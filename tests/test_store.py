"""The Oxigraph store folder: written from a graph, read back the same, queried like a file. See #4."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

import kg
from kg.cli import cli
from kg.errors import InputError
from kg.query import format_result, read_query, run_query
from kg.store import GraphStore, is_store, open_store, store_info, write_store


@pytest.fixture(scope="module")
def sample_store(sample_build, tmp_path_factory):
    folder = tmp_path_factory.mktemp("store") / "db"
    return write_store(folder, sample_build.out_dir / "graph.ttl", base_iri="https://kg.example.org/id/")


def test_store_round_trips_the_graph(sample_store, sample_graph):
    assert is_store(sample_store)
    info = store_info(sample_store)
    assert info["triples"] == len(sample_graph)
    assert isomorphic(open_store(sample_store).to_rdflib(), sample_graph)


def test_store_answers_like_the_graph_file(sample_store, sample_build):
    for name in ("who-met-whom", "members", "disagreements"):
        a = format_result(run_query(sample_store, read_query(name)), "csv")
        b = format_result(run_query(sample_build.out_dir / "graph.ttl", read_query(name)), "csv")
        assert a == b, name


def test_store_replaces_its_database(sample_store, tmp_path):
    folder = write_store(tmp_path / "s", b"<http://e/a> <http://e/b> <http://e/c> .\n", base_iri="http://e/", fmt="nt")
    assert store_info(folder)["triples"] == 1
    write_store(folder, b"<http://e/a> <http://e/b> <http://e/d> .\n<http://e/a> <http://e/b> <http://e/e> .\n",
                base_iri="http://e/", fmt="nt")
    assert store_info(folder)["triples"] == 2
    assert not list(folder.glob(".oxigraph.*"))


def test_store_refuses_a_folder_that_is_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="not a kg store"):
        write_store(tmp_path, b"", base_iri="http://e/", fmt="nt")
    with pytest.raises(InputError, match="not a kg store"):
        open_store(tmp_path)
    with pytest.raises(InputError, match="not a kg store"):
        kg.load(tmp_path)


def test_store_in_memory_loads_an_rdflib_graph(sample_graph):
    store = GraphStore()
    assert store.load(sample_graph) == len(sample_graph)
    assert store.query("ASK { ?s kg:meets ?o }").boolean


def test_store_cli_query_and_load(sample_store):
    r = CliRunner().invoke(cli, ["query", str(sample_store), "-f", "who-met-whom"])
    assert r.exit_code == 0, r.output
    assert "Talatbek Masadikov" in r.output
    assert len(kg.load(sample_store)) == store_info(sample_store)["triples"]
