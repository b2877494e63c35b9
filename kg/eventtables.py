"""Statements and events as table rows, read from a build's records or from a saved graph.

:mod:`kg.project` reads entities and assertions the same two ways; this module does it for
``kg:Statement`` and ``kg:Event`` nodes, and the two readings give the same rows (tested).
The rows feed ``statements.csv``, the projection (event and statement nodes for the views,
GraphML, GEXF and Neo4j) and the saved queries' users in Python.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from .vocab import KG_NS

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from .rdf import GraphData

__all__ = ["statement_rows", "event_rows", "statement_rows_of_graph", "event_rows_of_graph"]

_XSD = "http://www.w3.org/2001/XMLSchema#"


def _event_date(value: str | None, datatype: str | None, start: str | None) -> str | None:
    """An ISO date or prefix (``2024-11-25``, ``2024-11``, ``2024``) for sorting and filtering, or None."""
    if value and datatype in {"date", "gYearMonth", "gYear"}:
        return value
    return start


def _statement(iri, doc, speakers, labels, cue, kind, text, start, end, sentence, about, label) -> dict:
    return {
        "id": iri, "speaker_ids": list(speakers), "speakers": [labels.get(s, s) for s in speakers],
        "cue": cue, "kind": kind, "text": text, "start": start, "end": end, "sentence": sentence,
        "about_ids": list(about), "about": [labels.get(a, a) for a in about],
        "doc": doc[0], "title": doc[1], "label": label,
    }


def statement_rows(data: GraphData, labels: dict[str, str]) -> list[dict]:
    """Statement rows of a build's records, in document order."""
    titles = {d.id: d.title or d.id for d in data.documents}
    rows = []
    for s in data.statements.values():
        doc = (s.doc_id, titles.get(s.doc_id, s.doc_id))
        rows.append(_statement(s.iri, doc, sorted(s.speakers), labels, s.cue, s.kind, s.text, s.start, s.end, s.sentence,
                               sorted(s.about), s.label))
    return sorted(rows, key=lambda r: (r["doc"], r["start"], r["id"]))


def event_rows(data: GraphData, labels: dict[str, str]) -> list[dict]:
    """Event rows of a build's records, by IRI."""
    titles = {d.id: d.title or d.id for d in data.documents}
    rows = []
    for e in data.events.values():
        t = e.time
        rows.append({
            "id": e.iri, "class": e.cls, "label": e.label, "participants": sorted(list(p) for p in e.participants),
            "place_id": e.place, "place": labels.get(e.place, e.place) if e.place else None,
            "time": t.value if t else None, "time_type": t.datatype if t else None,
            "start": t.start if t else None, "end": t.end if t else None,
            "date": _event_date(t.value, t.datatype, t.start) if t else None,
            "when": list(e.time_texts), "docs": list(e.docs), "titles": [titles.get(d, d) for d in e.docs],
            "sentences": list(e.sentences), "negated": e.negated, "modality": e.modality,
        })
    return sorted(rows, key=lambda r: r["id"])


def statement_rows_of_graph(g: Graph, labels: dict[str, str], docs: dict[str, tuple[str, str]]) -> list[dict]:
    """Statement rows of a saved graph (rdflib), the same as :func:`statement_rows` gives."""
    from rdflib import URIRef
    from rdflib.namespace import PROV, RDF, RDFS

    kg = lambda local: URIRef(KG_NS + local)  # noqa: E731
    multi: dict = defaultdict(lambda: defaultdict(list))
    single: dict = defaultdict(dict)
    for node in g.subjects(RDF.type, kg("Statement")):
        for p, o in g.predicate_objects(node):
            if p in (kg("speaker"), kg("about")):
                multi[node][p].append(str(o))
            else:
                single[node].setdefault(p, o)
    rows = []
    for node, v in single.items():
        doc = v.get(PROV.wasDerivedFrom)
        rows.append(_statement(
            str(node), docs.get(str(doc), (str(doc), str(doc))), sorted(multi[node][kg("speaker")]), labels,
            str(v.get(kg("cue"), "")), str(v.get(kg("statementKind"), "")), str(v.get(kg("text"), "")),
            int(v.get(kg("startChar"), 0)), int(v.get(kg("endChar"), 0)), str(v.get(kg("sentence"), "")),
            sorted(multi[node][kg("about")]), str(v.get(RDFS.label, "")),
        ))
    return sorted(rows, key=lambda r: (r["doc"], r["start"], r["id"]))


