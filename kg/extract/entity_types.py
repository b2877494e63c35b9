"""Entity types a reader would give: what the words around a name say it is.

spaCy's NER labels a name from a few words of context and gets news names wrong in ways a
reader never would: "Kent" and "Devon" PERSON, "Labour" PERSON, "the Woolwich" PERSON,
"Vince Cable" ORG, "Prevention of Terrorism Bill" ORG. :func:`refine` revises the label (and,
for a known nickname, the key) of each mention of one document by named rules, each reading
a cue the sentence gives; the cue words are data (``kg/data/entity_types.toml``):

``alias``       a body news names by a nickname ("Tories", "Lib Dems", "the Commons") is that
                body, an organisation;
``title``       a title before the name ("Mr Kent", "Lord Woolf") or letters after it ("QC",
                "MP") make it a person;
``age``         an age between commas after the name makes it a person ("Marie Ferraro, 50, of
                Bethany": news gives ages of people only);
``head``        the name's own head word ("... Council", "... Corp", "... Bill", "... Airport")
                gives its class;
``noun``        a class noun just before the name or in apposition to it ("spokesman Vince
                Cable", "derivatives market Liffe", "the ministry, Defra", "the film X");
``after``       a class noun the name modifies ("the Middle Way group", "the Today programme");
                a person noun after a lone name ("Treasury spokesman") makes it no person;
``compass``     a compass word before a known place names part of it ("North Devon");
``gazetteer``   a lone word the NER called a person, that no cue makes one, is the place a
                gazetteer knows ("in Kent"; strong names need no other cue);
``article``     "the" before a lone name the NER called a person makes it an organisation
                ("the Woolwich");
``born``        the one "born" is a person and the name after its "in" a place ("Copland, who
                was born in Brooklyn": NER said GPE; "born in Jamestown": NER said PERSON or ORG);
``native``      a known place's name modifying "native" or "resident" is that place ("a Fargo
                native": NER said ORG; "a Memphis native": NORP; "a Wilmington native": PERSON);
``dateline``    an upper-case name opening the text before a comma and a country or US state is
                the place the story was filed from ("DAYTON, Ohio (AP)"), whatever the NER said;
``verb_argument`` a lone name a killing verb takes as doer or victim is a person, when the NER
                found no name there ("Ruby fatally shot Oswald") or called the victim an
                organisation or an unknown place ("Booth shot Lincoln", "the slaying of King");

and finally ``consensus``: a name typed by a cue is typed so wherever the document repeats it.
Labels stay spaCy's (PERSON, ORG, GPE, LOC, FAC, LAW, WORK_OF_ART, PRODUCT), so the resolver
maps them to classes as before.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from .. import places
from ._doc import tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from .mentions import DocMentions

__all__ = ["refine", "cues"]

_PERSON, _ORG = "PERSON", "ORG"
#: Rule strength when the mentions of one name disagree: a person cue wins, then a class cue.
_RANK = {"title": 0, "age": 0, "alias": 1, "head": 2, "noun": 2, "after": 2, "compass": 3, "gazetteer": 4, "article": 5}
_FUNCTION_WORDS = frozenset({"of", "for", "and", "on", "the", "&"})
_year = re.compile(r" (?:1[89]|20)\d\d$")


@functools.lru_cache(maxsize=1)
def cues() -> dict:
    """The cue words of ``kg/data/entity_types.toml`` as sets, and the alias table."""
    import tomllib
    from importlib import resources

    from .names import normalise

    data = tomllib.loads(resources.files("kg").joinpath("data/entity_types.toml").read_text(encoding="utf-8"))
    out: dict = {"aliases": {}}
    for canonical, names in data.pop("aliases").items():
        for name in [canonical, *names]:
            out["aliases"][normalise(name)] = (canonical, normalise(canonical))
    for section, lists in data.items():
        for name, words in lists.items():
            out[f"{section}.{name}"] = frozenset(words)
    out["all.heads"] = frozenset().union(*(v for k, v in out.items() if k.endswith(".heads")))
    return out


def _word(tok) -> str:
    return tok.lower_.rstrip(".")


def refine(doc: Doc, dm: DocMentions) -> None:
    """Revise the label and key of every mention of one document (module docstring)."""
    c = cues()
    decided: dict[object, tuple[int, str, str, str]] = {}  # mention -> (rank, rule, label, key)
    surnames = _surnames(dm)
    titled = _titled_words(doc, dm, c)
    for m in list(dm.mentions):
        span = dm.span_of(m)
        if span is None or m.label == "POSITION":
            continue
        found = _classify(span, m, c, dm, surnames, titled)
        if found is not None:
            rule, label, key = found
            decided[m] = (_RANK[rule], rule, label, key)
    _back_references(doc, dm, decided)
    # consensus: what a cue says about a name holds for every mention of it in the document
    best: dict[str, tuple[int, str, str, str]] = {}
    for m, d in decided.items():
        if m.key not in best or d[0] < best[m.key][0]:
            best[m.key] = d
    for m in list(dm.mentions):
        d = decided.get(m) or best.get(m.key)
        if m.label == "POSITION":
            continue
        label, key = (d[2], d[3]) if d is not None else (m.label, m.key)
        if label == "LAW":
            key = _year.sub("", key)  # "Hunting Act 2004" is the Hunting Act
        if (label, key) != (m.label, m.key):
            m = dm.relabel(m, label, key)
        if d is not None:
            dm.cued.add(dm.spans[m][0])
    _works_named_with_their_noun(doc, dm, c)
    _works_in_apposition(doc, dm, c)
    _names_cut_short(doc, dm, c)
    _names_ending_in_of(doc, dm)
    from .role_types import role_types

    role_types(doc, dm, c)


def _names_ending_in_of(doc: Doc, dm: DocMentions) -> None:
    """"the Office of the" tagged for "the Office of the Deputy Prime Minister": a name does not end
    in "of" or "of the"; the capitalised words after it are part of it."""
    for m in list(dm.mentions):
        a, b = dm.spans[m]
        last = b - 1
        if doc[last].lower_ == "the" and last > a:
            last -= 1
        if doc[last].lower_ not in {"of", "for"} or m.label not in {_ORG, "FAC", "LAW", "WORK_OF_ART"}:
            continue
        end = b
        while end < len(doc) and end - b < 5 and (doc[end].is_title or doc[end].is_upper) and doc[end].is_alpha and end not in dm.by_token:
            end += 1
        if end > b:
            dm.resize(m, a, end, m.label)


def _works_in_apposition(doc: Doc, dm: DocMentions, c: dict) -> None:
    """"a new book, Brown's Britain by Robert Peston": a capitalised title in apposition to a
    work noun is one work, whatever names the NER found inside it."""
    for tok in tokens(doc):
        if tok.dep_ != "appos" or _word(tok.head) not in c["creative_work.nouns"] or not (tok.is_title or tok.is_upper):
            continue
        start = tok.left_edge.i
        if doc[start].dep_ in {"det", "punct"}:
            start += 1
        span = doc[start : tok.i + 1]
        if len(span) < 2 or not all(t.is_title or t.is_upper or t.tag_ == "POS" or t.lower_ in {"of", "the", "and", "a", "in"} for t in span):
            continue
        inside = list(dict.fromkeys(m for t in span if (m := dm.by_token.get(t.i)) is not None))
        if any(dm.spans[m][0] < span.start or dm.spans[m][1] > span.end for m in inside):
            continue  # a name reaching outside the title: not the title's words
        for m in inside:
            dm.remove(m)
        dm.add(span, "WORK_OF_ART")


def _names_cut_short(doc: Doc, dm: DocMentions, c: dict) -> None:
    """"the Criminal Justice Bill" tagged as a lone "Bill": the capitalised words before a head
    word are part of the name."""
    for m in list(dm.mentions):
        a, b = dm.spans[m]
        head = m.text.lower()
        if b - a != 1 or head not in c["all.heads"] or m.key != head:
            continue
        start = a
        while start > 0 and a - start < 4 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and start - 1 not in dm.by_token:
            start -= 1
        if start == a:
            continue
        for section, label in (("organization", _ORG), ("legislation", "LAW"), ("creative_work", "WORK_OF_ART"), ("facility", "FAC")):
            if head in c[f"{section}.heads"]:
                new = dm.resize(m, start, b, label)
                dm.cued.add(start)
                if label == "LAW":
                    dm.relabel(new, label, _year.sub("", new.key))
                break


def _back_references(doc: Doc, dm: DocMentions, decided: dict) -> None:
    """"the Bank", "the Bill": the one body, law or work of the document with that head word."""
    heads: dict[str, set[tuple[str, str]]] = {}
    all_heads = cues()["all.heads"]
    for m in dm.mentions:
        d = decided.get(m)
        label, key = (d[2], d[3]) if d else (m.label, m.key)
        words = key.split()
        if len(words) >= 2 and label not in {_PERSON, "GPE", "LOC", "NORP"}:
            head = _head_word(words, all_heads)
            if head in all_heads:
                heads.setdefault(head, set()).add((label, key))
    for m in dm.mentions:
        a, b = dm.spans[m]
        if b - a != 1 or a == 0 or doc[a - 1].lower_ != "the" or not doc[a].is_title:
            continue
        found = heads.get(m.key)
        if found is not None and len(found) == 1:
            label, key = next(iter(found))
            decided[m] = (_RANK["alias"], "backref", label, key)


def _works_named_with_their_noun(doc: Doc, dm: DocMentions, c: dict) -> None:
    """"BBC Radio 2's Jeremy Vine show": the work's name ends with its noun, and the person it is
    named after is not the work."""
    for m in list(dm.mentions):
        a, b = dm.spans[m]
        if b >= len(doc) or m.label in {"GPE", "LOC", "NORP"} or places.lookup(m.text) is not None:
            continue
        nxt = doc[b]
        if b not in dm.by_token and nxt.is_lower and _word(nxt) in c["creative_work.after"] and doc[b - 1].head.i == nxt.i and doc[b - 1].tag_ != "POS":
            dm.resize(m, a, b + 1, "WORK_OF_ART")
    toks = tokens(doc)
    for tok in toks:  # "BBC Radio 4's Today programme": a capitalised name the NER left out, after its maker
        if tok.tag_ != "POS" or tok.i + 2 >= len(toks) or tok.i - 1 not in dm.by_token:
            continue
        end = tok.i + 1
        while end < len(toks) and end - tok.i <= 4 and toks[end].is_title and end not in dm.by_token:
            end += 1
        if end > tok.i + 1 and end < len(toks) and toks[end].is_lower and _word(toks[end]) in c["creative_work.after"] and toks[end - 1].head.i == end:
            dm.add(doc[tok.i + 1 : end + 1], "WORK_OF_ART")


def _classify(span: Span, m, c: dict, dm: DocMentions, surnames: set[str], titled: set[str]) -> tuple[str, str, str] | None:
    doc = span.doc
    words = [_word(t) for t in span]
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    alias = c["aliases"].get(m.key)
    if alias is not None:
        return "alias", _ORG, alias[1]
    modifier = _modifies_next(span)
    # title before, letters after: a person
    if prev is not None and _word(prev) in c["person.titles"] and prev.is_title and not modifier and m.label != "NORP":
        return "title", _PERSON, m.key
    if len(span) >= 2 and words[-1] in c["person.postnominals"] and span[-1].is_upper:
        return "title", _PERSON, " ".join(m.key.split()[:-1])
    if nxt is not None and _word(nxt) in c["person.postnominals"] and nxt.is_upper and m.label in {_PERSON, _ORG}:
        return "title", _PERSON, m.key
    if m.label != _PERSON and _age_follows(span):
        return "age", _PERSON, m.key
    if _kin_of(span, c):  # also keeps a PERSON the gazetteer would make a place ("Kennedy's assassin")
        return "title", _PERSON, m.key
    if prev is not None and prev.lower_ in {"at", "from"} and prev.head.lemma_.lower() in c["organization.schooling_verbs"] and span.root.head.i == prev.i:
        return "noun", _ORG, m.key  # "Educated at Eton": a school
    # the name's head word
    head = _head_word(words, c["all.heads"])
    lower_inside = any(t.is_lower for t in span)
    is_place = places.lookup(span.text) is not None
    # a place's own name may end in Bank or Front ("West Bank"), never in a legal form ("... Ltd")
    place_ok = m.label not in {"GPE", "LOC"} or lower_inside or head in c["organization.legal_forms"]
    if len(span) >= 2 and head is not None and not is_place and place_ok:
        for section, label in (("organization", _ORG), ("legislation", "LAW"), ("creative_work", "WORK_OF_ART"), ("facility", "FAC"), ("geography", "LOC")):
            if head in c[f"{section}.heads"] and (m.label != _PERSON or lower_inside or section == "organization"):
                return "head", label, m.key
    # a class noun before the name or in apposition (a place only takes a kinship noun: "his wife, Mary")
    noun = _noun_before(span, c, kin_only=is_place, appositions=m.label not in {"GPE", "LOC"})
    if noun is not None:
        return "noun", noun, m.key
    after = nxt is not None and nxt.is_lower and span.root.head.i == nxt.i and m.label != "NORP" and not is_place
    if after and _word(nxt) in c["organization.after"]:
        return "after", _ORG, m.key
    # a compass word before a known place: part of that place
    if len(span) >= 2 and places.is_compass(span[0].text) and places.lookup(span.text) is None and places.lookup(span[1:].text) is not None:
        return "compass", "LOC", m.key
    if m.label == _PERSON and len(span) >= 2 and places.strong_lookup(span.text) is not None:
        place = places.strong_lookup(span.text)  # "Hong Kong", "Sri Lanka" are places
        return "gazetteer", "LOC" if place.kind == "Region" else "GPE", m.key
    if len(span) != 1 or m.label != _PERSON or not span[0].is_title:
        return _comma_place(span, m)
    # a lone word the NER called a person
    if _is_person(span, c, dm, surnames, titled):
        return None
    place = places.strong_lookup(span.text)
    if place is not None and place.kind == "City" and not _city_context(span, c, dm):
        place = None  # a big city's name is a surname too ("Kennedy's assassin"): the text must say where
    if place is None:
        weak = places.lookup(span.text)  # "near Chatham"; a province needs "in Farah", as a city does
        if weak is not None and (_place_context(span, c) or (weak.kind == "Region" and _city_context(span, c, dm))):
            place = weak
    if place is not None and (not span.text.isupper() or place.kind == "Country"):
        return "gazetteer", "LOC" if place.kind == "Region" else "GPE", m.key
    if after and _word(nxt) in c["person.nouns"]:  # "Treasury spokesman": modifies a person
        return "after", _ORG, m.key
    if prev is not None and prev.lower_ == "the" and not modifier:
        return "article", _ORG, m.key
    return None


def _age_follows(span: Span) -> bool:
    """"Albrecht, 54, is ...": a name, a comma, a number a person's age can be, a comma; not a known place."""
    doc = span.doc
    e = span.end
    if e + 2 >= len(doc) or doc[e].text != "," or doc[e + 2].text != "," or not doc[e + 1].is_digit:
        return False
    if not 1 <= int(doc[e + 1].text) <= 115 or len(doc[e + 1].text) > 3:
        return False
    return places.lookup(span.text) is None


