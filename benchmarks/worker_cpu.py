"""Where a parse worker's CPU goes: spaCy's components, kg's extraction steps, the records sent back.

``kg build --workers K`` runs, in each worker, spaCy's pipeline over tasks of 16 articles and kg's
extraction over each Doc, and pickles the records back (:func:`kg.batch.extract_batch`). On the
first N Reuters-21578 articles, in one process, this prints the CPU seconds (``time.process_time``,
which other work on a shared machine disturbs far less than wall seconds) of:

- each component of the pipeline as spaCy ships it (what raw ``nlp.pipe`` runs) and as kg loads it
  (its tokenizer, and the attribute ruler and lemmatizer that remember their answers,
  :mod:`kg._memo_pipes`), each over the same texts in tasks of 16, after a warm-up;
- extraction (:func:`kg.extract.extract`) in all, and its costliest steps and rules;
- ingest, and pickling the records as the worker sends them.

Run::

    python benchmarks/worker_cpu.py --limit 400
"""

from __future__ import annotations

import argparse
import pickle
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "reuters21578" / "reuters21578.jsonl"
TASK = 16  # documents per worker task (kg.pipeline._TASK_DOCS)

_cpu = time.process_time


def _components(nlp, texts: list[str]) -> tuple[dict[str, float], list]:
    """CPU seconds of the tokenizer and of each pipe over ``texts`` in tasks of TASK; the Docs."""
    seconds: dict[str, float] = {}
    started = _cpu()
    docs = [nlp.make_doc(text) for text in texts]
    seconds["tokenizer"] = _cpu() - started
    for name, proc in nlp.pipeline:
        started, out = _cpu(), []
        for i in range(0, len(docs), TASK):
            out.extend(proc.pipe(docs[i : i + TASK]))
        docs, seconds[name] = out, _cpu() - started
    return seconds, docs


def _steps(documents, docs, lexicon) -> tuple[float, dict[str, float]]:
    """Extraction's CPU seconds in all and per step (the steps of kg.extract._extract, timed in place)."""
    import kg.extract as kx

    spent: dict[str, float] = defaultdict(float)

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            started = _cpu()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += _cpu() - started
        return wrapper

    saved = {}
    for name in ("find_mentions", "name_seats", "chamber_members", "QuoteIndex", "resolve_plans", "named_after",
                 "resolve_pronouns", "Roles", "resolve_descriptions", "EventFinder", "_to_assertion", "link_statements"):
        saved[name] = getattr(kx, name)
        setattr(kx, name, timed(name, saved[name]))
    run = saved["_run"] = kx._run
    kx._run = lambda rule, ctx, doc_id: timed(f"rule {getattr(rule, '__name__', 'stance_speech')}", run)(rule, ctx, doc_id)
    try:
        started = _cpu()
        for document, doc in zip(documents, docs):
            kx.extract(doc, document.id, lexicon)
        return _cpu() - started, dict(spent)
    finally:
        for name, fn in saved.items():
            setattr(kx, name, fn)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=400, help="first N articles [400]")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="a .jsonl with a text field [Reuters-21578]")
    ap.add_argument("--top", type=int, default=12, help="extraction steps to print [12]")
    args = ap.parse_args()
    import itertools
    import tempfile

    import spacy

    from kg import nlp as nlp_stage
    from kg.extract import extract
    from kg.ingest import iter_documents
    from kg.ontology import load_lexicon

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as subset:
        with args.corpus.open(encoding="utf-8") as fh:
            subset.writelines(itertools.islice(fh, args.limit))
        subset.flush()
        started = _cpu()
        documents = [d for d in iter_documents([subset.name]) if hasattr(d, "text")]
        ingest = _cpu() - started
    texts = [d.text for d in documents]
    lexicon = load_lexicon()
    shipped = spacy.load(nlp_stage.resolve_model_name(None))
    kg_nlp = nlp_stage.load_model(None)
    for nlp in (shipped, kg_nlp):
        for _ in nlp.pipe(texts[:8]):  # warm-up
            pass
    raw, _ = _components(shipped, texts)
    ours, docs = _components(kg_nlp, texts)
    tokens = sum(len(doc) for doc in docs)
    for doc, document in zip(docs[:8], documents):  # warm-up: the lexicon's tables, the place index
        extract(doc, document.id, lexicon)
    total, steps = _steps(documents, docs, lexicon)
    pairs = [(replace(d, text=""), extract(doc, d.id, lexicon)) for d, doc in zip(documents, docs)]
    started = _cpu()
    sent = pickle.dumps(pairs, protocol=pickle.HIGHEST_PROTOCOL)
    packing = _cpu() - started

    print(f"worker CPU seconds: {len(documents)} articles, {tokens:,} tokens, tasks of {TASK}")
    print(f"{'':26}{'spaCy as shipped':>18}{'kg':>10}")
    for name in raw:
        print(f"  {name:24}{raw[name]:18.2f}{ours.get(name, 0.0):10.2f}")
    print(f"  {'parse':24}{sum(raw.values()):18.2f}{sum(ours.values()):10.2f}")
    print(f"  extraction{total:42.2f}   ({1000 * total / len(documents):.1f} ms an article)")
    for name, seconds in sorted(steps.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"    {name:48}{seconds:6.3f}")
    print(f"  ingest{ingest:46.2f}")
    print(f"  records pickled{packing:37.2f}   ({len(sent) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
