"""Mentions: which tokens name which entity, within one parsed document.

Finds named-entity spans, learns acronyms the text defines ("... Organization (CSTO)"), and
resolves the words that refer back to an entity named earlier: personal pronouns, "its", and
definite role descriptions ("the Foreign Minister") once the document has named who holds the
role. Everything here works on one spaCy ``Doc``; nothing leaves the module but ``Mention``s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Mention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["ENTITY_LABELS", "normalise", "DocMentions", "find_mentions"]

#: spaCy labels that name an entity kg keeps (dates, numbers and money are not entities).
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
_THING_PRONOUNS = frozenset({"it", "its"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir", "mr.", "mrs.", "ms.", "dr.", "prof."})
_QUOTES = "\"'“”‘’«»"
_space = re.compile(r"\s+")
_possessive = re.compile(r"['’]s?$")


def normalise(text: str) -> str:
    """The resolution key of a name: no leading article or honorific, no possessive, no case."""
    text = _space.sub(" ", text.replace("’", "'").replace("–", "-").strip(" \t\n,.;:" + _QUOTES))
    words = text.split(" ")
    while words and words[0].lower() in ({"the"} | _HONORIFICS):
        words = words[1:]
    text = " ".join(words)
    text = _possessive.sub("", text) if len(text) > 3 else text
    return _space.sub(" ", text.lower().replace("-", " ")).strip()


def _clean_span(span: Span) -> Span:
    """Drop a leading determiner/honorific and a trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].lower_ in _HONORIFICS):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end]


@dataclass
class DocMentions:
    """The mentions of one document and the index from token to mention."""

    doc_id: str
    by_token: dict[int, Mention] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    acronyms: list[tuple[str, str]] = field(default_factory=list)  # (short key, long key)
    roles: dict[str, Mention] = field(default_factory=dict)  # role phrase -> person mention

    def add(self, span: Span, label: str, key: str | None = None, text: str | None = None) -> Mention:
        m = Mention(self.doc_id, text or span.text, span.start_char, span.end_char, label, key or normalise(span.text))
        self.mentions.append(m)
        for tok in span:
            self.by_token[tok.i] = m
        return m

    def at(self, token: Token) -> Mention | None:
        """The mention a token is part of, if any."""
        return self.by_token.get(token.i)


def find_mentions(doc: Doc, doc_id: str) -> DocMentions:
    """Named entities of ``doc``, acronym definitions, and resolved pronouns."""
    dm = DocMentions(doc_id)
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        span = _clean_span(ent)
        if not len(span) or not any(t.is_alpha for t in span):
            continue
        dm.add(span, ent.label_)
    _learn_acronyms(doc, dm)
    _resolve_pronouns(doc, dm)
    return dm


def _learn_acronyms(doc: Doc, dm: DocMentions) -> None:
    """"Collective Security Treaty Organization (CSTO)": the acronym names the long form."""
    for i, tok in enumerate(doc[:-2]):
        if tok.text != "(" or i == 0:
            continue
        short, close = doc[i + 1], doc[i + 2]
        long_mention = dm.by_token.get(i - 1)
        if close.text != ")" or long_mention is None or not short.is_upper or not short.is_alpha:
            continue
        if len(short.text) < 2 or len(long_mention.key.split()) < 2:
            continue
        dm.acronyms.append((normalise(short.text), long_mention.key))
        if short.i not in dm.by_token:
            dm.add(doc[short.i : short.i + 1], long_mention.label, key=long_mention.key)


def _resolve_pronouns(doc: Doc, dm: DocMentions) -> None:
    """He/she/his to the last person named; it/its to the last organisation or place.

    Looks back within the current and the previous sentence only: further back, a pronoun is
    more often wrong than right, and a missing fact costs less than a wrong one.
    """
    last_person: Mention | None = None
    last_thing: Mention | None = None
    last_person_sent = last_thing_sent = -10
    for sent_no, sent in enumerate(doc.sents):
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
            if low in _PERSON_PRONOUNS and last_person is not None and sent_no - last_person_sent <= 1:
                dm.add(doc[tok.i : tok.i + 1], "PERSON", key=last_person.key)
            elif low in _THING_PRONOUNS and last_thing is not None and sent_no - last_thing_sent <= 1:
                dm.add(doc[tok.i : tok.i + 1], last_thing.label, key=last_thing.key)
