"""The graph's shape: provenance, deterministic identity, base IRI, merges, serialisations. See #4."""

from __future__ import annotations

from collections import defaultdict

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

import kg
from kg.pipeline import assemble
from kg.export import export
from kg.rdf import serialize
from kg.records_io import RECORDS_FILE, read_records
from kg.vocab import KG, SCHEMA


@pytest.fixture(scope="module")
def records(sample_build):
    return read_records(sample_build.out_dir / RECORDS_FILE)


def _label(g, label):
    return next(g.subjects(RDFS.label, Literal(label)))


def test_rdf_one_fact_many_assertions(sample_graph):
    """Lavrov meets Masadikov is told by two articles: two assertions, one direct triple."""
    g = sample_graph
    lavrov, masadikov = _label(g, "Sergey Lavrov"), _label(g, "Talatbek Masadikov")
    assert (lavrov, KG.meets, masadikov) in g
    nodes = [a for a in g.subjects(RDF.predicate, KG.meets)
             if g.value(a, RDF.subject) == lavrov and g.value(a, RDF.object) == masadikov]
    docs = {g.value(g.value(a, PROV.wasDerivedFrom), DCTERMS.identifier) for a in nodes}
    assert {str(d) for d in docs} == {"000_6adcf7dded68f096", "004_1135b3a4308fe0a1"}
    for a in nodes:
        for p in (KG.sentence, KG.startChar, KG.endChar, KG.rule, KG.confidence, KG.negated, KG.modality):
            assert g.value(a, p) is not None, p


def test_rdf_denied_or_hypothetical_is_never_a_plain_fact(sample_graph):
    g = sample_graph
    positive = {(g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object))
                for a in g.subjects(RDF.type, KG.Assertion)
                if g.value(a, KG.negated) == Literal(False) and str(g.value(a, KG.modality)) != "hypothetical"}
    checked = 0
    for a in g.subjects(RDF.type, KG.Assertion):
        t = (g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object))
        if t not in positive:
            assert t not in g, t
            checked += 1
    assert checked >= 3  # China does not recognize the Taliban, and hypothetical ties


def test_rdf_documents_are_news_articles_with_hash_and_source(sample_graph):
    docs = list(sample_graph.subjects(RDF.type, SCHEMA.NewsArticle))
    assert len(docs) == 5
    for d in docs:
        assert len(str(sample_graph.value(d, KG.sha256))) == 64
        assert str(sample_graph.value(d, DCTERMS.source)).endswith(".txt")


def test_rdf_same_records_same_bytes(records, sample_build):
    """Assembling the saved records again writes graph.ttl byte for byte."""
    g, _ = assemble(records.pairs, base_iri=records.base_iri)
    assert serialize(g) == (sample_build.out_dir / "graph.ttl").read_bytes()


def test_rdf_base_iri_names_every_node(records):
    base = "https://news.example.com/kg/"
    g = assemble(records.pairs, base_iri=base)[0].to_graph()
    nodes = {t for triple in g for t in triple if isinstance(t, URIRef)}
    ours = {str(n) for n in nodes if "example.org/id/" in str(n)}
    assert not ours
    assert any(str(n).startswith(base + "person/") for n in nodes)


def _split(records):
    pairs = sorted(records.pairs, key=lambda p: p[0].id)
    g1 = assemble(pairs[:2], base_iri=records.base_iri)[0].to_graph()
    g2 = assemble(pairs[2:], base_iri=records.base_iri)[0].to_graph()
    return g1, g2


def test_rdf_disjoint_builds_merge_without_duplicate_entities(records):
    """Entities named alike in two separate builds get one IRI, so the merged graph has one node."""
    g1, g2 = _split(records)
    merged = g1 + g2
    by_name = defaultdict(set)
    for e, label in merged.subject_objects(RDFS.label):
        cls = merged.value(e, RDF.type)
        if cls is not None and str(cls).startswith(str(KG)):
            by_name[(str(label), cls)].add(e)
    assert by_name and all(len(iris) == 1 for iris in by_name.values()), {k: v for k, v in by_name.items() if len(v) > 1}
    shared = {e for e in g1.subjects(RDF.type, KG.Country)} & {e for e in g2.subjects(RDF.type, KG.Country)}
    assert URIRef("https://kg.example.org/id/country/russia") in shared
    assert URIRef("https://kg.example.org/id/organization/csto") in set(g1.subjects()) & set(g2.subjects())


