"""Neo4j export: CSV files for ``neo4j-admin`` bulk import, and a LOAD CSV script.

Two ways into Neo4j, from the same two files:

- offline, into a new database, with :data:`NEO4J_ADMIN_COMMAND` (fastest);
- into a running database, with ``import.cypher`` (``LOAD CSV`` + ``MERGE``, re-runnable).

``nodes.csv`` has the header ``id:ID,label,aliases:string[],mentions:int,:LABEL,date,text``:
the node IRI is the import id and is kept as the ``id`` property, aliases are an array split
on ``;`` (neo4j-admin's default array delimiter; a ``;`` inside an alias becomes ``,`` since
the format has no escape for it). An entity gets the labels ``Entity`` and its class; an event
the text tells of ``Event`` and its class (``Event;Meeting``), with its ``date``; a statement
``Statement`` (and ``Quotation`` when quoted), with its words in ``text``.
``relationships.csv`` has ``:START_ID,:END_ID,:TYPE,relation,weight:int,confidence:float,kind``,
where ``:TYPE`` is :func:`relationship_type` of the relation and ``relation`` keeps the
original name, since several relations can map to one type. ``kind`` says which nodes it joins:
``fact`` (entity to entity), ``role`` (event to participant: ``AGENT``, ``PARTICIPANT``,
``PLACE`` ...), ``said`` (speaker to statement: ``SAID``) or ``about`` (statement to entity:
``ABOUT``).

The files are written with the :mod:`csv` module (minimal quoting, quotes doubled, ``\\n`` line
ends), which is the RFC 4180 dialect neo4j-admin and LOAD CSV read. Fields may contain
newlines, hence ``--multiline-fields=true``; carriage returns are turned into ``\\n`` because
the :mod:`csv` module does not quote a lone ``\\r``.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg._io import atomic_write_lines
from kg.errors import ExportError

from ._order import all_edges, all_nodes, edges_in_order, nodes_in_order

__all__ = [
    "NEO4J_ADMIN_COMMAND",
    "NEO4J_ONLY",
    "NODES_HEADER",
    "RELATIONSHIPS_HEADER",
    "generate_nodes_csv",
    "generate_relationships_csv",
    "generate_import_cypher",
    "write_neo4j",
    "relationship_type",
    "shared_statements",
]

#: Header of ``nodes.csv`` (neo4j-admin import format).
NODES_HEADER = ("id:ID", "label", "aliases:string[]", "mentions:int", ":LABEL", "date", "text")
#: Header of ``relationships.csv`` (neo4j-admin import format).
RELATIONSHIPS_HEADER = (":START_ID", ":END_ID", ":TYPE", "relation", "weight:int",
                        "confidence:float", "kind")
#: Node label by the projection's ``kind`` of node.
BASE_LABELS = {"entity": "Entity", "event": "Event", "statement": "Statement"}
#: (start label, end label) of a relationship by its ``kind``.
ENDPOINTS = {"fact": ("Entity", "Entity"), "role": ("Event", "Entity"), "said": ("Entity", "Statement"),
             "about": ("Statement", "Entity")}

#: Offline bulk import into a new database (Neo4j 5 syntax), run from the folder that holds
#: ``neo4j/`` (the ``kg build`` output folder) with the server stopped. The database name
#: comes first: since Neo4j 5.19 a trailing name is taken as one more ``--relationships``
#: file. An existing ``neo4j`` database must be dropped first, or add
#: ``--overwrite-destination=true``, which deletes it.
NEO4J_ADMIN_COMMAND = (
    "neo4j-admin database import full neo4j"
    " --nodes=neo4j/nodes.csv --relationships=neo4j/relationships.csv"
    " --multiline-fields=true"
)

#: Marks the end of each ``import.cypher`` line that only Neo4j understands (schema
#: constraints, ``CALL { } IN TRANSACTIONS``); without those lines the script is openCypher.
NEO4J_ONLY = "// neo4j-only"

_ARRAY_DELIMITER = ";"
_BATCH = 1000
_NON_IDENT = re.compile(r"[^A-Za-z0-9]+")


def relationship_type(relation: str) -> str:
    """Map a relation name to a safe Neo4j relationship type in UPPER_SNAKE_CASE.

    Relationship types cannot be parameters in Cypher, so they are written into the
    script; this keeps them to ``[A-Z0-9_]``, never starting with a digit, so they need no
    quoting in any engine.

    Parameters
    ----------
    relation : str
        An ontology property local name (``memberOf``) or an open verb phrase
        (``express concern about``).

    Returns
    -------
    str
        The type; ``RELATED_TO`` when nothing usable is left.

    Examples
    --------
    >>> relationship_type("memberOf"), relationship_type("express concern about")
    ('MEMBER_OF', 'EXPRESS_CONCERN_ABOUT')
    >>> [relationship_type(r) for r in ("signs 2nd deal", "don't back", "...")]
    ['SIGNS_2ND_DEAL', 'DONT_BACK', 'RELATED_TO']
    >>> [relationship_type(r) for r in ("3 killed in", "réunit", "HTMLParser")]
    ['REL_3_KILLED_IN', 'REUNIT', 'HTML_PARSER']
    """
    return _relationship_type(str(relation))


@functools.lru_cache(maxsize=65_536)  # a graph has few relations and many facts: each is mapped once
def _relationship_type(relation: str) -> str:
    s = unicodedata.normalize("NFKD", relation).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"['`]", "", s)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)  # memberOf -> member_Of
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)  # HTMLParser -> HTML_Parser
    s = _NON_IDENT.sub("_", s).strip("_").upper()
    if not s:
        return "RELATED_TO"
    return f"REL_{s}" if s[0].isdigit() else s


def _class_label(cls: object) -> str:
    """The entity class as a label: letters, digits and ``_`` only, ``Thing`` when empty."""
    s = _NON_IDENT.sub("_", str(cls)).strip("_")
    if not s:
        return "Thing"
    return f"C_{s}" if s[0].isdigit() else s


def _field(value: object) -> str:
    """A text field: CR and CRLF become LF (the csv module leaves a lone CR unquoted)."""
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _csv_lines(rows: Iterable[Iterable[object]]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(row)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()


def node_labels(d: dict[str, Any]) -> tuple[str, list[str]]:
    """(base label, further labels) of a projected node: ``("Entity", ["Person"])``, ``("Event", ["Meeting"])``."""
    kind = d.get("kind", "entity")
    if kind == "event":
        return "Event", [_class_label(d.get("eventClass", "Event"))]
    if kind == "statement":
        return "Statement", ["Quotation"] if d.get("speech") == "direct" else []
    return "Entity", [_class_label(d.get("type", "Thing"))]


def edge_kind(d: dict[str, Any]) -> str:
    """``fact``, ``role``, ``said`` or ``about`` (see :data:`ENDPOINTS`)."""
    kind = d.get("kind", "fact")
    return kind if kind in ENDPOINTS else "fact"


def generate_nodes_csv(G: nx.MultiDiGraph) -> Iterator[str]:
    """Generate ``nodes.csv``: one row per entity, sorted by id, header first.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected graph (``kg.project``).

    Yields
    ------
    str
        CSV lines ending in ``\\n``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ex:a", label="Lavrov, S.", type="Person", aliases=["A", "Ay"], mentions=3)
    >>> print("".join(generate_nodes_csv(G)), end="")
    id:ID,label,aliases:string[],mentions:int,:LABEL,date,text
    ex:a,"Lavrov, S.",A;Ay,3,Entity;Person,,
    """
    def rows() -> Iterator[tuple[object, ...]]:
        yield NODES_HEADER
        for n, d, _ in nodes_in_order(G):
            aliases = [_field(a).replace(_ARRAY_DELIMITER, ",") for a in d.get("aliases", ())]
            base, more = node_labels(d)
            yield (
                _field(n),
                _field(d.get("label", n)),
                _ARRAY_DELIMITER.join(aliases),
                int(d.get("mentions", 0)),
                ";".join([base, *more]),
                _field(d.get("date") or ""),
                _field(d.get("text") or ""),
            )

    return _csv_lines(rows())


def generate_relationships_csv(G: nx.MultiDiGraph) -> Iterator[str]:
    """Generate ``relationships.csv``: one row per edge, sorted by (source, target, key).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected graph (``kg.project``).

    Yields
    ------
    str
        CSV lines ending in ``\\n``.

    Raises
    ------
    ExportError
        If an edge's confidence is not a finite number.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("ex:a", "ex:b", key="memberOf", relation="memberOf", weight=2,
    ...                confidence=0.8)
    >>> print("".join(generate_relationships_csv(G)), end="")
    :START_ID,:END_ID,:TYPE,relation,weight:int,confidence:float,kind
    ex:a,ex:b,MEMBER_OF,memberOf,2,0.8,fact
    """
    def rows() -> Iterator[tuple[object, ...]]:
        yield RELATIONSHIPS_HEADER
        for u, v, k, d in edges_in_order(G):
            relation = d.get("relation", k)
            confidence = float(d.get("confidence", 1.0))
            if not math.isfinite(confidence):
                raise ExportError(f"edge {u} -[{k}]-> {v}: confidence {confidence!r} is not finite")
            yield (
                _field(u),
                _field(v),
                relationship_type(relation),
                _field(relation),
                int(d.get("weight", 1)),
                repr(confidence),
                edge_kind(d),
            )

    return _csv_lines(rows())


def generate_import_cypher(G: nx.MultiDiGraph) -> Iterator[str]:
    """Generate ``import.cypher``, which loads the two CSV files into a running database.

    The script creates a uniqueness constraint on the ``id`` of each node label present
    (``Entity``, and ``Event`` and ``Statement`` when the graph has them), then ``MERGE``\\ s the
    nodes (setting ``label``, ``mentions``, ``aliases``, the class label, and for events and
    statements ``date`` and ``text``) and, with one statement per relationship type and kind
    present in ``G`` (types cannot be parameters), the relationships, merged on (start, type,
    ``relation``, end) with ``weight`` and ``confidence`` set. It can
    be run again: nothing is duplicated. Batches of 1000 rows use ``CALL { } IN
    TRANSACTIONS``. Every statement ends with a line holding only ``;``, and the lines that
    only Neo4j understands end with :data:`NEO4J_ONLY`, so :func:`shared_statements` can give
    the openCypher remainder to another engine.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected graph; only the classes and relationship types present are used.

    Yields
    ------
    str
        Lines of the script, ending in ``\\n``.
    """
    aliases = "row.`aliases:string[]`"
    labels: dict[str, set[str]] = {}
    for d in all_nodes(G):
        base, more = node_labels(d)
        labels.setdefault(base, set()).update(more)
    if not labels:
        labels["Entity"] = set()
    types = sorted({(edge_kind(d), relationship_type(d.get("relation", k))) for k, d in all_edges(G)},
                   key=lambda kt: (list(ENDPOINTS).index(kt[0]), kt[1]))

    yield "// kg: load nodes.csv and relationships.csv into a running Neo4j 5 database.\n"
    yield "//\n"
    yield "// 1. Copy nodes.csv and relationships.csv into the database's import folder\n"
    yield "//    (<NEO4J_HOME>/import, or the folder set by server.directories.import).\n"
    yield "// 2. Run: cypher-shell -u neo4j -p <password> -f import.cypher\n"
    yield "//    (in Neo4j Browser, prefix each statement with :auto, because\n"
    yield "//    CALL { } IN TRANSACTIONS needs an implicit transaction).\n"
    yield "//\n"
    yield "// Safe to run again: nodes are merged on id,\n"
    yield "// relationships on (start, type, relation, end).\n"
    yield f"// Lines ending in '{NEO4J_ONLY}' are Neo4j syntax outside openCypher (schema\n"
    yield "// constraints, batched transactions). Without them the script is plain openCypher,\n"
    yield "// and every statement ends with a line holding only a semicolon.\n"
    yield "// For a new, empty database the offline bulk import is faster:\n"
    yield f"//   {NEO4J_ADMIN_COMMAND}\n"
    for base in (b for b in BASE_LABELS.values() if b in labels):
        yield "\n"
        yield f"// Uniqueness of the {base.lower()} IRI; also the index that makes MERGE on id fast.\n"
        yield (
            f"CREATE CONSTRAINT {base.lower()}_id IF NOT EXISTS FOR (n:{base}) REQUIRE n.id IS UNIQUE"
            f" {NEO4J_ONLY}\n"
        )
        yield ";\n"
    for base in (b for b in BASE_LABELS.values() if b in labels):
        yield "\n"
        yield f"// {base} nodes, then their labels (MERGE cannot set a label taken from data).\n"
        yield "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
        if base != "Entity" or len(labels) > 1:
            yield f"WITH row WHERE split(row.`:LABEL`, ';')[0] = '{base}'\n"
        yield f"CALL {{ WITH row {NEO4J_ONLY}\n"
        yield f"MERGE (n:{base} {{id: row.`id:ID`}})\n"
        yield "SET n.label = row.label,\n"
        yield "    n.mentions = toInteger(row.`mentions:int`),\n"
        yield (
            f"    n.aliases = CASE WHEN coalesce({aliases}, '') = '' THEN []"
            f" ELSE split({aliases}, '{_ARRAY_DELIMITER}') END"
        )
        if base == "Entity":
            yield "\n"
        else:
            yield (",\n    n.date = CASE WHEN coalesce(row.date, '') = '' THEN null ELSE row.date END,\n"
                   "    n.text = CASE WHEN coalesce(row.text, '') = '' THEN null ELSE row.text END\n")
        for cls in sorted(labels[base]):
            full = f"{base};{cls}"
            test = f"row.`:LABEL` = '{full}'"
            yield f"FOREACH (_ IN CASE WHEN {test} THEN [1] ELSE [] END | SET n:{cls})\n"
        yield f"}} IN TRANSACTIONS OF {_BATCH} ROWS {NEO4J_ONLY}\n"
        yield ";\n"
    for kind, rtype in types:
        start, end = ENDPOINTS[kind]
        yield "\n"
        yield f"// Relationships of type {rtype} ({start} to {end}).\n"
        yield "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n"
        yield f"WITH row WHERE row.`:TYPE` = '{rtype}' AND row.kind = '{kind}'\n"
        yield f"CALL {{ WITH row {NEO4J_ONLY}\n"
        yield f"MATCH (a:{start} {{id: row.`:START_ID`}})\n"
        yield f"MATCH (b:{end} {{id: row.`:END_ID`}})\n"
        yield f"MERGE (a)-[r:{rtype} {{relation: row.relation}}]->(b)\n"
        yield (
            "SET r.weight = toInteger(row.`weight:int`),"
            " r.confidence = toFloat(row.`confidence:float`)\n"
        )
        yield f"}} IN TRANSACTIONS OF {_BATCH} ROWS {NEO4J_ONLY}\n"
        yield ";\n"


def shared_statements(script: str) -> list[str]:
    """Split an ``import.cypher`` script into its openCypher statements.

    Lines marked :data:`NEO4J_ONLY` and comment lines are dropped, and statements are split
    on lines holding only ``;``; a statement left empty (the constraint) is skipped. This is
    how another openCypher engine (or a test harness) runs the part of the script it knows.

    Parameters
    ----------
    script : str
        Text produced by :func:`generate_import_cypher`.

    Returns
    -------
    list of str
        Statements without their final ``;``.
    """
    statements: list[str] = []
    current: list[str] = []
    for line in script.splitlines():
        stripped = line.strip()
        if stripped == ";":
            if current:
                statements.append("\n".join(current))
            current = []
        elif stripped and not stripped.startswith("//") and not stripped.endswith(NEO4J_ONLY):
            current.append(line)
    if current:
        statements.append("\n".join(current))
    return statements


def write_neo4j(G: nx.MultiDiGraph, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write ``nodes.csv``, ``relationships.csv`` and ``import.cypher`` into ``out_dir``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected graph (``kg.project``).
    out_dir : str or os.PathLike
        The folder that receives the three files (``kg build`` uses ``<out>/neo4j``); it is
        created if missing. Each file is written atomically (``kg._io``), the script last.

    Returns
    -------
    list of pathlib.Path
        The three files, in that order.
    """
    out = Path(out_dir)
    return [
        atomic_write_lines(out / "nodes.csv", generate_nodes_csv(G)),
        atomic_write_lines(out / "relationships.csv", generate_relationships_csv(G)),
        atomic_write_lines(out / "import.cypher", generate_import_cypher(G)),
    ]
