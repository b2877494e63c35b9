"""CaRB: kg's open-mode extractor on the CaRB Open IE benchmark, dev and test in one run.

Parses the pre-tokenised CaRB sentences with kg's spaCy pipeline (one token per
space-separated word, so argument spans are the benchmark's own tokens), runs
:func:`kg.extract.openie.extract_open`, writes CaRB's tabbed format and scores it with
``../shared/tools/carb_score.py`` (n-ary matching, the setting papers report as "CaRB").

Usage::

    python benchmarks/carb.py [--carb DIR] [--scorer PATH] [--out DIR] [--split dev test] [--limit N]

Prints P, R, F1 (at the best-F1 confidence threshold) and AUC for each split. Peers on test:
textacy SVO F1 0.189; ClausIE 0.450, OpenIE-4 0.488, OpenIE-5 0.467 (see the CaRB README).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CARB = SHARED / "benchmarks" / "carb"
SCORER = SHARED / "tools" / "carb_score.py"

#: Tokens of CaRB's Penn-Treebank-style text, as the parser reads them best.
_FOR_PARSER = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}


def extract_split(nlp, sentences: list[str]) -> list[str]:
    """Tabbed CaRB lines (sentence, confidence, relation, args...) for each sentence."""
    from spacy.tokens import Doc

    from kg.extract.openie import extract_open

    docs = []
    for line in sentences:
        words = line.split()
        docs.append(Doc(nlp.vocab, words=[_FOR_PARSER.get(w, w) for w in words]))
    lines = []
    for line, doc in zip(sentences, nlp.pipe(docs, batch_size=256)):
        words = line.split()
        for t in extract_open(doc):
            # back to the benchmark's own tokens: the parser saw '"' where the text has ``
            fields = [_restore(t.relation, doc, words)] + [_restore(a, doc, words) for a in t.args]
            lines.append("\t".join([line, f"{t.confidence:.3f}", *fields]))
    return lines


def _restore(text: str, doc, words: list[str]) -> str:
    if '"' not in text and "(" not in text and ")" not in text:
        return text
    # the span is a run of doc tokens: find it and emit the original words
    toks = text.split(" ")
    n = len(toks)
    parsed = [t.text for t in doc]
    for i in range(len(parsed) - n + 1):
        if parsed[i : i + n] == toks:
            return " ".join(words[i : i + n])
    return text


def score(gold: Path, system: Path, scorer: Path) -> dict:
    """Run the CaRB scorer and return its JSON report."""
    out = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--system", str(system), "--json"],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--carb", type=Path, default=CARB, help="CaRB data folder (sentences/, gold/)")
    ap.add_argument("--scorer", type=Path, default=SCORER, help="carb_score.py")
    ap.add_argument("--out", type=Path, default=Path("/tmp/kg-carb"), help="where the tabbed outputs go")
    ap.add_argument("--split", nargs="+", default=["dev", "test"], choices=["dev", "test"])
    ap.add_argument("--limit", type=int, default=None, help="only the first N sentences (smoke test)")
    args = ap.parse_args(argv)

    from kg.nlp import load_model

    nlp = load_model()
    args.out.mkdir(parents=True, exist_ok=True)
    results = {}
    for split in args.split:
        started = time.perf_counter()
        sentences = (args.carb / "sentences" / f"{split}.txt").read_text(encoding="utf-8").splitlines()
        sentences = [s for s in sentences if s.strip()][: args.limit]
        lines = extract_split(nlp, sentences)
        system = args.out / f"kg_{split}.tsv"
        system.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = score(args.carb / "gold" / f"{split}.tsv", system, args.scorer)
        results[split] = report
        seconds = time.perf_counter() - started
        best = report.get("best", report)
        print(f"{split}: P {best['precision']:.3f}  R {best['recall']:.3f}  F1 {best['f1']:.3f}  AUC {report['auc']:.3f}  "
              f"({len(lines)} tuples, {len(sentences)} sentences, {seconds:.1f} s) -> {system}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
