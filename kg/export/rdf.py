"""RDF serialisations of the graph: Turtle, N-Triples, JSON-LD (deterministic bytes)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .._io import atomic_write_bytes

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

__all__ = ["write_turtle", "write_ntriples", "write_jsonld"]


def write_turtle(g: Graph, path: str | Path) -> Path:
    """Turtle via rdflib's sorted "longturtle" serialiser."""
    from ..rdf import serialize

    return atomic_write_bytes(path, serialize(g, "turtle"))


def write_ntriples(g: Graph, path: str | Path) -> Path:
    """N-Triples with lines sorted, so equal graphs give equal files."""
    lines = sorted(set(g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()) - {""})
    return atomic_write_bytes(path, ("\n".join(lines) + "\n").encode("utf-8"))


def write_jsonld(g: Graph, path: str | Path) -> Path:
    """JSON-LD with kg's prefixes as the context."""
    context = {p: str(ns) for p, ns in g.namespaces() if p in {"kg", "rdfs", "skos", "prov", "dcterms", "schema", "owl", "xsd", "kgid"}}
    data = g.serialize(format="json-ld", context=context, sort_keys=True, indent=1, encoding="utf-8")
    return atomic_write_bytes(path, data if data.endswith(b"\n") else data + b"\n")
