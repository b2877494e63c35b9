"""Prepositional objects: "met with X", "is engaged with the Taliban", "exports to Y", and stakes.

A stake names what it is in ("holds 2% of Deutsche Boerse", "raised its stake in X to 19.9
pct"); a percentage with no "of" is in the company the last stake before it was in
(``elided_stake``). Only a verb of holding or getting a stake (``ontology/lexicon/stake_verbs.txt``)
says it is held: a stake offered, needed or sought is not.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..ontology import word_list
from .rules import (
    _CIRCUMSTANTIAL,
    _PARTNER,
    TAKE_TO_FORUM,
    Candidate,
    Context,
    _verb_key,
    clause_subjects,
    entities_of,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["rule_prep_object"]

#: What a stake is counted in: "19.6 pct of Viacom's stock" is a stake in Viacom.
_EQUITY = frozenset({"stock", "share", "shares", "equity", "capital", "stake"})
_DIVEST = frozenset({"sell", "divest", "dispose", "offload", "unload", "dump"})
#: Nouns that a stake or share is counted in: "holds 2% of Deutsche Boerse", "a 20 percent stake in X".
_STAKES = frozenset({"stake", "stakes", "share", "shares", "%", "percent", "pct", "per", "rest", "remainder", "balance", "holding", "holdings", "interest", "part", "majority", "control"})


def _owed_to(dobj: Token, prep: Token) -> bool:
    """Whether "to" comes right after an object ending in a noun whose "to" phrase it is ("loans
    to Brazil", "its debt to the bank": word list ``recipient_nouns``)."""
    last = dobj.right_edge
    return prep.i == last.i + 1 and last.pos_ == "NOUN" and (last.lemma_.lower() in word_list("recipient_nouns") or last.lower_ in word_list("recipient_nouns"))


def rule_prep_object(ctx: Context) -> Iterator[Candidate]:
    """Prepositional object: "met with X", "is engaged with the Taliban", "exports to Y"."""
    for verb in ctx.verbs:
        if verb.i in ctx.fronted:
            continue  # "Educated at Eton, he ...": rule fronted_participle's
        preps = [c for c in verb.children if c.dep_ == "prep"]
        acomp = next((c for c in verb.children if c.dep_ == "acomp"), None)
        if acomp is not None:
            preps += [c for c in acomp.children if c.dep_ == "prep"]
        dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        stake = dobj is not None and (dobj.lower_ in _STAKES or dobj.lemma_.lower() in _STAKES) \
            and not any(c.dep_ == "compound" and c.lower_ == "market" for c in dobj.children)  # "its market share in Germany"
        stake_preps = [c for c in dobj.children if c.dep_ == "prep" and c.lower_ in {"of", "in"}][:1] if stake else []  # not "..., of Ottawa"
        preps += stake_preps  # "holds 2% of Deutsche Boerse", "bought a 20 percent stake in X": the stake is in X
        if stake and not stake_preps:  # "raised its stake in X to 19.9 pct": the parser hung "in X" on the verb
            stake_preps = [c for c in preps if c.lower_ in {"of", "in"} and c.i == dobj.right_edge.i + 1]
        if stake and not stake_preps and verb.lemma_.lower() in word_list("stake_verbs"):
            yield from _elided_stake(ctx, verb, dobj)

        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        if passive:  # "was signed by all 25 EU members in Rome": the parser hangs the place on the signers
            preps += [c for a in verb.children if a.dep_ == "agent" for n in a.children if n.dep_ == "pobj" and n.pos_ == "NOUN"
                      and ctx.mentions.at(n) is None for c in n.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}]
        if not preps:
            continue
        subjects = clause_subjects(verb, ctx)
        patient_only = not subjects and verb.tag_ == "VBN" and (verb.dep_ == "advcl" or verb.dep_ == "ROOT" and verb.i == verb.sent.start)
        if patient_only:  # "Interviewed on BBC Radio 2, Mr Howard said": the one interviewed, for a trigger that means it
            # "Educated at Eton, he served ...": the parser may make the participle the root, the clause its conjunct
            host = verb.head if verb.dep_ == "advcl" else next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
            subjects = [(m, p + 0.05) for m, p in clause_subjects(host, ctx)] if host is not None else []
        if not subjects:
            continue
        noun_prop = ctx.lexicon.noun(dobj.lemma_.lower()) or ctx.lexicon.noun(dobj.lower_) if dobj is not None else None
        for prep in preps:
            in_stake = prep in stake_preps
            prep, phrase = _complex_preposition(prep)
            key = f"{_verb_key(verb)} stake in" if in_stake else f"{_verb_key(verb)} {phrase}"
            if in_stake and ctx.lexicon.verb(key) is None:  # "raised its stake in X": X is partly its
                if verb.lemma_ in _DIVEST:
                    key = "sell"
                elif verb.lemma_.lower() in word_list("stake_verbs"):
                    key = "hold stake in"
                else:
                    continue  # "offered a stake in the company", "needs a 25 pct stake in X": nobody holds it yet
            elif stake and not in_stake:
                continue  # "offered a stake in the company to eight U.S. firms": the firms are not the stake's
            mapped = ctx.lexicon.verb(key) is not None
            if verb.lemma_ == "meet" and dobj is not None and dobj.lemma_.lower() in word_list("met_objects"):
                continue  # "Pakistan has met its trade gap ... in the Gulf": satisfied, no meeting
            if patient_only and not mapped:
                continue
            if not mapped and noun_prop == "sells" and prep.lower_ == "to":
                continue  # "completed the sale of its division to X": X is the buyer, not what was sold
            if not mapped and noun_prop is not None and prep.lower_ == "to" and verb.lemma_.lower() in TAKE_TO_FORUM:
                continue  # "brought the dispute to the GATT": the forum, no party to it
            if not mapped and noun_prop is not None and prep.lower_ in _PARTNER and prep.i > dobj.i:
                # "deepen engagement with Kabul": the preposition belongs to the event noun
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    for s, ps in subjects:
                        for o, po in entities_of(pobj, ctx):
                            yield Candidate(s, noun_prop, o, "event_noun", 0.65 - ps - po, verb, mapped=True)
                continue
            if not mapped and (prep.lower_ in _CIRCUMSTANTIAL or passive):
                continue
            if not mapped and prep.lower_ == "to" and dobj is not None and _owed_to(dobj, prep):
                continue  # "classified 1.3 billion dlrs in loans to Brazil": Brazil got the loans (rule noun_attachment)
            thing = _thing(verb, dobj)
            if not mapped and thing is not None and thing.i < prep.i:
                key = f"{_verb_key(verb)} {thing.lemma_.lower()} {phrase}"  # "ran surpluses with the U.S.": "run surplus with", not "run with"
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if stake and pobj.lemma_.lower() in _EQUITY:  # "19.6 pct of Viacom's stock"
                    pobj = next((c for c in pobj.children if c.dep_ in {"poss", "compound"} and ctx.mentions.at(c) is not None), pobj)
                for s, ps in subjects:
                    for o, po in entities_of(pobj, ctx):
                        yield Candidate(s, key, o, "prep_object", 0.75 - ps - po, verb)


