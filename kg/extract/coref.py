"""Coreference: the words that refer back to an entity the document named before.

Personal pronouns, "its", "they", and definite role descriptions ("the Foreign Minister") are
added to the document's mentions with the key of the entity they refer to, so every rule reads
them like names. Works on one spaCy ``Doc`` and its :class:`~kg.extract.mentions.DocMentions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Mention
from .mentions import DocMentions, normalise

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["resolve_pronouns", "resolve_descriptions", "PERSON_PRONOUNS", "THING_PRONOUNS"]

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
THING_PRONOUNS = frozenset({"it", "its"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
#: Labels a plural pronoun can refer to: "The Taliban said they would attend".
_GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})


def _group_subject(root: Token, dm: DocMentions) -> Mention | None:
    """The entity that is the single subject of a sentence's main verb, if any."""
    subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.conjuncts:
        return None
    return dm.by_token.get(subj.i)


def resolve_pronouns(doc: Doc, dm: DocMentions) -> None:
    """He/she/his to the last person named; it/its to the last organisation or place.

    Looks back within the current and the previous sentence only: further back, a pronoun is
    more often wrong than right, and a missing fact costs less than a wrong one.
    """
    last_person: Mention | None = None
    last_thing: Mention | None = None
    last_person_sent = last_thing_sent = -10
    prev_subject: Mention | None = None  # the entity subject of the previous sentence's root
    for sent_no, sent in enumerate(doc.sents):
        root_subject = _group_subject(sent.root, dm)
        for tok in sent:
            m = dm.by_token.get(tok.i)
            if m is not None:
                if m.label == "PERSON":
                    last_person, last_person_sent = m, sent_no
                elif m.label in {"ORG", "GPE", "NORP"}:
                    last_thing, last_thing_sent = m, sent_no
                continue
            if tok.pos_ != "PRON":
                continue
            low = tok.lower_
            if low in PERSON_PRONOUNS and last_person is not None and sent_no - last_person_sent <= 1:
                dm.add(doc[tok.i : tok.i + 1], "PERSON", key=last_person.key)
            elif low in THING_PRONOUNS and last_thing is not None and sent_no - last_thing_sent <= 1:
                dm.add(doc[tok.i : tok.i + 1], last_thing.label, key=last_thing.key)
            elif low in _PLURAL_PRONOUNS:
                # "they": the subject of the clause above ("The Taliban said they ..."), else of
                # the previous sentence; a plural common noun subject ("Analysts") blocks it.
                here = root_subject if root_subject is not None and root_subject.start < tok.idx else None
                target = here or (prev_subject if root_subject is None or root_subject.start >= tok.idx else None)
                if target is not None and target.label in _GROUP_LABELS:
                    dm.add(doc[tok.i : tok.i + 1], target.label, key=target.key)
        prev_subject = root_subject if root_subject is not None else None


def resolve_descriptions(doc: Doc, dm: DocMentions) -> None:
    """"the Foreign Minister" refers to the person the document named in that role."""
    if not dm.roles:
        return
    for chunk in doc.noun_chunks:
        if chunk[0].lower_ != "the" or len(chunk) < 2 or chunk.root.dep_ == "appos" or any(dm.at(t) for t in chunk):
            continue
        holder = dm.roles.get(normalise(chunk[1:].text))
        if holder is not None:
            dm.add(chunk, "PERSON", key=holder.key)
