"""Resolution and assembly in partitions give the single-process graph, byte for byte. See #14.

Names are split into groups by blocking keys (kg.blocking) and documents into parts
(kg.partitioned); whatever the number of partitions, every output file must be the same.
"""

from __future__ import annotations

import pytest

from kg.records import Mention
from kg.blocking import resolve_in_parts
from kg.resolve import Resolver

pytestmark = pytest.mark.issue(14)

# (doc, surface, label, key): each line a mention; names that must meet in one group are spread
# over documents and spelt so that a hash of the name alone would put them apart.
MENTIONS = [
    ("d1", "Sergey Lavrov", "PERSON", "sergey lavrov"), ("d2", "Sergei Lavrov", "PERSON", "sergei lavrov"),
    ("d3", "Lavrov", "PERSON", "lavrov"), ("d1", "Lavrov", "PERSON", "lavrov"),
    ("d4", "Sergei Shoigu", "PERSON", "sergei shoigu"), ("d5", "Shoygu", "PERSON", "shoygu"),
    ("d4", "Donald Regan", "PERSON", "donald regan"), ("d6", "Reagan", "PERSON", "reagan"),
    ("d1", "Collective Security Treaty Organization", "ORG", "collective security treaty organization"),
    ("d1", "CSTO", "ORG", "csto"), ("d5", "CSTO", "ORG", "csto"),
    ("d2", "NATO", "ORG", "nato"), ("d3", "North Atlantic Treaty Organization", "ORG", "north atlantic treaty organization"),
    ("d4", "Islamic Emirate", "ORG", "islamic emirate"), ("d4", "Islamic Emirate of Afghanistan", "ORG", "islamic emirate of afghanistan"),
    ("d5", "Texaco", "ORG", "texaco"), ("d6", "Texaco Inc", "ORG", "texaco inc"),
    ("d6", "Tories", "NORP", "tories"), ("d2", "Conservative Party", "ORG", "conservative party"),
    ("d1", "Moscow", "GPE", "moscow"), ("d2", "Russia", "GPE", "russia"), ("d3", "Russian", "NORP", "russian"),
    ("d5", "U.S. Steel", "ORG", "u.s. steel"), ("d6", "U.S.-Steel", "ORG", "u.s.-steel"),
    ("d2", "Foreign Minister", "POSITION", "foreign minister@russia"),
]
ACRONYMS = {"d1": [("csto", "collective security treaty organization")]}


def _resolver() -> Resolver:
    r = Resolver()
    for doc in sorted({m[0] for m in MENTIONS}):
        mentions = [Mention(d, text, 0, len(text), label, key) for d, text, label, key in MENTIONS if d == doc]
        r.add(mentions, ACRONYMS.get(doc, ()))
    return r


def test_partitioned_resolution_equals_one_partition():
    single = _resolver().resolve()
    ids = {e.label: e.id for e in single.entities}
    # the fixture exercises every kind of blocking key: these joins cross names
    assert single.by_key["csto"] == single.by_key["collective security treaty organization"]
    assert single.by_key["nato"] == single.by_key["north atlantic treaty organization"]
    assert single.by_key["islamic emirate"] == single.by_key["islamic emirate of afghanistan"]
    assert single.by_key["texaco inc"] == single.by_key["texaco"]
    assert single.by_key["tories"] == single.by_key["conservative party"]
    assert single.by_key["shoygu"] == single.by_key["sergei shoigu"]
    assert single.by_key["sergey lavrov"] == single.by_key["sergei lavrov"] == single.by_doc_key[("d1", "lavrov")]
    assert single.by_key["russian"] == single.by_key["russia"]
    assert "reagan" not in {k for (_, k) in single.by_doc_key} and single.by_key["reagan"] != single.by_key["donald regan"]
    assert ids["U.S. Steel"].endswith("/u-s-steel") and ids["U.S.-Steel"].endswith("/u-s-steel-2")
    for partitions in range(2, 9):
        parted = resolve_in_parts(_resolver(), partitions)
        assert parted.entities == single.entities, partitions
        assert parted.by_key == single.by_key and parted.by_doc_key == single.by_doc_key, partitions
        assert parted.places == single.places


def test_partitioned_groups_keep_dependent_names_together():
    from kg.blocking import groups

    root = groups(_resolver())
    for a, b in [("csto", "collective security treaty organization"), ("nato", "north atlantic treaty organization"),
                 ("islamic emirate", "islamic emirate of afghanistan"), ("texaco", "texaco inc"),
                 ("tories", "conservative party"), ("shoygu", "sergei shoigu"), ("lavrov", "sergei lavrov"),
                 ("reagan", "donald regan"), ("russian", "russia")]:
        assert root[a] == root[b], (a, b)
    assert root["moscow"] != root["texaco"]  # and groups are not all one


def _outputs(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assemble_outputs(pairs, base_iri, tmp_path, partitions) -> dict[str, bytes]:
    from kg.pipeline import assemble, write_outputs

    data, _ = assemble(pairs, base_iri=base_iri, partitions=partitions)
    out = tmp_path / f"p{partitions}"
    write_outputs(data, out, records=pairs, base_iri=base_iri)
    return _outputs(out)


def test_partitioned_assemble_samples_same_bytes(tmp_path, sample_build):
    from kg.records_io import RECORDS_FILE, read_records

    records = read_records(sample_build.out_dir / RECORDS_FILE)
    single = _assemble_outputs(list(records.pairs), records.base_iri, tmp_path, 1)
    assert single == _outputs(sample_build.out_dir)
    for partitions in (2, 4):
        assert _assemble_outputs(list(records.pairs), records.base_iri, tmp_path, partitions) == single, partitions


@pytest.mark.slow
def test_partitioned_assemble_500_reuters_same_bytes(tmp_path, reuters500_pairs):
    from kg.resolve import DEFAULT_BASE_IRI

    single = _assemble_outputs(reuters500_pairs, DEFAULT_BASE_IRI, tmp_path, 1)
    assert single["graph.ttl"].count(b"a kg:Assertion") > 100
    for partitions in (2, 4):
        assert _assemble_outputs(reuters500_pairs, DEFAULT_BASE_IRI, tmp_path, partitions) == single, partitions
