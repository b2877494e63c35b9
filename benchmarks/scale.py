"""How does the global half of a build grow? Assemble and every writer on 20k to 1M synthetic articles.

Parsing is per article and spreads over processes; what follows it (entity resolution over every
mention, the graph records, the files) is global. This benchmark makes extraction records for
N articles without parsing them, from the records of a real build of Reuters-21578
(``records.jsonl.gz``, 19,043 articles), and measures, for each N, each stage as a process of
its own: seconds, its peak memory (RSS), and the bytes it wrote. It prints the table and the
growth per doubling of N (2.0 for seconds or memory is linear growth).

The synthetic corpus. Copy c of the Reuters records (c = 0, 1, ...) is a new stretch of news:
its documents get new ids, and the words of entity names are renamed (consistently within the
copy, so "Lavrov" and "Sergey Lavrov" stay one person; places, legal forms and very common
words are never renamed) at a rate set so that the number of distinct names grows as
V(N) = V0 (N / N0)^beta with beta = 0.78: the growth of Reuters' own distinct non-place names
from 8,000 to 19,043 articles (measured here, in ``heaps()``). So a million articles have
more people and companies than Reuters, but many fewer than 52 times as many; mention,
assertion, statement, event and sentence counts per article are Reuters'. (A copy's events
name its own participants, so they do not merge with the events of other copies, except
those whose people and places were not renamed.)

Stages (``--partition-docs`` articles per part, so a part of 1M articles is 1/50 of them):
``assemble`` (statistics per part, resolution in blocking groups, graph records per part,
spilled to disk), then from the saved parts: ``graph.ttl``, ``graph.nq``, ``triples.csv``,
``entities.csv``, ``records.jsonl.gz``, and ``projection`` (GraphML, GEXF, Neo4j CSVs and the
HTML view from one projection).

Run::

    kg build ../shared/corpus/reuters21578/reuters21578.jsonl --workers 2 --out /tmp/reuters
    python benchmarks/scale.py --records /tmp/reuters/records.jsonl.gz --sizes 20000 100000 300000 1000000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import pickle
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BETA = 0.78
CHUNK_DOCS = 5_000
STAGES = ("assemble", "graph.ttl", "graph.nq", "triples.csv", "entities.csv", "statements.csv", "records.jsonl.gz",
          "projection")
#: Not run unless named: the whole global half of ``kg build --workers 2`` in one process (see stage_build).
EXTRA_STAGES = ("build",)
_NO_RENAME_LABELS = {"GPE", "LOC"}


# ---------------------------------------------------------------------------------- the model


def _uniform(*parts: object) -> float:
    digest = hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


_ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "pr", "r", "s",
           "sh", "st", "t", "tr", "v", "w", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "y"]


def _pseudo_word(word: str, copy: int) -> str:
    """A new word about as long as ``word``, the same for the same word and copy."""
    digest = hashlib.blake2b(f"{copy}:{word}".encode(), digest_size=16).digest()
    out, i = "", 0
    while len(out) < max(3, len(word) - 1) and i < len(digest) - 1:
        out += _ONSETS[digest[i] % len(_ONSETS)] + _VOWELS[digest[i + 1] % len(_VOWELS)]
        i += 2
    return out + _ONSETS[digest[-1] % len(_ONSETS)][:1]


def _name_words(key: str, label: str) -> list[str]:
    if label == "POSITION":
        key = key.partition("@")[2]
    return key.split()


def heaps(pairs) -> float:
    """The growth exponent of distinct non-place names over the corpus in its own order (8k -> all)."""
    ordered = sorted(pairs, key=lambda p: int(p[0].id.rsplit("-", 1)[-1]) if p[0].id.rsplit("-", 1)[-1].isdigit() else 0)
    seen: set[str] = set()
    at: dict[int, int] = {}
    for i, (_, ex) in enumerate(ordered, 1):
        seen.update(m.key for m in ex.mentions if m.label not in _NO_RENAME_LABELS | {"POSITION"})
        if i in (min(8000, len(ordered) // 2), len(ordered)):
            at[i] = len(seen)
    (a, va), (b, vb) = sorted(at.items())
    return math.log(vb / va) / math.log(b / a)


class Renamer:
    """The renaming of name words in each copy (see the module docstring)."""

    def __init__(self, pairs, beta: float = BETA) -> None:
        from kg import places
        from kg.extract.entity_types import cues
        from kg.resolve import _STOP_INITIALS

        self.beta = beta
        keys: Counter = Counter()
        df: Counter = Counter()
        protected = set(cues()["organization.legal_forms"]) | _STOP_INITIALS
        for _, ex in pairs:
            words = set()
            for m in ex.mentions:
                keys[(m.key, m.label)] += 1
                words.update(_name_words(m.key, m.label))
                if m.label in _NO_RENAME_LABELS or (m.label != "POSITION" and places.lookup(m.key, demonyms=True)):
                    protected.update(m.key.split())
            df.update(words)
        protected |= {w for w, _ in df.most_common(300)}
        self.renamable = {w for w in df if w not in protected and len(w) >= 3 and not any(c.isdigit() for c in w)}
        # the renamable words of each distinct name (a name is new in a copy if any of them is renamed)
        self.name_words = [n for n in (sum(1 for w in _name_words(k, lab) if w in self.renamable)
                                       for (k, lab) in keys if lab not in _NO_RENAME_LABELS) if n]
        self.names = sum(1 for (_, lab) in keys if lab not in _NO_RENAME_LABELS)
        self._rate: dict[int, float] = {}

    def rate(self, copy: int) -> float:
        """The share of renamable words renamed in ``copy``: the new names of Heaps' law."""
        if copy not in self._rate:
            target = self.names * ((copy + 1) ** self.beta - copy ** self.beta)
            lo, hi = 0.0, 1.0
            for _ in range(40):
                p = (lo + hi) / 2
                expected = sum(1 - (1 - p) ** n for n in self.name_words)
                lo, hi = (p, hi) if expected < target else (lo, p)
            self._rate[copy] = hi
        return self._rate[copy]

    def copy(self, copy: int):
        """A function renaming the words of one copy: word -> new word (or the same)."""
        if copy == 0:
            return lambda w: w
        rate = self.rate(copy)
        cache: dict[str, str] = {}

        def word(w: str) -> str:
            out = cache.get(w)
            if out is None:
                out = cache[w] = _pseudo_word(w, copy) if w in self.renamable and _uniform(copy, w) < rate else w
            return out

        return word