def _modifies_next(span: Span) -> bool:
    """"the Reagan administration", "Deputy Iranian Finance Minister": the name only modifies
    a word after it."""
    root = span.root
    return root.dep_ in {"compound", "amod", "nmod", "npadvmod"} and root.head.i >= span.end


def _head_word(words: list[str], heads: frozenset[str]) -> str | None:
    """"refugee council" -> "council"; "bank of england" -> "bank"; "... terrorism bill" -> "bill"."""
    alpha = [w for w in words if w.isalpha()]  # "Hunting Act 2004"
    if alpha and alpha[-1] in heads:
        return alpha[-1]
    for i, w in enumerate(words[1:], 1):
        if w in {"of", "for"}:
            return words[i - 1]
    return alpha[-1] if alpha else None


def _noun_before(span: Span, c: dict, *, kin_only: bool = False, appositions: bool = True) -> str | None:
    """The class a common noun just before the name (or in apposition to it) gives."""
    doc = span.doc
    i = span.start - 1
    if i >= 1 and doc[i].lower_ == "the" and doc[i - 1].is_lower:  # "building society the Woolwich"
        i -= 1
    candidates = []
    # the noun must attach to the name: "spokesman Vince Cable", not "deputy Energy Minister"
    if i >= 0 and doc[i].is_lower and doc[i].pos_ in {"NOUN", "PROPN", "ADJ"} and (span.start <= doc[i].head.i < span.end or span.root.head.i == i):
        candidates.append(doc[i])
    root = span.root
    if appositions or kin_only:  # "Sichuan, the country's biggest producer" is still a province
        if root.dep_ == "appos" and root.head.is_lower:
            candidates.append(root.head)
        candidates += [t for t in root.children if t.dep_ == "appos" and t.is_lower and t.i > span.end]
    for tok in candidates:
        w = _word(tok)
        if kin_only:
            if w in c["person.kin"]:
                return _PERSON
            continue
        for section, label in (("person", _PERSON), ("organization", _ORG), ("legislation", "LAW"), ("creative_work", "WORK_OF_ART"), ("product", "PRODUCT")):
            if w in c[f"{section}.nouns"]:
                return label
    return None


