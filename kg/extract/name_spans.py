"""Names the NER cuts or makes up, mended before they become mentions.

The small English model cuts a firm named after two people at "and" ("Kleinwort" + "Benson
Ltd": :mod:`kg.extract.firm_names`), a name an editor's bracket splits ("(Soviet leader Mikhail) Gorbachev"), and a body's
name at the comma of the list it ends in ("Subcommittee on Wheat, Feedgrains and Soybeans");
it also takes a Reuters stock symbol ("<T.N.>") for a name. Each rule is named in its docstring;
:func:`ner_spans` gives the mended ``(span, label)`` list :mod:`kg.extract.mentions` reads.
"""

from __future__ import annotations

import calendar
import re
from typing import TYPE_CHECKING

from .firm_names import (
    is_placename,
    joined_firm,
    lookup_place,
    of_country_form,
    partner_lists,
    untagged_founder,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["NOT_NAME_STARTS", "is_dateline", "is_measured", "is_ticker", "ner_spans"]

_TICKER = re.compile(r"[A-Z0-9]{1,6}(\.[A-Z]{1,3})*\.?")


def is_ticker(span: Span) -> bool:
    """A stock symbol in angle brackets ("ATT <T.N.>", "Siemens AG <SIEG.F>"): names no entity of its own (rule ticker)."""
    doc = span.doc
    words = [t for t in span if t.text not in {"<", ">"}]
    if len(words) != 1:
        return False
    i = words[0].i
    return 0 < i < len(doc) - 1 and doc[i - 1].text == "<" and doc[i + 1].text == ">" and _TICKER.fullmatch(words[0].text) is not None


def is_measured(span: Span) -> bool:
    """"bought 120,000 tonnes Gulf of Suez": a name right after a quantity is the grade or
    commodity measured (a crude named after its field), not the place or firm (rule measured_grade)."""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].ent_type_ == "QUANTITY" and not doc[span.start - 1].is_punct




#: One-word dates and times the model tags as such rightly: months, weekdays, feasts, seasons.
_DATE_WORDS = frozenset(m.lower() for m in (*calendar.month_name[1:], *calendar.month_abbr[1:], *calendar.day_name, *calendar.day_abbr)) | {
    "easter", "christmas", "xmas", "ramadan", "passover", "lent", "advent", "diwali", "eid", "hanukkah", "thanksgiving",
    "whitsun", "pentecost", "halloween", "noon", "midnight", "tonight", "today", "tomorrow", "yesterday",
    "spring", "summer", "autumn", "fall", "winter", "sept", "tues", "thurs"}


#: People named by where they work: "officials at X", "our colleagues at X".
_WORKERS = frozenset({"colleague", "counterpart", "official", "staff", "executive", "source", "analyst", "economist",
                      "spokesman", "spokeswoman", "lawyer", "researcher", "scientist", "worker", "employee", "director"})


def _body_taken_for_date(ent: Span) -> bool:
    """"our colleagues at Defra": the small model tags the ministry DATE. One capitalised word
    after people "at" it ("colleagues", "officials", "analysts") that is no month, weekday,
    feast or season, and has no digit, is where they work."""
    if ent.label_ not in {"DATE", "TIME"} or len(ent) != 1 or ent.start < 2:
        return False
    if ent.doc[ent.start - 1].lower_ != "at" or ent.doc[ent.start - 2].lemma_.lower() not in _WORKERS:
        return False  # "a bauxite mine at Moengo" is a place
    tok = ent[0]
    return tok.pos_ == "PROPN" and tok.is_alpha and len(tok) >= 3 and tok.text[0].isupper() and tok.lower_ not in _DATE_WORDS


