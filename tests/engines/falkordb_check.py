"""Load kg's Neo4j export into FalkorDB (embedded, via FalkorDBLite) and report what it holds.

Run by tests/test_neo4j_engine.py with the Python 3.12 interpreter of the venv that
.ci/falkordb.sh makes (FalkorDBLite installs only on 3.12; kg itself need not be importable
there), or by hand::

    /opt/kg-falkordb-venv/bin/python tests/engines/falkordb_check.py SPEC.json

SPEC.json maps ``cases`` to named cases, each with ``neo4j_dir`` (a ``neo4j/`` export
folder), ``import_statements`` (the openCypher part of its ``import.cypher``, from
``kg.export.neo4j.shared_statements``), ``push_statements`` (``[cypher, rows]`` pairs from
``kg.push.push_statements``) and optionally ``two_hop`` (an entity label). Each case gets
a server of its own whose import folder holds its two CSV files, so the statements run
unchanged. The script prints one JSON report on stdout, by case:

- ``import``: the import statements run on an empty graph, then again (the script is meant
  to be re-runnable), with node and relationship counts (by label and by type) after each run,
  and a dump of every node and relationship;
- ``push``: the same for the push statements, on a second empty graph, with the number of
  nodes and relationships each run created;
- ``two_hop``: the labels two hops from the entity, and the ``worksFor`` chains it starts;
- ``engine``, ``start_seconds``: FalkorDB's and FalkorDBLite's versions, server start time.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path


def start(import_dir: Path, db_file: Path):
    """An embedded FalkorDB whose LOAD CSV reads ``file:///NAME`` from ``import_dir``."""
    import redislite.client as client
    from redislite.falkordb_client import FalkorDB

    module = client.__falkordb_module__
    if not module or not Path(module).exists():
        raise SystemExit(f"FalkorDBLite ships no FalkorDB module here ({module!r})")
    # FalkorDB reads IMPORT_FOLDER only as a module argument at load time, and FalkorDBLite
    # loads the module without arguments: load it ourselves through the server config.
    client.__falkordb_module__ = None
    try:
        return FalkorDB(str(db_file), serverconfig={
            "loadmodule": f"{module} IMPORT_FOLDER {import_dir}/",
        })
    finally:
        client.__falkordb_module__ = module


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
    db = start(import_dir, tmp / "kg.db")
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
        modules = db.client.execute_command("MODULE", "LIST")
        report["engine"] = {"modules": [_module(m) for m in modules],
                            "falkordblite": _dist_version("falkordblite")}
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
