"""Entity types from the role a name plays in its clause, where the NER guessed wrong (a part of
:func:`kg.extract.entity_types.refine`, kept apart to keep that module short).

The rules, named in :mod:`kg.extract.entity_types`' docstring, read the parse, the cue words of
``kg/data/entity_types.toml`` and the gazetteer (:mod:`kg.places`):

``verb_argument`` the doer and victim of a killing verb or noun are people;
``born``          the one born is a person, the known place after its "in" a place;
``native``        a known place modifying "native" or "resident" is that place;
``dateline``      "DAYTON, Ohio (AP)": the upper-case town is a place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import places
from ._doc import tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .mentions import DocMentions

__all__ = ["role_types"]

_PERSON, _ORG = "PERSON", "ORG"


def _word(tok) -> str:
    return tok.lower_.rstrip(".")


def role_types(doc: Doc, dm: DocMentions, c: dict) -> None:
    """Apply the four rules to the mentions of one document (``c``: :func:`kg.extract.entity_types.cues`)."""
    _verb_arguments(doc, dm, c)
    _born(doc, dm, c)
    _natives(doc, dm, c)
    _dateline_places(doc, dm)


def _born(doc: Doc, dm: DocMentions, c: dict) -> None:
    """"Norton Simon was born on Feb. 5 in Portland", "Copland, who was born in Brooklyn": the one
    born is a person (unless a place or a name with an organisation head word), the known place
    after its "in" a place (``person.born_verbs``)."""
    for verb in tokens(doc):
        if verb.lemma_.lower() not in c["person.born_verbs"] or verb.pos_ != "VERB" or not any(
            t.dep_ == "auxpass" for t in verb.children
        ):
            continue
        born = [t for t in verb.children if t.dep_ == "nsubjpass"]
        if born and born[0].tag_ == "WDT" or born and born[0].lower_ == "who":
            born = [verb.head] if verb.dep_ == "relcl" else []
        for tok in born:
            if tok.pos_ != "PROPN" or not tok.is_title or any(ch.dep_ == "det" for ch in tok.children):
                continue  # "the 34th President of the United States, Dwight D. Eisenhower, was born"
            if _word(tok) in c["person.titles"] or _word(tok) in c["person.nouns"]:
                continue
            m = dm.by_token.get(tok.i)
            if m is None:
                if not any(ch.dep_ in {"compound", "flat"} for ch in tok.children) and places.lookup(tok.text) is None:
                    dm.cued.add(dm.spans[dm.add(doc[tok.i : tok.i + 1], _PERSON)][0])
            elif m.label in {_ORG, "GPE"} and places.lookup(m.text) is None and _word(doc[dm.spans[m][1] - 1]) not in c["all.heads"]:
                dm.cued.add(dm.spans[dm.relabel(m, _PERSON, m.key)][0])
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for obj in prep.children:
                m = dm.by_token.get(obj.i)
                if obj.dep_ == "pobj" and m is not None and m.label in {_PERSON, _ORG} and (p := places.lookup(m.text)) is not None:
                    dm.cued.add(dm.spans[dm.relabel(m, "LOC" if p.kind == "Region" else "GPE", m.key)][0])


def _natives(doc: Doc, dm: DocMentions, c: dict) -> None:
    """"Mr. Vee, a Fargo native", "a Memphis native": the name a native or resident is of is the
    place the gazetteer knows by it (``place.native_nouns``), whatever label the NER gave it."""
    for noun in tokens(doc):
        if noun.lower_ not in c["place.native_nouns"] or noun.pos_ not in {"NOUN", "ADJ"}:
            continue
        mods = [t for t in noun.children if t.dep_ in {"compound", "nmod", "amod"}]
        if noun.dep_ == "amod" and noun.head.i == noun.i - 1:  # "a Memphis native" parsed as a native Memphis
            mods.append(noun.head)
        for mod in mods:
            m = dm.by_token.get(mod.i)
            if m is None or m.label not in {_PERSON, _ORG, "NORP"}:
                continue
            if dm.spans[m][1] != noun.i or (p := places.lookup(m.text)) is None:
                continue  # the name must end just before the noun ("a Fargo native")
            dm.cued.add(dm.spans[dm.relabel(m, "LOC" if p.kind == "Region" else "GPE", m.key)][0])


def _dateline_places(doc: Doc, dm: DocMentions) -> None:
    """"DAYTON, Ohio (AP)", "KARBALA, Iraq (AP)": an upper-case name at the start of a line, then a
    comma and a country or US state, is a place (the NER calls such capitals an organisation)."""
    for m in list(dm.mentions):
        a, b = dm.spans[m]
        if m.label not in {_ORG, _PERSON} or not (a == 0 or "\n" in doc[a - 1].text_with_ws) or b + 1 >= len(doc):
            continue
        if not all(t.is_upper or not t.is_alpha for t in doc[a:b]) or doc[b].text != ",":
            continue
        after = dm.by_token.get(b + 1)
        name, end = (after.text, dm.spans[after][1]) if after is not None else (doc[b + 1].text, b + 2)
        if places.country(name) is None and places.us_state_name(name) is None:
            continue
        if end < len(doc) and doc[end].text not in {"(", "_", "-", "--", "\u2014", "\u2013"} and "\n" not in doc[end - 1].text_with_ws:
            continue  # a dateline ends there: "(AP)", a dash, the line's end
        dm.cued.add(dm.spans[dm.relabel(m, "GPE", m.key)][0])


def _verb_arguments(doc: Doc, dm: DocMentions, c: dict) -> None:
    """"Ruby fatally shot Oswald", "King was shot by Ray", "Booth shot Lincoln": the doer and the
    victim of a killing verb (``person.verbs``) are people, and so is the victim of its noun
    (``person.victim_nouns``: "murder of King", "Kennedy's murder"). Only a lone capitalised name counts,
    one the NER missed or (the victim) called an organisation or a place no gazetteer knows; a
    known country is left alone."""
    for verb in tokens(doc):
        if verb.pos_ == "NOUN" and verb.lower_ in c["person.victim_nouns"]:  # "murder of King", "Kennedy's murder"
            args = [(t, "dobj") for t in verb.children if t.dep_ == "poss"]
            args += [(g, "dobj") for t in verb.children if t.dep_ == "prep" and t.lower_ == "of" for g in t.children if g.dep_ == "pobj"]
        elif verb.pos_ == "VERB" and verb.lemma_.lower() in c["person.verbs"]:
            args = [(t, t.dep_) for t in verb.children if t.dep_ in {"nsubj", "nsubjpass", "dobj"}]
        else:
            continue
        args += [(g, "agent") for t in verb.children if t.dep_ == "agent" for g in t.children if g.dep_ == "pobj"]
        if verb.pos_ == "VERB" and verb.dep_ == "conj" and not any(d in {"nsubj", "nsubjpass"} for _, d in args):  # "Booth sneaked in and shot Lincoln"
            args += [(t, t.dep_) for t in verb.head.children if t.dep_ == "nsubj"]
        for tok, dep in args:
            if tok.pos_ != "PROPN" or not tok.is_title or not tok.is_alpha or tok.ent_type_ not in {"", _PERSON, _ORG} or places.country(tok.text) is not None:
                continue
            if any(ch.dep_ in {"compound", "flat"} for ch in tok.children):
                continue  # a name of several words: the NER's to read
            m = dm.by_token.get(tok.i)
            if m is None:
                dm.cued.add(dm.spans[dm.add(doc[tok.i : tok.i + 1], _PERSON)][0])
            elif dep in {"dobj", "nsubjpass"} and dm.spans[m] == (tok.i, tok.i + 1) and (
                m.label == _ORG or (m.label in {"GPE", "LOC"} and places.lookup(tok.text) is None)
            ):  # "Booth shot Lincoln"; "the slaying of King" (no place of that name)
                dm.cued.add(dm.spans[dm.relabel(m, _PERSON, m.key)][0])