def ner_spans(doc: Doc) -> list[tuple[Span, str]]:
    """The NER's ``(span, label)`` pairs, mended: joined firms, bracketed and listed names.

    Rule joined_firm_name: "Kleinwort and Benson Ltd", "Reynolds and Reynolds" are one firm.

    The NER cuts a firm named after two people at "and" ("Kleinwort" + "Benson Ltd", "Dalton"
    + "Gray Holdings Ltd"). One capitalised word, "and", one capitalised word and only
    legal-form words are one name when neither word is used alone elsewhere in the article;
    "Chrysler and American Motors Corp" (two words before the form) and "Acme Inc and
    Tosa Corp" (a form on each side) stay two.
    """
    ents = list(doc.ents)
    out: list[tuple[Span, str]] = []
    k = 0
    while k < len(ents):
        a = ents[k]
        b = ents[k + 1] if k + 1 < len(ents) else None
        if b is not None and b.start == a.end and a.label_ in {"NORP", "GPE"} and is_placename(f"{a.text} {b.text}"):
            out.append((doc[a.start : b.end], "NORP"))  # "Saudi" + "Arabian": one demonym
            k += 2
            continue
        if b is not None and b.start == a.end and a.label_ == b.label_ == "ORG" and a[-1].is_alpha and b[0].is_alpha:
            out.append((doc[a.start : b.end], "ORG"))  # "Sony" + "Prudential": a joint venture's one name
            k += 2
            continue
        if b is not None and joined_firm(a, b):
            out.append((doc[a.start : b.end], "ORG"))
            k += 2
            continue
        if untagged_founder(a):  # "analyst X of Ingalls and Snyder", only "Snyder" tagged
            out.append((doc[a.start - 2 : a.end], "ORG"))
            k += 1
            continue
        tail = of_country_form(a)
        if tail is not None:  # "Richardson Greenshields of Canada Ltd"
            out.append((doc[a.start : tail], "ORG"))
            while k + 1 < len(ents) and ents[k + 1].start < tail:
                k += 1
            k += 1
            continue
        if _body_taken_for_date(a):  # "our colleagues at Defra": one capitalised word, no date
            out.append((a, "ORG"))
            k += 1
            continue
        out.append((a, a.label_))
        k += 1
    return _dateline_cut(doc, _marked_firms(doc, _run_on_names(doc, _listed_names(doc, _bracketed_names(doc, partner_lists(doc, out))))))


_DASHES = frozenset({"—", "–", "-", "--"})


def is_dateline(tok: Token) -> bool:
    """"MOSCOW — Putin said", "NEW YORK, March 3 - ...": an upper-case place opening a line."""
    doc = tok.doc
    if not tok.is_upper or not tok.is_alpha or len(tok.text) < 2:
        return False
    if not (tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws or doc[tok.i - 1].is_space):
        return False
    for nxt in doc[tok.i + 1 : tok.i + 8]:
        if nxt.text in _DASHES:
            return True
        if nxt.pos_ in {"VERB", "AUX"} or "\n" in nxt.text_with_ws:
            return False
    return False