def _case_like(new: str, old: str) -> str:
    if old.isupper():
        return new.upper()
    if old[:1].isupper():
        return new.capitalize()
    return new


def synthetic(pairs, renamer: Renamer, n: int):
    """``n`` synthetic ``(document, extraction)`` pairs: copies of ``pairs``, names renamed per copy."""
    from kg.records import Mention

    produced = 0
    copy = 0
    while produced < n:
        word = renamer.copy(copy)
        keys: dict[str, str] = {}
        texts: dict[str, str] = {}

        def key_of(key: str, label: str) -> str:
            out = keys.get((key, label))
            if out is None:
                if label == "POSITION":
                    role, at, org = key.partition("@")
                    out = role + at + " ".join(word(w) for w in org.split(" "))
                else:
                    out = " ".join(word(w) for w in key.split(" "))
                keys[(key, label)] = out
            return out

        def text_of(text: str) -> str:
            out = texts.get(text)
            if out is None:
                tokens = []
                for tok in text.split(" "):
                    core = tok.rstrip(".,;:'s")
                    new = word(core.lower()) if core else core
                    tokens.append(tok if new == core.lower() else _case_like(new, core) + tok[len(core):])
                out = texts[text] = " ".join(tokens)
            return out

        for doc, ex in pairs:
            if produced >= n:
                return
            doc_id = doc.id if copy == 0 else f"{doc.id}~{copy:03d}"
            memo: dict[int, Mention] = {}

            def mention(m: Mention | None) -> Mention | None:
                if m is None or copy == 0:
                    return m if m is None or copy else replace(m, doc_id=doc_id)
                out = memo.get(id(m))
                if out is None:
                    out = memo[id(m)] = Mention(doc_id, text_of(m.text), m.start, m.end, m.label, key_of(m.key, m.label))
                return out

            new_doc = doc if copy == 0 else replace(doc, id=doc_id, sha256=hashlib.sha256(f"{doc.sha256}:{copy}".encode()).hexdigest())
            new_ex = ex if copy == 0 else replace(
                ex, doc_id=doc_id, mentions=tuple(mention(m) for m in ex.mentions),
                assertions=tuple(replace(a, doc_id=doc_id, subject=mention(a.subject), object=mention(a.object),
                                         speaker=mention(a.speaker)) for a in ex.assertions),
                acronyms=tuple((key_of(s, "ORG"), key_of(lg, "ORG")) for s, lg in ex.acronyms),
                # statements and events name the copy's people and places (a copy's events are its own)
                statements=tuple(replace(st, doc_id=doc_id, speakers=tuple(mention(m) for m in st.speakers),
                                         about=tuple(mention(m) for m in st.about)) for st in ex.statements),
                events=tuple(replace(ev, doc_id=doc_id, place=mention(ev.place),
                                     participants=tuple(replace(p, mention=mention(p.mention)) for p in ev.participants))
                             for ev in ex.events))
            yield new_doc, new_ex
            produced += 1
        copy += 1


