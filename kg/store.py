"""Triple stores behind one interface: Oxigraph in memory (fast queries) or on disk (large graphs).

Why Oxigraph: on kg's own graphs and on a synthetic million-triple graph, pyoxigraph loads
5-10x faster than rdflib's memory store and answers join/filter/order queries 20-60x faster
(numbers in the README's design section and ``benchmarks/store.py``). rdflib stays the API
users see: query answers are rdflib terms, and :meth:`GraphStore.to_rdflib` gives a ``Graph``.

A *store folder* (``kg build --store DIR``) holds::

    kg-store.json        marker and metadata: format, version, base IRI, triple count
    oxigraph/            the Oxigraph (RocksDB) database, opened read-only by queries and `kg serve`
    records.jsonl.gz     the extraction records `kg add` needs (:mod:`kg.records_io`)
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._io import atomic_write_text
from .errors import InputError, QueryError

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from .results import QueryResult

__all__ = ["GraphStore", "STORE_MARKER", "is_store", "open_store", "write_store", "store_info"]

STORE_MARKER = "kg-store.json"
DB_DIR = "oxigraph"
FORMAT, VERSION = "kg-store", 1

_INSTALL = "pip install pyoxigraph"


def _ox():
    try:
        import pyoxigraph
    except ImportError as exc:  # pragma: no cover - a dependency of kg
        raise QueryError(f"the Oxigraph store needs pyoxigraph: {_INSTALL}") from exc
    return pyoxigraph


def is_store(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a store folder written by ``kg build --store``."""
    return (Path(path) / STORE_MARKER).is_file()


def store_info(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The metadata of a store folder (its ``kg-store.json``)."""
    marker = Path(path) / STORE_MARKER
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"not a kg store folder (no readable {STORE_MARKER}); create one with `kg build --store DIR`") from exc
    if info.get("format") != FORMAT or info.get("version") != VERSION:
        raise InputError(str(marker), f"unsupported store format {info.get('format')}/{info.get('version')}; rebuild with `kg build --store`")
    return info


def _to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as the rdflib term users of kg's API expect."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    ox = _ox()
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == "http://www.w3.org/2001/XMLSchema#string" else Literal(term.value, datatype=URIRef(dt))
    raise QueryError(f"unsupported RDF term in a result: {term!r}")


def _with_values(sparql: str, bindings: dict[str, str] | None) -> str:
    """Bind variables with a ``VALUES`` block at the top of every ``WHERE`` group.

    Oxigraph's own substitution only binds projected variables, and a trailing ``VALUES``
    joins after grouping; an inline block in each ``WHERE`` group (sub-queries included)
    constrains the patterns as rdflib's ``initBindings`` does, so ``-p name=...`` means the
    same on every engine. A group that does not use the variable joins with one row: no change.
    """
    if not bindings:
        return sparql
    from rdflib import Literal

    names = " ".join(f"?{k}" for k in bindings)
    values = " ".join(Literal(v).n3() for v in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    for i in reversed(_where_braces(sparql)):
        sparql = f"{sparql[: i + 1]}{block}{sparql[i + 1 :]}"
    return sparql


_SKIP = re.compile(r"#[^\n]*|<[^\s<>\"{}|^`]*>|\"\"\".*?\"\"\"|'''.*?'''|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'", re.S)
_WORD = re.compile(r"[A-Za-z_][\w-]*")


def _where_braces(sparql: str) -> list[int]:
    """Offsets of the ``{`` opening each ``WHERE`` group (or the first group when WHERE is omitted)."""
    found, first, previous, i = [], -1, "", 0
    while i < len(sparql):
        m = _SKIP.match(sparql, i) or _WORD.match(sparql, i)
        if m:
            previous = m.group(0).upper() if m.re is _WORD else previous
            i = m.end()
            continue
        if sparql[i] == "{":
            first = i if first < 0 else first
            if previous == "WHERE":
                found.append(i)
        if not sparql[i].isspace():
            previous = sparql[i] if sparql[i] != "{" else "{"
        i += 1
    return found or ([first] if first >= 0 else [])


def _prefixes() -> dict[str, str]:
    from rdflib import Graph

    from .vocab import bind_prefixes

    ns = {p: str(n) for p, n in bind_prefixes(Graph()).namespaces() if p}
    ns.setdefault("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
    return ns


class GraphStore:
    """An Oxigraph store, in memory (``path=None``) or in a folder on disk.

    Parameters
    ----------
    path : path, optional
        Database folder; ``None`` keeps the store in memory.
    read_only : bool
        Open an existing database read-only (several processes may read it at once).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        ox = _ox()
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise InputError(str(path), f"cannot open the Oxigraph database: {exc}") from exc

    def __len__(self) -> int:
        return len(self._store)

    @property
    def native(self) -> Any:
        """The underlying ``pyoxigraph.Store``, for what this class does not wrap."""
        return self._store

    def load(self, source: str | os.PathLike[str] | bytes | Graph, *, fmt: str = "turtle") -> int:
        """Bulk-load a file, bytes, or an rdflib graph into the default graph; returns the new size.

        ``fmt`` is ``turtle``, ``nt``, ``nquads`` or ``trig`` (quads load into their named graphs).
        """
        ox = _ox()
        formats = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
                   "trig": ox.RdfFormat.TRIG}
        from rdflib import Graph

        if isinstance(source, Graph):
            source, fmt = source.serialize(format="nt", encoding="utf-8"), "nt"
        try:
            if isinstance(source, bytes):
                self._store.bulk_load(source, format=formats[fmt])
            else:
                self._store.bulk_load(path=str(source), format=formats[fmt])
            self._store.flush()
        except (SyntaxError, ValueError, OSError) as exc:
            where = str(source) if not isinstance(source, bytes) else "graph data"
            raise InputError(where, f"cannot parse the graph: {str(exc).splitlines()[0]}") from exc
        return len(self._store)

    def query(self, sparql: str, *, bindings: dict[str, str] | None = None) -> QueryResult:
        """Run a SPARQL query; answers come back as rdflib terms in a :class:`~kg.query.QueryResult`.

        ``bindings`` pre-bind variables to plain literals, as ``kg query -p name=VALUE`` does.
        """
        from rdflib import Graph

        from .results import QueryResult

        ox = _ox()
        try:
            result = self._store.query(_with_values(sparql, bindings), prefixes=_prefixes(), use_default_graph_as_union=True)
        except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise QueryError(f"query failed: {first}") from exc
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result), raw=result)
        if isinstance(result, ox.QueryTriples):
            g = Graph()
            for t in result:
                g.add((_to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object)))
            return QueryResult("graph", graph=g, raw=result)
        names = tuple(v.value for v in result.variables)
        # Rows repeat terms (labels, documents, "asserted"): convert each distinct one once.
        # Making rdflib Literals was half the time of `about` on the whole-Reuters graph.
        terms: dict[Any, Any] = {}

        def term(t: Any) -> Any:
            found = terms.get(t)
            if found is None:
                found = terms[t] = _to_rdflib(t)
            return found

        variables = result.variables
        rows = tuple(tuple(term(sol[v]) for v in variables) for sol in result)
        return QueryResult("select", names, rows, raw=result)

    def to_rdflib(self) -> Graph:
        """The store's triples (all graphs) as an rdflib ``Graph`` with kg's prefixes."""
        from rdflib import Graph

        from .vocab import bind_prefixes

        data = self._store.dump(format=_ox().RdfFormat.N_QUADS)
        g = bind_prefixes(Graph())
        # quads of named graphs fold into one graph: strip the graph term by parsing as a Dataset
        from rdflib import Dataset

        ds = Dataset()
        ds.parse(data=data, format="nquads")
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g


