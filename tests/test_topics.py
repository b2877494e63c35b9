"""Policies an article is about as entities ("plans for ID cards"), stances held once declared,
and "Among those ... were X, Y and Z" (#11). Real model, written sentences."""

from __future__ import annotations

import pytest

from kg.extract import extract

pytestmark = pytest.mark.issue(11)

_CARDS = ("Clarke to press on with ID cards\n\n"
          "New Home Secretary Charles Clarke has vowed to plough on with plans for ID cards. ID cards are a means "
          "to a more secure society, he said. The Conservative Party announced it would back the government's plans. "
          "The first ID cards would be issued in 2008.")


def _all(nlp, text: str) -> set[tuple[str, str, str, str]]:
    return {(a.subject.key, a.predicate, a.object.key, a.modality) for a in extract(nlp(text), "t").assertions if not a.negated}


def test_a_policy_the_article_plans_and_names_is_an_entity(nlp):
    ex = extract(nlp(_CARDS), "t")
    topics = [m for m in ex.mentions if m.label == "TOPIC"]
    assert {m.key for m in topics} == {"id card"}
    assert len(topics) >= 4  # the headline, "plans for ID cards", "ID cards are", "The first ID cards", "the plans"
    facts = _all(nlp, _CARDS)
    assert ("charles clarke", "supports", "id card", "asserted") in facts  # "vowed to plough on with plans for ID cards"
    # "the government's plans" are the ID cards; a stance declared for the future is held
    assert ("conservative party", "supports", "id card", "reported") in facts


def test_a_policy_in_lower_case_is_the_articles_own(nlp):
    text = ("The council approved plans for a new road. The new road will cost 5 million pounds. "
            "Smith said the new road was needed. The Conservative Party opposed the plans.")
    ex = extract(nlp(text), "doc7")
    keys = {m.key for m in ex.mentions if m.label == "TOPIC"}
    assert keys == {"new road #doc7"}
    assert any(a.predicate == "opposes" and a.object.key == "new road #doc7" for a in ex.assertions)


@pytest.mark.parametrize("text", [
    # named only once more: a passing plan, not what the article is about
    "The council approved plans for a new road. The new road will cost 5 million pounds. Smith opposed the plans.",
    # a lone word is no policy
    "The firm announced plans for expansion. Expansion will cost money. Expansion is needed, Smith said.",
])
def test_no_policy_without_a_plan_for_it_named_again_and_again(nlp, text):
    assert not any(m.label == "TOPIC" for m in extract(nlp(text), "t").mentions)


def test_the_plans_are_no_policy_when_the_article_has_none(nlp):
    text = "The Conservative Party announced it would back the government's plans. The plans were welcomed by Labour."
    assert not any(m.label == "TOPIC" for m in extract(nlp(text), "t").mentions)


@pytest.mark.parametrize(("text", "modality"), [
    ("The Conservative Party will back the Prevention of Terrorism Bill.", "asserted"),
    ("The Conservative Party said it will back the Prevention of Terrorism Bill.", "reported"),
    ("The Conservative Party announced it would back the Prevention of Terrorism Bill.", "reported"),
    ("The Conservative Party decided to back the Prevention of Terrorism Bill.", "asserted"),
    # still only supposed
    ("The Conservative Party would back the Prevention of Terrorism Bill if it were amended.", "hypothetical"),
    ("The Conservative Party would back the Prevention of Terrorism Bill.", "hypothetical"),
    ("The Conservative Party may back the Prevention of Terrorism Bill.", "hypothetical"),
    ("The Conservative Party said it might decide to back the Prevention of Terrorism Bill.", "hypothetical"),
])
def test_a_stance_declared_for_the_future_is_held(nlp, text, modality):
    found = {m for s, p, o, m in _all(nlp, text) if (s, p, o) == ("conservative party", "supports", "prevention of terrorism bill")}
    assert found == {modality}


def test_a_meeting_in_the_future_is_still_to_come(nlp):
    """Only attitudes are held once declared: a meeting that will take place has not."""
    assert ("conservative party", "meets", "labour party", "hypothetical") in _all(nlp, "The Conservative Party will meet the Labour Party.")


def test_among_those_who_did_it_were_the_names(nlp):
    text = ("Among those reported to have serious reservations over the Prevention of Terrorism Bill were senior "
            "shadow cabinet members David Davis, Oliver Letwin and Tim Yeo.")
    facts = {(s, p, o) for s, p, o, _ in _all(nlp, text)}
    for who in ("david davis", "oliver letwin", "tim yeo"):
        assert (who, "concernedAbout", "prevention of terrorism bill") in facts
    assert ("david davis", "opposes", "prevention of terrorism bill") in {
        (s, p, o) for s, p, o, _ in _all(nlp, "Among those who opposed the Prevention of Terrorism Bill were David Davis and Tim Yeo.")}


def test_them_is_the_policy_named_in_the_plural_before_it(nlp):
    text = (_CARDS + " But Mr Clarke said he had supported the plans when Mr Blunkett argued for them in Cabinet. "
            "What will happen to young men when a bomb has gone off? If they have no ID cards they are going to be detained.")
    ex = extract(nlp(text), "t")
    assert ("blunkett", "supports", "id card") in {(a.subject.key, a.predicate, a.object.key) for a in ex.assertions}
    assert not any(m.text.lower() == "they" and m.label == "TOPIC" for m in ex.mentions)  # the men, not the cards


@pytest.mark.parametrize("text", [
    # an amount is no policy (whole Reuters: "mln dlrs"), nor a group ("developing countries")
    "The bank announced plans for 300 mln dlrs of loans. The 300 mln dlrs will come from Japan. Smith said the 300 mln dlrs was enough.",
    "The IMF set out plans for developing countries. Developing countries owe much. Developing countries need time, Smith said.",
])
def test_no_policy_of_amounts_or_groups(nlp, text):
    assert not any(m.label == "TOPIC" for m in extract(nlp(text), "t").mentions)
