"""Tests of kg.views: the self-contained HTML network view, ego and filter subgraphs.

The unit tests read the generated page; the browser tests open it from a file:// URL in
headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) and check what an
analyst sees: no network request, the drawn counts, legend, search, filters, tooltips, and
that script payloads in article text stay text.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from kg import views
from test_export_graph import gexf13_schema  # noqa: F401
from kg.errors import KGError

P = "urn:kg:entity/"
XSS_SCRIPT = "<script>window.__pwned=1</script>"
XSS_IMG = '<img src=x onerror="window.__pwned=1">'
XSS_URL = "javascript:window.__pwned=1"


def _node(G, key, label, cls, *, aliases=(), mentions=1, docs=()):
    G.add_node(P + key, label=label, type=cls, aliases=list(aliases), mentions=mentions,
               docs=list(docs))


def _edge(G, u, v, relation, *, weight=1, confidence=0.8, sources=(), open_=False):
    G.add_edge(P + u, P + v, key=relation, relation=relation, predicate=f"urn:kg:rel/{relation}",
               weight=weight, confidence=confidence, sources=list(sources), open=open_)


def _src(doc, title, sentence):
    return {"doc": doc, "title": title, "sentence": sentence}


def news_graph(reverse: bool = False) -> nx.MultiDiGraph:
    """Two articles' worth of entities of every class, with parallel and reverse edges."""
    G = nx.MultiDiGraph(name="news")
    nodes = [
        ("merkel", "Angela Merkel", "Person", ["Merkel", "Chancellor Merkel"], 5, ["Summit opens"]),
        ("macron", "Emmanuel Macron", "Person", ["Macron"], 4, ["Summit opens", "Paris talks"]),
        ("eu", "European Union", "Organization", ["EU"], 3, ["Summit opens"]),
        ("nato", "NATO", "Organization", [], 2, ["Paris talks"]),
        ("germany", "Germany", "Country", [], 2, ["Summit opens"]),
        ("france", "France", "Country", [], 2, ["Paris talks"]),
        ("berlin", "Berlin", "City", [], 1, ["Summit opens"]),
        ("balkans", "Western Balkans", "Region", [], 1, ["Paris talks"]),
        ("elysee", "Elysee Palace", "Facility", [], 1, ["Paris talks"]),
        ("alps", "Alps", "Place", [], 1, ["Paris talks"]),
        ("greens", "the Greens", "Group", [], 1, ["Summit opens"]),
        ("g7", "G7 summit", "Event", ["G7"], 2, ["Summit opens"]),
        ("chancellor", "Chancellor", "Position", [], 1, ["Summit opens"]),
        ("gadget", "Gadget", "Widget", [], 1, []),  # unknown class: drawn as Thing
    ]
    edges = [
        ("merkel", "macron", "meets", 3, [_src("d1", "Summit opens", "Merkel met Macron."),
                                          _src("d2", "Paris talks", "Macron and Merkel met.")]),
        ("merkel", "macron", "express concern about", 1,
         [_src("d1", "Summit opens", "Merkel expressed concern about Macron's plan.")]),
        ("macron", "merkel", "meets", 2, [_src("d2", "Paris talks", "Macron met Merkel.")]),
        ("merkel", "chancellor", "holdsPosition", 4,
         [_src("d1", "Summit opens", "Chancellor Merkel spoke.")]),
        ("germany", "eu", "memberOf", 2, [_src("d1", "Summit opens", "Germany, an EU member.")]),
        ("france", "eu", "memberOf", 1, [_src("d2", "Paris talks", "France is in the EU.")]),
        ("france", "nato", "memberOf", 1, [_src("d2", "Paris talks", "France joined NATO.")]),
        ("berlin", "germany", "locatedIn", 1, [_src("d1", "Summit opens", "Berlin, Germany.")]),
        ("merkel", "g7", "visits", 1, [_src("d1", "Summit opens", "Merkel went to the G7.")]),
        ("macron", "elysee", "locatedIn", 1, [_src("d2", "Paris talks", "Macron at the Elysee.")]),
        ("greens", "merkel", "criticise", 1,
         [_src("d1", "Summit opens", "The Greens criticised Merkel.")]),
        ("macron", "balkans", "visits", 1,
         [_src("d2", "Paris talks", "Macron toured the Balkans.")]),
    ]
    for args in (reversed(nodes) if reverse else nodes):
        _node(G, args[0], args[1], args[2], aliases=args[3], mentions=args[4], docs=args[5])
    for u, v, rel, w, sources in (reversed(edges) if reverse else edges):
        _edge(G, u, v, rel, weight=w, sources=sources, open_=" " in rel)
    return G


def xss_graph() -> nx.MultiDiGraph:
    """Every text field of nodes and edges holding a script payload."""
    G = nx.MultiDiGraph(name=XSS_SCRIPT)
    _node(G, "a", XSS_SCRIPT, "Person", aliases=[XSS_IMG, XSS_URL], docs=[XSS_IMG, XSS_SCRIPT])
    _node(G, "b", XSS_IMG, "Organization", aliases=[XSS_SCRIPT], docs=[XSS_URL])
    _node(G, "c", XSS_URL, "Country", docs=["</script><!--\u2028"])
    _edge(G, "a", "b", XSS_SCRIPT, sources=[_src("d1", XSS_IMG, XSS_SCRIPT),
                                            _src("d2", XSS_SCRIPT, XSS_IMG)])
    _edge(G, "b", "c", "meets", sources=[_src("d3", XSS_URL, XSS_URL + " " + XSS_IMG)])
    _edge(G, "c", "a", XSS_IMG, sources=[_src("d4", "</script><script>window.__pwned=1</script>",
                                              "<!--<script>window.__pwned=1</script>")])
    return G


