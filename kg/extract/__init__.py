"""The extraction stage: a parsed document in, mentions and assertions out.

``extract(doc, doc_id)`` runs every named rule of :mod:`kg.extract.rules` over one spaCy
``Doc``, maps each relation to the ontology through the lexicon read from ``kg.ttl``, decides
negation, modality and speaker (:mod:`kg.extract.modality`), and returns plain records. spaCy
objects never leave this package.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..ontology import Lexicon, load_lexicon, word_list
from ..records import (
    ASSERTED,
    HYPOTHETICAL,
    REPORTED,
    Assertion,
    Event,
    Mention,
    Statement,
    fast_pickle,
)
from ._doc import forget
from ._doc import text as doc_text
from .activity import rule_activity_in_place
from .affiliation import Roles
from .cataphora import named_after
from .containers import rule_city_in_country
from .coref import heads_of, parties_of, resolve_descriptions, resolve_heads_we, resolve_pronouns
from .described import (
    rule_described_kind,
    rule_described_role,
    rule_org_descriptor,
    rule_unit_name,
    rule_work_by,
)
from .events import EventFinder
from .fronted import (
    rule_fronted_as_role,
    rule_fronted_description,
    rule_fronted_participle,
)
from .mentions import find_mentions, normalise
from .modality import (
    SPEECH_VERBS,
    QuoteIndex,
    classify,
    neither,
    nominal_hypothetical,
    nominal_reported,
)
from .nominal import NOUN_RULES
from .of_affiliation import rule_of_affiliation
from .passive import rule_passive_agent
from .patterns import rule_patterns
from .prep_object import rule_prep_object
from .roles import (
    rule_apposition,
    rule_copula_role,
    rule_counterpart,
    rule_misparsed_apposition,
    rule_title,
)
from .rules import LIGHT_VERBS, RULES, Candidate, Context, entities_of
from .seats import chamber_members, name_seats, rule_seat_won, rule_won_power
from .service import SERVICE_RULES
from .speech_stance import stance_speech
from .stance import STANCE_RULES
from .statements import find_statements, link_statements
from .topics import resolve_plans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["Extraction", "extract", "normalise"]

#: The role rules in the order they run (before the clause rules: "the Foreign Minister" then resolves).
ROLE_RULES = (rule_title, rule_apposition, rule_misparsed_apposition, rule_copula_role, rule_counterpart,
              rule_of_affiliation, rule_org_descriptor, rule_work_by, rule_unit_name)

#: Prepositions whose object event is presupposed, not stated, by its clause.
_PRESUPPOSING = frozenset({"because", "despite", "after", "before", "amid", "since", "following", "during", "over", "about", "on", "of"})
#: Prepositions that can make an open relation with their object ("compete with", "sue for").
_OPEN_PREPS = frozenset({"with", "against", "to", "for", "between", "among"})
#: Relations that are attitudes, which a party holds once it declares them ("will back the Bill").
_HELD = frozenset({"supports", "opposes"})
#: How much less an open (unmapped) relation is trusted than a mapped one.
_OPEN_PENALTY = 0.15


@fast_pickle
@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document."""

    doc_id: str
    mentions: tuple[Mention, ...]
    assertions: tuple[Assertion, ...]
    acronyms: tuple[tuple[str, str], ...]
    sentences: int
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()


def extract(doc: Doc, doc_id: str, lexicon: Lexicon | None = None) -> Extraction:
    """Extract mentions and assertions from one parsed document.

    Examples
    --------
    >>> from kg.nlp import load_model
    >>> nlp = load_model()
    >>> ex = extract(nlp("Sergey Lavrov met with Talatbek Masadikov in Moscow."), "d1")
    >>> [(a.subject.text, a.predicate, a.object.text) for a in ex.assertions]
    [('Sergey Lavrov', 'meets', 'Talatbek Masadikov'), ('Sergey Lavrov', 'meetsIn', 'Moscow')]
    """
    try:
        return _extract(doc, doc_id, lexicon or load_lexicon())
    finally:
        forget(doc)


