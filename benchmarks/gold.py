"""Gold facts: build a corpus with kg and score it against a gold file of the facts a reader writes down.

Builds the corpus (default: the BBC development set, ``../shared/corpus/bbc-dev``) with
:func:`kg.build` into a temporary folder, runs ``../shared/tools/gold_score.py`` on it and prints
the scorer's figures, then a table of the missed *core* facts grouped by the construction that
states them. The construction is read off the evidence sentence by the dependency path between
the words naming subject and object (title, apposition, possessive, preposition, clause,
passive, coordination, relative clause), so the table says which rules to work on; it is a
diagnostic and plays no part in extraction.

Usage::

    python benchmarks/gold.py [--corpus DIR] [--gold FILE] [--out DIR] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "bbc-dev"
SCORER = SHARED / "tools" / "gold_score.py"

#: Dependency labels on the path between subject and object words -> the construction's name.
_CONSTRUCTION = (
    ({"appos"}, "apposition"),
    ({"poss"}, "possessive"),
    ({"agent"}, "passive"),
    ({"relcl"}, "relative clause"),
    ({"conj"}, "coordination"),
    ({"nsubj", "nsubjpass", "dobj", "dative", "ccomp", "xcomp", "attr", "csubj"}, "clause"),
    ({"prep", "pobj"}, "preposition"),
    ({"compound", "amod", "nmod"}, "title / modifier"),
)


#: Article files of a corpus folder.
_ARTICLES = frozenset({".txt", ".md", ".html", ".htm", ".jsonl", ".csv"})


def _find(doc, names: list[str]):
    """The tokens of the first occurrence of any of ``names`` in ``doc``."""
    low = doc.text.lower()
    for name in sorted(names, key=len, reverse=True):
        i = low.find(name.lower())
        if i >= 0:
            span = doc.char_span(i, i + len(name), alignment_mode="expand")
            if span is not None:
                return span
    return None


def construction(nlp, evidence: str, s_names: list[str], o_names: list[str]) -> str:
    """The construction linking the two names in the evidence sentence."""
    doc = nlp(evidence)
    a, b = _find(doc, s_names), _find(doc, o_names)
    if a is None or b is None:
        return "names not in evidence"
    ra, rb = a.root, b.root
    up_a = [ra] + list(ra.ancestors)
    up_b = [rb] + list(rb.ancestors)
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return "across sentences"
    deps = {t.dep_ for t in up_a[: up_a.index(common)]} | {t.dep_ for t in up_b[: up_b.index(common)]}
    for labels, name in _CONSTRUCTION:
        if deps & labels:
            return name
    return "same phrase" if not deps else "other (" + ",".join(sorted(deps)) + ")"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder (or file) of articles to build")
    ap.add_argument("--gold", type=Path, default=None, help="gold file [CORPUS/gold.json]")
    ap.add_argument("--scorer", type=Path, default=SCORER, help="gold_score.py")
    ap.add_argument("--out", type=Path, default=None, help="build folder [a temporary folder]")
    ap.add_argument("--show", type=int, default=3, help="examples printed per construction")
    args = ap.parse_args(argv)
    gold_path = args.gold or (args.corpus / "gold.json")

    import kg
    from kg.nlp import load_model

    out = args.out or Path(tempfile.mkdtemp(prefix="kg-gold-"))
    started = time.perf_counter()
    inputs = [args.corpus]
    if args.corpus.is_dir():  # the articles, not the folder's README or gold file
        inputs = sorted(p for p in args.corpus.iterdir() if p.suffix in _ARTICLES and p.name.lower() != "readme.md")
    result = kg.build(inputs, out=out, quiet=True)
    print(f"kg: {result.summary()} -> {out}")
    res = subprocess.run([sys.executable, str(args.scorer), str(out), "--gold", str(gold_path)],
                         capture_output=True, text=True, check=True)
    report = json.loads(res.stdout[: res.stdout.rstrip().rindex("\n")])
    headline = res.stdout.rstrip().splitlines()[-1]

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    names = {k: v["names"] for k, v in gold["entities"].items()}
    nlp = load_model()
    groups: dict[str, list[dict]] = defaultdict(list)
    missed = set(report["missed_core"])
    for t in gold["triples"]:
        if t["id"] in missed:
            s_names = [n for k in t["s"] for n in names.get(k, [])]
            o_names = [n for k in t["o"] for n in names.get(k, [])]
            groups[construction(nlp, t["evidence"], s_names, o_names)].append(t)
    core = sum(1 for t in gold["triples"] if t["tier"] == "core")
    print(f"\nmissed core facts by construction ({len(missed)} of {core}):")
    print(f"{'construction':<24} {'missed':>6}  examples")
    for name, facts in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        first = True
        for t in facts[: max(args.show, 1)]:
            ev = re.sub(r"\s+", " ", t["evidence"])[:90]
            label = f"{name:<24} {len(facts):>6}" if first else " " * 31
            print(f"{label}  {t['id']} {'/'.join(t['s'])} -{t['p'][0]}- {'/'.join(t['o'])}: {ev}")
            first = False
    print(f"\nfalse assertions: {report['false_assertions'] or 'none'}; over-merged: {report['over_merged'] or 'none'}; "
          f"boilerplate entities: {report['boilerplate_entities'] or 'none'} ({time.perf_counter() - started:.1f} s)")
    print(headline)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
