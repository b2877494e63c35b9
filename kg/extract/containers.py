"""A city in its country, when the article names both (rule ``city_in_country``).

"Turkish-Austrian consortium TAV was chosen to build and run Tehran's new airport" in an article
that also names Iran: Tehran is in Iran. GeoNames (the place index kg resolves places with)
says which country a city is in; the fact is kept only when the article itself names that
country, so it ties two of the article's own places and never brings in one it does not name.
The fact is stated once per article, at the city's first mention; a name the index knows as a
country or a region before a city ("Georgia", "Victoria") is no city here, nor one listed with
companies ("Sony, Hitachi, Toshiba"), nor one a company of the article begins with ("Midland"
beside "Midland Doherty Ltd"; "London" beside "London Stock Exchange", no legal form, is still
London).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import places
from .entity_types import cues
from .rules import Candidate, Context

if TYPE_CHECKING:  # pragma: no cover
    from ..records import Mention

__all__ = ["rule_city_in_country"]

_PLACES = frozenset({"GPE", "LOC"})


def rule_city_in_country(ctx: Context) -> Iterator[Candidate]:
    """``locatedIn`` from each city the article names to its country, when the article names it."""
    countries: dict[str, Mention] = {}
    for m in ctx.mentions.mentions:
        if m.label in _PLACES and m.text[:1].isupper():
            found = places.country(m.text)
            if found is not None and found.iso:
                countries.setdefault(found.iso, m)
    if not countries:
        return
    done: set[str] = set()
    forms = cues()["organization.legal_forms"]  # a city a company's name begins with is its short name there
    firms = [o.text + " " for o in ctx.mentions.mentions if o.label == "ORG" and o.text.split()[-1].lower() in forms]
    for m in sorted(ctx.mentions.mentions, key=lambda x: x.start):
        if m.label not in _PLACES or not m.text[:1].isupper() or m.key in done:
            continue
        if any(f.startswith(m.text + " ") for f in firms):
            continue  # "Midland's Donegan" in an article about Midland Doherty Ltd: the firm's short name
        if _listed_with_firms(m, ctx):
            continue  # "Machines by Sony, Hitachi, Toshiba and others": a company, as its neighbours are
        known = places.lookup(m.text)
        if known is None or known.kind != "City" or not known.iso or known.iso not in countries:
            continue
        done.add(m.key)
        yield Candidate(m, "locatedIn", countries[known.iso], "city_in_country", 0.7, None, mapped=True)


def _listed_with_firms(m: Mention, ctx: Context) -> bool:
    """Whether a place name stands in a list with organisations ("Sony, Hitachi, Toshiba")."""
    span = ctx.span_of(m)
    if span is None:
        return False
    root = span.root
    near = [*root.conjuncts, root.head] if root.dep_ == "conj" else list(root.conjuncts)
    return any((o := ctx.mentions.at(t)) is not None and o.label == "ORG" for t in near if t.i not in range(span.start, span.end))

