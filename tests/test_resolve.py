"""Entity resolution: one node per real referent across documents, never merging what differs. See #3."""

from __future__ import annotations

import pytest

from kg.records import Mention
from kg.resolve import Resolver

pytestmark = pytest.mark.issue(3)


def _m(doc: str, text: str, label: str, key: str | None = None) -> Mention:
    from kg.extract.mentions import normalise

    return Mention(doc, text, 0, len(text), label, key or normalise(text))


def _resolve(*docs: list[Mention], acronyms=()):
    r = Resolver()
    for mentions in docs:
        r.add(mentions, acronyms)
    return r.resolve()


MERGES = [
    # (mentions per document, texts that must share one entity)
    ([[("Sergey Lavrov", "PERSON")], [("Sergei Lavrov", "PERSON")], [("Lavrov", "ORG")]], ["Sergey Lavrov", "Sergei Lavrov", "Lavrov"]),
    ([[("Sergey Shoigu", "PERSON")], [("Sergey Shoygu", "PERSON")]], ["Sergey Shoigu", "Sergey Shoygu"]),
    ([[("Vladimir V. Putin", "PERSON"), ("Putin", "PERSON")], [("Vladimir Putin", "PERSON")]], ["Vladimir V. Putin", "Vladimir Putin", "Putin"]),
    ([[("Russia", "GPE"), ("Russian", "NORP")], [("Russian Federation", "GPE")]], ["Russia", "Russian", "Russian Federation"]),
    ([[("Islamic Emirate of Afghanistan", "ORG"), ("Islamic Emirate", "ORG")]], ["Islamic Emirate of Afghanistan", "Islamic Emirate"]),
]


@pytest.mark.parametrize(("docs", "same"), MERGES)
def test_resolve_merges_one_referent(docs, same):
    mentions = [[_m(f"d{i}", t, lab) for t, lab in doc] for i, doc in enumerate(docs)]
    res = _resolve(*mentions)
    ids = {res.entity_id(m) for doc in mentions for m in doc if m.text in same}
    assert len(ids) == 1 and None not in ids


def test_resolve_acronym_defined_in_text():
    d = [_m("d0", "Collective Security Treaty Organization", "ORG"), _m("d0", "CSTO", "ORG")]
    res = _resolve(d, acronyms=[("csto", "collective security treaty organization")])
    assert res.entity_id(d[0]) == res.entity_id(d[1])


SEPARATE = [
    # two people who share a first name; two holders of one office; a city and its country;
    # an organisation and its members; two people sharing a surname
    [("Sergey Lavrov", "PERSON"), ("Sergey Shoigu", "PERSON")],
    [("Talatbek Masadikov", "PERSON"), ("Imangali Tasmagambetov", "PERSON")],
    [("Moscow", "GPE"), ("Russia", "GPE")],
    [("CSTO", "ORG"), ("Armenia", "GPE")],
    [("George Bush", "PERSON"), ("Jeb Bush", "PERSON")],
    [("England", "GPE"), ("UK", "GPE"), ("Scotland", "GPE")],  # the nations of the UK are not the UK
    [("Devon", "GPE"), ("North Devon", "LOC")],  # a region and a part of it
]


@pytest.mark.parametrize("mentions", SEPARATE)
def test_resolve_never_merges_what_differs(mentions):
    ms = [_m("d0", t, lab) for t, lab in mentions]
    res = _resolve(ms)
    assert len({res.entity_id(m) for m in ms}) == len(ms)


def test_resolve_shared_surname_stays_apart_across_documents():
    a, b, c = _m("d0", "George Bush", "PERSON"), _m("d1", "Jeb Bush", "PERSON"), _m("d2", "Bush", "PERSON")
    res = _resolve([a], [b], [c])
    assert res.entity_id(c) not in {res.entity_id(a), res.entity_id(b)}


TYPES = [("Moscow", "GPE", "City"), ("Russia", "GPE", "Country"), ("Central Asia", "LOC", "Region"),
         ("Sergey Lavrov", "PERSON", "Person"), ("Taliban", "ORG", "Organization"), ("Texas", "GPE", "Region"),
         ("England", "GPE", "Region"), ("Kent", "GPE", "Region"), ("Asia", "LOC", "Region"), ("New York", "GPE", "City")]


@pytest.mark.parametrize(("text", "label", "cls"), TYPES)
def test_resolve_types_a_reader_would_give(text, label, cls):
    m = _m("d0", text, label)
    res = _resolve([m])
    assert res.entity(res.entity_id(m)).type == cls


