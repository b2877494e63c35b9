"""Induce candidate dependency patterns from annotated sentences (CoNLL04 format), for review.

For every ordered pair of annotated entities in a sentence, the shortest path between their
head tokens in kg's spaCy parse is written as a signature: the entity kinds at both ends, the
dependency labels along the way and the lemmas of the words in between, e.g.
``Peop <nsubjpass [kill] >agent [by] >pobj Peop``. Signatures are counted per relation type:
``pos`` is how often the path joins two entities that carry the relation (in the gold
direction), ``neg`` how often the same path joins two entities of the same kinds that do not.
``precision = pos / (pos + neg)`` is the pattern's precision on the split, before any review.

Each candidate is written with a spaCy ``DependencyMatcher`` pattern that matches the path
(anchored at the path's top word), so a reviewer can copy it into ``ontology/patterns/*.jsonl``
after choosing the ontology property, generalising lemmas and adding an example sentence.
Nothing is kept automatically: ``ontology/patterns/README.md`` says which candidates were kept
and why.

Only annotated entities are used (the NER plays no part here), and the gold relations are read:
run it on the train split, and use dev only to check a candidate (``--check``), never test.

Usage::

    python benchmarks/induce_patterns.py [--split PATH] [--min-pos 2] [--max-len 4] [--out FILE]
    python benchmarks/induce_patterns.py --check ../shared/benchmarks/conll04/conll04_dev.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TRAIN = SHARED / "benchmarks" / "conll04" / "conll04_train.json"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conll04 import detokenize  # noqa: E402  (the benchmark's own text reconstruction)

#: The argument kinds of each CoNLL04 relation type (head kind, tail kind).
KINDS = {
    "Work_For": ("Peop", "Org"),
    "Live_In": ("Peop", "Loc"),
    "OrgBased_In": ("Org", "Loc"),
    "Located_In": ("Loc", "Loc"),
    "Kill": ("Peop", "Peop"),
}
_QUOTES = {"``": '"', "''": '"'}


def entities(sent: dict) -> list[tuple[int, int, str]]:
    """Annotated entities as ``(first token, last token + 1, kind)``, in order (BILOU tags)."""
    out, start = [], None
    for i, tag in enumerate(sent["tags"]):
        if tag == "O":
            start = None
            continue
        prefix, kind = tag.split("-", 1)
        if prefix in ("B", "U"):
            start = i
        if prefix in ("L", "U") and start is not None:
            out.append((start, i + 1, kind))
            start = None
    return out


def align(tokens: list[str], text: str) -> list[tuple[int, int] | None]:
    """Character offsets of each token in the detokenized text (None where it was rewritten)."""
    spans: list[tuple[int, int] | None] = []
    pos = 0
    for tok in tokens:
        found = None
        for form in (tok, _QUOTES.get(tok, tok), '"'):
            i = text.find(form, pos)
            if i != -1 and not text[pos:i].strip():
                found = (i, i + len(form))
                break
        spans.append(found)
        if found:
            pos = found[1]
    return spans


def _label(tok) -> str:
    return tok.lemma_.lower() or tok.lower_


def path(a, b, kinds: tuple[str, str], max_len: int) -> tuple[str, list] | None:
    """Signature and DependencyMatcher pattern of the tree path from token ``a`` to token ``b``."""
    up_a, up_b = [a, *a.ancestors], [b, *b.ancestors]  # spaCy makes a new Token per access:
    ids_b = [t.i for t in up_b]  # compare tokens by index, never by identity
    top = next((n for n, t in enumerate(up_a) if t.i in ids_b), None)
    if top is None:
        return None
    common = up_a[top]
    left = up_a[:top]  # a and the words above it, below the top word
    right = up_b[: ids_b.index(common.i)]
    if len(left) + len(right) > max_len or not left and not right:
        return None
    parts = [kinds[0]]
    for t in left:
        parts.append(f"<{t.dep_}")
        if t.head.i != common.i:
            parts.append(f"[{_label(t.head)}]")
    if common.i not in (a.i, b.i):
        parts.append(f"[{_label(common)}]")
    for t in reversed(right):
        parts.append(f">{t.dep_}")
        if t.i != b.i:
            parts.append(f"[{_label(t)}]")
    parts.append(kinds[1])
    return " ".join(parts), _matcher_pattern(common, a, b, left, right)


def _matcher_pattern(top, a, b, left, right) -> list[dict]:
    """A DependencyMatcher pattern for the path: the top word, then each chain down to a and b."""
    def node(tok, name):
        attrs: dict = {}
        if tok.i in (a.i, b.i):
            attrs["POS"] = {"IN": ["PROPN", "NOUN"]}
        else:
            attrs["LEMMA"] = tok.lemma_
        return {"RIGHT_ID": name, "RIGHT_ATTRS": attrs}

    names = {top.i: "subject" if top.i == a.i else "object" if top.i == b.i else "top"}
    pattern = [node(top, names[top.i])]
    for chain, end in ((list(reversed(left)), a), (list(reversed(right)), b)):
        role = "subject" if end.i == a.i else "object"
        parent = top
        for n, tok in enumerate(chain):
            names[tok.i] = role if tok.i == end.i else f"{role}_{n}"
            step = node(tok, names[tok.i])
            step["RIGHT_ATTRS"]["DEP"] = tok.dep_
            pattern.append({"LEFT_ID": names[parent.i], "REL_OP": ">", **step})
            parent = tok
    return pattern


def induce(nlp, data: list[dict], max_len: int) -> dict[tuple[str, str], dict]:
    """Count every entity-pair path, per relation type: positives, negatives, examples."""
    stats: dict[tuple[str, str], dict] = defaultdict(lambda: {"pos": 0, "neg": 0, "examples": [], "misses": [], "pattern": None})
    texts = [detokenize(s["tokens"]) for s in data]
    for sent, text, doc in zip(data, texts, nlp.pipe(texts, batch_size=128)):
        offsets = align(sent["tokens"], text)
        ents = entities(sent)
        roots = []
        for start, end, kind in ents:
            chars = offsets[start:end]
            span = doc.char_span(chars[0][0], chars[-1][1], alignment_mode="expand") if all(chars) else None
            roots.append((span.root if span is not None and len(span) else None, kind, text[chars[0][0]:chars[-1][1]] if all(chars) else ""))
        gold = {(r["head"], r["tail"], r["type"]) for r in sent["relations"]}
        for i, (ra, ka, ta) in enumerate(roots):
            for j, (rb, kb, tb) in enumerate(roots):
                if i == j or ra is None or rb is None or ra == rb:
                    continue
                types = [t for t, kinds in KINDS.items() if kinds == (ka, kb)]
                if not types:
                    continue
                found = path(ra, rb, (ka, kb), max_len)
                if found is None:
                    continue
                signature, pattern = found
                for t in types:
                    st = stats[(t, signature)]
                    st["pattern"] = st["pattern"] or pattern
                    if (i, j, t) in gold:
                        st["pos"] += 1
                        if len(st["examples"]) < 3:
                            st["examples"].append(f"{ta} | {tb} :: {text[:200]}")
                    else:
                        st["neg"] += 1
                        if len(st["misses"]) < 2:
                            st["misses"].append(f"{ta} | {tb} :: {text[:200]}")
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", type=Path, default=TRAIN, help="annotated sentences to induce from (CoNLL04 JSON) [train]")
    ap.add_argument("--check", type=Path, default=None, help="a second split: count the candidates' pos/neg there too (dev)")
    ap.add_argument("--min-pos", type=int, default=2, help="keep paths that join a related pair at least this often")
    ap.add_argument("--max-len", type=int, default=4, help="longest path, in dependency edges")
    ap.add_argument("--out", type=Path, default=Path("/tmp/kg-pattern-candidates.jsonl"), help="candidates for review")
    ap.add_argument("--show", type=int, default=40, help="print the N best candidates per type")
    args = ap.parse_args(argv)

    from kg.nlp import load_model

    nlp = load_model()
    stats = induce(nlp, json.loads(args.split.read_text(encoding="utf-8")), args.max_len)
    check = induce(nlp, json.loads(args.check.read_text(encoding="utf-8")), args.max_len) if args.check else {}
    rows = []
    for (typ, signature), st in stats.items():
        if st["pos"] < args.min_pos:
            continue
        row = {"type": typ, "signature": signature, "pos": st["pos"], "neg": st["neg"],
               "precision": round(st["pos"] / (st["pos"] + st["neg"]), 3)}
        if args.check:
            other = check.get((typ, signature), {"pos": 0, "neg": 0})
            row["check_pos"], row["check_neg"] = other["pos"], other["neg"]
        row.update(examples=st["examples"], counterexamples=st["misses"], pattern=st["pattern"])
        rows.append(row)
    rows.sort(key=lambda r: (r["type"], -r["pos"], -r["precision"], r["signature"]))
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    for typ in KINDS:
        mine = [r for r in rows if r["type"] == typ][: args.show]
        total = sum(st["pos"] for (t, _), st in stats.items() if t == typ)
        print(f"== {typ}: {len(mine)} shown, {total} related pairs with a path of <= {args.max_len} edges")
        for r in mine:
            extra = f"  dev {r['check_pos']}/{r['check_pos'] + r['check_neg']}" if args.check else ""
            print(f"{r['pos']:4d} {r['precision']:.2f}{extra}  {r['signature']}")
    print(f"{len(rows)} candidates -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
