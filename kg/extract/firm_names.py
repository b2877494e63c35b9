"""Firms' names the NER cuts, joined again (rule joined_firm_name and its kin).

The small English model cuts a firm named after its founders at "and" ("Kleinwort" + "Benson
Ltd", "Reynolds and Reynolds"), leaves a legal form or a line of business after "and" as a name of
its own ("Brandt G. Morrow and" + "Co Inc", "Yasuda Trust and" + "Banking Co Ltd"), and takes
"Richardson Greenshields of Canada Ltd" for a firm living in "Canada Ltd". :mod:`kg.extract.name_spans`
asks these predicates while it mends the NER's spans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["LEGAL_FORMS", "is_placename", "joined_firm", "lookup_place", "of_country_form", "partner_lists", "untagged_founder"]

#: The NER's labels for the names of a firm's founders ("Tuttle" ORG, "Reese" NORP).
_FIRM_PARTS = frozenset({"ORG", "PERSON", "NORP", "GPE"})
#: Legal forms and the words firms put before them: "Benson Ltd", "York Developments Ltd".
#: Legal forms, which end a firm's name and begin no role ("Salomon Brothers (Asia) Ltd economist").
LEGAL_FORMS = frozenset({"ltd", "inc", "co", "corp", "plc", "llc", "ag", "sa", "nv", "bv", "gmbh"})
_FIRM_FORMS = LEGAL_FORMS | {"holdings", "developments", "securities", "associates", "partners"}



def joined_firm(a: Span, b: Span) -> bool:
    """Whether two of the NER's names, one after the other, are one firm's name."""
    return _one_firm(a, b) or _legal_tail(a, b) or _doubled(a, b) or _split_at_and(a, b)


def _one_firm(a: Span, b: Span) -> bool:
    doc = a.doc
    if a.label_ not in _FIRM_PARTS or b.label_ not in _FIRM_PARTS or b.start != a.end + 1:
        return False
    if doc[a.end].lower_ not in {"and", "&"} or not all(t.is_title and t.is_alpha for t in a):
        return False
    words = [t for t in b if t.tag_ != "POS" and not t.is_punct]
    if not words or not all(t.is_title and t.is_alpha for t in words[:1]) or words[0].lower_ in _FIRM_FORMS:
        return False
    if is_placename(a.text) or is_placename(words[0].text):
        return False  # "Japan and Tosa Corp", "for Britain and France": places, not founders
    forms = [t for t in words[1:] if t.lower_.rstrip(".") in _FIRM_FORMS]
    legal = len(a) == 1 and b.label_ == "ORG" and len(words) >= 2 and len(forms) == len(words) - 1  # "Kleinwort and Benson Ltd"
    if not legal and not (len(a) <= 2 and len(words) == 1 and _works_at(a)):
        return False  # "analyst at brokers Phillips and Drew": one firm a person works at
    alone = {a[0].text, a[-1].text, words[0].text}
    return not any(t.text in alone for t in doc if not a.start <= t.i < b.end)


def _doubled(a: Span, b: Span) -> bool:
    """"Reynolds and Reynolds (Co)", "Johnson & Johnson": one word twice around "and" is one firm."""
    words = [t for t in b if not t.is_punct]
    return (a.label_ in _FIRM_PARTS and b.start == a.end + 1 and a.doc[a.end].lower_ in {"and", "&"} and len(a) == 1
            and bool(words) and words[0].text == a[0].text and a[0].is_title
            and all(t.lower_.rstrip(".") in _FIRM_FORMS for t in words[1:]))


def partner_lists(doc: Doc, found: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Partners' names listed with "and" that are one firm (rule joined_firm_name), when the
    sentence says it is one: after one person's role ("an attorney with Kronish, Lieb, Weiner and
    Hellman"), before a role and a name ("Carroll McEntee and McGinley analyst Brian Singer"), or
    as the subject of a singular verb ("Merrill Lynch, Pierce, Fenner and Smith is a subsidiary").
    A firm's names used alone elsewhere in the article ("Sony ... Sony said") are firms of their own.
    """
    from ..ontology import load_lexicon

    roles = load_lexicon()
    spans: list[Span] = []
    for tok in _list_openings(doc):
        if spans and tok.i < spans[-1].end:
            continue
        after_role = tok.lower_ in {"with", "at", "of", "for"} and tok.i >= 1 and doc[tok.i - 1].tag_ == "NN" and _works_at(doc[tok.i + 1 : tok.i + 2])
        starts = tok.i + 1 if after_role else tok.i
        quoted = tok.i >= 2 and doc[tok.i - 1].text in {'"', "''", "”"} and doc[tok.i - 2].text == ","  # '"...," Phillips and Drew analyst X said'
        if not after_role and not (tok.is_sent_start or quoted or tok.i >= 1 and doc[tok.i - 1].lower_ in {"said", "says"}):
            continue
        listed = _name_list(doc, starts)
        if listed is None:
            continue
        end, names = listed
        nxt = doc[end] if end < len(doc) else None
        titled = nxt is not None and nxt.is_lower and nxt.lower_ in roles.roles | roles.agents and end + 1 < len(doc) and doc[end + 1].ent_type_ == "PERSON"
        singular = nxt is not None and (nxt.tag_ == "VBZ" or nxt.lower_ == "was") and doc[starts].is_sent_start
        if not (after_role and names >= 3 or titled and names >= 2 or singular and names >= 3):
            continue
        firm = doc[starts:end]
        words = {t.text for t in firm if t.text[:1].isupper() and t.lower_ != "and"}
        if not any(t.text in words and _alone(t) for t in doc if not firm.start <= t.i < firm.end):
            spans.append(firm)
    if not spans:
        return found
    kept = [(sp, lab) for sp, lab in found if not any(sp.start < firm.end and firm.start < sp.end for firm in spans)]
    return sorted(kept + [(firm, "ORG") for firm in spans], key=lambda pair: pair[0].start)


