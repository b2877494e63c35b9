"""Statements: who said what, as nodes; ``states`` edges are gone from facts, triples.csv and the views."""

from __future__ import annotations

import csv

from kg.extract import extract


def test_reported_direct_and_according_to(nlp):
    ex = extract(nlp('Lavrov said that Russia would strengthen its ties with Kazakhstan. "We will never recognise '
                     'the Taliban government in its current form," Chinese Foreign Minister Wang Yi said. '
                     "According to Reuters, Shell bought a stake in BP."), "d")
    got = [([m.text for m in s.speakers], s.cue, s.kind, s.text, [m.text for m in s.about]) for s in ex.statements]
    assert got == [
        (["Lavrov"], "say", "reported", "Russia would strengthen its ties with Kazakhstan", ["Russia", "Kazakhstan"]),
        (["Wang Yi"], "say", "direct", "We will never recognise the Taliban government in its current form", ["Taliban"]),
        (["Reuters"], "according to", "reported", "Shell bought a stake in BP", ["Shell", "BP"]),
    ]
    text = ex.statements[0]
    assert nlp.make_doc  # the offsets are the document's
    doc_text = 'Lavrov said that Russia would strengthen its ties with Kazakhstan.'
    assert doc_text[text.start:text.end] == text.text
    # the facts said inside are linked to their statement and stay reported
    inside = [a for a in ex.assertions if a.statement == ex.statements[0].key]
    assert inside and all(a.modality in {"reported", "hypothetical"} for a in inside)  # "would": hypothetical


def test_about_is_the_arguments_not_every_name(nlp):
    """A name in an adverbial or relative clause of what was said is not what it is about."""
    ex = extract(nlp("Lavrov said that sanctions hurt Germany, which Olaf Scholz leads, after talks in Paris."), "d")
    (s,) = ex.statements
    assert any(a.predicate == "leads" and a.statement == s.key for a in ex.assertions)  # said in it, yet no topic
    assert [m.text for m in s.about] == ["Germany"]


def test_scare_quotes_and_denied_speech_are_no_statements(nlp):
    ex = extract(nlp('Putin described the situation as “complex”. Lavrov did not say that Russia would leave.'), "d")
    assert ex.statements == ()


def test_no_states_edges_and_every_statement_a_node(sample_build):
    out = sample_build.out_dir
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "kg:states" not in ttl
    rows = list(csv.DictReader((out / "triples.csv").open(encoding="utf-8")))
    assert rows and not [r for r in rows if r["predicate"] == "states"]
    statements = list(csv.DictReader((out / "statements.csv").open(encoding="utf-8")))
    assert list(statements[0]) == ["statement_id", "speaker_id", "speaker", "cue", "kind", "text", "about_ids", "doc", "sentence"]
    assert len(statements) == len(sample_build.data.statements) >= 20
    assert all(r["speaker_id"] and r["speaker"] and r["text"] and r["kind"] in {"direct", "reported"} for r in statements)
    hotak = [r for r in statements if r["speaker"] == "Rohullah Hotak"]
    assert hotak and hotak[0]["kind"] == "direct"
    assert all(r["text"] in r["sentence"] or r["kind"] == "direct" for r in statements)
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert '"states"' not in html


def test_statement_queries(sample_build):
    import kg
    from kg.ontology import saved_queries

    by = kg.query(sample_build.graph, saved_queries()["statements-by"].read_text(), bindings={"name": "Rohullah Hotak"}).rows
    assert by and {str(r[0]) for r in by} == {"Rohullah Hotak"} and str(r_kind(by)) == "direct"
    about = kg.query(sample_build.graph, saved_queries()["statements-about"].read_text(), bindings={"name": "Afghanistan"}).rows
    speakers = {str(r[1]) for r in about}
    assert {"Sergey Lavrov", "Dmitry Peskov"} <= speakers
    assert len(about) == len(set(about))


def r_kind(rows):
    return rows[0][2]


def test_neo4j_statement_nodes_said_and_about(sample_build):
    nodes = list(csv.DictReader((sample_build.out_dir / "neo4j/nodes.csv").open(encoding="utf-8")))
    rels = list(csv.DictReader((sample_build.out_dir / "neo4j/relationships.csv").open(encoding="utf-8")))
    statements = {r["id:ID"] for r in nodes if r[":LABEL"].split(";")[0] == "Statement"}
    assert statements == set(sample_build.data.statements)
    assert all(r["text"] for r in nodes if r["id:ID"] in statements)
    said = [r for r in rels if r[":TYPE"] == "SAID"]
    about = [r for r in rels if r[":TYPE"] == "ABOUT"]
    assert {r[":END_ID"] for r in said} == statements and all(r["kind"] == "said" for r in said)
    assert about and {r[":START_ID"] for r in about} <= statements and all(r["kind"] == "about" for r in about)
    events = [r for r in nodes if r[":LABEL"].startswith("Event;")]
    assert {r[":LABEL"] for r in events} >= {"Event;Meeting", "Event;Visit"}
    assert any(r[":TYPE"] == "PLACE" and r["kind"] == "role" for r in rels)