def _elided_stake(ctx: Context, verb: Token, dobj: Token) -> Iterator[Candidate]:
    """"Atticus, holding 2% of Deutsche Boerse, wants ... And TCI, which holds about 5%, ...": a
    percentage held with no "of" is of the company the last stake before it, in this sentence or
    the one before, was in."""
    if dobj.lower_ not in {"%", "percent", "pct"} and not any(c.lower_ in {"%", "percent", "pct"} for c in dobj.subtree):
        return
    doc = ctx.doc
    start = doc[verb.sent.start - 1].sent.start if verb.sent.start > 0 else verb.sent.start
    for t in reversed(doc[start : dobj.left_edge.i]):
        of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in {"of", "in"}), None) if t.lower_ in _STAKES else None
        targets = [m for c in of.children if c.dep_ == "pobj" and (m := ctx.mentions.at(c)) is not None and m.label == "ORG"] if of is not None else []
        if targets:
            for s, ps in clause_subjects(verb, ctx):
                if s.key != targets[0].key:
                    yield Candidate(s, "hold stake in", targets[0], "elided_stake", 0.6 - ps, verb)
            return


def _thing(verb: Token, dobj: Token | None) -> Token | None:
    """The common noun a verb acts on, which an open relation's name keeps: "surpluses" in "ran
    trade surpluses with the U.S." and in "the surpluses that Taiwan ran with the U.S."."""
    if dobj is not None and dobj.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
        dobj = verb.head
    if dobj is None or dobj.pos_ != "NOUN" or any(c.dep_ in {"nummod", "quantmod"} or c.like_num for c in dobj.children):
        return None  # "paid 217 mln dlrs to GenCorp": a sum is no thing a relation is named by
    return dobj if dobj.lower_ not in {"amount", "sum", "total", "number"} else None


def _complex_preposition(prep: Token) -> tuple[Token, str]:
    """The preposition whose object is the verb's argument, and the words of the whole
    preposition: "in favour of the Bill" is (of, "in favour of"); "in Moscow" is (in, "in")."""
    for noun in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
        for inner in (c for c in noun.children if c.dep_ == "prep"):
            phrase = f"{prep.lower_} {noun.lower_} {inner.lower_}"
            if phrase in word_list("complex_prepositions"):
                return inner, phrase
    return prep, prep.lower_
