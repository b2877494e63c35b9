"""The words of a role: which words of a title or noun phrase name the role, their lexicon
entry (office, agent noun), their time ("former", "then") and the lists that steer them.

Split from :mod:`kg.extract.affiliation` (which finds what a role is held for and states its
facts) so that each stays small; word lists are data in ``ontology/lexicon/``.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..ontology import word_list
from ..records import Mention
from .mentions import normalise

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from .rules import Context

__all__ = ["role_phrase"]

_NOT_ROLE = frozenset({
    "the", "a", "an", "mr", "mrs", "ms", "dr", "new", "current", "incumbent", "top", "high", "ranking",
    "-", "–", "his", "her", "its", "their", "our", "my", "your", "long", "longtime", "veteran", "newly",
    "outspoken", "influential", "powerful", "controversial", "embattled", "popular", "respected",
    "well", "known", "prominent", "leading", "key", "fellow", "one", "time", "also",
})
#: Words that put a role in the past, with the time they give it.
_TIME = {"former": "former", "formerly": "former", "previously": "former", "ex": "former", "onetime": "former", "erstwhile": "former",
         "late": "former", "deposed": "former", "ousted": "former", "retired": "former", "then": "then", "outgoing": "outgoing",
         "designate": "designate", "elect": "elect"}  # "chairman-designate", "president-elect": not yet in office
#: Offices of a government: with a portfolio and no stated affiliation they belong to the
#: government of the article's country ("Home Secretary Charles Clarke").
_GOVERNMENT_ROLES = frozenset({"minister", "secretary", "chancellor", "prime minister", "deputy prime minister", "premier", "attorney general"})
#: Officers of a company or body: with no affiliation stated, that of the organisation the article is about.
_COMPANY_OFFICERS = frozenset({
    "chief executive", "chief executive officer", "ceo", "chairman", "chairwoman", "chief financial officer",
    "cfo", "chief operating officer", "coo", "managing director", "finance director", "general counsel",
    "company secretary",
})
#: Role words that make the holder subordinate: a deputy director works for the body, not leads it.
_SUBORDINATE = frozenset({"deputy", "vice", "assistant", "associate", "junior", "under", "undersecretary"})
#: Prepositions that attach a role to its organisation: "analyst from ING", "leader in the Lords".
_AFFILIATION_PREPS = frozenset({"of", "for", "at", "from", "with", "in", "to"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
#: Role nouns a portfolio word can stand before: "Home Secretary", "Treasury spokesman".
_PORTFOLIO_HEADS = frozenset({"secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "chancellor", "commissioner", "committee", "editor", "correspondent", "adviser", "advisor", "czar", "tsar", "chief", "director", "representative", "negotiator", "envoy", "ambassador"})
#: Last words that make a name an organisation's.
_ORG_ENDINGS = frozenset({"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "bv", "gmbh", "group", "holdings", "industries", "computing", "systems", "securities", "capital", "partners", "associates"})
#: Name suffixes the NER often keeps in a person's span: "Guy Mansfield QC".
_NAME_SUFFIXES = frozenset({"qc", "mp", "jr", "sr", "ii", "iii", "kc", "mep"})


@functools.lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """``"gov." -> "governor"`` from ``ontology/lexicon/title_abbreviations.tsv``."""
    from ..ontology import word_table

    return word_table("title_abbreviations")


_VOCABULARIES: dict[int, frozenset[str]] = {}


def _role_vocabulary(lexicon) -> frozenset[str]:
    """Every word of a role or agent noun of the lexicon ("prime", "minister", "general"), qualifiers, abbreviations."""
    found = _VOCABULARIES.get(id(lexicon))
    if found is None:
        words = {w for phrase in (*lexicon.roles, *lexicon.agents) for w in phrase.replace("-", " ").split()}
        found = _VOCABULARIES[id(lexicon)] = frozenset(words | word_list("role_qualifiers") | set(_abbreviations()))
    return found


def role_phrase(tokens: list[Token]) -> str:
    """Normalised role words: "Secretary-General" and "secretary general" are one role; "executives" is "executive"."""
    abbr = _abbreviations()
    words = [abbr.get(t.lower_, t.lower_) for t in sorted(tokens, key=lambda t: t.i) if t.lower_ not in _NOT_ROLE and t.lower_ not in _TIME]
    if words and (tokens[-1].tag_ in {"NNS", "NNPS"} or words[-1].endswith("men")):
        words[-1] = _singular(words[-1])
    return normalise(" ".join(words))


def _singular(word: str) -> str:
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _lookup_role(ctx: Context, role: str) -> tuple[str, str, str] | None:
    """``(kind, property, matched words)`` for a role phrase: the longest known tail, office or agent noun."""
    for prep in (" of ", " for "):  # "secretary of transportation", "vice president for finance": the role noun is before it
        if prep in role:
            return _lookup_role(ctx, role.split(prep)[0])
    words = role.split()
    if not words:
        return None
    words[-1] = words[-1] if ctx.lexicon.role(words[-1]) or ctx.lexicon.agent(words[-1]) else _singular(words[-1])
    for i in range(len(words)):
        tail = " ".join(words[i:])
        prop = ctx.lexicon.role(tail)
        if prop is not None:
            return "office", prop, tail
        prop = ctx.lexicon.agent(tail)
        if prop is not None:
            return "agent", prop, tail
    return None


def _time_of(tokens: list[Token]) -> str | None:
    for t in tokens:
        if t.lower_ in _TIME:
            return _TIME[t.lower_]
        if t.lower_ == "ex" or t.lower_.startswith("ex-"):
            return "former"
    return None


#: Words that keep a leaving in the future or unreal ("he would resign", "refused to resign" has its own subject).
_NOT_YET = frozenset({"will", "would", "may", "might", "could", "should", "can", "shall", "must", "to", "not", "n't", "never"})
#: Dependencies that join a name to the noun phrase that is the clause's subject.
_UP_TO_SUBJECT = frozenset({"conj", "appos", "compound", "nmod"})
#: Removal verbs: their subject is the one who removes, so only the passive or a bare participle leaves office.
_REMOVALS = frozenset({"fire", "sack", "oust", "dismiss", "depose", "topple", "overthrow"})


#: Words before a leaving noun that make it wanted, not done: "called for the resignation of X".
_ASKING = frozenset({"call", "demand", "urge", "seek", "want", "ask", "press", "propose", "threaten", "force", "expect", "rumour", "rumor", "speculation", "possible"})


def left_office(span: Span | None) -> bool:
    """Whether the person of a name has left the office the sentence gives them ("leave_office_verbs" rule).

    "Planning Minister Joao Sayad resigned", "finance director Ann Bell and ... all resigned",
    "aide Oliver North, since fired", "chairman Tom Hardy was ousted": the role is a past one.
    "would resign", "refused to resign" and "X fired his deputy" leave it current.
    """
    if span is None:
        return False
    verbs = word_list("leave_office_verbs")
    doc = span.doc
    # "aide Oliver North, since fired,": a participle set off after the name
    after = [t for t in doc[span.end : span.end + 4] if t.lower_ not in {"since", "now", "later", "subsequently"}]
    if len(after) >= 2 and after[0].text == "," and after[1].tag_ in {"VBN", "VBD"} and _leaves(after[1], verbs, passive=True):
        return True
    tok = span.root
    head = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok.head if tok.dep_ == "poss" else None
    if head is not None and head.pos_ == "NOUN" and head.lemma_.lower() in word_list("leave_office_nouns") \
            and not any(t.lemma_.lower() in _ASKING for t in list(head.ancestors)[:3]):
        return True  # "after the resignation of party chief Hu Yaobang" ("called for the resignation of" is not)
    while tok.dep_ in _UP_TO_SUBJECT and tok.head is not tok:
        tok = tok.head
    if tok.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = tok.head
    if any(c.dep_ in {"aux", "neg"} and c.lower_ in _NOT_YET for c in verb.children):
        return False
    return _leaves(verb, verbs, passive=tok.dep_ == "nsubjpass")


def _leaves(verb: Token, verbs: frozenset[str], *, passive: bool) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in _REMOVALS:
        return passive and lemma in verbs
    particles = [c.lower_ for c in verb.children if c.dep_ in {"prt", "advmod"} and c.lower_ == "down"]
    return lemma in verbs or any(f"{lemma} {p}" in verbs for p in particles)


#: Last words of a military or police unit's name, which is no person's: "the Navy's Mideast Task Force".
_FORCE_ENDINGS = frozenset({"force", "forces", "fleet", "brigade", "regiment", "squadron", "battalion", "corps", "army", "navy", "guard", "guards"})


def _personish(m: Mention, span: Span | None) -> bool:
    """A person's name, even where the NER gave it another label after a title ("spokesman Vince Cable")."""
    if m.label == "PERSON":
        return m.text.lower() not in _PERSON_PRONOUNS or True
    if span is None or m.label not in {"ORG", "GPE", "NORP", "FAC"} or not 2 <= len(span) <= 4:
        return False
    words = [t for t in span if t.lower_ not in _NAME_SUFFIXES]
    if words and (words[-1].lower_.rstrip(".") in _ORG_ENDINGS or words[-1].lower_ in word_list("org_kinds") or words[-1].lower_ in _FORCE_ENDINGS):
        return False  # "Future Computing Inc", "Hawaiian Sugar Planters Association", "Mideast Task Force"
    return 2 <= len(words) <= 3 and all(t.is_title and t.is_alpha and t.pos_ == "PROPN" for t in words)
