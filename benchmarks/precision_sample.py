"""Draw facts at random from a build of real news, for reading against their sentences.

Precision cannot be scored automatically against a gold file (nobody wrote down every fact a
text does *not* state), so it is read by hand: this script builds a fixed sample of Reuters
articles with kg, draws N plain facts (not negated, not hypothetical; ``states`` rows aside)
with a fixed seed, and prints each with its sentence as a Markdown table with an empty verdict
column (correct / wrong entity / wrong relation / not asserted / meaningless).

The articles are drawn from a range of Reuters-21578 (default records 15,001-17,000, which the
rules were not written from) among those of at least ``--min-chars`` characters, so that short
earnings tables do not fill the sample. ``--exclude`` leaves out the articles earlier samples
drew (any file naming their ids, such as this script's own output), so that a new sample is
read on articles nobody has read before.

Usage::

    python benchmarks/precision_sample.py [--corpus FILE] [--start 15000] [--stop 17000] [--articles 50] [--facts 100] [--seed 10]
                                          [--exclude FILE ...]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REUTERS = ROOT.parent / "shared" / "corpus" / "reuters21578" / "reuters21578.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=REUTERS)
    ap.add_argument("--start", type=int, default=15000, help="first record (0-based) of the range")
    ap.add_argument("--stop", type=int, default=17000, help="end of the range (exclusive)")
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--facts", type=int, default=100)
    ap.add_argument("--min-chars", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--out", type=Path, default=None, help="build folder [a temporary folder]")
    ap.add_argument("--exclude", type=Path, nargs="*", default=[], help="files naming article ids not to draw (earlier samples)")
    args = ap.parse_args(argv)

    import kg

    with args.corpus.open(encoding="utf-8") as fh:
        records = [json.loads(line) for n, line in enumerate(fh) if args.start <= n < args.stop]
    excluded = {word for path in args.exclude for word in re.split(r"[\s,|]+", path.read_text(encoding="utf-8"))}
    pool = [r for r in records if len(r.get("text") or "") >= args.min_chars and r["id"] not in excluded]
    rng = random.Random(args.seed)
    chosen = sorted(rng.sample(pool, min(args.articles, len(pool))), key=lambda r: r["id"])
    work = args.out or Path(tempfile.mkdtemp(prefix="kg-precision-"))
    work.mkdir(parents=True, exist_ok=True)
    source = work / "articles.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chosen), encoding="utf-8")
    result = kg.build([source], out=work / "out", quiet=True)
    with (work / "out" / "triples.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["negated"] == "false" and r["modality"] != "hypothetical" and r["predicate"] != "states"]
    sample = rng.sample(rows, min(args.facts, len(rows)))
    print(f"kg: {result.summary()}; {len(rows)} plain facts (states aside); {len(sample)} drawn, seed {args.seed}")
    print(f"articles: {', '.join(r['id'] for r in chosen)}\n")
    print("| # | subject | relation | object | sentence | verdict |")
    print("|---:|---|---|---|---|---|")
    for n, r in enumerate(sample, 1):
        sentence = " ".join(r["sentence"].split()).replace("|", "/")
        relation = r["predicate"] + (f" ({r['time']})" if r.get("time") else "")  # "worksFor (former)": a past role
        print(f"| {n} | {r['subject']} | {relation} | {r['object']} | {sentence[:220]} | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
