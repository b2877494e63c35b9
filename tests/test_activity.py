"""Where a company does business, told by what it does there (rule activity_in_place, kg.extract.activity).

Sentences composed for the test, each read by the real model. See #10.
"""

from __future__ import annotations

import pytest

from kg.extract import extract

pytestmark = pytest.mark.issue(10)


def _operates(nlp, text: str):
    return {(a.subject.text, a.object.text): a for a in extract(nlp(text), "t").assertions if a.predicate == "operatesIn"}


ACTIVITY = [
    # the owner is the clause subject's possessor; every place of the list counts
    ("However, Nestle's profits margins were helped by a strong performance in the Americas and China.",
     {("Nestle", "Americas"), ("Nestle", "China")}),
    ("Ford's business in India is small.", {("Ford", "India")}),
    ("Progressive Savings has ten branches in Southern California.", {("Progressive Savings", "Southern California")}),
]


@pytest.mark.parametrize("text,expected", ACTIVITY, ids=[t[:40] for t, _ in ACTIVITY])
def test_activity_in_place(nlp, text, expected):
    found = _operates(nlp, text)
    for pair in expected:
        assert pair in found, found
        assert found[pair].rule.startswith("activity_in_place") and found[pair].is_fact


def test_planned_activity_is_hypothetical(nlp):
    found = _operates(nlp, "Exxon plans to expand exploration in Alaska.")
    assert found[("Exxon", "Alaska")].modality == "hypothetical"


@pytest.mark.parametrize("text", [
    "Sales in Europe rose 5 pct.",  # no owner
    "Texaco sold its business in India last year.",  # over
    "Mr Smith's business in India failed.",  # a person, not a company
])
def test_no_activity(nlp, text):
    assert not any(a.rule.startswith("activity_in_place") for a in extract(nlp(text), "t").assertions)
