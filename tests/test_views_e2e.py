"""End-to-end tests of the HTML view on real builds, in headless Chromium.

tests/test_views.py checks kg.views on hand-made graphs; here the pages are the ones ``kg
build`` and ``kg view`` write from real articles: the sample articles, and an article full of
script payloads (in its title, in sentences, in entity names) that spaCy still extracts facts
from. See #5.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_views import (CANVAS_INK_JS, CHROMIUM, LABEL_INK_JS, LONELY_JS, Opened, browser,  # noqa: F401
                        browser_only)

from kg.cli import cli
from kg.project import project
from kg.vocab import KG
from kg.views import CLASSES, ego_graph

pytestmark = [pytest.mark.issue(5), browser_only]

PAYLOADS = ("<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=1">',
            "javascript:window.__pwned=1")
ARTICLE = f"""\
{PAYLOADS[0]} Lavrov meets Blinken in Geneva

Russian Foreign Minister Sergey Lavrov met US Secretary of State Antony Blinken in Geneva on \
Friday, according to a statement titled "{PAYLOADS[0]}".

Lavrov said Russia {PAYLOADS[1]} supports the talks with the United States.

NATO Secretary General Jens Stoltenberg, whose office posted {PAYLOADS[2]} on its website, \
visited Kyiv on Saturday.

Lavrov said that Script>Window&Co Inc. had signed a deal with Gazprom.