def _list_openings(doc: Doc) -> list[Token]:
    """The tokens where :func:`partner_lists` may find a list, in order: "with", "at", "of" or
    "for" (after a role), a sentence's first word, and a word after a quotation mark or after
    "said"/"says". Read from the token arrays, with no ``Token`` made for the other words."""
    from ._doc import column, string_ids, tokens

    roles, quotes, said = string_ids(_ROLE_PREPS), string_ids(_QUOTES), string_ids(_SAID)
    lower, orth, starts = column(doc, "LOWER"), column(doc, "ORTH"), column(doc, "SENT_START")
    toks = tokens(doc)
    return [toks[i] for i, word in enumerate(lower)
            if word in roles or starts[i] == 1 or i and (orth[i - 1] in quotes or lower[i - 1] in said)]


_ROLE_PREPS = frozenset({"with", "at", "of", "for"})
_QUOTES = frozenset({'"', "''", "”"})
_SAID = frozenset({"said", "says"})


def _alone(t: Token) -> bool:
    """Whether a word is a name by itself there: a one-word name that is no person's ("Sony said")."""
    doc = t.doc
    return bool(t.ent_type_) and t.ent_type_ != "PERSON" and t.ent_iob_ == "B" and (t.i + 1 >= len(doc) or doc[t.i + 1].ent_iob_ != "I")


def _name_list(doc: Doc, i: int) -> tuple[int, int] | None:
    """The end and the number of names of "A B, C, D and E (Co)" starting at ``i``: names of one
    or two capitalised words, none a place; ``None`` if no "and" closes the list."""
    names = 0
    while i < len(doc):
        n = 0
        while n < 2 and i + n < len(doc) and doc[i + n].text[:1].isupper() and doc[i + n].is_alpha:
            n += 1
        if n == 0 or is_placename(doc[i : i + n].text):
            return None
        names += 1
        i += n
        if i < len(doc) and doc[i].text == ",":
            i += 1
            continue
        if i + 1 < len(doc) and doc[i].lower_ in {"and", "&"} and doc[i + 1].text[:1].isupper() and doc[i + 1].is_alpha and not is_placename(doc[i + 1].text):
            i += 2
            names += 1
            while i < len(doc) and doc[i].lower_.rstrip(".") in _FIRM_FORMS:
                i += 1
            return i, names
        return None
    return None


