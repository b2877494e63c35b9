"""Whose act an event noun names: a part of an organisation named by its possessor is not the
possessor ("the acquisition of Gelco's Canadian unit" is no acquisition of Gelco; rule
part_of_possessor), and in "X has the support of Y" Y acts (rule received_act). Sentences
written for the tests."""

from __future__ import annotations

import pytest

from facts_of import fact_texts as _facts

pytestmark = pytest.mark.issue(10)


@pytest.mark.parametrize("text", [
    "Air Canada's 54 mln dlr acquisition of Gelco Corp's Canadian unit has altered the courier industry.",
    "Acme Corp's purchase of Gelco Corp's trucking business was completed on Monday.",
])
def test_part_nouns_a_possessors_unit_is_not_the_possessor(nlp, text):
    assert not any(o == "Gelco Corp" for _, p, o in _facts(nlp, text) if p == "acquires")


def test_part_nouns_the_whole_firm_is_still_acquired(nlp):
    assert ("Acme Corp", "acquires", "Gelco Corp") in _facts(nlp, "Acme Corp's acquisition of Gelco Corp was completed.")


@pytest.mark.parametrize(("text", "expected", "wrong"), [
    ("Rep. Richard Gephardt has the support of Jim Wright.", ("Jim Wright", "supports", "Richard Gephardt"), ("Richard Gephardt", "supports", "Jim Wright")),
    ("Russia has the support of China.", ("China", "supports", "Russia"), ("Russia", "supports", "China")),
])
def test_received_act_the_of_object_is_the_one_who_acts(nlp, text, expected, wrong):
    """Rule received_act: "X has the support of Y" says Y supports X."""
    facts = _facts(nlp, text)
    assert expected in facts and wrong not in facts


def test_a_group_led_by_two_people_makes_neither_lead_the_other(nlp):
    facts = _facts(nlp, "Taft has two large shareholders in an investment group led by Robert Bass and Carl Lindner, chairman of American Financial Corp.")
    assert not any(s in {"Robert Bass", "Carl Lindner"} and o in {"Robert Bass", "Carl Lindner"} for s, _, o in facts)
    assert ("Carl Lindner", "leads", "American Financial Corp.") in facts
