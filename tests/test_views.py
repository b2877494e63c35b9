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


def page_data(page: str) -> tuple[list[dict], list[dict], dict]:
    """The nodes, edges and vis options embedded in a page."""
    nodes = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);\n", page, re.S).group(1)
    edges = re.search(r"edges = new vis\.DataSet\((\[.*?\])\);\n", page, re.S).group(1)
    options = re.search(r"var options = (\{.*?\});\n", page, re.S).group(1)
    return json.loads(nodes), json.loads(edges), json.loads(options)


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


# -- page content ----------------------------------------------------------------------------


def test_views_exports():
    assert sorted(views.__all__) == ["ego_graph", "filter_graph", "generate_html", "write_html"]


def test_views_deterministic_bytes():
    a = views.generate_html(news_graph())
    assert a == views.generate_html(news_graph())
    # insertion order of nodes and edges does not matter either
    assert a == views.generate_html(news_graph(reverse=True))
    big = nx.MultiDiGraph(nx.barabasi_albert_graph(400, 2, seed=3))
    big = nx.relabel_nodes(big, {n: f"urn:kg:n{n}" for n in big})
    assert views.generate_html(big) == views.generate_html(big)


def test_views_no_external_references():
    page = views.generate_html(news_graph())
    tags = markup(page)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", tags, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//|@import""", page, re.I)
    assert "<link" not in tags and "bootstrap" not in page and "cdnjs" not in page
    assert "sourceMappingURL" not in page
    # vis-network is inlined, not fetched
    assert "<script src" not in tags and "vis.Network" in page


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
    nodes, edges, _ = page_data(page)
    assert nodes[0]["label"] == "<script>alert(1)</script>"  # the data survives, as text
    assert edges[0]["sources"] == [["T", "<img src=x onerror=alert(1)>"]]
    assert all("title" not in item for item in nodes + edges)  # no vis popups at all


def test_views_embedded_json_cannot_close_script():
    page = views.generate_html(xss_graph(), title=XSS_SCRIPT)
    # an HTML parser sees exactly the four scripts meant: no payload closed one early
    scripts = script_bodies(page)
    assert len(scripts) == 4
    assert scripts[2].rstrip().endswith("drawGraph();") and "kgView" in scripts[3]
    tags = markup(page)
    assert "__pwned" not in tags.replace("window.__pwned=1", "")  # only in escaped text
    for needle in (XSS_SCRIPT, XSS_IMG, "<!--<script>", "\u2028", "\u2029"):
        assert needle not in page
    assert '<input type="checkbox" class="kg-rel" value="&lt;script&gt;window.__pwned=1' in page


def test_views_empty_graph():
    page = views.generate_html(nx.MultiDiGraph(name="empty"))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert '<div id="kg-empty">no entities</div>' in page
    nodes, edges, _ = page_data(page)
    assert nodes == [] and edges == []


def test_views_max_nodes_keeps_top_by_degree():
    G = nx.MultiDiGraph()
    _node(G, "hub", "Hub", "Organization")
    for i in range(29):
        _node(G, f"n{i:02d}", f"Node {i:02d}", "Person")
        _edge(G, f"n{i:02d}", "hub", "memberOf")
    for i in range(0, 8):  # n00..n07 get a second edge: degree 2
        _edge(G, f"n{i:02d}", f"n{i + 10:02d}", "meets")
    page = views.generate_html(G, max_nodes=10)
    assert "showing 10 of 30 entities (top by degree)" in page
    nodes, edges, _ = page_data(page)
    kept = {n["label"] for n in nodes}
    # hub (29), then degree-2 nodes n00-n07 and n10-n17 tied, broken by label
    assert kept == {"Hub"} | {f"Node {i:02d}" for i in range(9)} - {"Node 08"} | {"Node 10"}
    assert all(e["from"] in {n["id"] for n in nodes} and e["to"] in {n["id"] for n in nodes}
               for e in edges)
    assert "showing" not in views.generate_html(G)


