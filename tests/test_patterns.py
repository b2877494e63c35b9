"""Construction patterns as data (kg.extract.patterns): every pattern's own examples on the real
model, the loader's errors, and sentences written for these tests or taken from Reuters-21578.
See #10.
"""

from __future__ import annotations

import json

import pytest

from kg.errors import OntologyError
from kg.extract import extract
from kg.extract.coref import resolve_pronouns
from kg.extract.mentions import find_mentions
from kg.extract.patterns import load_patterns, rule_patterns, us_state_name
from kg.extract.rules import Context
from kg.ontology import load_lexicon

pytestmark = pytest.mark.issue(10)

PATTERNS = load_patterns()


def _pattern_facts(nlp, text: str) -> dict[tuple[str, str, str], set[str]]:
    """What the pattern rule alone finds: (subject, property, object) -> rule names."""
    doc = nlp(text)
    mentions = find_mentions(doc, "t")
    resolve_pronouns(doc, mentions)  # as the driver does before its rules
    ctx = Context(doc, mentions, load_lexicon())
    out: dict[tuple[str, str, str], set[str]] = {}
    for c in rule_patterns(ctx):
        out.setdefault((c.subject.text, c.key, c.object.text), set()).add(c.rule)
    return out


def _facts(nlp, text: str) -> dict[tuple[str, str, str], object]:
    return {(a.subject.text, a.predicate, a.object.text): a for a in extract(nlp(text), "t").assertions}


@pytest.mark.parametrize(
    ("pattern", "text", "expect"),
    [pytest.param(p, text, triple, id=f"{p.name}-{i}") for p in PATTERNS for i, (text, triple) in enumerate(p.examples)],
)
def test_patterns_examples(nlp, pattern, text, expect):
    """Each example of each pattern gives its expected triple, made by that pattern, as a plain fact."""
    found = _pattern_facts(nlp, text)
    assert pattern.rule in found.get(tuple(expect), set()), f"{pattern.rule} did not give {expect}: {found}"
    fact = _facts(nlp, text)[tuple(expect)]
    assert fact.is_fact, f"{expect} is not a plain fact: negated={fact.negated} modality={fact.modality}"


def test_patterns_names_are_unique_and_rules_are_recorded():
    names = [p.name for p in PATTERNS]
    assert len(names) == len(set(names))
    assert all(p.rule == f"pattern:{p.name}" for p in PATTERNS)


def test_patterns_load_once_per_process():
    assert load_patterns() is PATTERNS


def _write(tmp_path, record: dict | str) -> str:
    folder = tmp_path / "patterns"
    folder.mkdir()
    line = record if isinstance(record, str) else json.dumps(record)
    (folder / "bad.jsonl").write_text(line + "\n", encoding="utf-8")
    return str(folder)


_GOOD = {
    "name": "x", "relation": "kills", "subject": {"node": "s", "kinds": ["PERSON"]}, "object": {"node": "o", "kinds": ["PERSON"]},
    "pattern": [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": "kill"}},
                {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": "nsubj"}},
                {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "dobj"}}],
    "examples": [{"text": "A killed B.", "expect": ["A", "kills", "B"]}],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"relation": "slays"}, "'slays' is not a property of kg.ttl"),
        ({"subject": {"node": "nobody", "kinds": ["PERSON"]}}, "pattern lacks the nodes ['nobody']"),
        ({"object": {"node": "o", "kinds": ["PEOPLE"]}}, "object: kinds must be a non-empty subset"),
        ({"examples": []}, "needs at least one example"),
        ({"relation": {"lexicon": "adverb", "node": "v"}}, "lexicon must be one of"),
        ({"colour": "red"}, "unknown fields ['colour']"),
    ],
)
def test_patterns_bad_record_names_file_line_and_reason(tmp_path, change, message):
    with pytest.raises(OntologyError) as err:
        load_patterns(_write(tmp_path, {**_GOOD, **change}))
    assert "bad.jsonl:1: not a valid pattern" in str(err.value) and message in str(err.value)


def test_patterns_bad_json_and_empty_folder(tmp_path):
    with pytest.raises(OntologyError, match=r"bad.jsonl:1: not a valid pattern"):
        load_patterns(_write(tmp_path, "{not json"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(OntologyError, match="no pattern files"):
        load_patterns(str(tmp_path / "empty"))


def test_patterns_us_state_names():
    assert us_state_name("Ore.") == "Oregon" and us_state_name("N.Y.") == "New York" and us_state_name("Ky.") == "Kentucky" and us_state_name("Ky") is None
    assert us_state_name("Georgia") == "Georgia" and us_state_name("Moscow") is None and us_state_name("OR") is None


def _spacy_matches(nlp, doc) -> set[tuple[str, tuple[int, ...]]]:
    from spacy.matcher import DependencyMatcher

    matcher = DependencyMatcher(nlp.vocab)
    names = {}
    for p in PATTERNS:
        for k, alt in enumerate(p.alternatives):
            names[nlp.vocab.strings.add(f"{p.name}#{k}")] = f"{p.name}#{k}"
            matcher.add(f"{p.name}#{k}", [list(alt)])
    return {(names[key], tuple(ids)) for key, ids in matcher(doc)}


def _our_matches(doc) -> set[tuple[str, tuple[int, ...]]]:
    from kg.extract.treematch import DocIndex

    index = DocIndex(doc)
    return {(f"{p.name}#{k}", tuple(t.i for t in tokens)) for p in PATTERNS for k, tree in enumerate(p.compiled) for tokens in tree.matches(index)}


def test_patterns_treematch_finds_what_spacy_dependencymatcher_finds(nlp, reuters_lines):
    """kg.extract.treematch is a faster DependencyMatcher: the same matches on real news and on every example."""
    texts = [json.loads(line)["text"] for line in reuters_lines[:40]] + [text for p in PATTERNS for text, _ in p.examples]
    total = 0
    for doc in nlp.pipe(texts):
        ours = _our_matches(doc)
        assert ours == _spacy_matches(nlp, doc), doc.text[:80]
        total += len(ours)
    assert total > 100
