"""The page: the template and its assets, vis-network from the installed pyvis, and the data.

``template.html``, ``view.css`` and the scripts beside this module are package data. The
vis-network bundle is read at build time from the pyvis package (its ``lib/`` folder), so no
third-party JavaScript is kept in this repository and no request leaves the page. The data
goes in a ``<script type="application/json">`` element, escaped so that no text in it can
close the element, and the page's scripts put every piece of graph text into the DOM with
``textContent``: article text is data and never becomes markup.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg._io import atomic_write_lines
from kg.errors import ExportError

__all__ = ["generate_html", "write_html", "page_of", "write_page", "CLUSTER_ABOVE", "LAYOUT_THRESHOLD"]

#: Above this many entities with facts, the page opens on their communities, one cluster
#: node each, and a double click opens one (measured: ``benchmarks/view_load.py``).
CLUSTER_ABOVE = 2000
#: Up to this many entities with facts, the physics simulation starts on (it settles in
#: about a second there and lets small graphs breathe); above it the page starts still.
LAYOUT_THRESHOLD = 300
#: The scripts of the page, in the order they run.
SCRIPTS = ("graph.js", "panel.js", "tools.js")
#: vis-network's standalone bundle inside the pyvis package.
VIS_JS = ("lib", "vis-9.1.2", "vis-network.min.js")
_EXTERNAL_REF = re.compile(
    r"\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//|url\(\s*[\"']?\s*(?:https?:)?//|@import",
    re.IGNORECASE,
)


def generate_html(
    G: nx.MultiDiGraph,
    *,
    title: str = "kg graph",
    cluster_above: int | None = None,
    physics: bool | None = None,
    max_nodes: int | None = None,
) -> str:
    """Render ``G`` as one self-contained, offline HTML page.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected graph (``kg.project``): entity IRIs as nodes with ``label``, ``type``,
        ``aliases``, ``mentions``, ``docs``; edges keyed by relation with ``relation``,
        ``weight``, ``confidence``, ``sources``. An optional ``date`` on nodes, edges or
        sources turns on the page's date filter.
    title : str
        Page title and heading; escaped, so any text is safe.
    cluster_above : int or None
        Open on the graph's communities, one cluster node each, when more than this many
        entities have facts (default :data:`CLUSTER_ABOVE`). Every entity stays reachable:
        by search, by the path finder, or by opening its cluster.
    physics : bool or None
        Start with the physics simulation on or off; ``None`` turns it on up to
        :data:`LAYOUT_THRESHOLD` drawn entities. Positions are always computed in Python.
    max_nodes : int or None
        The old name of ``cluster_above``, from when the page left entities out.

    Returns
    -------
    str
        The page. The same graph and options give the same string, byte for byte.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(name="demo")
    >>> G.add_node("urn:a", label="Ada", type="Person", aliases=[], mentions=1, docs=[])
    >>> page = generate_html(G, title="demo")
    >>> page.startswith("<!DOCTYPE html>") and "Ada" in page and "https://cdn" not in page
    True
    """
    return render(page_of(G, title=title, cluster_above=cluster_above, physics=physics, max_nodes=max_nodes))


def page_of(G: nx.MultiDiGraph, *, title: str = "kg graph", cluster_above: int | None = None,
            physics: bool | None = None, max_nodes: int | None = None) -> dict[str, Any]:
    """The data of the page of :func:`generate_html` (:func:`kg.views.data.page_data`): all it
    reads of ``G``, which the caller may drop before :func:`write_page`."""
    from .data import page_data

    if cluster_above is None:
        cluster_above = max_nodes
    limit = CLUSTER_ABOVE if cluster_above is None else cluster_above
    if limit < 1:
        raise ValueError(f"cluster_above must be at least 1, not {limit}")
    return page_data(G, title=title, cluster_above=limit, physics=physics, physics_limit=LAYOUT_THRESHOLD)


def write_html(
    G: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    title: str = "kg graph",
    cluster_above: int | None = None,
    physics: bool | None = None,
    max_nodes: int | None = None,
) -> Path:
    """Write the page of :func:`generate_html` to ``path`` atomically.

    A failed or interrupted write leaves the previous file in place, never half a page.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    return write_page(page_of(G, title=title, cluster_above=cluster_above, physics=physics, max_nodes=max_nodes), path)


