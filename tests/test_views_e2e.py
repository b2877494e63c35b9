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
from test_views import CANVAS_INK_JS, CHROMIUM, Opened, browser, browser_only, page_data  # noqa: F401

from kg.cli import cli
from kg.project import project
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
        assert js("network.body.data.nodes.length") == G.number_of_nodes()
        assert js("network.body.data.edges.length") == G.number_of_edges()
        tips = []
        for node in sorted(G):
            opened.hover_canvas_point(js("id => network.getPositions([id])[id]", node))
            tips.append(opened.page.inner_text("#kg-tip"))
        for edge in js("network.body.data.edges.getIds()"):
            opened.hover_canvas_point(js("id => network.body.edges[id].edgeType.getPoint(0.5)",
                                         edge))
            tips.append(opened.page.inner_text("#kg-tip"))
        for query in ("<script>", "script>window", "javascript:"):
            opened.page.fill("#kg-search", "")
            opened.page.type("#kg-search", query)
        opened.page.wait_for_timeout(300)
        assert js("typeof window.__pwned") == "undefined"
        assert js(INJECTED) == 0
        assert opened.requests == [opened.url]  # an <img src=x> would have asked for x
        assert opened.errors == []
        # each payload was shown, as text, in some tooltip
        shown = "\n".join(tips)
        for payload in PAYLOADS:
            assert payload in shown, payload
        assert sum(bool(t) for t in tips) == len(tips)  # every hover showed a tooltip
    finally:
        opened.page.close()


@pytest.fixture(scope="module")
def sample_page(browser, sample_build):
    opened = _open(browser, sample_build.out_dir / "graph.html")
    yield opened
    opened.page.close()


def test_views_e2e_sample_build_counts_offline(sample_page, sample_graph):
    G = project(sample_graph, statements=False)  # what the page draws
    js = sample_page.js
    assert sample_page.requests == [sample_page.url]
    assert sample_page.errors == []
    assert js("network.body.data.nodes.length") == G.number_of_nodes()
    assert js("network.body.data.edges.length") == G.number_of_edges()
    assert js("Object.keys(network.getPositions()).length") == G.number_of_nodes()
    assert js("Object.keys(network.body.edges).length") >= G.number_of_edges()
    note = sample_page.page.inner_text("#kg-note")
    assert f"{G.number_of_nodes()} entities, {G.number_of_edges()} relations" in note


def test_views_e2e_sample_build_legend_and_search(sample_page, sample_graph):
    from collections import Counter

    G = project(sample_graph, statements=False)  # what the page draws
    legend = sample_page.page.inner_text("#kg-legend")
    for cls, count in Counter(d["type"] for _, d in G.nodes(data=True)).items():
        assert f"{cls if cls in CLASSES else 'Thing'} {count}" in legend
    lavrov = next(n for n, d in G.nodes(data=True) if d["label"] == "Sergey Lavrov")
    sample_page.page.fill("#kg-search", "")
    sample_page.page.type("#kg-search", "lavrov")
    assert sample_page.js("network.getSelectedNodes()") == [lavrov]
    assert sample_page.page.inner_text("#kg-found") == "Sergey Lavrov (Person)"
    assert "Sergey Lavrov" in sample_page.page.inner_text("#kg-tip")
    # the class filter hides every Person
    sample_page.page.uncheck("input.kg-class[value=Person]")
    hidden = sample_page.js("network.body.data.nodes.get({filter: n => n.hidden}).length")
    assert hidden == sum(d["type"] == "Person" for _, d in G.nodes(data=True))
    sample_page.page.check("input.kg-class[value=Person]")
    assert sample_page.js("network.body.data.nodes.get({filter: n => n.hidden}).length") == 0


def test_views_e2e_sample_build_screenshot_not_blank(sample_page):
    stats = sample_page.js(CANVAS_INK_JS)
    assert stats["ink"] > 0.005 and stats["colours"] > 20
    assert len(sample_page.page.screenshot()) > 20_000


def test_views_e2e_kg_view_focus(browser, sample_build, sample_graph, tmp_path):
    out = tmp_path / "lavrov.html"
    r = CliRunner().invoke(cli, ["view", str(sample_build.out_dir / "graph.ttl"),
                                 "--focus", "Lavrov", "--hops", "1", "-o", str(out)])
    assert r.exit_code == 0, r.output
    ego = ego_graph(project(sample_graph, statements=False), "Lavrov", hops=1)
    assert r.output == (f"Wrote {out} ({ego.number_of_nodes()} entities, "
                        f"{ego.number_of_edges()} facts).\n")
    opened = _open(browser, out)
    try:
        assert opened.js("network.body.data.nodes.length") == ego.number_of_nodes() > 2
        assert opened.js("network.body.data.edges.length") == ego.number_of_edges()
        assert opened.requests == [opened.url] and opened.errors == []
        assert opened.page.title() == "kg: Lavrov"
    finally:
        opened.page.close()
