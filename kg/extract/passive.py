"""Passive clauses with an agent (rule ``passive_agent``): "X was criticised by Y" is Y criticises X.

The agent is found where the parser hung it, also when it hung "by" on a noun ("was shot and
killed by X") or on the wrong verb; a clause that asks a question states nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .modality import subject_of
from .rules import Candidate, Context, _verb_key, entities_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["rule_passive_agent"]


def rule_passive_agent(ctx: Context) -> Iterator[Candidate]:
    """Passive with an agent: "X was criticised by Y" is Y criticises X."""
    for verb in ctx.verbs:
        if verb.pos_ != "VERB":
            continue
        patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if patient is None and verb.dep_ == "acl":  # "a bloc led by Russia"
            patient = verb.head
        if patient is None and verb.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in verb.children):
            patient = subject_of(verb.head)  # "Sullivan has spent two days being cross-examined by lawyers for Ebbers"
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is None and patient is not None and verb.tag_ == "VBN":
            agent = _misplaced_agent(verb)
        if patient is None or agent is None:
            continue
        key = _verb_key(verb)
        if ctx.lexicon.verb(key) == "urges" and _asks_a_question(verb):
            continue  # "Kondo was asked by Volcker what Japan could do": a question, not a demand
        for pobj in (c for c in agent.children if c.dep_ == "pobj"):
            agents = entities_of(pobj, ctx)
            keys = {m.key for m, _ in agents}
            for s, ps in agents:
                for o, po in entities_of(patient, ctx):
                    if o.key not in keys:  # "a group led by Bass and Lindner" stands for them: no one leads another
                        yield Candidate(s, key, o, "passive_agent", 0.75 - ps - po, verb)


def _asks_a_question(verb: Token) -> bool:
    """"asked what/whether/if ...": the clause asked for is a question."""
    return any(c.dep_ in {"ccomp", "xcomp", "dobj", "dep"} and any(w.tag_ in {"WDT", "WP", "WRB"} or w.lower_ in {"if", "whether"} for w in c.subtree if w.i < c.i + 3)
               for c in verb.children if c.i > verb.i)


def _misplaced_agent(verb: Token) -> Token | None:
    """"was joined at the launch by X": the parser hung the agent's "by" on the noun before it."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"at", "in", "on", "during"}):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            by = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            if by is not None and any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in by.children):
                return by
    return None
