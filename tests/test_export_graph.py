"""Tests of the graph exporters: GraphML, GEXF 1.3 and Neo4j (kg.export.graphml/gexf/neo4j).

Golden files in ``tests/golden/`` pin the bytes of each format for one small hand-made graph;
on a mismatch the assertion message is a unified diff. After a deliberate change of format,
rewrite them with ``KG_UPDATE_GOLDEN=1 python -m pytest tests/test_export_graph.py`` and
review the diff. Round-trips read the files back with networkx and the csv module, and the
GEXF is validated with lxml against the official GEXF 1.3 schema in ``tests/schemas/gexf``.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from kg.errors import ExportError
from kg.export import gexf, graphml, neo4j
from kg.export.gexf import CLASS_COLORS, generate_gexf, write_gexf
from kg.export.graphml import generate_graphml, write_graphml
from kg.export.neo4j import (
    NEO4J_ADMIN_COMMAND,
    NEO4J_ONLY,
    generate_import_cypher,
    generate_nodes_csv,
    generate_relationships_csv,
    relationship_type,
    shared_statements,
    write_neo4j,
)

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SCHEMAS = HERE / "schemas" / "gexf" / "1.3"
UPDATE_GOLDEN = os.environ.get("KG_UPDATE_GOLDEN") == "1"

E = "http://example.org/kg/entity/"
XS = "http://www.w3.org/2001/XMLSchema"
GEXF = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"


def _node(name: str, label: str, cls: str, aliases: list[str], mentions: int) -> tuple:
    return E + name, dict(label=label, type=cls, aliases=aliases, mentions=mentions,
                          docs=["Article 1", "Article 2"][: 1 + mentions % 2])


def _edge(u: str, v: str, relation: str, weight: int, confidence: float, *sentences: str) -> tuple:
    sources = [{"doc": f"doc:{i}", "title": f"Article {i}", "sentence": s}
               for i, s in enumerate(sentences, 1)]
    is_open = " " in relation or relation[0].isdigit()
    predicate = f"http://example.org/kg/{'rel/' if is_open else ''}{relation.replace(' ', '_')}"
    return E + u, E + v, relation, dict(relation=relation, predicate=predicate, weight=weight,
                                        confidence=confidence, sources=sources, open=is_open)


def make_graph(*, reverse: bool = False) -> nx.MultiDiGraph:
    """A small graph in kg.project's shape, with the awkward cases each format must survive.

    Parallel edges between one pair (both directions), non-ASCII labels, commas, quotes,
    newlines, tabs, pipes, semicolons and markup characters in labels and aliases, an open
    relation with a comma, a relation starting with a digit, an isolated node, and an XML
    control character. ``reverse=True`` inserts everything in the opposite order, which must
    not change a single byte of output.
    """
    nodes = [
        _node("sergei_lavrov", "Sergeï Lavrov", "Person",
              ["Lavrov", "S. Lavrov, FM", 'Sergei "the diplomat"'], 5),
        _node("antony_blinken", "Antony Blinken", "Person", ["Blinken", "Tony|AB"], 3),
        _node("nato", "NATO", "Organization",
              ["North Atlantic Treaty Organization", "OTAN; l'Alliance"], 4),
        _node("russia", "Russia", "Country", ["Russian Federation", "Россия"], 6),
        _node("geneva", "Genève\nGeneva", "City", [], 1),
        _node("foreign_minister", "foreign minister", "Position", [], 2),
        _node("summit", 'Summit <A&B> "2024"\ttalks\x0b', "Event",
              ["the\tsummit", "Genf-Gipfel"], 1),
    ]
    edges = [
        _edge("sergei_lavrov", "antony_blinken", "meets", 2, 0.9,
              "Lavrov met Blinken in Geneva.", "The two ministers met again."),
        _edge("sergei_lavrov", "antony_blinken", "express concern about", 1, 0.55,
              "Lavrov expressed concern about Blinken."),
        _edge("antony_blinken", "sergei_lavrov", "meets", 1, 0.85, "Blinken met Lavrov."),
        _edge("sergei_lavrov", "foreign_minister", "holdsPosition", 3, 1.0),
        _edge("sergei_lavrov", "russia", "memberOf", 1, 0.7),
        _edge("sergei_lavrov", "geneva", "visits", 1, 0.8),
        _edge("nato", "russia", "warn, again", 2, 0.65),
        _edge("russia", "nato", "2 sanctions", 1, 0.3333333333333333),
    ]
    if reverse:
        nodes, edges = nodes[::-1], edges[::-1]
    G = nx.MultiDiGraph(name="kg test graph: «Lavrov» & co")
    G.add_nodes_from(nodes)
    for u, v, k, d in edges:
        G.add_edge(u, v, key=k, **d)
    return G


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return make_graph()


def _text(chunks) -> str:
    return "".join(chunks)


def assert_same_text(actual: str, expected: str, name: str) -> None:
    """Compare texts and fail with a unified diff (expected -> actual)."""
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{name}",
                tofile=f"{name} (generated)",
            )
        )
        pytest.fail(
            f"{name} differs from its golden file (KG_UPDATE_GOLDEN=1 rewrites it):\n{diff}",
            pytrace=False,
        )


# ---------------------------------------------------------------------------------------
# Golden files

GOLDEN_CASES = {
    "graph.graphml": generate_graphml,
    "graph.gexf": generate_gexf,
    "neo4j_nodes.csv": generate_nodes_csv,
    "neo4j_relationships.csv": generate_relationships_csv,
    "import.cypher": generate_import_cypher,
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_export_golden(graph, name):
    actual = _text(GOLDEN_CASES[name](graph))
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"missing golden file {path}; run with KG_UPDATE_GOLDEN=1 to create it"
    assert_same_text(actual, path.read_bytes().decode("utf-8"), name)


def test_export_golden_diff_message_shows_the_change():
    """The failure message is a unified diff naming the golden file (so the test can fail)."""
    with pytest.raises(pytest.fail.Exception) as info:
        assert_same_text("a\nB\nc\n", "a\nb\nc\n", "x.csv")
    message = str(info.value)
    assert "--- golden/x.csv" in message and "-b\n" in message and "+B\n" in message


# ---------------------------------------------------------------------------------------
# Shared properties of every writer (STYLE rule 12): deterministic bytes, UTF-8, final
# newline, atomic replacement.

WRITERS = {
    "graphml": lambda G, out: [write_graphml(G, out / "graph.graphml")],
    "gexf": lambda G, out: [write_gexf(G, out / "graph.gexf")],
    "neo4j": lambda G, out: write_neo4j(G, out / "neo4j"),
}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_export_deterministic_bytes(tmp_path, fmt):
    first = WRITERS[fmt](make_graph(), tmp_path / "a")
    second = WRITERS[fmt](make_graph(reverse=True), tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    for p, q in zip(first, second):
        assert p.read_bytes() == q.read_bytes(), f"{p.name} depends on insertion order"


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_export_utf8_with_final_newline(tmp_path, fmt):
    for path in WRITERS[fmt](make_graph(), tmp_path):
        data = path.read_bytes()
        text = data.decode("utf-8")  # raises if not UTF-8
        assert text.endswith("\n") and not text.endswith("\n\n"), path.name
        assert "\r\n" not in text, path.name
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_export_replaces_existing_file_whole(tmp_path, fmt):
    paths = WRITERS[fmt](make_graph(), tmp_path)
    for p in paths:  # a longer file than the new one: a non-truncating write would leave a tail
        p.write_text("stale " * 10_000 + "\n", encoding="utf-8")
    small = nx.MultiDiGraph(name="small")
    small.add_node(E + "x", label="X", type="Thing", aliases=[], mentions=1, docs=[])
    rewritten = WRITERS[fmt](small, tmp_path)
    assert rewritten == paths
    for p in rewritten:
        text = p.read_text(encoding="utf-8")
        assert "stale" not in text and text.endswith("\n")
    left = sorted(x.name for x in tmp_path.rglob("*") if x.is_file())
    assert left == sorted(p.name for p in paths)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_export_failure_leaves_previous_file(tmp_path, fmt):
    paths = WRITERS[fmt](make_graph(), tmp_path)
    before = {p: p.read_bytes() for p in paths}
    bad = make_graph()
    bad.edges[E + "sergei_lavrov", E + "antony_blinken", "meets"]["confidence"] = math.nan
    with pytest.raises(ExportError, match="confidence"):
        WRITERS[fmt](bad, tmp_path)
    assert {p: p.read_bytes() for p in paths} == before
    assert not [x for x in tmp_path.rglob("*") if x.name.endswith(".tmp")]


@pytest.mark.parametrize("module", [graphml, gexf, neo4j])
def test_export_all_names_exist(module):
    assert module.__all__, module.__name__
    for name in module.__all__:
        assert hasattr(module, name), f"{module.__name__}.{name}"


def test_export_empty_graph(tmp_path, gexf13_schema):
    G = nx.MultiDiGraph(name="")
    (gml,) = WRITERS["graphml"](G, tmp_path)
    assert nx.read_graphml(gml, force_multigraph=True).number_of_nodes() == 0
    (gx,) = WRITERS["gexf"](G, tmp_path)
    assert gexf13_schema.validate(etree.parse(str(gx))), gexf13_schema.error_log
    nodes, rels, cypher = WRITERS["neo4j"](G, tmp_path)
    assert nodes.read_text(encoding="utf-8") == ",".join(neo4j.NODES_HEADER) + "\n"
    assert rels.read_text(encoding="utf-8") == ",".join(neo4j.RELATIONSHIPS_HEADER) + "\n"
    assert "file:///relationships.csv" not in cypher.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------
# GraphML


def _expected_nodes(G):
    return {
        n: {
            "label": d["label"].replace("\x0b", "\ufffd"),
            "class": d["type"],
            "aliases": "|".join(d["aliases"]),
            "mentions": d["mentions"],
            "degree": G.degree(n),
        }
        for n, d in G.nodes(data=True)
    }


def _expected_edges(G):
    return Counter(
        (u, v, d["relation"], d["weight"], d["confidence"]) for u, v, d in G.edges(data=True)
    )


def test_export_graphml_roundtrip(tmp_path, graph):
    path = write_graphml(graph, tmp_path / "graph.graphml")
    H = nx.read_graphml(path, force_multigraph=True)
    assert H.is_directed() and H.is_multigraph()
    assert H.graph["name"] == graph.graph["name"]
    assert (H.number_of_nodes(), H.number_of_edges()) == (7, 8)
    got_nodes = {
        n: {k: d.get(k, "") for k in ("label", "class", "aliases", "mentions", "degree")}
        for n, d in H.nodes(data=True)
    }
    assert got_nodes == _expected_nodes(graph)
    got_edges = Counter(
        (u, v, d["relation"], d["weight"], d["confidence"]) for u, v, d in H.edges(data=True)
    )
    assert got_edges == _expected_edges(graph)
    # No list or provenance attributes leak into GraphML, which has no list type.
    assert {k for _, d in H.nodes(data=True) for k in d} <= {"label", "class", "aliases",
                                                            "mentions", "degree", "kind"}
    assert {k for *_, d in H.edges(data=True) for k in d} == {"relation", "weight", "confidence"}


def test_export_graphml_edge_ids_are_unique(graph):
    root = etree.fromstring(_text(generate_graphml(graph)).encode("utf-8"))
    ids = [e.get("id") for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(ids) == len(set(ids)) == graph.number_of_edges()


# ---------------------------------------------------------------------------------------
# GEXF 1.3 against the official schema


@pytest.fixture(scope="session")
def gexf13_schema(tmp_path_factory) -> etree.XMLSchema:
    """The official GEXF 1.3 XSD set, assembled so that ``viz:*`` elements validate.

    Why assembly is needed: the 1.3 schema is published as RELAX NG (``gexf.rnc``, which
    says ``include "viz.rnc" inherit = viz``, i.e. the viz elements live in the namespace
    ``http://gexf.net/1.3/viz``) and converted to XSD. The conversion lost that namespace:
    ``viz.xsd`` has no target namespace and only holds attribute groups and simple types,
    while ``dynamics.xsd`` declares ``color``/``position``/``size``/``thickness``/``shape``
    in the GEXF namespace itself. Files written the way the GEXF primer, Gephi and networkx
    write them (``<viz:color>``) therefore fail the unassembled set (see
    ``test_export_gexf_unassembled_official_schema_rejects_viz``).

    How it is assembled, in a temporary folder, from the unmodified copies in
    ``tests/schemas/gexf/1.3``:

    1. ``gexf.xsd`` and ``viz.xsd`` are copied byte for byte.
    2. A wrapper ``viz-ns.xsd`` with ``targetNamespace="http://gexf.net/1.3/viz"`` does an
       ``xs:include`` of ``viz.xsd``. Including a schema without a target namespace is a
       "chameleon" include: its attribute groups and types (colour channels 0..255, alpha
       0..1, sizes >= 0, the shape enumerations) take the viz namespace, unchanged. The
       wrapper then declares the viz elements in two model groups, as ``viz.rnc`` does:
       ``node-viz`` (color, position, size, shape with the node shapes) and ``edge-viz``
       (color, thickness, shape with the edge shapes). Local elements of a group take the
       wrapper's target namespace, which keeps node and edge ``shape`` distinct.
    3. ``dynamics.xsd`` is copied with two changes made on its parsed tree: an
       ``xs:import`` of the viz namespace from ``viz-ns.xsd`` is added beside its existing
       import, and in the ``node-content`` and ``edge-content`` types the inner choice of
       GEXF-namespace viz elements is replaced by ``<xs:group ref="viz:node-viz"/>`` /
       ``"viz:edge-viz"``. Nothing else changes: same occurrence rules, same attributes.
    4. lxml compiles ``gexf.xsd`` from that folder, which includes the assembled
       ``dynamics.xsd``.
    """
    out = tmp_path_factory.mktemp("gexf13")
    for name in ("gexf.xsd", "viz.xsd"):
        shutil.copyfile(SCHEMAS / name, out / name)
    viz_elements = {
        "node-viz": (("color", "color-content"), ("position", "position-content"),
                     ("size", "size-content"), ("shape", "node-shape-content")),
        "edge-viz": (("color", "color-content"), ("thickness", "thickness-content"),
                     ("shape", "edge-shape-content")),
    }
    groups = "".join(
        f'  <xs:group name="{group}">\n    <xs:choice>\n'
        + "".join(
            f'      <xs:element name="{el}"><xs:complexType>'
            f'<xs:attributeGroup ref="viz:{content}"/></xs:complexType></xs:element>\n'
            for el, content in elements
        )
        + "    </xs:choice>\n  </xs:group>\n"
        for group, elements in viz_elements.items()
    )
    (out / "viz-ns.xsd").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<xs:schema xmlns:xs="{XS}" xmlns:viz="{VIZ}" targetNamespace="{VIZ}"'
        ' elementFormDefault="qualified">\n'
        '  <xs:include schemaLocation="viz.xsd"/>\n' + groups + "</xs:schema>\n",
        encoding="utf-8",
    )
    dynamics = etree.parse(str(SCHEMAS / "dynamics.xsd"))
    root = dynamics.getroot()
    ns = {"xs": XS}
    root.find("xs:import", ns).addnext(
        etree.Element(f"{{{XS}}}import", namespace=VIZ, schemaLocation="viz-ns.xsd")
    )
    for ctype, group in (("node-content", "node-viz"), ("edge-content", "edge-viz")):
        (choice,) = root.xpath(
            f"xs:complexType[@name='{ctype}']/xs:choice/xs:choice[xs:element[@ref='ns1:color']]",
            namespaces=ns,
        )
        choice.getparent().replace(
            choice, etree.Element(f"{{{XS}}}group", nsmap={"viz": VIZ}, ref=f"viz:{group}")
        )
    dynamics.write(str(out / "dynamics.xsd"), xml_declaration=True, encoding="UTF-8")
    return etree.XMLSchema(etree.parse(str(out / "gexf.xsd")))


def _gexf_tree(G) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(_text(generate_gexf(G)).encode("utf-8")))


def test_export_gexf_validates_against_official_schema(gexf13_schema, graph):
    tree = _gexf_tree(graph)
    assert gexf13_schema.validate(tree), gexf13_schema.error_log
    # The viz elements were validated, not skipped: there is one colour and size per node.
    assert len(tree.findall(f".//{{{VIZ}}}color")) == graph.number_of_nodes()
    assert len(tree.findall(f".//{{{VIZ}}}size")) == graph.number_of_nodes()


def _break_color(root):
    root.find(f".//{{{VIZ}}}color").set("b", "300")


def _break_graph_name(root):
    root.find(f"{{{GEXF}}}graph").set("name", "networkx writes this")


def _break_viz_namespace(root):
    color = root.find(f".//{{{VIZ}}}color")
    color.tag = f"{{{GEXF}}}color"


def _break_edge_shape_on_node(root):
    size = root.find(f".//{{{VIZ}}}size")
    size.addnext(etree.Element(f"{{{VIZ}}}shape", value="dashed"))


def _break_version(root):
    root.set("version", "1.2")


@pytest.mark.parametrize(
    "breaker, message",
    [
        (_break_color, "maxInclusive"),
        (_break_graph_name, "name"),
        (_break_viz_namespace, "color"),
        (_break_edge_shape_on_node, "dashed"),
        (_break_version, "version"),
    ],
    ids=["color-out-of-range", "graph-name", "viz-in-gexf-namespace", "edge-shape-on-node",
         "version"],
)
def test_export_gexf_schema_rejects_broken_file(gexf13_schema, graph, breaker, message):
    tree = _gexf_tree(graph)
    breaker(tree.getroot())
    assert not gexf13_schema.validate(tree)
    assert message in str(gexf13_schema.error_log)


def test_export_gexf_unassembled_official_schema_rejects_viz(graph):
    """Why the fixture assembles the set: ``gexf.xsd`` as published wants ``<color>`` in the
    GEXF namespace. If upstream fixes this, this test fails and the fixture can go."""
    raw = etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf.xsd")))
    assert not raw.validate(_gexf_tree(graph))
    assert f"{{{VIZ}}}color" in str(raw.error_log)


def test_export_gexf_roundtrip(tmp_path, graph):
    path = write_gexf(graph, tmp_path / "graph.gexf")
    H = nx.read_gexf(path, version="1.3")
    assert H.is_directed() and H.is_multigraph()
    assert (H.number_of_nodes(), H.number_of_edges()) == (7, 8)
    expected = _expected_nodes(graph)
    assert set(H.nodes) == set(expected)
    for n, d in H.nodes(data=True):
        assert {k: d[k] for k in expected[n]} == expected[n], n
        r, g, b = CLASS_COLORS[graph.nodes[n]["type"]]
        assert d["viz"]["color"] == {"r": r, "g": g, "b": b, "a": 1.0}
        assert d["viz"]["size"] == round(10 + 5 * math.sqrt(graph.degree(n)), 2)
    got_edges = Counter(
        (u, v, d["relation"], int(d["weight"]), d["confidence"]) for u, v, d in H.edges(data=True)
    )
    assert got_edges == _expected_edges(graph)
    assert all(d["label"] == d["relation"] for *_, d in H.edges(data=True))
    assert len({d["id"] for *_, d in H.edges(data=True)}) == graph.number_of_edges()


def test_export_gexf_palette_covers_every_class():
    from kg.project import ENTITY_CLASSES

    classes = ["Person", "Organization", "Country", "City", "Region", "Place", "Group", "Event",
               "Position", "Facility", "CreativeWork", "Legislation", "Product", "Thing"]
    assert [c for c in CLASS_COLORS if c != "Statement"] == classes
    assert set(classes) == set(ENTITY_CLASSES)
    classes.append("Statement")  # statements are nodes of the projection too
    assert len(set(CLASS_COLORS.values())) == len(classes)
    assert all(0 <= c <= 255 for rgb in CLASS_COLORS.values() for c in rgb)


def test_export_gexf_unknown_class_gets_thing_color(gexf13_schema):
    G = nx.MultiDiGraph(name="x")
    G.add_node(E + "x", label="X", type="Spacecraft", aliases=[], mentions=1, docs=[])
    tree = _gexf_tree(G)
    assert gexf13_schema.validate(tree), gexf13_schema.error_log
    color = tree.find(f".//{{{VIZ}}}color")
    assert tuple(int(color.get(c)) for c in "rgb") == CLASS_COLORS["Thing"]


# ---------------------------------------------------------------------------------------
# Neo4j


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_export_neo4j_csv_parse_back(tmp_path, graph):
    nodes_path, rels_path, cypher_path = write_neo4j(graph, tmp_path / "neo4j")
    assert [p.name for p in (nodes_path, rels_path, cypher_path)] == [
        "nodes.csv", "relationships.csv", "import.cypher"]
    nodes = _read_csv(nodes_path)
    rels = _read_csv(rels_path)
    assert nodes[0] == ["id:ID", "label", "aliases:string[]", "mentions:int", ":LABEL", "date", "text"]
    assert rels[0] == [":START_ID", ":END_ID", ":TYPE", "relation", "weight:int",
                       "confidence:float", "kind"]
    assert len(nodes) - 1 == graph.number_of_nodes() and len(rels) - 1 == graph.number_of_edges()

    by_id = {row[0]: row for row in nodes[1:]}
    assert len(by_id) == graph.number_of_nodes(), "node ids must be unique"
    for n, d in graph.nodes(data=True):
        _, label, aliases, mentions, labels, _, _ = by_id[n]
        assert label == d["label"]  # quotes, commas, newlines, tabs survive the CSV quoting
        expected_aliases = [a.replace(";", ",") for a in d["aliases"]]
        assert (aliases.split(";") if aliases else []) == expected_aliases
        assert int(mentions) == d["mentions"]
        assert labels == f"Entity;{d['type']}"
    assert by_id[E + "nato"][2] == "North Atlantic Treaty Organization;OTAN, l'Alliance"

    expected = Counter((u, v, relationship_type(d["relation"]), d["relation"], d["weight"],
                        d["confidence"]) for u, v, d in graph.edges(data=True))
    got = Counter((s, t, typ, rel, int(w), float(c)) for s, t, typ, rel, w, c, kind in rels[1:] if kind == "fact")
    assert got == expected
    for start, end, rtype, *_ in rels[1:]:
        assert start in by_id and end in by_id
        assert re.fullmatch(r"[A-Z_][A-Z0-9_]*", rtype), rtype


@pytest.mark.parametrize(
    "relation, expected",
    [
        ("meets", "MEETS"),
        ("memberOf", "MEMBER_OF"),
        ("holdsPosition", "HOLDS_POSITION"),
        ("exportsTo", "EXPORTS_TO"),
        ("express concern about", "EXPRESS_CONCERN_ABOUT"),
        ("warn, again", "WARN_AGAIN"),
        ("2 sanctions", "REL_2_SANCTIONS"),
        ("don’t back", "DONT_BACK"),
        ("réunir", "REUNIR"),
        ("set-up", "SET_UP"),
        ("  ", "RELATED_TO"),
        ("встречаться", "RELATED_TO"),
    ],
)
def test_export_neo4j_relationship_type(relation, expected):
    assert relationship_type(relation) == expected
    assert re.fullmatch(r"[A-Z_][A-Z0-9_]*", expected)


def test_export_neo4j_csv_quoting_is_minimal_and_doubled(graph):
    text = _text(generate_nodes_csv(graph))
    assert ',"Lavrov;S. Lavrov, FM;Sergei ""the diplomat""",' in text  # quotes doubled
    assert "\nhttp://example.org/kg/entity/nato,NATO," in text  # plain fields stay unquoted
    assert '"Genève\nGeneva"' in text  # a newline is quoted, hence --multiline-fields=true


def test_export_neo4j_import_cypher_statements(graph):
    script = _text(generate_import_cypher(graph))
    assert "cypher-shell" in script and "-f import.cypher" in script
    lines = script.splitlines()
    assert ("CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE "
            + NEO4J_ONLY) in lines
    for line in lines:  # Neo4j-only syntax appears only on marked lines
        if line.startswith("//"):
            continue
        if "CREATE CONSTRAINT" in line or "IN TRANSACTIONS" in line or line.startswith("CALL {"):
            assert line.endswith(NEO4J_ONLY), line
    types = sorted({relationship_type(d["relation"]) for *_, d in graph.edges(data=True)})
    merge = r"MERGE \(a\)-\[r:([A-Z0-9_]+) \{relation: row\.relation\}\]->\(b\)"
    merged = re.findall(merge, script)
    assert merged == types  # one statement per relationship type present, sorted
    classes = sorted({d["type"] for _, d in graph.nodes(data=True)})
    assert re.findall(r"\| SET n:(\w+)\)", script) == classes

    shared = shared_statements(script)
    assert len(shared) == 1 + len(types)
    for statement in shared:
        assert statement.startswith("LOAD CSV WITH HEADERS FROM 'file:///")
        for neo4j_only in ("CREATE CONSTRAINT", "IN TRANSACTIONS", "CALL {", NEO4J_ONLY):
            assert neo4j_only not in statement
        assert not any(line.lstrip().startswith("//") for line in statement.splitlines())


def test_export_neo4j_admin_command():
    assert NEO4J_ADMIN_COMMAND.startswith("neo4j-admin database import full neo4j ")
    assert "--nodes=neo4j/nodes.csv" in NEO4J_ADMIN_COMMAND
    assert "--relationships=neo4j/relationships.csv" in NEO4J_ADMIN_COMMAND
    assert "--multiline-fields=true" in NEO4J_ADMIN_COMMAND


def test_export_neo4j_csv_never_splits_a_row_on_carriage_return():
    G = nx.MultiDiGraph()
    G.add_node(E + "a", label="line\rbreak", type="Thing", aliases=["x\r\ny"], mentions=1)
    rows = list(csv.reader(io.StringIO(_text(generate_nodes_csv(G)), newline="")))
    assert rows[1][1:3] == ["line\nbreak", "x\ny"]


def test_export_gexf_dates_as_spells(gexf13_schema, tmp_path):
    """A dated build: events and facts carry spells (mode dynamic), the file still validates."""
    import json

    import kg
    from kg.project import project

    src = tmp_path / "dated.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "date": "2024-11-28", "text": "Sergey Lavrov met Antony Blinken in Geneva on Monday."},
        {"id": "b", "date": "1992-06-02", "text": "Nestle acquired Perrier in 1992."},
    ]) + "\n", encoding="utf-8")
    G = project(kg.build([src], out=None, quiet=True).data)
    tree = _gexf_tree(G)
    assert gexf13_schema.validate(tree), gexf13_schema.error_log
    graph_el = tree.find(f"{{{GEXF}}}graph")
    assert graph_el.get("mode") == "dynamic" and graph_el.get("timeformat") == "date"
    spells = {(n.get("label"), s.get("start"), s.get("end"))
              for n in tree.iter(f"{{{GEXF}}}node") for s in n.iter(f"{{{GEXF}}}spell")}
    assert any(label.startswith("Meeting") and (start, end) == ("2024-11-25", "2024-11-25") for label, start, end in spells)
    assert any(label.startswith("Acquisition") and (start, end) == ("1992-01-01", "1992-12-31") for label, start, end in spells)
    edge_spells = [s.get("start") for e in tree.iter(f"{{{GEXF}}}edge") for s in e.iter(f"{{{GEXF}}}spell")]
    assert "2024-11-25" in edge_spells
