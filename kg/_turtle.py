"""A fast writer of rdflib's "longturtle" layout, byte for byte, for graphs without blank nodes.

rdflib's ``LongTurtleSerializer`` walks the store once per subject and computes the prefixed
name of every node each time it is printed; on a 20,000-article graph that takes minutes.
This writer makes one pass over the triples, groups them by subject, and computes the prefixed
name of each distinct IRI once, calling the serializer's own ``get_pname`` so that prefixes
and ordering are rdflib's exactly. It reads either an rdflib ``Graph`` (:func:`longturtle`) or
a build's plain triples (:func:`longturtle_plain`, IRIs as ``str`` and literals as
:class:`kg.rdf.Lit`), so a build never has to create rdflib terms to write ``graph.ttl``.
Graphs with blank nodes (lists, nested descriptions) go to rdflib's serializer unchanged.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

__all__ = ["longturtle", "longturtle_plain", "literal_n3"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER, _BOOLEAN, _DECIMAL, _DOUBLE = (_XSD + t for t in ("integer", "boolean", "decimal", "double"))
_INF_NAN_TYPES = {_XSD + "float", _DOUBLE, _DECIMAL}


def longturtle(g: Graph) -> bytes:
    """``g.serialize(format="longturtle")``, computed in one pass over the triples.

    Examples
    --------
    >>> from rdflib import Graph, Literal, URIRef
    >>> from rdflib.namespace import RDFS
    >>> g = Graph()
    >>> _ = g.add((URIRef("http://example.org/a"), RDFS.label, Literal("A")))
    >>> longturtle(g) == g.serialize(format="longturtle", encoding="utf-8")
    True
    """
    from rdflib import BNode, Literal, URIRef

    def render(o, pname: Callable[[Any, bool], str | None]) -> str:
        return o._literal_n3(use_plain=True, qname_callback=lambda dt: pname(dt, False))

    def triples():
        for s, p, o in g.triples((None, None, None)):
            if type(s) is not URIRef or isinstance(p, BNode) or isinstance(o, BNode):
                raise _NotPlain
            yield s, p, o

    try:
        return _write(g, triples(), is_literal=lambda o: isinstance(o, Literal), render=render, sort_key=None)
    except _NotPlain:
        return g.serialize(format="longturtle", encoding="utf-8")


class _NotPlain(Exception):
    """A blank node or a literal subject: the layout needs rdflib's own serializer."""


def longturtle_plain(triples: Iterable[tuple[str, str, Any]], namespaces: Graph) -> bytes:
    """The longturtle bytes of plain triples: IRIs as ``str``, literals as :class:`kg.rdf.Lit`.

    ``namespaces`` is a graph whose prefix bindings are used (its triples are not read). Gives
    the same bytes as :func:`longturtle` of the rdflib graph holding the same triples.
    """
    from .rdf import Lit

    def render(o, pname: Callable[[Any, bool], str | None]) -> str:
        return literal_n3(o.lexical, o.datatype, pname)

    def sort_key(o) -> tuple:  # rdflib orders IRIs before literals, plain literals by text
        return (1, o.lexical, o.datatype or "") if type(o) is Lit else (0, o, "")

    return _write(namespaces, triples, is_literal=lambda o: type(o) is Lit, render=render, sort_key=sort_key)


def literal_n3(lexical: str, datatype: str | None, pname: Callable[[Any, bool], str | None] | None = None) -> str:
    """rdflib's ``Literal(lexical, datatype=datatype)._literal_n3(use_plain=True)`` for valid lexical forms.

    >>> literal_n3('say "hi"\\n', None)
    '\"\"\"say "hi\\\\"\\n\"\"\"'
    >>> literal_n3("1", "http://www.w3.org/2001/XMLSchema#decimal")
    '1.0'
    """
    if datatype == _INTEGER:
        return lexical
    if datatype == _BOOLEAN:
        return lexical.lower()
    if datatype == _DECIMAL and _finite(lexical):
        return lexical if ("." in lexical or "e" in lexical or "E" in lexical) else lexical + ".0"
    if datatype == _DOUBLE and _finite(lexical):
        return re.sub("\\.?0*e", "e", f"{float(lexical):e}")
    encoded = _quote(lexical)
    if datatype is None:
        return encoded
    if datatype in _INF_NAN_TYPES:
        encoded = encoded.replace("inf", "INF").replace("Infinity", "INF").replace("nan", "NaN")
    name = None
    if pname is not None:
        from rdflib import URIRef

        name = pname(URIRef(datatype), False)
    return f"{encoded}^^{name or f'<{datatype}>'}"


def _finite(lexical: str) -> bool:
    try:
        return math.isfinite(float(lexical))
    except ValueError:
        return False


def _quote(value: str) -> str:
    """rdflib's ``Literal._quote_encode``."""
    if "\n" in value:
        encoded = value.replace("\\", "\\\\")
        if '"""' in value:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + "\\" + '"'
        return '"""%s"""' % encoded.replace("\r", "\\r")
    return '"%s"' % value.replace("\n", "\\n").replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")


