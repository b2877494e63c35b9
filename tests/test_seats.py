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
    # who regains a seat defeats its last winner and the party it was won for (rule seat_taken)
    taken = {(a.object.text, a.object.key, a.rule.split("+")[0]) for a in ex.assertions if a.subject.text == "Labour" and a.predicate == "defeats"}
    meyer, tories = found[("He", "memberOf", "Tories")].subject, found[("He", "memberOf", "Tories")].object
    assert taken == {("He", meyer.key, "seat_taken"), ("Tories", tories.key, "seat_taken")}


def test_seat_taken_from_another(nlp):
    found = _all(nlp, "The Tories took the Hartlepool seat from Labour in 1983.")
    assert found[("Tories", "defeats", "Labour")].rule == "seat_taken"


def test_a_seat_held_again_defeats_no_one(nlp):
    text = "Smith won the Hartlepool seat for Labour in 1983. Labour held the seat in 1987. Smith retained the seat in 1992."
    assert not any(a.predicate == "defeats" for a in extract(nlp(text), "t").assertions)


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


POWER = [
    # the country "in" names
    ("The Sandinistas came to power in Nicaragua in 1979.", ("Sandinistas", "leads", "Nicaragua")),
    ("The Conservatives have been in power since 1979 in Britain.", ("Conservatives", "leads", "Britain")),
    # else the country the article is about
    ("Britain's economy grew. Britain's exports rose. Britain's unemployment fell. Labour has cut taxes since Labour won power in 1997.",
     ("Labour", "leads", "Britain")),
]


@pytest.mark.parametrize("text,fact", POWER, ids=[t[:40] for t, _ in POWER])
def test_won_power(nlp, text, fact):
    found = _all(nlp, text)
    assert fact in found and found[fact].rule.startswith("won_power") and found[fact].is_fact


@pytest.mark.parametrize("text", [
    "Labour won power in 1997.",  # the article is about no one country
    "Wind power in Britain grew. Britain's exports rose. Britain's unemployment fell.",
    "The Taliban seized power in Kabul in 1996.",  # a city: whose country the text does not say
    "Britain's economy grew. Britain's exports rose. Britain's unemployment fell. The union won the power to strike.",
    "Britain's economy grew. Britain's exports rose. Britain's unemployment fell. Alcoa took power from the national grid.",
])
def test_no_power_won(nlp, text):
    assert not any(a.rule.startswith("won_power") for a in extract(nlp(text), "t").assertions)
