"""The place index is made once from its sources, saved, and loaded again with the same answers. See #14."""

from __future__ import annotations

import marshal

import pytest

from kg import places

pytestmark = pytest.mark.issue(14)

NAMES = ["Russia", "Russian", "Britain", "England", "Kent", "Texas", "Orange County", "Asia", "Middle East",
         "the eurozone", "Moscow", "New York", "Washington", "Oregon", "San Jose", "Zurich", "Lincoln", "Davis",
         "Kennedy", "European", "Calif", "North"]


def _answers() -> list:
    return [(places.lookup(n), places.lookup(n, demonyms=True), places.strong_lookup(n), places.city(n),
             places.region(n), places.country(n, demonyms=True), places.us_state(n), places.is_compass(n)) for n in NAMES]


def _fresh(monkeypatch, folder) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    for fn in (places._index, places.lookup, places.strong_lookup, places._compass, places._local_names_set):
        fn.cache_clear()


@pytest.fixture
def restore():
    yield
    for fn in (places._index, places.lookup, places.strong_lookup, places._compass, places._local_names_set):
        fn.cache_clear()


def test_place_index_saved_once_and_loaded_with_the_same_answers(tmp_path, monkeypatch, restore):
    _fresh(monkeypatch, tmp_path / "cache")
    made = _answers()
    saved = list((tmp_path / "cache").glob("places-*.marshal"))
    assert len(saved) == 1
    assert marshal.loads(saved[0].read_bytes()) == places.build_index()
    before = saved[0].stat().st_mtime_ns
    _fresh(monkeypatch, tmp_path / "cache")
    assert _answers() == made
    assert saved[0].stat().st_mtime_ns == before  # loaded, not made again
    assert made[0][0].kind == "Country" and made[10][0].kind == "City"


def test_place_index_damaged_or_unwritable_cache_still_answers(tmp_path, monkeypatch, restore):
    _fresh(monkeypatch, tmp_path / "cache")
    made = _answers()
    saved = next((tmp_path / "cache").glob("places-*.marshal"))
    saved.write_bytes(b"\x00not marshal")
    _fresh(monkeypatch, tmp_path / "cache")
    assert _answers() == made
    assert marshal.loads(saved.read_bytes()) == places.build_index()  # made again and saved
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    _fresh(monkeypatch, blocker / "cache")
    assert _answers() == made


def test_place_index_of_another_install_is_kept_unless_stale(tmp_path, monkeypatch, restore):
    """Two virtual environments on one machine have two fingerprints: each keeps its index (deleting
    the other's made every build of the other install make it again, a second each); an index not
    written for a month is deleted when an index is saved."""
    import os
    import time

    from kg._cache import STALE_DAYS

    folder = tmp_path / "cache"
    folder.mkdir()
    other, stale = folder / "places-0000otherinstall00.marshal", folder / "places-0000staleinstall00.marshal"
    other.write_bytes(b"x")
    stale.write_bytes(b"x")
    old = time.time() - (STALE_DAYS + 1) * 86_400
    os.utime(stale, (old, old))
    _fresh(monkeypatch, folder)
    _answers()
    assert other.exists() and not stale.exists()
    assert len(list(folder.glob("places-*.marshal"))) == 2