def test_views_large_graph_gets_positions_and_physics_off():
    G = nx.MultiDiGraph()
    for i in range(views.LAYOUT_THRESHOLD + 20):
        _node(G, f"n{i}", f"N{i}", "Person")
        if i:
            _edge(G, f"n{i}", f"n{i // 2}", "meets")
    nodes, _, options = page_data(views.generate_html(G))
    assert options["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)
    small, _, options = page_data(views.generate_html(news_graph()))
    assert options["physics"]["enabled"] is True and "x" not in small[0]
    small, _, options = page_data(views.generate_html(news_graph(), physics=False))
    assert options["physics"]["enabled"] is False and "x" in small[0]


def test_views_layout_places_nodes_beyond_the_core(monkeypatch):
    monkeypatch.setattr(views, "FULL_LAYOUT_LIMIT", 50)
    G = nx.MultiDiGraph(nx.barabasi_albert_graph(200, 1, seed=5))
    G.add_nodes_from(range(200, 210))  # isolated: placed on the outer spiral
    pos = views._layout(G)
    assert set(pos) == set(G) and len(set(pos.values())) == len(G)
    assert pos == views._layout(G)


def test_views_style_by_class_degree_and_weight():
    nodes, edges, _ = page_data(views.generate_html(news_graph()))
    by_label = {n["label"]: n for n in nodes}
    assert by_label["Angela Merkel"]["color"] == views.CLASSES["Person"][0]
    assert by_label["European Union"]["shape"] == views.CLASSES["Organization"][1]
    assert by_label["Gadget"]["kgClass"] == "Thing"
    assert by_label["Angela Merkel"]["size"] > by_label["Alps"]["size"]
    width = {(e["relation"], e["weight"]): e["width"] for e in edges}
    assert width[("holdsPosition", 4)] > width[("memberOf", 2)] > width[("memberOf", 1)]
    assert all(e["label"] == e["relation"] and e["arrows"] == "to" for e in edges)
    assert len({e["id"] for e in edges}) == len(edges)  # fixed ids, no random uuids
    # the three Merkel/Macron edges get three different curves
    pair = [e for e in edges if {e["from"], e["to"]} == {P + "merkel", P + "macron"}]
    assert len(pair) == 3
    curves = {(e["smooth"]["type"], e["smooth"]["roundness"], e["from"]) for e in pair}
    sides = {(t if f == P + "macron" else {"curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}[t], r)
             for t, r, f in curves}
    assert len(sides) == 3


def test_views_legend_and_relation_filters_list_counts():
    page = views.generate_html(news_graph())
    for cls, count in [("Person", 2), ("Organization", 2), ("Thing", 1), ("Facility", 1)]:
        assert (f'value="{cls}" checked><span class="kg-sym" style="color:'
                f'{views.CLASSES[cls][0]}">{views.CLASSES[cls][2]}</span>{cls} '
                f'<span class="kg-count">{count}</span>') in page
    assert 'value="express concern about" checked>express concern about' in page
    assert "14 entities, 12 relations" in page


def test_views_write_html_atomic(tmp_path):
    G = news_graph()
    out = views.write_html(G, tmp_path / "sub" / "graph.html", title="Summit")
    assert out == tmp_path / "sub" / "graph.html"
    assert out.read_text(encoding="utf-8") == views.generate_html(G, title="Summit")
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]


def test_views_rejects_bad_max_nodes():
    with pytest.raises(ValueError, match="max_nodes"):
        views.generate_html(news_graph(), max_nodes=0)


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
    path = views.write_html(news_graph(), tmp_path_factory.mktemp("view") / "graph.html")
    opened = Opened(browser, path)
    yield opened
    opened.page.close()


@browser_only
def test_views_browser_offline_no_errors_counts(news_page):
    assert news_page.requests == [news_page.url]
    assert news_page.errors == []
    G = news_graph()
    assert news_page.js("network.body.data.nodes.length") == G.number_of_nodes()
    assert news_page.js("network.body.data.edges.length") == G.number_of_edges()
    drawn = news_page.js("Object.keys(network.getPositions()).length")
    assert drawn == G.number_of_nodes()


@browser_only
def test_views_browser_legend_lists_classes(news_page):
    legend = news_page.page.inner_text("#kg-legend")
    for cls in ("Person", "Organization", "Country", "City", "Region", "Place", "Group",
                "Event", "Position", "Facility", "Thing"):
        assert cls in legend
    assert "Person 2" in legend
    assert "meets 2" in news_page.page.inner_text("#kg-relations")


@browser_only
def test_views_browser_search_focuses_node(news_page):
    news_page.page.fill("#kg-search", "")
    news_page.page.type("#kg-search", "chancellor merkel")  # an alias, typed
    assert news_page.js("network.getSelectedNodes()") == [P + "merkel"]
    assert news_page.page.inner_text("#kg-found") == "Angela Merkel (Person)"
    centre = news_page.js("network.getViewPosition()")
    node = news_page.js("id => network.getPositions([id])[id]", P + "merkel")
    assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
    assert "Angela Merkel" in news_page.page.inner_text("#kg-tip")
    news_page.page.fill("#kg-search", "nothing like this")
    assert news_page.page.inner_text("#kg-found") == "no match"


@browser_only
def test_views_browser_class_filter_hides_nodes(news_page):
    page = news_page.page
    hidden = "cls => network.body.data.nodes.get({filter: n => n.kgClass === cls})" \
             ".map(n => network.body.nodes[n.id].options.hidden)"
    assert news_page.js(hidden, "Person") == [False, False]
    page.uncheck("input.kg-class[value=Person]")
    assert news_page.js(hidden, "Person") == [True, True]
    assert news_page.js(hidden, "Country") == [False, False]
    # edges touching a hidden node are hidden too
    shown_edges = news_page.js("network.body.data.edges.get({filter: e => !e.hidden}).length")
    assert shown_edges == 4  # memberOf x3 and Berlin locatedIn Germany
    page.uncheck("input.kg-rel[value=memberOf]")
    assert news_page.js("network.body.data.edges.get({filter: e => !e.hidden}).length") == 1
    page.check("input.kg-class[value=Person]")
    page.check("input.kg-rel[value=memberOf]")
    assert news_page.js(hidden, "Person") == [False, False]
    assert news_page.js("network.body.data.edges.get({filter: e => !e.hidden}).length") == 12


@browser_only
def test_views_browser_physics_toggle(news_page):
    assert news_page.js("network.physics.options.enabled") is True
    news_page.page.uncheck("#kg-physics")
    assert news_page.js("network.physics.options.enabled") is False
    news_page.page.check("#kg-physics")
    assert news_page.js("network.physics.options.enabled") is True


@browser_only
def test_views_browser_tooltips_show_text(news_page):
    news_page.hover_canvas_point(news_page.js("id => network.getPositions([id])[id]", P + "macron"))
    tip = news_page.page.inner_text("#kg-tip")
    assert "Emmanuel Macron" in tip and "Person" in tip and "Macron" in tip
    assert "Paris talks" in tip
    edge = news_page.js("network.body.data.edges.get({filter: e => e.relation === "
                        "'holdsPosition'})[0].id")
    news_page.hover_canvas_point(news_page.js("id => network.body.edges[id].edgeType"
                                              ".getPoint(0.5)", edge))
    tip = news_page.page.inner_text("#kg-tip")
    assert "holdsPosition" in tip and "weight 4" in tip and "confidence 0.8" in tip
    assert "Chancellor Merkel spoke." in tip and "Summit opens" in tip


@browser_only
def test_views_browser_screenshot_not_blank(browser, news_page):
    shot = news_page.page.screenshot()
    blank = browser.new_page(viewport={"width": 1280, "height": 800})
    blank.set_content("<html><body style='margin:0;background:#fff'></body></html>")
    empty = blank.screenshot()
    blank.close()
    assert shot != empty and len(shot) > 4 * len(empty)
    # and the network canvas itself holds many coloured pixels
    stats = news_page.js(CANVAS_INK_JS)
    assert stats["ink"] > 0.005 and stats["colours"] > 20


@browser_only
def test_views_browser_script_payloads_stay_text(browser, tmp_path):
    G = xss_graph()
    path = views.write_html(G, tmp_path / "xss.html", title=XSS_SCRIPT)
    opened = Opened(browser, path)
    try:
        js = opened.js
        assert js("network.body.data.nodes.length") == 3
        tips = []
        for node in sorted(G):
            opened.hover_canvas_point(js("id => network.getPositions([id])[id]", node))
            tips.append(opened.page.inner_text("#kg-tip"))
            js("id => { network.selectNodes([id]); kgView.showNodeTip(id); }", node)
        for edge in js("network.body.data.edges.getIds()"):
            midpoint = js("id => network.body.edges[id].edgeType.getPoint(0.5)", edge)
            opened.hover_canvas_point(midpoint)
            tips.append(opened.page.inner_text("#kg-tip"))
        opened.page.type("#kg-search", "<script>")
        js("kgView.applyFilters()")
        opened.page.wait_for_timeout(300)
        assert js("typeof window.__pwned") == "undefined"
        injected = "document.querySelectorAll('#kg-tip img, #kg-panel img, script[src]').length"
        assert js(injected) == 0
        assert opened.requests == [opened.url]  # an injected <img src=x> would have asked
        assert opened.errors == []
        # the payloads were shown, as text
        assert XSS_SCRIPT in tips[0] and XSS_IMG in tips[0] and XSS_URL in tips[0]
        assert any(XSS_IMG in t and "\u201c" + XSS_SCRIPT in t for t in tips)
        assert opened.page.inner_text("#kg-title") == XSS_SCRIPT
        assert opened.page.title() == XSS_SCRIPT
    finally:
        opened.page.close()


@browser_only
def test_views_browser_large_graph_precomputed(browser, tmp_path):
    G = nx.MultiDiGraph()
    for i in range(600):
        _node(G, f"n{i:03d}", f"N{i:03d}", ["Person", "City", "Event"][i % 3])
        if i:
            _edge(G, f"n{i:03d}", f"n{(i * 7) % i:03d}", "meets")
    path = views.write_html(G, tmp_path / "big.html", max_nodes=500)
    opened = Opened(browser, path)
    try:
        assert opened.js("network.body.data.nodes.length") == 500
        assert opened.js("network.physics.options.enabled") is False
        assert "showing 500 of 600 entities (top by degree)" in opened.page.inner_text("#kg-note")
        pos = opened.js("network.getPositions()")
        nodes, _, _ = page_data(path.read_text(encoding="utf-8"))
        assert all(pos[n["id"]] == {"x": n["x"], "y": n["y"]} for n in nodes)
        assert opened.requests == [opened.url] and opened.errors == []
    finally:
        opened.page.close()


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
