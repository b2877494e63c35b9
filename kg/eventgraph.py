"""The graph half of statements, events and time: resolved, normalised, merged, as RDF records.

Runs in the global half of a build (after entity resolution), so that speakers, participants
and places are entity IRIs, times are read against each article's date (:mod:`kg.timex`), and
the same event reported by several articles becomes one node: a meeting (or any event class)
whose participants, place and day agree is one :class:`EventRow`, whichever articles tell of
it and in whatever order they were added (its IRI is made from those, not from an article).

:func:`add_statements_events` fills :attr:`kg.rdf.GraphData.statements` and ``.events`` and
gives the graph builder the :class:`Links` it uses to tie each assertion to its statement, its
event and its time; :func:`triples` says which RDF triples the rows are.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .records import HYPOTHETICAL, Assertion, Document
from .terms import Lit
from .timex import TimeValue, normalise, parse_iso
from .vocab import KG_NS, SCHEMA

if TYPE_CHECKING:  # pragma: no cover
    from .extract import Extraction
    from .rdf import GraphBuilder, GraphData
    from .resolve import Resolution

__all__ = ["StatementRow", "EventRow", "Links", "add_statements_events", "triples", "statement_triples", "event_triples",
           "ROLE_ORDER"]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE, _LABEL = _RDF + "type", "http://www.w3.org/2000/01/rdf-schema#label"
_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Roles in the order a label names them.
ROLE_ORDER = ("agent", "buyer", "seller", "winner", "participant", "partner", "target", "appointee", "victim", "office")
#: Longest statement text shown in a label.
_LABEL_CHARS = 72


@dataclass(frozen=True, slots=True)
class StatementRow:
    """One ``kg:Statement`` node, with entity IRIs and plain strings."""

    iri: str
    doc_id: str
    speakers: tuple[str, ...]
    cue: str
    kind: str
    text: str
    start: int
    end: int
    sentence: str
    about: tuple[str, ...]
    label: str


@dataclass(frozen=True, slots=True)
class EventRow:
    """One ``kg:Event`` node: participants by role, place, time, and the articles that report it."""

    iri: str
    cls: str
    label: str
    participants: tuple[tuple[str, str], ...]  # (role, entity IRI), sorted
    place: str | None
    time: TimeValue | None
    time_texts: tuple[str, ...]
    triggers: tuple[str, ...]
    docs: tuple[str, ...]  # document ids
    sentences: tuple[str, ...]
    negated: bool
    modality: str

    @property
    def date(self) -> str | None:
        """The event's day, month or year as ISO text (for views and exports), or None."""
        t = self.time
        if t is None:
            return None
        if t.datatype in {"date", "gYearMonth", "gYear"}:
            return t.value
        return t.start


@dataclass
class Links:
    """What the graph builder needs to tie an assertion to its statement, event and time."""

    statements: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc id, key) -> IRI
    events: dict[tuple[str, str], str] = field(default_factory=dict)
    dates: dict[str, date | None] = field(default_factory=dict)  # doc id -> article date

    def of(self, a: Assertion) -> tuple[str | None, str | None, TimeValue | None]:
        """(statement IRI, event IRI, time) of an assertion."""
        statement = self.statements.get((a.doc_id, a.statement)) if a.statement else None
        event = self.events.get((a.doc_id, a.event)) if a.event else None
        base = self.dates.get(a.doc_id)
        when = normalise(a.when, base, "past") if a.when else None
        if when is None and a.time == "former" and base is not None:
            when = TimeValue("former", end=base.isoformat())  # it held before the article's date
        return statement, event, when


def add_statements_events(builder: GraphBuilder, pairs: Iterable[tuple[Document, Extraction]], resolution: Resolution) -> Links:
    """Resolve, normalise and merge the statements and events of every article into the builder's graph."""
    data, base = builder.data, builder.base_iri
    labels = {e.id: e.label for e in resolution.entities}
    links = Links()
    groups: dict[tuple, list] = {}
    for document, ex in pairs:
        doc_date = parse_iso(document.date)
        links.dates[document.id] = doc_date
        for s in getattr(ex, "statements", ()):
            speakers = tuple(dict.fromkeys(i for m in s.speakers if (i := resolution.entity_id(m)) is not None))
            if not speakers:
                continue
            about = tuple(dict.fromkeys(i for m in s.about if (i := resolution.entity_id(m)) is not None and i not in speakers))
            iri = f"{base}statement/{_digest(document.id, str(s.start), str(s.end))}"
            links.statements[(document.id, s.key)] = iri
            short = s.text if len(s.text) <= _LABEL_CHARS else s.text[: _LABEL_CHARS - 1].rstrip() + "\u2026"
            data.statements[iri] = StatementRow(
                iri=iri, doc_id=document.id, speakers=speakers, cue=s.cue, kind=s.kind, text=s.text, start=s.start,
                end=s.end, sentence=s.sentence, about=about,
                label=f"{', '.join(labels.get(i, i) for i in speakers)}: \u201c{short}\u201d",
            )
        for e in getattr(ex, "events", ()):
            place = resolution.entity_id(e.place) if e.place is not None else None
            roles = sorted({(p.role, i) for p in e.participants if (i := resolution.entity_id(p.mention)) is not None and i != place})
            if len({i for _, i in roles}) + (place is not None) < 2 and not any(r not in {"agent", "participant", "partner", "buyer", "seller"} for r, _ in roles):
                continue
            prefer = "future" if e.modality == HYPOTHETICAL else "past"
            time = normalise(e.time, doc_date, prefer) if e.time else None
            day = time.value if time is not None and time.datatype == "date" else None
            if day is not None and not e.negated and e.modality != HYPOTHETICAL:
                key: tuple = ("day", e.cls, " ".join(sorted({i for _, i in roles})), place or "", day)
            else:
                key = ("report", document.id, e.key)
            groups.setdefault(key, []).append((document, e, roles, place, time))
    for key, reports in sorted(groups.items(), key=lambda kv: kv[0]):
        iri = f"{base}event/{_digest(*key)}"
        for document, e, _, _, _ in reports:
            links.events[(document.id, e.key)] = iri
        data.events[iri] = _event_row(iri, reports, labels)
    builder.links = links
    return links


