"""Rule city_in_country: a city is in its country when the article names both. See #10."""

from __future__ import annotations

import pytest

from kg.extract import extract

pytestmark = pytest.mark.issue(10)


def _located(nlp, text: str) -> set[tuple[str, str]]:
    return {(a.subject.text, a.object.text) for a in extract(nlp(text), "t").assertions
            if a.predicate == "locatedIn" and a.rule == "city_in_country" and a.is_fact}


def test_a_city_is_in_the_country_the_article_names(nlp):
    """BBC development set, composed: "Tehran's new airport" in an article about Iran."""
    text = "Turkish-Austrian consortium TAV was chosen to run Tehran's new airport. Iran's army closed it hours later."
    assert _located(nlp, text) == {("Tehran", "Iran")}


def test_no_country_named_no_fact(nlp):
    assert not _located(nlp, "Officials in Tehran said the airport would reopen.")


def test_a_country_name_is_no_city(nlp):
    """"Georgia" is a country here, not a city of that name; Moscow is in Russia, named too."""
    assert _located(nlp, "Georgia and Russia held talks in Moscow on Monday.") == {("Moscow", "Russia")}


def test_once_per_article(nlp):
    ex = extract(nlp("Officials in Paris said France would act. The Paris talks continued in Paris."), "t")
    assert sum(1 for a in ex.assertions if a.rule == "city_in_country") == 1


def test_a_firms_short_name_is_no_city(nlp):
    """Read 4, fact 37: "Midland's Donegan" in an article about Midland Doherty Ltd of Toronto."""
    text = ("Midland Doherty Ltd said exports would grow. Midland's Donegan said growth in the United States "
            "would drive Canada's export performance.")
    assert not any(c == "Midland" for c, _ in _located(nlp, text))


def test_a_place_name_listed_with_companies_is_no_city(nlp):
    """Reuters-21578: "Machines by Sony, Hitachi, Toshiba and others will appear", in an article naming Japan."""
    text = "Japan's makers are ready. Machines by Sony, Hitachi, Toshiba and others will appear as early as the end of March."
    assert not any(c == "Hitachi" for c, _ in _located(nlp, text))
