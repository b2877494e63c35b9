"""A role description the next sentence names: "The former chief financial officer at US telecoms
firm WorldCom has finished giving evidence at the trial of his ex-boss Bernie Ebbers. Scott
Sullivan admitted to jurors ..." (coreference rule ``described-role``, read forward).

News often describes a person first and names them after. A definite or possessive description
headed by a role noun ("the former chief financial officer", "the European Union's monetary
affairs commissioner"), the subject of its sentence, no name of a person in it, its noun not used
before (then it is "one diplomat" said before, not the next one named), is the person the
very next sentence has for subject or speaker when that person is named there for the first time
and the article gives them no other office (an analyst introduced with his own role is someone
else). Resolved before pronouns, so that "his ex-boss" is the described person's boss.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ontology import load_lexicon
from .mentions import normalise
from .modality import SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from .mentions import DocMentions

__all__ = ["named_after"]


def _description(sent: Span, dm: DocMentions) -> tuple[int, Token] | None:
    """(first word, head) of the sentence's subject when it is an unnamed role description."""
    subj = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN" or subj.tag_ != "NN" or dm.at(subj) is not None or subj.conjuncts:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" or c.dep_ == "poss" and c.tag_ != "PRP$" for c in subj.children):
        return None  # "a spokesman", "his deputy": someone, not one described person
    start = subj.i
    while start > sent.start and sent.doc[start - 1].head.i == subj.i and sent.doc[start - 1].dep_ in {"amod", "compound"} \
            and dm.at(sent.doc[start - 1]) is None:
        start -= 1
    words = normalise(sent.doc[start : subj.i + 1].text)
    lexicon = load_lexicon()
    if not (lexicon.role(words) or lexicon.role(subj.lower_)):
        return None
    if any((m := dm.at(t)) is not None and m.label == "PERSON" for t in subj.subtree):
        return None
    return start, subj


def _named(sent: Span, dm: DocMentions) -> Token | None:
    """The person a sentence has for subject, or for the speaker of its quotation."""
    subj = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
    if subj is not None and (m := dm.at(subj)) is not None and m.label == "PERSON":
        return subj
    for frame in (c for c in sent.root.children if c.dep_ in {"parataxis", "ccomp"} and c.lemma_ in SPEECH_VERBS):
        speaker = next((c for c in frame.children if c.dep_ == "nsubj"), None)  # '"I welcome his words," said Almunia'
        if speaker is not None and (m := dm.at(speaker)) is not None and m.label == "PERSON":
            return speaker
    return None


def _own_role(tok: Token, dm: DocMentions) -> bool:
    """Whether the sentence that names the person gives them a role or a body: "John Smith, an
    analyst at X", "analyst John Smith", "Morgan Stanley's David Hill"."""
    lexicon = load_lexicon()
    span = dm.span_of(dm.at(tok))
    before = tok.doc[span.start - 1] if span is not None and span.start > tok.sent.start else None
    if before is not None and before.pos_ in {"NOUN", "PROPN"} and (lexicon.role(before.lower_) or lexicon.agent(before.lower_)):
        return True
    if before is not None and before.tag_ == "POS":
        return True  # "First Boston's analyst was unavailable. Morgan Stanley's David Hill said": another firm's
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in tok.children)


def named_after(doc: Doc, dm: DocMentions) -> None:
    """Give a role description the person the next sentence names (see the module docs)."""
    sents = list(doc.sents)
    for sent, after in zip(sents, sents[1:]):
        found = _description(sent, dm)
        if found is None:
            continue
        start, head = found
        if any(t.lemma_.lower() == head.lemma_.lower() for t in doc[: head.left_edge.i]):
            continue  # "One diplomat said ... the diplomat said. De Clercq told journalists": the one before
        tok = _named(after, dm)
        if tok is None:
            continue
        person = dm.at(tok)
        if _own_role(tok, dm) or any(m.key == person.key and m.start < after.start_char for m in dm.mentions):
            continue  # named before, or with an office of their own: someone else
        new = dm.add(doc[start : head.i + 1], "PERSON", key=person.key, text=doc[head.left_edge.i : head.i + 1].text)
        dm.coref[new] = "described-role"
