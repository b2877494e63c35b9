"""Statements read whole: a quotation that ends a sentence ends it, and a name the article used
is a name wherever it recurs (#11: who said what about whom). Real model, written sentences."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.mentions import find_mentions

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
