"""How fast does graph.html become usable? Load-to-interactive time of kg.views pages.

For synthetic news-like graphs (default 200, 2,000, 10,000 and 50,000 entities) and for any
saved graph (``--graph output/graph.ttl``) this prints, per page: the time to generate it in
Python, its size, whether it opened on clusters, and the time from navigation start until
the network is interactive in headless Chromium (``kgView.readyAt``: vis-network's first
``stabilized`` event with physics on, its first ``afterDrawing`` otherwise), each run and
their median. ``--flat`` draws every entity instead of opening on clusters (what
vis-network's own clustering would have to load before it could fold anything).
``--screenshots DIR`` saves a screenshot of each page as it opened and checks what it shows:
how many labels are drawn with dark text pixels under them, how many drawn nodes no edge
touches (an orphan ring would be full of them), and that the entities drawn plus the members
of the cluster nodes are every entity with facts (so each is one double click away).
``--layouts`` also times the layout step against python-igraph and SciPy-backed
``networkx.spring_layout`` when those happen to be importable (neither is a kg dependency).

Run::

    python benchmarks/view_load.py [--sizes 200 2000 10000 50000] [--graph G.ttl] [--flat]
                                   [--screenshots DIR] [--layouts]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg import views  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
#: What a page shows: labels drawn with ink under them, lonely nodes, entities reachable.
CONTENT_JS = """() => {
    const c = document.querySelector('#mynetwork canvas'), r = window.devicePixelRatio || 1;
    const ctx = c.getContext('2d');
    const inked = kgView.labels.filter(l => {
        const d = ctx.getImageData(Math.max(0, l.x * r), Math.max(0, l.y * r),
                                   Math.max(1, l.w * r), Math.max(1, l.h * r)).data;
        let dark = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && d[i] < 90 && d[i + 1] < 90 && d[i + 2] < 90) dark++;
        return dark > 20; }).length;
    const touched = new Set();
    network.body.data.edges.forEach(e => { touched.add(e.from); touched.add(e.to); });
    const nodes = network.body.data.nodes.get();
    const reachable = nodes.reduce((a, n) => a + (n.kgSize !== undefined ? n.kgSize : 1), 0);
    return {labels: kgView.labels.length, inked: inked, nodes: nodes.length,
            lonely: nodes.filter(n => n.kgSize === undefined && !touched.has(n.id)).length, reachable: reachable,
            top: kgView.labels.slice(0, 5).map(l => l.text)};
}"""
#: On a page that opened on clusters: ms to open the largest cluster and draw it, to select
#: an entity of another closed cluster (as search does), and to find the paths between the
#: most important entities of two clusters (as the path finder does), each until drawn.
INTERACT_JS = """async () => {
    const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const C = JSON.parse(document.getElementById('kg-data').textContent).communities;
    const big = C.findIndex(c => !c.open), next = C.findIndex((c, k) => k > big && !c.open);
    const out = {size: C[big].members.length};
    let t = performance.now(); kgView.openCluster(big); await frames(); out.open = performance.now() - t;
    kgView.closeCluster(big); await frames();
    t = performance.now(); kgView.select(C[next].members[0]); await frames(); out.select = performance.now() - t;
    kgView.closeCluster(next); kgView.clearFocus(); await frames();
    t = performance.now(); const found = kgView.findPath(C[big].members[0], C[next].members[0]); await frames();
    out.path = performance.now() - t; out.paths = found.length; out.hops = found.length ? found[0].length - 1 : 0;
    return out;
}"""
TYPES = ["Person", "Organization", "Country", "City", "Region", "Event", "Group", "Thing"]
RELATIONS = ["meets", "memberOf", "holdsPosition", "leads", "locatedIn", "visits",
             "express concern about", "criticise"]


def synthetic_graph(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """A preferential-attachment graph (about two edges per node) shaped like kg.project's."""
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n, 2, seed=seed)
    G = nx.MultiDiGraph(name=f"synthetic-{n}")
    for i in skeleton.nodes:
        G.add_node(f"urn:kg:e{i}", label=f"Entity {i}", type=rng.choice(TYPES),
                   aliases=[f"E{i}"], mentions=rng.randint(1, 20),
                   docs=[f"Article {rng.randint(1, 500)}" for _ in range(rng.randint(1, 4))])
    for u, v in skeleton.edges:
        rel = rng.choice(RELATIONS)
        G.add_edge(f"urn:kg:e{u}", f"urn:kg:e{v}", key=rel, relation=rel,
                   predicate=f"urn:kg:{rel.replace(' ', '_')}", weight=rng.randint(1, 5),
                   confidence=round(rng.random(), 2), open=" " in rel,
                   sources=[{"doc": "d1", "title": "Article 1", "sentence": f"{u} {rel} {v}."}])
    return G


