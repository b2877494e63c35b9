"""The streaming writers (kg.streaming) write the bytes of the in-memory writers. See #14.

A build writes its files part by part; each file must equal what the writers that hold the
whole graph (rdflib's N-Quads, kg.rdf.serialize, kg.project.tables and project) make of it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kg import streaming
from kg.export import export
from kg.partitioned import assemble_parts, chunks
from kg.records_io import RECORDS_FILE, read_records, records_bytes

pytestmark = pytest.mark.issue(14)


def _in_memory(data, folder: Path) -> None:
    """Every file by the writers that hold the whole graph."""
    from kg.export.rdf import write_nquads
    from kg.project import project, tables
    from kg.rdf import serialize
    from kg.views import write_html

    folder.mkdir()
    (folder / "graph.ttl").write_bytes(serialize(data))
    write_nquads(data.to_graph(), folder / "graph.nq")
    tabs = tables(data)
    G = project(tabs, name="kg graph")
    for fmt, name in (("entities", "entities.csv"), ("triples", "triples.csv"), ("statements", "statements.csv")):
        export(tabs, fmt, folder / name)
    for fmt, name in (("graphml", "graph.graphml"), ("gexf", "graph.gexf"), ("neo4j", "neo4j")):
        export(data, fmt, folder / name, projection=G)
    write_html(G, folder / "graph.html", title="kg graph")


def _streamed(assembled, pairs, parts: int, base_iri: str, folder: Path) -> None:
    from kg.stream_projection import write_projection_files

    p = assembled.as_parts()
    streaming.write_turtle(p, folder / "graph.ttl")
    streaming.write_nquads(p, folder / "graph.nq")
    streaming.write_entities_csv(p, folder / "entities.csv")
    streaming.write_triples_csv(p, folder / "triples.csv")
    streaming.write_statements_csv(p, folder / "statements.csv")
    if parts == 1:
        write_projection_files(p, folder, title="kg graph")
    else:  # each file from a projection of its own, as a build sharing them between two processes makes them
        from kg.stream_projection import PROJECTION_FORMATS

        for fmt in PROJECTION_FORMATS:
            write_projection_files(p, folder, title="kg graph", formats=(fmt,))
    streaming.write_records(chunks(pairs, parts)[::-1], folder / RECORDS_FILE, base_iri=base_iri)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _check(pairs, base_iri: str, tmp_path: Path, partitions=(1, 3)) -> None:
    single = assemble_parts(chunks(pairs, 1), base_iri=base_iri)
    _in_memory(single.graph_data(), tmp_path / "memory")
    expected = _files(tmp_path / "memory")
    expected[RECORDS_FILE] = records_bytes(pairs, base_iri=base_iri)
    for parts in partitions:
        folder = tmp_path / f"streamed-{parts}"
        folder.mkdir()
        _streamed(assemble_parts(chunks(pairs, parts), base_iri=base_iri), pairs, parts, base_iri, folder)
        got = _files(folder)
        assert sorted(got) == sorted(expected)
        for name in expected:
            assert got[name] == expected[name], (parts, name)


def _told(pairs) -> tuple[int, int]:
    """Statements and events the extraction found (the graphs compared must have some)."""
    return sum(len(ex.statements) for _, ex in pairs), sum(len(ex.events) for _, ex in pairs)


def test_streaming_writers_samples(tmp_path, sample_build):
    records = read_records(sample_build.out_dir / RECORDS_FILE)
    pairs = list(records.pairs)
    statements, events = _told(pairs)
    assert statements > 5 and events > 0
    # every document a part of its own: statements in every part, events reported across parts
    _check(pairs, records.base_iri, tmp_path, partitions=(1, 3, len(pairs)))


def test_streaming_writers_without_statements_or_events(tmp_path, sample_build):
    """A graph with no statement or event node: statements.csv is its header, as in memory."""
    records = read_records(sample_build.out_dir / RECORDS_FILE)
    pairs = [(doc, replace(ex, statements=(), events=())) for doc, ex in records.pairs]
    _check(pairs, records.base_iri, tmp_path)
    assert (tmp_path / "streamed-3" / "statements.csv").read_text().count("\n") == 1


def test_streaming_writers_dated_articles(tmp_path, sample_build):
    """Dated articles date the facts' sources, which GEXF writes as spells: a projection for
    GraphML and Neo4j alone leaves the sources out, one for GEXF must not."""
    records = read_records(sample_build.out_dir / RECORDS_FILE)
    pairs = [(replace(doc, date=f"2024-05-0{i % 9 + 1}"), ex) for i, (doc, ex) in enumerate(records.pairs)]
    _check(pairs, records.base_iri, tmp_path, partitions=(3,))
    gexf = (tmp_path / "streamed-3" / "graph.gexf").read_text()
    assert gexf[gexf.index("<edges"):].count("<spell ") > 10


def test_streaming_build_nquads_equals_export(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    samples = Path(__file__).resolve().parent.parent / "samples"
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["build", str(samples), "--out", str(out), "--nquads", "-q"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["export", str(out / "graph.ttl"), "--format", "nquads", "--output", str(tmp_path / "export.nq")])
    assert r.exit_code == 0, r.output
    assert (out / "graph.nq").read_bytes() == (tmp_path / "export.nq").read_bytes()
    assert (out / "graph.nq").read_bytes().count(b"\n") > 1000


@pytest.mark.slow
def test_streaming_writers_500_reuters(tmp_path, reuters500_pairs):
    from kg.resolve import DEFAULT_BASE_IRI

    statements, events = _told(reuters500_pairs)
    assert statements > 300 and events > 30
    _check(reuters500_pairs, DEFAULT_BASE_IRI, tmp_path)


@pytest.mark.parametrize("chunks", [
    ["plain line\n"] * 7,
    ["a control \x01 first\n", "a non-character \ufffe\n", "then a lone surrogate \ud800\n", "and \x02 after\n"],
    ["a surrogate pair split ", "\ud83d", "\ude00", " over chunks\n"],
    ["caf\u00e9 \u4e2d\u6587\n", "", "no newline at the end"],
    [],
])
def test_atomic_write_lines_writes_the_bytes_of_the_joined_text(tmp_path, chunks):
    """The GEXF, GraphML, Neo4j and CSV writers' lines are written a batch at a time, not joined
    first, and the bytes are those of the joined text, a text that needs mending included
    (carriable throughout, what was written before the first lone surrogate too)."""
    from kg._io import atomic_write_lines, atomic_write_text

    whole = atomic_write_text(tmp_path / "whole", "".join(chunks)).read_bytes()
    for batch in (1, 5, 1 << 20):
        assert atomic_write_lines(tmp_path / f"b{batch}", iter(chunks), batch=batch).read_bytes() == whole, batch
    assert not list(tmp_path.glob(".*.tmp"))
