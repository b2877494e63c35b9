"""Coreference a reader would agree with (kg.extract.coref), on the real model. See #10."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.coref import resolve_descriptions, resolve_pronouns
from kg.extract.mentions import find_mentions
from kg.extract.modality import QuoteIndex

pytestmark = pytest.mark.issue(10)


def _resolved(nlp, text: str) -> dict[str, tuple[str, str]]:
    """Surface of each resolved reference -> (key of its antecedent, the rule that resolved it)."""
    doc = nlp(text)
    dm = find_mentions(doc, "t")
    resolve_pronouns(doc, dm, QuoteIndex(doc))
    resolve_descriptions(doc, dm)
    return {f"{m.text}@{m.start}": (m.key, rule) for m, rule in dm.coref.items()}


def test_coref_pronoun_takes_the_subject_of_the_clause_above(nlp):
    got = _resolved(nlp, "Tony Blair told Gordon Brown he would step down before the election.")
    assert [v for k, v in got.items() if k.startswith("he@")] == [("tony blair", "clause-subject")]


def test_coref_pronoun_prefers_the_previous_subject_to_the_last_name(nlp):
    got = _resolved(nlp, "Michael Howard attacked Tony Blair over immigration. He said the system was chaotic.")
    (key, rule), = [v for k, v in got.items() if k.startswith("He@")]
    assert key == "michael howard" and rule == "previous-subject"


def test_coref_a_resolved_pronoun_carries_its_entity_to_the_next_one(nlp):
    text = ('Shadow minister Peter Walsh said the plan was "badly drawn up". He said it could still be saved. '
            '"The risk of error is enormous," he told Sky News.')
    got = _resolved(nlp, text)
    assert [v[0] for k, v in got.items() if k.lower().startswith("he@")] == ["peter walsh", "peter walsh"]
    facts = {(a.subject.key, a.predicate, a.object.text) for a in extract(nlp(text), "t").assertions if a.is_fact}
    assert ("peter walsh", "speaksTo", "Sky News") in facts


def test_coref_gender_agreement_from_honorifics(nlp):
    got = _resolved(nlp, "Mr Howard met Mrs Thatcher in London. She said the meeting went well.")
    (key, _), = [v for k, v in got.items() if k.startswith("She@")]
    assert key == "thatcher"


def test_coref_object_pronoun_is_not_its_own_subject(nlp):
    got = _resolved(nlp, "Gordon Brown met Alan Milburn on Monday. Brown praised him.")
    assert [v[0] for k, v in got.items() if k.startswith("him@")] == ["alan milburn"]


def test_coref_pronoun_in_a_quotation_is_not_its_speaker(nlp):
    got = _resolved(nlp, '"He has no plan," Tony Blair said of Michael Howard.')
    assert all(key != "tony blair" for key, _ in got.values())


def test_coref_kind_description_is_the_articles_entity_of_that_kind(nlp):
    got = _resolved(nlp, "Nestle said sales rose. Nestle bought Perrier. The company also said it would invest.")
    assert [v for k, v in got.items() if k.startswith("The company@")] == [("nestle", "kind-description")]


def test_coref_kind_description_with_a_tie_stays_unresolved(nlp):
    got = _resolved(nlp, "General Motors Corp sued Ford Motor Co in Detroit. The company said nothing.")
    assert not any(k.startswith("The company@") for k in got)


def test_coref_assertion_records_the_rule_that_resolved_its_argument(nlp):
    ex = extract(nlp("Tony Blair said he met Jacques Chirac in Paris."), "t")
    meets = [a for a in ex.assertions if a.predicate == "meets"]
    assert meets and all("+coref:clause-subject" in a.rule for a in meets)


def test_coref_a_surname_the_ner_made_an_organisation_is_the_person_of_two_full_names(nlp):
    """BBC development set: "Sir Anthony Meyer" and "Anthony John Charles Meyer" are one man, so
    "Meyer's constituency party ... which he had represented" is his, not the last-named person's."""
    text = ("Sir Anthony Meyer has died. Anthony John Charles Meyer was born in 1920. "
            "That paved the way for John Major to move into 10 Downing Street. "
            "Meyer's constituency party, Clwyd North West, which he had represented as an MP for more than 20 years, deselected him.")
    found = {(a.subject.text, a.predicate, a.object.text) for a in extract(nlp(text), "t").assertions if a.is_fact}
    assert not any("Major" in s and o == "Clwyd North West" for s, _, o in found), found
    assert any(p == "represents" and o == "Clwyd North West" for _, p, o in found), found
