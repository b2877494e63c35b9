"""Push the projected graph into a running Neo4j database through the official driver.

The push writes the same graph as ``neo4j/import.cypher`` and the neo4j-admin CSV files:
nodes labelled ``Entity`` plus their class, keyed by ``id`` (the entity IRI), with ``label``,
``aliases`` and ``mentions``; relationships typed by
:func:`kg.export.neo4j.relationship_type`, keyed by (start, type, ``relation``, end), with
``weight`` and ``confidence``.

It is idempotent: every statement is ``UNWIND $rows AS row MERGE ... SET ...``, so pushing the
same graph twice changes nothing, and pushing a newer build updates properties and adds what
is new (it never deletes). :func:`push_statements` builds the statements and their parameter
batches as plain data, so the same Cypher runs, and is tested, in any openCypher engine that
takes parameters; only :data:`SCHEMA_STATEMENTS` (a uniqueness constraint) is Neo4j syntax.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import ExportError
from .export.neo4j import BASE_LABELS, ENDPOINTS, edge_kind, node_labels, relationship_type

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["SCHEMA_STATEMENTS", "URI_SCHEMES", "PushResult", "push_statements", "push_neo4j",
           "password_from_env"]

#: Run before the data: the uniqueness constraint on ``Entity.id`` (also the index that makes
#: ``MERGE`` on ``id`` fast). Neo4j 5 syntax, outside openCypher.
SCHEMA_STATEMENTS = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
)
#: Bolt URI schemes the driver connects with (``neo4j://`` routes across a cluster).
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: Rows per statement, each batch in its own transaction.
BATCH_SIZE = 1000
_INSTALL = "pip install 'kg[neo4j]'"


@dataclass(frozen=True, slots=True)
class PushResult:
    """What a push sent and what the database reported changing."""

    nodes: int
    relationships: int
    batches: int
    nodes_created: int
    relationships_created: int
    properties_set: int
    labels_added: int

    def summary(self) -> str:
        """One line: what was sent, what changed."""
        return (f"{self.nodes} entities and {self.relationships} facts in {self.batches} "
                f"batches: {self.nodes_created} nodes and {self.relationships_created} "
                f"relationships created, {self.properties_set} properties set")


def _batches(rows: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def push_statements(G: nx.MultiDiGraph, *, batch_size: int = BATCH_SIZE
                    ) -> list[tuple[str, list[dict[str, Any]]]]:
    """The openCypher statements of a push, each with one batch of rows for ``$rows``.

    Nodes come first, one statement per class (a label cannot be a parameter), then
    relationships, one statement per relationship type; each statement is repeated for every
    batch of ``batch_size`` rows. Rows and statements are sorted, so the same graph gives the
    same list.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected graph (``kg.project``).
    batch_size : int
        Rows per batch.

    Returns
    -------
    list of (str, list of dict)
        ``(cypher, rows)`` pairs; run each as ``cypher`` with parameter ``rows``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ex:a", label="Ada", type="Person", aliases=["A"], mentions=2)
    >>> G.add_node("ex:b", label="Acme", type="Organization", aliases=[], mentions=1)
    >>> _ = G.add_edge("ex:a", "ex:b", key="worksFor", relation="worksFor", weight=1,
    ...                confidence=0.9)
    >>> for cypher, rows in push_statements(G):
    ...     print(cypher.splitlines()[-1], len(rows))
    SET n:Organization 1
    SET n:Person 1
    SET r += row.props 1
    >>> push_statements(G)[2][1]
    [{'start': 'ex:a', 'end': 'ex:b', 'relation': 'worksFor', 'props': {'weight': 1, 'confidence': 0.9}}]
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    by_class: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for n in sorted(G.nodes, key=str):
        d = G.nodes[n]
        base, more = node_labels(d)
        props = {"label": str(d.get("label", n)), "aliases": [str(a) for a in d.get("aliases", ())],
                 "mentions": int(d.get("mentions", 0))}
        if base != "Entity":  # events and statements: when, and what was said (as import.cypher: none when empty)
            props.update({k: str(d[k]) for k in ("date", "text") if d.get(k)})
        by_class[(base, ":".join(more))].append({"id": str(n), "props": props})
    by_type: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, k, d in sorted(G.edges(keys=True, data=True),
                             key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        relation = str(d.get("relation", k))
        by_type[(edge_kind(d), relationship_type(relation))].append({
            "start": str(u), "end": str(v), "relation": relation,
            "props": {"weight": int(d.get("weight", 1)),
                      "confidence": float(d.get("confidence", 1.0))},
        })
    out: list[tuple[str, list[dict[str, Any]]]] = []
    order = list(BASE_LABELS.values())
    for base, cls in sorted(by_class, key=lambda bc: (order.index(bc[0]), bc[1])):
        cypher = ("UNWIND $rows AS row\n"
                  f"MERGE (n:{base} {{id: row.id}})\n"
                  "SET n += row.props" + (f"\nSET n:{cls}" if cls else ""))
        out += [(cypher, batch) for batch in _batches(by_class[(base, cls)], batch_size)]
    kinds = list(ENDPOINTS)
    for kind, rtype in sorted(by_type, key=lambda kt: (kinds.index(kt[0]), kt[1])):
        start, end = ENDPOINTS[kind]
        cypher = ("UNWIND $rows AS row\n"
                  f"MATCH (a:{start} {{id: row.start}})\n"
                  f"MATCH (b:{end} {{id: row.end}})\n"
                  f"MERGE (a)-[r:{rtype} {{relation: row.relation}}]->(b)\n"
                  "SET r += row.props")
        out += [(cypher, batch) for batch in _batches(by_type[(kind, rtype)], batch_size)]
    return out


def password_from_env(name: str) -> str:
    """The password held by environment variable ``name``; :class:`ExportError` if unset."""
    value = os.environ.get(name)
    if value is None:
        raise ExportError(f"environment variable {name} is not set; put the Neo4j password "
                          f"in it (export {name}=...) or name another with --password-env")
    return value


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def push_neo4j(
    G: nx.MultiDiGraph,
    uri: str,
    *,
    user: str,
    password: str,
    database: str = "neo4j",
    batch_size: int = BATCH_SIZE,
    connection_timeout: float = 10.0,
    on_batch: Callable[[int, int], None] | None = None,
) -> PushResult:
    """MERGE the entities and facts of ``G`` into the Neo4j database at ``uri``.

    Runs :data:`SCHEMA_STATEMENTS`, then each of :func:`push_statements` in its own write
    transaction (retried by the driver on transient errors).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected graph (``kg.project``).
    uri : str
        ``bolt://host:7687`` or ``neo4j://host:7687`` (``+s``/``+ssc`` for TLS).
    user, password : str
        Credentials.
    database : str
        Target database.
    batch_size : int
        Rows per transaction.
    connection_timeout : float
        Seconds to wait for the server before giving up.
    on_batch : callable, optional
        Called as ``on_batch(done, total)`` after each batch.

    Returns
    -------
    PushResult

    Raises
    ------
    ExportError
        When the driver is not installed, the URI is not a Bolt URI, or the server cannot be
        reached, refuses the credentials or rejects a statement (one line, naming the URI).
    """
    scheme = uri.partition("://")[0].lower() if "://" in uri else ""
    if scheme not in URI_SCHEMES:
        raise ExportError(f"{uri!r} is not a Neo4j Bolt URI; use one of "
                          f"{', '.join(s + '://' for s in URI_SCHEMES)} (e.g. bolt://localhost:7687)")
    try:
        import neo4j
        from neo4j.exceptions import DriverError, Neo4jError
    except ImportError as err:
        raise ExportError(f"kg push neo4j needs the official Neo4j driver: {_INSTALL}") from err

    statements = push_statements(G, batch_size=batch_size)
    counts = defaultdict(int)

    def run(tx: Any, cypher: str, rows: list[dict[str, Any]] | None) -> None:
        summary = tx.run(cypher, rows=rows).consume() if rows is not None else tx.run(cypher).consume()
        c = summary.counters
        for name in ("nodes_created", "relationships_created", "properties_set", "labels_added"):
            counts[name] += getattr(c, name)

    try:
        with neo4j.GraphDatabase.driver(uri, auth=(user, password),
                                        connection_timeout=connection_timeout,
                                        max_transaction_retry_time=30.0) as driver:
            driver.verify_connectivity()
            with driver.session(database=database) as session:
                for cypher in SCHEMA_STATEMENTS:
                    session.execute_write(run, cypher, None)
                for i, (cypher, rows) in enumerate(statements, 1):
                    session.execute_write(run, cypher, rows)
                    if on_batch is not None:
                        on_batch(i, len(statements))
    except (DriverError, Neo4jError, OSError, ValueError) as err:
        raise ExportError(f"Neo4j at {uri} (database {database}): {_one_line(err)}") from err
    return PushResult(
        nodes=G.number_of_nodes(), relationships=G.number_of_edges(), batches=len(statements),
        nodes_created=counts["nodes_created"],
        relationships_created=counts["relationships_created"],
        properties_set=counts["properties_set"], labels_added=counts["labels_added"],
    )
