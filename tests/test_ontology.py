"""The ontology file and its generated reference (`kg ontology --doc`). See #4."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from kg.cli import cli
from kg.ontology import ontology_file
from kg.ontology_doc import generate_markdown
from kg.vocab import KG_NS


@pytest.fixture(scope="module")
def onto():
    return Graph().parse(ontology_file("kg.ttl"))


def test_ontology_has_version(onto):
    o = next(onto.subjects(RDF.type, OWL.Ontology))
    assert onto.value(o, OWL.versionInfo) is not None


def test_ontology_every_property_has_label_comment_domain_range(onto):
    for t in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for p in onto.subjects(RDF.type, t):
            for q in (RDFS.label, RDFS.comment, RDFS.domain, RDFS.range):
                assert onto.value(p, q) is not None, f"{p} has no {q}"


def test_ontology_classes_reach_schema_org(onto):
    schema = "https://schema.org/"
    for c in onto.subjects(RDF.type, OWL.Class):
        reached = {str(x) for x in onto.transitive_objects(c, RDFS.subClassOf)} | {str(x) for x in onto.objects(c, OWL.equivalentClass)}
        assert any(x.startswith((schema, "http://www.w3.org/ns/prov#")) for x in reached), c


def test_ontology_doc_lists_every_term(onto):
    text = "".join(generate_markdown())
    for s in set(onto.subjects(RDF.type, OWL.Class)) | set(onto.subjects(RDF.type, OWL.ObjectProperty)):
        if str(s).startswith(KG_NS):
            assert f"`kg:{str(s)[len(KG_NS):]}`" in text, s
    assert "inverse of `kg:memberOf`" in text and "symmetric" in text
    assert "`who-met-whom`" in text


def test_ontology_cli_doc_to_file(tmp_path):
    r = CliRunner().invoke(cli, ["ontology", "--doc", "-o", str(tmp_path / "onto.md")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "onto.md").read_text(encoding="utf-8").startswith("# kg news ontology")
    r = CliRunner().invoke(cli, ["ontology"])
    assert r.exit_code == 0 and "kg.ttl" in r.output and "shapes.ttl" in r.output
