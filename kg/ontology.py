"""The ontology as data: where its files are, and the extraction lexicon read from it.

Relations and their lexical triggers live in ``ontology/kg.ttl``, not in code, so adding a
verb or a relation is an edit to the ontology. :func:`load_lexicon` reads the triggers once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OntologyError
from .vocab import KG_NS

__all__ = ["ontology_dir", "ontology_file", "saved_queries", "word_list", "word_table", "Relation", "EventClass", "EventLexicon", "Lexicon", "load_lexicon", "signatures"]


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl``, ``shapes.ttl`` and ``queries/``.

    In a source checkout (and an editable install) that is the repository's ``ontology/``;
    an installed wheel carries the same files as the package ``kg._ontology``.
    """
    repo = Path(__file__).resolve().parent.parent / "ontology"
    if (repo / "kg.ttl").is_file():
        return repo
    packaged = Path(__file__).resolve().parent / "_ontology"
    if (packaged / "kg.ttl").is_file():
        return packaged
    raise OntologyError(f"ontology files not found in {repo} or {packaged}; reinstall kg")


def ontology_file(name: str = "kg.ttl") -> Path:
    """Path of one file of the ontology folder, e.g. ``kg.ttl`` or ``shapes.ttl``."""
    path = ontology_dir() / name
    if not path.is_file():
        raise OntologyError(f"{path}: no such ontology file")
    return path


def saved_queries() -> dict[str, Path]:
    """The saved SPARQL queries, by name (file stem): ``{"who-met-whom": Path(...)}``."""
    return {p.stem: p for p in sorted((ontology_dir() / "queries").glob("*.rq"))}


@functools.lru_cache(maxsize=64)
def word_list(name: str) -> frozenset[str]:
    """A word list of ``ontology/lexicon/NAME.txt``: one lower-case word or phrase per line, ``#`` comments."""
    path = ontology_dir() / "lexicon" / f"{name}.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise OntologyError(f"{path}: cannot read the word list: {exc.strerror}") from exc
    return frozenset(" ".join(line.split("#", 1)[0].lower().split()) for line in lines if line.split("#", 1)[0].strip())


@functools.lru_cache(maxsize=16)
def word_table(name: str) -> dict[str, str]:
    """A table of ``ontology/lexicon/NAME.tsv``: a key, a tab and its value per line, ``#`` comments."""
    path = ontology_dir() / "lexicon" / f"{name}.tsv"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise OntologyError(f"{path}: cannot read the word table: {exc.strerror}") from exc
    rows = (line.split("#", 1)[0].strip() for line in lines)
    return {key.strip(): value.strip() for key, value in (row.split("\t") for row in rows if row)}


@dataclass(frozen=True, slots=True)
class Relation:
    """One ontology property as the extractor sees it."""

    name: str
    label: str
    symmetric: bool = False
    stored_as: str | None = None  # the inverse property facts are stored with, if any
    domain: str = "Entity"  # local names of rdfs:domain and rdfs:range (kg classes)
    range: str = "Entity"


@dataclass(frozen=True, slots=True)
class EventClass:
    """One event class (``Meeting``) with the roles its triggers' arguments take, by slot."""

    name: str
    parent: str | None
    roles: dict[str, str]  # slot ("subject", "with", "support", "win" ...) -> role property
    relation: tuple[str, str, str] | None = None  # (role, property, role): the fact it states (kg:eventRelation)


@dataclass(frozen=True)
class EventLexicon:
    """Event classes and their triggers (``kg:eventTrigger``, ``kg:eventNoun``, ``kg:supportVerb``)."""

    classes: dict[str, EventClass] = field(default_factory=dict)
    verbs: dict[str, str] = field(default_factory=dict)  # lemma phrase -> class
    nouns: dict[str, str] = field(default_factory=dict)  # noun -> class
    support: frozenset[str] = frozenset()

    def role(self, cls: str, slot: str) -> str | None:
        """The role a slot's entity takes in an event of class ``cls``, or None."""
        c = self.classes.get(cls)
        return c.roles.get(slot) if c is not None else None


