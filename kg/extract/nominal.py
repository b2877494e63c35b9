"""Noun-phrase rules: facts stated by nouns rather than clauses.

- ``event_noun``: event and relation nouns with their participants: "during a meeting with X",
  "Russian exports to Afghanistan", "relations between Russia and Afghanistan", "X's takeover of
  Y", "the assassination of Y by X", "sanctions on Iran";
- ``hyphen_compound``: "a Russia-led bloc", "US-based Atticus Capital";
- ``place_comma``: "Astana, Kazakhstan";
- ``facilities_in``: "Euronext, which operates the Amsterdam, Brussels, Lisbon and Paris
  exchanges" (it operates in each city);
- ``took_role``: "since taking Mr Brown's traditional poll planning role" (succeeds him);
- ``possessive_org``: "Russia's Security Council" (part of Russia), "Lord Woolf's Sentencing
  Guidelines Council" (the body he heads).

Each yields :class:`~kg.extract.rules.Candidate` records like the clause rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..ontology import word_list
from ..records import Mention
from .rules import (
    _HYPHEN_PARTICIPLES,
    _PARTNER,
    TAKE_TO_FORUM,
    Candidate,
    Context,
    clause_subjects,
    entities_of,
    governing_verb,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["NOUN_RULES", "rule_body_named_after", "rule_event_noun", "rule_facilities_in", "rule_hyphen_compound",
           "rule_place_comma", "rule_possessive_org", "rule_took_role"]


def rule_event_noun(ctx: Context) -> Iterator[Candidate]:
    """Event and relation nouns: "during a meeting with X", "Russian exports to Afghanistan",
    "relations between Russia and Afghanistan", "its shared borders with Tajikistan"."""
    doc = ctx.doc
    for noun in ctx.nouns:
        prop = ctx.lexicon.noun(noun.lemma_.lower()) or ctx.lexicon.noun(noun.lower_)
        if prop is None and noun.i >= 2 and doc[noun.i - 1].text == "-" and not doc[noun.i - 1].whitespace_:
            prop = ctx.lexicon.noun(f"{doc[noun.i - 2].lower_}-{noun.lower_}")  # "sell-off": the parser's head is "off"
        if prop is None:
            continue
        partners: list[tuple[Mention, float]] = []
        between: list[tuple[Mention, float]] = []
        by_agents: list[tuple[Mention, float]] = []
        rel = ctx.lexicon.relations.get(prop)
        received = _received(noun)
        for prep in (c for c in noun.children if c.dep_ == "prep"):
            low = prep.lower_
            if low not in _PARTNER and low not in {"of", "by", "on"} and not (low == "in" and prop in _IN_TARGETS and ctx.mentions.at(noun) is None):
                continue
            if low == "on" and prop not in _ON_TARGETS:
                continue
            if low == "of" and (rel is None or rel.symmetric or prop in _NO_THEME):
                continue  # "relations of X", "members of": not a theme
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found = entities_of(pobj, ctx)
                if low == "from":  # "said in a telephone conversation from New York": where the speaker was
                    found = [(m, p) for m, p in found if not _town(m)]
                if not found and low == "in" and pobj.lemma_.lower() in _SECTORS:  # "investment in Iran's mobile industry"
                    found = [(m, 0.1) for c in pobj.children if c.dep_ in {"poss", "compound"}
                             and (m := ctx.mentions.at(c)) is not None and m.label in {"GPE", "ORG"}][:1]
                if low == "by" or low in {"of", "from"} and received is not None:  # "the assassination of Lincoln by Booth"; "came under attack from X"
                    by_agents.extend(found)  # "X has the support of Y": Y supports X
                elif low in {"between", "among"}:
                    between.extend(found)
                elif prop == "sells" and low == "to":  # "the sale of X to Y": Y buys X
                    continue
                elif low == "to" and rel is not None and rel.symmetric and noun.dep_ == "dobj" and noun.head.lemma_.lower() in TAKE_TO_FORUM:
                    continue  # "brought the dispute to the GATT": the forum, no party to it
                else:
                    partners.extend(found)
        if not partners and not between:  # "the dispute over chips between the US and Japan": hung one noun lower
            for prep in (c for c in noun.children if c.dep_ == "prep"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    for inner in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "between"):
                        for p2 in (c for c in inner.children if c.dep_ == "pobj"):
                            between.extend(entities_of(p2, ctx))
        if not partners and not between and noun.dep_ == "pobj" and noun.head.lower_ == "in" and rel is not None and rel.symmetric:
            # "was put in touch with X", "is in talks with X": the parser hung "with" on the verb
            for prep in (c for c in noun.head.head.children if c.dep_ == "prep" and c.lower_ == "with" and c.i > noun.i):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    partners.extend(entities_of(pobj, ctx))
        if not partners and not between:
            between = _hyphen_pair(noun, ctx) or (_their_pair(noun, ctx) if rel is not None and rel.symmetric else [])
        verb = governing_verb(noun)
        if by_agents and not partners and not between and rel is not None and not rel.symmetric and prop not in _NO_THEME:
            partners = _consenting(noun, ctx)  # "MCI agreed to a buyout by Verizon": MCI is bought
            if received is not None and not partners:
                partners = clause_subjects(received, ctx)  # "Gephardt has the support of Wright": Gephardt is supported
        agents = (by_agents or _noun_agents(noun, ctx)) if partners else []
        for s, ps in agents:
            for o, po in partners:
                yield Candidate(s, prop, o, "event_noun", 0.7 - ps - po, verb, mapped=True, noun=noun)
        if len({m.key for m, _ in between}) > 2:
            between = []  # "talks between banks and Mexico, Chile and Venezuela": not every pair talked
        for i, (a, pa) in enumerate(between):
            for b, pb in between[i + 1 :]:
                yield Candidate(a, prop, b, "event_noun", 0.7 - pa - pb, verb, mapped=True, noun=noun)


#: Event nouns whose "of" is not what is done to: "members of X", "imports of oil".
_NO_THEME = frozenset({"hasMember", "memberOf", "importsFrom", "exportsTo", "tradesWith", "concernedAbout", "states", "owns", "partOf"})
#: Event nouns whose "in" names the target, not where: "Turkey's investment in Iran".
_IN_TARGETS = frozenset({"investsIn"})
#: What a country or company has that an investment goes into: "investment in Iran's mobile industry" is in Iran.
_SECTORS = frozenset({"industry", "sector", "market", "economy", "business", "operations"})
#: Event nouns whose "on" names the target: "an attack on X", "sanctions on Iran".
_ON_TARGETS = frozenset({"attacks", "opposes", "criticizes", "shoots", "meets"})


def _their_pair(noun: Token, ctx: Context) -> list[tuple[Mention, float]]:
    """"MPs criticised Tony Blair and Gordon Brown over reports of their rift": "their" is the
    two names joined by "and" last before the noun in its sentence (a pair only: of three or
    more, which of them is meant is unclear)."""
    if not any(c.dep_ == "poss" and c.lower_ == "their" for c in noun.children):
        return []
    for t in reversed(ctx.doc[noun.sent.start : noun.i]):
        group = sorted([t, *t.conjuncts], key=lambda x: x.i)
        if t is not group[0] or len(group) < 2:
            continue
        found = [m for x in group if (m := ctx.mentions.at(x)) is not None]
        if len(group) == 2 and len(found) == 2 and found[0].key != found[1].key and group[1].i < noun.i \
                and all(m.label in {"PERSON", "ORG", "GPE", "NORP"} for m in found):
            return [(m, 0.15) for m in found]
        return []
    return []


def _hyphen_pair(noun: Token, ctx: Context) -> list[tuple[Mention, float]]:
    """"Russia-Taliban ties", "US-China trade": two entities joined by a hyphen before the noun."""
    doc = ctx.doc
    if noun.dep_ == "compound":  # "the Afghanistan-Russia Trade Forum" names an event, not trade
        return []
    start = noun.left_edge.i
    found: list[Mention] = []
    for i in range(start, noun.i - 2):
        a, b = ctx.mentions.at(doc[i]), ctx.mentions.at(doc[i + 2])
        if doc[i + 1].text in {"-", "–", "/"} and a is not None and b is not None and a.key != b.key:
            found = [a, b]
    return [(m, 0.1) for m in found]


def _received(noun: Token) -> Token | None:
    """The verb of "<subject> has/won/received the <noun> of Y" or "came under <noun> from Y",
    whose subject undergoes what Y does."""
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in word_list("receive_verbs"):
        return head
    if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ in {"VERB", "AUX"} and head.head.lemma_.lower() in {"come", "be", "remain", "fall"}:
        return head.head  # "Reagan came under attack from Democrats": Reagan is attacked
    return None


def _consenting(noun: Token, ctx: Context) -> list[tuple[Mention, float]]:
    """The subject of "agree to", "accept" or "approve" a noun: who undergoes what the noun does."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "to":
        head = head.head
    elif noun.dep_ != "dobj":
        return []
    if head.pos_ not in {"VERB", "AUX"} or head.lemma_.lower() not in word_list("consent_verbs"):
        return []
    return [(m, p + 0.05) for m, p in clause_subjects(head, ctx)]


