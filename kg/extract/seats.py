"""Elections: seats won and held ("he won the Eton and Slough seat for the Tories in 1964"), power won.

- :func:`name_seats` (a mention step, run after the names are found): the name before "seat" or
  "constituency" is one place, a constituency, whatever the NER made of its words: "the Eton
  and Slough seat" (two "people" to the small model), "his Sedgefield constituency". A body's
  name before "seat" is not a constituency ("his Senate seat", "a NYSE seat", "a safe Labour
  seat"), nor is a lower-case word ("a board seat").
- ``seat_won`` (a rule): a verb of winning or holding a seat (``ontology/lexicon/seat_verbs.tsv``)
  with a named seat as its object: "won the Eton and Slough seat" (``wins``), "he holds the
  Sedgefield seat" (``represents``, for a person); "the seat" with no name is the seat the
  article named last ("Labour regained the seat two years later"), recorded as a resolution
  (``coref:seat-description``); "for the Tories" makes the winner one of the party's
  (``memberOf``).
- ``seat_taken``: who takes a seat from another defeats them: "took the Hartlepool seat from
  Labour", and "Labour regained the seat" after the article told who won it last (that winner
  and the party it won for: "he won the seat for the Tories ... Labour regained the seat").
- :func:`chamber_members` (a mention step): members voting as a body are their chamber: "MPs
  voted 272 to 219 in favour of the Bill" is the Commons' vote, in an article that names the
  Commons (``ontology/lexicon/chamber_members.tsv``, ``chamber_votes.txt``).
- ``won_power``: "since Labour won power in 1997", "the party that came to power in 1979",
  "Labour has been in power since 1997": the subject governs (``leads``) the country "in"
  names, else the country the article is about (none when the article is about no one country).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from .. import places
from ..ontology import word_list, word_table
from ._doc import lower_in
from .rules import Candidate, Context, clause_subjects, entities_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from .mentions import DocMentions

__all__ = ["chamber_members", "name_seats", "rule_seat_won", "rule_won_power"]

#: Nouns for an electoral seat.
SEAT_NOUNS = frozenset({"seat", "constituency"})
#: Labels of names that are never a constituency's: a body ("Senate seat"), a party ("Labour seat").
_NOT_SEATS = frozenset({"ORG", "NORP", "LAW", "WORK_OF_ART", "DATE", "CARDINAL"})
_PARTY_LABELS = frozenset({"ORG", "NORP"})


@cache
def _chamber_members() -> dict[str, tuple[str, ...]]:
    """member noun -> the chamber's names, from ``ontology/lexicon/chamber_members.tsv``."""
    return {noun: tuple(n.strip() for n in names.split("|")) for noun, names in word_table("chamber_members").items()}


@cache
def _member_words() -> frozenset[str]:
    """The nouns :func:`chamber_members` reads: a chamber's members ("MPs") and voters."""
    return word_list("electorate_nouns") | frozenset(_chamber_members())


def chamber_members(doc: Doc, dm: DocMentions) -> None:
    """"MPs voted in favour of the Bill": the subject of a vote is the chamber the article names
    (the longest of its names; none named, nothing changes). Coref rule ``chamber-members``."""
    members, votes = _chamber_members(), word_list("chamber_votes")
    keys = {m.key for m in dm.mentions if m.label == "ORG"}
    electorate = word_list("electorate_nouns")
    for tok in lower_in(doc, _member_words()):
        if tok.lower_ in electorate and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in votes:
            _electorate(doc, dm, tok)
            continue
        names = members.get(tok.lower_)
        if names is None or not (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in votes or _bill_stance_from(tok, dm)) \
                or any(c.dep_ in {"det", "nummod", "amod", "compound", "poss"} and c.i < tok.i for c in tok.children):
            continue  # "some MPs", "62 Labour MPs", "Tory peers": some of them, not the chamber
        chamber = next((n for n in names if n in keys), None)
        if chamber is None:
            continue
        old = dm.at(tok)
        if old is not None:
            dm.remove(old)
        dm.coref[dm.add(doc[tok.i : tok.i + 1], "ORG", key=chamber)] = "chamber-members"


#: Stances a chamber takes on a bill, said of its members: "the Bill faces opposition from peers".
_BILL_STANCES = frozenset({"opposition", "resistance", "support"})