def page_json(page: str) -> dict:
    """The data document a page carries."""
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def rows(page: str) -> tuple[list[dict], list[dict], dict]:
    """The entities and facts of a page as dicts, and the whole data document."""
    data = page_json(page)
    nodes = [dict(zip(data["meta"]["nodeFields"], r)) for r in data["nodes"]]
    facts = [dict(zip(data["meta"]["factFields"], r)) for r in data["facts"]]
    return nodes, facts, data


def script_bodies(page: str) -> list[str]:
    """The text of each <script> element, as an HTML parser splits the page."""

    class Scripts(HTMLParser):
        def __init__(self):
            super().__init__()
            self.bodies: list[str] = []
            self.inside = False

        def handle_starttag(self, tag, attrs):
            if tag == "script":
                self.bodies.append("")
                self.inside = True

        def handle_endtag(self, tag):
            self.inside = self.inside and tag != "script"

        def handle_data(self, data):
            if self.inside:
                self.bodies[-1] += data

    parser = Scripts()
    parser.feed(page)
    return parser.bodies


def markup(page: str) -> str:
    """The page without inline script bodies (vis-network's code names URLs in strings)."""
    return re.sub(r"(<script\b[^>]*>).*?(</script>)", r"\1\2", page, flags=re.S)


def orphan_graph() -> nx.MultiDiGraph:
    """The news graph plus entities no fact touches (most names in a news build are such)."""
    G = news_graph()
    for i in range(30):
        _node(G, f"lonely{i:02d}", f"Lonely {i:02d}", "Person", docs=["Summit opens"])
    return G