def _dateline_cut(doc: Doc, found: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """"WASHINGTON - Jordanian Prime Minister ...": the NER ran a dateline's city into the name
    after its dash; they are two names, the city and what follows (rule dateline_cut)."""
    from .. import places

    out: list[tuple[Span, str]] = []
    for span, label in found:
        dash = next((t.i for t in span if t.text in _DASHES), None)
        head = doc[span.start : dash] if dash is not None else None
        if head is None or not len(head) or dash + 1 >= span.end or not is_dateline(span[0]) or not all(t.is_upper and t.is_alpha for t in head):
            out.append((span, label))
            continue
        rest = doc[dash + 1 : span.end]
        out.append((head, "GPE"))
        out.append((rest, "NORP" if places.is_demonym(rest.text) else label))
    return out


def _marked_firms(doc: Doc, found: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """"<Mrs Fields Inc>": a name a newswire marks in angle brackets is a company, whatever the
    NER made of it (rule marked_firm; Reuters marks unlisted companies so, and a listed one's
    stock symbol: "<XON>" is no name, see :func:`is_ticker`)."""
    marked: list[Span] = []
    i = 0
    while i < len(doc):
        if doc[i].text != "<":
            i += 1
            continue
        end = next((j for j in range(i + 1, min(len(doc), i + 14)) if doc[j].text in {">", "<"} or "\n" in doc[j].text), None)
        if end is None or doc[end].text != ">":
            i += 1
            continue
        inner = doc[i + 1 : end]
        if len(inner) >= 1 and not (len(inner) == 1 and _TICKER.fullmatch(inner[0].text)) and any(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in inner):
            marked.append(inner)
        i = end + 1
    if not marked:
        return found
    taken = {t for m in marked for t in range(m.start, m.end)}
    out = [(span, label) for span, label in found if not any(t in taken for t in range(span.start, span.end))]
    out += [(m, "ORG") for m in marked]
    return sorted(out, key=lambda x: (x[0].start, x[0].end))


#: Bodies whose name ends in a list of subjects: "the Subcommittee on Wheat, Feedgrains and Soybeans".
_LIST_HEADS = frozenset({"committee", "subcommittee", "commission", "ministry", "department", "council", "panel", "board"})


def _listed_names(doc: Doc, found: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """"the House Agriculture Subcommittee on Wheat, Feedgrains and Soybeans": the NER cuts a body's
    name at the comma of the list of subjects it ends in; the list is part of the name (rule listed_name).
    """
    out: list[tuple[Span, str]] = []
    covered_to = -1
    for span, label in found:
        if span.start < covered_to:
            continue  # a piece of the list the name now holds
        end = _list_end(span) if label == "ORG" else None
        if end is not None:
            span = doc[span.start : end]
            covered_to = end
        out.append((span, label))
    return out


def _list_end(span: Span) -> int | None:
    """Where the subject list after "<body> on/of X" ends, if the span stops inside one."""
    doc = span.doc
    words = [t for t in span if not t.is_punct]
    preps = [k for k, t in enumerate(words) if t.lower_ in {"on", "of", "for"}]
    if not preps or preps[-1] == 0 or words[preps[-1] - 1].lower_ not in _LIST_HEADS:
        return None
    if not all(t.is_title and t.is_alpha for t in words[preps[-1] + 1 :]) or len(words) == preps[-1] + 1:
        return None
    i = words[-1].i + 1
    saw_and = False
    while i < len(doc) and not saw_and:
        if doc[i].text == "," and i + 1 < len(doc):
            i += 1
            if doc[i].lower_ in {"and", "&"}:
                saw_and = True
                i += 1
        elif doc[i].lower_ in {"and", "&"}:
            saw_and = True
            i += 1
        else:
            return None
        run = 0
        while i < len(doc) and doc[i].is_title and doc[i].is_alpha and run < 3:
            if doc[i].ent_type_ in {"GPE", "PERSON"}:
                return None  # "the Ministry of Finance, Japan and ...": not one list of subjects
            i += 1
            run += 1
        if run == 0:
            return None
    return i if saw_and else None


#: Last words of a body's name that a demonym before it is part of: "Canadian Manufacturers Association".
_NAMED_BODY_HEADS = frozenset({
    "association", "associations", "federation", "confederation", "institute", "council", "board", "union", "league",
    "society", "chamber", "foundation", "airways", "airlines", "lines", "corp", "inc", "co", "ltd", "plc", "industries",
})
#: Words that never end a person's name: months and weekdays the NER left untagged.
_NOT_SURNAMES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jr", "sr",
})


def _run_on_names(doc: Doc, found: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Names the NER stopped one word short of (rules person_run_on and demonym_body).

    Rule person_run_on: "ECA Executive Secretary Adebayo Adedeji": a person's name of one or two
    words runs on to the next word when the parser made the name a modifier of it (one noun
    phrase), and that word is a capitalised proper noun no entity holds, ends the phrase without
    an article ("the Reagan Doctrine" is no person), and is not a role, kind of body, place,
    month or weekday.

    Rule demonym_body: "Canadian Manufacturers Association": a demonym the NER split off the
    body it names ("Canadian" NORP + "Manufacturers Association" ORG) is part of the name when
    it is written as a proper noun modifying the name and the name ends in a word for a body
    or a firm ("Association", "Board", "Airways"); "West German Bundesbank", "the Japanese
    Finance Ministry" (a government's body, its country a fact of its own) stay as they are.
    """
    out: list[tuple[Span, str]] = []
    k = 0
    while k < len(found):
        span, label = found[k]
        nxt = found[k + 1] if k + 1 < len(found) else None
        if label == "PERSON" and _runs_on(span):
            span = doc[span.start : span.end + 1]
        elif label == "ORG" and nxt is not None and nxt[1] == "ORG" and nxt[0].start == span.end and span[-1].lower_ in _CONNECTORS:
            out.append((doc[span.start : nxt[0].end], "ORG"))  # "the Texas Savings and" + "Loan League"
            k += 2
            continue
        elif label == "ORG":
            span = _org_whole(span)
        elif label == "NORP" and nxt is not None and nxt[1] == "ORG" and _demonym_of_body(span, nxt[0]):
            out.append((doc[span.start : nxt[0].end], "ORG"))
            k += 2
            continue
        out.append((span, label))
        k += 1
    return out


#: Lower-case words inside a body's name that never end it: "Union de Banques Arabes et Francaises".
_CONNECTORS = frozenset({"and", "&", "of", "de", "des", "du", "et", "la", "le", "y", "e", "und", "für", "van", "von"})


#: Capitalised words before a name that are no part of it: "Former Hongkong Bank chairman".
NOT_NAME_STARTS = frozenset({"former", "formerly", "late", "then", "outgoing", "acting", "interim", "new", "old", "said", "says"})


def _org_whole(span: Span) -> Span:
    """An organisation's name the NER cut at either end, or ran into a role (rule org_whole):
    "Senate Majority" + "Leader" is the Senate and a majority leader; "Union de Banques Arabes
    et" ends in a connector, so the capitalised words after it are the name's too; "overnight
    messenger Purolator" + "Courier Corp": an untagged capitalised proper noun that the parse
    makes a modifier inside the name is its first word (not a role, place, or the sentence's first word)."""
    from ..ontology import load_lexicon, word_list

    doc = span.doc
    start, end = span.start, span.end
    if end - start == 2 and end < len(doc) and doc[end - 1].lower_ in {"majority", "minority"} and doc[end].lower_ in {"leader", "whip"} \
            and doc[start].lower_ in word_list("chambers"):
        return doc[start : end - 1]  # "Senate Majority Leader Robert Dole": the body is the Senate; "Majority Leader" the role
    if doc[end - 1].is_lower and doc[end - 1].lower_ in _CONNECTORS:
        k = end
        roles = load_lexicon().roles
        while k < len(doc) and doc[k].is_title and doc[k].is_alpha and not (doc[k].ent_type_ and doc[k].ent_iob_ == "B") \
                and doc[k].lower_ not in roles:
            k += 1  # "Texas Savings and" + "Loan", not "Loan Commissioner"
        if k > end:
            end = k
    prev = doc[start - 1] if start > 0 else None
    if (prev is not None and not prev.ent_type_ and prev.pos_ == "PROPN" and prev.is_title and prev.is_alpha and len(prev) > 2
            and prev.dep_ == "compound" and start <= prev.head.i < end and not prev.is_sent_start
            and prev.lower_ not in load_lexicon().roles and prev.lower_ not in NOT_NAME_STARTS and not is_placename(prev.text)
            and lookup_place(prev.text) is None):
        start -= 1
    return doc[start:end] if (start, end) != (span.start, span.end) else span


def _runs_on(span: Span) -> bool:
    from ..ontology import load_lexicon, word_list

    doc = span.doc
    if not 1 <= len(span) <= 2 or span.end >= len(doc) or span[-1].dep_ != "compound" or span[-1].head.i != span.end:
        return False
    nxt = doc[span.end]
    if nxt.ent_type_ or nxt.tag_ != "NNP" or not nxt.is_title or not nxt.is_alpha or len(nxt) < 2 or nxt.dep_ == "compound":
        return False
    if any(c.dep_ == "det" for c in nxt.children):
        return False  # "the Reagan Doctrine", "a Baker plan": a thing named after a person
    word = nxt.lower_
    if word in _NOT_SURNAMES or word in load_lexicon().roles or word in word_list("org_kinds") or word in _NAMED_BODY_HEADS:
        return False
    return not is_placename(nxt.text) and lookup_place(nxt.text) is None


def _demonym_of_body(norp: Span, body: Span) -> bool:
    if body.start != norp.end or not all(t.tag_ in {"NNP", "NNPS"} and t.is_title for t in norp):
        return False
    if norp[-1].dep_ != "compound" or not body.start <= norp[-1].head.i < body.end:
        return False
    words = [t for t in body if not t.is_punct]
    return bool(words) and words[-1].lower_.rstrip(".") in _NAMED_BODY_HEADS and is_placename(norp.text)


def _bracketed_names(doc: Doc, found: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """"(Soviet leader Mikhail) Gorbachev": a name an editor's bracket cuts is one name (rule bracketed_name).

    A person's name that ends at a closing bracket opened earlier in its sentence, followed by a
    capitalised proper noun, runs on to that word (and to the person's name the NER found there).
    """
    out: list[tuple[Span, str]] = []
    skip: set[int] = set()
    starts = {span.start: n for n, (span, _) in enumerate(found)}
    for n, (span, label) in enumerate(found):
        if n in skip:
            continue
        end = span.end
        if label == "PERSON" and end + 1 < len(doc) and doc[end].text == ")" and _opened(doc, span.start):
            nxt = doc[end + 1]
            if nxt.is_title and nxt.is_alpha and nxt.pos_ == "PROPN":
                later = starts.get(end + 1)
                if later is None and nxt.ent_type_ == "":
                    span = doc[span.start : end + 2]
                elif later is not None and found[later][1] == "PERSON":
                    span = doc[span.start : found[later][0].end]
                    skip.add(later)
        out.append((span, label))
    return out


def _opened(doc: Doc, i: int) -> bool:
    """Whether a bracket opened before token ``i`` in its sentence is still open there."""
    for t in reversed(doc[doc[i].sent.start : i]):
        if t.text == ")":
            return False
        if t.text == "(":
            return True
    return False
