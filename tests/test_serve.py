"""`kg serve`: a read-only SPARQL 1.1 endpoint, tested over real HTTP on loopback with SPARQLWrapper. See #4."""

from __future__ import annotations

import csv
import io
import json
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
    try:
        yield ep
    finally:
        ep.stop()
    assert ep.process.poll() is not None


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


def test_serve_cancels_a_query_over_the_time_limit(endpoint):
    """A triple cross product runs for hours; the server cancels it after --timeout (1 s here)."""
    client = _client(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    started = time.monotonic()
    response = client.query()
    body = response.response.read()
    assert time.monotonic() - started < 20
    assert b"cancelled" in body
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)


def test_serve_query_page_needs_no_network(endpoint):
    with urllib.request.urlopen(endpoint.base_url, timeout=10) as r:
        page = r.read().decode()
    assert "yasgui" in page.lower() and "https://" not in page.split("<body>")[0]
    with urllib.request.urlopen(endpoint.base_url + "yasgui.min.js", timeout=10) as r:
        assert r.status == 200 and len(r.read()) > 10_000
