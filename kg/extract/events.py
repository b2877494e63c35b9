"""Events: a meeting, a visit, an election, a takeover, an attack, as records of their own.

An event verb ("met", "visited", "was elected", "took over") or event noun ("a meeting
with", "talks between", "the takeover of", "an attack on") names an :class:`~kg.records.Event`
of a class of the ontology; its triggers and the roles its arguments take are data in
``kg.ttl`` (``kg:eventTrigger``, ``kg:eventNoun``, ``kg:supportVerb``, ``kg:role``). Each
argument is read by slot: the verb's subject, object and prepositions, a passive's subject, a
noun's possessor or modifier and prepositions, the subject of a support verb ("held talks",
"paid a visit"). ``in``/``at`` with a place give :attr:`Event.place` when they attach to the
trigger, to the clause that holds it, or close the noun phrase of its partner ("a meeting
with X, the CSTO Secretary-General in Moscow"); a date expression of the trigger or its clause
gives :attr:`Event.time`, normalised later against the article's date (:mod:`kg.timex`).

The binary facts the clause rules find stay; :meth:`EventFinder.annotate` links each to the
event its trigger names and gives every assertion the date expression of its clause.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..records import ASSERTED, HYPOTHETICAL, Assertion, Event, Mention, Participant
from .modality import classify, nominal_hypothetical
from .. import places
from ..timex import names_a_time
from .rules import _ACTS as ACTS
from .rules import Candidate, Context, clause_subjects, entities_of, governing_verb

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

__all__ = ["EventFinder"]

#: Mention labels that can be the place of an event (kg:place ranges over kg:Place).
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Prepositions whose noun event the clause's subject takes part in: "during a meeting with X, Lavrov said".
_TAKING_PART = frozenset({"during", "at", "for", "after", "following", "in", "before", "ahead"})
#: Verbs whose subject is an event that took place where and when they say: "talks were held in Moscow".
_HAPPEN = frozenset({"take", "be", "hold", "happen", "occur", "begin", "start", "end", "open", "close", "conclude"})
#: Slots that name who does or takes part from outside the event's own phrase.
_SUBJECT_SLOTS = frozenset({"subject", "support", "possessor", "by", "win"})
#: Slots that name the other side of an event's fact (not "between": partners of one list).
_OBJECT_SLOTS = frozenset({"object", "passive", "with", "of", "to", "from", "against", "on", "dative", "as"})
#: Roles that alone make an event worth a node ("X was elected", "the arrest of Y").
_PATIENT_ROLES = frozenset({"winner", "appointee", "victim", "target", "office"})


@dataclass
class _Draft:
    cls: str
    trigger: Token
    participants: dict[str, Participant] = field(default_factory=dict)  # mention key -> participant
    place: Mention | None = None
    time: str | None = None
    aliases: list[int] = field(default_factory=list)  # noun triggers merged into this one
    ended: bool = False  # "the contract ... expired": the agreement the noun names holds no longer


class EventFinder:
    """The events of one parsed document, and the links of its assertions to them."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.lex = ctx.lexicon.events
        self.dates = _date_spans(ctx.doc)
        self.drafts: dict[int, _Draft] = {}  # trigger token index -> draft
        self._index: dict[int, _Draft] = {}  # every token that names a draft (merged nouns too)
        for verb in ctx.verbs:
            cls = self._verb_class(verb)
            if cls is not None:
                self._verb_event(verb, cls)
        for noun in ctx.nouns:
            cls = self._noun_class(noun)
            named = ctx.mentions.at(noun)
            if cls is None or named is not None and (named.label == "EVENT" or ctx.span_of(named).root != noun):
                continue  # a named event is an entity; a trigger word inside a name is no event
            self._noun_event(noun, cls, named)

    # ------------------------------------------------------------------ triggers

    def _verb_class(self, verb: Token) -> str | None:
        if verb.pos_ != "VERB":
            return None
        lemma = verb.lemma_.lower()
        keys = [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt"]
        keys.append(lemma)
        keys += [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prep"]
        return next((self.lex.verbs[k] for k in keys if k in self.lex.verbs), None)

    def _noun_class(self, noun: Token) -> str | None:
        if noun.pos_ not in {"NOUN", "PROPN"} or noun.dep_ == "compound":  # "merger talks": the talks are the event
            return None
        if noun.pos_ == "PROPN" and self.ctx.mentions.at(noun) is None:
            return None
        for child in noun.children:
            if child.dep_ == "compound" and f"{child.lower_} {noun.lower_}" in self.lex.nouns:
                return self.lex.nouns[f"{child.lower_} {noun.lower_}"]  # "phone call", "air strike"
        return self.lex.nouns.get(noun.lower_) or self.lex.nouns.get(noun.lemma_.lower())

    # ------------------------------------------------------------------ arguments

    def _add(self, draft: _Draft, slot: str, found: Iterable[tuple[Mention, float]]) -> None:
        role = self.lex.role(draft.cls, slot)
        if role is None:
            return
        for m, _ in found:
            if m.label == "POSITION" and role != "office":
                continue
            if role == "place":
                if m.label in _PLACE_LABELS and draft.place is None:
                    draft.place = m
                continue
            draft.participants.setdefault(m.key, Participant(role, m, slot))

    def _preps(self, draft: _Draft, head: Token, *, places_only: bool = False) -> None:
        for prep in (c for c in head.children if c.dep_ == "prep"):
            slot = prep.lower_
            if places_only and self.lex.role(draft.cls, slot) != "place":
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if pobj.i in self.dates:
                    continue
                self._add(draft, slot, entities_of(pobj, self.ctx))

    def _verb_event(self, verb: Token, cls: str) -> None:
        ctx = self.ctx
        if any(c.dep_ == "dobj" and c.lemma_.lower() in ACTS for c in verb.children):
            return  # "attacked the Tory plans": criticism, not an attack
        draft = _Draft(cls, verb)
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            self._add(draft, "passive", entities_of(passive, ctx))
            for agent in (c for c in verb.children if c.dep_ == "agent"):
                for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                    self._add(draft, "by", entities_of(pobj, ctx))
        else:
            self._add(draft, "subject", clause_subjects(verb, ctx))
        for obj in (c for c in verb.children if c.dep_ in {"dobj", "dative"}):
            self._add(draft, "object", entities_of(obj, ctx))
            person = ctx.mentions.at(obj)
            if person is not None and person.label == "PERSON":  # "met Lavrov in Geneva": the parser hangs the place on the name
                self._preps(draft, obj, places_only=True)
        self._preps(draft, verb)
        draft.time = self._time_of(verb)
        if draft.time is None and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            draft.time = self._time_of(verb.head)  # "visited Moscow on November 20 and met Putin"
        self.drafts[verb.i] = self._index[verb.i] = draft

    def _noun_event(self, noun: Token, cls: str, named: Mention | None = None) -> None:
        """An event noun; ``named`` when the noun heads a name ("won the Nobel Peace Prize"), its object."""
        ctx = self.ctx
        attach = _attach_verb(noun)
        merged = self._index.get(attach.i) if attach is not None else None
        if merged is not None and self._same_kind(merged.cls, cls):  # "met Y for talks": one meeting
            draft = merged
            draft.aliases.append(noun.i)
        else:
            draft = _Draft(cls, noun)
        if named is not None:
            self._add(draft, "object", [(named, 0.0)])
        for child in noun.children:
            m = ctx.mentions.at(child)
            if child.dep_ in {"compound", "amod", "nmod"} and m is not None and m.label in _PLACE_LABELS and draft.place is None \
                    and self.lex.role(cls, "in") == "place" and (m.label == "FAC" or places.city(m.text) is not None) \
                    and places.country(m.text) is None:
                draft.place = m  # "the New York trial", "the Geneva talks": where, not who
            elif child.dep_ in {"poss", "compound", "amod", "nmod"} and m not in (None, named):
                self._add(draft, "possessor", entities_of(child, ctx))
        self._preps(draft, noun)
        if attach is not None and draft is not merged:
            lemma = attach.lemma_.lower()
            if noun.dep_ == "dobj" and lemma in self.lex.support:  # "held talks with X", "won the election"
                slot = lemma if self.lex.role(cls, lemma) else "support"
                self._add(draft, slot, clause_subjects(attach, ctx))
            elif noun.dep_ == "pobj" and noun.head.lower_ in _TAKING_PART and self._gathering(cls):
                self._add(draft, "support", clause_subjects(attach, ctx))  # "during a meeting with X, Lavrov ..."
        if draft.place is None:
            self._tail_place(draft, noun)
        if draft.place is None and attach is not None and (noun.dep_ in {"nsubj", "nsubjpass"} and attach.lemma_ in _HAPPEN or noun.dep_ == "dobj" and attach.lemma_.lower() in self.lex.support):
            self._preps(draft, attach, places_only=True)  # "talks were held in Moscow", "held talks in Moscow"
        draft.time = draft.time or self._time_of(noun)
        if draft.time is None and attach is not None and (noun.dep_ in {"nsubj", "nsubjpass", "dobj"} or noun.dep_ == "pobj" and noun.head.lower_ in _TAKING_PART):
            draft.time = self._time_of(attach)  # "Lavrov made these remarks on Monday during discussions in Moscow"
        draft.ended = draft.ended or (attach is not None and self._same_kind(draft.cls, "Agreement") and _ends(noun, attach))
        if draft is not merged:
            self.drafts[noun.i] = draft
        self._index[noun.i] = draft

    def _gathering(self, cls: str) -> bool:
        """Meetings and visits: who speaks "during" or "after" one took part in it (not in a resignation)."""
        return self._same_kind(cls, "Meeting") or cls == "Visit"

    def _same_kind(self, a: str, b: str) -> bool:
        def root(c: str) -> str:
            while self.lex.classes[c].parent is not None:
                c = self.lex.classes[c].parent  # type: ignore[assignment]
            return c
        return root(a) == root(b)

    def _tail_place(self, draft: _Draft, noun: Token) -> None:
        """"a meeting with X, the CSTO Secretary-General in Moscow": a place that closes the noun phrase."""
        if self.lex.role(draft.cls, "in") != "place":
            return
        right = noun.right_edge
        while right.is_punct and right.i > noun.i:
            right = right.doc[right.i - 1]
        m = self.ctx.mentions.at(right)
        if m is None or m.label not in _PLACE_LABELS:
            return
        tok = right
        while tok.dep_ in {"compound", "flat"} and tok.head != tok:
            tok = tok.head
        if tok.dep_ == "pobj" and tok.head.lower_ in {"in", "at"} and tok.head.head.dep_ == "appos":
            draft.place = m

    # ------------------------------------------------------------------ time

    def _time_of(self, head: Token) -> str | None:
        """The words of a date expression that hangs on ``head``: "on Monday", "last week", "in 1989"."""
        doc = head.doc
        for child in head.children:
            if child.dep_ == "prep":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.i in self.dates and names_a_time(self.dates[pobj.i].text):
                    span = self.dates[pobj.i]
                    return doc[child.i : span.end].text
            elif child.dep_ in {"npadvmod", "tmod", "poss", "compound", "nmod"} and child.i in self.dates:
                if names_a_time(self.dates[child.i].text):  # not "after a week", "two years later"
                    return self.dates[child.i].text
        return None

    # ------------------------------------------------------------------ assertions

    def annotate(self, a: Assertion, cand: Candidate) -> Assertion:
        """The assertion with the event its trigger names and the date expression of its clause."""
        event = None
        if cand.noun is not None and cand.noun.i in self._index:
            event = self._index[cand.noun.i]
        elif cand.verb is not None and cand.verb.i in self._index and self._names_relation(cand):
            event = self._index[cand.verb.i]
        if event is not None:
            when = event.time
        elif cand.verb is not None and cand.noun is None and self._names_relation(cand):
            when = self._time_of(cand.verb)  # "he served in the Scots Guards from 1941 to 1945"
        else:
            when = None
        if event is None and when is None:
            return a
        time = "former" if event is not None and event.ended else a.time
        return replace(a, event=_key(event.trigger) if event is not None else None, when=when, time=time)

    def _names_relation(self, cand: Candidate) -> bool:
        """Whether the candidate's relation is the one its verb says ("visited" -> visits), not a role beside it."""
        verb = cand.verb
        lemma = verb.lemma_.lower()
        if not cand.mapped:
            return cand.key.split(" ")[0] == lemma
        keys = [lemma] + [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in {"prt", "prep"}]
        return any(self.ctx.lexicon.verb(k) == cand.key for k in keys)

    def records(self, assertions: Iterable[Assertion]) -> list[Event]:
        """The events, with the entities of their linked assertions as participants too."""
        linked: dict[str, list[Assertion]] = {}
        for a in assertions:
            if a.event is not None:
                linked.setdefault(a.event, []).append(a)
        quotes = self.ctx.quotes
        out = []
        for i in sorted(self.drafts):
            draft = self.drafts[i]
            for a in linked.get(_key(draft.trigger), ()):
                for slot, m in (("subject", a.subject), ("object", a.object)):
                    if m.key not in draft.participants and (draft.place is None or m.key != draft.place.key):
                        self._add(draft, slot, [(m, 0.0)])
                        if m.key in draft.participants:  # a clause rule's entity: its slot is the rule's, not the event's
                            p = draft.participants[m.key]
                            draft.participants[m.key] = Participant(p.role, p.mention, "linked")
            roles = {p.role for p in draft.participants.values()}
            entities = len(draft.participants) + (draft.place is not None)
            if entities < 2 and not roles & _PATIENT_ROLES:
                continue  # "the Taliban is interested in purchasing oil": no event between entities
            negated, modality = self._modality(draft.trigger)
            sent = quotes.sents[quotes.sent_of(draft.trigger)]
            trig = draft.trigger
            out.append(Event(
                doc_id=self.ctx.mentions.doc_id, cls=draft.cls, trigger=trig.text, start=trig.idx,
                end=trig.idx + len(trig.text),
                participants=tuple(sorted(draft.participants.values(), key=lambda p: (p.mention.start, p.role))),
                place=draft.place, time=draft.time, sentence=sent.text.strip(), sent_start=sent.start_char,
                sent_end=sent.end_char, negated=negated, modality=modality,
            ))
        return out

    def finish(self, assertions: list[Assertion]) -> tuple[list[Assertion], list[Event]]:
        """The events, and the assertions with the facts the events state added, in text order."""
        events = self.records(assertions)
        extra = self.derive(events, assertions)
        key = lambda a: (a.sent_start, a.subject.start, a.object.start, a.predicate, a.rule)  # noqa: E731
        return sorted([*assertions, *extra], key=key), events

    def derive(self, events: list[Event], assertions: list[Assertion]) -> list[Assertion]:
        """The binary facts the events state (``kg:eventRelation``) that no clause rule found.

        "X held talks with Y", "the prime minister attended Monday's meeting of the PLP": the one
        who takes part by subject, support verb or possessor, towards each one named as the object
        or by a preposition (never two partners of one list: "talks among A, B and C" relates no pair).
        """
        found = {(a.sent_start, frozenset((a.subject.key, a.object.key))) for a in assertions}
        ended = {_key(d.trigger) for d in self.drafts.values() if d.ended}
        out = []
        for e in events:
            rel = self.lex.classes[e.cls].relation
            if rel is None or e.negated:
                continue
            first, prop, second = rel
            subjects = [p.mention for p in e.participants if p.role == first and p.slot in _SUBJECT_SLOTS]
            if second == "place":
                objects = [e.place] if e.place is not None else []
            else:  # a place is where, never what: "acquired X of Blackburn"
                objects = [p.mention for p in e.participants if p.role == second and p.slot in _OBJECT_SLOTS
                           and p.mention.label not in _PLACE_LABELS
                           and not (p.slot == "of" and p.mention.label == "ORG" and self._gathering(e.cls))]
                # "attending the annual meeting of the Trilateral Commission": the body's own meeting, not one with it
            for s in subjects:
                for o in objects:
                    if s.key == o.key or (e.sent_start, frozenset((s.key, o.key))) in found:
                        continue
                    found.add((e.sent_start, frozenset((s.key, o.key))))
                    out.append(Assertion(
                        doc_id=e.doc_id, subject=s, predicate=prop, object=o, sentence=e.sentence,
                        sent_start=e.sent_start, sent_end=e.sent_end, rule=f"event:{e.cls}", confidence=0.6,
                        negated=e.negated, modality=e.modality, event=e.key, when=e.time,
                        time="former" if e.key in ended else None,
                    ))
        return out

    def _modality(self, trigger: Token) -> tuple[bool, str]:
        """Negation and modality as for the assertions the trigger states (:func:`kg.extract.modality.classify`)."""
        quotes = self.ctx.quotes
        if trigger.pos_ == "VERB":
            clause = classify(trigger, quotes)
            return clause.negated, clause.modality
        verb = governing_verb(trigger)
        negated, modality = (False, ASSERTED) if verb is None else (classify(verb, quotes).negated, classify(verb, quotes).modality)
        if trigger.dep_ not in {"dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative", "conj", "appos"}:
            negated = False  # "denied it was because of the talks": the talks are presupposed
        if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
            negated = True  # "there were no talks with X"
        if modality != HYPOTHETICAL and nominal_hypothetical(trigger):
            modality = HYPOTHETICAL
        return negated, modality


def _ends(noun: Token, verb: Token) -> bool:
    """"CPC's contract with Abu Dhabi expired", "the pact was scrapped", "X ended its accord with Y":
    the agreement the noun names is over (word list ``ending_verbs``); talks that ended took place."""
    from ..ontology import word_list

    verbs = word_list("ending_verbs")
    lemma = verb.lemma_.lower()
    phrasal = [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in {"prt", "advmod"}]
    if lemma not in verbs and not any(p in verbs for p in phrasal):
        return False
    return noun.dep_ in {"nsubj", "nsubjpass", "dobj"}


def _key(trigger: Token) -> str:
    return f"{trigger.idx}-{trigger.idx + len(trigger.text)}"


def _attach_verb(noun: Token) -> Token | None:
    """The verb a noun is an argument of, directly or through one preposition."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head if head.pos_ in {"VERB", "AUX"} and head != noun else None


def _date_spans(doc) -> dict[int, Span]:
    """Token index -> the DATE entity it belongs to."""
    out: dict[int, Span] = {}
    for ent in doc.ents:
        if ent.label_ == "DATE":
            for t in ent:
                out[t.i] = ent
    return out
