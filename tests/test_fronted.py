"""Fronted participial clauses take the main clause's subject (rule fronted_participle, kg.extract.fronted).

Sentences composed for the test, each read by the real model. See #10.
"""

from __future__ import annotations

import pytest

from kg.extract import extract

pytestmark = pytest.mark.issue(10)


def _facts(nlp, text: str) -> dict[tuple[str, str, str], str]:
    return {(a.subject.text, a.predicate, a.object.text): a.rule for a in extract(nlp(text), "t").assertions if a.is_fact}


FRONTED = [
    # the parser makes the participle the root and the main clause its conjunct; the second "at"
    # hangs on the main verb but stands in the fronted clause
    ("Sir Anthony Meyer died on Monday. Educated at Eton, and at New College, Oxford, he served in the Scots Guards.",
     {("he", "educatedAt", "Eton"), ("he", "educatedAt", "New College")}),
    ("Born in Leeds, Smith joined the company in 1990.", {("Smith", "bornIn", "Leeds")}),
    # an "-ing" word the tagger took for a noun
    ("Meeting in Brussels, EU finance ministers voiced their concern.", {("EU", "meetsIn", "Brussels")}),
    # a lower-case place ("eurozone"), and a bloc that stands for its member countries
    ("Meeting in Brussels, finance ministers of the 12 eurozone countries voiced their concern.", {("eurozone", "meetsIn", "Brussels")}),
    ("Gathering in Paris, leaders of the Group of Seven agreed to stabilise currencies.", {("Group of Seven", "meetsIn", "Paris")}),
    # a fronted past participle is passive ("be base in"), even where the parser made it a preposition
    ("Based in London, Barclays Bank employs 5,000 people.", {("Barclays Bank", "basedIn", "London")}),
    ("Headquartered in Detroit, General Motors said sales fell.", {("General Motors", "basedIn", "Detroit")}),
    # a past participle's agent does the act to the main subject
    ("Acquired by Nestle in 1992, Perrier has struggled.", {("Nestle", "acquires", "Perrier")}),
    ("Interviewed on BBC Radio 2, Mr Howard said the plans were sound.", {("Howard", "speaksTo", "BBC Radio 2")}),
]


@pytest.mark.parametrize("text,expected", FRONTED, ids=[t[:40] for t, _ in FRONTED])
def test_fronted_participle_takes_the_main_subject(nlp, text, expected):
    facts = _facts(nlp, text)
    for fact in expected:
        assert fact in facts, (fact, facts)
        assert facts[fact].startswith("fronted_participle"), facts[fact]


@pytest.mark.parametrize("text", [
    "Asked whether he would resign, Smith said no.",  # whoever asked is not Smith
    "Speaking in Tokyo, Baker said the dollar was too weak.",  # "speak in" maps to no relation
    "Meeting the target in Brussels is hard for EU ministers.",  # a gerund subject, no fronted clause
    "Smith, born in Leeds, joined the company.",  # not fronted (rule pattern born_in_acl's)
])
def test_no_fronted_fact(nlp, text):
    assert not any(r.startswith("fronted_participle") for r in _facts(nlp, text).values())


def test_plain_clause_states_where_parties_met(nlp):
    """"met in Brussels" and "Meeting in Brussels, ..." state the same fact (kg:meetsIn)."""
    assert ("EU", "meetsIn", "Brussels") in _facts(nlp, "EU leaders met in Brussels on Monday.")


DESCRIBED = [
    ("A native of Leeds, Smith joined the company in 1990.", ("Smith", "bornIn", "Leeds"), None),
    ("A graduate of Harvard, Jones worked for IBM.", ("Jones", "educatedAt", "Harvard"), None),
    ("A member of the Labour Party since 1970, Smith won the seat.", ("Smith", "memberOf", "Labour Party"), None),
    ("A former director of IBM, Smith joined the board.", ("Smith", "leads", "IBM"), "former"),
]


@pytest.mark.parametrize("text,fact,time", DESCRIBED, ids=[t[:40] for t, _, _ in DESCRIBED])
def test_fronted_description_describes_the_main_subject(nlp, text, fact, time):
    found = {(a.subject.text, a.predicate, a.object.text): a for a in extract(nlp(text), "t").assertions}
    assert fact in found, found
    assert found[fact].rule == "fronted_description" and found[fact].time == time


@pytest.mark.parametrize("text", [
    "A former banker, Smith joined the board.",  # no relation to anyone named
    "A rise in rates, analysts said, would hurt IBM.",  # no noun of the lexicon, no subject after its comma
])
def test_no_fronted_description(nlp, text):
    assert not any(a.rule == "fronted_description" for a in extract(nlp(text), "t").assertions)


AS_ROLE = [
    ("As a member of the Senate Finance Committee, Bentsen opposed the bill.", ("Bentsen", "memberOf", "Senate Finance Committee")),
    ("As Foreign Secretary, Jack Straw visited Iran.", ("Jack Straw", "holdsPosition", "Foreign Secretary")),
    ("As chief executive, Mr Smith led IBM for ten years.", ("Smith", "holdsPosition", "chief executive")),
]


@pytest.mark.parametrize("text,fact", AS_ROLE, ids=[t[:40] for t, _ in AS_ROLE])
def test_fronted_as_role(nlp, text, fact):
    found = {(a.subject.text, a.predicate, a.object.text): a for a in extract(nlp(text), "t").assertions}
    assert fact in found and found[fact].rule == "fronted_as_role", found


@pytest.mark.parametrize("text", [
    "As a result, Jack Straw visited Iran.",
    "As part of the deal, Jack Straw visited Iran.",
    "As a moderate Republican, Baker is unlikely to oppose the plan.",
])
def test_no_fronted_role(nlp, text):
    assert not any(a.rule == "fronted_as_role" for a in extract(nlp(text), "t").assertions)
