"""Exporters: a registry of format name -> (module, function), imported on first use.

Every exporter reads the saved RDF graph (directly, or through the networkx projection of
:mod:`kg.project`), writes atomically and deterministically, and ends files with a newline.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExportError

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

__all__ = ["Exporter", "EXPORTERS", "export", "formats"]


@dataclass(frozen=True, slots=True)
class Exporter:
    """Where a format's writer lives, and whether it takes the RDF graph or its projection."""

    module: str
    function: str
    takes: str  # "rdf" or "nx"
    default_name: str
    description: str


EXPORTERS: dict[str, Exporter] = {
    "turtle": Exporter("kg.export.rdf", "write_turtle", "rdf", "graph.ttl", "RDF Turtle (the source of truth)"),
    "ntriples": Exporter("kg.export.rdf", "write_ntriples", "rdf", "graph.nt", "RDF N-Triples, sorted lines"),
    "jsonld": Exporter("kg.export.rdf", "write_jsonld", "rdf", "graph.jsonld", "JSON-LD"),
    "nquads": Exporter("kg.export.rdf", "write_nquads", "rdf", "graph.nq", "RDF N-Quads, one named graph per document"),
    "trig": Exporter("kg.export.rdf", "write_trig", "rdf", "graph.trig", "RDF TriG, one named graph per document"),
    "entities": Exporter("kg.export.tables", "write_entities_csv", "rdf", "entities.csv", "entities.csv: id,label,type,aliases,mentions"),
    "triples": Exporter("kg.export.tables", "write_triples_csv", "rdf", "triples.csv", "triples.csv: one row per assertion"),
    "statements": Exporter("kg.export.tables", "write_statements_csv", "rdf", "statements.csv", "statements.csv: one row per statement (who said what)"),
    "graphml": Exporter("kg.export.graphml", "write_graphml", "nx", "graph.graphml", "GraphML for Gephi, yEd, networkx"),
    "gexf": Exporter("kg.export.gexf", "write_gexf", "nx", "graph.gexf", "GEXF 1.3 for Gephi"),
    "neo4j": Exporter("kg.export.neo4j", "write_neo4j", "nx", "neo4j", "neo4j/: nodes.csv, relationships.csv, import.cypher"),
    "html": Exporter("kg.views", "write_html", "nx", "graph.html", "interactive self-contained HTML view"),
}


def formats() -> list[str]:
    """The format names ``kg export --format`` accepts."""
    return sorted(EXPORTERS)


def export(g: Graph, fmt: str, path: str | Path, *, projection=None) -> Path:
    """Write graph ``g`` in format ``fmt`` to ``path`` (a folder for ``neo4j``)."""
    spec = EXPORTERS.get(fmt)
    if spec is None:
        raise ExportError(f"unknown format {fmt!r}; choose one of: {', '.join(formats())}")
    writer = getattr(importlib.import_module(spec.module), spec.function)
    if spec.takes == "nx":
        if projection is None:
            from ..project import project

            projection = project(g)
        result = writer(projection, path)
    else:
        result = writer(g, path)
    return Path(path) if not isinstance(result, Path) else result
