"""Behaviour tests of kg.extract on the real model: sentence -> expected facts, per construction.

Sentences are composed for these tests, taken from Reuters-21578, or from the sample articles
(marked). Each table row lists facts that must be found; ``absent`` rows list facts that must
not be plain facts. Model drift gets ``xfail(strict=True)`` with the reason, never a deletion.
See #3.
"""

from __future__ import annotations

import pytest

from kg.extract import extract

pytestmark = pytest.mark.issue(3)


def _run(nlp, text: str):
    return extract(nlp(text), "t").assertions


def _facts(nlp, text: str) -> set[tuple[str, str, str]]:
    return {(a.subject.text, a.predicate, a.object.text) for a in _run(nlp, text) if a.is_fact}


def _all(nlp, text: str) -> dict[tuple[str, str, str], object]:
    return {(a.subject.text, a.predicate, a.object.text): a for a in _run(nlp, text)}


# ------------------------------------------------------------------ clauses

CLAUSES = [
    # active clause, prepositional objects and phrasal verbs
    ("Sergey Lavrov met with Talatbek Masadikov in Moscow.", {("Sergey Lavrov", "meets", "Talatbek Masadikov")}),
    ("Angela Merkel held talks with Emmanuel Macron in Berlin on Monday.", {("Angela Merkel", "meets", "Emmanuel Macron")}),
    ("Moscow is engaged with the Taliban in bilateral relations.", {("Moscow", "engagesWith", "Taliban")}),
    pytest.param("Pittston Co acquired WTC International last year.", {("Pittston Co", "acquires", "WTC International")},
                 marks=pytest.mark.xfail(strict=True, reason="en_core_web_sm does not tag 'WTC International' as an entity")),
    ("Pittston Co acquired Gulfex Inc last year.", {("Pittston Co", "acquires", "Gulfex Inc")}),
    ("Iraq invaded Kuwait in August 1990.", {("Iraq", "invaded" if False else "attacks", "Kuwait")}),
    # passive with an agent
    ("The decision was criticised by Germany and welcomed by France.", set()),
    ("Kuwait was invaded by Iraq in 1990.", {("Iraq", "attacks", "Kuwait")}),
    ("NATO is an alliance led by the United States.", {("United States", "leads", "NATO")}),
    # coordinated subjects and verbs
    ("Germany and France signed an agreement with Poland.", {("Germany", "agreesWith", "Poland"), ("France", "agreesWith", "Poland")}),
    pytest.param("Japan imports oil from Iran and exports cars to Canada.", {("Japan", "importsFrom", "Iran"), ("Japan", "exportsTo", "Canada")},
                 marks=pytest.mark.xfail(strict=True, reason="en_core_web_sm tags the second verb 'exports' as a noun")),
    ("Japan imports oil from Iran and sells cars to Canada.", {("Japan", "importsFrom", "Iran"), ("Japan", "exportsTo", "Canada")}),
]


@pytest.mark.parametrize(("sentence", "expected"), CLAUSES)
def test_extract_clauses(nlp, sentence, expected):
    assert expected <= _facts(nlp, sentence)


# ------------------------------------------------------------------ event nouns

EVENT_NOUNS = [
    ("During a meeting with Talatbek Masadikov, Lavrov said the talks went well.", {("Lavrov", "meets", "Talatbek Masadikov")}),
    ("Lavrov made these remarks during discussions in Moscow with Imangali Tasmagambetov.", {("Lavrov", "meets", "Imangali Tasmagambetov")}),
    ("A Russian delegation led by Sergey Shoigu visited Afghanistan.", {("Sergey Shoigu", "visits", "Afghanistan")}),
    ("Relations between India and Pakistan have worsened.", {("India", "engagesWith", "Pakistan")}),
    ("Russian exports of fuel to Afghanistan rose.", {("Russian", "exportsTo", "Afghanistan")}),
    ("Kremlin said that Russia's decision to deepen ties with the Taliban is driven by security.", {("Russia", "engagesWith", "Taliban")}),
    # Reuters-21578 (reuters-262): "... talks ..." noun with partner
    ("Egypt will host talks with Zambia and Uganda.", {("Egypt", "meets", "Zambia"), ("Egypt", "meets", "Uganda")}),
    # "in" is what an investment goes into, and a country's industry is the country's
    ("Acme Corp's investment in Ghana rose sharply last year.", {("Acme Corp", "investsIn", "Ghana")}),
    ("Turkey's investment in Iran's mobile industry looks set to be scrapped.", {("Turkey", "investsIn", "Iran")}),
]


