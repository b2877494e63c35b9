"""The RDF stage: entities, facts and their provenance as RDF (the source of truth).

Every extracted assertion becomes a ``kg:Assertion`` node (an ``rdf:Statement`` with PROV-O
provenance); only positive, non-hypothetical ones also become direct ``s p o`` triples, so a
denied or hypothetical statement can never be read as a fact.

A build keeps its graph as :class:`GraphData`, small records of plain strings, and writes
``graph.ttl`` and every other output from them; an rdflib ``Graph`` is made only when asked
for (:meth:`GraphData.to_graph`). On the whole of Reuters-21578 that halves the time after
parsing and saves about 1 GB: rdflib's terms hash in Python and its store keeps three nested
indexes of them. Views and exports equally read a saved ``graph.ttl`` through rdflib.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .errors import InputError
from .eventgraph import EventRow, Links, StatementRow, time_triples
from .eventgraph import triples as event_triples
from .ontology import Lexicon, load_lexicon
from .records import Assertion, Document, Entity, fast_pickle
from .resolve import Resolution, slug
from .timex import TimeValue
from .terms import Lit
from .vocab import KG_NS, SCHEMA, bind_prefixes

__all__ = ["GraphBuilder", "GraphData", "AssertionRow", "Lit", "load_graph", "serialize", "bind_prefixes", "doc_iri"]

SCHEMA_NEWS = SCHEMA.NewsArticle
_IDENT, _SOURCE, _TITLE, _CREATOR, _PUBLISHER, _DATE_P = (
    str(DCTERMS[n]) for n in ("identifier", "source", "title", "creator", "publisher", "date"))
_URL, _MENTIONS = str(SCHEMA.url), str(SCHEMA.mentions)
_SHA, _COUNT, _ISO = KG_NS + "sha256", KG_NS + "mentionCount", KG_NS + "isoCode"
_ALT, _SAME, _OBJPROP, _SUBPROP = str(SKOS.altLabel), str(OWL.sameAs), str(OWL.ObjectProperty), str(RDFS.subPropertyOf)
_SUBJ, _PRED, _OBJ, _DERIVED = str(RDF.subject), str(RDF.predicate), str(RDF.object), str(PROV.wasDerivedFrom)


def doc_iri(base_iri: str, doc_id: str) -> URIRef:
    """The IRI of a document: from its id, so rebuilding gives the same IRI."""
    return URIRef(_doc_iri(base_iri, doc_id))


def _doc_iri(base_iri: str, doc_id: str) -> str:
    return f"{base_iri}doc/{slug(doc_id)}"


_INT, _BOOL, _DEC = str(XSD.integer), str(XSD.boolean), str(XSD.decimal)
_TYPE, _LABEL = str(RDF.type), str(RDFS.label)
_KG = KG_NS


@fast_pickle
@dataclass(frozen=True, slots=True)
class AssertionRow:
    """One resolved assertion: the content of one ``kg:Assertion`` node, with plain strings."""

    iri: str
    subject: str
    predicate: str  # property IRI
    relation: str  # its name: ``meets``, or the open verb phrase
    object: str
    doc_id: str
    sentence: str
    start: int
    end: int
    subject_text: str
    object_text: str
    rule: str
    confidence: str  # canonical xsd:decimal text ("0.6", not "0.60")
    negated: bool
    modality: str
    relation_text: str | None  # the verb phrase of an open relation, None for ontology properties
    speaker: str | None
    time: str | None = None  # "former", "then": the words that put the fact in the past
    statement: str | None = None  # the kg:Statement it was said in (kg:inStatement)
    event: str | None = None  # the kg:Event it is part of (kg:inEvent)
    when: TimeValue | None = None  # when it held, normalised against the article's date (kg:time)


@dataclass
class GraphData:
    """The content of a built graph as small plain records: documents, entities, assertions.

    The output writers read it directly (Turtle, tables, projection); :meth:`to_graph` gives
    the same graph as an rdflib ``Graph`` for SPARQL and the library API. :meth:`triples` is
    the one place that says which RDF triples these records are.
    """

    base_iri: str
    documents: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    iso_codes: dict[str, str] = field(default_factory=dict)
    mentions: list[tuple[str, str]] = field(default_factory=list)  # (document IRI, entity IRI)
    relations: dict[str, str] = field(default_factory=dict)  # open relation IRI -> its label
    assertions: dict[str, AssertionRow] = field(default_factory=dict)
    facts: dict[tuple[str, str, str], None] = field(default_factory=dict)  # insertion-ordered set
    statements: dict[str, StatementRow] = field(default_factory=dict)  # kg:Statement nodes (kg.eventgraph)
    events: dict[str, EventRow] = field(default_factory=dict)  # kg:Event nodes

    def doc_iri(self, doc_id: str) -> str:
        return _doc_iri(self.base_iri, doc_id)

    def triples(self) -> Iterator[tuple[str, str, str | Lit]]:
        """Every triple: subject and predicate IRIs, and an object IRI (``str``) or :class:`Lit`."""
        for doc in self.documents:
            yield from self.document_triples(doc)
        for e in self.entities:
            yield from self.entity_triples(e)
        for doc, entity in self.mentions:
            yield doc, _MENTIONS, entity
        for iri, name in self.relations.items():
            yield from relation_triples(iri, name)
        for a in self.assertions.values():
            yield from self.assertion_triples(a)
        yield from event_triples(self)
        for s, p, o in self.facts:
            yield s, p, o

    def document_triples(self, doc: Document) -> Iterator[tuple[str, str, str | Lit]]:
        """A document's description (its ``schema:mentions`` are in :attr:`mentions`)."""
        iri = self.doc_iri(doc.id)
        yield iri, _TYPE, str(SCHEMA_NEWS)
        yield iri, _IDENT, Lit(doc.id)
        yield iri, _SOURCE, Lit(doc.source)
        yield iri, _SHA, Lit(doc.sha256)
        for prop, value in ((_TITLE, doc.title), (_CREATOR, doc.author), (_PUBLISHER, doc.publisher), (_URL, doc.url)):
            if value:
                yield iri, prop, Lit(value)
        if doc.date:
            yield iri, _DATE_P, _date_lit(doc.date)

    def entity_triples(self, e: Entity) -> Iterator[tuple[str, str, str | Lit]]:
        """An entity's class, labels, mention count, ``owl:sameAs`` and ISO code (its facts are in :attr:`facts`)."""
        yield e.id, _TYPE, _KG + e.type
        yield e.id, _LABEL, Lit(e.label)
        for alias in e.aliases:
            yield e.id, _ALT, Lit(alias)
        yield e.id, _COUNT, Lit(str(e.mentions), _INT)
        for other in e.same_as:
            yield e.id, _SAME, other
        iso = self.iso_codes.get(e.id)
        if iso:
            yield e.id, _ISO, Lit(iso)

    def assertion_triples(self, a: AssertionRow) -> Iterator[tuple[str, str, str | Lit]]:
        """One ``kg:Assertion`` node: the statement and its provenance."""
        node = a.iri
        yield node, _TYPE, _KG + "Assertion"
        yield node, _SUBJ, a.subject
        yield node, _PRED, a.predicate
        yield node, _OBJ, a.object
        yield node, _DERIVED, self.doc_iri(a.doc_id)
        yield node, _KG + "sentence", Lit(a.sentence)
        yield node, _KG + "startChar", Lit(str(a.start), _INT)
        yield node, _KG + "endChar", Lit(str(a.end), _INT)
        yield node, _KG + "subjectText", Lit(a.subject_text)
        yield node, _KG + "objectText", Lit(a.object_text)
        yield node, _KG + "rule", Lit(a.rule)
        yield node, _KG + "confidence", Lit(a.confidence, _DEC)
        yield node, _KG + "negated", Lit("true" if a.negated else "false", _BOOL)
        yield node, _KG + "modality", Lit(a.modality)
        if a.relation_text is not None:
            yield node, _KG + "relationText", Lit(a.relation_text)
        if a.speaker is not None:
            yield node, _KG + "speaker", a.speaker
        words = _time_text(a)
        if words:
            yield node, _KG + "timeText", Lit(words)
        if a.statement is not None:
            yield node, _KG + "inStatement", a.statement
        if a.event is not None:
            yield node, _KG + "inEvent", a.event
        yield from time_triples(node, a.when)

    def __len__(self) -> int:
        """The number of distinct triples (as ``len(graph)``)."""
        return len(set(self.triples()))

    def to_graph(self) -> Graph:
        """The same triples as an rdflib ``Graph`` (kg's prefixes bound)."""
        g = bind_prefixes(Graph(), self.base_iri)
        uris: dict[str, URIRef] = {}

        def term(o):
            if type(o) is Lit:
                return Literal(o.lexical, datatype=URIRef(o.datatype) if o.datatype else None)
            u = uris.get(o)
            if u is None:
                u = uris[o] = URIRef(o)
            return u

        g.addN((term(s), term(p), term(o), g) for s, p, o in self.triples())
        return g

    def tables(self):
        """Entity, document and assertion tables (:class:`kg.project.Tables`) without rdflib."""
        from .project import ENTITY_CLASSES, Tables

        classes = set(ENTITY_CLASSES)
        entities = {
            e.id: {"label": e.label or e.id, "type": e.type, "aliases": sorted(e.aliases), "mentions": e.mentions}
            for e in sorted(self.entities, key=lambda e: e.id) if e.type in classes
        }
        docs = self.doc_titles()
        labels = {iri: attrs["label"] for iri, attrs in entities.items()}
        from .eventtables import event_rows, statement_rows
        from .project import _iso

        dates = {self.doc_iri(d.id): d.date[:10] for d in self.documents if d.date and _iso(d.date)}
        return Tables(entities=entities, docs=docs, mentions=list(self.mentions), assertions=self.assertion_rows(labels, docs),
                      statements=statement_rows(self, labels), events=event_rows(self, labels), dates=dates)

    def doc_titles(self) -> dict[str, tuple[str, str]]:
        """Document IRI -> (identifier, title), as :class:`kg.project.Tables` has them."""
        return {self.doc_iri(d.id): (d.id, d.title or d.id) for d in self.documents}

    def assertion_rows(self, labels: dict[str, str], docs: dict[str, tuple[str, str]]) -> list[dict]:
        """The rows of :func:`kg.project.assertion_rows` for these assertions (unsorted).

        ``labels`` are the labels of the entities of the graph's classes, ``docs`` the
        documents' (identifier, title).
        """
        from .project import assertion_row

        return [
            assertion_row(
                labels, docs.get(self.doc_iri(a.doc_id), (a.doc_id, a.doc_id)), iri=a.iri, subject_id=a.subject,
                relation=a.relation, predicate_iri=a.predicate, object_id=a.object, negated=a.negated,
                confidence=float(a.confidence), sentence=a.sentence, start=a.start, modality=a.modality, rule=a.rule,
                speaker_id=a.speaker, doc_iri=self.doc_iri(a.doc_id), date=_fact_date(a.when), time=_time_text(a),
            )
            for a in self.assertions.values()
        ]


