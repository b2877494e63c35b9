"""`kg serve`: a read-only SPARQL 1.1 endpoint, tested over real HTTP on loopback with SPARQLWrapper. See #4."""

from __future__ import annotations

import csv
import io
import time
import urllib.error
import urllib.request

import pytest

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, XML  # noqa: E402

from kg.serve import start  # noqa: E402

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def endpoint(sample_build):
    ep = start(sample_build.out_dir / "graph.ttl", host="127.0.0.1", port=0, timeout=1)
    processes = list(ep.gate._all)
    try:
        yield ep
    finally:
        ep.stop()
    assert processes and all(u.process.poll() is not None for u in processes)


def _client(ep, query, fmt=JSON, method=None):
    client = SPARQLWrapper.SPARQLWrapper(ep.url, updateEndpoint=ep.update_url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setTimeout(30)
    if method:
        client.setMethod(method)
    return client


def test_serve_select_json_get_and_post(endpoint, sample_graph):
    for method in (None, POST):
        data = _client(endpoint, COUNT, method=method).query().convert()
        assert int(data["results"]["bindings"][0]["n"]["value"]) == len(sample_graph)


def test_serve_saved_query_over_http(endpoint):
    from kg.query import read_query

    data = _client(endpoint, read_query("who-met-whom")).query().convert()
    pairs = {(b["person"]["value"], b["other"]["value"]) for b in data["results"]["bindings"]}
    assert ("Sergey Lavrov", "Talatbek Masadikov") in pairs


def test_serve_xml_csv_tsv(endpoint):
    q = "SELECT ?c WHERE { ?c a <https://kg.example.org/ontology#Country> } ORDER BY ?c LIMIT 3"
    xml = _client(endpoint, q, XML).query().convert()
    assert len(xml.getElementsByTagName("result")) == 3
    rows = list(csv.reader(io.StringIO(_client(endpoint, q, CSV).query().convert().decode())))
    assert rows[0] == ["c"] and len(rows) == 4
    tsv = _client(endpoint, q, TSV).query().convert().decode().splitlines()
    assert tsv[0] == "?c" and len(tsv) == 4


def test_serve_construct_as_turtle_and_jsonld(endpoint):
    q = "CONSTRUCT { ?c a <https://kg.example.org/ontology#Country> } WHERE { ?c a <https://kg.example.org/ontology#Country> }"
    turtle = _client(endpoint, q, TURTLE).query().convert()
    assert b"https://kg.example.org/ontology#Country" in turtle
    ld = _client(endpoint, q, JSONLD).query().convert()
    assert len(ld) >= 6  # SPARQLWrapper parses JSON-LD into an rdflib graph


def test_serve_refuses_updates(endpoint, sample_graph):
    client = _client(endpoint, "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", method=POST)
    with pytest.raises(urllib.error.HTTPError) as info:
        client.query()
    assert info.value.code == 403
    data = _client(endpoint, COUNT).query().convert()
    assert int(data["results"]["bindings"][0]["n"]["value"]) == len(sample_graph)


RUNAWAY = {
    "count over a cross product": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "rows of a cross product": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "ordered cross product": "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i",
    "construct of a cross product": "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
}


@pytest.mark.issue(13)
@pytest.mark.parametrize("shape", sorted(RUNAWAY))
def test_serve_stops_every_query_shape_at_the_limit_with_an_error(endpoint, shape):
    """A cross product runs for hours; past --timeout (1 s here) plus a second the client has an HTTP error."""
    client = _client(endpoint, RUNAWAY[shape], TURTLE if shape.startswith("construct") else JSON)
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as info:
        client.query().convert()
    assert time.monotonic() - started < 1 + 1
    assert info.value.code == 503
    assert b"query stopped: it ran past the time limit of 1 s" in info.value.read()


@pytest.mark.issue(13)
def test_serve_other_clients_are_served_while_a_query_runs_away(endpoint, sample_graph):
    import threading

    errors = []
    runaway = threading.Thread(target=lambda: errors.append(_expect_503(endpoint)))
    runaway.start()
    time.sleep(0.2)
    served = 0
    while runaway.is_alive():
        started = time.monotonic()
        data = _client(endpoint, COUNT).query().convert()
        assert int(data["results"]["bindings"][0]["n"]["value"]) == len(sample_graph)
        assert time.monotonic() - started < 0.5
        served += 1
    runaway.join()
    assert errors == [503] and served > 3
    # the process that was stopped is replaced: the pool is whole again
    deadline = time.monotonic() + 10
    while endpoint.gate._idle.qsize() < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert endpoint.gate._idle.qsize() == 4


def _expect_503(endpoint) -> int:
    try:
        _client(endpoint, RUNAWAY["count over a cross product"]).query()
    except urllib.error.HTTPError as exc:
        return exc.code
    return 200


def test_serve_query_page_needs_no_network(endpoint):
    with urllib.request.urlopen(endpoint.base_url, timeout=10) as r:
        page = r.read().decode()
    assert "yasgui" in page.lower() and "https://" not in page.split("<body>")[0]
    with urllib.request.urlopen(endpoint.base_url + "yasgui.min.js", timeout=10) as r:
        assert r.status == 200 and len(r.read()) > 10_000