def clustered_graph(n: int = 3000, orphans: int = 500) -> nx.MultiDiGraph:
    """A few thousand entities in communities (a planted partition), plus orphans."""
    import random

    rng = random.Random(5)
    G = nx.MultiDiGraph(name=f"clustered-{n}")
    skeleton = nx.random_partition_graph([n // 30] * 30, 6 / (n // 30), 0.0003, seed=5)  # ~6 inside
    for i in skeleton:
        _node(G, f"c{i:05d}", f"Name {i:05d}", rng.choice(["Person", "Organization", "Country", "City"]),
              aliases=[f"N{i}"], docs=[f"Story {i % 40}"])
    for u, v in sorted(skeleton.edges):
        rel = rng.choice(["meets", "memberOf", "visits"])
        _edge(G, f"c{u:05d}", f"c{v:05d}", rel, sources=[_src(f"s{u % 40}", f"Story {u % 40}",
                                                                f"Name {u:05d} {rel} Name {v:05d}.")])
    for i in range(orphans):
        _node(G, f"o{i:05d}", f"Orphan {i:05d}", "Thing", docs=[f"Story {i % 40}"])
    return G


# -- page content ----------------------------------------------------------------------------


def test_views_exports():
    assert sorted(views.__all__) == ["ego_graph", "filter_graph", "generate_html", "write_html"]


def test_views_has_a_style_for_every_projected_class():
    from kg.project import ENTITY_CLASSES

    assert set(ENTITY_CLASSES) <= set(views.CLASSES)
    assert len(set(views.CLASSES.values())) == len(views.CLASSES)  # no two look the same


def test_views_package_data_ships_with_the_package():
    from importlib import resources

    names = {p.name for p in resources.files("kg.views").iterdir()}
    assert {"template.html", "view.css", "graph.js", "panel.js", "tools.js"} <= names
    assert not any(n.startswith("vis") for n in names)  # vis-network comes from pyvis


def test_views_deterministic_bytes():
    a = views.generate_html(news_graph())
    assert a == views.generate_html(news_graph())
    # insertion order of nodes and edges does not matter either
    assert a == views.generate_html(news_graph(reverse=True))
    big = clustered_graph(600, 50)
    assert views.generate_html(big, cluster_above=100) == views.generate_html(big, cluster_above=100)


def test_views_no_external_references():
    page = views.generate_html(news_graph())
    tags = markup(page)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", tags, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//|@import""", page, re.I)
    assert "<link" not in tags and "bootstrap" not in page and "cdnjs" not in page
    assert "sourceMappingURL" not in page
    # vis-network is inlined from the installed pyvis, not fetched
    assert "<script src" not in tags and "vis.Network" in page
    from importlib import resources

    vis = resources.files("pyvis").joinpath("lib", "vis-9.1.2", "vis-network.min.js").read_text()
    assert vis[:2000] in page


def test_views_escapes_markup_in_labels_and_sentences():
    G = nx.MultiDiGraph()
    _node(G, "a", "<script>alert(1)</script>", "Person")
    _node(G, "b", "B", "Thing")
    _edge(G, "a", "b", "says", sources=[_src("d", "T", "<img src=x onerror=alert(1)>")])
    page = views.generate_html(G, title="<b>x</b>")
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x onerror=alert(1)>" not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in page
    nodes, facts, data = rows(page)
    assert nodes[0]["label"] == "<script>alert(1)</script>"  # the data survives, as text
    assert data["sentences"][facts[0]["sources"][0][1]] == "<img src=x onerror=alert(1)>"


def test_views_embedded_json_cannot_close_script():
    page = views.generate_html(xss_graph(), title=XSS_SCRIPT)
    # an HTML parser sees exactly the three scripts meant: no payload closed one early
    scripts = script_bodies(page)
    assert len(scripts) == 3
    assert "vis-network" in scripts[0] and "kgView" in scripts[2]
    assert json.loads(scripts[1])["meta"]["title"] == XSS_SCRIPT
    tags = markup(page)
    assert "__pwned" not in tags.replace("&lt;script&gt;window.__pwned=1&lt;/script&gt;", "")  # escaped title
    for needle in (XSS_SCRIPT, XSS_IMG, "<!--<script>", "\u2028", "\u2029"):
        assert needle not in page


def test_views_empty_graph():
    page = views.generate_html(nx.MultiDiGraph(name="empty"))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert '<div id="kg-note" role="status">no entities</div>' in page
    nodes, facts, data = rows(page)
    assert nodes == [] and facts == [] and data["communities"] == []


def test_views_keeps_every_entity_and_draws_only_those_with_facts():
    G = orphan_graph()
    nodes, facts, data = rows(views.generate_html(G))
    assert len(nodes) == G.number_of_nodes() == 44 and len(facts) == G.number_of_edges()
    meta = data["meta"]
    assert (meta["entities"], meta["drawn"], meta["orphans"]) == (44, 12, 32)
    degree = dict(G.degree())
    assert {n["iri"]: n["degree"] for n in nodes} == degree
    # orphans sit in a block beside the drawing, never around it
    drawn_x = [n["x"] for n in nodes if n["degree"]]
    assert all(n["x"] > max(drawn_x) for n in nodes if not n["degree"])


def test_views_communities_are_those_of_kg_stats():
    from kg.stats import _stats

    G = clustered_graph(600, 50)
    nodes, _, data = rows(views.generate_html(G, cluster_above=100))
    assert data["meta"]["clustered"] is True
    assert data["meta"]["drawn"] == sum(1 for n in G if G.degree(n)) > 500
    stats = _stats(G, [], top=1, seed=42)
    ours = {frozenset(nodes[i]["iri"] for i in c["members"]) for c in data["communities"]}
    theirs = {frozenset(c.ids) for c in stats.communities}
    assert ours == theirs
    for c, comm in enumerate(data["communities"]):  # members best first, and numbered
        assert all(nodes[i]["community"] == c for i in comm["members"])
    assert rows(views.generate_html(G))[2]["meta"]["clustered"] is False  # 600 <= 2000


def test_views_small_communities_open_at_load_within_budget():
    G = clustered_graph(600, 0)
    for i in range(80):  # eighty two-name stories
        _node(G, f"p{i}a", f"Pair {i} A", "Person")
        _node(G, f"p{i}b", f"Pair {i} B", "City")
        _edge(G, f"p{i}a", f"p{i}b", "visits")
    _, _, data = rows(views.generate_html(G, cluster_above=100))
    opened = [len(c["members"]) for c in data["communities"] if c["open"]]
    closed = [len(c["members"]) for c in data["communities"] if not c["open"]]
    assert 96 < sum(opened) <= 100  # up to the budget, 100 entities' worth
    assert max(opened) <= 4 and max(opened) <= min(closed)  # smallest first, never a big one


def test_views_layout_separates_components_and_communities():
    G = clustered_graph(600, 0)
    nodes, _, data = rows(views.generate_html(G))
    xy = {(n["x"], n["y"]) for n in nodes}
    assert len(xy) == len(nodes) and all(isinstance(v, int) for p in xy for v in p)
    # each community is drawn compactly: its members are nearer their centre than others are
    for comm in data["communities"][:5]:
        inside = {i for i in comm["members"]}
        d_in = sorted(((nodes[i]["x"] - comm["x"]) ** 2 + (nodes[i]["y"] - comm["y"]) ** 2) ** 0.5 for i in inside)
        d_out = sorted(((n["x"] - comm["x"]) ** 2 + (n["y"] - comm["y"]) ** 2) ** 0.5
                       for k, n in enumerate(nodes) if k not in inside)
        assert d_in[len(d_in) * 9 // 10] < d_out[len(d_out) // 10]


def test_views_layout_places_nodes_beyond_the_core(monkeypatch):
    from kg.views import layout

    monkeypatch.setattr(layout, "FULL_LAYOUT_LIMIT", 50)
    monkeypatch.setattr(layout, "COMMUNITY_LAYOUT_ABOVE", 10_000)
    G = nx.barabasi_albert_graph(200, 1, seed=5)
    names = [f"n{i}" for i in G]
    pos = layout.layout(names, list(G.edges), [0] * 200, [G.degree(i) for i in G])
    assert len(set(pos)) == 200
    assert pos == layout.layout(names, list(G.edges), [0] * 200, [G.degree(i) for i in G])


_FR_DIGEST = """
import hashlib, random
from kg.views.layout import fruchterman_reingold
rng = random.Random(4)
pairs = {tuple(sorted(rng.sample(range(1500), 2))) for _ in range(3000)}
print(hashlib.sha256(fruchterman_reingold(1500, pairs).tobytes()).hexdigest())
"""


def test_views_layout_does_not_depend_on_blas_threads():
    """The same positions whether OpenBLAS runs one thread or two: the page's bytes do not depend
    on the machine's cores (whole-matrix BLAS products made them depend on it, by how the threads
    split their sums)."""
    import subprocess
    import sys

    digests = set()
    for threads in ("1", "2"):
        env = {**os.environ, "OPENBLAS_NUM_THREADS": threads, "OMP_NUM_THREADS": threads}
        done = subprocess.run([sys.executable, "-c", _FR_DIGEST], env=env, capture_output=True, text=True, check=True)
        digests.add(done.stdout.strip())
    assert len(digests) == 1


def test_views_layout_bands_keep_the_layout(monkeypatch):
    """The force layout made a few rows at a time is a layout: distinct points, linked nodes nearer
    than unlinked ones, and the same for the same input."""
    import numpy as np

    from kg.views import layout

    monkeypatch.setattr(layout, "_BAND_CELLS", 1000)  # several bands of 6 rows at 160 nodes
    G = nx.connected_caveman_graph(8, 20)
    pairs = {tuple(sorted(e)) for e in G.edges}
    xy = layout.fruchterman_reingold(160, pairs)
    assert np.array_equal(xy, layout.fruchterman_reingold(160, pairs)) and len({tuple(p) for p in xy.tolist()}) == 160
    d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    linked = np.mean([d[u, v] for u, v in pairs])
    assert linked < 0.5 * d[np.triu_indices(160, 1)].mean()


def test_views_style_by_class_degree_and_sources():
    nodes, facts, data = rows(views.generate_html(news_graph()))
    by_label = {n["label"]: n for n in nodes}
    classes = {c[0]: c[1:] for c in data["classes"]}
    assert classes["Person"] == list(views.CLASSES["Person"])
    assert by_label["Gadget"]["cls"] == "Thing"  # an unknown class is drawn as Thing
    assert by_label["Angela Merkel"]["size"] > by_label["Berlin"]["size"]
    assert by_label["Alps"]["degree"] == 0
    rels = [r[0] for r in data["relations"]]
    meets = [f for f in facts if rels[f["rel"]] == "meets"]
    assert len(meets) == 2 and {f["weight"] for f in meets} == {3, 2}
    first = next(f for f in meets if f["weight"] == 3)
    assert [[data["docs"][d][0], data["sentences"][s]] for d, s in first["sources"]] == [
        ["Summit opens", "Merkel met Macron."], ["Paris talks", "Macron and Merkel met."]]
    assert data["docs"][first["docs"][0]] == ["Paris talks", "d2"] or data["docs"][first["docs"][0]][1] in ("d1", "d2")


def test_views_dates_and_new_node_kinds_are_carried():
    G = news_graph()
    assert rows(views.generate_html(G))[2]["meta"]["dated"] is False
    _node(G, "talks", "Paris talks 2024", "Event", docs=["Paris talks"])
    G.nodes[P + "talks"]["date"] = "2024-05-02"
    _node(G, "quote", "Macron: we agree", "Statement")
    _edge(G, "macron", "talks", "participatesIn", sources=[_src("d2", "Paris talks", "Macron joined the talks.")])
    G.edges[P + "macron", P + "talks", "participatesIn"]["date"] = "2024-05-02T10:00:00"
    _edge(G, "quote", "macron", "saidBy")
    nodes, facts, data = rows(views.generate_html(G))
    assert data["meta"]["dated"] is True
    by_label = {n["label"]: n for n in nodes}
    assert by_label["Paris talks 2024"]["date"] == "2024-05-02" and by_label["Paris talks 2024"]["cls"] == "Event"
    assert by_label["Macron: we agree"]["cls"] == "Statement"
    assert sorted(f["date"] for f in facts if f["date"]) == ["2024-05-02"]


def test_views_write_html_atomic(tmp_path):
    G = news_graph()
    out = views.write_html(G, tmp_path / "sub" / "graph.html", title="Summit")
    assert out == tmp_path / "sub" / "graph.html"
    assert out.read_text(encoding="utf-8") == views.generate_html(G, title="Summit")
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]


def test_views_cli_cluster_above(sample_build, tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    ttl = str(sample_build.out_dir / "graph.ttl")
    metas = []
    for option in ([], ["--cluster-above", "5"], ["--max-nodes", "5"]):  # the old name still works
        out = tmp_path / "v.html"
        r = CliRunner().invoke(cli, ["view", ttl, "-o", str(out), *option])
        assert r.exit_code == 0, r.output
        metas.append(page_json(out.read_text(encoding="utf-8"))["meta"])
    assert [m["clustered"] for m in metas] == [False, True, True]
    assert metas[0]["entities"] == metas[1]["entities"] == metas[2]["entities"]  # nothing cut


def test_views_rejects_bad_cluster_above():
    with pytest.raises(ValueError, match="cluster_above"):
        views.generate_html(news_graph(), cluster_above=0)
    # the old keyword still works, and means the same
    assert views.generate_html(news_graph(), max_nodes=5) == views.generate_html(news_graph(), cluster_above=5)


# -- ego_graph and filter_graph --------------------------------------------------------------


@pytest.mark.parametrize("focus", ["Angela Merkel", "angela merkel", "MERKEL",
                                   "chancellor merkel", P + "merkel"])
def test_views_ego_graph_matches_iri_label_alias(focus):
    ego = views.ego_graph(news_graph(), focus)
    # neighbours in both directions: she meets Macron, the Greens criticise her
    assert set(ego) == {P + n for n in ("merkel", "macron", "chancellor", "g7", "greens")}
    assert ego.number_of_edges() == 6  # all edges among them, parallel ones included
    assert ego.graph["name"] == "news"


def test_views_ego_graph_hops():
    G = news_graph()
    assert set(views.ego_graph(G, "Berlin", hops=0)) == {P + "berlin"}
    assert set(views.ego_graph(G, "Berlin", hops=2)) == {P + "berlin", P + "germany", P + "eu"}
    ego = views.ego_graph(G, "Berlin", hops=3)
    ego.nodes[P + "berlin"]["label"] = "changed"
    assert G.nodes[P + "berlin"]["label"] == "Berlin"  # a copy, not a view


def test_views_ego_graph_unknown_name_suggests():
    suggestion = r"no entity named 'Angela Merkle' \(did you mean: Angela Merkel"
    with pytest.raises(KGError, match=suggestion):
        views.ego_graph(news_graph(), "Angela Merkle")
    with pytest.raises(KGError, match="no entity named 'zzz'"):
        views.ego_graph(news_graph(), "zzz")


def test_views_filter_graph_by_class():
    G = news_graph()
    sub = views.filter_graph(G, classes=["Person", "organization"])
    assert set(sub) == {P + n for n in ("merkel", "macron", "eu", "nato")}
    assert sorted(k for _, _, k in sub.edges(keys=True)) == [
        "express concern about", "meets", "meets"]
    assert views.filter_graph(G, classes="Thing").number_of_nodes() == 1  # unknown type
    with pytest.raises(KGError, match="unknown entity class 'Persn'; choose from: Person"):
        views.filter_graph(G, classes=["Persn"])
    assert G.number_of_nodes() == 14  # the input is untouched


def test_views_filter_graph_by_relation_and_doc():
    G = news_graph()
    sub = views.filter_graph(G, relations=["memberOf", "urn:kg:rel/locatedIn"])
    assert {k for _, _, k in sub.edges(keys=True)} == {"memberOf", "locatedIn"}
    assert P + "merkel" not in sub and P + "berlin" in sub  # only entities a kept edge touches
    by_id = views.filter_graph(G, docs=["d2"])
    by_title = views.filter_graph(G, docs="Paris talks")
    assert set(by_id.edges(keys=True)) == set(by_title.edges(keys=True))
    assert (P + "merkel", P + "macron", "meets") in by_id.edges(keys=True)
    assert P + "alps" in by_title  # mentioned in the article, though in no relation
    assert P + "alps" not in by_id  # node docs hold titles, not ids
    both = views.filter_graph(G, classes=["Person"], relations=["meets"], docs=["d1"])
    assert set(both.edges(keys=True)) == {(P + "merkel", P + "macron", "meets")}
    assert views.filter_graph(G).number_of_edges() == G.number_of_edges()


# -- in the browser --------------------------------------------------------------------------


#: Share of drawn (non-white) pixels and number of distinct colours on the network canvas.
CANVAS_INK_JS = """() => {
    const c = document.querySelector('#mynetwork canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0; const colours = new Set();
    for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) ink++;
        colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    }
    return {ink: ink / (d.length / 4), colours: colours.size};
}"""

CHROMIUM = "/usr/bin/chromium"
browser_only = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"needs Debian's Chromium at {CHROMIUM}")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


class Opened:
    """A page opened from a file, with every request and error it produced."""

    def __init__(self, browser, path: Path):
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(self.url)
        self.page.wait_for_function("window.kgView && window.kgView.ready", timeout=30_000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def hover_canvas_point(self, point: dict) -> None:
        """Centre the view on a canvas point and move the mouse onto it."""
        self.js("p => network.moveTo({position: p, scale: 1.5, animation: false})", point)
        self.page.wait_for_timeout(50)
        dom = self.js("p => { const d = network.canvasToDOM(p), r = "
                      "document.querySelector('#mynetwork canvas').getBoundingClientRect();"
                      " return {x: d.x + r.left, y: d.y + r.top}; }", point)
        self.page.mouse.move(dom["x"] - 30, dom["y"] - 30)
        self.page.mouse.move(dom["x"], dom["y"], steps=3)
        self.page.wait_for_timeout(120)


@pytest.fixture(scope="module")
def news_page(browser, tmp_path_factory):
    path = views.write_html(orphan_graph(), tmp_path_factory.mktemp("view") / "graph.html")
    opened = Opened(browser, path)
    yield opened
    opened.page.close()


def reset(opened: Opened) -> None:
    """Back to the page as it opened: no focus, path, filter or open cluster."""
    opened.js("""() => { const S = kgView.state; S.focus = null; S.path = null; S.docs.clear();
        S.dateFrom = S.dateTo = ""; S.orphans = false; S.open.clear();
        document.querySelectorAll('input.kg-class, input.kg-rel').forEach(b => b.checked = true);
        document.getElementById('kg-orphans').checked = false; kgView.applyFilters();
        network.stopSimulation(); }""")  # a redraw restarts physics: hold the nodes still


#: Labels drawn at load, and whether each box on the canvas holds dark text pixels.
LABEL_INK_JS = """() => {
    const c = document.querySelector('#mynetwork canvas'), r = window.devicePixelRatio || 1;
    const ctx = c.getContext('2d');
    return kgView.labels.map(l => {
        const d = ctx.getImageData(Math.max(0, l.x * r), Math.max(0, l.y * r),
                                   Math.max(1, l.w * r), Math.max(1, l.h * r)).data;
        let dark = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && d[i] < 90 && d[i + 1] < 90 && d[i + 2] < 90) dark++;
        return {text: l.text, dark: dark};
    });
}"""
#: Drawn entities that no drawn edge touches (an orphan ring would be full of them); a
#: cluster node may have none (a whole story folded into one node).
LONELY_JS = """() => { const touched = new Set();
    network.body.data.edges.forEach(e => { touched.add(e.from); touched.add(e.to); });
    return network.body.data.nodes.get().filter(n => n.kgSize === undefined && !touched.has(n.id)).map(n => n.id); }"""


@browser_only
def test_views_browser_offline_no_errors_counts(news_page):
    assert news_page.requests == [news_page.url]
    assert news_page.errors == []
    G = orphan_graph()
    with_facts = [n for n in G if G.degree(n)]
    assert news_page.js("network.body.data.nodes.length") == len(with_facts) == 12
    # 12 facts, bundled per pair: Merkel and Macron's three facts are one edge
    assert news_page.js("network.body.data.edges.length") == 10
    pair = news_page.js("network.body.data.edges.get().filter(e => e.kgFacts.length > 1)"
                        ".map(e => e.label)")
    assert pair == ["3 facts"]
    assert news_page.js(LONELY_JS) == []  # no orphan ring
    assert news_page.page.inner_text("#kg-note") == "12 entities with facts, 12 facts"
    assert "draw 32 entities without facts" in news_page.page.inner_text("#kg-panel")


@browser_only
def test_views_browser_legend_lists_classes(news_page):
    legend = news_page.page.inner_text("#kg-legend")
    for cls in ("Person", "Organization", "Country", "City", "Region", "Group", "Event",
                "Position", "Facility"):
        assert cls in legend
    assert "Person 2" in legend and "Place" not in legend  # the Alps have no fact
    assert "meets 2" in news_page.page.inner_text("#kg-relations")


@browser_only
def test_views_browser_search_focuses_node_and_opens_panel(news_page):
    reset(news_page)
    news_page.page.fill("#kg-search", "")
    news_page.page.type("#kg-search", "chancellor merkel")  # an alias, typed
    assert news_page.js("network.getSelectedNodes()") == [P + "merkel"]
    assert news_page.page.inner_text("#kg-found") == "Angela Merkel (Person)"
    centre = news_page.js("network.getViewPosition()")
    node = news_page.js("id => network.getPositions([id])[id]", P + "merkel")
    assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
    side = news_page.page.inner_text("#kg-side")
    # aliases, class, facts grouped by relation, each with its sentences and articles
    assert "Angela Merkel" in side and "also: Chancellor Merkel, Merkel" in side and "Person" in side
    for head in ("meets (2)", "holdsPosition (1)", "criticise (1)", "visits (1)"):
        assert head in side
    assert "\u201cMerkel met Macron.\u201d" in side and "\u2014 Paris talks" in side
    # the neighbourhood is lit, the rest dimmed
    dim = news_page.js("network.body.data.nodes.get().filter(n => n.color.background === '#e4e6ea')"
                       ".map(n => n.label).sort()")
    assert "Berlin" in dim and "Emmanuel Macron" not in dim and "the Greens" not in dim
    # suggestions list matches, as text
    news_page.page.fill("#kg-search", "")
    news_page.page.type("#kg-search", "ma")
    options = news_page.page.inner_text("#kg-search-list")
    assert "Emmanuel Macron" in options
    news_page.page.keyboard.press("Escape")
    news_page.page.fill("#kg-search", "nothing like this")
    assert news_page.page.inner_text("#kg-found") == "no match"
    news_page.page.fill("#kg-search", "")
    news_page.page.type("#kg-search", "lonely 07")  # an entity with no fact is found too
    assert news_page.page.inner_text("#kg-found") == "Lonely 07 (Person, no facts) \u2014 Enter shows it"
    news_page.page.keyboard.press("Enter")
    assert news_page.page.inner_text("#kg-found") == "Lonely 07 (Person) \u2014 no facts"
    assert "Lonely 07" in news_page.page.inner_text("#kg-side")


@browser_only
def test_views_browser_filters_update_drawing_and_counts(news_page):
    reset(news_page)
    page, js = news_page.page, news_page.js
    page.uncheck("input.kg-class[value=Person]")
    labels = js("network.body.data.nodes.get().map(n => n.label).sort()")
    assert "Angela Merkel" not in labels and "European Union" in labels
    # with both people gone, entities whose only facts were with them go too
    assert "Chancellor" not in labels and "G7 summit" not in labels
    assert js("network.body.data.edges.length") == 4  # memberOf x3 and Berlin locatedIn Germany
    assert "meets 0" in page.inner_text("#kg-relations")
    assert page.inner_text("#kg-note") == "5 of 12 entities with facts, 4 of 12 facts"
    page.uncheck("input.kg-rel[value=memberOf]")
    assert js("network.body.data.edges.length") == 1
    page.check("input.kg-class[value=Person]")
    page.check("input.kg-rel[value=memberOf]")
    assert js("network.body.data.nodes.length") == 12
    # articles: only the facts one article supports
    page.type("#kg-doc", "paris")
    page.keyboard.press("Enter")
    assert "Paris talks" in page.inner_text("#kg-doc-chips")
    rels = js("network.body.data.edges.get().map(e => e.label).sort()")
    assert rels == ["locatedIn", "memberOf", "memberOf", "visits", "meets \u00d72"] or \
        sorted(rels) == sorted(["locatedIn", "memberOf", "memberOf", "visits", "meets \u00d72"])
    page.click(".kg-chip")
    assert js("network.body.data.edges.length") == 10
    assert page.is_hidden("#kg-dates")  # no dated facts: no date filter
    # communities as a colouring: one colour per Louvain community
    data = page_json(Path(news_page.url[len("file://"):]).read_text(encoding="utf-8"))
    page.select_option("#kg-colour", "community")
    colour = js("() => Object.fromEntries(network.body.data.nodes.get().map(n => [n.kg, n.color.background]))")
    groups = [{colour[str(i)] for i in c["members"]} for c in data["communities"]]
    assert all(len(g) == 1 for g in groups) and len(set.union(*groups)) == len(groups) > 1
    page.select_option("#kg-colour", "class")
    assert js("network.body.data.nodes.get(arguments[0]).color.background".replace("arguments[0]", repr(P + "merkel"))) \
        == views.CLASSES["Person"][0]


@browser_only
def test_views_browser_orphans_toggle_and_list(news_page):
    reset(news_page)
    page, js = news_page.page, news_page.js
    page.click("#kg-orphan-box summary")
    assert "Lonely 00" in page.inner_text("#kg-orphan-list")
    page.fill("#kg-orphan-filter", "lonely 1")
    assert page.inner_text("#kg-orphan-list").count("Lonely 1") == 10
    page.check("#kg-orphans")
    assert js("network.body.data.nodes.length") == 44
    page.uncheck("#kg-orphans")
    assert js("network.body.data.nodes.length") == 12
    page.click("#kg-orphan-box summary")


@browser_only
def test_views_browser_path_finder(news_page):
    reset(news_page)
    page, js = news_page.page, news_page.js
    page.click("#kg-path-box summary")
    for end, name in (("from", "Berlin"), ("to", "Emmanuel Macron")):
        page.fill(f"#kg-path-{end}", "")
        page.type(f"#kg-path-{end}", name.lower())
        page.keyboard.press("Enter")
    page.click("#kg-path-go")
    out = page.inner_text("#kg-path-out")
    assert "no path" in out  # Berlin-Germany-EU-France-NATO never meets Macron
    page.fill("#kg-path-to", "")
    page.type("#kg-path-to", "nato")
    page.keyboard.press("Enter")
    page.click("#kg-path-go")
    out = page.inner_text("#kg-path-out")
    assert out.startswith("1 shortest path of 4 hops")
    for hop in ("Berlin \u2014locatedIn\u2192 Germany", "Germany \u2014memberOf\u2192 European Union",
                "European Union \u2190memberOf\u2014 France", "France \u2014memberOf\u2192 NATO"):
        assert hop in out
    assert "\u201cBerlin, Germany.\u201d" in out and "\u2014 Summit opens" in out
    lit = js("network.body.data.edges.get().filter(e => e.color.color === '#d62728').length")
    assert lit == 4
    assert sorted(js("network.getSelectedNodes()")) == sorted(
        P + n for n in ("berlin", "germany", "eu", "france", "nato"))
    page.click("#kg-path-clear")
    page.click("#kg-path-box summary")


@browser_only
def test_views_browser_sparql_and_exports(news_page, tmp_path, gexf13_schema):
    from lxml import etree

    reset(news_page)
    page, js = news_page.page, news_page.js
    js("i => kgView.select(i)", js("kgView.find('Berlin')"))
    page.click("#kg-export summary")
    page.click("#kg-sparql-copy")
    query = page.input_value("#kg-sparql")
    assert f"VALUES ?subject {{ <{P}berlin> <{P}germany> }}" in query
    assert "kg:negated false" in query and query.startswith("PREFIX kg:")
    with page.expect_download() as dl:
        page.click("#kg-gexf")
    path = tmp_path / "sel.gexf"
    dl.value.save_as(path)
    doc = etree.parse(str(path))
    assert gexf13_schema.validate(doc), gexf13_schema.error_log
    ns = {"g": "http://gexf.net/1.3"}
    assert sorted(n.get("label") for n in doc.iterfind(".//g:node", ns)) == ["Berlin", "Germany"]
    assert [e.get("label") for e in doc.iterfind(".//g:edge", ns)] == ["locatedIn"]
    with page.expect_download() as dl:
        page.click("#kg-png")
    png = tmp_path / "view.png"
    dl.value.save_as(png)
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(head[16:20], "big") > 500
    # the whole graph when nothing is selected
    js("kgView.clearFocus()")
    assert js("kgView.selection().facts.length") == 12
    assert news_page.errors == [] and all(u == news_page.url or u.startswith("blob:")
                                          for u in news_page.requests)
    page.click("#kg-export summary")


@browser_only
def test_views_browser_date_filter_once_dates_exist(browser, tmp_path):
    G = news_graph()
    for u, v, k, d in G.edges(keys=True, data=True):
        d["date"] = "2024-05-02" if "Paris talks" in {s["title"] for s in d["sources"]} else "2024-03-01"
    opened = Opened(browser, views.write_html(G, tmp_path / "dated.html"))
    try:
        page, js = opened.page, opened.js
        assert page.is_visible("#kg-dates")
        page.fill("#kg-date-from", "2024-04-01")
        page.dispatch_event("#kg-date-from", "change")
        dated = js("network.body.data.edges.get().flatMap(e => e.kgFacts)").__len__()
        assert dated == sum(1 for *_, d in G.edges(data=True) if d["date"] >= "2024-04-01") == 6
        page.fill("#kg-date-to", "2024-04-30")
        page.dispatch_event("#kg-date-to", "change")
        assert js("network.body.data.edges.length") == 0
        assert "0 of 12 facts" in page.inner_text("#kg-note")
        assert opened.errors == []
    finally:
        opened.page.close()


@browser_only
def test_views_browser_physics_toggle(news_page):
    assert news_page.js("network.physics.options.enabled") is True
    news_page.page.uncheck("#kg-physics")
    assert news_page.js("network.physics.options.enabled") is False
    news_page.page.check("#kg-physics")
    assert news_page.js("network.physics.options.enabled") is True


@browser_only
def test_views_browser_tooltips_show_text(news_page):
    reset(news_page)
    news_page.hover_canvas_point(news_page.js("id => network.getPositions([id])[id]", P + "macron"))
    tip = news_page.page.inner_text("#kg-tip")
    assert "Emmanuel Macron" in tip and "Person" in tip and "Macron" in tip
    assert "Paris talks" in tip
    edge = news_page.js("network.body.data.edges.get({filter: e => e.label === "
                        "'holdsPosition'})[0].id")
    news_page.hover_canvas_point(news_page.js("id => network.body.edges[id].edgeType"
                                              ".getPoint(0.5)", edge))
    tip = news_page.page.inner_text("#kg-tip")
    assert "holdsPosition" in tip and "weight 4" in tip and "confidence 0.8" in tip
    assert "Chancellor Merkel spoke." in tip and "Summit opens" in tip


@browser_only
def test_views_browser_screenshot_shows_labelled_structure(browser, news_page):
    reset(news_page)
    news_page.js("network.fit({animation: false})")
    news_page.js("network.moveTo({scale: 0.45, animation: false})")  # zoomed out: our labels
    news_page.page.wait_for_timeout(100)
    labels = news_page.js(LABEL_INK_JS)
    texts = [label["text"] for label in labels]
    assert texts[0] == "Angela Merkel"  # most important first
    assert "Emmanuel Macron" in texts[:3] or len(texts) >= 8
    assert len(texts) >= 5 and all(label["dark"] > 20 for label in labels)  # overlaps skipped
    news_page.js("network.moveTo({scale: 1.5, animation: false})")  # zoomed in: vis's labels
    news_page.page.wait_for_timeout(100)
    assert news_page.js("kgView.labels.length") == 0
    stats = news_page.js(CANVAS_INK_JS)
    assert stats["ink"] > 0.005 and stats["colours"] > 20


@browser_only
def test_views_browser_script_payloads_stay_text(browser, tmp_path):
    G = xss_graph()
    for cluster_above in (None, 1):  # drawn as entities, and folded into a cluster
        path = views.write_html(G, tmp_path / "xss.html", title=XSS_SCRIPT, cluster_above=cluster_above)
        opened = Opened(browser, path)
        try:
            js, page = opened.js, opened.page
            tips = []
            if cluster_above:
                cluster = js("network.body.data.nodes.getIds()")
                assert len(cluster) == 1 and cluster[0].startswith("kg-cluster:")
                opened.hover_canvas_point(js("id => network.getPositions([id])[id]", cluster[0]))
                tips.append(page.inner_text("#kg-tip"))
                js("id => network.body.emitter.emit('click', {nodes: [id], edges: []})", cluster[0])
                tips.append(page.inner_text("#kg-side"))
                js("kgView.openCluster(0)")
            assert js("network.body.data.nodes.length") == 3
            for node in sorted(G):
                opened.hover_canvas_point(js("id => network.getPositions([id])[id]", node))
                tips.append(page.inner_text("#kg-tip"))
                js("id => kgView.select(kgView.find(network.body.data.nodes.get(id).label))", node)
                tips.append(page.inner_text("#kg-side"))
            for edge in js("network.body.data.edges.getIds()"):
                opened.hover_canvas_point(js("id => network.body.edges[id].edgeType.getPoint(0.5)", edge))
                tips.append(page.inner_text("#kg-tip"))
            page.type("#kg-search", "<script>")
            tips.append(page.inner_text("#kg-search-list"))
            page.keyboard.press("Escape")
            page.click("#kg-path-box summary")
            page.type("#kg-path-from", "<img")
            page.keyboard.press("Enter")
            page.type("#kg-path-to", "javascript")
            page.keyboard.press("Enter")
            page.click("#kg-path-go")
            tips.append(page.inner_text("#kg-path-out"))
            page.type("#kg-doc", "script")
            tips.append(page.inner_text("#kg-doc-list"))
            page.keyboard.press("Enter")
            page.click("#kg-export summary")
            page.click("#kg-sparql-copy")
            page.wait_for_timeout(300)
            assert js("typeof window.__pwned") == "undefined"
            injected = "document.querySelectorAll('#kg-tip img, #kg-panel img, #kg-side img, script[src]').length"
            assert js(injected) == 0
            assert opened.requests == [opened.url]  # an injected <img src=x> would have asked
            assert opened.errors == []
            shown = "\n".join(tips)
            for payload in (XSS_SCRIPT, XSS_IMG, XSS_URL):
                assert payload in shown
            assert "\u201c" + XSS_SCRIPT in shown  # a sentence, as text
            assert "2 hops" in tips[-2] or "1 hop" in tips[-2]
            assert page.inner_text("#kg-title") == XSS_SCRIPT
            assert page.title() == XSS_SCRIPT
        finally:
            opened.page.close()


@pytest.fixture(scope="module")
def cluster_page(browser, tmp_path_factory):
    path = views.write_html(clustered_graph(), tmp_path_factory.mktemp("clusters") / "graph.html",
                            cluster_above=2000)
    opened = Opened(browser, path)
    yield opened
    opened.page.close()


@browser_only
def test_views_browser_clusters_open_and_every_entity_is_reachable(cluster_page):
    G = clustered_graph()
    js, page = cluster_page.js, cluster_page.page
    data = page_json(path_text := Path(cluster_page.url[len("file://"):]).read_text(encoding="utf-8"))
    assert path_text and data["meta"]["clustered"] is True
    n_comms = len(data["communities"])
    assert js("network.body.data.nodes.length") == n_comms < 100
    assert cluster_page.errors == [] and cluster_page.requests == [cluster_page.url]
    assert js(LONELY_JS) == []
    with_facts = sum(1 for n in G if G.degree(n))
    assert js("network.body.data.nodes.get().reduce((a, n) => a + n.kgSize, 0)") == with_facts
    # labels of the biggest clusters are drawn at load, as text on the canvas
    labels = js(LABEL_INK_JS)
    assert len(labels) >= 10 and sum(label["dark"] > 20 for label in labels) >= 10
    assert all(re.fullmatch(r"Name \d{5}, Name \d{5} \+\d+", label["text"]) for label in labels)
    # a double click opens a cluster into its members, another on a member closes it
    first = js("network.body.data.nodes.getIds()[0]")
    size = js("id => network.body.data.nodes.get(id).kgSize", first)
    point = js("id => network.canvasToDOM(network.getPositions([id])[id])", first)
    box = page.locator("#mynetwork canvas").bounding_box()
    js("p => network.moveTo({position: p, scale: 0.4, animation: false})",
       js("id => network.getPositions([id])[id]", first))
    point = js("id => network.canvasToDOM(network.getPositions([id])[id])", first)
    page.mouse.dblclick(box["x"] + point["x"], box["y"] + point["y"])
    assert js("network.body.data.nodes.length") == n_comms - 1 + size
    member = js("id => network.body.data.nodes.get().find(n => n.kg !== undefined).id", first)
    js("id => network.body.emitter.emit('doubleClick', {nodes: [id], edges: []})", member)
    assert js("network.body.data.nodes.length") == n_comms
    # search reaches an entity inside a closed cluster: its cluster opens, it is centred
    page.fill("#kg-search", "")
    page.type("#kg-search", "name 02999")
    assert "in a cluster" in page.inner_text("#kg-found")
    assert js("network.body.data.nodes.length") == n_comms  # typing opened nothing
    page.keyboard.press("Enter")
    assert js("network.getSelectedNodes()") == [P + "c02999"]
    assert js("network.body.data.nodes.length") > n_comms
    assert "Name 02999" in page.inner_text("#kg-side")
    # and opening every cluster draws every entity with facts
    js("() => { kgView.clearFocus(); for (let c = 0; c < kgView.meta.drawn; c++) kgView.state.open.add(c); kgView.render(); }")
    assert js("network.body.data.nodes.length") == with_facts
    assert js(LONELY_JS) == []
    page.check("#kg-orphans")
    assert js("network.body.data.nodes.length") == G.number_of_nodes()
    page.uncheck("#kg-orphans")
    page.click("#kg-collapse")
    assert js("network.body.data.nodes.length") == n_comms


@browser_only
def test_views_browser_empty_graph(browser, tmp_path):
    path = views.write_html(nx.MultiDiGraph(), tmp_path / "empty.html")
    opened = Opened(browser, path)
    try:
        assert opened.page.inner_text("#kg-empty") == "no entities"
        assert opened.js("network.body.data.nodes.length") == 0
        assert opened.requests == [opened.url] and opened.errors == []
    finally:
        opened.page.close()
