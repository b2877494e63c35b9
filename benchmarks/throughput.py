"""How close is ``kg build`` to the speed of spaCy alone? Build vs raw ``nlp.pipe`` throughput.

For the first N articles of Reuters-21578 (``../shared/corpus/reuters21578/reuters21578.jsonl``),
in one run, with the same texts, model and process count, this measures:

- raw: ``nlp.pipe(texts, n_process=K)`` over the texts kg parses (model loaded beforehand);
- build: ``kg.build`` of the same articles end to end, all output files written. With one
  worker spaCy parses in one process there too, a child forked with the model loaded, while
  the main process extracts from the Docs already parsed (``kg.nlp.parse_ahead``); its stages
  then show what the main process waited for the parser.

It prints tokens per second of both and their ratio, the time of each build stage, and peak
memory (RSS of the main process and of its largest child: a parse worker, the warm writer that
writes the views and exports of a graph small enough to send it (``kg._warm_writer``), or the
forked process that writes graph.ttl when workers > 1). The build runs as ``kg build`` does,
writer process included. Each measurement runs in
a fresh subprocess, so peak RSS is its own; with ``--repeat R`` raw and build run back to back
R times: the best time of each is reported, and the ratios within each round with their
median (the robust figure on a shared machine), with the same ratio of CPU seconds (user +
system, the build's writer child included: a loaded machine stretches wall seconds far more). ``--workers 1 2`` measures
both process counts in the same run and prints the 2-worker build over the 1-worker build.

``--startup`` measures the fixed cost instead, each side a whole process (interpreter start,
imports, model load, parse, and for kg every file written), in alternating pairs (which goes
first alternates, so a drifting machine favours neither) with the median of the pairs:

- one short article: ``kg build ARTICLE`` against spaCy's own ``import spacy; spacy.load(M);
  nlp(text)``; the figure is kg's extra seconds (target: within 0.5 s);
- the first ``--startup-articles`` Reuters articles (300): ``kg build`` against a process that
  reads the same cleaned texts, loads the model and runs ``nlp.pipe`` over them; the figure is
  the throughput ratio raw seconds / kg seconds (target: 0.90 or more).

Run::

    python benchmarks/throughput.py --limit 2000 --workers 1 2 --repeat 5
    python benchmarks/throughput.py --limit 0 --workers 2 --out /tmp/reuters   # whole corpus
    python benchmarks/throughput.py --startup --repeat 7                      # fixed cost
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "reuters21578" / "reuters21578.jsonl"


# ---------------------------------------------------------------------------------- phases


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of its finished children so far."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _rss() -> dict[str, float]:
    """Peak RSS in MB of this process and of its largest finished child (Linux: ru_maxrss in KB)."""
    return {
        "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def phase_raw(corpus: str, workers: int, batch_size: int, model: str | None) -> dict:
    """Raw spaCy: the model kg loads by default, as shipped, over the texts kg parses."""
    import spacy

    from kg.ingest import iter_documents
    from kg.nlp import resolve_model_name

    texts = [d.text for d in iter_documents([corpus]) if hasattr(d, "text")]
    nlp = spacy.load(resolve_model_name(model))
    for _ in nlp.pipe(texts[:8]):  # warm up
        pass
    started, cpu = time.perf_counter(), _cpu()
    kwargs = {"batch_size": batch_size, **({"n_process": workers} if workers > 1 else {})}
    tokens = sum(len(doc) for doc in nlp.pipe(texts, **kwargs))
    seconds = time.perf_counter() - started
    return {"tokens": tokens, "seconds": seconds, "cpu": _cpu() - cpu, "docs": len(texts), **_rss()}


def phase_build(corpus: str, workers: int, batch_size: int, model: str | None, out: str, dask: str | None) -> dict:
    """``kg.build`` end to end, with the time spent in each stage."""
    import importlib

    import kg
    from kg.nlp import load_model

    # modules (kg.build is the function; the module is kg.pipeline; the writers are in kg._write)
    kb, kx, kext, kin, kp, kr, kv, krio, kw = (importlib.import_module(f"kg.{m}") for m in
                                               ("pipeline", "export", "extract", "ingest", "project", "resolve", "views", "records_io", "_write"))

    load_model(model)  # as for raw: the model is loaded before the clock starts
    for _ in kb.extract_documents([str(ROOT / "samples")], model=model):  # warm up
        pass
    stages: dict[str, float] = defaultdict(float)

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                stages[name] += time.perf_counter() - t
        return wrapper

    def timed_iter(name, fn):
        def wrapper(*args, **kwargs):
            it = iter(fn(*args, **kwargs))
            while True:
                t = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    stages[name] += time.perf_counter() - t
                    return
                stages[name] += time.perf_counter() - t
                yield item
        return wrapper

    kin.iter_documents = timed_iter("ingest", kin.iter_documents)
    kb.extract_documents = timed_iter("ingest+parse+extract", kb.extract_documents)
    one = workers == 1 and not dask
    if one:  # the parse runs in one child process, ahead (kg.nlp.parse_ahead); this process extracts meanwhile
        kext.extract = timed("extract (in main)", kext.extract)
        knlp = importlib.import_module("kg.nlp")
        knlp._unpack = timed("Docs received (in main)", knlp._unpack)
    kr.Resolver.resolve = timed("resolve", kr.Resolver.resolve)
    kb.assemble_in_parts = timed("resolve+records (assemble)", kb.assemble_in_parts)
    kb.write_outputs = timed("outputs (all files)", kb.write_outputs)
    kw._write_turtle = timed("  graph.ttl", kw._write_turtle)  # in a forked child when workers > 1
    # kw._write_rest is not wrapped: the build sends it to its warm writer process by reference
    # (kg._warm_writer), and a wrapper does not pickle, which made the build write everything
    # itself, in series; the writer's own seconds are read from it instead (below)
    kp.project = timed("    projection (networkx)", kp.project)
    kv.write_html = timed("    html", kv.write_html)
    original_export = kx.export

    def export(g, fmt, path, **kwargs):
        return timed(f"    {fmt}", original_export)(g, fmt, path, **kwargs)

    kx.export = export
    krio.write_records = timed("  records.jsonl.gz", krio.write_records)
    wait = kw._Forked.wait

    def forked_wait(self):
        wait(self)
        stages[f"  {self.what.replace(' or ', ' + ')} (forked child)"] += self.seconds
        child_rss.append(self.peak_rss_mb)

    kw._Forked.wait = forked_wait
    kww = importlib.import_module("kg._warm_writer")
    warm_wait = kww.WarmWriter.wait

    def writer_wait(self):
        busy = self.busy
        warm_wait(self)
        if busy:
            stages["  views and exports (warm writer child)"] += self.seconds
            child_rss.append(self.peak_rss_mb)

    kww.WarmWriter.wait = writer_wait
    child_rss: list[float] = []
    started, cpu = time.perf_counter(), _cpu()
    options = {"dask": dask} if dask else {}
    result = kg.build([corpus], out=out, workers=workers, batch_size=batch_size, model=model, quiet=True, **options)
    seconds = time.perf_counter() - started
    cpu = _cpu() - cpu  # the writer child's too (it ends with the build)
    rss = _rss()  # before the count of triples below, which makes the whole graph in this process
    rest = stages["ingest+parse+extract"] - stages["ingest"] - stages.get("extract (in main)", 0.0) - stages.get("Docs received (in main)", 0.0)
    # one worker: what main waited for the parsing child (its parse not overlapped by extraction); else workers' parse+extract
    stages["waiting for the parser" if one else "parse+extract"] = rest
    files = {str(p.relative_to(out)): p.stat().st_size for p in Path(out).rglob("*") if p.is_file()}
    return {
        "seconds": seconds, "cpu": cpu, "docs": result.documents, "entities": result.entities, "facts": result.facts,
        "assertions": result.assertions, "triples": len(result.data), "stages": dict(stages), "files": files,
        "rss_writer_mb": max(child_rss, default=0.0), **rss,
    }


# ---------------------------------------------------------------------------------- start-up

#: The one short article of ``--startup`` (the sentence of the README's quick start).
ONE_ARTICLE = "Russian Foreign Minister Sergey Lavrov met Talatbek Masadikov in Moscow on Tuesday.\n"

_RAW_PROCESS = """
import json, sys
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
import spacy
nlp = spacy.load(sys.argv[2])
for doc in nlp.pipe(texts, batch_size=64):
    pass