def test_rdf_disjoint_builds_agree_on_transliterated_names(records):
    """One build calls him "Sergei Lavrov", the other "Sergey Lavrov": one IRI all the same."""
    g1, g2 = _split(records)
    lavrov = URIRef("https://kg.example.org/id/person/sergei-lavrov")
    assert (lavrov, RDF.type, KG.Person) in g1 and (lavrov, RDF.type, KG.Person) in g2
    assert {str(label) for label in (g1 + g2).objects(lavrov, RDFS.label)} <= {"Sergey Lavrov", "Sergei Lavrov"}


@pytest.mark.parametrize("fmt,parse_as", [("trig", "trig"), ("nquads", "nquads")])
def test_rdf_one_named_graph_per_document(fmt, parse_as, sample_graph, tmp_path):
    path = export(sample_graph, fmt, tmp_path / f"g.{fmt}")
    again = export(sample_graph, fmt, tmp_path / f"h.{fmt}")
    assert path.read_bytes() == again.read_bytes()
    ds = Dataset()
    ds.parse(path, format=parse_as)
    named = {c.identifier for c in ds.contexts() if c.identifier != ds.default_graph.identifier and len(c)}
    assert named == set(sample_graph.subjects(RDF.type, SCHEMA.NewsArticle))
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, sample_graph)