def _extract(doc: Doc, doc_id: str, lexicon: Lexicon) -> Extraction:
    try:
        dm = find_mentions(doc, doc_id)
        name_seats(doc, dm)  # "the Eton and Slough seat": one constituency (kg.extract.seats)
        chamber_members(doc, dm)  # "MPs voted for the Bill": the Commons did
        quotes = QuoteIndex(doc)
        resolve_plans(doc, dm)  # "the strategy": the policy the article is about (kg.extract.topics)
        named_after(doc, dm)  # "The former chief financial officer ... Scott Sullivan admitted" (kg.extract.cataphora)
        resolve_pronouns(doc, dm, quotes)
    except Exception as exc:  # noqa: BLE001 - a bug on one article must not stop the build
        logging.getLogger("kg").warning("kg: %s: finding its names failed (%s: %s); the article is kept without facts",
                                        doc_id, type(exc).__name__, exc)
        return Extraction(doc_id, (), (), (), sum(1 for _ in doc.sents))
    ctx = Context(doc, dm, lexicon, quotes)
    ctx.roles = Roles(ctx)
    candidates: list[Candidate] = []
    for rule in ROLE_RULES:
        candidates.extend(_run(rule, ctx, doc_id))
    resolve_heads_we(doc, dm, quotes, heads_of(candidates))  # a minister's or a chairman's "we": the body they head
    resolve_descriptions(doc, dm, ctx.roles.article_country(), parties_of(candidates))
    for rule in (rule_described_role, rule_described_kind, rule_fronted_participle, rule_fronted_description, rule_fronted_as_role, *RULES, rule_prep_object, rule_passive_agent, *SERVICE_RULES, rule_activity_in_place, rule_seat_won, rule_won_power, *NOUN_RULES, rule_patterns, rule_city_in_country, *STANCE_RULES):
        candidates.extend(_run(rule, ctx, doc_id))
    statements = _run(find_statements, ctx, doc_id)
    candidates.extend(_run(stance_speech(statements), ctx, doc_id))  # statements that find fault (kg.extract.stance)
    events = EventFinder(ctx)

    sent_starts = quotes.sent_chars
    text = doc_text(doc)
    sentences = [(s.start_char, s.end_char, text[s.start_char : s.end_char]) for s in quotes.sents]
    best: dict[tuple, Assertion] = {}
    for cand in candidates:
        assertion = _to_assertion(cand, ctx, quotes, sentences, sent_starts)
        if assertion is None:
            continue
        assertion = events.annotate(assertion, cand)
        k = (assertion.subject.key, assertion.subject.label == "POSITION", assertion.predicate,
             assertion.object.key, assertion.sent_start, assertion.negated, assertion.modality)
        if k not in best or assertion.confidence > best[k].confidence:
            best[k] = assertion
    assertions = sorted(best.values(), key=lambda a: (a.sent_start, a.subject.start, a.object.start, a.predicate, a.rule))
    assertions, found = events.finish(assertions)
    assertions = _past_throughout(assertions)
    assertions, statements = link_statements(assertions, statements)
    # positions ("Foreign Minister of Russia") are entities too: the resolver must see them
    positions = [m for a in assertions for m in (a.subject, a.object) if m.label == "POSITION"]
    mentions = tuple(dm.mentions) + tuple(dict.fromkeys(positions))
    return Extraction(doc_id, mentions, tuple(assertions), tuple(dict.fromkeys(dm.acronyms)), len(sent_starts),
                      tuple(statements), tuple(found))


