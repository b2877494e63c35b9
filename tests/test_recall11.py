"""Statements read whole: a quotation that ends a sentence ends it, and a name the article used
is a name wherever it recurs (#11: who said what about whom). Real model, written sentences."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.mentions import find_mentions

from facts_of import fact_keys as _facts

pytestmark = pytest.mark.issue(11)

_FOX = ('The Labour Party unveiled its posters on Monday. Labour said prices were low. '
        'Conservative co chairman Liam Fox derided the photo call, saying: "The show of unity was the worst acting '
        'I have seen since Prisoner Cell Block H." Labour had broken promises by raising taxes 66 times, he said.')


def test_a_sentence_ends_with_its_closing_quotation(nlp):
    sents = [s.text for s in nlp(_FOX).sents]
    assert sents[-1] == "Labour had broken promises by raising taxes 66 times, he said."
    assert sents[-2].endswith('Prisoner Cell Block H."')
    # a quotation inside a sentence ends nothing: 'He said "no." and left' has no capital after it
    assert len(list(nlp('He called the plan "a disgrace." and walked out.').sents)) == 1


def test_the_statement_after_a_quotation_is_the_speakers_and_finds_fault(nlp):
    ex = extract(nlp(_FOX), "t")
    said = [s for s in ex.statements if s.text.startswith("Labour had broken promises")]
    assert len(said) == 1 and [m.key for m in said[0].speakers] == ["liam fox"]
    facts = {(a.subject.key, a.predicate, a.object.key, a.modality) for a in ex.assertions if not a.negated}
    assert any(s == "liam fox" and p == "criticizes" and "labour" in o for s, p, o, _ in facts)


def test_a_name_recurs_in_its_shorter_form_when_the_article_used_both(nlp):
    """"Labour Party" and "Labour" both named: a later bare "Labour" the NER missed is a mention."""
    doc = nlp(_FOX)
    dm = find_mentions(doc, "t")
    late = _FOX.rfind("Labour had")
    assert any(m.start == late and m.text == "Labour" for m in dm.mentions)


def test_a_statement_that_a_named_thing_must_be_undone_opposes_it(nlp):
    text = ('MPs passed the Prevention of Terrorism Bill on Monday. Mark Oaten said: '
            '"They need to rethink the bill, and extend the power of a judge."')
    assert ("mark oaten", "opposes", "prevention of terrorism bill") in _facts(nlp, text)
    assert ("mark oaten", "opposes", "prevention of terrorism bill") in _facts(
        nlp, '"The government should scrap the Prevention of Terrorism Bill," Mark Oaten said.')


@pytest.mark.parametrize("text", [
    '"We must withdraw the Prevention of Terrorism Bill," Charles Clarke said.',  # the speaker's own act
    '"The government should not scrap the Prevention of Terrorism Bill," Mark Oaten said.',  # negated
    "Mark Oaten said the government would scrap the Prevention of Terrorism Bill.",  # a forecast, not a demand
    "Jorio Dauster told a press conference Brazil now had to reconsider its export plans.",  # the owner of the plans
    '"Tokyo must lift the ban on Chrysler," Clayton Yeutter said.',  # the ban is the thing, not Chrysler
])
def test_undoing_is_no_stance_when_it_is_not_a_demand_on_a_named_thing(nlp, text):
    assert not any(p == "opposes" for _, p, _ in _facts(nlp, text))


def test_a_fault_said_by_negation_criticises_whose_it_is(nlp):
    """"the party's sums do not add up": the party (called by its adjective, "Tory") is criticised."""
    text = ("The Tories unveiled a tax plan on Monday. Michael Howard said the Tory plan would cut taxes. "
            "Labour says the party's sums do not add up.")
    assert ("labour party", "criticizes", "conservative party") in _facts(nlp, text)
    assert ("labour party", "criticizes", "conservative party") in _facts(nlp, "Labour says the Tory sums will not add up.")


@pytest.mark.parametrize("text", [
    "Labour says the Tory sums may not add up.",  # a doubt
    "Labour says the Tory sums add up.",  # no fault
    "Labour says the Tory sums do not add up to much of a tax cut.",  # how much, not whether they hold
])
def test_no_fault_without_the_negated_phrase(nlp, text):
    assert not any(p == "criticizes" for _, p, _ in _facts(nlp, text))


def test_the_legislation_is_the_act_the_article_named(nlp):
    text = "The Hunting Act 2004 came into force in February. Tory MP Peter Luff said that the legislation was badly drafted."
    said = {(a.subject.key, a.predicate, a.object.key) for a in extract(nlp(text), "t").assertions
            if not a.negated and a.modality != "hypothetical"}
    assert ("peter luff", "criticizes", "hunting act") in said


def test_the_party_as_a_compound_is_the_party_the_sentence_named(nlp):
    """"the Tory backbencher who challenged Margaret Thatcher for the party leadership": the Tories'."""
    text = "Sir Anthony Meyer, the Tory backbencher who challenged Margaret Thatcher for the party leadership in 1989, has died."
    assert ("margaret thatcher", "leads", "conservative party") in _facts(nlp, text)
    assert not any(p == "leads" for _, p, _ in _facts(nlp, "John Smith challenged Neil Kinnock for the leadership."))


def test_a_countrys_voters_voting_are_the_country(nlp):
    assert ("france", "rejects", "european constitution") in _facts(nlp, "French voters rejected the European constitution in May.")
    said = [a for a in extract(nlp("British voters would reject the European constitution by two to one, a poll said."), "t").assertions
            if a.predicate == "rejects"]
    assert [(a.subject.key, a.modality) for a in said] == [("united kingdom", "hypothetical")]


@pytest.mark.parametrize("text", [
    "Some French voters rejected the European constitution in May.",  # some of them
    "European voters rejected the European constitution.",  # a continent
    "French voters criticised Jacques Chirac.",  # no vote
])
def test_voters_are_no_country_unless_all_of_one_country_vote(nlp, text):
    assert not any(s == "france" for s, _, _ in _facts(nlp, text))


def test_a_body_charged_with_a_task_is_not_charged_with_an_offence(nlp):
    text = ("Congress set up the National Commission on Dairy Policy last year. "
            "Congress charged the commission with examining the federal price support program.")
    assert not any(p == "charges" for _, p, _ in _facts(nlp, text))
    assert ("sec", "charges", "drexel burnham lambert") in _facts(nlp, "The SEC charged Drexel Burnham Lambert with fraud.")
