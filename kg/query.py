"""SPARQL over a saved graph: run a query, bind parameters, format the answer.

Works on any ``graph.ttl``; it never loads spaCy.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import QueryError

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

__all__ = ["QueryResult", "run_query", "read_query", "format_result", "FORMATS"]

FORMATS = ("table", "csv", "json")


@dataclass(frozen=True)
class QueryResult:
    """The answer of a query: variables and rows (SELECT), a boolean (ASK) or a graph."""

    kind: str  # "select", "ask" or "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = None
    raw: Any = None


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


def run_query(graph: Graph | str | Path, sparql: str, *, bindings: dict[str, str] | None = None) -> QueryResult:
    """Run a SPARQL query; ``bindings`` pre-bind variables to literals (``{"name": "Lavrov"}``)."""
    from rdflib import Graph, Literal, Variable

    from .rdf import bind_prefixes, load_graph

    g = graph if isinstance(graph, Graph) else load_graph(graph)
    init = {Variable(k): Literal(v) for k, v in (bindings or {}).items()}
    ns = dict(bind_prefixes(Graph()).namespaces())
    try:
        result = g.query(sparql, initNs=ns, initBindings=init or None)
    except Exception as exc:  # pyparsing and rdflib raise many types for malformed queries
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise QueryError(f"query failed: {first}") from exc
    if result.type == "ASK":
        return QueryResult("ask", boolean=bool(result.askAnswer), raw=result)
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        return QueryResult("graph", graph=result.graph, raw=result)
    variables = tuple(str(v) for v in result.vars)
    rows = tuple(tuple(row) for row in result)
    return QueryResult("select", variables, rows, raw=result)


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
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n" if fmt == "json" else f"{str(result.boolean).lower()}\n"
    if result.kind == "graph":
        from .rdf import bind_prefixes, serialize

        fmt_name = "json-ld" if fmt == "json" else "nt" if fmt == "csv" else "turtle"
        return serialize(bind_prefixes(result.graph), fmt_name).decode("utf-8")
    if fmt == "json":
        return result.raw.serialize(format="json").decode("utf-8") + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_cell(v, graph, short=False) for v in row])
        return buf.getvalue()
    cells = [list(result.variables)] + [[_cell(v, graph, short=True) for v in row] for row in result.rows]
    widths = [min(60, max(len(r[i]) for r in cells)) for i in range(len(result.variables))]
    clip = lambda s, w: s if len(s) <= w else s[: w - 1] + "…"  # noqa: E731
    lines = ["  ".join(clip(c, w).ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
