"""The tail of a build: the same bytes from the faster paths (records written ahead, one sort of
the projection for every exporter, rdflib's split_uri without its per-character lookups)."""

from __future__ import annotations

import os
import random
import string

import networkx as nx
import pytest

from kg.records import Document, Mention


def _pairs(n: int = 30):
    from kg.extract import Extraction

    pairs = []
    for i in reversed(range(n)):  # not in id order: the file is sorted by document id
        doc = Document(id=f"d{i:03d}", text="", source="t", title=f"Title {i}", date="1987-03-0{}".format(1 + i % 9))
        m = Mention(doc.id, f"Name {i}", 0, 6, "PERSON", f"name {i}")
        pairs.append((doc, Extraction(doc.id, (m,), (), (), 1)))
    return pairs


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_records_written_ahead_are_write_records_bytes(tmp_path):
    from kg._records_ahead import RecordsAhead
    from kg.records_io import write_records

    pairs = _pairs()
    write_records(tmp_path / "a.jsonl.gz", pairs, base_iri="http://example.org/kg/")
    ahead = RecordsAhead(pairs, base_iri="http://example.org/kg/", beside=tmp_path / "out")
    assert ahead.child.started
    ahead.release()  # the caller's list emptied: the child has its own copy
    assert pairs == []
    ahead.place(tmp_path / "b.jsonl.gz")
    assert (tmp_path / "b.jsonl.gz").read_bytes() == (tmp_path / "a.jsonl.gz").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl.gz", "b.jsonl.gz"]  # no temporary file left


def test_records_written_ahead_without_fork(tmp_path, monkeypatch):
    import kg._forked
    from kg._records_ahead import RecordsAhead
    from kg.records_io import write_records

    monkeypatch.setattr(kg._forked, "can_fork", lambda: False)
    pairs = _pairs(5)
    write_records(tmp_path / "a.jsonl.gz", pairs, base_iri="http://example.org/kg/")
    ahead = RecordsAhead(pairs, base_iri="http://example.org/kg/", beside=tmp_path / "out")
    assert not ahead.child.started
    ahead.place(tmp_path / "b.jsonl.gz")
    assert (tmp_path / "b.jsonl.gz").read_bytes() == (tmp_path / "a.jsonl.gz").read_bytes()


def test_exporters_sharing_one_sort_write_the_same_bytes(tmp_path):
    from kg.export import export
    from kg.export._order import _SORTED, sorted_once

    G = nx.MultiDiGraph(name="t")
    r = random.Random(3)
    for i in range(40):
        G.add_node(f"urn:e{i}", label=f"E{i}", type="Person", aliases=[], mentions=i)
    for i in range(120):
        u, v = f"urn:e{r.randrange(40)}", f"urn:e{r.randrange(40)}"
        G.add_edge(u, v, key=r.choice(["meets", "visits"]), relation="meets", weight=1, confidence=0.5, sources=[])
    for fmt, name in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("neo4j", "neo4j")):
        export(None, fmt, tmp_path / "alone" / name, projection=G)
    with sorted_once(G):
        for fmt, name in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("neo4j", "neo4j")):
            export(None, fmt, tmp_path / "shared" / name, projection=G)
    assert _SORTED == {}
    alone = {p.relative_to(tmp_path / "alone"): p.read_bytes() for p in (tmp_path / "alone").rglob("*") if p.is_file()}
    shared = {p.relative_to(tmp_path / "shared"): p.read_bytes() for p in (tmp_path / "shared").rglob("*") if p.is_file()}
    assert alone == shared and len(alone) == 5


def test_split_uri_as_rdflib():
    from rdflib.namespace import split_uri

    from kg._turtle import _split_uri

    def outcome(fn, uri):
        try:
            return fn(uri)
        except ValueError:
            return "fails"

    r = random.Random(7)
    chars = string.ascii_letters + string.digits + "-._%()/#:?=&~ " + "\u00e9\u00b7"
    uris = ["http://example.org/kg/assertion/3f2a", "http://example.org/kg/", "http://example.org/kg/_x",
            "http://www.w3.org/XML/1998/namespacelang", "abc", "http://x.org/a-(b)", "urn:x:-.%", "/a/b", ""]
    uris += ["".join(r.choice(chars) for _ in range(r.randint(0, 14))) for _ in range(20_000)]
    uris += ["http://example.org/kg/" + u for u in uris[:10_000]]
    for uri in uris:
        assert outcome(lambda u: _split_uri(u, split_uri), uri) == outcome(split_uri, uri), uri


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_view_ranked_in_a_child_is_the_same_page(monkeypatch):
    import kg.views.data as data
    from kg.views import page_of

    G = nx.MultiDiGraph(name="t")
    r = random.Random(5)
    for i in range(60):
        G.add_node(f"urn:e{i}", label=f"E{i}", type="Person", aliases=[], mentions=i, docs=[])
    for i in range(150):
        u, v = f"urn:e{r.randrange(60)}", f"urn:e{r.randrange(60)}"
        G.add_edge(u, v, key=r.choice(["meets", "visits", "criticises"]), relation="meets", weight=r.randint(1, 3),
                   confidence=0.5, sources=[])
    here = page_of(G, title="t")
    monkeypatch.setattr(data, "RANK_AHEAD_FACTS", 1)
    forked = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forked.append(1) or fork())
    assert page_of(G, title="t") == here
    assert forked == [1]


def test_view_ranked_here_when_the_child_fails(monkeypatch):
    import kg.views.data as data
    from kg.views import page_of

    G = nx.MultiDiGraph(name="t")
    for i in range(10):
        G.add_edge(f"urn:a{i}", f"urn:b{i % 3}", key="meets", relation="meets", weight=1, confidence=0.5, sources=[])
    here = page_of(G, title="t")
    monkeypatch.setattr(data, "RANK_AHEAD_FACTS", 1)
    if hasattr(os, "fork"):
        monkeypatch.setattr(data, "_ranking", lambda G, ids, index, _real=data._ranking: (
            os._exit(3) if os.getpid() != parent else _real(G, ids, index)))
    parent = os.getpid()
    assert page_of(G, title="t") == here
