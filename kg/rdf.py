"""The RDF stage: entities, facts and their provenance as an rdflib graph (the source of truth).

Every extracted assertion becomes a ``kg:Assertion`` node (an ``rdf:Statement`` with PROV-O
provenance); only positive, non-hypothetical ones also become direct ``s p o`` triples, so a
denied or hypothetical statement can never be read as a fact. Views and exports are computed
from this graph, so they work on any saved ``graph.ttl``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .errors import InputError
from .ontology import Lexicon, load_lexicon
from .records import Assertion, Document
from .resolve import Resolution, slug
from .vocab import KG, KG_NS, SCHEMA

__all__ = ["GraphBuilder", "load_graph", "serialize", "bind_prefixes", "doc_iri"]

SCHEMA_NEWS = SCHEMA.NewsArticle


def bind_prefixes(g: Graph, base_iri: str | None = None) -> Graph:
    """Bind the prefixes kg's Turtle uses, so files read the same for every build."""
    g.bind("kg", Namespace(KG_NS), replace=True)
    for prefix, ns in (("rdfs", RDFS), ("skos", SKOS), ("prov", PROV), ("dcterms", DCTERMS), ("owl", OWL), ("xsd", XSD)):
        g.bind(prefix, ns, replace=True)
    g.bind("schema", SCHEMA, replace=True)
    if base_iri:
        g.bind("kgid", Namespace(base_iri), replace=True)
        g.bind("kgrel", Namespace(f"{base_iri}relation/"), replace=True)
    return g


def doc_iri(base_iri: str, doc_id: str) -> URIRef:
    """The IRI of a document: from its id, so rebuilding gives the same IRI."""
    return URIRef(f"{base_iri}doc/{slug(doc_id)}")