def _copula_owner(noun: Token, ctx: Context) -> list[tuple[Mention, float]]:
    """"Turkcell's mobile deal is the second Turkish investment in Iran": the possessor of the
    copula's subject (rule event_noun)."""
    if noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return []
    subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    owner = next((c for c in subj.children if c.dep_ == "poss" and ctx.mentions.at(c) is not None), None) if subj is not None else None
    return [(m, p + 0.1) for m, p in entities_of(owner, ctx)] if owner is not None else []


def _noun_agents(noun: Token, ctx: Context) -> list[tuple[Mention, float]]:
    """Who takes part in an event noun: its possessor, an entity modifier, else the clause subject;
    an event noun a copula says another's act is ("Turkcell's deal is the second Turkish
    investment in Iran") is that act's owner's too."""
    owner = _copula_owner(noun, ctx)
    for child in noun.children:
        m = ctx.mentions.at(child)
        if child.dep_ in {"compound", "amod", "nmod"} and m is not None and _town(m):
            continue  # "the Washington talks", "the Geneva meeting": where, not who
        if child.dep_ in {"poss", "compound", "amod", "nmod"} and m is not None:
            return owner + entities_of(child, ctx)
    if owner:
        return owner
    head = noun.head
    while (head.dep_ == "prep" or head.pos_ == "ADP") and head.head != head:
        head = head.head
    if head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() == "open" and noun.head.lower_ == "to":
        return []  # "pressing Japan to open its market to sales of U.S. supercomputers": others sell
    if head.pos_ in {"VERB", "AUX"} and (noun.dep_ == "pobj" or noun.dep_ == "dobj" and head.lemma_.lower() in word_list("support_verbs")):
        return clause_subjects(head, ctx)  # "held talks with X", "during a meeting with X, Lavrov ...", not "defended the sanctions against X"
    return []