def event_rows_of_graph(g: Graph, labels: dict[str, str], docs: dict[str, tuple[str, str]]) -> list[dict]:
    """Event rows of a saved graph: nodes typed kg:Event that carry a kg:triggerText (told in the text)."""
    from rdflib import URIRef
    from rdflib.namespace import PROV, RDF, RDFS

    from .ontology import load_lexicon

    kg = lambda local: URIRef(KG_NS + local)  # noqa: E731
    lex = load_lexicon().events
    roles = {kg(r) for c in lex.classes.values() for r in c.roles.values() if r != "place"} | {kg("participant")}
    rows = []
    for node in g.subjects(RDF.type, kg("Event")):
        if (node, kg("triggerText"), None) not in g:
            continue  # a named event: an entity
        classes = [str(c)[len(KG_NS):] for c in g.objects(node, RDF.type) if str(c).startswith(KG_NS) and str(c)[len(KG_NS):] in lex.classes]
        cls = next((c for c in classes if not any(lex.classes[o].parent == c for o in classes)), "Event")
        participants = sorted(((str(p)[len(KG_NS):], str(o)) for p, o in g.predicate_objects(node) if p in roles))
        time = g.value(node, kg("time"))
        start, end, place = g.value(node, kg("timeStart")), g.value(node, kg("timeEnd")), g.value(node, kg("place"))
        datatype = str(time.datatype)[len(_XSD):] if time is not None and time.datatype else None
        doc_ids = sorted(docs.get(str(d), (str(d), str(d)))[0] for d in g.objects(node, PROV.wasDerivedFrom))
        titles = {docs[d][0]: docs[d][1] for d in docs}
        rows.append({
            "id": str(node), "class": cls, "label": str(g.value(node, RDFS.label) or ""),
            "participants": [list(p) for p in participants],
            "place_id": str(place) if place is not None else None,
            "place": labels.get(str(place), str(place)) if place is not None else None,
            "time": str(time) if time is not None else None, "time_type": datatype,
            "start": str(start) if start is not None else None, "end": str(end) if end is not None else None,
            "date": _event_date(str(time) if time is not None else None, datatype, str(start) if start is not None else None),
            "when": sorted(str(t) for t in g.objects(node, kg("timeText"))), "docs": doc_ids,
            "titles": [titles.get(d, d) for d in doc_ids], "sentences": sorted(str(s) for s in g.objects(node, kg("sentence"))),
            "negated": bool(g.value(node, kg("negated")).toPython()) if g.value(node, kg("negated")) is not None else False,
            "modality": str(g.value(node, kg("modality")) or "asserted"),
        })
    return sorted(rows, key=lambda r: r["id"])


def add_event_nodes(G, t) -> None:
    """Event nodes and their role edges (event -> participant or place) in a projection.

    Only events that happened as far as the articles say: denied and only planned events stay
    in the RDF graph. An edge keeps the event's sentences as its sources and the event's date.
    """
    for row in t.events:
        if row["negated"] or row["modality"] == "hypothetical":
            continue
        ends = [(role, iri) for role, iri in row["participants"] if iri in G]
        if row["place_id"] and row["place_id"] in G:
            ends.append(("place", row["place_id"]))
        if not ends:
            continue
        G.add_node(row["id"], label=row["label"], type="Event", kind="event", eventClass=row["class"],
                   date=row["date"], time=row["time"], start=row["start"], end=row["end"], when=row["when"],
                   aliases=[], mentions=0, docs=sorted(row["titles"]))
        sources = [{"doc": d, "title": title, "sentence": s, **({"date": row["date"]} if row["date"] else {})}
                   for d, title in zip(row["docs"], row["titles"]) for s in row["sentences"][:1]]
        for role, iri in ends:
            G.add_edge(row["id"], iri, key=role, relation=role, predicate=KG_NS + role, weight=len(row["docs"]),
                       confidence=1.0, sources=sources, open=False, kind="role", date=row["date"])


def add_statement_nodes(G, t) -> None:
    """Statement nodes with ``said`` edges from their speakers and ``about`` edges to their topics."""
    doc_iris: dict[str, str] = {}  # identifier -> the first document IRI with it (one pass, not one per statement)
    for d, (ident, _) in t.docs.items():
        doc_iris.setdefault(ident, d)
    for row in t.statements:
        speakers = [s for s in row["speaker_ids"] if s in G]
        if not speakers:
            continue
        date = t.dates.get(doc_iris.get(row["doc"], ""))
        G.add_node(row["id"], label=row["label"], type="Statement", kind="statement", text=row["text"],
                   cue=row["cue"], speech=row["kind"], aliases=[], mentions=0, docs=[row["title"]], date=date)
        source = {"doc": row["doc"], "title": row["title"], "sentence": row["sentence"], **({"date": date} if date else {})}
        for s in speakers:
            G.add_edge(s, row["id"], key="said", relation="said", predicate=KG_NS + "speaker", weight=1,
                       confidence=1.0, sources=[source], open=False, kind="said")
        for a in row["about_ids"]:
            if a in G:
                G.add_edge(row["id"], a, key="about", relation="about", predicate=KG_NS + "about", weight=1,
                           confidence=1.0, sources=[source], open=False, kind="about")


def within_dates(G, start: str | None = None, end: str | None = None):
    """The projection between two ISO dates (either may be None): what ``kg view --from --to`` draws.

    An event stays when the days it can cover meet the range, a fact or role edge when one of
    its sources' dates does; what carries no date stays (as the page's own date filter does),
    and entities stay when an edge that stays touches them.
    """
    if not start and not end:
        return G

    from .timex import iso_days

    def overlaps(days: tuple[str, str] | None) -> bool:
        return days is None or ((not start or days[1] >= start) and (not end or days[0][: len(end)] <= end))

    H = G.copy()
    for n, d in G.nodes(data=True):
        days = (d["start"], d["end"]) if d.get("start") and d.get("end") else iso_days(d.get("date"))
        if d.get("kind") == "event" and not overlaps(days):
            H.remove_node(n)
    for u, v, k, d in list(H.edges(keys=True, data=True)):
        dates = [d.get("date")] + [s.get("date") for s in d.get("sources") or () if isinstance(s, dict)]
        days = [iso_days(x) for x in dates if x]
        if days and not any(overlaps(x) for x in days):
            H.remove_edge(u, v, k)
    H.remove_nodes_from([n for n, d in list(H.nodes(data=True)) if d.get("kind", "entity") != "entity" and H.degree(n) == 0])
    return H
