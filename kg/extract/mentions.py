"""Mentions: which tokens name which entity, within one parsed document.

Finds named-entity spans and learns acronyms the text defines ("... Organization (CSTO)").
Words that refer back to an entity named earlier (pronouns, "the Foreign Minister") are
resolved in :mod:`kg.extract.coref`. Everything here works on one spaCy ``Doc``; nothing leaves the module but ``Mention``s.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Mention
from ._doc import column, string_ids, tokens
from .name_spans import is_dateline
from .ner_names import ENTITY_LABELS, LEGAL_WORDS, named_spans, names_nothing
from .names import normalise
from .entity_types import cues
from .entity_types import refine as refine_types
from .topics import policy_topics

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable

    from spacy.tokens import Doc, Span, Token

__all__ = ["ENTITY_LABELS", "normalise", "is_dateline", "DocMentions", "company_units", "find_mentions", "most_named", "names_nothing"]


_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
_THING_PRONOUNS = frozenset({"it", "its"})


@dataclass
class DocMentions:
    """The mentions of one document and the index from token to mention."""

    doc_id: str
    by_token: dict[int, Mention] = field(default_factory=dict)
    datelines: set[int] = field(default_factory=set)  # token indexes of "MOSCOW —" bylines
    mentions: list[Mention] = field(default_factory=list)
    acronyms: list[tuple[str, str]] = field(default_factory=list)  # (short key, long key)
    roles: dict[str, Mention] = field(default_factory=dict)  # role phrase -> person mention
    coref: dict[Mention, str] = field(default_factory=dict)  # resolved reference -> the coref rule that made it

    spans: dict[Mention, tuple[int, int]] = field(default_factory=dict)  # mention -> token range
    cued: set[int] = field(default_factory=set)  # first tokens of mentions typed by a context cue

    def add(self, span: Span, label: str, key: str | None = None, text: str | None = None) -> Mention:
        m = Mention(self.doc_id, (text or span.text).strip("<>"), span.start_char, span.end_char, label, key or normalise(span.text))
        self.mentions.append(m)
        self.spans[m] = (span.start, span.end)
        self._doc = span.doc
        for tok in span:
            self.by_token[tok.i] = m
        return m

    def add_implied(self, span: Span, label: str, key: str, text: str) -> Mention:
        """An entity the words imply but do not name ("Home Secretary": the UK), anchored on those
        words; it is not what the words name, so no token points to it."""
        m = Mention(self.doc_id, text, span.start_char, span.end_char, label, key)
        self.mentions.append(m)
        self.spans[m] = (span.start, span.end)
        return m

    def remove(self, m: Mention) -> None:
        """Forget a mention (a wider one is replacing it)."""
        if m in self.spans:
            del self.spans[m]
        self.mentions = [x for x in self.mentions if x is not m]
        for i in [i for i, x in self.by_token.items() if x is m]:
            del self.by_token[i]

    def span_of(self, m: Mention) -> Span | None:
        """The token span of one of these mentions."""
        rng = self.spans.get(m)
        return self._doc[rng[0] : rng[1]] if rng is not None else None

    def at(self, token: Token) -> Mention | None:
        """The mention a token is part of, if any."""
        return self.by_token.get(token.i)

    def relabel(self, m: Mention, label: str, key: str) -> Mention:
        """Replace one mention by the same span with another label and key."""
        new = Mention(m.doc_id, m.text, m.start, m.end, label, key)
        self.mentions[self.mentions.index(m)] = new
        self.spans[new] = self.spans.pop(m)
        for i in range(*self.spans[new]):
            if self.by_token.get(i) is m:
                self.by_token[i] = new
        return new

    def resize(self, m: Mention, start: int, end: int, label: str) -> Mention:
        """Replace one mention by another over tokens ``start:end`` (a name that runs on)."""
        span = self._doc[start:end]
        new = Mention(m.doc_id, span.text, span.start_char, span.end_char, label, normalise(span.text))
        self.mentions[self.mentions.index(m)] = new
        for i in range(*self.spans.pop(m)):
            self.by_token.pop(i, None)
        self.spans[new] = (start, end)
        for i in range(start, end):
            self.by_token[i] = new
        return new


def find_mentions(doc: Doc, doc_id: str) -> DocMentions:
    """Named entities of ``doc`` and acronym definitions (pronouns: :mod:`kg.extract.coref`)."""
    dm = DocMentions(doc_id)
    for span, label, text in named_spans(doc):
        if text is not None:
            dm.add(span, label, key=normalise(text), text=text)
            continue
        dm.add(span, label)
        if is_dateline(span[0]):
            dm.datelines.update(t.i for t in span)
    _lowercase_places(doc, dm)
    _kind_described_names(doc, dm)
    _topic_names(doc, dm)
    policy_topics(doc, dm)  # "plans for ID cards" (kg.extract.topics)
    refine_types(doc, dm)
    _facility_names(doc, dm)
    _learn_acronyms(doc, dm)
    _propagate_names(doc, dm)
    _people_joined(doc, dm)
    _surnames_to_people(dm)
    _short_forms(dm)
    return dm


def _lowercase_places(doc: Doc, dm: DocMentions) -> None:
    """"the 12 eurozone countries": a place news writes in lower case (``place.lowercase_names``
    of ``kg/data/entity_types.toml``) is a name the NER does not tag (rule lowercase_place)."""
    names = cues()["place.lowercase_names"]
    toks = tokens(doc)
    firsts = _leading_words(frozenset(names))
    for i, lower in enumerate(column(doc, "LOWER")):
        if lower not in firsts:
            continue  # no name begins with this word
        for n in (2, 1):
            words = toks[i : i + n]
            if len(words) == n and " ".join(t.lower_ for t in words) in names and all(dm.at(t) is None for t in words):
                dm.add(doc[i : i + n], "LOC")
                break


@functools.lru_cache(maxsize=8)
def _leading_words(names: frozenset[str]) -> frozenset[int]:
    """The ids of each name and of its words up to each space ("euro" of "euro zone"): a token
    whose lower-case form is none of them begins none of the names."""
    return string_ids(frozenset(name[:k] for name in names for k in [len(name), *(i for i, c in enumerate(name) if c == " ")]))


def _kind_described_names(doc: Doc, dm: DocMentions) -> None:
    """"Swiss watchmaker SMH", "drugmaker Xoma Corp": a capitalised name right after a kind of
    organisation (``org_kinds``) that describes it is an organisation the NER missed."""
    from ..ontology import word_list

    kinds = word_list("org_kinds")
    for head in tokens(doc):
        if head.pos_ != "PROPN" or head.dep_ == "compound" or head.i in dm.by_token or not head.text[:1].isupper():
            continue
        start = head.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i in range(start, head.i + 1) \
                and doc[start - 1].i not in dm.by_token and doc[start - 1].text[:1].isupper():
            start -= 1
        kind = doc[start - 1] if start > 0 else None
        if kind is None or kind.head != head or kind.dep_ != "compound" or kind.pos_ != "NOUN" or kind.lemma_.lower() not in kinds:
            continue
        span = doc[start : head.i + 1]
        if names_nothing(span.text) or any(t.i in dm.by_token or not t.is_alpha and t.text not in {"&", "-", "."} for t in span):
            continue  # "Jacobs Engineering group Inc": a legal form after the kind
        dm.add(span, "ORG")


def _facility_names(doc: Doc, dm: DocMentions) -> None:
    """"Shell Francaise's Berre l'Etang refinery", "Champlin's Corpus Christi plant": a name the
    NER took for a person (or an organisation, after its owner), modifying a facility noun
    (``facility_kinds``), names the facility."""
    from ..ontology import word_list

    for m in [m for m in dm.mentions if m.label in {"PERSON", "ORG"}]:
        span = dm.span_of(m)
        if span is not None and span.end < len(doc) and span.root.dep_ == "compound" and span.root.head.i == span.end \
                and doc[span.end].is_lower and doc[span.end].lemma_.lower() in word_list("facility_kinds") \
                and (m.label == "PERSON" or span.start > 0 and doc[span.start - 1].tag_ == "POS"):
            dm.relabel(m, "FAC", m.key)  # an organisation only after an owner: "Champlin's Corpus Christi plant"


def _topic_names(doc: Doc, dm: DocMentions) -> None:
    """"the European constitution", "the EU referendum": a name and a document or event noun after
    "the" name one thing (``topic_documents``, ``topic_events``). The name keeps its own mention
    ("EU" is still the EU); the noun's token points to the new one, which is what a verb's object is."""
    from ..ontology import word_list

    heads = {**{w: "LAW" for w in word_list("topic_documents")}, **{w: "EVENT" for w in word_list("topic_events")}}
    for tok in tokens(doc):
        label = heads.get(tok.lower_)
        if label is None or tok.pos_ != "NOUN" or not tok.is_lower or tok.i in dm.by_token or tok.i < 2:
            continue
        name = dm.by_token.get(tok.i - 1)
        span = dm.span_of(name) if name is not None else None
        if span is None or span.end != tok.i or name.label not in {"NORP", "GPE", "ORG"} or span.start == 0 or doc[span.start - 1].lower_ != "the":
            continue
        if doc[tok.i - 1].head != tok and doc[tok.i - 1].head.head != tok:
            continue  # the name modifies the noun ("the EU referendum"), not the other way round
        dm.add(doc[span.start : tok.i + 1], label)
        for i in range(span.start, span.end):
            dm.by_token[i] = name


def most_named(mentions: Iterable[Mention]) -> Mention | None:
    """The first mention of the entity named most often among ``mentions`` (a tie: none): what
    "the Act" or a yes vote refers to when the article names several of the kind."""
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for m in mentions:
        counts[m.key] = counts.get(m.key, 0) + 1
        first.setdefault(m.key, m)
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return first[ranked[0][0]]


def company_units(mentions: Iterable[Mention]) -> list[tuple[Mention, Mention]]:
    """(unit, company) of one article's organisations: "Standard Life Investments" and "Standard
    Life", "Chrysler Financial Corp" and "Chrysler Corp", "BBC News" and "BBC": the name with a
    unit's word after the other's (``unit_suffixes``; legal forms such as Inc, Corp or plc
    ignored on both), unless only the longer name has a legal form ("Knutson Mortgage Corp" is
    what the article then calls "Knutson"). Each name by its first mention."""
    from ..ontology import word_list

    units = word_list("unit_suffixes")
    firsts: dict[tuple[str, ...], Mention] = {}
    legal: set[tuple[str, ...]] = set()  # names the article gives with a legal form somewhere
    for m in sorted(mentions, key=lambda m: m.start):
        if m.label != "ORG":
            continue
        all_words = m.text.lower().replace(".", "").split()
        words = tuple(w for w in all_words if w not in LEGAL_WORDS)
        if not words:
            continue
        firsts.setdefault(words, m)
        if len(words) < len(all_words):
            legal.add(words)
    return [(long, short) for lw, long in firsts.items() for sw, short in firsts.items()
            if len(lw) > len(sw) and lw[: len(sw)] == sw and " ".join(lw[len(sw):]) in units
            and not (lw in legal and sw not in legal)]


def _short_forms(dm: DocMentions) -> None:
    """"TCI Fund Management ... TCI", "the House of Commons ... the House": an organisation's
    name cut short after the article gave it in full is that organisation.

    Only a short form first used after the long one counts ("Standard Life ... Standard Life
    Investments" are two: the short name came first), only when one longer name of the article
    fits, and never a company after its unit ("BBC News ... the BBC": :func:`company_units`). A
    lone kind word ("House", "Exchange") may be the first or the last word of the long name; any
    other short form is its first words.
    """
    from ..ontology import word_list

    kinds = word_list("org_kinds")
    orgs = sorted((m for m in dm.mentions if m.label == "ORG"), key=lambda m: m.start)
    units = {(unit.key, company.key) for unit, company in company_units(orgs)}
    first: dict[str, Mention] = {}
    for m in orgs:
        first.setdefault(m.key, m)
    chamber = max((k for k in word_list("lower_chambers") if k in first), key=len, default=None)  # "the House"
    for key, short in first.items():
        words = key.split()
        if key == "house" and chamber is not None and short.text == "House":
            for m in [x for x in dm.mentions if x.key == key and x.label == "ORG"]:
                dm.relabel(m, m.label, chamber)
            continue
        lone_kind = len(words) == 1 and words[0] in kinds
        if not words or lone_kind and not short.text[:1].isupper():
            continue
        longer = {k for k, m in first.items() if m.start < short.start and len(k.split()) > len(words)
                  and (k.split()[: len(words)] == words and (not lone_kind or k.split()[1] == "of")
                       or lone_kind and k.split()[-1] == words[0] and words[0] not in word_list("chambers"))}
        # a lone kind word is the head of the long name ("the Exchange") or starts "<kind> of ..."
        # ("the House" of "House of Representatives"), never a modifier ("House Agriculture Committee");
        # a chamber is no short form of a name it ends ("the White House ... the House Budget Committee")
        if len(longer) != 1:
            continue
        target = longer.pop()
        if (target, key) in units:
            continue
        for m in [x for x in dm.mentions if x.key == key and x.label == "ORG"]:
            dm.relabel(m, m.label, target)


def _propagate_names(doc: Doc, dm: DocMentions) -> None:
    """A name the document already uses ("CSTO", "Lavrov") is a mention wherever it recurs.

    The NER misses some repetitions of a name it found elsewhere in the same article; one
    pass over the tokens tags every untagged repetition with the label and key it had (the
    most frequent). Only capitalised names are propagated, never common words.
    """
    names: dict[str, list[tuple[str, str, str, int]]] = {}  # first word -> (surface, label, key, length), longest first
    seen: dict[str, dict[tuple[str, str], int]] = {}
    for m in dm.mentions:
        words = m.text.split()
        if not words or not all(w[:1].isupper() for w in words if w.isalpha()) or m.text.lower() in _PERSON_PRONOUNS | _THING_PRONOUNS:
            continue
        seen.setdefault(m.text, {}).setdefault((m.label, m.key), 0)
        seen[m.text][(m.label, m.key)] += 1
    for surface, labels in seen.items():
        label, key = max(sorted(labels), key=labels.__getitem__)
        words = surface.split()
        if len(words) != len(surface.split(" ")):
            continue
        names.setdefault(words[0], []).append((surface, label, key, len(words)))
    if not names:
        return
    for hits in names.values():  # "Labour Party" where it is written so, else "Labour"
        hits.sort(key=lambda h: (-h[3], h[0]))
    long_of = dict((short, long) for short, long in dm.acronyms)
    toks = tokens(doc)
    i = 0
    while i < len(toks):
        tok = toks[i]
        hits = names.get(tok.text)
        if hits is None or i in dm.by_token:
            i += 1
            continue
        for surface, label, key, n in hits:
            span = doc[i : i + n]
            if span.text == surface and not any(t.i in dm.by_token for t in span):
                dm.add(span, label, key=long_of.get(key, key))
                i += n
                break
        else:
            i += 1


def _people_joined(doc: Doc, dm: DocMentions) -> None:
    """"had invited both Lechin and Victor Lopez": two people the article named, run by the NER
    into one organisation, are two people again (each part a person's full name or surname the
    document uses)."""
    people: dict[str, str] = {}  # a person's full name or a surname ("Lechin" of "Juan Lechin Oquendo") -> the person's key
    for m in dm.mentions:
        if m.label == "PERSON" and len(m.key.split()) >= 2:
            people.setdefault(m.key, m.key)
            for word in m.key.split()[1:]:
                people.setdefault(word, m.key)
    for m in [x for x in dm.mentions if x.label == "ORG" and " and " in x.text]:
        start, end = dm.spans[m]
        cut = next((t.i for t in doc[start:end] if t.lower_ == "and"), None)
        if cut is None or start in dm.cued:
            continue
        parts = [doc[start:cut], doc[cut + 1 : end]]
        keys = [people.get(normalise(part.text)) for part in parts]
        if all(keys) and keys[0] != keys[1] and all(len(p) and all(t.is_title for t in p) for p in parts):
            dm.remove(m)
            for part, key in zip(parts, keys):
                dm.add(part, "PERSON", key=key)


def _surnames_to_people(dm: DocMentions) -> None:
    """"Lavrov" after "Sergey Lavrov" in one article is that person, whatever the NER said.

    Only names written like a person's (every word capitalised: not "ofNew Labour") count as
    full names, and a mention a context cue typed ("the Tories", "in Kent") keeps its type.
    Likewise a lone given name ("Amanda's uncle") is the one person of the document with it.
    """
    full: dict[str, set[str]] = {}
    given: dict[str, set[str]] = {}
    for m in dm.mentions:
        words = m.key.split()
        if m.label == "PERSON" and len(words) >= 2 and all(w[:1].isupper() for w in m.text.split()):
            full.setdefault(words[-1], set()).add(m.key)
            given.setdefault(words[0], set()).add(m.key)
    if not full:
        return
    for m in list(dm.mentions):
        if " " in m.key or m.label not in {"PERSON", "ORG", "GPE", "NORP"}:
            continue
        if dm.spans[m][0] in dm.cued and m.label != "PERSON":
            continue
        people = full.get(m.key)
        if people is None and m.label == "PERSON":
            people = given.get(m.key)
        if people is not None and len(people) > 1 and len({k.split()[0] for k in people}) == 1:
            people = {min(people, key=lambda k: (len(k), k))}  # "Anthony Meyer", "Anthony John Charles Meyer": one man
        if people is not None and len(people) == 1:
            dm.relabel(m, "PERSON", next(iter(people)))


def _abbreviates(short: str, long: str) -> bool:
    """Schwartz and Hearst's test: the letters of ``short`` occur in order in ``long``, the
    first at its start ("PWC" in "pricewaterhousecoopers")."""
    short, long = short.lower(), long.lower()
    if not long.startswith(short[0]):
        return False
    pos = 1
    for ch in short[1:]:
        pos = long.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _learn_acronyms(doc: Doc, dm: DocMentions) -> None:
    """"Collective Security Treaty Organization (CSTO)": the acronym names the long form."""
    toks = tokens(doc)
    for i, tok in enumerate(toks[:-2]):
        if tok.text != "(" or i == 0:
            continue
        short, close = toks[i + 1], toks[i + 2]
        long_mention = dm.by_token.get(i - 1)
        if close.text != ")" or long_mention is None or not short.is_upper or not short.is_alpha:
            continue
        if len(short.text) < 2 or (len(long_mention.key.split()) < 2 and not _abbreviates(short.text, long_mention.key)):
            continue
        dm.acronyms.append((normalise(short.text), long_mention.key))
        if short.i not in dm.by_token:
            dm.add(doc[short.i : short.i + 1], long_mention.label, key=long_mention.key)