def rule_hyphen_compound(ctx: Context) -> Iterator[Candidate]:
    """"a Russia-led security bloc" -> Russia leads the bloc (the entity the bloc denotes)."""
    doc = ctx.doc
    for tok in ctx.tokens:
        rel = _HYPHEN_PARTICIPLES.get(tok.lower_)
        if rel is None or tok.i < 2:
            continue
        if rel is None or doc[tok.i - 1].text not in {"-", "–"}:
            continue
        actor = ctx.mentions.at(doc[tok.i - 2])
        if actor is None:
            continue
        noun = tok.head if tok.dep_ in {"amod", "compound"} else None
        if (noun is None or noun == tok or noun.i < tok.i) and tok.i + 1 < len(doc) and (ctx.mentions.at(doc[tok.i + 1]) is not None or doc[tok.i + 1].pos_ in {"NOUN", "PROPN"}):
            noun = doc[tok.i + 1]  # "Soviet-led Comecon" parsed with "led" elsewhere: the next word is its noun
            if ctx.mentions.at(noun) is None:
                noun = next((n for n in doc[tok.i + 1 : tok.i + 5] if n.pos_ in {"NOUN", "PROPN"} and n.dep_ != "compound"), noun)
        if noun is None or noun == tok:
            continue
        prop, actor_is_subject = rel
        # "The EC and Soviet-led Comecon": the participle describes its own noun, not the conjuncts
        own = ctx.mentions.at(noun)
        targets = [(own, 0.0)] if own is not None else entities_of(noun, ctx)[:1]
        for target, penalty in targets:
            if actor_is_subject:
                yield Candidate(actor, prop, target, "hyphen_compound", 0.8 - penalty, governing_verb(noun), mapped=True)
            else:
                yield Candidate(target, prop, actor, "hyphen_compound", 0.8 - penalty, governing_verb(noun), mapped=True)


