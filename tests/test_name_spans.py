"""Names the NER cuts that are one name: a firm named after two people ("Kleinwort and Benson
Ltd", rule joined_firm_name) and a name an editor's bracket cuts ("(Soviet leader Mikhail)
Gorbachev", rule bracketed_name). Sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract.mentions import find_mentions

from facts_of import fact_texts as _facts

pytestmark = pytest.mark.issue(10)


def _names(nlp, text: str) -> set[tuple[str, str]]:
    return {(m.text, m.label) for m in find_mentions(nlp(text), "d").mentions}


@pytest.mark.parametrize(("text", "firm"), [
    ('"Last year was good," said Kleinwort and Benson Ltd\'s securities analyst, Peter Dale.', "Kleinwort and Benson Ltd"),
    ("He was referring to the Morris family's Dalton and Gray Holdings Ltd, which owns 60 pct of Acme Oil.", "Dalton and Gray Holdings Ltd"),
])
def test_name_spans_a_firm_named_after_two_people_is_one_name(nlp, text, firm):
    assert (firm, "ORG") in _names(nlp, text)


@pytest.mark.parametrize(("text", "firm"), [
    ("But Bill Martin, economist at brokers Phillips and Drew, said an adjustment now looks within range.", "Phillips and Drew"),
    ("Jane Price, an analyst for Tuttle and Reese, said sales fell.", "Tuttle and Reese"),
])
def test_name_spans_the_firm_someone_works_at_is_one_name(nlp, text, firm):
    """Rule joined_firm_name: "<role> at/for/with A and B" (no legal form) is the one firm a person works at."""
    facts = _facts(nlp, text)
    assert any(p == "worksFor" and o == firm for _, p, o in facts), facts


@pytest.mark.parametrize(("text", "firm"), [
    ('"Rates will rise," said Tom Hale, economist at Brandt G. Morrow and Co Inc.', "Brandt G. Morrow and Co Inc."),
    ('"The Fed is firm," said Ann Lee of R.J. Dunmore and Co Inc.', "R.J. Dunmore and Co Inc."),
])
def test_name_spans_and_co_stays_with_the_firms_name(nlp, text, firm):
    """Rule joined_firm_name: "A and Co Inc" is one firm, never a firm "Co Inc"."""
    facts = _facts(nlp, text)
    assert any(p == "worksFor" and o == firm for _, p, o in facts), facts
    assert not any(o.startswith("Co ") for _, _, o in facts)


def test_name_spans_a_firm_keeps_its_facts_whole(nlp):
    facts = _facts(nlp, "He was referring to the Morris family's Dalton and Gray Holdings Ltd, which owns 60 pct of Acme Oil.")
    assert ("Dalton and Gray Holdings Ltd", "owns", "Acme Oil") in facts
    assert not any(s == "Dalton" for s, _, _ in facts)


@pytest.mark.parametrize("text", [
    "Acme Inc and Japan's Tosa Corp formed a venture.",  # a legal form on each side
    "Chrysler and Motors Corp signed a deal. Chrysler said sales rose.",  # "Chrysler" is a name alone too
    "Japan and Tosa Corp signed a deal.",  # a country is no founder
    "A spokesman for Clinton and Gore said the plan was good. Clinton spoke later.",
    "The envoy for Britain and France arrived on Monday.",
])
def test_name_spans_two_firms_joined_by_and_stay_two(nlp, text):
    assert not any(" and " in name for name, _ in _names(nlp, text))


@pytest.mark.parametrize(("text", "person"), [
    ('"I back the reforms which (Soviet leader Mikhail) Gorbachev is carrying out," he said.', "Mikhail Gorbachev"),
    ('"It was more than (Prime Minister Yasuhiro) Nakasone wanted," he said.', "Yasuhiro Nakasone"),
    ('"The act gives (Trade Secretary Paul) Channon power to stop firms," one official said.', "Paul Channon"),
])
def test_name_spans_a_name_cut_by_an_editors_bracket_is_one_person(nlp, text, person):
    held = {s for s, p, _ in _facts(nlp, text) if p == "holdsPosition"}
    assert held == {person}


def test_name_spans_a_bracket_closed_before_the_name_changes_nothing(nlp):
    names = _names(nlp, "The firm (a unit of Acme) hired John Smith on Monday.")
    assert ("John Smith", "PERSON") in names


def test_name_spans_a_stock_symbol_in_angle_brackets_is_no_entity(nlp):
    names = _names(nlp, "Marc Mathieu said the firm was set up by the U.S.'s ATT <T.N.> and the NV Philips Gloeilampenfabrieken <PGLO.AS>.")
    assert ("ATT", "ORG") in names
    assert not any(n in {"T.N.", "T.N", "PGLO.AS"} for n, _ in names)
    # a name in angle brackets is a name
    assert ("Tosa Trading France", "ORG") in _names(nlp, "Acme Inc <ACM> and <Tosa Trading France> said sales rose.")


@pytest.mark.parametrize(("text", "body"), [
    ('"This is the best idea," said Rep. Dan Glickman, Chairman of the House Agriculture Subcommittee on Wheat, Feedgrains and Soybeans.',
     "House Agriculture Subcommittee on Wheat, Feedgrains and Soybeans"),
    ("Senator Jake Garn, chairman of the Senate Committee on Banking, Housing and Urban Affairs, said the bill would pass.",
     "Senate Committee on Banking, Housing and Urban Affairs"),
])
def test_name_spans_a_bodys_list_of_subjects_is_part_of_its_name(nlp, text, body):
    """Rule listed_name: the NER cuts the name at the list's first comma."""
    assert any(p == "leads" and o == body for _, p, o in _facts(nlp, text))


def test_name_spans_a_list_of_banks_is_no_one_name(nlp):
    assert not any("," in n for n, _ in _names(nlp, "The Bank of England, Barclays and HSBC cut rates on Monday."))