def _past_throughout(assertions: list[Assertion]) -> list[Assertion]:
    """"former President Ferdinand Marcos" ... "President Marcos said": a role the article calls
    past is past wherever it gives it (the same role of the same body, or with none named), and
    so is the holder's tie to the role's body there. "previously president of Smith Tool, now
    president of Smith International" keeps the second current."""
    past = {(a.subject.key, *_post(a.object.key)) for a in assertions if a.predicate == "holdsPosition" and a.time == "former"}
    if not past:
        return assertions

    def was(a: Assertion) -> bool:
        role, body = _post(a.object.key)
        return any((a.subject.key, role, b) in past for b in {body, ""}) or not body and any(
            k[0] == a.subject.key and k[1] == role for k in past)

    ended = {id(a): a for a in assertions if a.predicate == "holdsPosition" and a.time is None and was(a)}
    bodies = {(a.sent_start, a.subject.key, a.rule, _post(a.object.key)[1]) for a in ended.values()}
    return [dataclasses.replace(a, time="former") if a.time is None and (
                id(a) in ended or a.predicate in {"leads", "worksFor"} and (a.sent_start, a.subject.key, a.rule, a.object.key) in bodies)
            else a for a in assertions]


def _post(key: str) -> tuple[str, str]:
    """A position's key as (role, body): "president@philippines" -> ("president", "philippines")."""
    role, _, body = key.partition("@")
    return role, body


#: Rules whose fact is the clause's act (a "neither ... nor" subject negates it); roles named in
#: the subject are not ("Neither Palomino nor conade's general manager, X, were available").
_CLAUSE_RULES = frozenset({"svo", "prep_object", "passive_agent", "joint_subjects"})


def _run(rule, ctx: Context, doc_id: str) -> list[Candidate]:
    """A rule's candidates; a rule that fails on an article costs that rule's facts, not the article or the build."""
    try:
        return list(rule(ctx))
    except Exception as exc:  # noqa: BLE001 - any bug in one rule; reported, and the other rules go on
        logging.getLogger("kg").warning("kg: %s: extraction rule %s failed (%s: %s); the article's other facts are kept",
                                        doc_id, getattr(rule, "__name__", rule), type(exc).__name__, exc)
        return []


def _to_assertion(cand: Candidate, ctx: Context, quotes: QuoteIndex, sentences: list[tuple[int, int, str]], starts: list[int]) -> Assertion | None:
    """Map a candidate's relation to the ontology and decide its modality."""
    s, o = cand.subject, cand.object
    if s.key == o.key and s.label == o.label:
        return None
    confidence = cand.confidence
    mapped = None if cand.mapped else ctx.lexicon.verb(cand.key)
    if cand.mapped:
        predicate, is_open = cand.key, False
        if predicate == "basedIn" and s.label in {"GPE", "LOC"}:
            predicate = "locatedIn"  # "the lower Rio Grande Valley of Texas": a place is in a place, not based there
        if not _fits(ctx.lexicon, predicate, s, o):
            return None
    elif mapped == "states":  # "Putin told Xi": an addressee is not a topic
        return None
    else:
        mapped = _BY_OBJECT.get((mapped, o.label), mapped)
        if mapped is not None and not _fits(ctx.lexicon, mapped, s, o):
            mapped = None  # "Prescott joined Brown": not membership; the verb stays as an open relation
        if mapped is None:
            head = cand.key.split(" ")[0]
            if head in LIGHT_VERBS or head in SPEECH_VERBS or s.label == "POSITION" or head in word_list("no_relation_verbs"):
                return None
            if "-" in head and head.rsplit("-", 1)[1] in _COMPOUND_PARTICIPLES:
                return None  # "Palo Alto, Calif.-based Adobe": a description the parser took for a verb
            if " " in cand.key and cand.key.rsplit(" ", 1)[1] not in _OPEN_PREPS and cand.rule != "joint_subjects":
                return None  # "explore off Turkey", "face with Congress": a place or circumstance, not a partner
            predicate, is_open, confidence = cand.key, True, confidence - _OPEN_PENALTY
        else:
            predicate, is_open = mapped, False
    if cand.verb is not None:
        clause = classify(cand.verb, quotes, stance=predicate in _HELD)
        negated, modality = clause.negated, clause.modality
        if cand.rule in _CLAUSE_RULES and neither(cand.verb):
            negated = True  # "Neither X nor Y bought Z": the clause's act, not a role named in its subject
        if cand.noun is not None:
            if modality != HYPOTHETICAL and nominal_hypothetical(cand.noun):
                modality = HYPOTHETICAL
            elif modality == ASSERTED and nominal_reported(cand.noun):
                modality = REPORTED
            if cand.noun.dep_ == "pobj" and cand.noun.head.lower_ in _PRESUPPOSING:
                negated = False  # "denied it was because of the dispute between X and Y": the dispute is presupposed
            if any(c.dep_ == "det" and c.lower_ == "no" for c in cand.noun.children):
                negated = True  # "there were no talks with X"
        speakers = entities_of(clause.speaker, ctx) if clause.speaker is not None else []
        speaker = speakers[0][0] if speakers else None
        anchor = cand.verb.idx
    else:  # a role or noun-phrase fact: its sentence is the holder's (an affiliation may be named elsewhere)
        negated, modality, speaker, anchor = False, ASSERTED, None, s.start
        if cand.noun is not None and nominal_hypothetical(cand.noun):
            modality = HYPOTHETICAL
        elif cand.noun is not None and nominal_reported(cand.noun):
            modality = REPORTED
    i = max(0, bisect.bisect_right(starts, anchor) - 1)
    via = [ctx.mentions.coref[m] for m in (s, o) if m in ctx.mentions.coref]
    return Assertion(
        doc_id=ctx.mentions.doc_id,
        subject=s,
        predicate=predicate,
        object=o,
        sentence=sentences[i][2].strip(),
        sent_start=sentences[i][0],
        sent_end=sentences[i][1],
        rule=cand.rule + "".join(f"+coref:{v}" for v in dict.fromkeys(via)),
        confidence=round(min(1.0, max(0.05, confidence)), 2),
        negated=negated,
        modality=modality,
        speaker=speaker,
        open=is_open,
        time=cand.time,
    )