def rule_place_comma(ctx: Context) -> Iterator[Candidate]:
    """"Astana, Kazakhstan": a place, a comma, then the country that contains it."""
    from .. import places

    doc = ctx.doc
    for tok in ctx.tokens[1:-1]:
        if tok.text != ",":
            continue
        left, right = ctx.mentions.at(doc[tok.i - 1]), ctx.mentions.at(doc[tok.i + 1])
        if left is None or right is None or left.label not in {"GPE", "LOC", "FAC"} or right.label not in {"GPE", "LOC", "NORP"}:
            continue
        if places.country(right.text) is None or places.country(left.text) is not None:
            continue
        r = doc[tok.i + 1]
        if r.dep_ == "conj" or any(c.dep_ in {"conj", "cc"} for c in r.children):
            continue  # "producers in South America, Canada and Australia": a list, not a place in a country
        yield Candidate(left, "locatedIn", right, "place_comma", 0.85, None, mapped=True)


def _is_body(span, owner: Mention) -> bool:
    """A name whose head word says it is a body ("Security Council", "Foreign Ministry"), or an acronym.

    A country's company ("Britain's Vodafone Group") is based there, not part of it.
    """
    from ..ontology import word_list

    last = span[-1]
    if owner.label in {"GPE", "NORP"}:
        return last.lower_ in _BODY_HEADS
    return last.is_upper and len(last.text) > 1 or last.lower_ in word_list("org_kinds") or last.lower_ in _BODY_HEADS


_BODY_HEADS = frozenset({
    "ministry", "committee", "commission", "agency", "office", "department", "bureau", "service", "council",
    "forces", "army", "navy", "police", "parliament", "senate", "assembly", "cabinet", "division",
    "board", "directorate", "secretariat", "guard", "corps", "command", "administration", "government",
})


def rule_possessive_org(ctx: Context) -> Iterator[Candidate]:
    """"Russia's Security Council": a body owned by a country or organisation is part of it."""
    for m in ctx.mentions.mentions:
        if m.label != "ORG" or ctx.mentions.coref.get(m) == "members-description":
            continue  # "the MPs' committee" is no part of the MPs
        span = ctx.span_of(m)
        if span is None:
            continue
        for child in span.root.children:
            owner = ctx.mentions.at(child)
            if child.dep_ == "poss" and owner is not None and owner.label in {"GPE", "ORG", "NORP"} and owner.key != m.key and _is_body(span, owner):
                yield Candidate(m, "partOf", owner, "possessive_org", 0.75, governing_verb(span.root), mapped=True)
            elif child.dep_ == "poss" and owner is not None and owner.label == "PERSON" and _is_body(span, owner) and owner.text.lower() not in {"his", "her", "their"}:
                # "Lord Woolf's Sentencing Guidelines Council": the body a person is named with is the one he heads
                yield Candidate(owner, "leads", m, "possessive_org", 0.6, governing_verb(span.root), mapped=True)


#: The noun-phrase rules, in the order they run (after the clause rules).
#: Bodies that are named after the house or organisation they belong to: "Commons home affairs committee".
_SUB_BODIES = frozenset({"committee", "subcommittee", "sub-committee", "commission", "panel", "caucus", "wing", "board", "council"})


