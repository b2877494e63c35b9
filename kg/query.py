"""SPARQL over a saved graph or store: run a query, bind parameters, format the answer.

Works on any ``graph.ttl`` and on store folders (:mod:`kg.store`); it never loads spaCy.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import QueryError
from .results import QueryResult

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from .store import GraphStore

__all__ = ["QueryResult", "run_query", "read_query", "format_result", "sparql_json", "FORMATS"]

FORMATS = ("table", "csv", "json")


def read_query(source: str) -> str:
    """The text of a query given as a file path or as the name of a saved query."""
    from .ontology import saved_queries

    path = Path(source)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    saved = saved_queries()
    if source in saved:
        return saved[source].read_text(encoding="utf-8")
    raise QueryError(f"{source}: no such query file or saved query (saved: {', '.join(saved) or 'none'})")


def run_query(
    graph: Graph | GraphStore | str | Path,
    sparql: str,
    *,
    bindings: dict[str, str] | None = None,
) -> QueryResult:
    """Run a SPARQL query over a graph, a store, a graph file or a store folder.

    Parameters
    ----------
    graph : rdflib.Graph, GraphStore, or path
        An rdflib ``Graph`` is queried with rdflib (the API users hold). A store folder
        (``kg build --store``) is opened read-only in Oxigraph; a graph file is loaded into an
        in-memory Oxigraph store, which loads and answers 20-60x faster than rdflib
        (``benchmarks/store.py``).
    sparql : str
        The query; kg's prefixes (``kg:``, ``rdf:``, ``rdfs:``, ``skos:``, ``prov:``,
        ``dcterms:``, ``schema:``, ``owl:``, ``xsd:``) are predeclared.
    bindings : dict, optional
        Pre-bind variables to literals: ``{"name": "Sergey Lavrov"}``.

    Returns
    -------
    QueryResult
        Rows of rdflib terms (SELECT), a boolean (ASK) or an rdflib graph (CONSTRUCT/DESCRIBE).
    """
    from rdflib import Graph

    from .store import GraphStore, is_store, open_store

    if isinstance(graph, GraphStore):
        return graph.query(sparql, bindings=bindings)
    if isinstance(graph, Graph):
        return _rdflib_query(graph, sparql, bindings)
    path = Path(graph)
    if path.is_dir() and is_store(path):
        return open_store(path).query(sparql, bindings=bindings)
    fmt = _OX_FORMATS.get(path.suffix.lower())
    if fmt is None or not path.is_file():
        from .rdf import load_graph

        return _rdflib_query(load_graph(path), sparql, bindings)
    store = GraphStore()
    store.load(path, fmt=fmt)
    return store.query(sparql, bindings=bindings)


#: File suffixes Oxigraph parses, and the format name :meth:`GraphStore.load` takes.
_OX_FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig"}


def _rdflib_query(g: Graph, sparql: str, bindings: dict[str, str] | None) -> QueryResult:
    """Run a query with rdflib's own engine over an in-memory ``Graph``."""
    from rdflib import Graph, Literal, Variable

    from .vocab import bind_prefixes

    init = {Variable(k): Literal(v) for k, v in (bindings or {}).items()}
    ns = dict(bind_prefixes(Graph()).namespaces())
    try:
        result = g.query(sparql, initNs=ns, initBindings=init or None)
        if result.type == "ASK":
            return QueryResult("ask", boolean=bool(result.askAnswer), raw=result)
        if result.type in {"CONSTRUCT", "DESCRIBE"}:
            return QueryResult("graph", graph=result.graph, raw=result)
        variables = tuple(str(v) for v in result.vars)
        rows = tuple(tuple(row) for row in result)
    except Exception as exc:  # pyparsing and rdflib raise many types for malformed queries
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise QueryError(f"query failed: {first}") from exc
    return QueryResult("select", variables, rows, raw=result)


def _json_term(value: Any) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 Query Results JSON format."""
    from rdflib import BNode, Literal

    if isinstance(value, Literal):
        out = {"type": "literal", "value": str(value)}
        if value.language:
            out["xml:lang"] = value.language
        elif value.datatype is not None:
            out["datatype"] = str(value.datatype)
        return out
    if isinstance(value, BNode):
        return {"type": "bnode", "value": str(value)}
    return {"type": "uri", "value": str(value)}


def sparql_json(result: QueryResult) -> str:
    """A SELECT or ASK result as SPARQL 1.1 Query Results JSON (the same for every engine)."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings = [
        {var: _json_term(v) for var, v in zip(result.variables, row) if v is not None} for row in result.rows
    ]
    return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _cell(value: Any, graph: Graph | None, *, short: bool) -> str:
    if value is None:
        return ""
    from rdflib import URIRef

    if short and isinstance(value, URIRef) and graph is not None:
        try:
            return graph.namespace_manager.normalizeUri(value)
        except Exception:  # noqa: BLE001 - fall back to the full IRI
            return str(value)
    return str(value)


def format_result(result: QueryResult, fmt: str = "table", *, graph: Graph | None = None) -> str:
    """Render a result as an aligned table, CSV, or SPARQL 1.1 JSON."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if result.kind == "ask":
        return sparql_json(result) + "\n" if fmt == "json" else f"{str(result.boolean).lower()}\n"
    if result.kind == "graph":
        from .rdf import serialize
        from .vocab import bind_prefixes

        fmt_name = "json-ld" if fmt == "json" else "nt" if fmt == "csv" else "turtle"
        return serialize(bind_prefixes(result.graph), fmt_name).decode("utf-8")
    if fmt == "json":
        return sparql_json(result) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_cell(v, graph, short=False) for v in row])
        return buf.getvalue()
    if graph is None:
        from rdflib import Graph

        from .vocab import bind_prefixes

        graph = bind_prefixes(Graph())
    cells = [list(result.variables)] + [[_cell(v, graph, short=True) for v in row] for row in result.rows]
    widths = [min(60, max(len(r[i]) for r in cells)) for i in range(len(result.variables))]
    clip = lambda s, w: s if len(s) <= w else s[: w - 1] + "…"  # noqa: E731
    lines = ["  ".join(clip(c, w).ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
