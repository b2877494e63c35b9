"""The answer of a SPARQL query, as both query engines give it (:mod:`kg.query`, :mod:`kg.store`).

Its own module so that the store and the query runner share it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

__all__ = ["QueryResult"]


@dataclass(frozen=True)
class QueryResult:
    """The answer of a query: variables and rows (SELECT), a boolean (ASK) or a graph."""

    kind: str  # "select", "ask" or "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = None
    raw: Any = None
