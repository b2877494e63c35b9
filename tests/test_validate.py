"""SHACL validation: every build conforms; a graph broken on purpose fails with a readable report. See #4."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import RDF, XSD

from kg.cli import cli
from kg.rdf import load_graph, serialize
from kg.validate import validate
from kg.vocab import KG


def test_validate_sample_graph_conforms(sample_build):
    report = validate(sample_build.out_dir / "graph.ttl")
    assert report.conforms, report.text()
    assert report.text().startswith("Conforms:")


@pytest.fixture(scope="module")
def broken(sample_build):
    """The sample graph with four faults: bad confidence, unknown modality, no sentence, a denied fact."""
    g = load_graph(sample_build.out_dir / "graph.ttl")
    a = sorted(g.subjects(RDF.type, KG.Assertion))[0]
    g.set((a, KG.confidence, Literal("1.5", datatype=XSD.decimal)))
    g.set((a, KG.modality, Literal("rumoured")))
    g.remove((a, KG.sentence, None))
    denied = next(x for x in g.subjects(KG.negated, Literal(True)))
    g.add((g.value(denied, RDF.subject), g.value(denied, RDF.predicate), g.value(denied, RDF.object)))
    return g, a


def test_validate_broken_graph_gives_a_readable_report(broken):
    g, a = broken
    report = validate(g)
    assert not report.conforms
    text = report.text()
    assert text.startswith("Does not conform: 4 issue(s)")
    assert "kg:confidence must be one decimal between 0 and 1 (value: '1.5')" in text
    assert "kg:modality must be one of asserted, reported, hypothetical (value: 'rumoured')" in text
    assert "an assertion needs the text of its sentence" in text
    assert "must not be a plain fact" in text
    assert all(line.startswith("  Violation: ") for line in text.splitlines()[1:])


def test_validate_cli_exit_status_and_report(broken, tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_bytes(serialize(broken[0]))
    r = CliRunner().invoke(cli, ["validate", str(path), "--limit", "2"])
    assert r.exit_code == 1, r.output
    assert "Does not conform: 4 issue(s)" in r.output and "... and 2 more" in r.output


def test_validate_cli_missing_file_is_one_line_error(tmp_path):
    r = CliRunner().invoke(cli, ["validate", str(tmp_path / "nope.ttl")])
    assert r.exit_code == 1
    assert "nope.ttl: no such graph file" in r.output


def test_validate_statement_and_event_shapes(sample_build):
    """A statement without its speaker, a quotation not typed as one, an event with two places and times out of order."""
    g = load_graph(sample_build.out_dir / "graph.ttl")
    s = sorted(g.subjects(RDF.type, KG.Statement))[0]
    g.remove((s, KG.speaker, None))
    g.set((s, KG.statementKind, Literal("direct")))
    e = sorted(g.subjects(KG.place, None))[0]
    g.add((e, KG.place, next(g.subjects(RDF.type, KG.City))))
    g.add((e, KG.timeStart, Literal("2024-12-01", datatype=XSD.date)))
    g.add((e, KG.timeEnd, Literal("2024-11-01", datatype=XSD.date)))
    g.add((e, KG.time, Literal("soon")))
    text = validate(g).text()
    assert "a statement needs its speaker, an entity" in text
    assert "a direct statement (kg:statementKind direct) is a schema:Quotation" in text
    assert "an event has at most one place" in text
    assert "kg:timeStart must not be after kg:timeEnd" in text
    assert "kg:time" in text
