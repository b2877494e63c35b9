"""A person named with "of", "from" or "at" a body or a place (rule ``of_affiliation``).

"Hannah Ward of the Refugee Council" works for it; "Daniel Sullivan, 30, of Boothbay" lives
there; "President Hissene Habre of Chad" holds an office of the country (the role rules say
which), which is no home.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..ontology import word_list
from ..records import Mention
from .firm_names import LEGAL_FORMS
from .role_words import _PERSON_PRONOUNS
from .rules import Candidate, Context, entities_of, governing_verb

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["rule_of_affiliation"]


def rule_of_affiliation(ctx: Context) -> Iterator[Candidate]:
    """"Hannah Ward of the Refugee Council", "Mike Hobday, of the League Against Cruel Sports",
    "Andrew Hall of Miami": a person of an organisation works for it; of a place, lives there."""
    for m in list(ctx.mentions.mentions):
        span = ctx.span_of(m)
        if span is None or m.label != "PERSON" or m.text.lower() in _PERSON_PRONOUNS:
            continue
        root = span.root
        preps = [c for c in root.children if c.dep_ == "prep" and c.lower_ in {"of", "from", "at"} and c.i >= span.end]
        if not preps and span.end < len(ctx.doc) - 2 and ctx.doc[span.end].text == "," and ctx.doc[span.end + 1].lower_ == "of":
            prep = ctx.doc[span.end + 1]  # "Mike Hobday, of the League ...": a comma before "of"
            preps = [prep] if prep.head.i in range(span.start, span.end) or prep.head.dep_ == "appos" else []
        aged = any(c.dep_ == "appos" and c.like_num for c in root.children)  # "Daniel Sullivan, 30, of Boothbay"
        titled = span.start > 0 and ctx.doc[span.start - 1].is_title and ctx.roles.is_role_word(ctx.doc[span.start - 1])
        for prep in preps:
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for target, penalty in entities_of(pobj, ctx):
                    if aged and prep.lower_ == "of" and target.label in {"ORG", "GPE", "LOC"} and not _org_named(target):
                        yield Candidate(m, "livesIn", target, "of_affiliation", 0.7 - penalty, governing_verb(root), mapped=True)
                    elif target.label in {"ORG"} and prep.lower_ in {"of", "at"}:
                        yield Candidate(m, "worksFor", target, "of_affiliation", 0.75 - penalty, governing_verb(root), mapped=True)
                        yield from _office_in(ctx, root, pobj, target)
                    elif target.label in {"GPE", "LOC"} and prep.lower_ in {"of", "from"} and not (titled and prep.lower_ == "of"):
                        # "President Hissene Habre of Chad": the office's country, not a home
                        yield Candidate(m, "livesIn", target, "of_affiliation", 0.7 - penalty, governing_verb(root), mapped=True)


def _office_in(ctx: Context, person: Token, pobj: Token, org: Mention) -> Iterator[Candidate]:
    """"Junya Tanase of JPMorgan Chase bank in Tokyo": the parser hung "in Tokyo" on the person;
    right after the organisation's phrase it places the organisation's office (it operates there)."""
    nxt = pobj.right_edge.i + 1
    if nxt >= len(ctx.doc) or ctx.doc[nxt].lower_ != "in" or ctx.doc[nxt].head.i != person.i:
        return
    for place in (c for c in ctx.doc[nxt].children if c.dep_ == "pobj"):
        m = ctx.mentions.at(place)
        if m is not None and m.label in {"GPE", "LOC"}:
            yield Candidate(org, "operatesIn", m, "of_affiliation", 0.65, governing_verb(person), mapped=True)


def _org_named(m: Mention) -> bool:
    """A name that says it is an organisation's: "... Council", "... Corp", an acronym."""
    last = m.text.split()[-1] if m.text.split() else ""
    return last.isupper() and len(last) > 1 or last.lower().rstrip(".") in word_list("org_kinds") or last.lower().rstrip(".") in LEGAL_FORMS
