"""Who said what: attribution of statements to their speakers.

"Lavrov said that X ...", "“...,” Putin said", "according to X, ...": each is the speaker's
own statement. The facts inside it are found by the clause rules and carry the speaker and
modality "reported" (:func:`kg.extract.modality.classify`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Mention
from .modality import SPEECH_VERBS
from .rules import Candidate, Context, clause_subjects, entities_of

__all__ = ["rule_attribution"]

#: Most entities one statement is said to be about; more is a list, not a topic.
_MAX_ABOUT = 8


def _about(tokens, ctx: Context, speakers: list[tuple[Mention, float]]) -> list[Mention]:
    """The entities a statement names, once each, without its speakers and positions."""
    keys = {m.key for m, _ in speakers}
    out: dict[str, Mention] = {}
    for t in tokens:
        m = ctx.mentions.at(t)
        if m is None or m.key in keys or m.key in out or t.i in ctx.mentions.datelines:
            continue
        out[m.key] = m
    return list(out.values())[:_MAX_ABOUT]


def rule_attribution(ctx: Context) -> Iterator[Candidate]:
    """"Lavrov said that X ...", "“...,” Putin said", "according to X, ...": the speaker's own
    statement, stored as ``states`` from the speaker to each entity the statement names.

    The facts inside the statement are found by the clause rules and carry the speaker and
    modality "reported" (:func:`kg.extract.modality.classify`).
    """
    doc = ctx.doc
    done: set[int] = set()
    for verb in ctx.verbs:
        if verb.lemma_ not in SPEECH_VERBS or verb.pos_ != "VERB":
            continue
        content = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"} or (c.dep_ == "xcomp" and c.pos_ == "VERB")]
        if not content:
            continue
        speakers = clause_subjects(verb, ctx)
        tokens = [t for c in content for t in c.subtree]
        for s, ps in speakers:
            for o in _about(tokens, ctx, speakers):
                yield Candidate(s, "states", o, "attribution", 0.7 - ps, verb, mapped=True)
        done.add(verb.i)
    for start, end, verb in ctx.quotes.spans if ctx.quotes is not None else ():
        if verb is None or verb.i in done:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        speakers = clause_subjects(verb, ctx)
        for s, ps in speakers:
            for o in _about(span, ctx, speakers):
                yield Candidate(s, "states", o, "quotation", 0.7 - ps, verb, mapped=True)
    for tok in ctx.tokens:  # "according to Russian officials, instability ... could ..."
        if tok.lower_ != "according" or tok.dep_ != "prep":
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), tok)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        speakers = entities_of(pobj, ctx)
        inside = set(t.i for t in tok.subtree)
        tokens = [t for t in tok.head.subtree if t.i not in inside]
        for s, ps in speakers:
            for o in _about(tokens, ctx, speakers):
                yield Candidate(s, "states", o, "according_to", 0.65 - ps, None, mapped=True)
