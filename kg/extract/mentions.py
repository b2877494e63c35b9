"""Mentions: which tokens name which entity, within one parsed document.

Finds named-entity spans and learns acronyms the text defines ("... Organization (CSTO)").
Words that refer back to an entity named earlier (pronouns, "the Foreign Minister") are
resolved in :mod:`kg.extract.coref`. Everything here works on one spaCy ``Doc``; nothing leaves the module but ``Mention``s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Mention
from ._doc import tokens
from .name_spans import is_dateline, is_measured, is_ticker, ner_spans
from .names import _HONORIFICS, normalise
from .entity_types import cues
from .entity_types import refine as refine_types

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable

    from spacy.tokens import Doc, Span, Token

__all__ = ["ENTITY_LABELS", "normalise", "is_dateline", "DocMentions", "company_units", "find_mentions"]

#: spaCy labels that name an entity kg keeps (dates, numbers and money are not entities).
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
_THING_PRONOUNS = frozenset({"it", "its"})
#: Head words of organisation names: a capitalised name after one is a person the NER swallowed.
_ORG_HEADS = frozenset({
    "council", "organization", "organisation", "ministry", "committee", "commission", "agency",
    "party", "union", "bank", "office", "department", "assembly", "parliament", "court", "bureau",
    "service", "forces", "army", "fund", "group", "association", "federation", "institute",
})


def _without_title(span: Span) -> Span:
    """"Accountant Clarence Sampson", "Treasurer Paul Keating": the NER kept the title in the name."""
    from ..ontology import load_lexicon
    from .entity_types import cues

    roles = load_lexicon().roles
    aliases = cues()["aliases"]
    start = span.start
    doc = span.doc
    while span.end - start >= 3:
        if (doc[start].is_title or doc[start].is_upper) and (doc[start].lower_ in roles or doc[start].lower_.rstrip(".") in _TITLE_WORDS):
            start += 1
        elif span.end - start >= 4 and normalise(doc[start : start + 2].text) in aliases:
            start += 2  # "Lib Dem MP Lembit Opik": a party's short name before the title
        else:
            break
    return doc[start : span.end]


#: Titles and ranks the NER keeps inside a person's name ("Gen. John Smith"), beside the ontology's role nouns.
_TITLE_WORDS = frozenset({"gov", "sen", "rep", "gen", "lt", "col", "capt", "sgt", "adm", "pres", "atty", "supt", "president", "accountant", "minister", "secretary", "treasurer"})


def _bare_role(tok: Token) -> bool:
    """A role noun of the lexicon alone ("Undersecretary", "Chairman"), which names no body."""
    from ..ontology import load_lexicon

    return tok.lower_ in load_lexicon().roles


def _function_unit(span: Span, *, alone: bool = False) -> bool:
    """"Research", "Vice-President of Marketing Services": a company's department
    (``function_units``) alone or after a role's "of", no organisation ("International
    Technology Corp ... International Technology" is one)."""
    from ..ontology import load_lexicon, word_list

    if not all(t.is_alpha and t.lower_ in word_list("function_units") for t in span):
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    return alone or len(span) == 1 or before is not None and before.lower_ == "of" and before.head.lower_ in load_lexicon().roles


def _ends_there(doc: Doc, start: int, end: int) -> bool:
    """Whether a name ending in a function word ends before it: "at" never joins a name, and
    "of", "and" or "the" join one only when capitalised words no other name holds follow ("The
    Office of the" + "Deputy Prime Minister"), and not after a legal form ("Heini's Nursery Inc of Miami")."""
    word = doc[end - 1].lower_
    if word not in {"of", "and", "&", "the", "de", "du", "des", "et", "y"}:
        return True
    k = end - 1
    while k > start and doc[k - 1].lower_ in {"of", "and", "&", "the", "de", "du", "des", "et", "y"}:
        k -= 1
    before = doc[k - 1].lower_.rstrip(".") if k > start else ""
    return before in _LEGAL or end >= len(doc) or not doc[end].is_title or doc[end].ent_iob_ == "B" and doc[end].ent_type_ in ENTITY_LABELS  # "Burlington Menswear of" + "New York City"


