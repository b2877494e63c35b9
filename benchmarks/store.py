"""Load and query timings of rdflib's memory store and Oxigraph (memory, disk) on kg graphs.

Usage: python benchmarks/store.py GRAPH.ttl [GRAPH.ttl ...] [--synthetic N_TRIPLES]

Prints, for each graph, the seconds to load it and the median seconds of three runs of two
queries kg users run: a join/filter/order over assertions and the saved who-met-whom query.
The ratios printed at the end are the numbers that chose Oxigraph for ``kg.store``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

JOIN = """
PREFIX kg: <https://kg.example.org/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?sl ?ol ?doc ?c WHERE {
  ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     kg:confidence ?c ; kg:negated false ; prov:wasDerivedFrom ?d .
  ?d dcterms:identifier ?doc . ?s rdfs:label ?sl . ?o rdfs:label ?ol .
  FILTER (?c >= 0.6)
} ORDER BY DESC(?c) ?doc ?sl LIMIT 100
"""


def synthetic(n_triples: int, path: Path) -> None:
    """A kg-shaped N-Triples file: entities, documents, and assertions with provenance."""
    rng = random.Random(0)
    kg, base = "https://kg.example.org/ontology#", "https://kg.example.org/id/"
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    preds = ["meets", "memberOf", "leads", "visits", "supports", "opposes", "worksFor"]
    n_assert = n_triples // 13
    n_ent, n_doc = max(10, n_assert // 10), max(5, n_assert // 20)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n_ent):
            fh.write(f'<{base}e/{i}> <{rdf}type> <{kg}Person> .\n<{base}e/{i}> <http://www.w3.org/2000/01/rdf-schema#label> "Entity {i}" .\n')
        for i in range(n_doc):
            fh.write(f'<{base}doc/{i}> <{rdf}type> <https://schema.org/NewsArticle> .\n<{base}doc/{i}> <http://purl.org/dc/terms/identifier> "doc-{i}" .\n')
        for i in range(n_assert):
            a, s, o, p = f"<{base}assertion/{i}>", rng.randrange(n_ent), rng.randrange(n_ent), rng.choice(preds)
            c = rng.choice(["0.50", "0.60", "0.70", "0.85", "0.90"])
            fh.write(
                f"{a} <{rdf}type> <{kg}Assertion> .\n{a} <{rdf}subject> <{base}e/{s}> .\n{a} <{rdf}predicate> <{kg}{p}> .\n"
                f"{a} <{rdf}object> <{base}e/{o}> .\n{a} <{kg}confidence> \"{c}\"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n"
                f"{a} <{kg}negated> \"{str(rng.random() < 0.05).lower()}\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n"
                f"{a} <http://www.w3.org/ns/prov#wasDerivedFrom> <{base}doc/{rng.randrange(n_doc)}> .\n"
                f"{a} <{kg}sentence> \"Sentence {i} says entity {s} {p} entity {o}.\" .\n{a} <{kg}startChar> \"{i}\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                f"{a} <{kg}endChar> \"{i + 40}\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n{a} <{kg}rule> \"svo\" .\n"
                f"{a} <{kg}modality> \"asserted\" .\n<{base}e/{s}> <{kg}{p}> <{base}e/{o}> .\n"
            )


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def bench(path: Path, fmt: str) -> dict[str, float]:
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.query import read_query

    who = read_query("who-met-whom")
    oxfmt = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
    prefixes = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    res: dict[str, float] = {}
    res["rdflib load"], g = timed(lambda: Graph().parse(path, format=fmt))
    res["triples"] = len(g)
    res["rdflib join"], rows = timed(lambda: list(g.query(JOIN)), 3)
    res["rdflib who-met-whom"], _ = timed(lambda: list(g.query(who)), 3)
    del g
    def mem():
        s = ox.Store()
        s.bulk_load(path=str(path), format=oxfmt)
        return s
    res["oxigraph memory load"], s = timed(mem)
    res["oxigraph memory join"], orows = timed(lambda: list(s.query(JOIN)), 3)
    res["oxigraph memory who-met-whom"], _ = timed(lambda: list(s.query(who, prefixes=prefixes)), 3)
    assert len(orows) == len(rows), (len(orows), len(rows))
    del s
    tmp = Path(tempfile.mkdtemp())
    try:
        def disk():
            s = ox.Store(str(tmp / "db"))
            s.bulk_load(path=str(path), format=oxfmt)
            s.flush()
            s.optimize()
            return s
        res["oxigraph disk load"], s = timed(disk)
        del s
        s = ox.Store.read_only(str(tmp / "db"))
        res["oxigraph disk join"], _ = timed(lambda: list(s.query(JOIN)), 3)
        res["oxigraph disk who-met-whom"], _ = timed(lambda: list(s.query(who, prefixes=prefixes)), 3)
        del s
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graphs", nargs="*", type=Path)
    ap.add_argument("--synthetic", type=int, default=0, metavar="N", help="also time a synthetic graph of about N triples")
    args = ap.parse_args()
    cases = [(p, "turtle") for p in args.graphs]
    if args.synthetic:
        path = Path(tempfile.mkdtemp()) / "synthetic.nt"
        synthetic(args.synthetic, path)
        cases.append((path, "nt"))
    for path, fmt in cases:
        r = bench(path, fmt)
        print(f"\n{path.name}: {int(r.pop('triples')):,} triples")
        for k, v in r.items():
            print(f"  {k:32} {v:8.3f} s")
        print(f"  load ratio rdflib/oxigraph-memory   {r['rdflib load'] / r['oxigraph memory load']:8.1f}x")
        print(f"  join ratio rdflib/oxigraph-memory   {r['rdflib join'] / max(r['oxigraph memory join'], 1e-6):8.1f}x")


if __name__ == "__main__":
    main()