def rule_body_named_after(ctx: Context) -> Iterator[Candidate]:
    """"the Commons home affairs committee", "the Senate Foreign Relations Committee": a committee
    whose name begins with an organisation the article names is part of it."""
    from .entity_types import cues

    aliases = cues()["aliases"]
    names: dict[str, Mention] = {}
    for m in ctx.mentions.mentions:
        if m.label == "ORG" and len(m.text.split()) <= 3:
            names.setdefault(m.text.lower(), m)
    for m in ctx.mentions.mentions:
        words = m.text.split()
        if m.label != "ORG" or len(words) < 3 or words[-1].lower() not in _SUB_BODIES:
            continue
        for k in (2, 1):
            owner = names.get(" ".join(words[:k]).lower())
            alias = aliases.get(" ".join(words[:k]).lower())
            span = ctx.span_of(m)
            if owner is None and alias is not None and span is not None:  # "Commons": the House of Commons the name implies
                owner = ctx.mentions.add_implied(span[:k], "ORG", alias[1], " ".join(words[:k]))
            if owner is not None and owner.key != m.key:
                yield Candidate(m, "partOf", owner, "body_named_after", 0.7, None, mapped=True)
                break


#: Verbs whose subject, running facilities named after places, does business in those places.
_RUNNING = frozenset({"operate", "run", "own", "manage", "have", "close", "open", "build", "shut"})


def rule_facilities_in(ctx: Context) -> Iterator[Candidate]:
    """"Euronext, which operates the Amsterdam, Brussels, Lisbon and Paris exchanges", "closed its
    Detroit and Flint plants": the subject operates in each place (``facility_kinds``).

    Read off the words, not the parse: the parser rarely keeps a list of place names on the
    plural noun they modify.
    """
    from .. import places as places_mod

    kinds = word_list("facility_kinds")
    doc = ctx.doc
    for verb in ctx.verbs:
        if verb.lemma_ not in _RUNNING:
            continue
        i = verb.i + 1
        if i < len(doc) and doc[i].lower_ in {"the", "its", "their", "his", "her"}:
            i += 1
        places: list[Mention] = []
        while i < len(doc):
            m = ctx.mentions.at(doc[i])
            if m is not None and m.label in {"GPE", "LOC"}:
                if not places or places[-1] is not m:
                    places.append(m)
                i += 1
            elif doc[i].text == "," or doc[i].lower_ == "and" and places:
                i += 1
            else:
                break
        if not places or i >= len(doc) or doc[i].tag_ != "NNS" or doc[i].lemma_.lower() not in kinds:
            continue
        # "would close its Detroit plants": it runs them now, whatever becomes of the closing
        held = None if verb.lemma_ in {"close", "shut"} else verb
        for subj, penalty in clause_subjects(verb, ctx):
            if subj.label != "ORG" and not (subj.label == "NORP" and places_mod.country(subj.text, demonyms=True) is None):
                continue  # the NER takes some firms for a people ("Euronext")
            for place in places:
                yield Candidate(subj, "operatesIn", place, "facilities_in", 0.7 - penalty, held, mapped=True)


#: Verbs of taking over a post; nouns for the post.
_TAKING = frozenset({"take", "assume", "inherit", "fill"})
_POSTS = frozenset({"role", "job", "post", "position", "seat", "place", "portfolio", "office"})


def rule_took_role(ctx: Context) -> Iterator[Candidate]:
    """"since taking Mr Brown's traditional poll planning role", "took over Smith's job": the
    subject succeeds the person whose post it took."""
    for verb in ctx.verbs:
        if verb.lemma_ not in _TAKING:
            continue
        post = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _POSTS), None)
        owner = next((c for c in post.children if c.dep_ == "poss"), None) if post is not None else None
        before = ctx.mentions.at(owner) if owner is not None else None
        if before is None or before.label != "PERSON":
            continue
        host = verb.head.head if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" else verb  # "since taking ..."
        for subj, penalty in clause_subjects(host, ctx):
            if subj.label == "PERSON" and subj.key != before.key:
                yield Candidate(subj, "succeeds", before, "took_role", 0.7 - penalty, verb, mapped=True)


NOUN_RULES = (rule_event_noun, rule_hyphen_compound, rule_place_comma, rule_possessive_org, rule_body_named_after,
              rule_facilities_in, rule_took_role)


def _town(m: Mention) -> bool:
    """A city ("Washington", "New York": a state too), named as where something is, not a country that acts."""
    from .. import places

    return m.label in {"GPE", "LOC", "FAC"} and places.country(m.text) is None and places.city(m.text) is not None
