"""Who said what: statements as records of their own, not ``states`` edges.

"Lavrov said that X ...", "“...,” Putin said", "according to X, ...": each is a
:class:`~kg.records.Statement` with its speakers, its cue (the speech verb), the exact words said
and their offsets, whether they are quoted (``direct``) or paraphrased (``reported``), and the
entities it is about: the arguments of what was said, found by walking the content's
dependency tree through argument and noun-phrase links only, so a name in a subordinate clause
or a relative clause is not a topic. The facts said inside a statement are found by the clause
rules (with modality ``reported``, :func:`kg.extract.modality.classify`) and linked to it by
:func:`link_statements`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..records import Assertion, Mention, Statement
from ._doc import text as doc_text
from .modality import SPEECH_VERBS, classify
from .rules import Context, clause_subjects, entities_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["find_statements", "link_statements"]

#: Most entities one statement is said to be about; more is a list, not a topic.
_MAX_ABOUT = 8
#: Quotation marks: a statement whose words open with one is quoted (direct).
_OPEN_QUOTES = frozenset("“\"«‘'")
_CLOSE_QUOTES = frozenset("”\"»’'")
#: Fewest words a quotation needs to be a statement on its own (shorter ones are scare quotes).
_MIN_QUOTE_WORDS = 4
#: Prepositions of time: their objects say when, not what a statement is about.
_WHEN = frozenset({"after", "before", "during", "following", "since", "until", "till", "amid", "ahead"})
_PRONOUNS = frozenset({"he", "she", "it", "its", "his", "her", "they", "their", "them", "we", "our", "us", "i", "me", "my"})
#: Dependencies from a clause head to its arguments (and to clauses that are part of what was said).
_CLAUSE_ARGS = frozenset({"nsubj", "nsubjpass", "csubj", "dobj", "dative", "attr", "oprd", "agent", "prep",
                          "xcomp", "ccomp", "conj", "acomp", "pcomp"})
#: Dependencies inside a noun phrase that name the same thing or what it is of: not relative clauses.
_NOMINAL = frozenset({"compound", "poss", "amod", "nmod", "appos", "conj", "pobj"})


def find_statements(ctx: Context) -> list[Statement]:
    """Every statement of the document with a named speaker, in text order, one per content span."""
    doc, quotes = ctx.doc, ctx.quotes
    text = doc_text(doc)  # spaCy joins every token to make it: once per document (kg.extract._doc)
    found: dict[tuple[int, int], Statement] = {}
    done: set[int] = set()
    for verb in ctx.verbs:
        if verb.lemma_ not in SPEECH_VERBS or verb.pos_ != "VERB":
            continue
        content = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"} or (c.dep_ == "xcomp" and c.pos_ == "VERB")]
        if not content:
            continue
        done.add(verb.i)
        tokens = sorted((t for c in content for t in c.subtree), key=lambda t: t.i)
        after = content[0].i > verb.i  # what was said is on one side of the speech verb, never around it
        tokens = [t for t in tokens if (t.i > verb.i) == after and t.i != verb.i]
        while tokens and (tokens[0].dep_ in {"mark", "punct"} or tokens[0].is_space):
            tokens.pop(0)  # "said that ...": the complementiser is not said
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        if tokens:
            _add(found, ctx, text, verb, verb.lemma_, tokens[0].idx, tokens[-1].idx + len(tokens[-1]), content)
    for start, end, verb in quotes.spans if quotes is not None else ():
        if verb is None or verb.i in done:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        if sum(1 for t in span if t.is_alpha) < _MIN_QUOTE_WORDS:
            continue  # "described the situation as “complex”": a word in quotes is not a statement
        heads = [t for t in span if not (start <= t.head.idx < end) or t.head == t]
        _add(found, ctx, text, verb, verb.lemma_, start, end, heads)
    for tok in ctx.tokens:  # "according to Russian officials, instability ... could ..."
        if tok.lower_ != "according" or tok.dep_ != "prep":
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), tok)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        inside = {t.i for t in tok.subtree}
        rest = [t for t in tok.head.subtree if t.i not in inside and not t.is_punct and not t.is_space]
        if rest:
            _add(found, ctx, text, None, "according to", rest[0].idx, rest[-1].idx + len(rest[-1]), [tok.head],
                 speakers=entities_of(pobj, ctx))
    return sorted(found.values(), key=lambda s: (s.start, s.end))


def _add(found: dict, ctx: Context, text: str, verb: Token | None, cue: str, start: int, end: int, heads: list[Token],
         speakers: list[tuple[Mention, float]] | None = None) -> None:
    """Record one statement, unless its speech verb is denied or hypothetical or it has no named speaker."""
    quotes = ctx.quotes
    if verb is not None:
        clause = classify(verb, quotes)
        if clause.negated or clause.modality == "hypothetical":
            return  # "did not say", "would say": nothing was said
        speakers = clause_subjects(verb, ctx)
    people = tuple(dict.fromkeys(m for m, _ in speakers or ()))
    people = tuple({m.key: m for m in people}.values())
    if not people or (start, end) in found:
        return
    kind = "reported"
    for q_start, q_end, _ in quotes.spans if quotes is not None else ():
        if (start, end) == (q_start, q_end):  # the quotation marks are not said
            kind = "direct"
            start, end = q_start + 1, q_end - 1 if text[q_end - 1] in _CLOSE_QUOTES else q_end
            break
    before = text[max(0, start - 3):start].rstrip()
    if before and before[-1] in _OPEN_QUOTES:  # 'said: "It is ...' and '"It is ...," he said'
        kind = "direct"
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    sents = quotes.sents
    i = max(0, bisect.bisect_right(quotes.sent_chars, start) - 1)
    sent = sents[i]
    keys = {m.key for m in people}
    about = _arguments(heads, ctx, keys)
    found[(start, end)] = Statement(
        doc_id=ctx.mentions.doc_id, speakers=people, cue=cue, kind=kind, text=text[start:end],
        start=start, end=end, sentence=sent.text.strip(), sent_start=sent.start_char, sent_end=sent.end_char,
        about=tuple(about),
    )


def _arguments(heads: Iterable[Token], ctx: Context, skip: set[str]) -> list[Mention]:
    """The entities that are arguments of what was said: clause arguments and the nouns that make them up.

    From a clause head the walk follows subjects, objects, prepositional objects and the clauses
    that complete it (xcomp, ccomp, conjuncts); inside a noun phrase it follows compounds,
    possessors, modifiers, appositions and two levels of prepositional objects. Relative and
    adverbial clauses ("who ...", "after ...") are not what the statement is about.
    """
    out: dict[str, Mention] = {}
    stack: list[tuple[Token, int]] = [(h, 0) for h in heads]
    seen: set[int] = set()
    while stack:
        tok, preps = stack.pop()
        if tok.i in seen:
            continue
        seen.add(tok.i)
        m = ctx.mentions.at(tok)
        if m is not None and m.key not in skip and tok.i not in ctx.mentions.datelines:
            if m.key not in out or out[m.key].text.lower() in _PRONOUNS:  # a name rather than "its"
                out[m.key] = m
        verbal = tok.pos_ in {"VERB", "AUX"}
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in _WHEN:
                continue  # "after talks in Paris": when, not what about
            if verbal and child.dep_ in _CLAUSE_ARGS:
                stack.append((child, preps))
            elif not verbal and child.dep_ in _NOMINAL:
                stack.append((child, preps))
            elif not verbal and child.dep_ == "prep" and preps < 2:
                stack.append((child, preps + 1))
            elif tok.dep_ == "prep" and child.dep_ == "pobj":
                stack.append((child, preps))
    ordered = sorted(out.values(), key=lambda m: m.start)
    return ordered[:_MAX_ABOUT]


def link_statements(assertions: Iterable[Assertion], statements: list[Statement]) -> tuple[list[Assertion], list[Statement]]:
    """Each assertion said inside a statement, with :attr:`Assertion.statement` set to its key.

    An assertion is inside a statement when both of its entities are named in the statement's
    words, or when it is reported by one of the statement's speakers and one of them is.
    """
    out = []
    for a in assertions:
        best = None
        for s in statements:
            within = [s.start <= m.start < s.end for m in (a.subject, a.object)]
            speaker = a.speaker is not None and any(a.speaker.key == p.key for p in s.speakers)
            if all(within) or (any(within) and speaker and a.modality == "reported"):
                if best is None or s.end - s.start < best.end - best.start:
                    best = s  # the innermost statement
        if best is None:
            out.append(a)
            continue
        out.append(replace(a, statement=best.key))
    return out, statements
