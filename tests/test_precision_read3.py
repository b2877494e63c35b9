"""Error classes of the third hand-read precision sample (Reuters-21578 records 11,000-13,000, 100
facts, seed 11): each is mended by a general rule, tested here on sentences of that kind. See #10."""

from __future__ import annotations

import pytest

from kg import places
from kg.extract import extract
from kg.records import HYPOTHETICAL

pytestmark = pytest.mark.issue(10)


def _all(nlp, text: str):
    return {(a.subject.text, a.predicate, a.object.text): a for a in extract(nlp(text), "t").assertions}


def test_former_countries_are_countries():
    """"Yugoslav Finance Minister": Yugoslavia, a country of 1987 news, not the adjective."""
    assert places.country("Yugoslav", demonyms=True).name == "Yugoslavia"
    assert places.country("Czechoslovakia").name == "Czechoslovakia"
    assert places.country("Soviet Union").name == "Russia"  # one successor: its alias, as before
    assert places.country("West German", demonyms=True).name == "Germany"  # read 4, fact 46


def test_an_adjective_that_is_no_country_stands_for_no_one(nlp):
    """"The Western creditor governments and Kuwait agreed": no entity "Western" agrees with Kuwait."""
    assert not any(s == "Western" or o == "Western" for s, _, o in _all(nlp, "The Western creditor governments and Kuwait agreed on March 31 to refinance the debt."))
    assert ("Russian", "meets", "Taliban") in _all(nlp, "Russian officials met Taliban leaders in Moscow.")


def test_a_natural_place_is_a_place(nlp):
    """"the lower Rio Grande Valley of Texas": a valley is no organisation based in Texas."""
    facts = _all(nlp, "High temperatures in northern Minnesota were warmer than those in the lower Rio Grande Valley of Texas.")
    assert not any(p == "basedIn" for _, p, _ in facts)


def test_a_retired_officer_held_the_post(nlp):
    facts = _all(nlp, "Frank Hoenemeyer, a retired vice chairman of Prudential Insurance Co, said he would stay.")
    works = facts[("Frank Hoenemeyer", "worksFor", "Prudential Insurance Co")]
    assert works.time == "former"


def test_an_organisation_is_chosen_not_appointed(nlp):
    assert not any(p == "appoints" for _, p, _ in _all(nlp, "Jeffers said Texaco chose the Appeals Court because it has jurisdiction."))
    # a person is: "appointed John Smith chairman" (the parser heads the phrase with the role; rule svo_role)
    facts = _all(nlp, "Acme Corp appointed John Smith chairman.")
    assert ("Acme Corp", "appoints", "John Smith") in facts and ("John Smith", "leads", "Acme Corp") in facts


@pytest.mark.parametrize("text", [
    "North Yemen was rumored to have taken 75,000 tonnes of Australian wheat and rejected United States offers.",
    "Smith is believed to have met Jones in Paris.",
])
def test_a_hedged_passive_states_nothing(nlp, text):
    found = [a for a in extract(nlp(text), "t").assertions if a.predicate in {"rejects", "meets"}]
    assert found and all(a.modality == HYPOTHETICAL for a in found)


@pytest.mark.parametrize(("text", "holder", "role", "body"), [
    # the firm hangs on the unit ("at" under "operations"): still the body (read 3, fact 80)
    ("The market feels it can win, said Michael Snow, head of treasury operations at Union Bank of Switzerland.",
     "Michael Snow", "head of treasury operations", "Union Bank of Switzerland"),
    ("Jane Doe, head of equity research at Nomura Securities, said prices would rise.", "Jane Doe", "head of equity research", "Nomura Securities"),
])
def test_a_unit_is_part_of_the_role(nlp, text, holder, role, body):
    facts = _all(nlp, text)
    assert (holder, "holdsPosition", role) in facts and (holder, "worksFor", body) in facts


@pytest.mark.parametrize(("text", "holder", "country"), [
    # read 4, facts 10 and 50 (Reuters-21578 reuters-14809): the dateline's city is no part of the name
    ("WASHINGTON - Jordanian Prime Minister Zaid al-Rifa'i said he had made progress in talks.", "Zaid al-Rifa'i", "Jordanian"),
    ("ROME - Israeli Foreign Minister Shimon Peres said on Monday he had met officials.", "Shimon Peres", "Israeli"),
])
def test_a_dateline_is_cut_from_the_name_after_its_dash(nlp, text, holder, country):
    facts = _all(nlp, text)
    assert any(s == holder and o == country for s, _, o in facts)
    assert not any("-" in o for _, _, o in facts)


def test_a_stake_is_in_the_first_named_company(nlp):
    """Reuters-21578: "acquired all issued shares of Capital Food Services Ltd, of Ottawa": the
    shares are the company's; Ottawa is where it is, nothing is owned there."""
    facts = _all(nlp, "Scott's Hospitality Inc said it acquired all issued shares of Capital Food Services Ltd, of Ottawa.")
    assert any(p == "owns" and o == "Capital Food Services Ltd" for _, p, o in facts)
    assert not any(p == "owns" and o == "Ottawa" for _, p, o in facts)
