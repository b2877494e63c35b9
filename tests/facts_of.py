"""What extraction gives for one written text, as the tests of its rules compare it: the plain
facts (no hypothetical, no negated) by entity key or by the text of their mentions."""

from __future__ import annotations

from kg.extract import extract


def fact_keys(nlp, text: str) -> set[tuple[str, str, str]]:
    """(subject key, property, object key) of each plain fact of ``text``."""
    return {(a.subject.key, a.predicate, a.object.key) for a in extract(nlp(text), "t").assertions if a.is_fact}


def fact_texts(nlp, text: str) -> set[tuple[str, str, str]]:
    """(subject text, property, object text) of each plain fact of ``text``."""
    return {(a.subject.text, a.predicate, a.object.text) for a in extract(nlp(text), "t").assertions if a.is_fact}