def of_country_form(a: Span) -> int | None:
    """"Richardson Greenshields of Canada Ltd", "General Motors of Canada Ltd": a name, "of", a
    country and a legal form are one firm (the end of it), not a person or firm living in "Canada Ltd"."""
    doc = a.doc
    i = a.end
    if a.label_ not in _FIRM_PARTS or i >= len(doc) or doc[i].lower_ != "of":
        return None
    for n in (1, 2):  # "Canada", "New Zealand"
        end = i + 1 + n
        if end < len(doc) and is_placename(doc[i + 1 : end].text) and doc[end].lower_.rstrip(".") in LEGAL_FORMS:
            return end + 1
    return None


def untagged_founder(b: Span) -> bool:
    """"analyst Rosemarie Morbelli of Ingalls and Snyder": the NER tagged only the second founder;
    an untagged capitalised word and "and" before a one-word name someone works at are the firm's
    (rule joined_firm_name), when neither word is used alone elsewhere in the article."""
    doc = b.doc
    i = b.start - 2
    if b.label_ not in _FIRM_PARTS or len(b) != 1 or i < 1 or doc[i + 1].lower_ not in {"and", "&"}:
        return False
    first = doc[i]
    if first.ent_type_ or not first.is_title or not first.is_alpha or first.pos_ != "PROPN" or is_placename(first.text) or is_placename(b.text):
        return False
    if not _works_at(doc[i : i + 1]):
        return False
    return not any(t.text in {first.text, b[0].text} for t in doc if not i <= t.i < b.end)


def _legal_tail(a: Span, b: Span) -> bool:
    """"Brandt G. Morrow and Co Inc": the NER leaves the legal forms after "and" as a name of their own."""
    doc = a.doc
    words = [t for t in b if not t.is_punct]
    return (a.label_ in _FIRM_PARTS and b.start == a.end + 1 and doc[a.end].lower_ in {"and", "&"} and bool(words)
            and all(t.lower_.rstrip(".") in _FIRM_FORMS for t in words) and not is_placename(a.text))


def _split_at_and(a: Span, b: Span) -> bool:
    """"Cable and" + "Wireless Plc": a name ends on "and" only when the NER cut a firm's name there;
    "Yasuda Trust" + "and" + "Banking Co Ltd": two lines of business (``business_lines``) joined."""
    from ..ontology import word_list

    if b.start == a.end and a[-1].lower_ in {"and", "&"} and b[-1].lower_.rstrip(".") in _FIRM_FORMS:
        return True
    lines = word_list("business_lines")
    return (b.start == a.end + 1 and a.doc[a.end].lower_ in {"and", "&"} and a[-1].lower_ in lines and b[0].lower_ in lines
            and len(b) > 1 and all(t.lower_.rstrip(".") in _FIRM_FORMS for t in b[1:]))


def is_placename(text: str) -> bool:
    """A country or a demonym ("Japan", "Guatemalan")."""
    from .. import places

    return places.country(text, demonyms=True) is not None


def lookup_place(text: str):
    """Any place the index knows, or None."""
    from .. import places

    return places.lookup(text)


def _works_at(a: Span) -> bool:
    """Whether a name follows "<role> for/at/with" or "at brokers": the firm someone works at."""
    from ..ontology import load_lexicon

    doc = a.doc
    i = a.start - 1
    if i >= 1 and doc[i].tag_ == "NNS" and doc[i].lower_ in {"brokers", "stockbrokers", "bankers", "consultants", "accountants", "lawyers", "solicitors"}:
        i -= 1  # "economist at brokers Phillips and Drew"
    if i < 1 or doc[i].lower_ not in {"for", "at", "with", "of"}:
        return False
    lexicon = load_lexicon()
    k = i - 1
    if doc[i].lower_ == "of" and doc[k].ent_type_ == "PERSON":  # "analyst Rosemarie Morbelli of Ingalls and Snyder"
        while k > 0 and doc[k].ent_type_ == "PERSON" and doc[k].ent_iob_ != "B":
            k -= 1
        k -= 1
    elif doc[i].lower_ == "of":
        return False  # "the president of France and Germany": no firm without a named person before it
    role = doc[k].lower_ if k >= 0 else ""
    return role in lexicon.roles or role in lexicon.agents or role.rstrip("s") in lexicon.roles
