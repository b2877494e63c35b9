"""Membership stated by service and by company (rules served_in and rest_of_group, kg.extract.service).

Sentences composed for the test, each read by the real model. See #10.
"""

from __future__ import annotations

import pytest

from kg.extract import extract

pytestmark = pytest.mark.issue(10)


def _all(nlp, text: str):
    return {(a.subject.text, a.predicate, a.object.text): a for a in extract(nlp(text), "t").assertions}


MEMBERS = [
    ("Sir Anthony Meyer died on Monday. Educated at Eton, he served in the Scots Guards from 1941 to 1945.",
     ("he", "memberOf", "Scots Guards"), "served_in"),
    ("John Tower served two terms in the Senate.", ("John Tower", "memberOf", "Senate"), "served_in"),
    ("Mary Smith sat on the board of General Motors for ten years.", ("Mary Smith", "memberOf", "General Motors"), "served_in"),
    ("Paul Volcker served on the Federal Reserve Board until 1986.", ("Paul Volcker", "memberOf", "Federal Reserve Board"), "served_in"),
    # "the rest of" a body: the one named beside it is a member, whatever the clause says of them
    ("Mr Straw, along with the rest of the Cabinet, will back a yes vote.", ("Straw", "memberOf", "Cabinet"), "rest_of_group"),
    ("Blair and the rest of the Cabinet backed the plan.", ("Blair", "memberOf", "Cabinet"), "rest_of_group"),
]


@pytest.mark.parametrize("text,fact,rule", MEMBERS, ids=[t[:40] for t, _, _ in MEMBERS])
def test_membership_by_service(nlp, text, fact, rule):
    found = _all(nlp, text)
    assert fact in found, found
    assert found[fact].is_fact and found[fact].rule.startswith(rule)


def test_served_in_keeps_its_clause_negation(nlp):
    (a,) = [a for a in extract(nlp("Blair has not served in the Cabinet."), "t").assertions if a.predicate == "memberOf"]
    assert a.negated and not a.is_fact


@pytest.mark.parametrize("text", [
    "General Haig served in Vietnam.",  # a place, no organisation
    "General Haig served in the Israeli army.",  # no organisation of its own
    "The wine was served in the Commons bar.",  # a passive: nobody served in anything
    "Mr Jones served a prison sentence in Leavenworth.",  # an object that is no spell of service
])
def test_no_membership(nlp, text):
    assert not any(a.predicate == "memberOf" for a in extract(nlp(text), "t").assertions)


def test_parliamentary_party_is_part_of_its_party(nlp):
    text = "Labour MPs met on Monday. Labour's leaders attended the meeting of the Parliamentary Labour Party."
    found = _all(nlp, text)
    assert found[("Parliamentary Labour Party", "partOf", "Labour")].rule == "qualified_part"


def test_no_part_without_the_whole_named(nlp):
    text = "MPs attended the meeting of the Parliamentary Labour Party."
    assert not any(a.rule == "qualified_part" for a in extract(nlp(text), "t").assertions)