Germany exports cars to France, the ministry said in a note headed "{PAYLOADS[1]}".
"""

#: Every tooltip and panel element that article text reaches, and anything a payload could add.
INJECTED = ("document.querySelectorAll('#kg-tip *:not(div), #kg-panel img, #kg-panel script, "
            "script[src], img, iframe, a[href]').length")


def _build(tmp: Path, articles: Path) -> Path:
    out = tmp / "out"
    r = CliRunner().invoke(cli, ["build", str(articles), "--out", str(out), "-q"])
    assert r.exit_code == 0, r.output
    return out


@pytest.fixture(scope="module")
def xss_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("xss")
    (tmp / "articles").mkdir()
    (tmp / "articles" / "payloads.txt").write_text(ARTICLE, encoding="utf-8")
    return _build(tmp, tmp / "articles")


def _open(browser, path: Path) -> Opened:
    opened = Opened(browser, path)
    opened.page.wait_for_timeout(100)
    return opened


def test_views_e2e_script_payload_article_runs_nothing(browser, xss_build):
    import kg

    G = project(kg.load(xss_build / "graph.ttl"), statements=False)  # what the page draws
    sentences = [s["sentence"] for _, _, d in G.edges(data=True) for s in d["sources"]]
    titles = {s["title"] for _, _, d in G.edges(data=True) for s in d["sources"]}
    # the payloads reached the graph as data: in sentences, the title and an entity name
    for payload in PAYLOADS:
        assert any(payload in s for s in sentences), payload
    assert any(PAYLOADS[0] in t for t in titles)
    assert any(">" in d["label"] and "&" in d["label"] for _, d in G.nodes(data=True))
    assert G.number_of_edges() >= 5

    opened = _open(browser, xss_build / "graph.html")
    try:
        js = opened.js
        with_facts = sorted(n for n in G if G.degree(n))
        assert js("network.body.data.nodes.length") == len(with_facts)
        assert js("network.body.data.edges.get().reduce((a, e) => a + e.kgFacts.length, 0)") == G.number_of_edges()
        tips = []
        for node in with_facts:
            opened.hover_canvas_point(js("id => network.getPositions([id])[id]", node))
            tips.append(opened.page.inner_text("#kg-tip"))
        for edge in js("network.body.data.edges.getIds()"):
            opened.hover_canvas_point(js("id => network.body.edges[id].edgeType.getPoint(0.5)",
                                         edge))
            tips.append(opened.page.inner_text("#kg-tip"))
        hovers = len(tips)
        assert all(tips), "every hover showed a tooltip"
        for query in ("<script>", "script>window", "javascript:"):
            opened.page.fill("#kg-search", "")
            opened.page.type("#kg-search", query)
            tips.append(opened.page.inner_text("#kg-search-list"))
            opened.page.keyboard.press("Enter")
            tips.append(opened.page.inner_text("#kg-side"))
        # the path finder between the two ends of the longest path, hop by hop
        ends = js("""() => { let best = null;
            for (let a = 0; a < kgView.meta.entities; a++) for (let b = 0; b < a; b++) {
                const p = kgView.paths(a, b); if (p.length && (!best || p[0].length > best[2])) best = [a, b, p[0].length]; }
            return best; }""")
        js("e => kgView.findPath(e[0], e[1])", ends)
        opened.page.click("#kg-path-box summary")
        tips.append(opened.page.inner_text("#kg-path-out"))
        opened.page.wait_for_timeout(300)
        assert js("typeof window.__pwned") == "undefined"
        assert js(INJECTED) == 0
        assert opened.requests == [opened.url]  # an <img src=x> would have asked for x
        assert opened.errors == []
        # each payload was shown, as text, in some tooltip
        shown = "\n".join(tips)
        for payload in PAYLOADS:
            assert payload in shown, payload
        assert len(tips) > hovers and "shortest path" in tips[-1]
    finally:
        opened.page.close()


@pytest.fixture(scope="module")
def sample_page(browser, sample_build):
    opened = _open(browser, sample_build.out_dir / "graph.html")
    yield opened
    opened.page.close()


def _drawn(G):
    """What the page draws at load: statements are an optional layer, off until ticked."""
    H = G.copy()
    H.remove_nodes_from([n for n, d in G.nodes(data=True) if d.get("kind") == "statement"])
    return H


def test_views_e2e_sample_build_counts_offline(sample_page, sample_graph):
    G = project(sample_graph)
    H = _drawn(G)
    js = sample_page.js
    assert sample_page.requests == [sample_page.url]
    assert sample_page.errors == []
    with_facts = [n for n in H if H.degree(n)]
    assert js("network.body.data.nodes.length") == len(with_facts)
    assert js("Object.keys(network.getPositions()).length") == len(with_facts)
    pairs = {frozenset((u, v)) for u, v in H.edges()}
    assert js("network.body.data.edges.length") == len(pairs)  # one edge per pair, with a count
    assert js("network.body.data.edges.get().reduce((a, e) => a + e.kgFacts.length, 0)") == H.number_of_edges()
    note = sample_page.page.inner_text("#kg-note")
    every = sum(1 for n in G if G.degree(n))
    assert note == f"{len(with_facts)} of {every} entities with facts, {H.number_of_edges()} of {G.number_of_edges()} facts"
    # ticking the statement layer draws every statement; events are drawn from the start
    assert any(d.get("kind") == "event" for n, d in H.nodes(data=True) if n in with_facts)
    sample_page.page.check("input.kg-class[value=Statement]")
    assert js("network.body.data.nodes.length") == every
    sample_page.page.uncheck("input.kg-class[value=Statement]")


def test_views_e2e_sample_build_legend_and_search(sample_page, sample_graph):
    from collections import Counter

    G = project(sample_graph)
    legend = sample_page.page.inner_text("#kg-legend")
    # classes count the entities with facts (the others are listed apart)
    for cls, count in Counter(d["type"] for n, d in G.nodes(data=True) if G.degree(n)).items():
        assert f"{cls if cls in CLASSES else 'Thing'} {count}" in legend
    lavrov = next(n for n, d in G.nodes(data=True) if d["label"] == "Sergey Lavrov")
    sample_page.page.fill("#kg-search", "")
    sample_page.page.type("#kg-search", "lavrov")
    assert sample_page.js("network.getSelectedNodes()") == [lavrov]
    assert sample_page.page.inner_text("#kg-found") == "Sergey Lavrov (Person)"
    side = sample_page.page.inner_text("#kg-side")
    assert sample_page.page.inner_text("#kg-side h2") == "Sergey Lavrov"
    for _, _, d in G.edges(lavrov, data=True):  # every fact, grouped by relation, with its sentences
        assert d["relation"] + " (" in side
        if d["relation"] == "said":
            continue  # a speaker's statements: the first ten are listed, a button shows the rest
        assert "\u201c" + " ".join(d["sources"][0]["sentence"].split())[:60] in side
    # the class filter takes every Person out of the drawing
    sample_page.page.uncheck("input.kg-class[value=Person]")
    drawn = sample_page.js("network.body.data.nodes.get().map(n => n.kg).filter(i => i !== undefined)"
                           ".map(i => kgView.meta && i)")
    classes = sample_page.js("ids => ids.map(id => network.body.data.nodes.get(id).shape)",
                             sample_page.js("network.body.data.nodes.getIds()"))
    assert lavrov not in sample_page.js("network.body.data.nodes.getIds()") and drawn and classes
    sample_page.page.check("input.kg-class[value=Person]")
    H = _drawn(G)
    assert sample_page.js("network.body.data.nodes.length") == sum(1 for n in H if H.degree(n))
    assert "said (" in side or not any(d.get("kind") == "said" for _, _, d in G.edges(lavrov, data=True))
    sample_page.js("kgView.clearFocus()")


def test_views_e2e_sample_build_screenshot_shows_labelled_structure(sample_page, sample_graph, tmp_path):
    from kg.stats import graph_stats

    sample_page.js("kgView.clearFocus(); network.stopSimulation(); network.fit({animation: false})")
    sample_page.page.wait_for_timeout(100)
    if sample_page.js("network.getScale()") > 0.5:  # zoomed out enough for kgView's labels
        sample_page.js("network.moveTo({scale: 0.5, animation: false})")
        sample_page.page.wait_for_timeout(100)
    labels = sample_page.js(LABEL_INK_JS)
    texts = [label["text"] for label in labels]
    top = [e.label for e in graph_stats(sample_graph, top=3).top_pagerank]
    # the most important names are readable (physics moves the nodes, so two may overlap)
    assert texts[0] in top and len(set(top) & set(texts)) >= 2, (top, texts)
    assert sum(label["dark"] > 20 for label in labels) >= 10
    assert sample_page.js(LONELY_JS) == []  # connected structure, no orphan ring
    stats = sample_page.js(CANVAS_INK_JS)
    assert stats["ink"] > 0.005 and stats["colours"] > 20
    shot = sample_page.page.screenshot(path=str(tmp_path / "sample.png"))
    assert len(shot) > 20_000


def _spo(result) -> set[tuple[str, str, str]]:
    rows = [dict(zip(map(str, result.variables), r)) for r in result.rows]
    return {(str(r["subject"]), str(r["predicate"]), str(r["object"])) for r in rows}


def test_views_e2e_sparql_of_the_screen_runs(sample_page, sample_graph):
    """The "copy SPARQL" query, run by kg query on the saved graph, gives the facts on screen."""
    from kg.query import run_query

    js = sample_page.js
    lavrov = js("kgView.find('Sergey Lavrov')")
    events = {str(e) for e in sample_graph.subjects(KG.triggerText, None)}

    def facts():  # the facts between entities (an event's roles are its own triples, not assertions)
        return {tuple(f) for f in js("kgView.selection().facts.map(k => kgView.fact(k))")
                if f[0] not in events and f[2] not in events}

    for setup in (f"kgView.select({lavrov})", "kgView.clearFocus()"):
        js(setup)
        expected = facts()
        query = js("kgView.sparql()")
        got = _spo(run_query(sample_graph, query))
        assert got == expected and expected, query
    sample_page.page.uncheck("input.kg-rel[value=holdsPosition]")
    expected = facts()
    got = _spo(run_query(sample_graph, js("kgView.sparql()")))
    assert got == expected and expected
    sample_page.page.check("input.kg-rel[value=holdsPosition]")


def test_views_e2e_path_finder_on_sample(sample_page, sample_graph):
    import networkx as nx

    G = _drawn(project(sample_graph))
    U = nx.Graph(G.to_undirected())
    a = next(n for n, d in G.nodes(data=True) if d["label"] == "Sergey Lavrov")
    far = max((n for n in nx.node_connected_component(U, a)), key=lambda n: (nx.shortest_path_length(U, a, n), n))
    hops = nx.shortest_path_length(U, a, far)
    js = sample_page.js
    sample_page.page.click("#kg-path-box summary")
    found = js("e => kgView.findPath(kgView.find(e[0]), e[1])", [G.nodes[a]["label"],
               js("iri => kgView.find(network.body.data.nodes.get(iri) ? network.body.data.nodes.get(iri).label : '')", far)])
    assert found and all(len(p) == hops + 1 for p in found)
    out = sample_page.page.inner_text("#kg-path-out")
    assert f"of {hops} hop" in out and out.count("\u201c") >= hops
    js("kgView.clearFocus()")
    sample_page.page.click("#kg-path-box summary")


def test_views_e2e_kg_view_focus(browser, sample_build, sample_graph, tmp_path):
    out = tmp_path / "lavrov.html"
    r = CliRunner().invoke(cli, ["view", str(sample_build.out_dir / "graph.ttl"),
                                 "--focus", "Lavrov", "--hops", "1", "-o", str(out)])
    assert r.exit_code == 0, r.output
    ego = ego_graph(project(sample_graph), "Lavrov", hops=1)
    assert r.output == (f"Wrote {out} ({ego.number_of_nodes()} entities, "
                        f"{ego.number_of_edges()} facts).\n")
    drawn = _drawn(ego)
    opened = _open(browser, out)
    try:
        assert opened.js("network.body.data.nodes.length") == drawn.number_of_nodes() > 2
        assert opened.js("network.body.data.edges.get().reduce((a, e) => a + e.kgFacts.length, 0)") == drawn.number_of_edges()
        assert opened.requests == [opened.url] and opened.errors == []
        assert opened.page.title() == "kg: Lavrov"
    finally:
        opened.page.close()


def test_views_e2e_events_and_date_filter_on_a_dated_build(browser, tmp_path):
    """Dated articles: events are drawn as their own class with their date, and the page's date filter keeps a range."""
    import json

    import kg

    src = tmp_path / "dated.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "title": "Geneva talks", "date": "2024-11-28",
         "text": "Sergey Lavrov met Antony Blinken in Geneva on Monday. Lavrov said that Russia wants talks."},
        {"id": "b", "title": "Perrier sold", "date": "1992-06-02", "text": "Nestle acquired Perrier in 1992."},
    ]) + "\n", encoding="utf-8")
    kg.build([src], out=tmp_path / "out", quiet=True)
    opened = _open(browser, tmp_path / "out" / "graph.html")
    try:
        js, page = opened.js, opened.page
        assert js("kgView.meta.dated") is True and page.is_visible("#kg-dates")
        events = js("network.body.data.nodes.get().filter(n => n.label && /^(Meeting|Acquisition):/.test(n.label)).map(n => n.label)")
        assert any(e.startswith("Meeting:") for e in events) and any(e.startswith("Acquisition:") for e in events)
        shapes = set(js("network.body.data.nodes.get().filter(n => /^(Meeting|Acquisition):/.test(n.label || '')).map(n => n.shape)"))
        assert shapes == {CLASSES["Event"][1]}
        page.fill("#kg-date-from", "2024-11-01")
        page.dispatch_event("#kg-date-from", "change")
        page.fill("#kg-date-to", "2024-11-30")
        page.dispatch_event("#kg-date-to", "change")
        page.wait_for_timeout(200)
        labels = js("network.body.data.nodes.get().map(n => n.label || '')")
        assert any(x.startswith("Meeting:") for x in labels) and not any(x.startswith("Acquisition:") for x in labels)
        page.screenshot(path=str(tmp_path / "dated.png"))
        assert opened.errors == []
    finally:
        opened.page.close()
