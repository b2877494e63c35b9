"""Where a company does business, told by what it does there (rule ``activity_in_place``).

A noun for a company's activity (``ontology/lexicon/activity_nouns.txt``: sales, operations,
business, performance, presence, ...) with "in" and a place says the company operates there
(``operatesIn``), for every place of a list: "its operations in Brazil", "Nestle's business in
India", "Unilever sales in Europe and Asia rose". Whose activity it is comes from the phrase or
from the clause it stands in, and must be an organisation:

- the noun's possessor or a name before it ("its operations", "Nestle sales");
- else, for a noun that is the object or the prepositional argument of a clause, the clause's
  subject or that subject's possessor: "Nestle reported strong sales in Asia", "Nestle's
  profit margins were helped by a strong performance in the Americas and China".

A noun that is the subject of its clause ("sales in Europe rose") names no owner and states
nothing. Selling, closing or leaving the activity ("sold its business in India", "closed its
operations in Chile") says it is over, and states nothing either.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import places
from ..ontology import word_list
from .rules import Candidate, Context, clause_subjects, entities_of, governing_verb

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["rule_activity_in_place"]

#: Verbs that end what a company does somewhere: it operates there no longer.
_ENDING = frozenset({"sell", "close", "shut", "divest", "exit", "quit", "end", "abandon", "wind", "dispose", "spin", "withdraw", "pull", "scrap", "stop", "halt", "suspend", "cease", "lose"})
#: Labels a place of business may have.
_PLACES = frozenset({"GPE", "LOC"})


def _company(m) -> bool:
    """An organisation (the NER takes some firms for a people, never a country's demonym)."""
    return m.label == "ORG" or m.label == "NORP" and places.country(m.text, demonyms=True) is None


def _owners(noun: Token, ctx: Context) -> list:
    """Whose activity ``noun`` is (module docstring), organisations only."""
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "nmod"} and ctx.mentions.at(child) is not None:
            return [(m, p) for m, p in entities_of(child, ctx) if _company(m)]
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ in {"prep", "agent"}:
        head = head.head
    elif noun.dep_ not in {"dobj", "conj"}:
        return []
    if head.pos_ not in {"VERB", "AUX"}:
        return []
    found = [(m, p + 0.05) for m, p in clause_subjects(head, ctx) if _company(m)]
    if found:
        return found
    subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    owner = next((c for c in subj.children if c.dep_ == "poss"), None) if subj is not None else None
    return [(m, p + 0.1) for m, p in entities_of(owner, ctx) if _company(m)] if owner is not None else []


def rule_activity_in_place(ctx: Context) -> Iterator[Candidate]:
    """"its operations in Brazil", "a strong performance in the Americas and China": the
    company operates in each place (module docstring)."""
    nouns = word_list("activity_nouns")
    for noun in ctx.nouns:
        if noun.lower_ not in nouns and noun.lemma_.lower() not in nouns:
            continue
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "in"]
        if not preps:
            continue
        verb = governing_verb(noun)
        if verb is not None and verb.lemma_.lower() in _ENDING:
            continue  # "sold its business in India"
        found = [(m, p) for prep in preps for pobj in prep.children if pobj.dep_ == "pobj"
                 for m, p in entities_of(pobj, ctx) if m.label in _PLACES]
        if not found:
            continue
        for s, ps in _owners(noun, ctx):
            for o, po in found:
                if s.key != o.key:
                    yield Candidate(s, "operatesIn", o, "activity_in_place", 0.65 - ps - po, verb, mapped=True, noun=noun)
