"""The NER's names cut to the names they are, before they become mentions.

A span the NER tags may carry a title ("Accountant Clarence Sampson"), a determiner or a trailing
function word ("Research at" of "head of Research at Nomura"), a demonym before an acronym ("the
Guatemalan ICO delegate"), a stock symbol, a person it swallowed ("the National Security Council
Sergey Shoygu") or an agency it ran into the next name ("told Reuters Senate Budget Committee
Chairman"), or be no name at all (a legal form, a bare role, a department, a headline's kind
word). :func:`named_spans` gives what :func:`kg.extract.mentions.find_mentions` adds as mentions.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .name_spans import is_measured, is_ticker, ner_spans
from .names import _HONORIFICS, normalise

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["ENTITY_LABELS", "LEGAL_WORDS", "named_spans", "names_nothing"]

#: spaCy labels that name an entity kg keeps (dates, numbers and money are not entities).
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})


def named_spans(doc: Doc) -> Iterator[tuple[Span, str, str | None]]:
    """``(span, label, text)`` of every name the NER found, mended; ``text`` is the name's own
    text when the span's is not ("(Soviet leader Mikhail) Gorbachev"), else None."""
    from ..ontology import word_list

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
            yield span, ent_label, " ".join(t.text for t in span if t.text != ")")
            continue
        if len(span) > 1 and span.start > 0 and span.doc[span.start - 1].lemma_ == "tell" and span[0].lower_ in word_list("news_agencies") \
                and span[1].lower_ not in {"news", "radio", "television", "tv", "world", "online"}:
            yield span[:1], "ORG", None  # "told Reuters Senate Budget Committee Chairman ...": Reuters, then the next name
            span = span[1:]
            if span[0].lower_ == "the":
                span = span[1:]
            if not len(span) or not any(c.isalpha() for c in span.text):
                continue
        for part, label in _split_swallowed_person(span, ent_label):
            yield part, label, None


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
    return before in LEGAL_WORDS or end >= len(doc) or not doc[end].is_title or doc[end].ent_iob_ == "B" and doc[end].ent_type_ in ENTITY_LABELS  # "Burlington Menswear of" + "New York City"


def _clean_span(span: Span) -> Span:
    """Drop a leading determiner/honorific and a trailing possessive, function word or punctuation."""
    from .. import places

    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].lower_ in _HONORIFICS or doc[start].tag_ == "MD"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].tag_ in {"IN", "CC", "TO", "DT"} and _ends_there(doc, start, end)):
        end -= 1  # "Research at" of "head of Research at Nomura", "Heini's Nursery Inc of Miami": a name ends on no function word
    if end - start == 2 and doc[start + 1].is_upper and doc[start + 1].is_alpha and len(doc[start + 1]) > 1 \
            and doc[start].is_title and places.is_demonym(doc[start].text):
        start += 1  # "the Guatemalan ICO delegate": Guatemala's delegate to the ICO, not a "Guatemalan ICO"
    if end - start >= 2 and doc[start].lower_ == "new" and places.is_demonym(doc[start + 1 : end].text):
        start += 1  # "New Irish Prime Minister Charles Haughey": newly in office, Irish
    return doc[start:end]


def _marked(span: Span) -> bool:
    """A name in a newswire's angle brackets ("<Mrs Fields Inc>", rule marked_firm)."""
    doc = span.doc
    return 0 < span.start and span.end < len(doc) and doc[span.start - 1].text == "<" and doc[span.end].text == ">"


def names_nothing(text: str) -> bool:
    """Whether a name the NER or a title run found is a word that names nothing: a legal form
    ("Inc"), a unit ("cts": not "CTS", a company) or a time zone ("GMT")."""
    from ..ontology import word_list

    low = normalise(text)
    if low in word_list("time_zones"):
        return True
    return low in word_list("not_names") and not (text.isupper() and len(text) > 2)


def _kind_word_modifier(span: Span) -> bool:
    """A lone organisation kind word modifying a common noun ("House prices", "Bank shares")."""
    from ..ontology import word_list

    if len(span) != 1:
        return False
    tok = span[0]
    return tok.lower_ in word_list("org_kinds") and tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.is_lower


#: Legal forms that do not change which organisation a name names ("Standard Life plc").
LEGAL_WORDS = frozenset({"inc", "corp", "corporation", "co", "company", "ltd", "plc", "llc", "ag", "sa", "spa", "nv", "bv", "gmbh", "the"})


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
        if left[-1].lower_ not in _ORG_HEADS or not 2 <= len(right) <= 3 or right[-1].lower_.rstrip(".") in LEGAL_WORDS:
            continue  # "Dillard Department Stores Inc": a legal form ends no person's name
        if all(t.is_title and t.is_alpha and t.lower_ not in _ORG_HEADS for t in right) and right.root.head.i not in range(cut, span.end) and left.root.head.i not in range(span.start, cut):
            return [(left, label), (right, "PERSON")]
    return [(span, label)]