class GraphBuilder:
    """Accumulates documents and resolved assertions into one rdflib ``Graph``."""

    def __init__(self, *, base_iri: str, lexicon: Lexicon | None = None) -> None:
        self.base_iri = base_iri
        self.lexicon = lexicon or load_lexicon()
        self.graph = bind_prefixes(Graph(), base_iri)
        self.facts = 0
        self.assertions = 0

    def add_document(self, doc: Document) -> URIRef:
        """A ``schema:NewsArticle`` with its title, byline, source path and content hash."""
        g, iri = self.graph, doc_iri(self.base_iri, doc.id)
        g.add((iri, RDF.type, SCHEMA_NEWS))
        g.add((iri, DCTERMS.identifier, Literal(doc.id)))
        g.add((iri, DCTERMS.source, Literal(doc.source)))
        g.add((iri, KG.sha256, Literal(doc.sha256)))
        for prop, value in ((DCTERMS.title, doc.title), (DCTERMS.creator, doc.author),
                            (DCTERMS.publisher, doc.publisher), (SCHEMA.url, doc.url)):
            if value:
                g.add((iri, prop, Literal(value)))
        if doc.date:
            g.add((iri, DCTERMS.date, _date_literal(doc.date)))
        return iri

    def add_entities(self, resolution: Resolution, mentioned: Iterable[tuple[str, str]] = ()) -> None:
        """Typed entities with labels and aliases; ``mentioned`` pairs (doc id, entity IRI)."""
        g = self.graph
        for e in resolution.entities:
            iri = URIRef(e.id)
            g.add((iri, RDF.type, KG[e.type]))
            g.add((iri, RDFS.label, Literal(e.label)))
            for alias in e.aliases:
                g.add((iri, SKOS.altLabel, Literal(alias)))
            g.add((iri, KG.mentionCount, Literal(e.mentions)))
            for other in e.same_as:
                g.add((iri, OWL.sameAs, URIRef(other)))
            place = resolution.places.get(e.id)
            if place is not None and place.kind == "Country" and place.iso:
                g.add((iri, KG.isoCode, Literal(place.iso)))
        for doc_id, entity in mentioned:
            g.add((doc_iri(self.base_iri, doc_id), SCHEMA.mentions, URIRef(entity)))

    def predicate_iri(self, name: str, is_open: bool) -> URIRef:
        """An ontology property, or an open one declared under ``kg:relatedTo``."""
        if not is_open:
            return KG[name]
        iri = URIRef(f"{self.base_iri}relation/{slug(name)}")
        if (iri, RDF.type, OWL.ObjectProperty) not in self.graph:
            self.graph.add((iri, RDF.type, OWL.ObjectProperty))
            self.graph.add((iri, RDFS.subPropertyOf, KG.relatedTo))
            self.graph.add((iri, RDFS.label, Literal(name)))
        return iri

    def add_assertion(self, a: Assertion, resolution: Resolution) -> bool:
        """One provenance node, and the direct triple when the assertion is a plain fact."""
        s_iri, o_iri = resolution.entity_id(a.subject), resolution.entity_id(a.object)
        if s_iri is None or o_iri is None or s_iri == o_iri:
            return False
        name, subj, obj = self.lexicon.canonical(a.predicate, s_iri, o_iri) if not a.open else (a.predicate, s_iri, o_iri)
        swapped = subj != s_iri
        s_text, o_text = (a.object.text, a.subject.text) if swapped else (a.subject.text, a.object.text)
        pred = self.predicate_iri(name, a.open)
        g = self.graph
        digest = hashlib.sha1(
            "\x1f".join([a.doc_id, str(a.sent_start), str(a.subject.start), str(a.object.start), name, subj, obj, a.rule]).encode()
        ).hexdigest()[:20]
        node = URIRef(f"{self.base_iri}assertion/{digest}")
        g.add((node, RDF.type, KG.Assertion))
        g.add((node, RDF.subject, URIRef(subj)))
        g.add((node, RDF.predicate, pred))
        g.add((node, RDF.object, URIRef(obj)))
        g.add((node, PROV.wasDerivedFrom, doc_iri(self.base_iri, a.doc_id)))
        g.add((node, KG.sentence, Literal(a.sentence)))
        g.add((node, KG.startChar, Literal(a.sent_start)))
        g.add((node, KG.endChar, Literal(a.sent_end)))
        g.add((node, KG.subjectText, Literal(s_text)))
        g.add((node, KG.objectText, Literal(o_text)))
        g.add((node, KG.rule, Literal(a.rule)))
        # canonical xsd:decimal form ("0.6", not "0.60"), as Oxigraph and other stores write it back
        g.add((node, KG.confidence, Literal(Decimal(f"{a.confidence:.2f}").normalize(), datatype=XSD.decimal)))
        g.add((node, KG.negated, Literal(a.negated)))
        g.add((node, KG.modality, Literal(a.modality)))
        if a.open:
            g.add((node, KG.relationText, Literal(a.predicate)))
        if a.speaker is not None:
            speaker = resolution.entity_id(a.speaker)
            if speaker is not None:
                g.add((node, KG.speaker, URIRef(speaker)))
        self.assertions += 1
        if a.is_fact:
            g.add((URIRef(subj), pred, URIRef(obj)))
            self.facts += 1
        return True


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")


def _date_literal(value: str) -> Literal:
    """An ISO date or date-time as a typed literal (so SPARQL can compare it), else a string."""
    value = value.strip()
    if _DATE.fullmatch(value):
        return Literal(value, datatype=XSD.date)
    if _DATETIME.fullmatch(value):
        return Literal(value, datatype=XSD.dateTime)
    return Literal(value)


def serialize(g: Graph, fmt: str = "turtle") -> bytes:
    """Serialise deterministically: same graph, same bytes (no blank nodes are used)."""
    if fmt == "turtle":  # rdflib's longturtle layout, byte for byte, 5x faster
        from ._turtle import longturtle

        data = longturtle(g)
    else:
        data = g.serialize(format=fmt, encoding="utf-8")
    return data if data.endswith(b"\n") else data + b"\n"


def load_graph(path: str | Path) -> Graph:
    """Read a saved graph (Turtle, or any format rdflib guesses from the file name).

    A store folder (``kg build --store DIR``) is read from its Oxigraph database, so every
    command that takes a graph file also takes a store.
    """
    from rdflib.util import guess_format

    path = Path(path)
    if path.is_dir():
        from .store import is_store, open_store

        if is_store(path):
            return open_store(path).to_rdflib()
        raise InputError(str(path), "is a folder but not a kg store (build one with `kg build --store DIR`)")
    if not path.is_file():
        raise InputError(str(path), "no such graph file (build one with `kg build`)")
    g = bind_prefixes(Graph())
    try:
        g.parse(path, format=guess_format(str(path)) or "turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise InputError(str(path), f"cannot parse the graph: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
    return g
