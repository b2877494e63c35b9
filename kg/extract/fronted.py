"""Fronted participial clauses: "Educated at Eton, he served ...", "Born in Leeds, Smith joined ...".

A participle that opens a sentence and has no subject of its own takes the subject of the main
clause after its comma (rule ``fronted_participle``): "Educated at Eton and at New College,
Oxford, he served ..." (he was educated at both), "Meeting in Brussels, finance ministers of the
12 eurozone countries voiced ..." (the ministers, standing for the eurozone, met in Brussels),
"Acquired by Nestle in 1992, Perrier ..." (Nestle acquired Perrier). The relation is the
ontology's for the participle's verb and preposition (``kg:trigger``: "educate at", "bear in",
"meet in"); a participle with no mapping states nothing, so "Speaking in Tokyo, Baker said ..."
gives no fact. A past participle's subject is the one it happened to, so "Asked whether ...,
Smith replied" never makes Smith the asker.

The small model often gets the clause wrong, and the rule reads its three usual parses: the
participle under the main verb (``advcl``), the participle as the root with the main clause as
its conjunct ("Educated ... , he served": a preposition of the fronted clause may then hang on
"served", so a preposition counts by where it stands, before the subject's comma), and an "-ing"
word taken for a noun subject with the real subject as its apposition ("Meeting in Brussels,
finance ministers ... voiced").

A fronted noun phrase with no verb describes the subject the same way (rule
``fronted_description``): "A native of Leeds, Smith joined ..." (born in Leeds), "A graduate of
Harvard, Jones ..." (educated there), by the describing noun's agent-noun or role relation; a
fronted "as" and a role (rule ``fronted_as_role``) is read as an apposition is: "As chairman of
Nestle, Peter Brabeck said ...", "As a member of the Senate Finance Committee, Bentsen ...".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .rules import Candidate, Context, _verb_key, entities_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

__all__ = ["Fronted", "fronted_clause", "fronted_description", "rule_fronted_as_role", "rule_fronted_description", "rule_fronted_participle"]

#: Words that may stand before the participle: "Once elected, ...", "Later educated at ...".
_LEAD_INS = frozenset({"once", "later", "also", "then", "after", "initially", "originally", "first", "since"})


@dataclass(frozen=True, slots=True)
class Fronted:
    """A fronted participial clause: its participle, its verb lemma, the main clause's subject and
    verb, and where the fronted clause ends (the comma before the subject)."""

    participle: Token
    lemma: str
    subject: Token
    host: Token
    end: int


def _lemmas(tok: Token) -> list[str]:
    """The verb lemmas an opening word can have: "Meeting" tagged as a noun is "meet"."""
    if tok.tag_ in {"VBN", "VBG"}:
        return [_verb_key(tok)]
    stem = tok.lower_[:-3]
    out = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        out.append(stem[:-1])  # "running": run
    return out


def fronted_clause(sent: Span) -> Fronted | None:
    """The fronted participial clause opening ``sent``, if it has one (module docstring)."""
    i = sent.start
    if sent[0].lower_ in _LEAD_INS and len(sent) > 1:
        i += 1
    doc = sent.doc
    p = doc[i]
    ing_noun = p.tag_ in {"NN", "NNP"} and p.lower_.endswith("ing") and p.dep_ in {"nsubj", "nsubjpass", "ROOT", "advcl", "npadvmod"}
    if p.tag_ not in {"VBN", "VBG"} and not ing_noun:
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in p.children):
        return None  # "Meeting the target is hard" has a verb of its own; "Having said that" too
    if i + 1 >= sent.end or doc[i + 1].pos_ not in {"ADP", "ADV", "NOUN", "PROPN", "DET", "ADJ", "NUM", "CCONJ"}:
        return None
    subject, host = None, None
    if p.dep_ in {"advcl", "prep"} and p.head.pos_ in {"VERB", "AUX"}:  # "Based in London, ...": parsed as a preposition
        host = p.head
        subject = next((c for c in host.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > p.i), None)
    elif p.dep_ == "ROOT" and p.tag_ in {"VBN", "VBG"}:  # "Educated at Eton, he served": the main clause as a conjunct
        host = next((c for c in p.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}), None)
        if host is not None:
            subject = next((c for c in host.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    elif ing_noun and p.dep_ in {"nsubj", "nsubjpass"}:  # "Meeting in Brussels, finance ministers ... voiced"
        host = p.head
        subject = next((c for c in p.children if c.dep_ == "appos"), None)
    if subject is None or host is None:
        return None
    end = subject.left_edge.i - 1
    if end <= p.i or doc[end].text != ",":
        return None  # the subject must follow the fronted clause's comma at once
    lemma = _lemmas(p)[0]
    return Fronted(p, lemma, subject, host, end)


#: Prepositions that join a describing noun to what it is described by: "a native of Leeds",
#: "an analyst at ING", "a director with IBM".
_DESCRIBED_BY = frozenset({"of", "at", "with", "for"})


def fronted_description(sent: Span) -> tuple[Token, Token, Token] | None:
    """A fronted verbless noun phrase describing the main clause's subject: "A native of Leeds,
    Smith joined ..." gives (native, Smith, joined)."""
    doc = sent.doc
    first = sent[0]
    noun = first if first.pos_ == "NOUN" else first.head if first.dep_ in {"det", "amod"} and first.head.pos_ == "NOUN" else None
    if noun is None or noun.dep_ not in {"advcl", "nsubj", "npadvmod", "dep"} or noun.head.pos_ not in {"VERB", "AUX"}:
        return None
    host = noun.head
    subject = next((c for c in host.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > noun.i), None)
    if subject is None or subject.left_edge.i - 1 <= noun.i or doc[subject.left_edge.i - 1].text != ",":
        return None
    if any(t.pos_ in {"VERB", "AUX"} for t in doc[sent.start : subject.left_edge.i]):
        return None  # a clause of its own
    before = doc[subject.left_edge.i - 2]
    if subject.conjuncts and before.ent_type_ and before.ent_type_ == subject.ent_type_:
        return None  # "An official at Sony, Hitachi and Toshiba said": one list, not a description and its subject
    return noun, subject, host