def _kin_of(span: Span, c: dict) -> bool:
    """"Amanda Champion's killer", "Amanda's uncle", "the assassin of Lincoln": only a person has these."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and _word(doc[span.start - 2]) in c["person.kin"]:
        return True
    if span.end + 1 >= len(doc) or doc[span.end].tag_ != "POS":
        return False
    for tok in doc[span.end + 1 : span.end + 3]:
        if _word(tok) in c["person.kin"]:
            return True
        if tok.pos_ != "ADJ":
            return False
    return False


def _surnames(dm: DocMentions) -> set[str]:
    """Last words of the full person names of the document."""
    out = set()
    for m in dm.mentions:
        parts = m.key.split()
        if m.label == _PERSON and len(parts) >= 2 and not places.is_compass(parts[0]) and places.lookup(m.text) is None:
            out.add(parts[-1])
    return out


def _titled_words(doc: Doc, dm: DocMentions, c: dict) -> set[str]:
    """Keys the document writes after a title somewhere ("Mr Kent" makes every "Kent" a person)."""
    out = set()
    for m in dm.mentions:
        a, _ = dm.spans[m]
        if a > 0 and _word(doc[a - 1]) in c["person.titles"] and doc[a - 1].is_title:
            out.add(m.key)
    return out


def _is_person(span: Span, c: dict, dm: DocMentions, surnames: set[str], titled: set[str]) -> bool:
    """Anything in the text that makes a lone word a person's name."""
    doc = span.doc
    key = span.text.lower()
    if key in surnames or key in titled or _kin_of(span, c):  # "Kennedy's assassin"
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and (prev.lower_ in c["person.particles"] or (prev.is_title and prev.pos_ == "PROPN" and prev.i not in dm.by_token)):
        return True
    root = span.root
    coordinated = [root.head] if root.dep_ == "conj" else []
    coordinated += [t for t in root.children if t.dep_ == "conj"]
    for tok in coordinated:
        other = dm.by_token.get(tok.i)  # "Olmstead, Kennedy and Gardner": a list of people or firms
        if other is not None and other.label in {_PERSON, _ORG} and places.lookup(other.text) is None:
            return True
    return False


