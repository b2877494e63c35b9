"""The kg ontology namespace as a closed rdflib ``DefinedNamespace``.

A typo such as ``KG.meet`` raises ``AttributeError`` at import instead of writing a term the
ontology does not define; a test checks that this class and ``ontology/kg.ttl`` list the same
terms in both directions.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["KG", "KG_NS", "SCHEMA"]

KG_NS = "https://kg.example.org/ontology#"
SCHEMA = Namespace("https://schema.org/")


class KG(DefinedNamespace):
    """Terms of ``ontology/kg.ttl``."""

    _NS = Namespace(KG_NS)
    _fail = True

    # Class
    Assertion: URIRef  # One statement extracted from one sentence of one document, with its provenance. 
    City: URIRef  # A city or town.
    Country: URIRef  # A sovereign state, identified by its ISO 3166 code.
    Entity: URIRef  # Anything named in the news that kg resolves to one node.
    Event: URIRef  # A named event: a summit, war, election or forum.
    Facility: URIRef  # A building, airport, road or other structure.
    Group: URIRef  # A nationality, religious or political group that is not a country (spaCy NORP).
    Organization: URIRef  # A company, government body, alliance, agency, party or armed group.
    Person: URIRef  # A human being.
    Place: URIRef  # A location that is not known to be a country, city or region.
    Position: URIRef  # An office or role, such as Foreign Minister of Russia, held by a person.
    Region: URIRef  # A region, province, state or other area larger than a city that is not a country
    Thing: URIRef  # A named product, law, work or other thing that fits no other class.

    # ObjectProperty
    acquires: URIRef  # A company or party buys or takes over another company or asset.
    agreesWith: URIRef  # Two parties sign or reach an agreement or deal.
    attacks: URIRef  # A party attacks, invades or strikes another.
    borders: URIRef  # Two places share a border.
    concernedAbout: URIRef  # A party is worried about another party or place.
    engagesWith: URIRef  # Two parties keep up relations, cooperation or dialogue.
    exportsTo: URIRef  # A country or company sells goods to another.
    hasMember: URIRef  # An organisation counts a country, organisation or person among its members.
    holdsPosition: URIRef  # A person holds an office or role.
    importsFrom: URIRef  # A country or company buys goods from another.
    leads: URIRef  # A person or organisation leads, heads or chairs an organisation, country or dele
    locatedIn: URIRef  # An entity is located in, based in or part of a place.
    meets: URIRef  # Two parties meet or hold talks in person or remotely.
    memberOf: URIRef  # A country, organisation or person belongs to an organisation.
    opposes: URIRef  # A party opposes, criticises, condemns or sanctions another party.
    owns: URIRef  # A party owns or controls another, or holds a stake in it.
    partOf: URIRef  # A body is part of a larger organisation or of a country's government (Russia's S
    positionOf: URIRef  # An office belongs to an organisation or country.
    recognizes: URIRef  # A state formally recognizes another state or government.
    relatedTo: URIRef  # The most general relation; open relations found in text (verbs with no mapping b
    speaker: URIRef  # The entity whose statement the article reports.
    states: URIRef  # A speaker makes a statement (says, announces, stresses, is quoted) about an enti
    supports: URIRef  # A party supports, backs or welcomes another party.
    tradesWith: URIRef  # Two parties trade with each other.
    visits: URIRef  # A person, delegation or organisation travels to a place.
    worksFor: URIRef  # A person holds a role in, represents or is employed by an organisation or countr

    # DatatypeProperty
    confidence: URIRef  # The extractor's confidence in the assertion, from 0 to 1.
    endChar: URIRef  # Character offset where the sentence ends in the document's cleaned text.
    isoCode: URIRef  # The two-letter ISO 3166-1 code of a country.
    mentionCount: URIRef  # How many mentions in the corpus were resolved to the entity.
    modality: URIRef  # asserted (the article states it), reported (a source quoted or paraphrased state
    negated: URIRef  # True when the sentence denies the relation.
    objectText: URIRef  # The words of the sentence that name the object.
    relationText: URIRef  # The lemma phrase of the words that express the relation.
    rule: URIRef  # The name of the extraction rule that produced the assertion.
    sentence: URIRef  # The text of the sentence the assertion was extracted from.
    sha256: URIRef  # Hex SHA-256 of the document's cleaned text.
    startChar: URIRef  # Character offset where the sentence starts in the document's cleaned text.
    subjectText: URIRef  # The words of the sentence that name the subject.

    # AnnotationProperty
    nounTrigger: URIRef  # Event or relation noun that expresses the property between the clause subject (o
    roleTrigger: URIRef  # Role noun whose holder stands in this relation to the organisation or country of
    trigger: URIRef  # Lemma phrase of a verb, with its particle or preposition, that expresses the pro