def _clean_span(span: Span) -> Span:
    """Drop a leading determiner/honorific and a trailing possessive, function word or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].lower_ in _HONORIFICS or doc[start].tag_ == "MD"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].tag_ in {"IN", "CC", "TO", "DT"} and _ends_there(doc, start, end)):
        end -= 1  # "Research at" of "head of Research at Nomura", "Heini's Nursery Inc of Miami": a name ends on no function word
    if end - start == 2 and doc[start + 1].is_upper and doc[start + 1].is_alpha and len(doc[start + 1]) > 1 \
            and doc[start].is_title and _demonym(doc[start].text):
        start += 1  # "the Guatemalan ICO delegate": Guatemala's delegate to the ICO, not a "Guatemalan ICO"
    if end - start >= 2 and doc[start].lower_ == "new" and _demonym(doc[start + 1 : end].text):
        start += 1  # "New Irish Prime Minister Charles Haughey": newly in office, Irish
    return doc[start:end]


def _demonym(word: str) -> bool:
    """"Guatemalan", "Soviet": a country's adjective, not its name."""
    from .. import places

    return places.country(word) is None and places.country(word, demonyms=True) is not None


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
    from ..ontology import word_list

    dm = DocMentions(doc_id)
    for ent, ent_label in ner_spans(doc):
        if ent_label not in ENTITY_LABELS:
            continue
        span = ent if _marked(ent) else _clean_span(ent)  # "<Mrs Fields Inc>": the whole mark is the name
        at = next((t.i for t in span[1:-1] if t.lower_ == "at" and t.tag_ == "IN"), None) if ent_label == "ORG" else None
        if at is not None and _function_unit(span.doc[span.start : at], alone=True):
            span = span.doc[at + 1 : span.end]  # "head of Research at Nomura Securities": the firm is after "at"
        if is_ticker(span) or is_measured(span):
            continue
        if ent_label == "PERSON":
            span = _without_title(span)
        if not len(span) or not any(c.isalpha() for c in span.text):  # "U.S." alone is a name
            continue
        if names_nothing(span.text):  # "Co", "Inc" left over from "<Texaco Inc>", "GMT"
            continue
        if ent_label in {"ORG", "NORP"} and (len(span) == 1 and _bare_role(span[0]) or _function_unit(span)):
            continue  # "Mexico's Undersecretary for Commerce", "head of Research at X": a role or a department, no organisation
        if _kind_word_modifier(span):  # "House prices show slight increase": a headline's capital, no name
            continue
        if ent_label == "PERSON" and any(t.text == ")" for t in span[1:-1]):  # "Mikhail) Gorbachev": one name
            text = " ".join(t.text for t in span if t.text != ")")
            dm.add(span, ent_label, key=normalise(text), text=text)
            continue
        if len(span) > 1 and span.start > 0 and span.doc[span.start - 1].lemma_ == "tell" and span[0].lower_ in word_list("news_agencies") \
                and span[1].lower_ not in {"news", "radio", "television", "tv", "world", "online"}:
            dm.add(span[:1], "ORG")  # "told Reuters Senate Budget Committee Chairman ...": Reuters, then the next name
            span = span[1:]
            if span[0].lower_ == "the":
                span = span[1:]
            if not len(span) or not any(c.isalpha() for c in span.text):
                continue
        for part, label in _split_swallowed_person(span, ent_label):
            dm.add(part, label)
            if is_dateline(part[0]):
                dm.datelines.update(t.i for t in part)
    _lowercase_places(doc, dm)
    _kind_described_names(doc, dm)
    _topic_names(doc, dm)
    refine_types(doc, dm)
    _facility_names(doc, dm)
    _learn_acronyms(doc, dm)
    _propagate_names(doc, dm)
    _surnames_to_people(dm)
    _short_forms(dm)
    return dm


