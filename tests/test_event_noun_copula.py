"""An event noun a copula says another's act is takes that act's owner (kg.extract.nominal, rule event_noun).

Sentences composed for the test, each read by the real model. See #10.
"""

from __future__ import annotations

import pytest

from facts_of import fact_texts as _facts

pytestmark = pytest.mark.issue(10)


def test_copula_owner_of_an_event_noun(nlp):
    facts = _facts(nlp, "Turkcell's mobile deal is the second Turkish investment in Iran to run into trouble.")
    assert {("Turkcell", "investsIn", "Iran"), ("Turkish", "investsIn", "Iran")} <= facts


def test_no_owner_without_a_possessor(nlp):
    assert not any(p == "acquires" for _, p, _ in _facts(nlp, "The plan is a takeover of Acme."))


def test_lower_case_bloc_and_its_members(nlp):
    """"finance ministers of the EC countries" stand for the EC (kg.extract.rules._group_of)."""
    assert ("EC", "meetsIn", "Brussels") in _facts(nlp, "Finance ministers of the EC countries met in Brussels.")