def _place_context(span: Span, c: dict) -> bool:
    """"in Devon", "the city of Mainz", "Chatham, Kent": the sentence says where."""
    doc = span.doc
    i = span.start
    if span.end < len(doc) and doc[span.end].tag_ == "POS":  # "in Davis's view"
        return False
    if i >= 1 and doc[i - 1].lower_ in c["place.prepositions"]:
        return True
    if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in c["place.nouns"]:
        return True
    return i >= 2 and doc[i - 1].text == "," and doc[i - 2].ent_type_ in {"GPE", "LOC"}


def _city_context(span: Span, c: dict, dm: DocMentions) -> bool:
    """"in Toulouse", "from Rotterdam", "The Hague and Rotterdam", "Rotterdam port": a city."""
    doc = span.doc
    i = span.start
    if _place_context(span, c) or (i >= 1 and doc[i - 1].lower_ in c["place.city_prepositions"]):
        return True
    root = span.root
    if root.dep_ == "compound" and root.head.i >= span.end and root.head.lower_ in c["place.nouns"] | c["facility.heads"]:
        return True
    coordinated = ([root.head] if root.dep_ == "conj" else []) + [t for t in root.children if t.dep_ == "conj"]
    return any((o := dm.by_token.get(t.i)) is not None and o.label in {"GPE", "LOC"} for t in coordinated)


def _comma_place(span: Span, m) -> tuple[str, str, str] | None:
    """"New College, Oxford": a known place after a name and a comma, closing the phrase."""
    doc = span.doc
    i = span.start
    if m.label not in {_ORG, _PERSON} or len(span) > 3 or i < 2 or doc[i - 1].text != "," or doc[i - 2].ent_type_ not in {"GPE", "LOC", "ORG", "FAC"}:
        return None
    if span.end < len(doc) and not (doc[span.end].is_punct or doc[span.end].is_space):
        return None
    place = places.lookup(span.text)
    if place is None or (span.text.isupper() and place.kind != "Country"):  # "ICO" is no town
        return None
    return "gazetteer", "LOC" if place.kind == "Region" else "GPE", m.key
