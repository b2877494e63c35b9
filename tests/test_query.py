"""Saved queries on the sample graph, each with its expected answer, on both query engines.

Every query runs on rdflib (the ``Graph`` API users hold) and on Oxigraph (what ``kg query``
uses for files and stores); both must give the same rows. See #4.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import QueryError
from kg.ontology import saved_queries
from kg.query import format_result, read_query, run_query

LAVROV, MASADIKOV = "Sergey Lavrov", "Talatbek Masadikov"
D000, D001, D002, D003, D004 = ("000_6adcf7dded68f096", "001_7baf7cc50561ada2", "002_5855140788810bfc",
                                "003_8d74d1f1f795a5dd", "004_1135b3a4308fe0a1")

#: query name -> (bindings, columns, rows that must be in the answer, rows that must not be).
EXPECTED: dict[str, tuple[dict, tuple, set, set]] = {
    "who-met-whom": ({}, ("person", "other", "doc"),
                     {(LAVROV, MASADIKOV, D000), (LAVROV, MASADIKOV, D004)}, set()),
    "meetings": ({}, ("person", "other", "place", "date", "when", "doc"),
                 {(LAVROV, MASADIKOV, "Moscow", "", "", D000), (LAVROV, MASADIKOV, "", "", "", D004),
                  ("Imangali Tasmagambetov", LAVROV, "Moscow", "", "on Monday", D003)},
                 {(LAVROV, MASADIKOV, "Afghanistan; Central Asia", "", "", D000)}),
    "timeline": ({"name": "Sergey Shoigu"}, ("entity", "date", "role", "when", "doc"),
                 {("Sergey Shoigu", "--11-25", "agent", "On November 25", D002),
                  ("Sergey Shoigu", "--11-25", "participant", "On November 25", D002)}, set()),
    "events-in": ({"name": "Moscow"}, ("place", "doc"), {("Moscow", D000), ("Moscow", D003)}, {("Moscow", D004)}),
    "statements-by": ({"name": "Rohullah Hotak"}, ("speaker", "kind", "doc"), {("Rohullah Hotak", "direct", D004)},
                      {(LAVROV, "reported", D000)}),
    "statements-about": ({"name": "Afghanistan"}, ("about", "speaker", "doc"),
                         {("Afghanistan", LAVROV, D000), ("Afghanistan", "Dmitry Peskov", D001)}, set()),
    "members": ({"name": "CSTO"}, ("organization", "member", "class"),
                {("CSTO", c, "Country") for c in ("Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan")},
                set()),
    "positions": ({"name": LAVROV}, ("person", "relation", "organization"), {(LAVROV, "worksFor", "Russia")},
                  {("Vladimir Putin", "leads", "Russia")}),
    "about": ({"name": LAVROV}, ("subject", "relation", "object", "doc"),
              {(LAVROV, "meets", MASADIKOV, D000), (LAVROV, "worksFor", "Russia", D000)}, set()),
    "denied-or-hypothetical": ({}, ("subject", "relation", "object", "status", "doc"),
                               {("China", "recognizes", "Taliban", "denied", D001)},
                               {(LAVROV, "meets", MASADIKOV, "denied", D000)}),
    "neighbourhood": ({"name": LAVROV}, ("entity", "direction", "relation", "neighbour", "articles"),
                      {(LAVROV, "out", "meets", MASADIKOV, "2"), (LAVROV, "out", "worksFor", "Russia", "3")}, set()),
    "disagreements": ({}, ("subject", "relation", "object", "affirmedIn", "disputedIn", "how"),
                      {("Russia", "engagesWith", "Taliban", D000, D001, "hypothetical")},
                      {("China", "recognizes", "Taliban", D001, D001, "denied")}),
}


def _rows(result, columns):
    idx = [result.variables.index(c) for c in columns]
    return {tuple(str(row[i]) if row[i] is not None else "" for i in idx) for row in result.rows}


def test_query_every_saved_query_has_an_expected_answer():
    assert set(saved_queries()) == set(EXPECTED)


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_saved_query_expected_answer(name, engine, sample_graph, sample_build):
    bindings, columns, present, absent = EXPECTED[name]
    target = sample_graph if engine == "rdflib" else sample_build.out_dir / "graph.ttl"
    result = run_query(target, read_query(name), bindings=bindings)
    rows = _rows(result, columns)
    assert present <= rows, f"{name}: missing {present - rows}"
    assert not (absent & rows), f"{name}: unexpected {absent & rows}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_engines_agree(name, sample_graph, sample_build):
    """rdflib and Oxigraph give the same table, row for row."""
    bindings = EXPECTED[name][0]
    a = format_result(run_query(sample_graph, read_query(name), bindings=bindings), "csv")
    b = format_result(run_query(sample_build.out_dir / "graph.ttl", read_query(name), bindings=bindings), "csv")
    assert a == b


def test_query_json_is_sparql_results_json(sample_build):
    result = run_query(sample_build.out_dir / "graph.ttl", "SELECT ?c WHERE { ?c a kg:Country } ORDER BY ?c LIMIT 2")
    data = json.loads(format_result(result, "json"))
    assert data["head"]["vars"] == ["c"]
    assert data["results"]["bindings"][0]["c"]["type"] == "uri"


def test_query_ask_and_construct(sample_build):
    path = sample_build.out_dir / "graph.ttl"
    assert run_query(path, "ASK { ?a a kg:Assertion }").boolean is True
    g = run_query(path, "CONSTRUCT { ?s a kg:Country } WHERE { ?s a kg:Country }").graph
    assert len(g) >= 6


def test_query_bad_sparql_is_a_query_error(sample_build):
    with pytest.raises(QueryError, match="query failed"):
        run_query(sample_build.out_dir / "graph.ttl", "SELECT WHERE {")


def test_query_cli_reads_graph_file(sample_build):
    r = CliRunner().invoke(cli, ["query", str(sample_build.out_dir / "graph.ttl"), "-f", "members", "-p", "name=CSTO"])
    assert r.exit_code == 0, r.output
    assert "Tajikistan" in r.output and "(6 rows)" in r.output


def test_query_commands_do_not_import_spacy(sample_build):
    """`kg query`, `validate`, `serve`, `export`, `ontology` never load the language pipeline."""
    code = (
        "import sys; from kg.cli import main\n"
        "import kg.validate, kg.serve, kg.store, kg.ontology_doc, kg.export.rdf\n"
        f"try:\n    main(['query', {str(sample_build.out_dir / 'graph.ttl')!r}, '-f', 'who-met-whom'])\n"
        "except SystemExit:\n    pass\n"
        "assert 'spacy' not in sys.modules, 'spacy was imported'\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert LAVROV in r.stdout