def write_page(data: dict[str, Any], path: str | os.PathLike[str]) -> Path:
    """Write the page of ``data`` (:func:`page_of`) atomically, a megabyte at a time: the bytes of
    :func:`render`, without holding the page (a third of a gigabyte at 300,000 articles) in
    memory three times over while its data is escaped and put in the template."""
    return atomic_write_lines(path, render_chunks(data))


def render(data: dict[str, Any]) -> str:
    """Fill the template with ``data`` (from :func:`kg.views.data.page_data`)."""
    return "".join(render_chunks(data))


def render_chunks(data: dict[str, Any]) -> Iterator[str]:
    """The page of :func:`render` in pieces."""
    meta = data["meta"]
    e = html.escape
    note = (f"{meta['drawn']:,} entities with facts, {meta['facts']:,} facts"
            if meta["entities"] else "no entities")
    page = _asset("template.html")
    parts = {
        "title": e(meta["title"]),
        "note": e(note),
        "style": _asset("view.css"),
        "vis": _vis_js(),
        "data": "",  # written in pieces below, inside its inline script
        "script": "\n".join(_asset(name) for name in SCRIPTS),
    }
    missing = {m for m in re.findall(r"\{\{(\w+)\}\}", page)} ^ set(parts)
    if missing:  # pragma: no cover - the template ships with the package
        raise ExportError(f"kg/views/template.html and kg.views.page disagree on {sorted(missing)}")
    # one pass, so no marker-like text inside the data or the scripts is ever replaced
    skeleton = re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], page)
    leak = _EXTERNAL_REF.search(_outside_inline_code(skeleton))  # the data is inline script, not markup
    if leak:  # a template or vis-network change: refuse to write a page that phones home
        raise ExportError(f"the HTML view references an external resource near "
                          f"{skeleton[leak.start(): leak.start() + 80]!r}; update kg.views")
    at = 0
    for m in re.finditer(r"\{\{(\w+)\}\}", page):
        yield page[at:m.start()]
        if m.group(1) == "data":
            yield from script_json_chunks(data)
        else:
            yield parts[m.group(1)]
        at = m.end()
    yield page[at:]


def script_json(value: Any) -> str:
    """JSON that is safe inside an inline ``<script>``: it cannot close the tag or a comment."""
    return _escaped(_dumps(value))


def script_json_chunks(value: Any, *, size: int = 1 << 20) -> Iterator[str]:
    """:func:`script_json` of ``value`` in pieces of about ``size`` characters: a dict's values, and
    a list value's items, are encoded one at a time (JSON is the same, piece by piece)."""
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        yield script_json(value)
        return

    def pieces() -> Iterator[str]:
        yield "{"
        for i, key in enumerate(sorted(value)):
            yield ("," if i else "") + json.dumps(key) + ":"
            item = value[key]
            if isinstance(item, list):
                yield "["
                for j, x in enumerate(item):
                    yield ("," if j else "") + _dumps(x)
                yield "]"
            else:
                yield _dumps(item)
        yield "}"

    batch: list[str] = []
    held = 0
    for piece in pieces():
        batch.append(piece)
        held += len(piece)
        if held >= size:
            yield _escaped("".join(batch))
            batch, held = [], 0
    if batch:
        yield _escaped("".join(batch))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))


def _escaped(text: str) -> str:
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, esc)
    return text


@cache
def _asset(name: str) -> str:
    return resources.files("kg.views").joinpath(name).read_text(encoding="utf-8")


@cache
def _vis_js() -> str:
    """vis-network's bundle from the installed pyvis, made safe to inline."""
    import importlib.util

    # found, not imported: importing pyvis imports its notebook support (IPython, jinja2), a
    # quarter of a second that kg never uses
    spec = importlib.util.find_spec("pyvis")
    try:
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("pyvis")
        source = Path(next(iter(spec.submodule_search_locations)), *VIS_JS).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as err:
        raise ExportError("the HTML view needs pyvis, which ships vis-network: "
                          "pip install 'pyvis>=0.3.2'") from err
    # a source-map pointer is a dead reference that DevTools would try to load
    source = re.sub(r"//# sourceMappingURL=\S+", "", source)
    return source.replace("</script", "<\\/script")


def _outside_inline_code(page: str) -> str:
    """The page's markup without the bodies of inline scripts (vis-network holds URLs)."""
    return re.sub(r"(<script\b[^>]*>).*?(</script>)", r"\1\2", page, flags=re.S | re.I)