@pytest.mark.parametrize(("sentence", "expected"), EVENT_NOUNS)
def test_extract_event_nouns(nlp, sentence, expected):
    got = {k for k, a in _all(nlp, sentence).items()}
    assert expected <= got


# ------------------------------------------------------------------ roles

ROLES = [
    ("Gol Hassan, the Taliban ambassador in Moscow, announced the plan.",
     {("Gol Hassan", "worksFor", "Taliban"), ("Gol Hassan", "holdsPosition", "ambassador")}),
    ("Russian Foreign Minister Sergey Lavrov arrived.",
     {("Sergey Lavrov", "worksFor", "Russian"), ("Sergey Lavrov", "holdsPosition", "Foreign Minister")}),
    ("Dmitry Peskov, spokesperson for the Russian presidency, spoke.",
     {("Dmitry Peskov", "worksFor", "Russian"), ("Dmitry Peskov", "holdsPosition", "spokesperson")}),
    ("CSTO Secretary General Imangali Tasmagambetov spoke in Moscow.",
     {("Imangali Tasmagambetov", "holdsPosition", "Secretary General"), ("Imangali Tasmagambetov", "leads", "CSTO")}),
    ("Putin and Secretary of the National Security Council Sergey Shoygu raised concerns.",
     {("Sergey Shoygu", "holdsPosition", "Secretary"), ("Sergey Shoygu", "worksFor", "National Security Council")}),
    # Reuters-21578 (reuters-262, reuters-286, reuters-318)
    ("Foreign Ministry sources said Congo President Denis Sassou-Nguesso would chair the meeting.",
     {("Denis Sassou-Nguesso", "leads", "Congo")}),
    ("Deputy Foreign Minister Alexander Bessmertnykh told a news conference the visit was possible.",
     {("Alexander Bessmertnykh", "holdsPosition", "Deputy Foreign Minister")}),
    ("Lebanese President Amin Gemayel has agreed to three key points.",
     {("Amin Gemayel", "leads", "Lebanese")}),
    ("Tim Cook is the chief executive of Apple.", {("Tim Cook", "leads", "Apple")}),
]


@pytest.mark.parametrize(("sentence", "expected"), ROLES)
def test_extract_roles(nlp, sentence, expected):
    assert expected <= _facts(nlp, sentence)


def test_extract_role_affiliation_from_acronym_repeated(nlp):
    """The NER misses the second "CSTO"; the name is propagated, so the role has its organisation."""
    text = ("Lavrov met the head of the Collective Security Treaty Organization (CSTO). "
            "During a meeting with Talatbek Masadikov, the CSTO Secretary-General, Lavrov spoke.")
    facts = _facts(nlp, text)
    assert ("Talatbek Masadikov", "leads", "CSTO") in facts


# ------------------------------------------------------------------ lists, relative clauses, compounds

LISTS = [
    ("The CSTO, which includes Russia, Armenia, Belarus, Kazakhstan, Kyrgyzstan, and Tajikistan, meets yearly.",
     {("CSTO", "hasMember", c) for c in ("Russia", "Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Tajikistan")}),
    ("The CSTO, a regional military alliance comprising Russia, Armenia and Belarus, has a new chief.",
     {("CSTO", "hasMember", c) for c in ("Russia", "Armenia", "Belarus")}),
    ("OPEC includes Saudi Arabia, Iran and Venezuela.",
     {("OPEC", "hasMember", c) for c in ("Saudi Arabia", "Iran", "Venezuela")}),
    ("The CSTO, a Russia-led security bloc of post-Soviet states, expressed concern.", {("Russia", "leads", "CSTO")}),
    ("The rebels attacked a Saudi-backed militia near Sanaa.", set()),
    ("Russia's Security Council met on Friday.", {("Security Council", "partOf", "Russia")}),
    ("He highlighted Afghanistan's importance and its shared borders with Tajikistan.", {("its", "borders", "Tajikistan")}),
    ("The U.S. is concerned that Russia-Taliban ties may strengthen.", set()),
]


