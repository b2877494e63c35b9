"""Membership stated by service, by company and by name: "served in the Scots Guards", "the rest
of the Cabinet", "the Parliamentary Labour Party".

- ``served_in``: a verb of serving (``ontology/lexicon/service_verbs.txt``: serve, sit, enlist)
  with "in", "on" or "with" a named organisation: "he served in the Scots Guards", "served two
  terms in the Senate", "sat on the board of Nestle" (a board stands for its organisation, as it
  does for every rule), "served with the Royal Marines". Only an organisation counts: "served in
  Vietnam" says where, and "served in the Israeli army" names no organisation of its own;
- ``rest_of_group``: "Mr Straw, along with the rest of the Cabinet, will back ...", "Blair and
  the rest of the cabinet": the one named beside "the rest of" a body is one of its members;
- ``qualified_part``: "the Parliamentary Labour Party" is part of Labour when the article names
  Labour (``ontology/lexicon/group_qualifiers.txt``), stating ``partOf``.

The first two state ``memberOf``; the clause of ``served_in`` decides its negation and modality, while
"the rest of" describes its members whatever the clause says of them ("will back").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..ontology import word_list
from .rules import Candidate, Context, clause_subjects, entities_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["SERVICE_RULES", "rule_qualified_part", "rule_rest_of_group", "rule_served_in"]

#: Prepositions that name where one serves: "in the army", "on the board", "with the Marines".
_SERVICE_PREPS = frozenset({"in", "on", "with"})
#: Objects a verb of serving may have besides its organisation: "served two terms in the Senate".
_SPELLS = frozenset({"term", "terms", "year", "years", "stint", "stints", "month", "months", "spell", "tour", "tours"})
#: Who can be a member: people, bodies, countries.
_MEMBERS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Words for what is left of a body once some are named: "the rest of the Cabinet".
_REST = frozenset({"rest", "remainder"})


def _organisations(tok: Token, ctx: Context):
    """The named organisations a noun stands for ("the board of Nestle": Nestle)."""
    return [(m, p) for m, p in entities_of(tok, ctx) if m.label == "ORG"]


def rule_served_in(ctx: Context) -> Iterator[Candidate]:
    """"served in the Scots Guards", "sat on the board of X": the subject is a member (module docstring)."""
    verbs = word_list("service_verbs")
    for verb in ctx.verbs:
        if verb.lemma_.lower() not in verbs or verb.pos_ != "VERB":
            continue
        objs = [c for c in verb.children if c.dep_ in {"dobj", "attr", "oprd"}]
        if any(o.lemma_.lower() not in _SPELLS and o.lower_ not in _SPELLS for o in objs):
            continue  # "served a sentence in Leavenworth", "sat the exam"
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            continue  # "the drinks were served in the Commons"
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in _SERVICE_PREPS]
        if not preps:
            continue
        subjects = [(m, p) for m, p in clause_subjects(verb, ctx) if m.label in _MEMBERS]
        for prep in preps:
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for o, po in _organisations(pobj, ctx):
                    for s, ps in subjects:
                        if s.key != o.key:
                            yield Candidate(s, "memberOf", o, "served_in", 0.7 - ps - po, verb, mapped=True)


def _beside(rest: Token, ctx: Context) -> list:
    """Who is named beside "the rest of X": "X, along with the rest", "X and the rest"."""
    found = []
    if rest.dep_ == "conj" or any(c.dep_ == "conj" for c in rest.children):  # "Blair and the rest of the cabinet"
        found += [(m, p) for t in rest.conjuncts for m, p in entities_of(t, ctx) if ctx.mentions.at(t) is not None]
        return found
    prep = rest.head
    if rest.dep_ != "pobj" or prep.lower_ != "with":
        return found
    if prep.head.lower_ in {"along", "together"} and prep.head.dep_ in {"prep", "advmod"}:
        prep = prep.head
    host = prep.head
    if host.pos_ in {"VERB", "AUX"}:  # "Mr Straw, along with the rest of the Cabinet, will back ..."
        found += clause_subjects(host, ctx)
    elif ctx.mentions.at(host) is not None:  # "Mr Straw, along with the rest of the Cabinet"
        found += entities_of(host, ctx)
    return found


def rule_rest_of_group(ctx: Context) -> Iterator[Candidate]:
    """"Mr Straw, along with the rest of the Cabinet, ...": Straw is a member of the Cabinet."""
    for rest in ctx.nouns:
        if rest.lower_ not in _REST:
            continue
        group = [(m, p) for prep in rest.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for pobj in prep.children if pobj.dep_ == "pobj" for m, p in _organisations(pobj, ctx)]
        if not group:
            continue
        for s, ps in _beside(rest, ctx):
            if s.label not in _MEMBERS:
                continue
            for o, po in group:
                if s.key != o.key:
                    yield Candidate(s, "memberOf", o, "rest_of_group", 0.65 - ps - po, None, mapped=True)  # whatever the clause says of them


def rule_qualified_part(ctx: Context) -> Iterator[Candidate]:
    """"the Parliamentary Labour Party" and "Labour" in one article: the first is part of the second."""
    qualifiers = word_list("group_qualifiers")
    by_key = {}
    for m in ctx.mentions.mentions:
        if m.label in {"ORG", "NORP"} and m.text.lower() not in {"it", "its", "they", "their"}:
            by_key.setdefault(m.key, m)
    for m in list(by_key.values()):
        words = m.key.split()
        if len(words) < 2 or words[0] not in qualifiers:
            continue
        rest = words[1:]
        whole = by_key.get(" ".join(rest)) or (by_key.get(" ".join(rest[:-1])) if len(rest) > 1 and rest[-1] == "party" else None)
        if whole is not None and whole.key != m.key:
            yield Candidate(m, "partOf", whole, "qualified_part", 0.7, None, mapped=True)


SERVICE_RULES = (rule_served_in, rule_rest_of_group, rule_qualified_part)
