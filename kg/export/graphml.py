"""GraphML export of the projected entity graph, for networkx, Gephi, yEd and Cytoscape users.

The writer is a generator of text chunks rather than networkx's ``write_graphml``, for three
reasons: the bytes must not depend on the networkx version or on whether lxml is installed
(networkx has two GraphML writers with different layouts), the key ids and their order must be
fixed so the golden file stays stable, and every edge needs a unique id (networkx writes the
multigraph key, which repeats across node pairs and makes Gephi drop edges).

GraphML has no list type, so the ``aliases`` list is joined with ``|`` (as in ``entities.csv``),
and the provenance lists (``docs``, ``sources``) are left to ``graph.ttl`` and ``triples.csv``.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg._io import atomic_write_lines
from kg.errors import ExportError

from ._order import edges_in_order, nodes_in_order

__all__ = ["generate_graphml", "write_graphml", "ALIAS_SEPARATOR"]

#: How the aliases list is flattened into one string (same convention as ``entities.csv``).
ALIAS_SEPARATOR = "|"

# (key id = attribute name, scope, GraphML attr.type), in the order they are declared.
_KEYS: tuple[tuple[str, str, str], ...] = (
    ("name", "graph", "string"),
    ("label", "node", "string"),
    ("class", "node", "string"),
    ("aliases", "node", "string"),
    ("mentions", "node", "int"),
    ("degree", "node", "int"),
    ("kind", "node", "string"),
    ("eventClass", "node", "string"),
    ("date", "node", "string"),
    ("text", "node", "string"),
    ("relation", "edge", "string"),
    ("weight", "edge", "int"),
    ("confidence", "edge", "double"),
)

# Characters XML 1.0 forbids outright (C0 controls except tab/LF/CR, surrogates, U+FFFE/U+FFFF).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_TEXT_RE = re.compile("[&<>\r]")
_ATTR_RE = re.compile('[&<>\r"\n\t]')


#: Any character that :func:`_text` or :func:`_attr` changes: most values have none and are kept as
#: they are after one search (two substitutions cost twice as much on the hundred thousand values).
_CHANGED = re.compile(f"{_XML_INVALID.pattern[:-1]}&<>\r\"\n\t]")


def _text(value: object) -> str:
    """Escape for element content; CR is a character reference so parsers keep it."""
    s = str(value)
    if _CHANGED.search(s) is None:
        return s
    s = _XML_INVALID.sub("\ufffd", s)
    return _TEXT_RE.sub(lambda m: _TEXT_ESCAPES[m.group()], s)


def _attr(value: object) -> str:
    """Escape for a double-quoted attribute; whitespace as references survives normalisation."""
    s = str(value)
    if _CHANGED.search(s) is None:
        return s
    s = _XML_INVALID.sub("\ufffd", s)
    return _ATTR_RE.sub(lambda m: _ATTR_ESCAPES[m.group()], s)


def _float(value: Any, where: str) -> str:
    """Shortest round-tripping repr of a finite float (``0.85``)."""
    x = float(value)
    if not math.isfinite(x):
        raise ExportError(f"{where}: confidence {value!r} is not a finite number")
    return repr(x)


def _node_row(n: Any, d: dict[str, Any], degree: int) -> dict[str, Any]:
    """The flattened node attributes (missing ones get the contract's neutral defaults)."""
    return {
        "label": d.get("label", str(n)),
        "class": d.get("type", "Thing"),
        "aliases": ALIAS_SEPARATOR.join(d.get("aliases", ())),
        "mentions": int(d.get("mentions", 0)),
        "degree": degree,
        "kind": d.get("kind", "entity"),
        "eventClass": d.get("eventClass") or "",
        "date": d.get("date") or "",
        "text": d.get("text") or "",
    }


def generate_graphml(G: nx.MultiDiGraph) -> Iterator[str]:
    """Generate the GraphML document of ``G`` line by line.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected graph (``kg.project``): nodes keyed by entity IRI with ``label``,
        ``type``, ``aliases``, ``mentions``; edges keyed by relation with ``relation``,
        ``weight``, ``confidence``.

    Yields
    ------
    str
        Lines of the document, each ending in ``\\n``. Nodes are sorted by id and edges by
        (source, target, key), so the same graph always gives the same bytes.

    Notes
    -----
    Node attributes are ``label``, ``class`` (the entity type), ``aliases`` (joined with
    ``|``; an alias that itself contains ``|`` cannot be told apart on reading), ``mentions``
    and ``degree`` (in + out, parallel edges counted); ``kind`` (``entity``, ``event`` or
    ``statement``), and for events ``eventClass`` and ``date``, for statements ``text``.
    Edge attributes are ``relation``,
    ``weight`` and ``confidence``. Edge ids are ``e0``, ``e1``, ... in that order: GraphML
    tools such as Gephi treat the id as the edge's identity, so it must be unique, while the
    multigraph key repeats across node pairs; the key is the ``relation`` attribute anyway.
    An empty ``aliases`` string is left out (GraphML's "no value").

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(name="demo")
    >>> G.add_node("ex:a", label="A", type="Person", aliases=[], mentions=1)
    >>> G.add_node("ex:b", label="B", type="City", aliases=[], mentions=1)
    >>> _ = G.add_edge("ex:a", "ex:b", key="visits", relation="visits", weight=1, confidence=0.9)
    >>> text = "".join(generate_graphml(G))
    >>> H = nx.parse_graphml(text, force_multigraph=True)
    >>> sorted(H.nodes), H.nodes["ex:a"]["class"], H.edges["ex:a", "ex:b", "e0"]["relation"]
    (['ex:a', 'ex:b'], 'Person', 'visits')
    """
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for key, scope, typ in _KEYS:
        yield f'  <key id="{key}" for="{scope}" attr.name="{key}" attr.type="{typ}"/>\n'
    yield '  <graph id="G" edgedefault="directed">\n'
    name = G.graph.get("name")
    if name:
        yield f'    <data key="name">{_text(name)}</data>\n'
    for n, d, degree in nodes_in_order(G):
        yield f'    <node id="{_attr(n)}">\n'
        for key, value in _node_row(n, d, degree).items():
            if value == "":
                continue
            yield f'      <data key="{key}">{_text(value)}</data>\n'
        yield "    </node>\n"
    for i, (u, v, k, d) in enumerate(edges_in_order(G)):
        where = f"edge {u} -[{k}]-> {v}"
        yield f'    <edge id="e{i}" source="{_attr(u)}" target="{_attr(v)}">\n'
        yield f'      <data key="relation">{_text(d.get("relation", k))}</data>\n'
        yield f'      <data key="weight">{int(d.get("weight", 1))}</data>\n'
        yield f'      <data key="confidence">{_float(d.get("confidence", 1.0), where)}</data>\n'
        yield "    </edge>\n"
    yield "  </graph>\n"
    yield "</graphml>\n"


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as GraphML to ``path`` atomically and return the path.

    The document is built in memory and renamed into place (``kg._io``), so a reader never
    sees half a file and a failure leaves any previous file untouched.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected graph; see :func:`generate_graphml`.
    path : str or os.PathLike
        Destination file; parent folders are created.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    return atomic_write_lines(path, generate_graphml(G))
