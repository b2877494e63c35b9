"""Seats won and held (kg.extract.seats: the constituency mention and rule seat_won).

Sentences composed for the test (the first from the BBC development set's construction), each
read by the real model. See #10.
"""

from __future__ import annotations

import pytest

from kg.extract import extract

pytestmark = pytest.mark.issue(10)


def _all(nlp, text: str):
    return {(a.subject.text, a.predicate, a.object.text): a for a in extract(nlp(text), "t").assertions}


def test_won_seat_for_a_party_and_the_seat_regained(nlp):
    text = ("Sir Anthony Meyer died on Monday. He won the Eton and Slough seat for the Tories in 1964 by 11 votes. "
            "Labour regained the seat two years later.")
    ex = extract(nlp(text), "t")
    found = {(a.subject.text, a.predicate, a.object.text): a for a in ex.assertions}
    assert found[("He", "wins", "Eton and Slough")].rule.startswith("seat_won")
    assert ("He", "memberOf", "Tories") in found
    regained = found[("Labour", "wins", "the seat")]
    assert regained.rule == "seat_won+coref:seat-description"
    seat = next(m for m in ex.mentions if m.text == "Eton and Slough")
    assert regained.object.key == seat.key and seat.label == "LOC"  # one constituency, a region


def test_holding_a_seat_is_representing_it(nlp):
    assert ("Tony Blair", "represents", "Sedgefield") in _all(nlp, "Tony Blair holds the Sedgefield seat.")


def test_a_town_the_ner_took_for_a_firm(nlp):
    assert ("Tories", "wins", "Hartlepool") in _all(nlp, "The Tories took the Hartlepool seat from Labour.")


@pytest.mark.parametrize("text", [
    "He lost his Senate seat in 1984.",
    "Mr Smith won a safe Labour seat.",
    "Merrill Lynch bought a Tokyo Stock Exchange seat.",
    "Mr Jones won a seat on the board.",
])
def test_no_constituency(nlp, text):
    assert not any(a.rule.startswith("seat_won") for a in extract(nlp(text), "t").assertions)
