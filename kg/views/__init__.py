"""The interactive HTML view of a projected graph: one offline page, drawn by vis-network.

The package splits the work where it happens:

- :mod:`kg.views.data` prepares, in Python, everything that takes time: PageRank, the
  Louvain communities ``kg stats`` reports, positions (:mod:`kg.views.layout`), and compact
  tables of entities, facts, sentences and articles;
- :mod:`kg.views.page` fills ``template.html`` with that data, the page's own CSS and
  scripts (``graph.js``, ``panel.js``, ``tools.js``, package data beside this file), and
  vis-network read from the installed pyvis package;
- :mod:`kg.views.subgraph` cuts a graph down before drawing (``kg view --focus/--class``).

The page draws only entities that take part in a fact (the others are counted, listed and
searchable, and a toggle draws them), labels the most important ones at any zoom, opens on
communities as cluster nodes above :data:`CLUSTER_ABOVE` entities, and answers questions
with search, a side panel, a path finder, filters, a SPARQL query of what is on screen and
PNG/GEXF export of the selection.

The cluster nodes are the page's own (``graph.js`` hands vis-network only what is drawn),
not vis-network's ``cluster()``: that needs every member node created in the network
first, and creating them alone takes 14.6 s at 50,000 entities against 1.8 s for the whole
page (``benchmarks/view_load.py --flat``).
"""

from __future__ import annotations

# the constants stay importable from kg.views, as they were from the old module
from .data import CLASSES  # noqa: F401
from .layout import FULL_LAYOUT_LIMIT  # noqa: F401
from .page import CLUSTER_ABOVE, LAYOUT_THRESHOLD, generate_html, page_of, write_html, write_page  # noqa: F401
from .subgraph import ego_graph, filter_graph

__all__ = ["generate_html", "write_html", "ego_graph", "filter_graph"]