def _write(g: Graph, triples: Iterable[tuple[Any, Any, Any]], *, is_literal: Callable[[Any], bool],
           render: Callable[[Any, Callable], str], sort_key: Callable[[Any], Any] | None) -> bytes:
    """Group ``triples`` by subject and print them as rdflib's longturtle serializer would.

    Subject and predicate nodes are IRIs (rdflib ``URIRef`` or ``str``); objects are IRIs or
    literals (``is_literal``, with a ``datatype`` attribute), printed by ``render``. Triples may
    repeat; they count once.
    """
    from rdflib import URIRef
    from rdflib.namespace import RDF, RDFS, split_uri
    from rdflib.plugins.serializers.longturtle import LongTurtleSerializer

    ser = LongTurtleSerializer(g)
    ser.reset()
    nm = g.namespace_manager
    state = [len(ser.namespaces), _count(nm)]
    called: tuple[dict[str, str | None], dict[str, str | None]] = ({}, {})
    # Split namespaces (rdflib's split_uri) in which no IRI can have a prefixed name: no bound
    # namespace starts with them. rdflib's compute_qname fails the same way for every IRI in
    # such a namespace, and the failure costs ~40 us per IRI (a graph has one per assertion).
    unprefixable: set[str] = set()

    def pname(node, gen: bool) -> str | None:
        """The serializer's get_pname (which declares prefixes), once per node and prefix set."""
        cache = called[gen]
        key = str(node)
        if key in cache:
            return cache[key]
        ns = None
        if not gen:
            try:
                ns = split_uri(key)[0]
            except ValueError:
                pass
            if ns in unprefixable:
                cache[key] = None
                return None
        value = ser.get_pname(node if isinstance(node, URIRef) else URIRef(node), gen)
        now = [len(ser.namespaces), _count(nm) if gen else state[1]]
        if now != state:  # a new prefix can change the name of nodes seen before
            called[0].clear()
            called[1].clear()
            unprefixable.clear()
            state[:] = now
        elif value is None and ns is not None and not any(str(b).startswith(ns) for _, b in nm.namespaces()):
            unprefixable.add(ns)
        cache[key] = value
        return value

    references: dict[str, int] = defaultdict(int)
    subjects: dict[str, tuple[Any, dict[str, tuple[Any, dict]]]] = {}
    rdf_type, rdfs_class = str(RDF.type), str(RDFS.Class)
    top: set[str] = set()
    seen_p: set[str] = set()
    for s, p, o in triples:
        ks, kp = str(s), str(p)
        entry = subjects.get(ks)
        if entry is None:
            entry = subjects[ks] = (s, {})
            pname(s, False)  # the serializer's preprocessTriple, in the same order
        props = entry[1]
        objects = props.get(kp)
        if objects is None:
            objects = props[kp] = (p, {})
        if o in objects[1]:
            continue
        objects[1][o] = None
        if kp != rdf_type and kp not in seen_p:
            seen_p.add(kp)
            pname(p, True)
        if is_literal(o):
            if o.datatype:
                pname(o.datatype, False)
        else:
            ko = str(o)
            references[ko] += 1
            pname(o, False)
            if kp == rdf_type and ko == rdfs_class:
                top.add(ks)

    # the serializer's orderSubjects: rdfs:Class members, then by times referenced, then IRI
    order = sorted(top) + [k for _, k in sorted((references.get(k, 0), k) for k in subjects if k not in top)]

    names: dict[str, str] = {}  # IRI -> its printed form (prefixes are final now)
    nil = str(RDF.nil)

    def iri(node, verb: bool) -> str:
        key = str(node)
        if verb:
            if key == rdf_type:
                return "a"
            key = "\x00" + key
        text = names.get(key)
        if text is None:
            if str(node) == nil:
                text = "()"
            else:
                text = pname(node, verb) or (node if isinstance(node, URIRef) else URIRef(node)).n3()
            names[key] = text
        return text

    def obj(node) -> str:
        return render(node, pname) if is_literal(node) else iri(node, False)

    out: list[str] = []
    for prefix, ns in sorted(ser.namespaces.items()):
        out.append(f"PREFIX {prefix}: <{ns}>\n")
    first = [str(p) for p in ser.predicateOrder]
    for k in order:
        s, props = subjects[k]
        plist = [p for p in first if p in props]
        plist += sorted(p for p in props if p not in first)
        parts = []
        for kp in plist:
            p, objects = props[kp]
            if len(objects) == 1:
                parts.append("    " + iri(p, True) + " " + obj(next(iter(objects))))
            else:
                parts.append("    " + iri(p, True) + "\n        " + " ,\n        ".join(obj(o) for o in sorted(objects, key=sort_key)))
        out.append("\n" + iri(s, False) + "\n" + " ;\n".join(parts) + " ;\n.\n")
    return "".join(out).encode("utf-8", "replace")


def _count(nm) -> int:
    return sum(1 for _ in nm.namespaces())