#: Last halves of hyphenated participles that describe a name ("Calif.-based", "state-owned"), no verb of a clause.
_COMPOUND_PARTICIPLES = frozenset({"base", "based", "own", "owned", "led", "lead", "run", "make", "made", "control", "controlled"})

#: A verb's property that depends on what it acts on: one runs a company (leads) but an airport (operates).
_BY_OBJECT = {("leads", "FAC"): "operates"}

#: Mention labels that cannot fill a slot of the given ontology class (spaCy's labels are noisy,
#: so only clear conflicts count: a place is no person, a person no organisation or place).
_CONFLICTS = {
    "Person": frozenset({"GPE", "LOC", "FAC"}),
    "Organization": frozenset({"PERSON", "POSITION"}),
    "Place": frozenset({"PERSON", "POSITION"}), "Country": frozenset({"PERSON", "POSITION"}),
    "City": frozenset({"PERSON", "POSITION"}), "Region": frozenset({"PERSON", "POSITION"}),
    # a law or treaty: "Japan signed the pact in Tokyo" is no signing of Japan's in Tokyo
    "Legislation": frozenset({"PERSON", "POSITION", "GPE", "LOC", "FAC", "NORP", "ORG"}),
}


def _fits(lexicon: Lexicon, prop: str, s: Mention, o: Mention) -> bool:
    """Whether subject and object can be in the property's domain and range (``kg.ttl``)."""
    rel = lexicon.relations.get(prop)
    if rel is None:
        return True
    if rel.range == "Person" and o.label == "ORG" and _org_by_head(o):
        return False  # "Texaco chose the Appeals Court": a court is chosen, not appointed
    return s.label not in _CONFLICTS.get(rel.domain, ()) and o.label not in _CONFLICTS.get(rel.range, ())


def _org_by_head(m: Mention) -> bool:
    """An organisation by its name's last word ("Appeals Court", "Chase Bank"): no person the NER mislabelled."""
    from .entity_types import cues

    words = m.text.lower().split()
    return len(words) > 1 and words[-1] in cues()["organization.heads"]