class GraphBuilder:
    """Turns documents and resolved assertions into :class:`GraphData` (the graph's content)."""

    def __init__(self, *, base_iri: str, lexicon: Lexicon | None = None) -> None:
        self.base_iri = base_iri
        self.lexicon = lexicon or load_lexicon()
        self.data = GraphData(base_iri=base_iri)
        self.assertions = 0
        self.links: Links | None = None  # statements, events and dates (kg.eventgraph), when made

    @property
    def facts(self) -> int:
        return len(self.data.facts)

    def add_document(self, doc: Document) -> str:
        """A ``schema:NewsArticle`` with its title, byline, source path and content hash."""
        self.data.documents.append(replace(doc, text="") if doc.text else doc)
        return self.data.doc_iri(doc.id)

    def add_entities(self, resolution: Resolution, mentioned: Iterable[tuple[str, str]] = ()) -> None:
        """Typed entities with labels and aliases; ``mentioned`` pairs (doc id, entity IRI)."""
        data = self.data
        data.entities.extend(resolution.entities)
        for e in resolution.entities:
            place = resolution.places.get(e.id)
            if place is not None and place.kind == "Country" and place.iso:
                data.iso_codes[e.id] = place.iso
        data.mentions.extend((data.doc_iri(doc_id), entity) for doc_id, entity in mentioned)

    def predicate_iri(self, name: str, is_open: bool) -> str:
        """An ontology property, or an open one declared under ``kg:relatedTo``."""
        if not is_open:
            return _KG + name
        iri = f"{self.base_iri}relation/{slug(name)}"
        self.data.relations.setdefault(iri, name)
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
        digest = hashlib.sha1(
            "\x1f".join([a.doc_id, str(a.sent_start), str(a.subject.start), str(a.object.start), name, subj, obj, a.rule]).encode()
        ).hexdigest()[:20]
        node = f"{self.base_iri}assertion/{digest}"
        speaker = resolution.entity_id(a.speaker) if a.speaker is not None else None
        self.assertions += 1
        if node in self.data.assertions:  # the same statement read twice by one rule: one node
            return True
        statement, event, when = self.links.of(a) if self.links is not None else (None, None, None)
        self.data.assertions[node] = AssertionRow(
            iri=node, subject=subj, predicate=pred, relation=name, object=obj, doc_id=a.doc_id,
            sentence=a.sentence, start=a.sent_start, end=a.sent_end, subject_text=s_text, object_text=o_text,
            rule=a.rule, confidence=_decimal(a.confidence), negated=a.negated, modality=a.modality,
            relation_text=a.predicate if a.open else None, speaker=speaker, time=a.time,
            statement=statement, event=event, when=when,
        )
        if a.is_fact:
            self.data.facts[(subj, pred, obj)] = None
        return True


