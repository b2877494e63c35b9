"""How a role's holder is tied to its body: leads it, works for it, or is a member.

A title names a body, and the role decides the tie: "chairman of X" leads X, but "a director of
Union Bank" is one of its board, "finance director" and "director of studies" head a function,
"White House budget chief" a unit, and "Socialist Prime Minister Craxi" is a member of the
party, not its prime minister. "president of Palo Alto, Calif.-based Adobe" is Adobe's.
:class:`kg.extract.affiliation.Roles` asks these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ontology import word_list
from .role_words import _GOVERNMENT_ROLES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..records import Mention
    from .rules import Context

__all__ = ["based_firm", "function_director", "heads_a_unit", "one_of_several", "party_word", "unit_chief"]


#: Words before "director" that keep it the head of the body: "managing director".
_HEAD_DIRECTORS = frozenset({"managing", "general", "chief"})


def based_firm(pobj: Token, ctx: Context) -> Mention | None:
    """The firm of "of Palo Alto, Calif.-based Adobe", which the parser cut after the place."""
    place = ctx.mentions.at(pobj)
    span = ctx.span_of(place) if place is not None and place.label in {"GPE", "LOC"} else None
    doc, i = pobj.doc, span.end if span is not None else len(pobj.doc)
    if i < len(doc) and doc[i].text == ",":
        i += 1
    based = next((j for j in range(i, min(i + 4, len(doc) - 1)) if doc[j].lower_ == "based" or doc[j].lower_.endswith("-based")), None)
    m = ctx.mentions.at(doc[based + 1]) if based is not None else None
    return m if m is not None and m.label == "ORG" else None  # "Austin, Texas-based Dell", "Palo Alto, Calif.-based Adobe"


def one_of_several(words: list[Token]) -> bool:
    """"Rudolf Mueller, a director of Union Bank", "resign as a director of X": one of the board,
    not its head ("a former chairman of X" led it)."""
    return any(c.dep_ == "det" and c.lower_ in {"a", "an"} for w in words for c in w.children)


def function_director(role: str, matched: str) -> bool:
    """"executive director", "finance director", "non-executive director": a director with a
    function or a board seat, not the head of the body ("director of the FBI", "managing
    director" and "director general" lead it)."""
    if matched != "director":
        return False
    words = role.replace("-", " ").split()
    return len(words) > 1 and words[-1] == "director" and not any(w in _HEAD_DIRECTORS for w in words[:-1])


def unit_chief(words: list[Token], matched: str) -> bool:
    """"White House budget chief", "research head": the chief of a function named by a common noun
    before the role works for the body, not leads it ("party chief", "army chief": a kind of body)."""
    if matched not in {"chief", "head"}:
        return False
    kinds = word_list("org_kinds")
    return any(w.is_lower and w.pos_ == "NOUN" and w.lemma_.lower() not in kinds and w.lower_ not in kinds for w in words[:-1])


def heads_a_unit(words: list[Token]) -> bool:
    """"director of studies", "head of research": the role leads a unit named by a common noun."""
    if not words:
        return False
    # the role's head is the word "of" hangs on ("director of communications"), else the last word
    head = next((w for w in words if any(c.dep_ == "prep" and c.lower_ == "of" for c in w.children)), words[-1])
    government = head.lower_ in _GOVERNMENT_ROLES  # "Secretary of Transportation": a portfolio, not a unit
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if (pobj.pos_ == "NOUN" and pobj.is_lower and pobj.lemma_.lower() not in word_list("org_kinds")
                    and not (government and " ".join(w.lower_ for w in pobj.subtree) in word_list("portfolios"))):
                return True
            if not government and all(w.is_alpha and w.lower_ in word_list("function_units") for w in pobj.subtree):
                return True  # "director of Corporate Finance at Morgan Grenfell"
    return False


def party_word(m: Mention) -> bool:
    """A party named by its adjective before a role ("Socialist", "Republican", "Tory")."""
    return m.label in {"NORP", "ORG"} and " ".join(m.text.lower().split()) in word_list("party_adjectives")
