"""What a clause only asks for or applies for is not a fact: the mandative subjunctive ("the panel
recommended that the FDA approve Rogaine", rule mandative_subjunctive) and an application ("China's
application to join GATT"). Sentences written for the tests."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.records import HYPOTHETICAL

pytestmark = pytest.mark.issue(10)


def _by_object(nlp, text: str, obj: str):
    return [a for a in extract(nlp(text), "t").assertions if a.object.text == obj]


@pytest.mark.parametrize(("text", "obj"), [
    ("The panel recommended that the FDA approve Rogaine for marketing in the United States.", "Rogaine"),
    ("The committee urged that Acme Corp acquire Gelco Corp.", "Gelco Corp."),
    ("China's application to join the General Agreement on Tariffs and Trade is seen as a test case.", "General Agreement on Tariffs and Trade"),
    # a clause with "for" and "to" (rule for_to)
    ("The deal cleared the way for Chrysler to buy American Motors.", "American Motors"),
    ("The agreement paves the way for Japan to import more rice from the United States.", "United States"),
])
def test_asked_for_is_hypothetical(nlp, text, obj):
    found = _by_object(nlp, text, obj)
    assert found and all(a.modality == HYPOTHETICAL and not a.is_fact for a in found)


@pytest.mark.parametrize(("text", "obj"), [
    ("The panel said that the FDA approved Rogaine last year.", "Rogaine"),
    ("The committee insisted that Acme bought Gelco Corp last year.", "Gelco Corp"),
])
def test_a_finite_that_clause_stays_a_fact(nlp, text, obj):
    found = _by_object(nlp, text, obj)
    assert found and all(a.modality != HYPOTHETICAL for a in found)