def _bill_stance_from(tok: Token, dm: DocMentions) -> bool:
    """"The Bill now faces opposition from peers": a stance on a bill from a chamber's members is
    the chamber's (the bill the subject of the clause, or the noun's "to" object)."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "from" or tok.head.head.lemma_.lower() not in _BILL_STANCES:
        return False
    noun = tok.head.head
    bills = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
    if noun.dep_ == "dobj":
        bills += [c for c in noun.head.children if c.dep_ == "nsubj"]
    return any((m := dm.at(b)) is not None and m.label == "LAW" for b in bills)


def _electorate(doc: Doc, dm: DocMentions, tok: Token) -> None:
    """"French voters rejected the constitution": one country's adjective, and nothing else
    before the noun ("some French voters", "62 pct of voters" are some of them), make it the
    country's vote. Coref rule ``electorate``."""
    mods = [c for c in tok.children if c.dep_ in {"amod", "det", "nummod", "compound", "poss"}]
    if len(mods) != 1 or mods[0].dep_ != "amod":
        return
    country = places.country(mods[0].text, demonyms=True)
    if country is None or country.kind != "Country":
        return  # "European voters": a continent has no vote
    for old in {dm.at(t) for t in (mods[0], tok)} - {None}:
        dm.remove(old)
    dm.coref[dm.add(doc[mods[0].i : tok.i + 1], "GPE", key=country.name.lower())] = "electorate"


def _name_before(doc: Doc, seat: Token) -> tuple[int, int] | None:
    """The token range of the capitalised name right before a seat noun ("Eton and Slough")."""
    i = seat.i - 1
    start = None
    while i >= 0:
        tok = doc[i]
        if tok.pos_ == "PROPN" and tok.is_title or tok.text == "-" and start is not None:
            start = i
        elif tok.lower_ == "and" and start is not None and i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title:
            start = i
        else:
            break
        i -= 1
    if start is None or doc[start].lower_ == "and":
        return None
    return start, seat.i


def _place_name(doc: Doc, start: int, end: int) -> bool:
    """Whether a name is a constituency's whatever the NER says: two places joined by "and" ("Eton
    and Slough"), or a place the gazetteer knows with compass words after it ("Hartlepool",
    "Dorset South"); a body named after its place ("Tokyo Stock Exchange") is none."""
    words = [t for t in doc[start:end]]
    if any(t.lower_ == "and" for t in words):
        return True
    while len(words) > 1 and places.is_compass(words[-1].text):
        words.pop()
    return places.lookup(" ".join(t.text for t in words)) is not None


def name_seats(doc: Doc, dm: DocMentions) -> None:
    """Make the name before "seat" or "constituency" one constituency mention (module docstring)."""
    for tok in lower_in(doc, SEAT_NOUNS):
        found = _name_before(doc, tok)
        if found is None:
            continue
        start, end = found
        inside = {m for i in range(start, end) if (m := dm.at(doc[i])) is not None}
        if any(dm.spans[m][0] < start or dm.spans[m][1] > end for m in inside if m in dm.spans):
            continue  # a name running past the seat noun's phrase
        if any(m.label in _NOT_SEATS for m in inside) and not _place_name(doc, start, end):
            continue  # a body's or party's seat ("his Senate seat", "a safe Labour seat")
        if len(inside) == 1 and next(iter(inside)).label in {"GPE", "LOC"} and dm.spans[next(iter(inside))] == (start, end):
            continue  # already one place ("the Ohio seat")
        for m in inside:
            dm.remove(m)
        dm.add(doc[start:end], "LOC")


def _seat(noun: Token, ctx: Context, seen: list) -> object | None:
    """The constituency a seat noun names: its own name, "the seat of X", else the one named last."""
    m = ctx.mentions.at(ctx.doc[noun.i - 1]) if noun.i > 0 else None
    if m is not None and m.label in {"GPE", "LOC"}:
        return m
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            named = ctx.mentions.at(pobj)
            if named is not None and named.label in {"GPE", "LOC"}:
                return named
    det = [c for c in noun.children if c.dep_ in {"det", "poss", "amod", "compound"}]
    if seen and len(det) == 1 and det[0].lower_ == "the":  # "Labour regained the seat"
        span = ctx.doc[det[0].i : noun.i + 1]
        new = ctx.mentions.add(span, seen[-1].label, key=seen[-1].key, text=span.text)
        ctx.mentions.coref[new] = "seat-description"
        return new
    return None