@dataclass(frozen=True)
class Lexicon:
    """Trigger tables: lemma phrase -> property name (see the conventions in kg.ttl)."""

    relations: dict[str, Relation] = field(default_factory=dict)
    verbs: dict[str, str] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    intents: dict[str, str] = field(default_factory=dict)
    cues: frozenset[str] = frozenset()  # speech verbs that make a kg:Statement (kg:cueWord)
    events: EventLexicon = field(default_factory=EventLexicon)

    def verb(self, phrase: str) -> str | None:
        """The property a verb phrase (``"meet with"``) maps to, or None."""
        return self.verbs.get(phrase)

    def noun(self, lemma: str) -> str | None:
        """The property an event/relation noun (``"meeting"``) carries, or None."""
        return self.nouns.get(lemma)

    def role(self, phrase: str) -> str | None:
        """The property a role noun implies between holder and organisation, or None."""
        return self.roles.get(phrase)

    def agent(self, noun: str) -> str | None:
        """The property an agent noun ("assassin", "owner") gives its holder towards the object."""
        return self.agents.get(noun)

    def intent(self, phrase: str) -> str | None:
        """The property a phrase states as only intended or offered ("bid for"), or None."""
        return self.intents.get(phrase)

    def canonical(self, name: str, subj: str, obj: str) -> tuple[str, str, str]:
        """Store-once form of a fact: inverse properties turned round, symmetric ones ordered.

        ``subj`` and ``obj`` are entity identifiers (IRIs); the result is ``(name, s, o)``.
        """
        rel = self.relations.get(name)
        if rel is None:
            return name, subj, obj
        if rel.stored_as:
            name, subj, obj = rel.stored_as, obj, subj
            rel = self.relations[name]
        if rel.symmetric and obj < subj:
            subj, obj = obj, subj
        return name, subj, obj


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read relations and triggers from ``kg.ttl`` (cached: the file is read once per process,
    and parsed once per version of it, :func:`_read`)."""
    return _read(str(Path(path) if path else ontology_file("kg.ttl")))[0]


def signatures() -> dict[str, tuple[str, str]]:
    """Each ``kg:`` property's domain and range class in ``kg.ttl`` (local names; ``Entity`` when
    it declares none), as construction patterns check them (:mod:`kg.extract.patterns`)."""
    return _read(str(ontology_file("kg.ttl")))[1]


#: Bump when what :func:`_read` makes from the same file changes in a way the fingerprint (the
#: file, this module, the Python version) does not show.
_CACHE_VERSION = 1


@functools.lru_cache(maxsize=4)
def _read(source: str) -> tuple[Lexicon, dict[str, tuple[str, str]]]:
    """The lexicon and the property signatures of an ontology file: parsed with rdflib (a tenth
    of a second, twice as long with rdflib's import) and pickled to kg's cache folder
    (:mod:`kg._cache`), or loaded from there when the file and this module are unchanged."""
    import hashlib
    import pickle
    import sys

    from ._cache import cache_path, save

    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        raise OntologyError(f"{source}: cannot read the ontology: {exc.strerror}") from exc
    h = hashlib.sha256(f"{_CACHE_VERSION} {sys.version} {source}".encode())
    h.update(Path(__file__).read_bytes())
    h.update(data)
    path = cache_path("lexicon", h.hexdigest()[:20], ".pickle")
    if path is not None:
        try:
            return pickle.loads(path.read_bytes())
        except Exception:  # noqa: BLE001 - missing, damaged or of another version: made again
            pass
    made = _parse(Path(source))
    if path is not None:
        save(path, pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL), "lexicon", ".pickle")
    return made


def _parse(source: Path) -> tuple[Lexicon, dict[str, tuple[str, str]]]:
    from rdflib import Graph

    try:
        g = Graph().parse(source, format="turtle")
    except Exception as exc:  # rdflib raises several parser exception types
        raise OntologyError(f"{source}: cannot parse the ontology: {exc}") from exc
    return _lexicon(g, source), _signatures(g)


def _signatures(g) -> dict[str, tuple[str, str]]:
    from rdflib.namespace import OWL, RDF, RDFS

    local = lambda iri: str(iri).rsplit("#", 1)[-1] if iri is not None else "Entity"  # noqa: E731
    return {
        local(p): (local(g.value(p, RDFS.domain)), local(g.value(p, RDFS.range)))
        for p in g.subjects(RDF.type, OWL.ObjectProperty)
        if str(p).startswith(KG_NS)
    }


def _lexicon(g, source: Path) -> Lexicon:
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    kg = lambda local: URIRef(KG_NS + local)  # noqa: E731 - local shorthand
    local = lambda iri: str(iri)[len(KG_NS):]  # noqa: E731

    relations: dict[str, Relation] = {}
    for prop in sorted(g.subjects(RDF.type, OWL.ObjectProperty)):
        if not str(prop).startswith(KG_NS):
            continue
        inverse = g.value(prop, OWL.inverseOf)
        domain, range_ = g.value(prop, RDFS.domain), g.value(prop, RDFS.range)
        relations[local(prop)] = Relation(
            name=local(prop),
            label=str(g.value(prop, RDFS.label) or local(prop)),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in g,
            stored_as=local(inverse) if inverse is not None else None,
            domain=local(domain) if domain is not None and str(domain).startswith(KG_NS) else "Entity",
            range=local(range_) if range_ is not None and str(range_).startswith(KG_NS) else "Entity",
        )
    tables: dict[str, dict[str, str]] = {
        "trigger": {}, "nounTrigger": {}, "roleTrigger": {}, "agentNoun": {}, "intentTrigger": {},
    }
    for annotation, table in tables.items():
        for prop, phrase in sorted(g.subject_objects(kg(annotation))):
            key = " ".join(str(phrase).lower().split())
            if key in table and table[key] != local(prop):
                raise OntologyError(
                    f"{source}: {annotation} {key!r} is declared on both {table[key]} and {local(prop)}"
                )
            table[key] = local(prop)
    cues = frozenset(" ".join(str(w).lower().split()) for w in g.objects(kg("Statement"), kg("cueWord")))
    return Lexicon(
        relations, tables["trigger"], tables["nounTrigger"], tables["roleTrigger"], tables["agentNoun"],
        tables["intentTrigger"], cues, _event_lexicon(g, source),
    )


def _event_lexicon(g, source: Path) -> EventLexicon:
    """Event classes (sub-classes of kg:Event), their triggers and roles, read from the ontology graph."""
    from rdflib import URIRef
    from rdflib.namespace import RDFS

    kg = lambda local: URIRef(KG_NS + local)  # noqa: E731
    local = lambda iri: str(iri)[len(KG_NS):]  # noqa: E731

    def roles(cls) -> dict[str, str]:
        out: dict[str, str] = {}
        for entry in sorted(str(r) for r in g.objects(cls, kg("role"))):
            slot, _, role = entry.strip().partition(" ")
            if not role or (kg(role.strip()), None, None) not in g:
                raise OntologyError(f"{source}: kg:role {entry!r} of {local(cls)} must be 'SLOT ROLE' with a declared role property")
            out[slot] = role.strip()
        return out

    base = roles(kg("Event"))
    classes: dict[str, EventClass] = {}
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}

    def walk(cls, parent: str | None, inherited: dict[str, str], relation: tuple[str, str, str] | None) -> None:
        for sub in sorted(g.subjects(RDFS.subClassOf, cls)):
            if not str(sub).startswith(KG_NS):
                continue
            name = local(sub)
            own = {**inherited, **roles(sub)}
            said = g.value(sub, kg("eventRelation"))
            rel = relation
            if said is not None and str(said).strip() == "none":
                rel = None
            elif said is not None:
                parts = str(said).split()
                if len(parts) != 3 or (kg(parts[1]), None, None) not in g:
                    raise OntologyError(f"{source}: kg:eventRelation {str(said)!r} of {name} must be 'ROLE PROPERTY ROLE'")
                rel = (parts[0], parts[1], parts[2])
            classes[name] = EventClass(name, parent, own, rel)
            for annotation, table in (("eventTrigger", verbs), ("eventNoun", nouns)):
                for phrase in sorted(str(w) for w in g.objects(sub, kg(annotation))):
                    key = " ".join(phrase.lower().split())
                    if key in table and table[key] != name:
                        raise OntologyError(f"{source}: {annotation} {key!r} is declared on both {table[key]} and {name}")
                    table[key] = name
            walk(sub, name, own, rel)

    walk(kg("Event"), None, base, None)
    support = frozenset(" ".join(str(w).lower().split()) for w in g.objects(kg("Event"), kg("supportVerb")))
    return EventLexicon(classes, verbs, nouns, support)
