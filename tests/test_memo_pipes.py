"""The attribute ruler and lemmatizer of kg's pipeline remember their answers (kg._memo_pipes): the Docs
are byte for byte those of spaCy's own components. See #14."""

from __future__ import annotations

import json
import pickle

import pytest

pytestmark = pytest.mark.issue(14)

#: Sentences for the ruler's patterns of two tokens ("ai n't", "gon na", "let 's") and its regular
#: expression ("nothin'"), and words the lemmatizer meets in many forms.
_TEXTS = [
    "It ain't over, and we're gonna win; let's go. Nothin' was said.",
    "The ministers were meeting; she has met them, and they'd meet again. Better prices, best ones.",
    "Shares of Acme Inc rose 5 pct to 12.50 dlrs after it said it wasn't selling its units.",
]


@pytest.fixture(scope="module")
def plain():
    """kg's pipeline as spaCy ships its components (tokenizer as kg's)."""
    import spacy

    from kg import nlp as nlp_stage

    nlp = spacy.load(nlp_stage.resolve_model_name(None), exclude=["senter"])
    nlp.tokenizer = nlp_stage.ParagraphTokenizer(nlp.tokenizer, nlp_stage._title_abbreviations(nlp))
    return nlp


def test_the_remembering_components_are_in_place(nlp):
    from kg._memo_pipes import RulerMatches, WordList

    assert isinstance(nlp.get_pipe("attribute_ruler").__dict__.get("match"), RulerMatches)
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert type(lemmatizer).__name__ == "RememberingEnglishLemmatizer"
    assert isinstance(lemmatizer.lookups.get_table("lemma_index").get("noun"), WordList)


def test_docs_are_those_of_spacys_components(nlp, plain, reuters_lines):
    texts = _TEXTS + [json.loads(line)["text"] for line in reuters_lines]
    for _ in range(2):  # the second time from what the first remembered
        for a, b in zip(plain.pipe(texts), nlp.pipe(texts)):
            assert a.to_bytes() == b.to_bytes()
    for text in _TEXTS:
        a, b = plain(text), nlp(text)
        assert [(t.lemma_, t.pos_, str(t.morph), t.tag_, t.dep_) for t in a] == [
            (t.lemma_, t.pos_, str(t.morph), t.tag_, t.dep_) for t in b]
    doc = nlp(_TEXTS[0])
    assert [t.lemma_ for t in doc][:4] == ["it", "be", "not", "over"]  # "ai" is "be": a pattern of two tokens


def test_a_word_list_is_a_list_that_answers_in_from_a_set(nlp):
    from kg._memo_pipes import WordList

    words = WordList(["b", "a", "c"])
    assert words == ["b", "a", "c"] and "a" in words and "d" not in words
    again = pickle.loads(pickle.dumps(words))
    assert again == words and "c" in again and "d" not in again
    lemmatizer = pickle.loads(pickle.dumps(nlp.get_pipe("lemmatizer")))
    assert "house" in lemmatizer.lookups.get_table("lemma_index").get("noun")