def _fronted_preps(f: Fronted) -> list[Token]:
    """The prepositions of the fronted clause: under the participle, or coordinated after it
    ("Educated at Eton, and at New College, ...": the second "at" may hang on the main verb)."""
    out = []
    for tok in f.participle.doc[f.participle.i + 1 : f.end]:
        if tok.dep_ != "prep":
            continue
        if tok.head == f.participle or tok.head == f.host or tok.head.dep_ == "prep" and tok.head.head == f.participle:
            out.append(tok)
    return out


def rule_fronted_description(ctx: Context) -> Iterator[Candidate]:
    """"A native of Leeds, Smith joined ...", "A graduate of Harvard, Jones ...", "A former member
    of the Labour Party, Smith ...": the describing noun's relation (``kg:agentNoun``, else
    ``kg:roleTrigger``) for the main clause's subject, whatever that clause says of it; "former"
    keeps it in the past."""
    for sent in ctx.doc.sents:
        found = fronted_description(sent)
        if found is None:
            continue
        noun, subject, _ = found
        lemma = noun.lemma_.lower()
        prop = ctx.lexicon.agent(lemma) or ctx.lexicon.role(lemma)
        if prop is None:
            continue
        time = "former" if any(c.lower_ in {"former", "ex", "onetime", "one-time"} for c in noun.children) else None
        subjects = entities_of(subject, ctx)
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _DESCRIBED_BY):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for o, po in entities_of(pobj, ctx):
                    for s, ps in subjects:
                        yield Candidate(s, prop, o, "fronted_description", 0.7 - ps - po, None, mapped=True, time=time)


def rule_fronted_as_role(ctx: Context) -> Iterator[Candidate]:
    """"As chairman of Nestle, Peter Brabeck said ...", "As Foreign Secretary, Jack Straw visited
    Iran": the main clause's subject holds the role, read as an apposition is (kg.extract.roles)."""
    from .roles import _appos_facts

    for sent in ctx.doc.sents:
        first = sent[0]
        if first.lower_ != "as" or first.dep_ != "prep" or first.head.pos_ not in {"VERB", "AUX"}:
            continue
        role = next((c for c in first.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}), None)
        host = first.head
        subject = next((c for c in host.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > first.i), None)
        if role is None or subject is None or subject.left_edge.i - 1 <= role.i or ctx.doc[subject.left_edge.i - 1].text != ",":
            continue
        if ctx.mentions.at(role) is not None and ctx.mentions.at(role).label != "POSITION":
            continue  # "As Nestle said, ...": a name, no role
        for holder, penalty in entities_of(subject, ctx):
            if holder.label == "PERSON":
                yield from _appos_facts(ctx, holder, role, "fronted_as_role", 0.8 - penalty, host)


def rule_fronted_participle(ctx: Context) -> Iterator[Candidate]:
    """"Educated at Eton, he served ...", "Born in Leeds, Smith ...", "Meeting in Brussels, EU
    ministers ...", "Acquired by Nestle in 1992, Perrier ...": the participle's relation for the
    main clause's subject (module docstring)."""
    for sent in ctx.doc.sents:
        f = fronted_clause(sent)
        if f is None:
            continue
        ctx.fronted.add(f.participle.i)  # the clause rules leave it to this rule
        subjects = entities_of(f.subject, ctx)
        if not subjects:
            continue
        verb = f.participle if f.participle.pos_ in {"VERB", "AUX"} else f.host
        lemmas = _lemmas(f.participle)
        for prep in _fronted_preps(f):
            passive = [f"be {lemma} {prep.lower_}" for lemma in lemmas] if f.participle.tag_ == "VBN" else []  # "Based in London": is based in
            key = next((k for k in [*(f"{lemma} {prep.lower_}" for lemma in lemmas), *passive] if ctx.lexicon.verb(k) is not None), None)
            if key is None:
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for s, ps in subjects:
                    for o, po in entities_of(pobj, ctx):
                        yield Candidate(s, key, o, "fronted_participle", 0.7 - ps - po, verb)
        if f.participle.tag_ != "VBN":
            continue
        agent = next((c for c in f.participle.children if c.dep_ == "agent"), None)
        if agent is None:
            continue
        by = f"{f.lemma} by"
        for pobj in (c for c in agent.children if c.dep_ == "pobj"):
            for a, pa in entities_of(pobj, ctx):
                for s, ps in subjects:
                    if ctx.lexicon.verb(by) is not None:  # "Interviewed by the BBC, Howard said": Howard speaks to it
                        yield Candidate(s, by, a, "fronted_participle", 0.7 - ps - pa, verb)
                    elif ctx.lexicon.verb(f.lemma) is not None:  # "Acquired by Nestle, Perrier ...": Nestle acquired it
                        yield Candidate(a, f.lemma, s, "fronted_participle", 0.7 - ps - pa, verb)
