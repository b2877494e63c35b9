"""Tests of kg.push and ``kg push neo4j``.

No Neo4j server runs here: the statements themselves run in a real openCypher engine in
tests/test_neo4j_engine.py; these tests pin the statement builder, the driver calls (through a
stand-in driver module) and the one-line errors of the real driver. See #5.
"""

from __future__ import annotations

import re
import socket
import sys
import time
import types

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import push
from kg.cli import cli
from kg.errors import ExportError
from kg.export.neo4j import relationship_type
from kg.project import project

pytestmark = pytest.mark.issue(5)


@pytest.fixture(scope="module")
def projected(sample_graph):
    return project(sample_graph)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_push_statements_cover_graph_once(projected):
    statements = push.push_statements(projected, batch_size=7)
    assert statements == push.push_statements(projected, batch_size=7)  # deterministic
    node_ids = [r["id"] for c, rows in statements if "MERGE (n:" in c for r in rows]
    assert sorted(node_ids) == sorted(projected.nodes)
    by_label = {base: {r["id"] for c, rows in statements if f"MERGE (n:{base} " in c for r in rows}
                for base in ("Entity", "Event", "Statement")}
    assert by_label["Event"] and by_label["Statement"]  # the samples tell of meetings and quote people
    assert by_label["Event"] == {n for n, d in projected.nodes(data=True) if d["kind"] == "event"}
    rels = [(r["start"], r["end"], r["relation"], c.split("[r:")[1].split(" ")[0])
            for c, rows in statements if "MERGE (a)-[r:" in c for r in rows]
    assert sorted(rels) == sorted((u, v, k, relationship_type(k))
                                  for u, v, k in projected.edges(keys=True))
    assert all(1 <= len(rows) <= 7 for _, rows in statements)
    # nodes before relationships, so every MATCH finds its ends
    kinds = ["node" if "MERGE (n:" in c else "rel" for c, _ in statements]
    assert kinds == sorted(kinds, key=lambda k: k == "rel")
    for cypher, rows in statements:
        assert cypher.startswith("UNWIND $rows AS row\n")
        label = re.search(r"SET n:(\w+)$|\[r:(\w+) |MERGE \(n:(Statement) ", cypher)
        assert label and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", label.group(1) or label.group(2) or label.group(3))
    one = next(r for c, rows in statements if "SET n:Person" in c for r in rows)
    assert set(one["props"]) == {"label", "aliases", "mentions"}
    assert isinstance(one["props"]["aliases"], list)
    said = next(c for c, _ in statements if "[r:SAID " in c)
    assert "MATCH (a:Entity " in said and "MATCH (b:Statement " in said
    role = next(c for c, _ in statements if "[r:PARTICIPANT " in c)
    assert "MATCH (a:Event " in role and "MATCH (b:Entity " in role


def test_push_statements_rejects_bad_batch_size(projected):
    with pytest.raises(ValueError, match="batch_size"):
        push.push_statements(projected, batch_size=0)


class _Counters:
    def __init__(self, rows):
        n = len(rows or ())
        self.nodes_created, self.relationships_created = n, 0
        self.properties_set, self.labels_added = 3 * n, n


def fake_neo4j(calls: list) -> types.ModuleType:
    """A stand-in for the driver module recording each statement run."""
    mod = types.ModuleType("neo4j")
    exc = types.ModuleType("neo4j.exceptions")
    exc.DriverError = type("DriverError", (Exception,), {})
    exc.Neo4jError = type("Neo4jError", (Exception,), {})

    class Tx:
        def run(self, cypher, **params):
            calls.append((cypher, params.get("rows")))
            counters = _Counters(params.get("rows"))
            return types.SimpleNamespace(consume=lambda: types.SimpleNamespace(counters=counters))

    class Session:
        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

        def execute_write(self, fn, *args):
            return fn(Tx(), *args)

    class Driver(Session):
        def __init__(self, uri, auth, **kw):
            calls.append(("driver", uri, auth, kw["connection_timeout"]))

        def verify_connectivity(self):
            calls.append(("verified",))

        def session(self, database):
            calls.append(("session", database))
            return Session()

    mod.GraphDatabase = types.SimpleNamespace(driver=Driver)
    mod.exceptions = exc
    return mod