@pytest.mark.parametrize(("sentence", "expected"), LISTS)
def test_extract_lists_relatives_compounds(nlp, sentence, expected):
    assert expected <= _facts(nlp, sentence)


def test_extract_hyphen_pair_is_not_a_fact_under_may(nlp):
    got = _all(nlp, "The Taliban took power. The U.S. is concerned that Russia-Taliban ties may strengthen.")
    a = got.get(("Russia", "engagesWith", "Taliban"))
    assert a is not None and not a.is_fact


# ------------------------------------------------------------------ places

PLACES = [
    ("Speaking after the summit in Astana, Kazakhstan, Putin left.", {("Astana", "locatedIn", "Kazakhstan")}),
    ("The plant in Lyon, France, was closed.", {("Lyon", "locatedIn", "France")}),
    # Reuters-21578 dateline style
    ("The talks in Houston, Texas, ended.", set()),
]


@pytest.mark.parametrize(("sentence", "expected"), PLACES)
def test_extract_places(nlp, sentence, expected):
    assert expected <= _facts(nlp, sentence)


# ------------------------------------------------------------------ attribution

ATTRIBUTION = [
    # (text, speaker, statement topic, inner fact or None)
    ("President Vladimir V. Putin of Russia announced that Moscow is engaged with the Taliban.",
     "Vladimir V. Putin", "Taliban", ("Moscow", "engagesWith", "Taliban")),
    ("Arvin Industries Inc said L.K. Evans succeeded James Baker.", "Arvin Industries Inc", "James Baker", None),
    ("“We are engaged in relations with Afghanistan,” Mr. Putin said.", "Putin", "Afghanistan", None),
    ("CoFAB Inc said it acquired Gulfex Inc, a Houston fabricator.", "CoFAB Inc", "Gulfex Inc", ("it", "acquires", "Gulfex Inc")),
]


@pytest.mark.parametrize(("text", "speaker", "topic", "inner"), ATTRIBUTION)
def test_extract_attribution(nlp, text, speaker, topic, inner):
    """The statement is a node with its speaker and topic (never a ``states`` fact); the facts inside are reported."""
    ex = extract(nlp(text), "t")
    (statement,) = ex.statements
    assert [m.text for m in statement.speakers] == [speaker] and topic in [m.text for m in statement.about]
    assert not [a for a in ex.assertions if a.predicate == "states"]
    if inner is not None:
        got = _all(nlp, text)
        a = got[inner]
        assert a.modality == "reported" and a.speaker is not None and a.statement == statement.key


def test_extract_dateline_is_not_the_speaker(nlp):
    got = _all(nlp, "MOSCOW — President Vladimir V. Putin of Russia announced that Moscow is engaged with the Taliban.")
    assert got[("Moscow", "engagesWith", "Taliban")].speaker.text == "Vladimir V. Putin"


# ------------------------------------------------------------------ negation and non-facts

NON_FACTS = [
    ("China welcomes the engagement but has not formally recognized the Taliban.", ("China", "recognizes", "Taliban"), True, None),
    ("Russia does not recognize Kosovo.", ("Russia", "recognizes", "Kosovo"), True, None),
    ("Moscow could mediate between Kabul and Islamabad.", ("Moscow", "mediate between", "Kabul"), False, "hypothetical"),
    ("If talks fail, Iran may attack Israel.", ("Iran", "attacks", "Israel"), False, "hypothetical"),
    ("Will Germany support Ukraine?", ("Germany", "supports", "Ukraine"), False, "hypothetical"),
    ("Japan plans to visit Brazil next year.", ("Japan", "visits", "Brazil"), False, "hypothetical"),
    ("Analysts asked whether Moscow would meet with Kabul.", ("Moscow", "meets", "Kabul"), False, "hypothetical"),
    ("Pittston Co said it has tentatively agreed to acquire WTC International.", ("it", "acquires", "WTC International"), False, "hypothetical"),
    ("Officials denied that Turkey attacked Syria.", ("Turkey", "attacks", "Syria"), True, "reported"),
]


