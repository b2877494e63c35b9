"""Load on ``kg serve``: concurrent clients over the saved queries, and runaway queries among them.

Starts ``kg serve TARGET`` (the command a user runs) on 127.0.0.1 and runs ``--clients``
threads for ``--seconds``, each sending the saved queries in turn (``?name`` bound with
``--name``, ``members`` with ``--org``) as SPARQL 1.1 Protocol POSTs asking for JSON results,
and checking that every answer is a complete JSON document. Every loop is bounded in time and
in count, and only loopback is ever addressed. Meanwhile, ``--runaway`` clients send a query
that runs for hours (a three-way cross product, by turns COUNTed, ORDERed and listed), each
after the previous one was stopped: they must get an HTTP error within ``--timeout`` + 1 s.

Prints requests, errors, requests/s, p50/p99 latency overall and by query, the runaway
queries' answer times, and the server's peak memory (``kg serve`` and its query processes,
sampled every 0.2 s, and the sum of each process's own peak).

    python benchmarks/serve_load.py /tmp/reuters-store --clients 32 --seconds 60 --timeout 5
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNAWAY = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 10",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
]
MAX_REQUESTS_PER_CLIENT = 1_000_000  # a bound besides the clock
#: The saved queries a user asks interactively (about one entity, or short lists). The other two,
#: denied-or-hypothetical and disagreements, scan every assertion of the corpus: on all of
#: Reuters they take 4 s and 85 s alone, so they are timed once each, not put under load.
INTERACTIVE = ["about", "meetings", "members", "neighbourhood", "positions", "who-met-whom"]


def queries(name: str, org: str) -> dict[str, str]:
    """The saved queries as the server gets them: ``?name`` bound with an inline VALUES block."""
    from kg.ontology import saved_queries
    from kg.store import _with_values

    out = {}
    for key, path in saved_queries().items():
        text = path.read_text(encoding="utf-8")
        if "?name" in text:
            text = _with_values(text, {"name": org if key == "members" else name})
        out[key] = text
    return out


def post(url: str, query: str, timeout: float) -> tuple[int, bytes]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def rss_kb(pid: int, field: str = "VmRSS") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree(pid: int) -> list[int]:
    """``pid`` and its descendants (from /proc)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children[ppid].append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def runaway_client(i: int, url: str, timeout: int, deadline: float, found) -> None:  # noqa: ANN001
    """Send runaway queries one after the other until the load ends; report each answer's time."""
    for n in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() + timeout + 2 >= deadline:
            return
        query = RUNAWAY[(i + n) % len(RUNAWAY)]
        t = time.perf_counter()
        try:
            status, _ = post(url, query, timeout + 30)
        except OSError:
            status = -1
        found.put((query.split(" WHERE")[0][:40], status, time.perf_counter() - t))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="a store folder (kg build --store) or a graph.ttl")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--timeout", type=int, default=5, help="the server's query time limit (kg serve --timeout)")
    parser.add_argument("--workers", type=int, default=4, help="kg serve --workers")
    parser.add_argument("--runaway", type=int, default=1, help="clients sending runaway queries meanwhile")
    parser.add_argument("--queries", nargs="+", default=INTERACTIVE,
                        help="saved queries in the mix (default: all but the corpus-wide reports, which are "
                             "timed once each and listed apart)")
    parser.add_argument("--name", default="United States")
    parser.add_argument("--org", default="OPEC")
    args = parser.parse_args(argv)

    from kg.serve import free_port

    port = free_port()
    kg = Path(sys.executable).parent / "kg"
    cmd = [str(kg), "serve", str(args.target), "--port", str(port), "--timeout", str(args.timeout),
           "--workers", str(args.workers)]
    started = time.monotonic()
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    banner = server.stdout.readline().strip()
    if not banner.startswith("SPARQL endpoint"):
        server.kill()
        raise SystemExit(f"kg serve did not start: {banner} {server.stderr.read()}")
    url = f"http://127.0.0.1:{port}/query"
    print(f"{' '.join(cmd[1:])}: ready in {time.monotonic() - started:.1f} s")
    saved = queries(args.name, args.org)
    for key, text in saved.items():  # warm up, and show what each query returns
        if key not in args.queries:
            print(f"  {key:24} (not in the mix)")
            continue
        t = time.perf_counter()
        status, body = post(url, text, args.timeout + 30)
        rows = len(json.loads(body)["results"]["bindings"]) if status == 200 else body[:80]
        print(f"  {key:24} {status} {rows} rows  {1000 * (time.perf_counter() - t):.0f} ms")

    peak = {"sum": 0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.2):
            peak["sum"] = max(peak["sum"], sum(rss_kb(p) for p in tree(server.pid)))

    latencies: dict[str, list[float]] = defaultdict(list)
    errors: Counter = Counter()
    runaway: list[tuple[str, int, float]] = []
    deadline = time.monotonic() + args.seconds
    names = sorted(k for k in saved if k in args.queries)

    def client(i: int) -> None:
        for n in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= deadline:
                return
            key = names[(i + n) % len(names)]
            t = time.perf_counter()
            try:
                status, body = post(url, saved[key], args.timeout + 30)
                if status != 200:
                    errors[f"{key}: HTTP {status}"] += 1
                    continue
                json.loads(body)["results"]["bindings"]
            except (OSError, ValueError, KeyError) as exc:
                errors[f"{key}: {type(exc).__name__}"] += 1
                continue
            latencies[key].append(time.perf_counter() - t)

    import multiprocessing

    found: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()

    monitor = threading.Thread(target=sample, daemon=True)
    monitor.start()
    # Runaway clients run in processes of their own, so the load generator's threads (which
    # parse every answer under one GIL) do not delay their clocks.
    ctx = multiprocessing.get_context("fork")
    runaways = [ctx.Process(target=runaway_client, args=(i, url, args.timeout, deadline, found))
                for i in range(args.runaway)]
    for p in runaways:
        p.start()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for p in runaways:
        p.join()
    while not found.empty():
        runaway.append(found.get())
    elapsed = time.monotonic() - t0
    stop.set()
    monitor.join()
    hwm = sum(rss_kb(p, "VmHWM") for p in tree(server.pid))
    server.terminate()
    server.wait(timeout=30)

    every = sorted(x for v in latencies.values() for x in v)
    total = len(every) + sum(errors.values())

    def pct(xs: list[float], q: float) -> float:
        return 1000 * xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")

    print(f"\n{args.clients} clients, {elapsed:.1f} s, {os.cpu_count()} cores, kg serve --timeout {args.timeout} "
          f"--workers {args.workers}")
    print(f"requests {total:,}  errors {sum(errors.values())}  {total / elapsed:.1f} req/s  "
          f"p50 {pct(every, 0.5):.0f} ms  p99 {pct(every, 0.99):.0f} ms")
    print(f"{'query':24} {'n':>6} {'p50 ms':>8} {'p99 ms':>8}")
    for key in names:
        xs = sorted(latencies[key])
        print(f"{key:24} {len(xs):>6} {pct(xs, 0.5):>8.0f} {pct(xs, 0.99):>8.0f}")
    for kind, n in errors.most_common():
        print(f"error: {kind} x{n}")
    if runaway:
        stopped = [s for _, s, _ in runaway]
        worst = max(d for _, _, d in runaway)
        print(f"runaway queries: {len(runaway)}, answered {dict(Counter(stopped))}, slowest answer {worst:.2f} s "
              f"(limit {args.timeout} s + 1 s = {args.timeout + 1} s)")
    print(f"server peak memory: {peak['sum'] / 1024:.0f} MB (sum sampled every 0.2 s), "
          f"{hwm / 1024:.0f} MB (sum of each process's peak)")
    if (errors or any(s != 503 or d > args.timeout + 1 for _, s, d in runaway)):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
