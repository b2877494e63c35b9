"""Median time of the saved queries on a built graph, on the store kg queries with (Oxigraph).

Loads ``graph.ttl`` into kg's store (``kg.store.GraphStore``: Oxigraph in memory, or the on-disk
store with ``--store``), then runs each saved query a few times and prints the median, the
fastest and the number of rows. The default questions are the ones issue 6 names: the one-hop
neighbourhood of an entity, who met whom, and everything about an entity.

    python benchmarks/queries.py /tmp/reuters/graph.ttl --name "United States" --repeat 7
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", type=Path, help="a graph.ttl (or a store folder with --store)")
    parser.add_argument("--name", default="United States", help="entity for the neighbourhood and about queries")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each query (median reported)")
    parser.add_argument("--store", action="store_true", help="GRAPH is an on-disk store folder")
    parser.add_argument("--queries", nargs="+", default=["neighbourhood", "who-met-whom", "about"], help="saved query names")
    args = parser.parse_args(argv)

    from kg.ontology import saved_queries
    from kg.store import GraphStore, open_store

    started = time.perf_counter()
    if args.store:
        store = open_store(args.graph)
    else:
        store = GraphStore()
        store.load(args.graph)
    load_s = time.perf_counter() - started
    print(f"{args.graph}: {len(store):,} triples loaded in {load_s:.2f} s")
    print(f"{'query':16} {'median ms':>10} {'min ms':>8} {'rows':>7}")
    saved = saved_queries()
    for name in args.queries:
        text = saved[name].read_text(encoding="utf-8")
        bindings = {"name": args.name} if "?name" in text else None
        times, rows = [], 0
        for _ in range(args.repeat):
            t = time.perf_counter()
            result = store.query(text, bindings=bindings)
            rows = len(result.rows)
            times.append((time.perf_counter() - t) * 1000)
        print(f"{name:16} {statistics.median(times):>10.1f} {min(times):>8.1f} {rows:>7,}")


if __name__ == "__main__":
    main()
