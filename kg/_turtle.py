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

__all__ = ["longturtle", "longturtle_plain", "plain_layout", "literal_n3"]

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
    return _write(namespaces, triples, **_PLAIN)


def plain_layout(namespaces: Graph) -> _Layout:
    """The :class:`_Layout` of plain triples (see :func:`longturtle_plain`), for writing by blocks."""
    return _Layout(namespaces, **_PLAIN)


def _plain_render(o, pname: Callable[[Any, bool], str | None]) -> str:
    return literal_n3(o.lexical, o.datatype, pname)


def _plain_sort_key(o) -> tuple:  # rdflib orders IRIs before literals, plain literals by text
    return (1, o.lexical, o.datatype or "") if type(o) is not str else (0, o, "")


def _plain_is_literal(o) -> bool:
    return type(o) is not str


_PLAIN = {"is_literal": _plain_is_literal, "render": _plain_render, "sort_key": _plain_sort_key}


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


class _Layout:
    """rdflib's longturtle naming and layout of subjects, one subject block at a time.

    ``pname`` is the serializer's own ``get_pname`` (which also declares the prefixes used),
    called once per node and prefix set; :meth:`block` prints one subject with its predicates
    and objects as the serializer would. :func:`_write` orders and prints a whole graph with
    it; :mod:`kg.streaming` prints blocks of subjects one part of a graph at a time.
    """

    def __init__(self, g: Graph, *, is_literal: Callable[[Any], bool], render: Callable[[Any, Callable], str],
                 sort_key: Callable[[Any], Any] | None) -> None:
        from rdflib.namespace import RDF, split_uri
        from rdflib.plugins.serializers.longturtle import LongTurtleSerializer

        self.ser = ser = LongTurtleSerializer(g)
        ser.reset()
        self.nm = g.namespace_manager
        self.is_literal, self.render, self.sort_key = is_literal, render, sort_key
        self.state = [len(ser.namespaces), _count(self.nm)]
        self.called: tuple[dict[str, str | None], dict[str, str | None]] = ({}, {})
        # Split namespaces (rdflib's split_uri) in which no IRI can have a prefixed name: no bound
        # namespace starts with them. rdflib's compute_qname fails the same way for every IRI in
        # such a namespace, and the failure costs ~40 us per IRI (a graph has one per assertion).
        self.unprefixable: set[str] = set()
        self.seen_p: set[str] = set()
        self.names: dict[str, str] = {}  # IRI -> its printed form
        self.first = [str(p) for p in ser.predicateOrder]
        self._split_uri = lambda uri: _split_uri(uri, split_uri)
        from rdflib import URIRef

        self._URIRef = URIRef
        self._rdf_type, self._nil = str(RDF.type), str(RDF.nil)

    def pname(self, node, gen: bool) -> str | None:
        """The serializer's get_pname (which declares prefixes), once per node and prefix set."""
        cache = self.called[gen]
        key = str(node)
        if key in cache:
            return cache[key]
        URIRef = self._URIRef
        ns = None
        if not gen:
            try:
                ns = self._split_uri(key)[0]
            except ValueError:
                pass
            if ns in self.unprefixable:
                cache[key] = None
                return None
        value = self.ser.get_pname(node if isinstance(node, URIRef) else URIRef(node), gen)
        now = [len(self.ser.namespaces), _count(self.nm) if gen else self.state[1]]
        if now != self.state:  # a new prefix can change the name of nodes seen before
            self.called[0].clear()
            self.called[1].clear()
            self.unprefixable.clear()
            self.names.clear()
            self.state[:] = now
        elif value is None and ns is not None and not any(str(b).startswith(ns) for _, b in self.nm.namespaces()):
            self.unprefixable.add(ns)
        cache[key] = value
        return value

    def note(self, p, o) -> None:
        """What the serializer's preprocessTriple names for one triple (its subject aside)."""
        kp = str(p)
        if kp != self._rdf_type and kp not in self.seen_p:
            self.seen_p.add(kp)
            self.pname(p, True)
        if self.is_literal(o):
            if o.datatype:
                self.pname(o.datatype, False)
        elif str(o) not in self.called[0]:  # pname's own cache, checked here: one call per triple saved
            self.pname(o, False)

    def iri(self, node, verb: bool) -> str:
        key = str(node)
        if verb:
            if key == self._rdf_type:
                return "a"
            key = "\x00" + key
        text = self.names.get(key)
        if text is None:
            URIRef = self._URIRef
            if str(node) == self._nil:
                text = "()"
            else:
                text = self.pname(node, verb) or (node if isinstance(node, URIRef) else URIRef(node)).n3()
            self.names[key] = text
        return text

    def obj(self, node) -> str:
        return self.render(node, self.pname) if self.is_literal(node) else self.iri(node, False)

    def block(self, s, props: dict[str, tuple[Any, dict]]) -> str:
        """One subject: ``props`` maps each predicate (as ``str``) to (predicate, {object: None})."""
        plist = [p for p in self.first if p in props]
        plist += sorted(p for p in props if p not in self.first)
        parts = []
        for kp in plist:
            p, objects = props[kp]
            if len(objects) == 1:
                parts.append("    " + self.iri(p, True) + " " + self.obj(next(iter(objects))))
            else:
                parts.append("    " + self.iri(p, True) + "\n        " + " ,\n        ".join(
                    self.obj(o) for o in sorted(objects, key=self.sort_key)))
        return "\n" + self.iri(s, False) + "\n" + " ;\n".join(parts) + " ;\n.\n"

    def header(self) -> str:
        """The PREFIX lines of every prefix used so far."""
        return "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in sorted(self.ser.namespaces.items()))


