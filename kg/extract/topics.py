"""Policies an article is about: "plans for ID cards" ... "the ID cards plan" ... "the strategy".

The NER names people, bodies and places, not the policies political news argues over. A noun
phrase is a policy topic (label ``TOPIC``, class ``kg:Thing``) when the article introduces it as
what a plan is for ("plans for ID cards", "a scheme for road pricing": a plan noun of
``ontology/lexicon/plan_nouns.txt`` with "for", "on" or "of") and names it again and again (three
noun phrases headed by it, the headline's included); a lone word ("plans for expansion") or a
phrase with a name in it is none. Every occurrence of its words is then a mention, in the
singular or the plural ("ID cards", "the ID cards plan", "a separate ID card"; a topic with no
acronym in it, "a general strike", is the article's own, not merged with another article's),
and so, once the other descriptions are resolved, is "the plans", "the strategy" or "the
government's plans" when the article has that one topic (coreference rule ``topic-plan``).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..ontology import word_list
from ._doc import tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from .mentions import DocMentions

__all__ = ["policy_topics", "resolve_plans", "TOPIC"]

TOPIC = "TOPIC"
#: Times the article must name a topic (noun phrases headed by its words).
_MIN_NAMED = 3
#: Modifiers that are part of a topic's words: "ID" in "ID cards", "road" in "road pricing".
_PARTS = frozenset({"compound", "amod", "nmod"})


def _words(chunk: Span) -> tuple[Token, ...] | None:
    """The modifiers and head of a noun phrase that could be a topic, or None."""
    root = chunk.root
    if root.pos_ != "NOUN":
        return None
    words = tuple(t for t in chunk if t.i != root.i and t.dep_ in _PARTS and t.head.i == root.i and not t.is_punct) + (root,)
    if len(words) < 2 or any(t.ent_type_ or t.like_num or t.lower_ in word_list("topic_not_words") for t in words) \
            or root.lemma_.lower() in word_list("topic_not_words"):
        return None  # a name, an amount or unit ("300 mln dlrs"), a group ("developing countries")
    if words[0].i + len(words) - 1 != root.i:
        return None  # the words must be one run ("ID cards"), not "cards, ID and other"
    return words


def _key(words: tuple[Token, ...]) -> str:
    return " ".join([t.lower_ for t in words[:-1]] + [words[-1].lemma_.lower()])


def policy_topics(doc: Doc, dm: DocMentions) -> None:
    """Add a ``TOPIC`` mention for every occurrence of a policy the article is about (see module docs)."""
    plans = word_list("plan_nouns")
    if not any(t.lemma_.lower() in plans and any(c.dep_ == "prep" and c.lower_ in {"for", "on", "of"} for c in t.children)
               for t in tokens(doc)):
        return  # no plan for anything: most articles (noun chunks cost a fifth of a millisecond a document)
    named: Counter[str] = Counter()
    planned: set[str] = set()
    for chunk in doc.noun_chunks:
        words = _words(chunk)
        if words is None or any(dm.at(t) is not None for t in words):
            continue
        key = _key(words)
        named[key] += 1
        root = chunk.root
        if root.dep_ == "pobj" and root.head.lower_ in {"for", "on", "of"} and root.head.head.lemma_.lower() in plans:
            planned.add(key)
    topics = sorted(k for k in planned if named[k] >= _MIN_NAMED)
    if not topics:
        return
    toks = tokens(doc)
    for key in topics:
        first, last = key.split()[:-1], key.split()[-1]
        n = len(first) + 1
        runs = [toks[i : i + n] for i in range(len(toks) - n + 1)]
        runs = [r for r in runs if [t.lower_ for t in r[:-1]] == first and r[-1].lemma_.lower() == last and all(dm.at(t) is None for t in r)]
        # "ID cards" (an acronym in it) is one policy wherever it is named; "a general strike" or
        # "Land reform" at the start of a sentence is this article's: another's is another strike
        scoped = key if any(t.is_upper and len(t) > 1 for r in runs for t in r[:-1]) else f"{key} #{dm.doc_id}"
        for r in runs:
            dm.add(doc[r[0].i : r[-1].i + 1], TOPIC, key=scoped)


def resolve_plans(doc: Doc, dm: DocMentions) -> None:
    """"the plans", "the strategy", "the government's plans": the article's one topic, after it
    was introduced (coreference rule ``topic-plan``)."""
    topics = {m.key for m in dm.mentions if m.label == TOPIC}
    if len(topics) != 1:
        return
    first = min((m for m in dm.mentions if m.label == TOPIC), key=lambda m: m.start)
    key = next(iter(topics))
    refs = word_list("plan_nouns") | word_list("plan_references")
    for tok in tokens(doc):
        if tok.idx <= first.start or tok.pos_ != "NOUN" or tok.lemma_.lower() not in refs or dm.at(tok) is not None:
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" or c.dep_ == "poss" for c in tok.children):
            continue  # "a plan", "plans": some plan, not the one the article is about
        if any(c.dep_ in {"prep", "compound", "amod", "acl", "relcl", "appos"} and c.lower_ not in {"controversial", "new"}
               for c in tok.children):
            continue  # "the plans for X", "the tax plans", "the strategy of ...": another plan
        new = dm.add(doc[tok.i : tok.i + 1], TOPIC, key=key, text=first.text)
        dm.coref[new] = "topic-plan"