def open_store(path: str | os.PathLike[str]) -> GraphStore:
    """Open a store folder read-only (raises :class:`~kg.errors.InputError` when it is not one)."""
    store_info(path)
    return GraphStore(Path(path) / DB_DIR, read_only=True)


def write_store(
    path: str | os.PathLike[str],
    source: str | os.PathLike[str] | bytes | Graph,
    *,
    base_iri: str,
    fmt: str = "turtle",
    records: str | os.PathLike[str] | list | None = None,
) -> Path:
    """Create or replace store folder ``path`` with the graph ``source``, all or nothing.

    The new store (database, ``kg-store.json``, and ``records``: a records file to copy, or the
    ``(document, extraction)`` pairs to write) is made in a folder beside ``path`` and takes its
    place in one step (:func:`kg._io.replace_folder`), so a failed or killed load leaves the
    previous store readable and whole.
    """
    from ._io import folder_lock, replace_folder

    folder = Path(path)
    if folder.exists() and any(folder.iterdir()) and not is_store(folder):
        raise InputError(str(folder), "exists and is not a kg store folder; choose an empty or new folder for --store")

    def write(fresh: Path) -> None:
        from .records_io import RECORDS_FILE, write_records

        store = GraphStore(fresh / DB_DIR)
        triples = store.load(source, fmt=fmt)
        store.native.optimize()
        del store  # release the database lock before the folder moves
        if isinstance(records, list):
            write_records(fresh / RECORDS_FILE, records, base_iri=base_iri)
        elif records is not None:  # the same bytes, not a second serialisation
            try:
                os.link(records, fresh / RECORDS_FILE)
            except OSError:
                shutil.copyfile(records, fresh / RECORDS_FILE)
        info = {"format": FORMAT, "version": VERSION, "base_iri": base_iri, "triples": triples, "database": DB_DIR}
        atomic_write_text(fresh / STORE_MARKER, json.dumps(info, indent=1, sort_keys=True) + "\n")

    with folder_lock(folder):
        return replace_folder(folder, write, ours=is_store_file)


def is_store_file(rel: str) -> bool:
    """True for a path (relative to a store folder) that kg writes or once wrote."""
    return rel in (STORE_MARKER, DB_DIR, "records.jsonl.gz", f".{DB_DIR}.new", f".{DB_DIR}.old")
