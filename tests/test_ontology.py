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


def test_lexicon_saved_once_and_loaded_with_the_same_tables(tmp_path, monkeypatch):
    """The lexicon and the property signatures are parsed from kg.ttl once per version of it and
    pickled to kg's cache folder; a process then loads them without rdflib's parse. See #14."""
    import shutil

    from kg import ontology

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "kg.ttl"
    shutil.copy(ontology_file("kg.ttl"), copy)
    made = ontology._read(str(copy))
    saved = list((tmp_path / "cache").glob("lexicon-*.pickle"))
    assert len(saved) == 1
    before = saved[0].stat().st_mtime_ns
    ontology._read.cache_clear()
    calls = []
    monkeypatch.setattr(ontology, "_parse", lambda source: calls.append(source))
    loaded = ontology._read(str(copy))
    assert calls == [] and saved[0].stat().st_mtime_ns == before  # loaded, not parsed again
    assert loaded[0] == made[0] and loaded[0].verb("meet with") == made[0].verb("meet with") is not None
    assert loaded[1].keys() == made[1].keys()
    # an edited file is a new version: parsed again (here: by the stand-in, which records it)
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    ontology._read.cache_clear()
    ontology._read(str(copy))
    assert calls == [copy]
    ontology._read.cache_clear()


def test_lexicon_of_a_broken_ontology_is_an_error_naming_it(tmp_path, monkeypatch):
    from kg import ontology
    from kg.errors import OntologyError

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    bad = tmp_path / "kg.ttl"
    bad.write_text("@prefix kg: <x> .\nkg:a kg:b", encoding="utf-8")
    with pytest.raises(OntologyError, match="kg.ttl: cannot parse"):
        ontology.load_lexicon(str(bad))
    assert not list((tmp_path / "cache").glob("lexicon-*"))
    ontology._read.cache_clear()