# ---------------------------------------------------------------------------------- stages


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_generate(records: str, n: int, folder: str) -> dict:
    from kg.partitioned import save_chunk
    from kg.records_io import read_records

    base = read_records(records)
    pairs = sorted(base.pairs, key=lambda p: p[0].id)
    renamer = Renamer(pairs)
    chunk, paths = [], []
    for pair in synthetic(pairs, renamer, n):
        chunk.append(pair)
        if len(chunk) >= CHUNK_DOCS:
            paths.append(save_chunk(os.path.join(folder, f"chunk-{len(paths):05d}.pkl"), chunk))
            chunk = []
    if chunk:
        paths.append(save_chunk(os.path.join(folder, f"chunk-{len(paths):05d}.pkl"), chunk))
    with open(os.path.join(folder, "corpus.json"), "w") as fh:
        json.dump({"base_iri": base.base_iri, "chunks": paths, "heaps": heaps(pairs)}, fh)
    return {"heaps": heaps(pairs), "rate_copy_1": renamer.rate(1) if n > len(pairs) else 0.0}


def _corpus(folder: str) -> dict:
    with open(os.path.join(folder, "corpus.json")) as fh:
        return json.load(fh)


def _part_files(corpus: dict, partition_docs: int):
    from kg.partitioned import PartFiles

    per = max(1, partition_docs // CHUNK_DOCS)
    return [PartFiles(corpus["chunks"][i:i + per]) for i in range(0, len(corpus["chunks"]), per)]


def stage_assemble(folder: str, partition_docs: int) -> dict:
    from kg.partitioned import assemble_parts

    corpus = _corpus(folder)
    spill = os.path.join(folder, "graph")
    os.makedirs(spill, exist_ok=True)
    assembled = assemble_parts(_part_files(corpus, partition_docs), base_iri=corpus["base_iri"], spill=spill)
    with open(os.path.join(folder, "assembled.pkl"), "wb") as fh:
        pickle.dump(assembled, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return {"counts": assembled.counts, "parts": len(assembled.parts), "bytes": _size(spill)}


def stage_write(folder: str, name: str, partition_docs: int) -> dict:
    from kg import streaming

    with open(os.path.join(folder, "assembled.pkl"), "rb") as fh:
        assembled = pickle.load(fh)
    parts = assembled.as_parts()
    out = Path(folder) / "out"
    out.mkdir(exist_ok=True)
    tmp = str(out)
    if name == "graph.ttl":
        written = [streaming.write_turtle(parts, out / name, tmp_dir=tmp)]
    elif name == "graph.nq":
        written = [streaming.write_nquads(parts, out / name, tmp_dir=tmp)]
    elif name == "triples.csv":
        written = [streaming.write_triples_csv(parts, out / name, tmp_dir=tmp)]
    elif name == "entities.csv":
        written = [streaming.write_entities_csv(parts, out / name)]
    elif name == "records.jsonl.gz":
        written = [streaming.write_records(_part_files(_corpus(folder), partition_docs), out / name,
                                           base_iri=assembled.base_iri, tmp_dir=tmp)]
    elif name == "statements.csv":
        written = [streaming.write_statements_csv(parts, out / name, tmp_dir=tmp)]
    elif name == "projection":
        from kg.stream_projection import write_projection_files

        written = write_projection_files(parts, out, title="kg graph")
    else:
        raise ValueError(name)
    return {"bytes": sum(_size(p) for p in written)}


def stage_build(folder: str, partition_docs: int) -> dict:
    """What ``kg build --workers 2`` does after parsing, in one process, as the build does it: the
    records and the spaCy model in memory (the parse workers were forked from it), assemble in
    parts of ``kg.pipeline.PART_DOCS``, then every file, with ``graph.ttl`` and the records
    written by a forked child. ``peak_mb`` is this process's peak RSS; ``writer_mb`` the child's
    (which counts the pages it shares with this process at the fork)."""
    from kg import nlp
    from kg.partitioned import PartFiles
    from kg.pipeline import PART_DOCS, _small, assemble_in_parts, write_outputs

    corpus = _corpus(folder)
    nlp.load_model(None)
    pairs = list(PartFiles(corpus["chunks"]))
    assembled = assemble_in_parts(pairs, base_iri=corpus["base_iri"], partitions=-(-len(pairs) // PART_DOCS),
                                  resolve_partitions=1)
    graph = assembled.graph_data() if _small(assembled.counts) else assembled.as_parts()  # as kg.pipeline.build chooses
    out = Path(folder) / "out" / "build"
    files = write_outputs(graph, out, records=pairs, base_iri=corpus["base_iri"], jobs=2, release_records=True)
    return {"bytes": sum(_size(p) for p in files), "counts": assembled.counts,
            "writer_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _size(path) -> int:
    path = Path(path)
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def _run(stage: str, **kwargs) -> dict:
    """One stage in a fresh interpreter: its seconds and peak RSS are its own."""
    cmd = [sys.executable, __file__, "--stage", stage, "--stage-args", json.dumps(kwargs)]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"{stage} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["seconds"] = seconds
    result["load"] = os.getloadavg()[0]  # of the machine, at the end of the stage
    return result


# ---------------------------------------------------------------------------------- driver


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=Path, help="records.jsonl.gz of a whole-Reuters build")
    ap.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000, 300_000, 1_000_000])
    ap.add_argument("--partition-docs", type=int, default=20_000, help="articles per part [20000]")
    ap.add_argument("--work", type=Path, default=Path("/tmp/kg-scale"), help="working folder (kept) [/tmp/kg-scale]")
    ap.add_argument("--stages", nargs="+", default=list(STAGES), choices=STAGES + EXTRA_STAGES,
                    help="build: the global half of `kg build --workers 2` as one process (assemble and every "
                         "file; its forked writer's peak RSS is printed too)")
    ap.add_argument("--stage", help=argparse.SUPPRESS)
    ap.add_argument("--stage-args", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.stage:
        kwargs = json.loads(args.stage_args)
        fn = {"generate": stage_generate, "assemble": stage_assemble, "build": stage_build}.get(args.stage)
        result = fn(**kwargs) if fn else stage_write(name=args.stage, **kwargs)
        print(json.dumps({**result, "peak_mb": _peak_mb()}))
        return
    if not args.records or not args.records.is_file():
        sys.exit("--records: the records.jsonl.gz of a whole-Reuters build is needed (see the module docstring)")
    table: dict[int, dict[str, dict]] = {}
    for n in args.sizes:
        folder = args.work / str(n)
        if not (folder / "corpus.json").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            gen = _run("generate", records=str(args.records), n=n, folder=str(folder))
            print(f"{n:>9,} articles generated in {gen['seconds']:.0f} s (Heaps exponent of Reuters names "
                  f"{gen['heaps']:.2f}; words renamed in copy 1: {gen['rate_copy_1']:.0%})", file=sys.stderr)
        table[n] = {}
        for stage in args.stages:
            kwargs = {"folder": str(folder), "partition_docs": args.partition_docs}
            table[n][stage] = _run(stage, **kwargs)
            r = table[n][stage]
            writer = f" (forked writer {r['writer_mb']:,.0f} MB)" if "writer_mb" in r else ""
            print(f"{n:>9,} {stage:18} {r['seconds']:8.1f} s {r['peak_mb']:8,.0f} MB{writer} "
                  f"{r.get('bytes', 0) / 1e6:10,.0f} MB out", file=sys.stderr)
            with open(args.work / "results.json", "w") as fh:  # a long run stopped early keeps what it measured
                json.dump({str(k): v for k, v in table.items()}, fh, indent=1)
        shutil.rmtree(folder / "out", ignore_errors=True)
    _report(table, args)


def _report(table: dict[int, dict[str, dict]], args) -> None:
    sizes = sorted(table)
    print(f"kg scale benchmark: {os.cpu_count()} CPUs, parts of {args.partition_docs:,} articles; "
          f"each stage a process of its own; load average {os.getloadavg()[0]:.1f}")
    for n in sizes:
        c = (table[n].get("assemble") or table[n].get("build") or {}).get("counts")
        if c:
            print(f"{n:>9,} articles: {c['entities']:,} entities, {c['facts']:,} facts, {c['assertions']:,} assertions")
    print(f"\n{'stage':18}" + "".join(f"{f'{n:,} articles':>30}" for n in sizes))
    print(f"{'':18}" + "".join(f"{'seconds':>10}{'peak MB':>10}{'MB out':>10}" for _ in sizes))
    for stage in args.stages:
        row = f"{stage:18}"
        for n in sizes:
            r = table[n][stage]
            row += f"{r['seconds']:10.1f}{r['peak_mb']:10,.0f}{r.get('bytes', 0) / 1e6:10,.0f}"
        print(row)
        if stage == "build":
            print(f"{'  forked writer':18}" + "".join(f"{'':10}{table[n][stage]['writer_mb']:10,.0f}{'':10}" for n in sizes))
    if len(sizes) > 1:
        print("\ngrowth per doubling of the articles (2.0 = linear; seconds / peak memory):")
        print(f"{'stage':18}" + "".join(f"{f'{a:,}->{b:,}':>24}" for a, b in zip(sizes, sizes[1:])))
        for stage in args.stages:
            row = f"{stage:18}"
            for a, b in zip(sizes, sizes[1:]):
                k = math.log2(b / a)
                ta, tb = table[a][stage], table[b][stage]
                row += f"{(tb['seconds'] / ta['seconds']) ** (1 / k):12.2f}{(tb['peak_mb'] / ta['peak_mb']) ** (1 / k):12.2f}"
            print(row)


if __name__ == "__main__":
    main()
