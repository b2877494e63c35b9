"""A one-worker build parses in one forked process ahead of extraction (kg.nlp.parse_ahead): the Docs
it yields are the Docs ``parse`` yields, token for token, and extraction from them is the same. See #10."""

from __future__ import annotations

import json
import multiprocessing
import pickle

import pytest

from kg.extract import extract
from kg.nlp import _array_attrs, parse, parse_ahead

pytestmark = pytest.mark.issue(10)


def _children() -> list[str]:
    return [p.name for p in multiprocessing.active_children() if p.name.startswith("ForkPoolWorker")]


def test_parse_ahead_gives_the_docs_and_facts_of_parse(nlp, reuters_lines):
    texts = [json.loads(line)["text"] for line in reuters_lines[:9]]
    items = [(text, i) for i, text in enumerate(texts)]
    here = list(parse(nlp, items, batch_size=4))
    seen_children = []
    ahead = []
    called = []
    for doc, i in parse_ahead(nlp, iter(items), batch_size=4, meanwhile=lambda: called.append(bool(_children()))):
        seen_children.append(bool(_children()))
        ahead.append((doc, i))
    assert all(seen_children)  # parsed in a child process while this one took the Docs
    assert called == [True]  # once, while the child parsed
    assert not _children()  # and the child is gone when the stream ends
    assert [i for _, i in ahead] == list(range(9))
    attrs = list(_array_attrs()[0])
    for (a, _), (b, _) in zip(here, ahead):
        assert a.text == b.text and (a.to_array(attrs) == b.to_array(attrs)).all()
        assert [s.start for s in a.sents] == [s.start for s in b.sents]
        assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]
        assert [(t.lemma_, t.tag_, t.dep_, str(t.morph)) for t in a] == [(t.lemma_, t.tag_, t.dep_, str(t.morph)) for t in b]
    assert [pickle.dumps(extract(d, f"d{i}")) for d, i in here] == [pickle.dumps(extract(d, f"d{i}")) for d, i in ahead]


def test_parse_ahead_parses_one_batch_here(nlp):
    items = [("Sergey Lavrov met Talatbek Masadikov in Moscow.", "a"), ("Vladimir Putin spoke.", "b")]
    out = []
    for doc, context in parse_ahead(nlp, items, batch_size=2, meanwhile=lambda: out.append("called")):
        assert not _children()
        out.append((doc.text, context))
    assert out == [(text, context) for text, context in items]


def test_parse_ahead_stopped_early_ends_its_child(nlp):
    items = [(f"Sergey Lavrov met Talatbek Masadikov in Moscow on day {i}.", i) for i in range(6)]
    stream = parse_ahead(nlp, items, batch_size=2)
    assert next(stream)[1] == 0 and _children()
    stream.close()
    assert not _children()


def test_date_parser_warmed_up_leaves_no_trace():
    """kg.timex.warm loads dateparser for a build that waits meanwhile; the parser it makes is not
    one that a later normalisation reuses."""
    from datetime import date

    from kg import timex

    before = timex._parser.cache_info().currsize
    timex.warm()
    assert timex._parser.cache_info().currsize == before
    assert timex.normalise("last March", date(1987, 3, 4)).value == "1987-03"
