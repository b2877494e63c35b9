"""Projection of the RDF graph onto a networkx ``MultiDiGraph`` for views, exports and analysis.

Nodes are entities; edges are plain facts (never negated or hypothetical assertions), one per
(subject, relation, object), weighted by how many assertions support them. The projection
reads a saved graph, so every view and export works on any ``graph.ttl``.

Node attributes: ``label``, ``type`` (ontology class), ``aliases`` (sorted list),
``mentions`` (int), ``docs`` (titles of the articles that mention it).
Edge key: the relation name. Edge attributes: ``relation``, ``predicate`` (IRI), ``weight``,
``confidence`` (best supporting assertion), ``sources`` (list of dicts with ``doc``, ``title``,
``sentence``), ``open`` (an unmapped verb rather than an ontology property).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from .vocab import KG, KG_NS, SCHEMA

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from .rdf import GraphData

__all__ = ["ENTITY_CLASSES", "Tables", "tables", "project", "relation_name", "entity_rows", "assertion_rows", "assertion_row"]

#: Ontology classes whose instances are graph nodes.
ENTITY_CLASSES = (
    "Person", "Organization", "Group", "Country", "City", "Region", "Place", "Facility", "Event", "Position",
    "CreativeWork", "Legislation", "Product", "Thing",
)


def relation_name(g: Graph, predicate: URIRef) -> str:
    """``meets`` for an ontology property, the verb phrase label for an open one."""
    text = str(predicate)
    if text.startswith(KG_NS):
        return text[len(KG_NS):]
    label = g.value(predicate, RDFS.label)
    return str(label) if label is not None else text.rsplit("/", 1)[-1]


@dataclass
class Tables:
    """What views and tables read from a graph: entities, documents, mentions, assertion rows.

    Made from an rdflib graph (:func:`tables`) or straight from a build's records
    (:meth:`kg.rdf.GraphData.tables`); both give the same tables for the same graph.
    """

    entities: dict[str, dict]  # IRI -> label, type, aliases (sorted), mentions; sorted by IRI
    docs: dict[str, tuple[str, str]]  # document IRI -> (identifier, title)
    mentions: list[tuple[str, str]]  # (document IRI, entity IRI)
    assertions: list[dict]  # assertion_rows, sorted
    statements: list[dict] = field(default_factory=list)  # kg.eventtables rows, document order
    events: list[dict] = field(default_factory=list)  # kg.eventtables rows, by IRI
    dates: dict[str, str] = field(default_factory=dict)  # document IRI -> its ISO date, when it has one


def _values(g: Graph, predicate: URIRef) -> dict:
    """``{subject: object}`` for one predicate in one scan (the first object, as ``g.value``)."""
    out: dict = {}
    for s, o in g.subject_objects(predicate):
        out.setdefault(s, o)
    return out


def _entities(g: Graph) -> dict[str, dict]:
    labels, counts = _values(g, RDFS.label), _values(g, KG.mentionCount)
    aliases: dict = defaultdict(list)
    for s, o in g.subject_objects(SKOS.altLabel):
        aliases[s].append(str(o))
    nodes: dict[str, dict] = {}
    told = set(g.subjects(KG.triggerText, None))  # events the text tells of are nodes of their own, not entities
    for cls in ENTITY_CLASSES:
        for s in g.subjects(RDF.type, KG[cls]):
            if isinstance(s, URIRef) and s not in told:
                mentions = counts.get(s)
                nodes[str(s)] = {
                    "label": str(labels.get(s) or s),
                    "type": cls,
                    "aliases": sorted(aliases.get(s, ())),
                    "mentions": int(mentions) if mentions is not None else 0,
                }
    return dict(sorted(nodes.items()))


def _doc_titles(g: Graph) -> dict[str, tuple[str, str]]:
    idents, titles = _values(g, DCTERMS.identifier), _values(g, DCTERMS.title)
    out = {}
    for d in g.subjects(RDF.type, SCHEMA.NewsArticle):
        ident = str(idents.get(d) or d)
        out[str(d)] = (ident, str(titles.get(d) or ident))
    return out


def tables(source: Graph | Tables | GraphData) -> Tables:
    """The :class:`Tables` of an rdflib graph, or of a build's :class:`~kg.rdf.GraphData`."""
    if isinstance(source, Tables):
        return source
    if not isinstance(source, Graph):  # GraphData: no rdflib terms involved
        return source.tables()
    g = source
    entities = _entities(g)
    docs = _doc_titles(g)
    labels = {iri: a["label"] for iri, a in entities.items()}
    v = {p: _values(g, p) for p in (RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom, KG.speaker, KG.negated,
                                    KG.confidence, KG.sentence, KG.startChar, KG.modality, KG.rule, KG.time, KG.timeStart,
                                    KG.timeText)}
    relations: dict = {}
    rows = []
    for node in g.subjects(RDF.type, KG.Assertion):
        s, p, o = str(v[RDF.subject].get(node)), v[RDF.predicate].get(node), str(v[RDF.object].get(node))
        doc = v[PROV.wasDerivedFrom].get(node)
        speaker = v[KG.speaker].get(node)
        if p not in relations:
            relations[p] = relation_name(g, p)
        rows.append(assertion_row(
            labels, docs.get(str(doc), (str(doc), str(doc))), iri=str(node), subject_id=s, relation=relations[p],
            predicate_iri=str(p), object_id=o, negated=bool(v[KG.negated][node].toPython()),
            confidence=float(v[KG.confidence][node].toPython()), sentence=str(v[KG.sentence].get(node) or ""),
            start=int(v[KG.startChar].get(node) or 0), modality=str(v[KG.modality].get(node) or "asserted"),
            rule=str(v[KG.rule].get(node) or ""), speaker_id=str(speaker) if speaker is not None else None,
            doc_iri=str(doc), date=_fact_date(v[KG.time].get(node), v[KG.timeStart].get(node)),
            time=str(v[KG.timeText].get(node) or ""),
        ))
    mentions = [(str(d), str(e)) for d, _, e in g.triples((None, SCHEMA.mentions, None))]
    from .eventtables import event_rows_of_graph, statement_rows_of_graph

    dates = {str(d): str(v)[:10] for d, v in g.subject_objects(DCTERMS.date) if str(d) in docs and _iso(str(v))}
    return Tables(entities=entities, docs=docs, mentions=mentions, assertions=rows,
                  statements=statement_rows_of_graph(g, labels, docs), events=event_rows_of_graph(g, labels, docs),
                  dates=dates)


