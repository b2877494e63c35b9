"""Place knowledge: countries, the nations of the UK, counties, states, continents, cities. See #10."""

from __future__ import annotations

import pytest

from kg import places

pytestmark = pytest.mark.issue(10)

KINDS = [
    # (name, class, canonical name)
    ("Russia", "Country", "Russia"),
    ("Britain", "Country", "United Kingdom"),
    ("England", "Region", "England"),  # a nation of the UK, never the UK itself
    ("Scotland", "Region", "Scotland"),
    ("Wales", "Region", "Wales"),
    ("Northern Ireland", "Region", "Northern Ireland"),
    ("Kent", "Region", "Kent"),  # the English county beats the town in Washington state
    ("Devon", "Region", "Devon"),
    ("Texas", "Region", "Texas"),
    ("Orange County", "Region", "Orange County"),  # US counties (GeoNames)
    ("Asia", "Region", "Asia"),  # a continent, not the town in the Philippines
    ("Middle East", "Region", "Middle East"),
    ("the eurozone", "Region", "Eurozone"),
    ("Moscow", "City", "Moscow"),
    ("New York", "City", "New York City"),  # city and state in one country: the city
    ("Washington", "City", "Washington"),
    ("Oregon", "Region", "Oregon"),
    ("San Jose", "City", "San Jose"),  # the big Californian city beats the Costa Rican province  # the state, not the small town of that name
    ("Zurich", "City", "Zürich"),  # accents folded
]


@pytest.mark.parametrize(("name", "kind", "canonical"), KINDS)
def test_places_kind_a_reader_would_give(name, kind, canonical):
    place = places.lookup(name)
    assert place is not None and (place.kind, place.name) == (kind, canonical)


def test_places_uk_nations_are_regions_of_the_uk():
    uk = places.lookup("United Kingdom")
    for nation in ("England", "Scotland", "Wales", "Northern Ireland"):
        place = places.lookup(nation)
        assert place.iso == uk.iso == "GB" and place.id != uk.id and place.geonames_id


def test_places_demonyms_name_countries_and_continents():
    assert places.country("Russian", demonyms=True).name == "Russia"
    assert places.country("European", demonyms=True).name == "Europe"
    assert places.country("Russian") is None


def test_places_strong_names_only_outweigh_a_person_label():
    # states, counties of strong types, countries and big cities are strong; small towns are not
    for name in ("Kent", "Ohio", "Lincoln", "France", "Asia"):
        assert places.strong_lookup(name) is not None, name
    for name in ("Davis", "Chatham", "Clare", "Angus", "Smith"):
        assert places.strong_lookup(name) is None, name


def test_places_ids_are_distinct_and_stable():
    ids = {places.lookup(n).id for n in ("England", "Kent", "Devon", "Texas", "Asia", "Middle East", "Moscow")}
    assert len(ids) == 7 and "None" not in ids
    assert places.lookup("Devon").id == "GB-DEV" and places.lookup("Middle East").id == "world:middle-east"


def test_places_compass_words():
    assert places.is_compass("North") and places.is_compass("south-east") and not places.is_compass("New")


def test_places_philippine_is_the_demonym_of_the_philippines():
    """Reuters-21578 style: "Philippine Finance Minister Jaime Ongpin" works for the country, not a group "Philippine"."""
    from kg import places

    assert places.country("Philippine", demonyms=True).iso == "PH"
    assert places.country("Filipino", demonyms=True).iso == "PH"