def _event_row(iri: str, reports: list, labels: dict[str, str]) -> EventRow:
    """One event from the reports of it (one, or several articles that agree on it)."""
    reports = sorted(reports, key=lambda r: (r[0].id, r[1].start))
    first = reports[0][1]
    roles = sorted({pair for r in reports for pair in r[2]}, key=lambda p: (_role_rank(p[0]), labels.get(p[1], p[1]), p[1]))
    place = reports[0][3]
    time = next((r[4] for r in reports if r[4] is not None and r[4].value), None) or next((r[4] for r in reports if r[4] is not None), None)
    names = list(dict.fromkeys(labels.get(i, i) for _, i in roles))
    who = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
    where = [labels.get(place, place)] if place else []
    when = [time.value or time.start or ""] if time is not None and (time.value or time.start) else []
    label = f"{first.cls}: {who}" + (f" ({', '.join(where + when)})" if where or when else "")
    asserted = any(r[1].modality == "asserted" for r in reports)
    return EventRow(
        iri=iri, cls=first.cls, label=label, participants=tuple(roles), place=place, time=time,
        time_texts=tuple(sorted({r[1].time for r in reports if r[1].time})),
        triggers=tuple(sorted({r[1].trigger.lower() for r in reports})),
        docs=tuple(sorted({r[0].id for r in reports})), sentences=tuple(sorted({r[1].sentence for r in reports})),
        negated=all(r[1].negated for r in reports), modality="asserted" if asserted else first.modality,
    )


def _role_rank(role: str) -> int:
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:20]


def time_triples(node: str, t: TimeValue | None) -> Iterator[tuple[str, str, Lit]]:
    """kg:time, kg:timeStart and kg:timeEnd of a node."""
    if t is None:
        return
    if t.value and t.datatype:
        yield node, KG_NS + "time", Lit(t.value, _XSD + t.datatype)
    if t.start:
        yield node, KG_NS + "timeStart", Lit(t.start, _XSD + "date")
    if t.end:
        yield node, KG_NS + "timeEnd", Lit(t.end, _XSD + "date")


def triples(data: GraphData) -> Iterator[tuple[str, str, str | Lit]]:
    """The triples of the statement and event nodes of ``data``."""
    for s in data.statements.values():
        yield from statement_triples(s, data.doc_iri)
    for e in data.events.values():
        yield from event_triples(e, data.doc_iri)


def statement_triples(s: StatementRow, doc_iri: Callable[[str], str]) -> Iterator[tuple[str, str, str | Lit]]:
    """One ``kg:Statement`` node (``doc_iri`` gives a document's IRI from its id); one node at a
    time, so that the streaming writers (:mod:`kg.streaming`) write them part by part."""
    node = s.iri
    yield node, _TYPE, KG_NS + "Statement"
    if s.kind == "direct":
        yield node, _TYPE, str(SCHEMA.Quotation)
    yield node, _LABEL, Lit(s.label)
    for speaker in s.speakers:
        yield node, KG_NS + "speaker", speaker
    yield node, KG_NS + "cue", Lit(s.cue)
    yield node, KG_NS + "statementKind", Lit(s.kind)
    yield node, KG_NS + "text", Lit(s.text)
    yield node, KG_NS + "startChar", Lit(str(s.start), _XSD + "integer")
    yield node, KG_NS + "endChar", Lit(str(s.end), _XSD + "integer")
    yield node, KG_NS + "sentence", Lit(s.sentence)
    yield node, _DERIVED, doc_iri(s.doc_id)
    for entity in s.about:
        yield node, KG_NS + "about", entity


def event_triples(e: EventRow, doc_iri: Callable[[str], str]) -> Iterator[tuple[str, str, str | Lit]]:
    """One ``kg:Event`` node (``doc_iri`` gives a document's IRI from its id)."""
    from .ontology import load_lexicon

    classes = load_lexicon().events.classes
    node = e.iri
    yield node, _TYPE, KG_NS + "Event"
    cls: str | None = e.cls
    while cls is not None:  # a summit is a meeting too: the types are there for SPARQL without reasoning
        yield node, _TYPE, KG_NS + cls
        cls = classes[cls].parent if cls in classes else None
    yield node, _LABEL, Lit(e.label)
    for role, entity in e.participants:
        yield node, KG_NS + role, entity
    if e.place is not None:
        yield node, KG_NS + "place", e.place
    yield from time_triples(node, e.time)
    for text in e.time_texts:
        yield node, KG_NS + "timeText", Lit(text)
    for text in e.triggers:
        yield node, KG_NS + "triggerText", Lit(text)
    for sentence in e.sentences:
        yield node, KG_NS + "sentence", Lit(sentence)
    for doc in e.docs:
        yield node, _DERIVED, doc_iri(doc)
    yield node, KG_NS + "negated", Lit("true" if e.negated else "false", _XSD + "boolean")
    yield node, KG_NS + "modality", Lit(e.modality)