def relation_triples(iri: str, name: str) -> Iterator[tuple[str, str, str | Lit]]:
    """An open relation's declaration: an ``owl:ObjectProperty`` under ``kg:relatedTo``."""
    yield iri, _TYPE, _OBJPROP
    yield iri, _SUBPROP, _KG + "relatedTo"
    yield iri, _LABEL, Lit(name)


def _time_text(a) -> str:
    """The words that say when an assertion held ("former", "on Monday"), as kg:timeText has them."""
    words = [w for w in (a.time, a.when.text if a.when is not None else None) if w]
    return "; ".join(dict.fromkeys(words))


def _fact_date(when: TimeValue | None) -> str | None:
    """What :func:`kg.project._fact_date` reads back from the graph for the same time."""
    if when is None:
        return None
    if when.value and when.datatype in {"date", "gYearMonth", "gYear"}:
        return when.value
    return when.start


def _decimal(value: float) -> str:
    """Canonical xsd:decimal text with two places at most ("0.6", "1"), as stores write it back."""
    return format(Decimal(f"{value:.2f}").normalize(), "f")


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")


def _date_lit(value: str) -> Lit:
    """An ISO date or date-time as a typed literal (so SPARQL can compare it), else a string."""
    value = value.strip()
    if _DATE.fullmatch(value):
        return Lit(value, str(XSD.date))
    if _DATETIME.fullmatch(value):
        return Lit(value, str(XSD.dateTime))
    return Lit(value)


def serialize(g: Graph | GraphData, fmt: str = "turtle") -> bytes:
    """Serialise deterministically: same graph, same bytes (no blank nodes are used).

    Turtle is rdflib's longturtle layout, byte for byte, written by :mod:`kg._turtle`
    (straight from the records of a :class:`GraphData`, without rdflib terms).
    """
    if isinstance(g, GraphData):
        if fmt == "turtle":
            from ._turtle import longturtle_plain

            data = longturtle_plain(g.triples(), bind_prefixes(Graph(), g.base_iri))
            return data if data.endswith(b"\n") else data + b"\n"
        g = g.to_graph()
    if fmt == "turtle":
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