def test_resolve_places_link_to_geonames():
    m = _m("d0", "Moscow", "GPE")
    res = _resolve([m])
    assert res.entity(res.entity_id(m)).same_as == ("https://sws.geonames.org/524901/",)


def test_resolve_samples_one_node_per_person(sample_build):
    """Lavrov, Shoigu, Putin, the CSTO and Peskov are one node each; Masadikov and Tasmagambetov two."""
    import csv

    with open(sample_build.out_dir / "entities.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows = [r for r in rows if r["type"] != "Position"]  # "Secretary General of CSTO" is an office
    names = [r["label"] + "|" + r["aliases"] for r in rows]
    for needle in ("Lavrov", "Shoigu", "Putin", "CSTO", "Peskov"):
        assert sum(needle in n for n in names) == 1, needle
    shoigu = next(r for r in rows if "Shoigu" in r["label"] + r["aliases"])
    assert "Shoygu" in shoigu["label"] + shoigu["aliases"]
    assert sum("Masadikov" in n for n in names) == 1 and sum("Tasmagambetov" in n for n in names) == 1
    assert not any("Sergey Shoygu" in r["label"] and r["type"] != "Person" for r in rows)


@pytest.mark.issue(10)
def test_resolve_legal_form_joins_the_short_name():
    """"Texaco Inc" is "Texaco"; "Standard Life Investments" and "BBC News" are not their parents."""
    ms = [_m("d0", t, "ORG") for t in ("Texaco Inc", "Texaco", "Middle Way Group", "Middle Way", "Standard Life",
                                        "Standard Life Investments", "BBC", "BBC News")]
    res = _resolve(ms)
    ids = {m.text: res.entity_id(m) for m in ms}
    assert ids["Texaco Inc"] == ids["Texaco"] and ids["Middle Way Group"] == ids["Middle Way"]
    assert ids["Standard Life"] != ids["Standard Life Investments"] and ids["BBC"] != ids["BBC News"]


@pytest.mark.issue(10)
def test_resolve_legal_form_never_joins_a_person():
    ms = [_m("d0", "Green Party", "ORG"), _m("d1", "Green", "PERSON"), _m("d1", "Michael Green", "PERSON")]
    res = _resolve(ms)
    assert res.entity_id(ms[0]) != res.entity_id(ms[1])


@pytest.mark.issue(10)
@pytest.mark.parametrize(("label", "cls"), [("LAW", "Legislation"), ("WORK_OF_ART", "CreativeWork"), ("PRODUCT", "Product")])
def test_resolve_laws_works_products_have_classes(label, cls):
    m = _m("d0", "Hunting Act", label)
    res = _resolve([m])
    assert res.entity(res.entity_id(m)).type == cls


@pytest.mark.issue(10)
def test_resolve_party_nicknames_are_one_body_whatever_stage_named_them():
    """A "Tories" mention keyed by its own name (not by the type rules) still joins the party."""
    ms = [_m("d0", "Tories", "NORP"), _m("d1", "Conservative Party", "ORG"), _m("d2", "Commons", "ORG"),
          _m("d2", "House of Commons", "ORG"), _m("d3", "Tory", "PERSON", key="tory")]
    res = _resolve(ms)
    assert res.entity_id(ms[0]) == res.entity_id(ms[1]) and res.entity_id(ms[2]) == res.entity_id(ms[3])
    assert res.entity(res.entity_id(ms[0])).type == "Organization"


@pytest.mark.issue(10)
def test_resolve_spelling_variant_joins_only_with_evidence():
    """"Reagan", named in many articles without Donald Regan, is not Regan; a typo where the full
    name is ("Linder" beside "Carl Lindner") and a transliteration ("Shoigu"/"Shoygu") join."""
    docs = [[_m("d0", "Donald Regan", "PERSON"), _m("d0", "Reagan", "PERSON")]]
    docs += [[_m(f"d{i}", "Reagan", "PERSON")] for i in range(1, 4)]
    docs += [[_m("d9", "Carl Lindner", "PERSON"), _m("d9", "Linder", "PERSON")]]
    docs += [[_m("d8", "Sergey Shoygu", "PERSON"), _m("d8", "Shoigu", "PERSON")], [_m("d7", "Shoigu", "PERSON")]]
    res = _resolve(*docs)
    assert res.entity_id(docs[0][1]) != res.entity_id(docs[0][0])
    assert res.entity_id(docs[4][1]) == res.entity_id(docs[4][0])
    assert res.entity_id(docs[5][1]) == res.entity_id(docs[5][0]) == res.entity_id(docs[6][0])