@pytest.mark.parametrize("fmt,parse_as", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")])
def test_rdf_serialisations_round_trip(fmt, parse_as, sample_graph, tmp_path):
    path = export(sample_graph, fmt, tmp_path / f"g.{fmt}")
    assert isomorphic(Graph().parse(path, format=parse_as), sample_graph)


def test_rdf_loads_the_store_folder_and_named_formats(sample_graph, tmp_path):
    path = export(sample_graph, "trig", tmp_path / "g.trig")
    assert len(kg.query(path, "SELECT ?a WHERE { ?a a kg:Assertion }").rows) == len(
        list(sample_graph.subjects(RDF.type, KG.Assertion)))


# ------------------------------------------------- a build's records vs the same graph in rdflib


def _reuters_records(reuters_lines, tmp_path, n=300):
    corpus = tmp_path / "reuters.jsonl"
    corpus.write_text("".join(reuters_lines[:n]), encoding="utf-8")
    result = kg.build([corpus], out=tmp_path / "out", quiet=True)
    return read_records(tmp_path / "out" / RECORDS_FILE), result


def test_rdf_plain_turtle_is_rdflib_longturtle_byte_for_byte(records):
    """graph.ttl is written from the records without rdflib terms; rdflib's serializer agrees."""
    from kg._turtle import longturtle

    data, _ = assemble(records.pairs, base_iri=records.base_iri)
    g = data.to_graph()
    assert serialize(data) == g.serialize(format="longturtle", encoding="utf-8") == longturtle(g)
    assert len(data) == len(g)


@pytest.mark.slow
def test_rdf_records_tables_equal_graph_tables_on_reuters(reuters_lines, tmp_path):
    """Tables (entities, documents, mentions, assertion rows) read from the records and from
    the rdflib graph agree, and the saved graph.ttl parses back to the same graph."""
    from kg.project import tables

    recs, result = _reuters_records(reuters_lines, tmp_path)
    data, _ = assemble(recs.pairs, base_iri=recs.base_iri)
    g = data.to_graph()
    a, b = tables(data), tables(g)
    assert a.entities == b.entities and a.docs == b.docs
    assert sorted(a.mentions) == sorted(b.mentions)
    assert sorted(a.assertions, key=lambda r: r["id"]) == sorted(b.assertions, key=lambda r: r["id"])
    saved = Graph().parse(result.out_dir / "graph.ttl")
    assert isomorphic(saved, g)
    assert serialize(data) == g.serialize(format="longturtle", encoding="utf-8")


@pytest.mark.parametrize("text", [
    'plain', 'with "quotes"', 'back\\slash', 'line\nbreak', 'ends with quote"', 'ends "\n"',
    'three """ quotes\nand more', 'cr\rreturn', 'tab\there', 'unicode – “Лавров” 北京', 'x\\"\ny',
    '"', '\n', 'trailing backslash\\', 'ends\\"\n"',
])
@pytest.mark.parametrize("datatype", [None, "http://www.w3.org/2001/XMLSchema#string",
                                      "http://www.w3.org/2001/XMLSchema#date"])
def test_literal_n3_matches_rdflib(text, datatype):
    from rdflib.namespace import XSD

    from kg._turtle import literal_n3

    g = Graph()
    g.bind("xsd", XSD)
    lit = Literal(text, datatype=URIRef(datatype) if datatype else None)
    expected = lit._literal_n3(use_plain=True, qname_callback=g.namespace_manager.normalizeUri)
    assert literal_n3(text, datatype, lambda uri, gen: g.namespace_manager.normalizeUri(uri)) == expected


@pytest.mark.parametrize(("lexical", "datatype"), [
    ("0.6", "decimal"), ("1", "decimal"), ("12", "integer"), ("-3", "integer"), ("true", "boolean"),
    ("false", "boolean"), ("1.5", "double"), ("2.5E3", "double"), ("INF", "double"), ("NaN", "decimal"),
])
def test_literal_n3_plain_numbers_match_rdflib(lexical, datatype):
    from rdflib.namespace import XSD

    from kg._turtle import literal_n3

    lit = Literal(lexical, datatype=XSD[datatype])
    assert literal_n3(lexical, str(XSD[datatype])) == lit._literal_n3(use_plain=True)


def test_longturtle_matches_rdflib_on_tricky_prefixes():
    """Prefixed names as rdflib gives them: bound and unbound namespaces, a bound namespace inside
    an unbound one, a prefix rdflib generates for a predicate (which then names subjects seen
    before), local names rdflib will not shorten, typed, tagged and multi-line literals."""
    from rdflib.namespace import XSD

    from kg._turtle import longturtle, longturtle_plain
    from kg.rdf import Lit

    g = Graph()
    g.bind("ex", "http://ex.org/ns/")
    g.bind("deep", "http://ex.org/other/deep/")
    E, O, D, P = "http://ex.org/ns/", "http://ex.org/other/", "http://ex.org/other/deep/", "http://gen.org/p/"
    triples = [
        (URIRef(O + "y"), URIRef(E + "rel"), URIRef(D + "x")),
        (URIRef(P + "thing"), URIRef(E + "rel"), URIRef(O + "z")),
        (URIRef(O + "y"), URIRef(P + "made"), Literal("two\nlines \"quoted\"")),
        (URIRef(D + "x"), URIRef(E + "rel"), URIRef(E + "ends.")),
        (URIRef(D + "x"), URIRef(E + "label"), Literal("hola", lang="es")),
        (URIRef(D + "x"), URIRef(E + "label"), Literal("b")),
        (URIRef(D + "x"), URIRef(E + "label"), Literal("a")),
        (URIRef(E + "w(1)"), URIRef(E + "n"), Literal(3)),
        (URIRef(E + "w(1)"), URIRef(E + "d"), Literal("2024-01-02", datatype=XSD.date)),
        (URIRef(O + "q"), URIRef(P + "score"), Literal("0.5", datatype=XSD.decimal)),
        (URIRef("http://elsewhere.org/a"), URIRef(E + "rel"), URIRef(P + "thing")),
    ]
    for t in triples:
        g.add(t)
    expected = g.serialize(format="longturtle", encoding="utf-8")
    assert longturtle(g) == expected

    def plain(term):
        if isinstance(term, Literal):
            assert term.language is None or term.language == "es"
            return Lit(str(term), str(term.datatype) if term.datatype else None)
        return str(term)

    h = Graph()
    h.bind("ex", "http://ex.org/ns/")
    h.bind("deep", "http://ex.org/other/deep/")
    plain_triples = [(str(s), str(p), plain(o)) for s, p, o in triples if not (isinstance(o, Literal) and o.language)]
    g.remove((URIRef(D + "x"), URIRef(E + "label"), Literal("hola", lang="es")))
    assert longturtle_plain(plain_triples, h) == g.serialize(format="longturtle", encoding="utf-8")
