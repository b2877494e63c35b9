"""GEXF 1.3 export of the projected entity graph, for Gephi.

Written by hand as a generator instead of with ``networkx.write_gexf``, because networkx's 1.3
output does not validate against the official schema (it writes ``graph/@name``, which the
schema lacks, and the xsi namespace without ``www.``), and because its bytes and edge ids
depend on the networkx version. This writer emits:

- ``<gexf version="1.3">`` in ``http://gexf.net/1.3`` with a ``meta`` block (creator ``kg``;
  the graph name goes in ``description``, since ``graph`` has no ``name`` attribute);
- ``<graph mode="static" defaultedgetype="directed">`` with declared node attributes
  ``class``, ``aliases`` (joined with ``|``), ``mentions``, ``degree`` and edge attributes
  ``relation``, ``confidence``;
- per node ``viz:color`` from :data:`CLASS_COLORS` and ``viz:size`` growing with the square
  root of the degree, in the ``http://gexf.net/1.3/viz`` namespace that the GEXF 1.3 primer,
  Gephi and networkx use;
- per edge a unique id (``0``, ``1``, ... in sorted order; parallel edges between one pair
  are legal in 1.3 when their ids differ), ``label`` = relation, ``weight``;
- when some event or fact carries a date, ``mode="dynamic" timeformat="date"`` and
  ``<spells>``: an event node lives over the days its time covers, an edge over the days of its
  sources (the event's time, the time the text gives the fact, or the article's date), so
  Gephi's timeline plays the graph over time; entities without dates are always there.

About the viz namespace: the official 1.3 XSD files are generated from the RELAX NG source,
which puts the viz elements in their own namespace (``include "viz.rnc" inherit = viz``), but
the conversion lost it, and the published ``viz.xsd`` has no target namespace. Validating
``viz:*`` therefore needs the schema set assembled as the RNC source intends; the tests show
how (``tests/test_export_graph.py``, fixture ``gexf13_schema``).
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg._io import atomic_write_lines
from kg.errors import ExportError

from ._order import all_edges, all_nodes, edges_in_order, nodes_in_order

__all__ = ["generate_gexf", "write_gexf", "CLASS_COLORS", "GEXF_NS", "VIZ_NS"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"

#: Node colour per entity class (matplotlib's "tab10" plus a light grey for ``Thing``), so the
#: classes are told apart in Gephi before any partition is applied. Unknown classes use ``Thing``.
CLASS_COLORS: dict[str, tuple[int, int, int]] = {
    "Person": (31, 119, 180),
    "Organization": (255, 127, 14),
    "Country": (44, 160, 44),
    "City": (214, 39, 40),
    "Region": (148, 103, 189),
    "Place": (140, 86, 75),
    "Group": (227, 119, 194),
    "Event": (188, 189, 34),
    "Statement": (174, 199, 232),
    "Position": (23, 190, 207),
    "Facility": (127, 127, 127),
    "CreativeWork": (219, 219, 141),
    "Legislation": (158, 218, 229),
    "Product": (255, 187, 120),
    "Thing": (199, 199, 199),
}

_ALIAS_SEPARATOR = "|"
# (attribute id = title, GEXF type) per class, in declaration order.
_NODE_ATTRS = (("class", "string"), ("aliases", "string"), ("mentions", "integer"),
               ("degree", "integer"), ("kind", "string"), ("eventClass", "string"), ("date", "string"))
_EDGE_ATTRS = (("relation", "string"), ("confidence", "double"))

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                 "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
_ATTR_RE = re.compile('[&<>"\r\n\t]')


#: Any character that :func:`_attr` changes: most values have none and are kept after one search.
_CHANGED = re.compile(f"{_XML_INVALID.pattern[:-1]}&<>\"\r\n\t]")


def _attr(value: object) -> str:
    """Escape for a double-quoted attribute; whitespace as references survives normalisation."""
    s = str(value)
    if _CHANGED.search(s) is None:
        return s
    s = _XML_INVALID.sub("\ufffd", s)
    return _ATTR_RE.sub(lambda m: _ATTR_ESCAPES[m.group()], s)


def _text(value: object) -> str:
    """Escape for element content."""
    s = _XML_INVALID.sub("\ufffd", str(value))
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _float(value: Any, where: str) -> str:
    """Shortest round-tripping repr of a finite float (``0.85``)."""
    x = float(value)
    if not math.isfinite(x):
        raise ExportError(f"{where}: confidence {value!r} is not a finite number")
    return repr(x)


def _node_size(degree: int) -> float:
    """Gephi node size for a degree: 10 for an isolated node, growing with the square root."""
    return round(10.0 + 5.0 * math.sqrt(degree), 2)


def _attvalues(pairs: list[tuple[str, object]], indent: str) -> Iterator[str]:
    yield f"{indent}<attvalues>\n"
    for key, value in pairs:
        yield f'{indent}  <attvalue for="{key}" value="{_attr(value)}"/>\n'
    yield f"{indent}</attvalues>\n"


def generate_gexf(G: nx.MultiDiGraph) -> Iterator[str]:
    """Generate the GEXF 1.3 document of ``G`` line by line.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected graph (``kg.project``): nodes keyed by entity IRI with ``label``,
        ``type``, ``aliases``, ``mentions``; edges keyed by relation with ``relation``,
        ``weight``, ``confidence``.

    Yields
    ------
    str
        Lines ending in ``\\n``; nodes sorted by id, edges by (source, target, key), so the
        same graph always gives the same bytes. The document validates against the official
        GEXF 1.3 schema, viz elements included (see the module docstring).

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.MultiDiGraph(name="demo")
    >>> G.add_node("ex:a", label="A", type="Person", aliases=["Ay"], mentions=2)
    >>> G.add_node("ex:b", label="B", type="City", aliases=[], mentions=1)
    >>> _ = G.add_edge("ex:a", "ex:b", key="visits", relation="visits", weight=2, confidence=0.9)
    >>> H = nx.read_gexf(io.BytesIO("".join(generate_gexf(G)).encode()))
    >>> a = H.nodes["ex:a"]
    >>> a["class"], a["viz"]["color"]["r"], H.edges["ex:a", "ex:b"]["weight"]
    ('Person', 31, 2.0)
    """
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" version="1.3">\n'
    )
    yield "  <meta>\n"
    yield "    <creator>kg</creator>\n"
    name = G.graph.get("name")
    if name:
        yield f"    <description>{_text(name)}</description>\n"
    yield "  </meta>\n"
    if any(map(_node_spells, all_nodes(G))) or any(_edge_spells(d) for _, d in all_edges(G)):
        yield '  <graph mode="dynamic" timeformat="date" defaultedgetype="directed">\n'
    else:
        yield '  <graph mode="static" defaultedgetype="directed">\n'
    for cls, attrs in (("node", _NODE_ATTRS), ("edge", _EDGE_ATTRS)):
        yield f'    <attributes class="{cls}" mode="static">\n'
        for key, typ in attrs:
            yield f'      <attribute id="{key}" title="{key}" type="{typ}"/>\n'
        yield "    </attributes>\n"

    yield f'    <nodes count="{G.number_of_nodes()}">\n'
    for n, d, degree in nodes_in_order(G):
        cls = d.get("type", "Thing")
        r, g, b = CLASS_COLORS.get(cls, CLASS_COLORS["Thing"])
        yield f'      <node id="{_attr(n)}" label="{_attr(d.get("label", n))}">\n'
        yield from _attvalues(
            [
                ("class", cls),
                ("aliases", _ALIAS_SEPARATOR.join(d.get("aliases", ()))),
                ("mentions", int(d.get("mentions", 0))),
                ("degree", degree),
                ("kind", d.get("kind", "entity")),
                ("eventClass", d.get("eventClass") or ""),
                ("date", d.get("date") or ""),
            ],
            "        ",
        )
        yield from _spell_lines(_node_spells(d), "        ")
        yield f'        <viz:color r="{r}" g="{g}" b="{b}"/>\n'
        yield f'        <viz:size value="{_node_size(degree)}"/>\n'
        yield "      </node>\n"
    yield "    </nodes>\n"

    yield f'    <edges count="{G.number_of_edges()}">\n'
    for i, (u, v, k, d) in enumerate(edges_in_order(G)):
        relation = d.get("relation", k)
        confidence = _float(d.get("confidence", 1.0), f"edge {u} -[{k}]-> {v}")
        yield (
            f'      <edge id="{i}" source="{_attr(u)}" target="{_attr(v)}"'
            f' label="{_attr(relation)}" weight="{int(d.get("weight", 1))}">\n'
        )
        yield from _attvalues([("relation", relation), ("confidence", confidence)], "        ")
        yield from _spell_lines(_edge_spells(d), "        ")
        yield "      </edge>\n"
    yield "    </edges>\n"
    yield "  </graph>\n"
    yield "</gexf>\n"


def _node_spells(d: dict[str, Any]) -> list[tuple[str, str]]:
    return _spells([d.get("date")], d.get("start"), d.get("end"))


def _edge_spells(d: dict[str, Any]) -> list[tuple[str, str]]:
    """The days of an edge: its own date's and its sources' (``source_dates`` when the projection
    kept the sources' dates apart from a bounded share of the sources themselves)."""
    dates = d.get("source_dates")
    if dates is None:
        dates = [s.get("date") for s in d.get("sources") or () if isinstance(s, dict)]
    return _spells([d.get("date"), *dates])


def _days(value: object) -> tuple[str, str] | None:
    return _iso_days(str(value or ""))


@functools.lru_cache(maxsize=65_536)  # a source's date is its article's: few dates, many sources
def _iso_days(value: str) -> tuple[str, str] | None:
    from kg.timex import iso_days

    return iso_days(value)


def _spells(dates: list, start: object = None, end: object = None) -> list[tuple[str, str]]:
    """Sorted distinct (start, end) spells of dates, or of an explicit interval."""
    if start and end and _days(start) and _days(end):
        return [(_days(start)[0], _days(end)[1])]  # type: ignore[index]
    return sorted({d for d in (_days(x) for x in dates if x) if d is not None})


def _spell_lines(spells: list[tuple[str, str]], indent: str) -> Iterator[str]:
    if not spells:
        return
    yield f"{indent}<spells>\n"
    for start, end in spells:
        yield f'{indent}  <spell start="{start}" end="{end}"/>\n'
    yield f"{indent}</spells>\n"


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as GEXF 1.3 to ``path`` atomically and return the path.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected graph; see :func:`generate_gexf`.
    path : str or os.PathLike
        Destination file; parent folders are created. The file is renamed into place
        (``kg._io``), so a failed export leaves any previous file untouched.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    return atomic_write_lines(path, generate_gexf(G))