def rule_seat_won(ctx: Context) -> Iterator[Candidate]:
    """"won the Eton and Slough seat for the Tories", "Labour regained the seat" (module docstring)."""
    verbs = word_table("seat_verbs")
    seen: list = []  # seats named so far, in reading order
    holders: dict[str, list] = {}  # seat key -> who won it last (the winner and the party it won for)
    sides: dict[str, set[str]] = {}  # seat key -> keys of that winner's side
    for noun in ctx.nouns:
        if noun.lower_ not in SEAT_NOUNS:
            continue
        seat = _seat(noun, ctx, seen)
        if seat is None:
            continue
        if seat not in seen and ctx.mentions.coref.get(seat) != "seat-description":
            seen.append(seat)
        verb = noun.head
        if noun.dep_ != "dobj" or verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        prop = verbs[verb.lemma_.lower()]
        parties = [(m, p) for prep in [*verb.children, *noun.children] if prep.dep_ == "prep" and prep.lower_ == "for"
                   for pobj in prep.children if pobj.dep_ == "pobj" for m, p in entities_of(pobj, ctx) if m.label in _PARTY_LABELS]
        losers = [(m, p) for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "from"
                  for pobj in prep.children if pobj.dep_ == "pobj" for m, p in entities_of(pobj, ctx)]
        taking = prop == "wins" and verb.lemma_.lower() not in {"retain", "hold"} and not any(c.dep_ == "neg" for c in verb.children)
        for s, ps in clause_subjects(verb, ctx):
            if prop == "represents" and s.label != "PERSON" or s.label not in {"PERSON", "ORG", "NORP"}:
                continue
            yield Candidate(s, prop, seat, "seat_won", 0.7 - ps, verb, mapped=True)
            if s.label == "PERSON":
                for party, pp in parties:
                    yield Candidate(s, "memberOf", party, "seat_won", 0.65 - ps - pp, verb, mapped=True)
            if not taking:
                continue
            before = losers or [(m, 0.1) for m in holders.get(seat.key, ()) if s.key not in sides.get(seat.key, ())]
            for loser, pl in before:
                if loser.key != s.key and loser.label in {"PERSON", "ORG", "NORP"}:
                    yield Candidate(s, "defeats", loser, "seat_taken", 0.6 - ps - pl, verb, mapped=True)
            holders[seat.key] = [s, *(party for party, _ in parties)]
            sides[seat.key] = {s.key, *(party.key for party, _ in parties)}


#: "won power", "seized power"; "came to power", "swept to power"; "has been in power".
_WIN_POWER = frozenset({"win", "take", "seize", "gain", "regain", "assume", "grab", "retain", "hold"})
_TO_POWER = frozenset({"come", "sweep", "return", "rise", "surge", "storm"})
_IN_POWER = frozenset({"be", "remain", "stay"})


def _power_verb(power: Token) -> Token | None:
    """The verb of "won power", "came to power", "been in power" (``power`` with no modifier)."""
    if any(c.dep_ not in {"det", "prep"} for c in power.children) or any(c.dep_ == "prep" and c.lower_ in {"to", "of", "over"} for c in power.children):
        return None  # "purchasing power", "the power to veto", "power over the budget"
    head = power.head
    if power.dep_ == "dobj" and head.lemma_.lower() in _WIN_POWER:
        if any(c.dep_ == "prep" and c.lower_ == "from" for c in head.children):
            return None  # "took power from the grid": electricity as often as a throne
        return head
    if power.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        verb = head.head
        if head.lower_ == "to" and verb.lemma_.lower() in _TO_POWER or head.lower_ == "in" and verb.lemma_.lower() in _IN_POWER:
            return verb
    return None


def rule_won_power(ctx: Context) -> Iterator[Candidate]:
    """"since Labour won power in 1997": Labour governs the country (module docstring)."""
    for power in ctx.nouns:
        if power.lower_ != "power":
            continue
        verb = _power_verb(power)
        if verb is None:
            continue
        places_named = [m for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "in"
                        for pobj in prep.children if pobj.dep_ == "pobj" for m, _ in entities_of(pobj, ctx)
                        if m.label == "GPE" and places.country(m.text) is not None]
        country = places_named[0] if places_named else ctx.roles.article_country() if ctx.roles is not None else None
        if country is None:
            continue
        for s, ps in clause_subjects(verb, ctx):
            if s.label in {"PERSON", "ORG", "NORP"} and s.key != country.key:
                yield Candidate(s, "leads", country, "won_power", 0.65 - ps, verb, mapped=True)