@pytest.mark.parametrize(("sentence", "triple", "negated", "modality"), NON_FACTS)
def test_extract_non_facts_are_never_plain(nlp, sentence, triple, negated, modality):
    got = _all(nlp, sentence)
    assert triple in got
    a = got[triple]
    assert not a.is_fact
    assert a.negated is negated
    if modality is not None:
        assert a.modality == modality


# ------------------------------------------------------------------ mentions

def test_extract_swallowed_person_is_split(nlp):
    ex = extract(nlp("Putin and Secretary of the National Security Council Sergey Shoygu raised concerns."), "t")
    labels = {m.text: m.label for m in ex.mentions}
    assert labels.get("Sergey Shoygu") == "PERSON" and labels.get("National Security Council") == "ORG"


def test_extract_surname_takes_the_full_name_key(nlp):
    ex = extract(nlp("Sergey Lavrov arrived. Lavrov said the talks went well."), "t")
    assert {m.key for m in ex.mentions if m.text == "Lavrov"} == {"sergey lavrov"}


def test_extract_they_resolves_to_the_group_subject(nlp):
    ex = extract(nlp("The Taliban said they would attend the talks in Doha."), "t")
    assert any(m.text == "they" and m.key == "taliban" for m in ex.mentions)


def test_extract_they_is_not_resolved_after_a_common_noun_subject(nlp):
    ex = extract(nlp("Analysts say Russia's stance is influenced by competition. They note the risks."), "t")
    assert not any(m.text == "They" for m in ex.mentions)


def test_extract_open_relations_are_flagged_and_penalised(nlp):
    got = _all(nlp, "The Islamic Emirate has repeatedly assured Russia.")
    a = got[("Islamic Emirate", "assure", "Russia")]
    assert a.open and a.confidence < 0.7


def test_extract_samples_never_state_hypotheticals_as_facts(sample_build):
    """Every triples.csv row that is hypothetical or negated is not a direct triple (see #3)."""
    import csv

    with open(sample_build.out_dir / "triples.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    g = sample_build.graph
    from rdflib import URIRef

    for r in rows:
        if r["negated"] == "true" or r["modality"] == "hypothetical":
            preds = {p for p in g.predicates(URIRef(r["subject_id"]), URIRef(r["object_id"]))}
            assert not any(str(p).endswith(r["predicate"]) for p in preds) or any(
                x["subject_id"] == r["subject_id"] and x["object_id"] == r["object_id"] and x["predicate"] == r["predicate"]
                and x["negated"] == "false" and x["modality"] != "hypothetical" for x in rows
            ), r


def test_extract_a_failing_rule_costs_only_its_own_facts(nlp, monkeypatch, caplog):
    """A bug in one rule on one article (reuters-1960 once raised IndexError) must not stop the build."""
    import kg.extract as kx

    def broken(ctx):
        raise IndexError("list index out of range")
        yield  # pragma: no cover

    monkeypatch.setattr(kx, "ROLE_RULES", (broken, *kx.ROLE_RULES))
    with caplog.at_level("WARNING", logger="kg"):
        ex = kx.extract(nlp("Sergey Lavrov met with Talatbek Masadikov in Moscow."), "d1")
    assert [(a.subject.text, a.predicate, a.object.text) for a in ex.assertions] == [
        ("Sergey Lavrov", "meets", "Talatbek Masadikov"), ("Sergey Lavrov", "meetsIn", "Moscow")]
    assert "d1: extraction rule broken failed (IndexError" in caplog.text


def test_extract_investment_in_a_name_is_no_investment(nlp):
    # "Delta Investment in Ankara" names a firm and where it is: nobody invests in Ankara
    text = "Kemal Aydin, an analyst at Delta Investment in Ankara, said the deal was dead."
    assert not any(a.predicate == "investsIn" for a in _run(nlp, text))