def _fact_date(time, start) -> str | None:
    """A fact's date for views: its kg:time when that is a date, month or year, else kg:timeStart."""
    if time is not None and _iso_prefix(str(time)):
        return str(time)
    return str(start) if start is not None else None


def _iso_prefix(value: str) -> bool:
    import re

    return re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", value) is not None


def _iso(value: str) -> bool:
    """Whether a document date is an ISO date (or date-time) of a real day, which a view can filter on."""
    from .timex import parse_iso

    return parse_iso(value) is not None


def assertion_row(labels: dict[str, str], doc: tuple[str, str], *, iri: str, subject_id: str, relation: str,
                  predicate_iri: str, object_id: str, negated: bool, confidence: float, sentence: str, start: int,
                  modality: str, rule: str, speaker_id: str | None, doc_iri: str = "", date: str | None = None,
                  time: str = "") -> dict:
    """One row of :func:`assertion_rows`, whichever reading it comes from.

    ``labels`` maps entity IRIs to labels (an IRI without one stands for itself; a speaker
    without one is blank); ``doc`` is the document's (identifier, title), ``doc_iri`` its IRI;
    ``date`` is when the fact held (the first day of its kg:time, or kg:timeStart), if the text says;
    ``time`` the words that say so (kg:timeText: "former", "on Monday"), so a past role reads as one.
    """
    return {
        "id": iri,
        "subject_id": subject_id, "subject": labels.get(subject_id, subject_id),
        "predicate": relation, "predicate_iri": predicate_iri,
        "object_id": object_id, "object": labels.get(object_id, object_id),
        "negated": negated, "confidence": confidence,
        "doc": doc[0], "title": doc[1], "sentence": sentence, "start": start,
        "modality": modality, "rule": rule,
        "speaker": labels.get(speaker_id, "") if speaker_id is not None else "",
        "open": not predicate_iri.startswith(KG_NS),
        "doc_iri": doc_iri, "date": date, "time": time,
    }


def row_key(r: dict) -> tuple:
    """The order of assertion rows: by document, place in it, subject, predicate, object."""
    return (r["doc"], r["start"], r["subject"], r["predicate"], r["object"], r["id"])


def _sorted_rows(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=row_key)


def entity_rows(source: Graph | Tables | GraphData) -> list[dict]:
    """One dict per entity (id, label, type, aliases, mentions), sorted by id."""
    return [{"id": iri, **attrs} for iri, attrs in tables(source).entities.items()]


def assertion_rows(source: Graph | Tables | GraphData) -> list[dict]:
    """One dict per assertion with resolved labels and provenance, in document order."""
    return _sorted_rows(tables(source).assertions)


def project(source: Graph | Tables | GraphData, *, name: str = "kg", events: bool = True,
            statements: bool = True) -> nx.MultiDiGraph:
    """The entity graph of plain facts, with the attributes described in the module docstring.

    With ``events``, each event the text tells of (not denied, not only planned) is a node too
    (``kind="event"``, ``type="Event"``, ``eventClass``, ``date``), with an edge to each
    participant named by its role and one to its place; with ``statements``, each statement is a
    node (``kind="statement"``, ``type="Statement"``) with a ``said`` edge from each speaker and an
    ``about`` edge to each entity it is about. Entities are ``kind="entity"``.
    """
    import networkx as nx

    t = tables(source)
    G = nx.MultiDiGraph(name=name)
    mentioned_in: dict[str, set[str]] = defaultdict(set)
    for d, e in t.mentions:
        if d in t.docs:
            mentioned_in[e].add(t.docs[d][1])
    for iri, attrs in t.entities.items():
        G.add_node(iri, **attrs, kind="entity", docs=sorted(mentioned_in.get(iri, ())))
    edges: dict[tuple[str, str, str], dict] = {}
    for row in _sorted_rows(t.assertions):
        if row["negated"] or row["modality"] == "hypothetical":
            continue
        if row["subject_id"] not in G or row["object_id"] not in G:
            continue
        k = (row["subject_id"], row["object_id"], row["predicate"])
        e = edges.setdefault(k, {"relation": row["predicate"], "predicate": row["predicate_iri"], "weight": 0,
                                 "confidence": 0.0, "sources": [], "open": row["open"]})
        e["weight"] += 1
        e["confidence"] = max(e["confidence"], row["confidence"])
        source = {"doc": row["doc"], "title": row["title"], "sentence": row["sentence"]}
        date = row.get("date") or t.dates.get(row.get("doc_iri", ""))
        if date:
            source["date"] = date
        e["sources"].append(source)
    for (s, o, rel), attrs in sorted(edges.items()):
        G.add_edge(s, o, key=rel, **attrs)
    if events:
        from .eventtables import add_event_nodes

        add_event_nodes(G, t)
    if statements:
        from .eventtables import add_statement_nodes

        add_statement_nodes(G, t)
    return G
