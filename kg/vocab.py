"""The kg ontology namespace as a closed rdflib ``DefinedNamespace``.

A typo such as ``KG.meet`` raises ``AttributeError`` at import instead of writing a term the
ontology does not define; a test checks that this class and ``ontology/kg.ttl`` list the same
terms in both directions.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS, XSD, DefinedNamespace

__all__ = ["KG", "KG_NS", "SCHEMA", "bind_prefixes"]

KG_NS = "https://kg.example.org/ontology#"
SCHEMA = Namespace("https://schema.org/")


class KG(DefinedNamespace):
    """Terms of ``ontology/kg.ttl``."""

    _NS = Namespace(KG_NS)
    _fail = True

    # Class
    Acquisition: URIRef  # A party buys or takes over a company or asset (close to schema:BuyAction).
    Agreement: URIRef  # Parties sign or reach an agreement, deal, accord or treaty.
    Appointment: URIRef  # A person is appointed, named or nominated to an office.
    Arrest: URIRef  # A person is arrested or detained.
    Assertion: URIRef  # One statement extracted from one sentence of one document, with its provenance. 
    Attack: URIRef  # An attack, bombing, raid, invasion or assault.
    Award: URIRef  # A party wins or is given a prize, award or honour (close to schema:WinAction).
    City: URIRef  # A city or town.
    Conference: URIRef  # A conference, congress, forum or convention.
    Country: URIRef  # A sovereign state, identified by its ISO 3166 code.
    CreativeWork: URIRef  # A named book, film, programme, newspaper column, report or other work.
    Election: URIRef  # An election, vote or referendum, or someone elected (close to schema:VoteAction)
    Entity: URIRef  # Anything named in the news that kg resolves to one node.
    Event: URIRef  # Something that happens at a time and place: a named event (a war, a games, a for
    Facility: URIRef  # A building, airport, road or other structure.
    Group: URIRef  # A nationality, religious or political group that is not a country (spaCy NORP).
    Killing: URIRef  # A person is killed, murdered or assassinated.
    Legislation: URIRef  # A named law, bill, act, treaty text or regulation.
    Meeting: URIRef  # Parties meet or hold talks, in person or remotely (schema.org has no narrower cl
    Merger: URIRef  # Two companies or bodies merge.
    Organization: URIRef  # A company, government body, alliance, agency, party or armed group.
    Person: URIRef  # A human being.
    Place: URIRef  # A location that is not known to be a country, city or region.
    Position: URIRef  # An office or role, such as Foreign Minister of Russia, held by a person.
    Product: URIRef  # A named product, brand, vehicle or weapon system.
    Region: URIRef  # A region, province, state or other area larger than a city that is not a country
    Resignation: URIRef  # A person resigns, quits or steps down from an office or body.
    Sale: URIRef  # A party sells or divests a company or asset (close to schema:SellAction).
    Statement: URIRef  # What a speaker said, as an article reports it: the speaker (kg:speaker), the cue
    Summit: URIRef  # A meeting of heads of state or government, or of the leaders of organisations.
    Thing: URIRef  # A named thing that fits no other class, or a policy an article is about (ID cards).
    Trial: URIRef  # A trial, hearing or lawsuit; the target is the defendant.
    Visit: URIRef  # A person or delegation travels to a place; kg:place is where it went (close to s

    # ObjectProperty
    about: URIRef  # An entity a statement is about: an argument of what was said, or of a fact said 
    accuses: URIRef  # A party accuses or blames another (the content of the accusation is not a fact).
    acquires: URIRef  # A company or party buys or takes over another company or asset.
    agent: URIRef  # The participant who does it: the attacker, the visitor, the appointing body.
    agreesWith: URIRef  # Two parties sign or reach an agreement or deal.
    appointee: URIRef  # Who is appointed, named or nominated.
    appoints: URIRef  # A person or body appoints, names or elects a person to an office.
    arrests: URIRef  # Police or forces arrest, detain or capture a person.
    attacks: URIRef  # A party attacks, invades or strikes another.
    authorOf: URIRef  # A person or body wrote, produced or published a work or report.
    awards: URIRef  # A body awards a prize, contract or honour to a party.
    basedIn: URIRef  # An organisation has its seat or an office in a place (US-based Atticus Capital, 
    borders: URIRef  # Two places share a border.
    bornIn: URIRef  # A person was born in a place.
    buyer: URIRef  # Who buys in an acquisition or sale.
    charges: URIRef  # Prosecutors, police or a court charge, indict or convict a person or company.
    concernedAbout: URIRef  # A party is worried about another party or place.
    contacts: URIRef  # Two parties are or get in touch: he had been in contact with Defra; he was put in touch with the Middle Way Group.
    criticizes: URIRef  # A party criticises or condemns another party or its plans, in words: by a verb (
    defeats: URIRef  # A party beats another in a contest, vote, match or war.
    dismisses: URIRef  # A person or body sacks, fires, expels or deselects a person.
    disputesWith: URIRef  # Two parties are in a dispute, conflict, standoff or war with each other (the tra
    educatedAt: URIRef  # A person studied at a school, college or university: educated at Eton; graduated from Harvard.
    employs: URIRef  # An organisation employs or hires a person.
    engagesWith: URIRef  # Two parties keep up relations, cooperation or dialogue.
    exportsTo: URIRef  # A country or company sells goods to another.
    funds: URIRef  # A party pays for, finances or donates to another.
    hasMember: URIRef  # An organisation counts a country, organisation or person among its members.
    holdsPosition: URIRef  # A person holds an office or role.
    hosts: URIRef  # A place or party hosts an event or a guest.
    importsFrom: URIRef  # A country or company buys goods from another.
    inForceIn: URIRef  # A law, rule or agreement comes into effect or force in a place: the Act comes into effect in England.
    inEvent: URIRef  # The event an assertion is part of (Lavrov meets Masadikov: the meeting).
    inStatement: URIRef  # The statement an assertion was said in (its modality is reported).
    investsIn: URIRef  # A party invests in a company, project or place.
    killedBy: URIRef  # A person was killed by a person or group.
    kills: URIRef  # A person or group kills a person (Booth assassinated Lincoln; Kennedy's assassin
    knownAs: URIRef  # An organisation or place is, or was, known by another name: WorldCom is now known as MCI.
    leads: URIRef  # A person or organisation leads, heads or chairs an organisation, country or dele
    livesIn: URIRef  # A person lives in, comes from or is a resident of a place (Daniel Sullivan, 30, 
    locatedIn: URIRef  # An entity is located in, based in or part of a place.
    meets: URIRef  # Two parties meet or hold talks in person or remotely.
    meetsIn: URIRef  # A party meets, gathers or holds talks in a place.
    memberOf: URIRef  # A country, organisation or person belongs to an organisation.
    mergesWith: URIRef  # Two companies or bodies merge.
    nationality: URIRef  # A person is a national of a country, as news states it with a demonym (the Jorda
    nominates: URIRef  # A person or body nominates a candidate (the office is not yet held).
    office: URIRef  # The office an appointment or resignation is about.
    operates: URIRef  # An organisation operates a facility, market or service.
    operatesIn: URIRef  # A company or body does business or works in a place: Nestle performed strongly in Africa; the bank expanded into Asia.
    opposes: URIRef  # A party opposes, criticises, condemns, rejects or sanctions another party or what 
    ownedBy: URIRef  # A company or asset belongs to a party (X, a subsidiary of Y).
    owns: URIRef  # A party owns or controls another, or holds a stake in it.
    partOf: URIRef  # A body is part of a larger organisation or of a country's government (Russia's S
    participant: URIRef  # An entity that takes part in an event; the roles below are narrower participants
    partner: URIRef  # A participant the agent does it with: a meeting with X, talks with Y.
    place: URIRef  # Where the event happened, as the text says it (in Moscow, at the Kremlin); for a
    positionOf: URIRef  # An office belongs to an organisation or country.
    praises: URIRef  # A party praises or commends another.
    precedes: URIRef  # A person held an office before another.
    producedBy: URIRef  # A work made, published or broadcast by a body: BBC Radio 4's Today programme, the Treasury's Barker Review.
    recognizes: URIRef  # A state formally recognizes another state or government.
    rejects: URIRef  # A party rejects, rebuffs or turns down another party or what it proposes, demands
    relatedTo: URIRef  # The most general relation; open relations found in text (verbs with no mapping b
    relativeOf: URIRef  # Two people are family (Amanda's uncle, Lewis Champion).
    represents: URIRef  # A person speaks or acts for a constituency, country, body or client: an MP for his seat, a lawyer for a client.
    resignsFrom: URIRef  # A person resigns from, quits or leaves an office, organisation or government.
    rivalOf: URIRef  # Two parties compete (Deutsche Boerse's rival Euronext).
    seller: URIRef  # Who sells in an acquisition or sale.
    sells: URIRef  # A party sells or divests a company or asset.
    shoots: URIRef  # A person shoots or fires at a person (Booth shot Lincoln); whether the victim di
    signedIn: URIRef  # A treaty, act or agreement was signed in a place: the treaty was signed in Rome.
    signs: URIRef  # A party signs or ratifies a named agreement, treaty or law.
    speaker: URIRef  # The entity whose statement the article reports: the speaker of a statement, or o
    speaksTo: URIRef  # A speaker tells, addresses or gives an interview to a person, body or outlet (he
    spouseOf: URIRef  # Two people are married (Dole's wife, Elizabeth).
    succeeds: URIRef  # A person succeeds or replaces another in an office.
    sues: URIRef  # A party takes another to court.
    supports: URIRef  # A party supports, backs or welcomes another party.
    target: URIRef  # The participant it is done to: what is attacked, bought, sued or arrested.
    tradesWith: URIRef  # Two parties trade with each other.
    urges: URIRef  # A party urges, calls on or asks another to act (what it asks for is not a fact).
    victim: URIRef  # Who is killed.
    visits: URIRef  # A person, delegation or organisation travels to a place.
    warns: URIRef  # A party warns another.
    winner: URIRef  # Who wins an election or an award.
    wins: URIRef  # A party wins an award, election, contract or contest.
    worksFor: URIRef  # A person holds a role in, represents or is employed by an organisation or countr

    # DatatypeProperty
    confidence: URIRef  # The extractor's confidence in the assertion, from 0 to 1.
    cue: URIRef  # The lemma of the speech verb that introduces a statement (say, tell, warn, deny)
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
    statementKind: URIRef  # direct (the speaker's words in quotation marks) or reported (indirect speech: sa
    subjectText: URIRef  # The words of the sentence that name the subject.
    text: URIRef  # The words of a statement, exactly as in the article's cleaned text between kg:st
    time: URIRef  # When an event happened or a fact held, normalised against the article's date: an
    timeEnd: URIRef  # The last day the time can mean; for a former role (former, ex-), the article's d
    timeStart: URIRef  # The first day the time can mean (the 1st of a month for a month, 1 January for a
    timeText: URIRef  # The words that put the fact at another time than the article's: former, ex-, the
    triggerText: URIRef  # The word that names the event in the text (meeting, visited).

    # AnnotationProperty
    agentNoun: URIRef  # Noun that names a person or body by this relation to another, without making it 
    cueWord: URIRef  # A verb (lemma) that attributes the clause it governs to its subject, making a kg
    eventNoun: URIRef  # A noun that names an event of this class: meeting, visit, summit, takeover.
    eventRelation: URIRef  # The binary fact an event of this class states, as 'ROLE PROPERTY ROLE'
    eventTrigger: URIRef  # Lemma phrase of a verb that names an event of this class: meet, visit, elect, ta
    intentTrigger: URIRef  # Verb or noun phrase that states the property as intended, offered or proposed ra
    nounTrigger: URIRef  # Event or relation noun that expresses the property between the clause subject (o
    role: URIRef  # How the arguments of this event class's triggers take part in it, as 'SLOT ROLE'
    roleTrigger: URIRef  # Role noun whose holder stands in this relation to the organisation or country of
    supportVerb: URIRef  # A verb whose subject takes part in the event its object names: held talks, paid 
    trigger: URIRef  # Lemma phrase of a verb, with its particle or preposition, that expresses the pro


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