#: The characters of an ASCII name (rdflib's NAME_CATEGORIES and ALLOWED_NAME_CHARS), and those of
#: them a local name may not start with (all but the SPLIT_START_CATEGORIES and "_").
_NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._%()"
_NOT_START = "-.%()"


def _split_uri(uri: str, split_uri: Callable[[str], tuple[str, str]]) -> tuple[str, str]:
    """rdflib's ``split_uri(uri)``, without its per-character Unicode lookups for an ASCII IRI
    that starts with a letter (every IRI of a build); any other is left to rdflib.

    rdflib splits before the first character that may start a name (letter, digit, "_") after
    the last character that cannot be in a name; where there is none it fails (its scan goes on
    from the IRI's first character, a letter: an empty namespace, which fails).
    """
    if not (uri.isascii() and uri[:1].isalpha()) or uri.startswith("http://www.w3.org/XML/1998/namespace"):
        return split_uri(uri)
    stop = len(uri.rstrip(_NAME_CHARS))  # one past the last character that is no name's
    tail = uri[stop:]
    start = stop + len(tail) - len(tail.lstrip(_NOT_START))
    if stop == 0 or start == len(uri):
        raise ValueError(f"Can't split '{uri}'")
    return uri[:start], uri[start:]


def _write(g: Graph, triples: Iterable[tuple[Any, Any, Any]], *, is_literal: Callable[[Any], bool],
           render: Callable[[Any, Callable], str], sort_key: Callable[[Any], Any] | None) -> bytes:
    """Group ``triples`` by subject and print them as rdflib's longturtle serializer would.

    Subject and predicate nodes are IRIs (rdflib ``URIRef`` or ``str``); objects are IRIs or
    literals (``is_literal``, with a ``datatype`` attribute), printed by ``render``. Triples may
    repeat; they count once.
    """
    from rdflib.namespace import RDF, RDFS

    layout = _Layout(g, is_literal=is_literal, render=render, sort_key=sort_key)
    references: dict[str, int] = defaultdict(int)
    subjects: dict[str, tuple[Any, dict[str, tuple[Any, dict]]]] = {}
    rdf_type, rdfs_class = str(RDF.type), str(RDFS.Class)
    top: set[str] = set()
    for s, p, o in triples:
        ks, kp = str(s), str(p)
        entry = subjects.get(ks)
        if entry is None:
            entry = subjects[ks] = (s, {})
            layout.pname(s, False)  # the serializer's preprocessTriple, in the same order
        props = entry[1]
        objects = props.get(kp)
        if objects is None:
            objects = props[kp] = (p, {})
        if o in objects[1]:
            continue
        objects[1][o] = None
        layout.note(p, o)
        if not is_literal(o):
            ko = str(o)
            references[ko] += 1
            if kp == rdf_type and ko == rdfs_class:
                top.add(ks)

    # the serializer's orderSubjects: rdfs:Class members, then by times referenced, then IRI
    order = sorted(top) + [k for _, k in sorted((references.get(k, 0), k) for k in subjects if k not in top)]
    body = [layout.block(*subjects[k]) for k in order]
    return (layout.header() + "".join(body)).encode("utf-8", "replace")


def _count(nm) -> int:
    return sum(1 for _ in nm.namespaces())