def _marked(span: Span) -> bool:
    """A name in a newswire's angle brackets ("<Mrs Fields Inc>", rule marked_firm)."""
    doc = span.doc
    return 0 < span.start and span.end < len(doc) and doc[span.start - 1].text == "<" and doc[span.end].text == ">"


def _lowercase_places(doc: Doc, dm: DocMentions) -> None:
    """"the 12 eurozone countries": a place news writes in lower case (``place.lowercase_names``
    of ``kg/data/entity_types.toml``) is a name the NER does not tag (rule lowercase_place)."""
    names = cues()["place.lowercase_names"]
    toks = tokens(doc)
    for i in range(len(toks)):
        for n in (2, 1):
            words = toks[i : i + n]
            if len(words) == n and " ".join(t.lower_ for t in words) in names and all(dm.at(t) is None for t in words):
                dm.add(doc[i : i + n], "LOC")
                break


def names_nothing(text: str) -> bool:
    """Whether a name the NER or a title run found is a word that names nothing: a legal form
    ("Inc"), a unit ("cts": not "CTS", a company) or a time zone ("GMT")."""
    from ..ontology import word_list

    low = normalise(text)
    if low in word_list("time_zones"):
        return True
    return low in word_list("not_names") and not (text.isupper() and len(text) > 2)


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


def _kind_word_modifier(span: Span) -> bool:
    """A lone organisation kind word modifying a common noun ("House prices", "Bank shares")."""
    from ..ontology import word_list

    if len(span) != 1:
        return False
    tok = span[0]
    return tok.lower_ in word_list("org_kinds") and tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.is_lower


#: Legal forms that do not change which organisation a name names ("Standard Life plc").
_LEGAL = frozenset({"inc", "corp", "corporation", "co", "company", "ltd", "plc", "llc", "ag", "sa", "spa", "nv", "bv", "gmbh", "the"})


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
        words = tuple(w for w in all_words if w not in _LEGAL)
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


def _split_swallowed_person(span: Span, label: str) -> list[tuple[Span, str]]:
    """"the National Security Council Sergey Shoygu" is an organisation and then a person.

    The NER sometimes runs an organisation name into the person named after it. The parse
    still gives the span two roots; when the second part is a short capitalised name after an
    organisation head word, it is split off as a PERSON.
    """
    if label not in {"ORG", "FAC", "GPE"} or len(span) < 3:
        return [(span, label)]
    doc = span.doc
    for cut in range(span.start + 1, span.end - 1):
        left, right = doc[span.start : cut], doc[cut : span.end]
        if left[-1].lower_ not in _ORG_HEADS or not 2 <= len(right) <= 3 or right[-1].lower_.rstrip(".") in _LEGAL:
            continue  # "Dillard Department Stores Inc": a legal form ends no person's name
        if all(t.is_title and t.is_alpha and t.lower_ not in _ORG_HEADS for t in right) and right.root.head.i not in range(cut, span.end) and left.root.head.i not in range(span.start, cut):
            return [(left, label), (right, "PERSON")]
    return [(span, label)]


def _propagate_names(doc: Doc, dm: DocMentions) -> None:
    """A name the document already uses ("CSTO", "Lavrov") is a mention wherever it recurs.

    The NER misses some repetitions of a name it found elsewhere in the same article; one
    pass over the tokens tags every untagged repetition with the label and key it had (the
    most frequent). Only capitalised names are propagated, never common words.
    """
    names: dict[str, tuple[str, str, str, int]] = {}  # first word -> (surface, label, key, length)
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
        first = words[0]
        if first not in names or len(words) > names[first][3]:
            names[first] = (surface, label, key, len(words))
    if not names:
        return
    long_of = dict((short, long) for short, long in dm.acronyms)
    toks = tokens(doc)
    i = 0
    while i < len(toks):
        tok = toks[i]
        hit = names.get(tok.text)
        if hit is None or i in dm.by_token:
            i += 1
            continue
        surface, label, key, n = hit
        span = doc[i : i + n]
        if span.text == surface and not any(t.i in dm.by_token for t in span):
            dm.add(span, label, key=long_of.get(key, key))
            i += n
        else:
            i += 1


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