def pages(sizes: list[int], graph: Path | None, flat: bool):
    """(name, graph) pairs to measure: synthetic sizes, then the saved graph if given."""
    for n in sizes:
        yield f"synthetic {n}", synthetic_graph(n)
    if graph is not None:
        from kg.project import project
        from kg.rdf import load_graph

        yield graph.name, project(load_graph(graph))


def load_times(sizes: list[int], repeats: int, graph: Path | None = None, flat: bool = False,
               screenshots: Path | None = None) -> None:
    """Print generation time, page size and browser load-to-interactive time per graph."""
    from playwright.sync_api import sync_playwright

    print(f"{'graph':>16} {'entities':>8} {'w/facts':>8} {'facts':>7} {'mode':>9} {'gen s':>6} "
          f"{'MB':>6} {'ready s (each run)':>20} {'median':>6}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, G in pages(sizes, graph, flat):
            t0 = time.perf_counter()
            page = views.generate_html(G, cluster_above=10**9 if flat else None)
            gen = time.perf_counter() - t0
            path = Path(tmp) / "view.html"
            path.write_text(page, encoding="utf-8")
            runs = []
            for _ in range(repeats):
                tab = browser.new_page(viewport={"width": 1280, "height": 800})
                tab.goto(path.as_uri())
                tab.wait_for_function("window.kgView && window.kgView.ready", timeout=600_000,
                                      polling=50)
                runs.append(tab.evaluate("kgView.readyAt") / 1000)
                meta = tab.evaluate("kgView.meta")
                if screenshots is not None and len(runs) == repeats:
                    screenshots.mkdir(parents=True, exist_ok=True)
                    shot = screenshots / (name.replace(" ", "-").replace("/", "_") + ".png")
                    tab.wait_for_timeout(200)
                    tab.screenshot(path=str(shot))
                    content = tab.evaluate(CONTENT_JS)
                    if meta["clustered"]:
                        content["interact"] = tab.evaluate(INTERACT_JS)
                tab.close()
            mode = "clusters" if meta["clustered"] else "physics" if meta["physics"] else "entities"
            print(f"{name:>16} {meta['entities']:>8} {meta['drawn']:>8} {meta['facts']:>7} {mode:>9} "
                  f"{gen:>6.1f} {len(page.encode()) / 1e6:>6.1f} "
                  f"{' '.join(f'{r:.2f}' for r in runs):>20} {statistics.median(runs):>6.2f}", flush=True)
            if screenshots is not None:
                print(f"{'':>16} {shot}: {content['nodes']} nodes drawn, {content['labels']} labels "
                      f"({content['inked']} with ink), {content['lonely']} without an edge, "
                      f"{content['reachable']} of {meta['drawn']} entities with facts reachable; "
                      f"top labels: {', '.join(content['top'])}", flush=True)
                if "interact" in content:
                    i = content["interact"]
                    print(f"{'':>16} open the largest cluster ({i['size']} entities) {i['open'] / 1000:.2f} s, "
                          f"select an entity in a closed cluster {i['select'] / 1000:.2f} s, "
                          f"{i['paths']} shortest paths of {i['hops']} hops {i['path'] / 1000:.2f} s", flush=True)
        browser.close()


def layout_times(sizes: list[int]) -> None:
    """Print the layout time of kg.views and, when importable, igraph and SciPy networkx."""
    from kg.views.data import page_data

    for n in sizes:
        G = synthetic_graph(n)
        t0 = time.perf_counter()
        page_data(G, title="", cluster_above=1, physics=False, physics_limit=0)
        print(f"{n:>7} kg.views.data.page_data (PageRank, Louvain, layout) "
              f"{time.perf_counter() - t0:7.2f} s")
        simple = nx.Graph(G)
        try:
            import igraph
        except ImportError:
            print(f"{n:>7} igraph not importable")
        else:
            ig = igraph.Graph.from_networkx(simple)
            for name in ("layout_fruchterman_reingold", "layout_drl"):
                t0 = time.perf_counter()
                getattr(ig, name)()
                print(f"{n:>7} igraph.{name} {time.perf_counter() - t0:7.2f} s")
        try:
            import scipy  # noqa: F401
        except ImportError:
            print(f"{n:>7} scipy not importable: nx.spring_layout fails at >= 500 nodes")
        else:
            t0 = time.perf_counter()
            nx.spring_layout(simple, seed=42)
            print(f"{n:>7} nx.spring_layout (SciPy energy) {time.perf_counter() - t0:7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[200, 2000, 10000, 50000])
    parser.add_argument("--graph", type=Path, help="also measure the view of this saved graph")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--flat", action="store_true", help="draw every entity, no clusters")
    parser.add_argument("--screenshots", type=Path, help="save and check a screenshot of each page here")
    parser.add_argument("--layouts", action="store_true", help="also time layout libraries")
    args = parser.parse_args()
    load_times(args.sizes, args.repeats, args.graph, args.flat, args.screenshots)
    if args.layouts:
        layout_times([s for s in args.sizes if s >= 1000] or args.sizes)


if __name__ == "__main__":
    main()
