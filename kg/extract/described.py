"""Organisations and works described: "US telecoms firm WorldCom", "Perrier, the iconic French
mineral water", "NATO member Turkey" (an organisation named with its kind, place or agent noun),
and "a new book, Brown's Britain by Robert Peston", "the Treasury's Barker Review" (who made a work).
The title and apposition machinery is :mod:`kg.extract.roles`'.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..ontology import word_list
from ..records import Mention
from .mentions import company_units
from .role_words import _lookup_role, _time_of, role_phrase
from .roles import _role_np, _title_run
from .rules import Candidate, Context, entities_of, governing_verb

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["rule_described_kind", "rule_described_role", "rule_org_descriptor", "rule_unit_name", "rule_work_by"]


def rule_org_descriptor(ctx: Context, *, described: bool = False) -> Iterator[Candidate]:
    """"US telecoms firm WorldCom", "Sun Hung Kai Properties, a Hong Kong construction firm",
    "Swiss food giant Nestle": an organisation described with a place is based there;
    "NATO member Turkey", "Deutsche Boerse's rival Euronext": an agent noun relates it.
    With ``described``, the descriptions coreference resolved: "the London exchange"."""
    from .. import places

    kinds = word_list("org_kinds")
    for m in list(ctx.mentions.mentions):
        if m.label not in {"ORG", "GPE", "NORP"} or described != (ctx.mentions.coref.get(m) == "described-kind"):
            continue
        span = ctx.span_of(m)
        if span is None:
            continue
        heads: list[tuple[Token, list[Token], list[tuple[str, Mention]], str]] = []
        run, owner = _title_run(ctx, span) if not described else ([], None)
        if described:  # "the London exchange" (kg.extract.coref): its own words describe it
            heads.append((span.root, list(span), _named_before(ctx, m, span), "description"))
        elif run:
            words, affiliations = ctx.roles.split(run)
            if owner is not None:
                affiliations.insert(0, ("'s", owner))
            heads.append((run[-1], words, affiliations, "title"))
        for c in span.root.children if not described else ():
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                words, affiliations, _ = _role_np(ctx, c)
                heads.append((c, words, affiliations, "apposition"))
        if not described and span.root.dep_ == "appos" and span.root.head.pos_ == "NOUN" and ctx.mentions.at(span.root.head) is None:
            words, affiliations, _ = _role_np(ctx, span.root.head)
            heads.append((span.root.head, words, affiliations, "apposition"))
        before = _kind_before_comma(ctx, span, kinds) if not described and span.root.dep_ == "appos" else None
        if before is not None and before.i != span.root.head.i:
            # "Shares in India's largest power producer, National Thermal Power Corp (NTPC)": the
            # parser hung the name on "Shares"; the kind noun right before the comma describes it
            words, affiliations, _ = _role_np(ctx, before)
            heads.append((before, words, affiliations, "apposition"))
        for head, words, affiliations, rule in heads:
            if not words:
                continue
            found = _lookup_role(ctx, role_phrase(words))
            if found is not None and (found[0] == "agent" or found[1] == "memberOf") and rule != "description":
                # "VW's former subsidiary Triumph-Adler": a tie of the past
                time = _time_of(run) if rule == "title" else _time_of(list(head.children))
                yield from ctx.roles.facts(m, words, affiliations, rule, 0.8, governing_verb(span.root), time=time)
                continue
            if head.lemma_.lower() not in kinds and head.lower_ not in kinds:
                if rule != "apposition" or m.label != "ORG":
                    continue
                # "Perrier, the iconic French mineral water": a firm described by what it makes, with its country's adjective
                affiliations = [(p, a) for p, a in affiliations if p == "" and a.label == "NORP"]
            if m.label != "ORG" and (m.label != "GPE" or places.lookup(m.text) is not None):
                continue  # "giant Nestle": the NER's place is an organisation when the gazetteer knows no such place
            for prep, place in affiliations:
                if prep.rstrip("~") in {"to", "for", "with"}:
                    continue  # "the biggest lender to Brazil": whom it serves, not where it is
                for part in _demonym_parts(ctx, place):
                    if part.label in {"GPE", "LOC"} or part.label == "NORP" and places.country(part.text, demonyms=True) is not None:
                        yield Candidate(m, "basedIn", part, "org_descriptor", 0.75, governing_verb(span.root), mapped=True)


def _kind_before_comma(ctx: Context, span, kinds: frozenset[str]) -> Token | None:
    """The kind noun that ends the phrase right before ", <name>", if any."""
    doc = ctx.doc
    if span.start < 2 or doc[span.start - 1].text != ",":
        return None
    noun = doc[span.start - 2]
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in kinds or ctx.mentions.at(noun) is not None or noun.right_edge.i != noun.i:
        return None
    return noun


def _demonym_parts(ctx: Context, m: Mention) -> list[Mention]:
    """"Turkish-Austrian" names two countries: a mention for each part."""
    from .. import places

    if m.label != "NORP" or "-" not in m.text or places.country(m.text, demonyms=True) is not None:
        return [m]
    span = ctx.span_of(m)
    if span is None:  # split already: its parts are mentions of their own
        span = ctx.doc.char_span(m.start, m.end)
        if span is None:
            return [m]
        return [p for t in span if t.text not in {"-", "–"} and (p := ctx.mentions.at(t)) is not None] or [m]
    parts = [t for t in span if t.text not in {"-", "–"}]
    if len(parts) < 2 or not all(places.country(t.text, demonyms=True) is not None for t in parts):
        return [m]
    ctx.mentions.remove(m)
    return [ctx.mentions.add(ctx.doc[t.i : t.i + 1], "NORP") for t in parts]


def rule_work_by(ctx: Context) -> Iterator[Candidate]:
    """"a new book, Brown's Britain by Robert Peston": the person "by" whom a named work is;
    "the Treasury's Barker Review", "BBC Radio 2's Jeremy Vine show": the body that made it."""
    for m in list(ctx.mentions.mentions):
        if m.label not in {"WORK_OF_ART", "LAW", "PRODUCT"}:
            continue
        span = ctx.span_of(m)
        if span is None:
            continue
        for owner in (c for c in span.root.children if c.dep_ == "poss"):  # "the Treasury's Barker Review"
            body = ctx.mentions.at(owner)
            if body is not None and body.label == "ORG" and body is not m and owner.pos_ != "PRON":  # "its MD-11": whose is unsure
                yield Candidate(m, "producedBy", body, "work_of", 0.7, None, mapped=True)  # the clause does not say it: the name does
        by = next((c for c in span.root.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        if by is None and span.end < len(ctx.doc) and ctx.doc[span.end].lower_ == "by":
            by = ctx.doc[span.end]
        if by is None:
            continue
        for pobj in (c for c in by.children if c.dep_ == "pobj"):
            for author, penalty in entities_of(pobj, ctx):
                if author.label in {"PERSON", "ORG"}:
                    yield Candidate(author, "authorOf", m, "work_by", 0.75 - penalty, governing_verb(span.root), mapped=True)


def rule_described_kind(ctx: Context) -> Iterator[Candidate]:
    """"the London exchange", "the German stock market operator": where the organisation a
    description resolved to is based (:func:`rule_org_descriptor` on its own words)."""
    yield from rule_org_descriptor(ctx, described=True)


def rule_described_role(ctx: Context) -> Iterator[Candidate]:
    """"Michael Howard has launched an attack ... The Tory leader said": the office of a role
    description that coreference gave to the previous sentence's subject (``described-role``)."""
    for m, how in list(ctx.mentions.coref.items()):
        if how != "described-role":
            continue
        span = ctx.span_of(m)
        if span is None:
            continue
        yield from ctx.roles.facts(m, list(span), _named_before(ctx, m, span), "description", 0.7, governing_verb(span.root))


def _named_before(ctx: Context, m: Mention, span) -> list[tuple[str, Mention]]:
    """The names a description's words follow ("the Tory leader", "the London exchange"): its
    affiliations; the description's own words are the mention coreference made of them."""
    named = {id(a): a for t in span.root.subtree if t.i < span.start and (a := ctx.mentions.at(t)) is not None and a is not m}
    return [("", a) for a in named.values()]


def rule_unit_name(ctx: Context) -> Iterator[Candidate]:
    """"Standard Life Investments" and "Standard Life", "Chrysler Financial Corp" and "Chrysler
    Corp" in one article: the unit is part of its company (:func:`kg.extract.mentions.company_units`)."""
    for unit, company in company_units(m for m in ctx.mentions.mentions if m not in ctx.mentions.coref):
        yield Candidate(unit, "partOf", company, "unit_name", 0.7, None, mapped=True)
