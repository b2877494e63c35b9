"""The projection of a large build (kg.spilled_projection): the same exports, a bounded view. See #14.

From ``LARGE_DOCS`` articles on, a build's statements wait on disk for GraphML, GEXF and Neo4j,
and its HTML view carries the first few titles per entity, sources per fact and statements per
speaker. The threshold is lowered here so that the sample articles make a large build.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from kg import stream_projection as sp
from kg.partitioned import assemble_parts, chunks
from kg.records_io import RECORDS_FILE, read_records

pytestmark = pytest.mark.issue(14)

EXPORTS = ("graph.graphml", "graph.gexf", "neo4j/nodes.csv", "neo4j/relationships.csv", "neo4j/import.cypher")


def _write(pairs, base_iri: str, folder: Path, parts: int, *, large: bool, monkeypatch) -> dict[str, bytes]:
    monkeypatch.setattr(sp, "LARGE_DOCS", 1 if large else 10**9)
    assembled = assemble_parts(chunks(pairs, parts), base_iri=base_iri)
    sp.write_projection_files(assembled.as_parts(), folder, title="kg graph")
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".kg-tmp")]  # the spilled runs are gone
    return {name: (folder / name).read_bytes() for name in (*EXPORTS, "graph.html")}


def _pairs(sample_build, dated: bool = False):
    records = read_records(sample_build.out_dir / RECORDS_FILE)
    pairs = list(records.pairs)
    if dated:
        pairs = [(replace(doc, date=f"2024-05-0{i % 9 + 1}"), ex) for i, (doc, ex) in enumerate(pairs)]
    return pairs, records.base_iri


@pytest.mark.parametrize("parts,dated", [(1, False), (3, True), (5, False)])
def test_large_projection_exports_the_bytes_of_the_whole_projection(tmp_path, sample_build, monkeypatch, parts, dated):
    pairs, base_iri = _pairs(sample_build, dated)
    assert sum(len(ex.statements) for _, ex in pairs) > 5
    whole = _write(pairs, base_iri, tmp_path / "whole", parts, large=False, monkeypatch=monkeypatch)
    large = _write(pairs, base_iri, tmp_path / "large", parts, large=True, monkeypatch=monkeypatch)
    for name in EXPORTS:
        assert large[name] == whole[name], name
    assert whole["graph.gexf"].count(b'value="statement"') > 5
    if dated:
        gexf = whole["graph.gexf"].decode()
        assert gexf[gexf.index("<edges"):].count("<spell ") > 10


def _page(html: bytes) -> dict:
    text = html.decode()
    return json.loads(re.search(r'<script type="application/json"[^>]*>(.*?)</script>', text, re.S).group(1))


def test_large_view_carries_a_bounded_share_in_a_fixed_order(tmp_path, sample_build, monkeypatch):
    from kg import spilled_projection

    pairs, base_iri = _pairs(sample_build, dated=True)
    monkeypatch.setattr(sp, "VIEW_SOURCES_PER_FACT", 1)
    monkeypatch.setattr(sp, "VIEW_TITLES_PER_ENTITY", 1)
    monkeypatch.setattr(spilled_projection, "VIEW_STATEMENTS_PER_SPEAKER", 1)
    monkeypatch.setattr(spilled_projection, "VIEW_STATEMENTS", 3)
    whole = _page(_write(pairs, base_iri, tmp_path / "whole", 1, large=False, monkeypatch=monkeypatch)["graph.html"])
    first = _write(pairs, base_iri, tmp_path / "large", 1, large=True, monkeypatch=monkeypatch)["graph.html"]
    again = _write(pairs, base_iri, tmp_path / "again", 1, large=True, monkeypatch=monkeypatch)["graph.html"]
    assert first == again  # deterministic
    page = _page(first)
    fields = page["meta"]["factFields"]
    src, n_src, fdocs = fields.index("sources"), fields.index("nSources"), fields.index("docs")
    nfields = page["meta"]["nodeFields"]
    iri, cls, ndocs = nfields.index("iri"), nfields.index("cls"), nfields.index("docs")

    def titles(p, row):
        return [p["docs"][i][0] for i in row[ndocs]]

    def fact_key(p, f):
        return p["nodes"][f[0]][iri], p["nodes"][f[1]][iri], p["relations"][f[2]][0]

    whole_nodes = {n[iri]: n for n in whole["nodes"]}
    whole_facts = {fact_key(whole, f): f for f in whole["facts"]}
    # every entity carries at most one title: the first of the whole page's, in title order
    bounded = 0
    for n in page["nodes"]:
        if n[cls] == "Statement":
            continue
        assert len(n[ndocs]) <= 1
        full = titles(whole, whole_nodes[n[iri]])
        assert titles(page, n) == full[:1]
        bounded += len(full) > 1
    assert bounded > 5
    # every fact between entities carries one source, the first of the whole page's, and counts them all
    cut = 0
    for f in page["facts"]:
        k = fact_key(page, f)
        if page["relations"][f[2]][0] in ("said", "about") or k not in whole_facts:
            continue
        w = whole_facts[k]
        assert len(f[src]) <= 1 and len(f[fdocs]) <= 1
        first_source = [[whole["docs"][d][0], whole["sentences"][s]] for d, s in w[src][:1]]
        assert [[page["docs"][d][0], page["sentences"][s]] for d, s in f[src]] == first_source
        assert f[n_src] == w[n_src]
        assert f[-1] == w[-1]  # the fact's date: its first dated source's
        cut += w[n_src] > 1
    assert cut > 0
    # one statement per speaker (its first in document order; a statement may be the first of two)
    said = [f for f in page["facts"] if page["relations"][f[2]][0] == "said"]
    drawn = {f[1] for f in said}
    assert 0 < len(drawn) <= len({f[0] for f in said})
    assert len(drawn) == 3 == sum(1 for n in page["nodes"] if n[cls] == "Statement")  # VIEW_STATEMENTS
    assert len(drawn) < sum(1 for n in whole["nodes"] if n[cls] == "Statement")


@pytest.mark.parametrize("size", [1, 100, 1 << 20])
def test_page_written_in_pieces_is_the_rendered_page(tmp_path, sample_build, size):
    """write_page writes the page a megabyte at a time: the bytes of render, whatever the piece size."""
    from kg.project import project, tables
    from kg.views import page

    records = read_records(sample_build.out_dir / RECORDS_FILE)
    assembled = assemble_parts(chunks(list(records.pairs), 1), base_iri=records.base_iri)
    data = page.page_of(project(tables(assembled.graph_data()), name="kg graph"), title="<kg & graph>")
    assert "".join(page.script_json_chunks(data, size=size)) == page.script_json(data)
    page.write_page(data, tmp_path / "graph.html")
    assert (tmp_path / "graph.html").read_bytes() == page.render(data).encode("utf-8")
    assert len(page.render(data)) > 100_000
