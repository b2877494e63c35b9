"""kg: turn news articles into a knowledge graph you can query, look at and load elsewhere.

The library API; the ``kg`` command is a thin layer over it::

    import kg
    result = kg.build("samples/", out="output")      # every output file
    g = kg.load("output/graph.ttl")                     # an rdflib Graph
    kg.query(g, "SELECT ?s WHERE { ?s a kg:Person }")   # SPARQL
    G = kg.project(g)                                   # a networkx MultiDiGraph
"""

from __future__ import annotations

from .pipeline import BuildResult, build, build_graph, write_outputs
from .errors import ExportError, InputError, KGError, ModelError, OntologyError, QueryError
from .project import project
from .query import QueryResult, format_result
from .query import run_query as query
from .rdf import load_graph as load

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "build",
    "build_graph",
    "write_outputs",
    "BuildResult",
    "load",
    "query",
    "QueryResult",
    "format_result",
    "project",
    "KGError",
    "InputError",
    "ModelError",
    "OntologyError",
    "QueryError",
    "ExportError",
]
