"""End-to-end builds of real articles with the real model: every output contract file."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

import kg
from kg.pipeline import OUTPUT_FILES
from kg.export.tables import ENTITY_COLUMNS, TRIPLE_COLUMNS
from kg.vocab import KG

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_build_writes_every_contract_file(sample_build):
    out = sample_build.out_dir
    for rel in OUTPUT_FILES:
        path = out / rel
        assert path.is_file(), rel
        assert path.stat().st_size > 0, rel
        assert path.read_bytes().endswith(b"\n"), rel
    assert not list(out.glob(".kg-tmp-*")), "staging folder left behind"
    assert sample_build.documents == 5 and not sample_build.skipped


def test_build_csv_headers_are_exact(sample_build):
    out = sample_build.out_dir
    assert (out / "entities.csv").read_text(encoding="utf-8").splitlines()[0] == ",".join(ENTITY_COLUMNS)
    assert (out / "triples.csv").read_text(encoding="utf-8").splitlines()[0] == ",".join(TRIPLE_COLUMNS)
    assert ENTITY_COLUMNS == ("id", "label", "type", "aliases", "mentions")
    # the design's ten columns first, in their order; "time" was added at the end (#10: a past role reads as one)
    assert TRIPLE_COLUMNS == ("subject_id", "subject", "predicate", "object_id", "object", "negated",
                              "confidence", "doc", "sentence", "modality", "time")


def test_build_past_role_has_its_time_in_triples_csv(tmp_path):
    import kg

    article = tmp_path / "king.txt"
    article.write_text('"The market is strong," said consultant Scott King, formerly an analyst with Montgomery '
                       'Securities in San Francisco.\n', encoding="utf-8")
    out = tmp_path / "out"
    kg.build([article], out=out, quiet=True)
    rows = _csv(out / "triples.csv")
    works = [r for r in rows if r["predicate"] == "worksFor" and r["object"] == "Montgomery Securities"]
    assert works and all(r["time"] == "former" for r in works)


def test_build_lavrov_meets_masadikov_with_its_sentence(sample_build):
    rows = _csv(sample_build.out_dir / "triples.csv")
    meets = [r for r in rows if r["predicate"] == "meets" and {r["subject"], r["object"]} == {"Sergey Lavrov", "Talatbek Masadikov"}]
    assert {r["doc"] for r in meets} == {"000_6adcf7dded68f096", "004_1135b3a4308fe0a1"}
    for r in meets:
        assert "meeting with" in r["sentence"] and "Masadikov" in r["sentence"]
        assert r["negated"] == "false" and r["modality"] == "asserted"


def test_build_csv_ids_are_graph_iris(sample_build, sample_graph):
    entities = _csv(sample_build.out_dir / "entities.csv")
    ids = {e["id"] for e in entities}
    for e in entities:
        assert (URIRef(e["id"]), RDFS.label, Literal(e["label"])) in sample_graph
        assert (URIRef(e["id"]), RDF.type, KG[e["type"]]) in sample_graph
    for r in _csv(sample_build.out_dir / "triples.csv"):
        assert r["subject_id"] in ids and r["object_id"] in ids
        assert r["negated"] in {"true", "false"}
        assert r["modality"] in {"asserted", "reported", "hypothetical"}
        assert 0.0 < float(r["confidence"]) <= 1.0


def test_build_graph_entities_are_typed(sample_graph):
    for cls, label in [("Person", "Sergey Lavrov"), ("Country", "Russia"), ("City", "Moscow"),
                       ("Organization", "CSTO"), ("Person", "Talatbek Masadikov")]:
        found = [s for s in sample_graph.subjects(RDFS.label, Literal(label))]
        assert found, label
        assert (found[0], RDF.type, KG[cls]) in sample_graph, (label, cls)


def test_build_one_node_per_name_across_documents(sample_build):
    entities = _csv(sample_build.out_dir / "entities.csv")
    lavrov = [e for e in entities if "Lavrov" in e["label"] or "Lavrov" in e["aliases"]]
    assert len(lavrov) == 1, lavrov
    assert "Sergei Lavrov" in lavrov[0]["aliases"].split("|")
    masadikov = [e for e in entities if "Masadikov" in e["label"]]
    tasmagambetov = [e for e in entities if "Tasmagambetov" in e["label"]]
    assert len(masadikov) == 1 and len(tasmagambetov) == 1
    assert masadikov[0]["id"] != tasmagambetov[0]["id"]


def test_build_membership_list_distributes(sample_build):
    rows = _csv(sample_build.out_dir / "triples.csv")
    members = {r["subject"] for r in rows if r["predicate"] == "memberOf" and r["object"] == "CSTO"}
    assert members >= {"Russia", "Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Tajikistan"}


def test_build_negated_fact_is_no_plain_triple(sample_build, sample_graph):
    rows = _csv(sample_build.out_dir / "triples.csv")
    denied = [r for r in rows if r["predicate"] == "recognizes" and r["subject"] == "China"]
    assert denied and all(r["negated"] == "true" for r in denied)
    china = next(sample_graph.subjects(RDFS.label, Literal("China")))
    assert not list(sample_graph.triples((china, KG.recognizes, None)))


def test_build_hypothetical_rows_never_become_edges(sample_build):
    import networkx as nx

    rows = _csv(sample_build.out_dir / "triples.csv")
    hypothetical = {(r["subject_id"], r["predicate"], r["object_id"]) for r in rows if r["modality"] == "hypothetical" or r["negated"] == "true"}
    plain = {(r["subject_id"], r["predicate"], r["object_id"]) for r in rows if r["modality"] != "hypothetical" and r["negated"] == "false"}
    assert hypothetical
    G = nx.read_graphml(sample_build.out_dir / "graph.graphml")
    edges = {(u, d.get("relation"), v) for u, v, d in G.edges(data=True)}
    for triple in hypothetical - plain:
        assert triple not in edges


def test_build_is_deterministic(tmp_path, sample_build):
    again = kg.build(SAMPLES, out=tmp_path / "again", quiet=True)
    for rel in OUTPUT_FILES:
        assert (again.out_dir / rel).read_bytes() == (sample_build.out_dir / rel).read_bytes(), rel


def test_build_summary_counts(sample_build):
    line = sample_build.summary()
    assert line.startswith("5 documents read, 0 skipped;")
    assert sample_build.entities > 20 and sample_build.facts > 15 and sample_build.assertions >= sample_build.facts
    assert sample_build.sentences > 50


def test_build_html_is_self_contained(sample_build):
    html = (sample_build.out_dir / "graph.html").read_text(encoding="utf-8")
    assert "Sergey Lavrov" in html
    import re

    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), "external reference in graph.html"


def test_build_neo4j_files_reference_nodes(sample_build):
    nodes = _csv(sample_build.out_dir / "neo4j" / "nodes.csv")
    rels = _csv(sample_build.out_dir / "neo4j" / "relationships.csv")
    ids = {n["id:ID"] for n in nodes}
    assert rels and all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)
    assert "LOAD CSV" in (sample_build.out_dir / "neo4j" / "import.cypher").read_text(encoding="utf-8")


def test_build_jsonl_records_from_reuters(tmp_path, reuters_lines):
    src = tmp_path / "reuters.jsonl"
    src.write_text("".join(reuters_lines[:20]), encoding="utf-8")
    result = kg.build(src, out=tmp_path / "out", quiet=True)
    assert result.documents == 20
    docs = {r["doc"] for r in _csv(tmp_path / "out" / "triples.csv")}
    assert docs <= {json.loads(line)["id"] for line in reuters_lines[:20]}
    assert result.entities > 20


def test_build_skips_bad_inputs_and_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Sergey Lavrov met with Wang Yi in Beijing on Monday.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (tmp_path / "latin1.txt").write_bytes("Fran\xe7ois Hollande met Angela Merkel.".encode("latin-1"))
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "text": "Angela Merkel visited Paris."}\n{"id": oops\n', encoding="utf-8")
    seen = []
    result = kg.build(tmp_path, out=tmp_path / "out", quiet=True, on_skip=seen.append)
    reasons = {Path(s.source.split(":")[0]).name: s.reason for s in result.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "latin1.txt", "bad.jsonl"}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"] and "JSON" in reasons["bad.jsonl"]
    assert seen == list(result.skipped)
    assert result.documents == 2
    rows = _csv(tmp_path / "out" / "triples.csv")
    assert any(r["predicate"] == "meets" for r in rows)


def test_build_nothing_readable_raises_and_keeps_previous_outputs(tmp_path, sample_build):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous\n", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    with pytest.raises(kg.KGError, match="nothing to build.*empty file"):
        kg.build(tmp_path / "in", out=out, quiet=True)
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous\n"


@pytest.mark.parametrize(("broken_writer", "jobs"), [
    ("kg.views.write_html", 1), ("kg.views.write_html", 2), ("kg.streaming.write_turtle", 1), ("kg.streaming.write_turtle", 2),
])
def test_build_failed_write_leaves_previous_outputs(tmp_path, sample_build, monkeypatch, broken_writer, jobs):
    """A writer failing midway (disk full, a bug) must not leave a half-updated output folder,
    whether it runs in this process or in the forked graph.ttl writer (jobs=2)."""
    import shutil

    from kg.pipeline import write_outputs
    from kg.errors import KGError

    out = tmp_path / "out"
    shutil.copytree(sample_build.out_dir, out)
    before = {rel: (out / rel).read_bytes() for rel in OUTPUT_FILES}

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(broken_writer, broken)
    with pytest.raises((OSError, KGError)) as info:
        write_outputs(sample_build.data, out, jobs=jobs)
    assert "No space left on device" in str(info.value) and "\n" not in str(info.value)
    assert {rel: (out / rel).read_bytes() for rel in OUTPUT_FILES} == before
    assert not list(out.glob(".kg-tmp-*"))


def test_build_outputs_same_bytes_with_a_forked_writer(tmp_path, sample_build):
    """jobs=2 (graph.ttl in a forked child) writes exactly what jobs=1 writes."""
    from kg.pipeline import write_outputs
    from kg.records_io import RECORDS_FILE, read_records

    records = read_records(sample_build.out_dir / RECORDS_FILE)
    for jobs in (1, 2):
        write_outputs(sample_build.data, tmp_path / f"j{jobs}", records=records.pairs, base_iri=records.base_iri, jobs=jobs)
    for rel in (*OUTPUT_FILES, RECORDS_FILE):
        assert (tmp_path / "j1" / rel).read_bytes() == (tmp_path / "j2" / rel).read_bytes() == (sample_build.out_dir / rel).read_bytes(), rel


def test_build_result_graph_is_made_on_first_use(sample_build):
    """A build keeps plain records; the rdflib graph is made once, when asked for, and holds them all."""
    g = sample_build.graph
    assert g is sample_build.graph
    assert len(g) == len(sample_build.data) > 1000


def test_build_outputs_are_readable_by_others(sample_build):
    mode = (sample_build.out_dir / "graph.ttl").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_build_from_html_markdown_and_csv(tmp_path):
    (tmp_path / "a.html").write_text(
        "<html><head><title>Talks in Ankara</title></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Talks in Ankara</h1><p>Turkish President Recep Tayyip Erdogan met with Ukrainian "
        "President Volodymyr Zelensky in Ankara on Friday, officials said.</p><p>The two leaders discussed "
        "grain exports across the Black Sea and a possible prisoner exchange.</p></article>"
        "<footer>© 2024 Example News. All rights reserved.</footer></body></html>", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Visit\n\nGerman Chancellor Olaf Scholz visited Warsaw on Tuesday.\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text('id,body\nx1,"Emmanuel Macron met Narendra Modi in New Delhi."\n', encoding="utf-8")
    result = kg.build(tmp_path, out=tmp_path / "out", quiet=True, text_field="body")
    skipped = {Path(s.source.split(":")[0]).name for s in result.skipped}
    assert "c.csv" not in skipped
    rows = _csv(tmp_path / "out" / "triples.csv")
    facts = {(r["subject"], r["predicate"], r["object"]) for r in rows}
    assert ("Olaf Scholz", "visits", "Warsaw") in facts
    assert any(p == "meets" and {s, o} == {"Emmanuel Macron", "Narendra Modi"} for s, p, o in facts)
    entities = {e["label"]: e["type"] for e in _csv(tmp_path / "out" / "entities.csv")}
    assert entities.get("Warsaw") == "City"
    assert "Home | World | Sport" not in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize("jobs", [1, 2])
def test_write_outputs_releases_the_records_only_when_asked(tmp_path, sample_build, jobs):
    """release_records empties the caller's list once it is written (jobs=1) or the forked writer
    holds it (jobs=2); the files are the same; without it the list is left as it was."""
    from kg.pipeline import write_outputs
    from kg.records_io import RECORDS_FILE, read_records

    records = read_records(sample_build.out_dir / RECORDS_FILE)
    kept, released = list(records.pairs), list(records.pairs)
    write_outputs(sample_build.data, tmp_path / "kept", records=kept, base_iri=records.base_iri, jobs=jobs)
    write_outputs(sample_build.data, tmp_path / "released", records=released, base_iri=records.base_iri, jobs=jobs,
                  release_records=True)
    assert kept == list(records.pairs) and len(kept) == 5
    assert released == []
    for rel in (*OUTPUT_FILES, RECORDS_FILE):
        assert (tmp_path / "released" / rel).read_bytes() == (sample_build.out_dir / rel).read_bytes(), rel


@pytest.mark.parametrize("workers", [1, 2])
def test_build_writes_the_views_without_the_extraction_records(tmp_path, monkeypatch, workers):
    """kg build writes the tables and views with no extraction record left in its process (they
    are in records.jsonl.gz, or with the forked writer): on all of Reuters a quarter of its memory."""
    import gc

    from kg import _write, pipeline
    from kg.extract import Extraction

    def alive() -> list:
        gc.collect()
        return [o for o in gc.get_objects() if type(o) is Extraction]

    earlier = {id(o) for o in alive()}  # records other tests left in this process are not this build's

    def held() -> int:
        return sum(1 for o in alive() if id(o) not in earlier)

    seen = {}
    write_outputs, write_rest = pipeline.write_outputs, _write._write_rest

    def counting_write_outputs(*args, **kwargs):
        seen["before"] = held()
        return write_outputs(*args, **kwargs)

    def counting_write_rest(*args, **kwargs):
        seen["views"] = held()
        return write_rest(*args, **kwargs)

    monkeypatch.setattr(pipeline, "_small", lambda counts: False)  # written here, not by the warm writer
    monkeypatch.setattr(pipeline, "write_outputs", counting_write_outputs)
    monkeypatch.setattr(_write, "_write_rest", counting_write_rest)
    result = kg.build(SAMPLES, out=tmp_path / "out", quiet=True, workers=workers)
    assert result.documents == 5
    assert seen == {"before": 5, "views": 0}
    assert len(list(read_records_pairs(tmp_path / "out"))) == 5


def read_records_pairs(out: Path):
    from kg.records_io import RECORDS_FILE, read_records

    return read_records(out / RECORDS_FILE).pairs