def test_push_runs_constraint_then_batches(projected, monkeypatch):
    calls: list = []
    mod = fake_neo4j(calls)
    monkeypatch.setitem(sys.modules, "neo4j", mod)
    monkeypatch.setitem(sys.modules, "neo4j.exceptions", mod.exceptions)
    seen = []
    result = push.push_neo4j(projected, "bolt://db:7687", user="u", password="p",
                             database="news", batch_size=10,
                             on_batch=lambda done, total: seen.append((done, total)))
    statements = push.push_statements(projected, batch_size=10)
    assert calls[:3] == [("driver", "bolt://db:7687", ("u", "p"), 10.0), ("verified",),
                         ("session", "news")]
    assert calls[3] == (push.SCHEMA_STATEMENTS[0], None)
    assert calls[4:] == statements
    assert seen == [(i, len(statements)) for i in range(1, len(statements) + 1)]
    assert (result.nodes, result.relationships, result.batches) == (
        projected.number_of_nodes(), projected.number_of_edges(), len(statements))
    assert result.nodes_created == projected.number_of_nodes() + projected.number_of_edges()
    assert "entities and" in result.summary()


def test_push_without_driver_says_what_to_install(projected, monkeypatch):
    monkeypatch.setitem(sys.modules, "neo4j", None)
    with pytest.raises(ExportError, match=re.escape("pip install 'kg[neo4j]'")):
        push.push_neo4j(projected, "bolt://localhost:7687", user="neo4j", password="x")


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "bolt:/x"])
def test_push_rejects_non_bolt_uri(projected, uri):
    with pytest.raises(ExportError, match="not a Neo4j Bolt URI"):
        push.push_neo4j(projected, uri, user="neo4j", password="x")


def test_push_password_only_from_env(monkeypatch):
    monkeypatch.delenv("KG_TEST_PW", raising=False)
    with pytest.raises(ExportError, match="KG_TEST_PW is not set"):
        push.password_from_env("KG_TEST_PW")
    monkeypatch.setenv("KG_TEST_PW", "s3cret")
    assert push.password_from_env("KG_TEST_PW") == "s3cret"


def test_push_cli_closed_port_fails_fast_in_one_line(sample_build, monkeypatch):
    pytest.importorskip("neo4j")
    monkeypatch.setenv("KG_TEST_PW", "s3cret")
    port = _closed_port()
    graph = str(sample_build.out_dir / "graph.ttl")
    for uri in (f"bolt://127.0.0.1:{port}", f"neo4j://127.0.0.1:{port}"):
        t0 = time.perf_counter()
        r = CliRunner().invoke(cli, ["push", "neo4j", graph, "--uri", uri,
                                     "--password-env", "KG_TEST_PW", "-q"])
        elapsed = time.perf_counter() - t0
        assert r.exit_code == 1, r.output
        assert r.output.startswith(f"Error: Neo4j at {uri} (database neo4j): ")
        assert r.output.count("\n") == 1 and "Traceback" not in r.output
        assert "s3cret" not in r.output
        assert elapsed < 20


def test_push_cli_needs_password_env(sample_build, monkeypatch):
    monkeypatch.delenv("KG_TEST_PW", raising=False)
    r = CliRunner().invoke(cli, ["push", "neo4j", str(sample_build.out_dir / "graph.ttl"),
                                 "--uri", "bolt://127.0.0.1:7687", "--password-env", "KG_TEST_PW"])
    assert r.exit_code == 1
    assert r.output == ("Error: environment variable KG_TEST_PW is not set; put the Neo4j "
                        "password in it (export KG_TEST_PW=...) or name another with "
                        "--password-env\n")


def test_push_cli_help():
    r = CliRunner().invoke(cli, ["push", "neo4j", "-h"])
    assert r.exit_code == 0 and "--password-env" in r.output and "Example:" in r.output
    assert "--password " not in r.output  # never on the command line


def test_push_tiny_graph_statements():
    G = nx.MultiDiGraph()
    G.add_node("x:1", label="One", type="3D Thing", aliases=[], mentions=1)
    assert push.push_statements(G)[0][0].endswith("SET n:C_3D_Thing")
