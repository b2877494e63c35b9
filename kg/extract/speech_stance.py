"""Stances said in statements (rule ``stance_speech``): what a speaker's own words find fault with.

- a statement whose clause finds fault with what a named party is or does, in words of
  ``fault_words.txt``: "Chirac said the Socialists' plan was deeply flawed" -> Chirac criticizes
  the Socialists (reported: it is said), "the party's sums do not add up" (a fault said by
  negation); only the predicate of the statement's own clauses counts, never a denial or a
  negated clause;
- a statement that a named thing ought to be undone (``undoing_verbs.txt``): '"They need to
  rethink the bill"' -> the speaker opposes the bill; the thing itself, never its owner, never
  the speaker's own act.

Split from :mod:`kg.extract.stance`, whose targets and fault words it reads.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from ..ontology import word_list
from ..records import Mention, Statement
from .rules import Candidate, Context, entities_of
from .stance import faults, negated, negated_fault, targets

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["stance_speech"]

#: Nouns whose clause a statement asserts: "there is growing evidence that X's plan is unsustainable".
_EVIDENCE = frozenset({"evidence", "proof", "fact", "sign", "truth"})
#: Subjects of a statement's clause that name no one for sure: "it was a mistake", "this is absurd".
_IMPERSONAL = frozenset({"it", "its", "they", "them", "their", "this", "that", "these", "those", "there", "you", "what", "which"})


def _undone(verb: Token) -> Iterator[tuple[Token, Token]]:
    """What a clause says ought to be undone: the object of "need to / have to rethink", "should /
    must / ought to scrap" (``undoing_verbs.txt``), with the verb that undoes it."""
    undoing = word_list("undoing_verbs")
    acts = [verb] + [c for c in verb.children if c.dep_ == "xcomp" and verb.lemma_ in {"need", "have", "ought"}]
    for act in acts:
        if act.lemma_.lower() not in undoing:
            continue
        obliged = act is not verb or any(c.dep_ == "aux" and c.lower_ in {"should", "must"} for c in act.children)
        if obliged and not negated(act):
            yield from ((act, c) for c in act.children if c.dep_ == "dobj")


def _clauses(heads: Iterable[Token], own: Callable[[Token], bool]) -> Iterator[Token]:
    """The clauses a statement asserts: its heads, their conjuncts, what they complement when the
    speaker is their subject ("I think X is ...", "the company feels X is ...", not "advisers told
    the company X was ...") and what an evidence noun says ("there is growing evidence that X
    is ..."); never a clause under "if", "whether" or a negation."""
    stack = list(heads)
    seen: set[int] = set()
    while stack:
        verb = stack.pop()
        if verb.i in seen:
            continue
        if verb.lemma_.lower() in _EVIDENCE and verb.pos_ == "NOUN" and not any(g.dep_ == "det" and g.lower_ == "no" for g in verb.children):
            seen.add(verb.i)  # "said: there is growing evidence that ...", parsed with the noun as what was said
            stack += [g for g in verb.children if g.dep_ in {"acl", "ccomp"}]
            continue
        if verb.pos_ not in {"VERB", "AUX"} or negated(verb) and not negated_fault(verb):
            continue
        if any(c.dep_ == "mark" and c.lower_ in {"if", "whether", "unless"} for c in verb.children):
            continue
        seen.add(verb.i)
        yield verb
        for child in verb.children:
            if child.dep_ == "conj" or child.dep_ == "ccomp" and own(verb):
                stack.append(child)
            elif child.dep_ in {"attr", "nsubj", "dobj"}:
                stack.append(child)


@functools.lru_cache(maxsize=1)
def _fault_stems() -> re.Pattern[str]:
    """A quick test for any fault word or undoing verb in a text: the first five letters of each
    ("misle" for misled, "promi" for broken promises), before the statement's parse is walked."""
    stems = sorted({w.split(" ")[-1][:5] for w in (*word_list("fault_words"), *word_list("undoing_verbs"))})
    return re.compile("|".join(re.escape(w) for w in stems))


def _place_modifier(m: Mention, ctx: Context) -> bool:
    """A place named as a modifier ("the Iran arms policy"): whose policy it is, is not said."""
    span = ctx.span_of(m)
    return m.label in {"GPE", "LOC", "FAC"} and span is not None and span.root.dep_ in {"compound", "amod", "nmod"}


def stance_speech(statements: list[Statement]) -> Callable[[Context], Iterator[Candidate]]:
    """The rule ``stance_speech`` over the statements of one document."""

    def rule_stance_speech(ctx: Context) -> Iterator[Candidate]:
        """A statement whose clause finds fault with a named party: its speaker criticises it."""
        doc = ctx.doc
        maybe = _fault_stems()
        for st in statements:
            if st.cue in {"deny", "according to"} or not maybe.search(st.text.lower()):
                continue  # most statements name no fault at all: no need to walk their words
            span = doc.char_span(st.start, st.end, alignment_mode="expand")
            if span is None:
                continue
            speakers = {m.key for m in st.speakers}
            heads = [t for t in span if t.head == t or not span.start <= t.head.i < span.end]

            def own(verb: Token, speakers: set[str] = speakers) -> bool:
                subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                return subj is None or subj.lower_ in {"i", "we"} or any(m.key in speakers for m, _ in entities_of(subj, ctx))

            # the stance is the speaker's, taken as their saying is: "should" is what they said, not how
            cue = next((t.head for t in heads if not span.start <= t.head.i < span.end), heads[0] if heads else span.root)
            for verb in _clauses(heads, own):
                for act, what in _undone(verb):  # "They need to rethink the bill": the speaker opposes the bill
                    doer = next((c for c in act.children if c.dep_ == "nsubj"), None) or next((c for c in verb.children if c.dep_ == "nsubj"), None)
                    if doer is not None and (doer.lower_ in {"i", "we"} or any(m.key in speakers for m, _ in entities_of(doer, ctx))):
                        continue  # "we must withdraw the offer": a decision, not a stance
                    o = ctx.mentions.at(what)  # the thing named, not its owner: "Brazil had to reconsider its plans"
                    if o is not None and o.key not in speakers and o.label not in {"PERSON", "GPE", "LOC", "NORP"}:
                        for s in st.speakers:
                            yield Candidate(s, "opposes", o, "stance_speech", 0.6, cue, mapped=True)
                if not faults(verb):
                    continue
                subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subj is None:  # "the bill had been 'badly drawn up'": a quotation mark cut the subject off onto "been"
                    subj = next((g for c in verb.children if c.dep_ in {"aux", "auxpass"} for g in c.children if g.dep_ in {"nsubj", "nsubjpass"}), None)
                if subj is None and verb.dep_ == "conj":
                    subj = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subj is None or subj.lower_ in _IMPERSONAL:
                    continue  # "it was a mistake": what "it" is, is a guess
                found = targets(subj, ctx)
                if any(m.key in speakers for m, _ in entities_of(subj, ctx)) or any(c.lower_ in {"i", "we"} for c in (subj, *subj.conjuncts)):
                    continue  # "he and Reagan misled the public": an admission, not a stance
                for o, po in found:
                    if o.key in speakers or _place_modifier(o, ctx):
                        continue  # "we were wrong"; "the Iran arms policy was a mistake" is not Iran's policy
                    for s in st.speakers:  # "do not add up": the fault is said by the negation, so the clause is not denied
                        yield Candidate(s, "criticizes", o, "stance_speech", 0.6 - po, cue if negated(verb) else verb, mapped=True)

    return rule_stance_speech
