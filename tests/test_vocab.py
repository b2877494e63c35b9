"""kg.vocab.KG and ontology/kg.ttl declare the same terms, in both directions."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from kg.ontology import load_lexicon, ontology_file
from kg.vocab import KG, KG_NS


def _ttl_terms() -> set[str]:
    g = Graph().parse(ontology_file("kg.ttl"), format="turtle")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {str(s)[len(KG_NS):] for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(KG_NS)}


def test_vocab_matches_ontology_both_ways():
    declared = set(KG.__annotations__)
    assert declared == _ttl_terms()


def test_vocab_closed_namespace_rejects_typos():
    import pytest

    with pytest.raises(AttributeError):
        KG.meet  # noqa: B018


def test_vocab_lexicon_maps_triggers_to_declared_properties():
    lex = load_lexicon()
    for table in (lex.verbs, lex.nouns, lex.roles, lex.agents, lex.intents):
        assert set(table.values()) <= set(KG.__annotations__)
    assert lex.verb("say") is None and "say" in lex.cues and lex.verb("meet with") == "meets"
    assert lex.canonical("hasMember", "org", "country") == ("memberOf", "country", "org")  # owl:inverseOf
    assert lex.canonical("meets", "b", "a") == ("meets", "a", "b")  # owl:SymmetricProperty