"""


def _timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the process and its children) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd[:4])} ... failed:\n{proc.stderr[-3000:]}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _pairs(name: str, raw_cmd: list[str], kg_cmd: list[str], repeat: int) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """``repeat`` pairs of whole-process runs ((wall, cpu) of each side); the first of each pair alternates."""
    out = []
    for r in range(repeat):
        if r % 2 == 0:
            raw, build = _timed(raw_cmd), _timed(kg_cmd)
        else:
            build, raw = _timed(kg_cmd), _timed(raw_cmd)
        print(f"  {name} pair {r + 1}: spaCy {raw[0]:.2f} s (cpu {raw[1]:.2f}), kg build {build[0]:.2f} s (cpu {build[1]:.2f})",
              file=sys.stderr)
        out.append((raw, build))
    return out


def startup(args, folder: Path) -> None:
    """The fixed cost of a build: one article, and a 300-article build as whole processes."""
    import statistics

    from kg.ingest import iter_documents
    from kg.nlp import resolve_model_name

    model = resolve_model_name(args.model)
    one = folder / "one" / "article.txt"
    one.parent.mkdir()
    one.write_text(ONE_ARTICLE, encoding="utf-8")
    kg_cmd = [sys.executable, "-m", "kg", "build", "--quiet"] + (["--model", args.model] if args.model else [])
    single = _pairs("one article", [sys.executable, "-c", "import spacy, sys; nlp = spacy.load(sys.argv[1]); nlp(sys.argv[2])",
                                    model, ONE_ARTICLE], kg_cmd + [str(one), "--out", str(folder / "out1")], args.repeat)
    corpus = _subset(args.corpus, args.startup_articles, folder)
    texts = folder / "texts.jsonl"  # what kg parses: the cleaned texts (cleaning is not timed on the raw side)
    with texts.open("w", encoding="utf-8") as fh:
        for d in iter_documents([corpus]):
            if hasattr(d, "text"):
                fh.write(json.dumps({"text": d.text}) + "\n")
    workers = ["--workers", str(args.workers[0])] if args.workers[0] > 1 else []
    if workers:
        sys.exit("--startup compares one process with one process; leave --workers at 1")
    many = _pairs(f"{args.startup_articles} articles", [sys.executable, "-c", _RAW_PROCESS, str(texts), model],
                  kg_cmd + [str(corpus), "--out", str(folder / "out2")], args.repeat)
    med = statistics.median
    print(f"kg start-up benchmark: {os.cpu_count()} CPUs, model {model}, {args.repeat} alternating pairs, whole processes; "
          f"load average at the end {os.getloadavg()[0]:.1f}")
    for i, what in ((0, "wall"), (1, "cpu")):
        extra = [b[i] - r[i] for r, b in single]
        ratio = [r[i] / b[i] for r, b in many]
        print(f"one article ({what})  spaCy load+parse median {med(r[i] for r, _ in single):.2f} s, kg build median "
              f"{med(b[i] for _, b in single):.2f} s; kg - spaCy per pair: median {med(extra):+.2f} s "
              f"(pairs: {', '.join(f'{x:+.2f}' for x in extra)}; target <= +0.50)")
        print(f"{args.startup_articles} articles ({what})  spaCy median {med(r[i] for r, _ in many):.2f} s, kg build median "
              f"{med(b[i] for _, b in many):.2f} s; throughput ratio spaCy/kg per pair: median {med(ratio):.2f} "
              f"(pairs: {', '.join(f'{x:.2f}' for x in ratio)}; target >= 0.90)")


# ---------------------------------------------------------------------------------- driver


def _run(phase: str, **kwargs) -> dict:
    """Run one phase in a fresh interpreter, so its peak RSS and warm caches are its own."""
    cmd = [sys.executable, __file__, "--phase", phase, "--phase-args", json.dumps(kwargs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"{phase} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _subset(corpus: Path, limit: int, folder: Path) -> Path:
    if not limit:
        return corpus
    path = folder / f"reuters-{limit}.jsonl"
    with corpus.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= limit:
                break
            dst.write(line)
    return path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=2000, help="first N articles (0: all 19,043) [2000]")
    ap.add_argument("--workers", type=int, nargs="+", default=[1], help="process counts to measure, e.g. 1 2 [1]")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of raw and build; best times and median of per-round ratios [1]")
    ap.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size, both sides [64]")
    ap.add_argument("--model", default=None, help="spaCy pipeline [kg's default]")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="a .jsonl with a text field [Reuters-21578]")
    ap.add_argument("--out", type=Path, default=None, help="keep the build outputs here [a temporary folder]")
    ap.add_argument("--dask", default=None, metavar="ADDRESS", help="also time a Dask build (e.g. local:2)")
    ap.add_argument("--startup", action="store_true", help="measure the fixed cost: one article, and a 300-article build, as whole processes")
    ap.add_argument("--startup-articles", type=int, default=300, help="articles of the --startup whole-process comparison [300]")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--phase-args", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.phase:
        fn = {"raw": phase_raw, "build": phase_build}[args.phase]
        print(json.dumps(fn(**json.loads(args.phase_args))))
        return
    if not args.corpus.is_file():
        sys.exit(f"{args.corpus} not found (see ../shared/corpus/reuters21578/README.md)")
    if args.startup:
        with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
            startup(args, Path(tmp))
        return
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        corpus = _subset(args.corpus, args.limit, Path(tmp))
        out = str(args.out or Path(tmp) / "out")
        common = {"corpus": str(corpus), "batch_size": args.batch_size, "model": args.model}
        best: dict[tuple[str, int], dict] = {}
        rounds: list[dict[tuple[str, int], float]] = []
        # raw and build of one process count run back to back, so their ratio is taken on the
        # machine in the same state (on a shared machine speed drifts by 10-20% over minutes)
        runs = [(kind, k) for k in args.workers for kind in ("raw", "build")]
        if args.dask:
            runs.append(("dask", 0))
        for r in range(args.repeat):
            rounds.append({})
            for kind, k in runs:
                if kind == "raw":
                    res = _run("raw", workers=k, **common)
                else:
                    res = _run("build", workers=max(k, 1), out=out, dask=args.dask if kind == "dask" else None, **common)
                print(f"  run {r + 1}: {kind} workers={k or args.dask}: {res['seconds']:.1f} s", file=sys.stderr)
                rounds[-1][kind, k] = res["seconds"]
                rounds[-1][kind + " cpu", k] = res.get("cpu", 0.0)
                if (kind, k) not in best or res["seconds"] < best[kind, k]["seconds"]:
                    best[kind, k] = res
        _report(best, args, corpus)
        _report_rounds(rounds, args.workers)


def _report(best: dict, args, corpus: Path) -> None:
    tokens = next(v["tokens"] for (kind, _), v in best.items() if kind == "raw")
    docs = next(v["docs"] for (kind, _), v in best.items() if kind == "raw")
    print(f"kg throughput benchmark: {docs} articles, {tokens:,} tokens, {os.cpu_count()} CPUs, "
          f"batch {args.batch_size}, best of {args.repeat}")
    print(f"{'':24}{'seconds':>10}{'tokens/s':>12}{'ratio':>8}{'RSS main':>11}{'RSS child':>12}")
    for k in args.workers:
        raw, build = best["raw", k], best["build", k]
        for name, res in ((f"raw nlp.pipe  x{k}", raw), (f"kg build      x{k}", build)):
            ratio = raw["seconds"] / res["seconds"]
            print(f"{name:24}{res['seconds']:10.1f}{tokens / res['seconds']:12,.0f}{ratio:8.2f}"
                  f"{res['rss_main_mb']:9,.0f}MB{res['rss_child_mb']:10,.0f}MB")
    if ("dask", 0) in best:
        res = best["dask", 0]
        print(f"{'kg build --dask ' + args.dask:24}{res['seconds']:10.1f}{tokens / res['seconds']:12,.0f}")
    if len(args.workers) > 1:
        k0, k1 = args.workers[0], args.workers[-1]
        print(f"build x{k1} / build x{k0}: {best['build', k0]['seconds'] / best['build', k1]['seconds']:.2f}   "
              f"raw x{k1} / raw x{k0}: {best['raw', k0]['seconds'] / best['raw', k1]['seconds']:.2f}")
    for k in args.workers:
        build = best["build", k]
        print(f"\nstages of the best build x{k} (seconds; indented: inside outputs):")
        if build.get("rss_writer_mb"):
            print(f"  (a writer child wrote part of the files: peak RSS {build['rss_writer_mb']:,.0f} MB)")
        for name, sec in build["stages"].items():
            if name != "ingest+parse+extract":
                print(f"  {name:28}{sec:8.2f}")
        print(f"graph: {build['docs']} documents, {build['entities']:,} entities, {build['facts']:,} facts, "
              f"{build['assertions']:,} assertions, {build['triples']:,} triples")
    print("files: " + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sorted(best["build", args.workers[-1]]["files"].items())))


def _report_rounds(rounds: list[dict[tuple[str, int], float]], workers: list[int]) -> None:
    """Ratios within each round (raw and build run back to back), and their median.

    The median of paired ratios is the figure to quote: the best-of times above can pair a raw
    run and a build run taken minutes apart, at different machine speeds.
    """
    import statistics

    columns: list[tuple[str, object]] = [(f"build/raw x{k}", ("ratio", k)) for k in workers]
    columns += [(f"cpu build/raw x{k}", ("cpu", k)) for k in workers]  # raw CPU seconds / build's: load-proof
    if len(workers) > 1:
        columns.append((f"build x{workers[-1]}/x{workers[0]}", ("scale", "build")))
        columns.append((f"raw x{workers[-1]}/x{workers[0]}", ("scale", "raw")))

    def value(rnd, spec):
        kind, arg = spec
        if kind == "ratio":
            return rnd["raw", arg] / rnd["build", arg]
        if kind == "cpu":
            return rnd["raw cpu", arg] / rnd["build cpu", arg] if rnd["build cpu", arg] else 0.0
        return rnd[arg, workers[0]] / rnd[arg, workers[-1]]

    print("\nper round (raw and build back to back; throughput ratios of wall seconds, and of CPU seconds,"
          " children included):")
    print(f"  {'round':8}" + "".join(f"{name:>18}" for name, _ in columns))
    table = [[value(rnd, spec) for _, spec in columns] for rnd in rounds]
    for i, row in enumerate(table, 1):
        print(f"  {i:<8}" + "".join(f"{v:18.2f}" for v in row))
    print(f"  {'median':8}" + "".join(f"{statistics.median(col):18.2f}" for col in zip(*table)))


if __name__ == "__main__":
    main()
