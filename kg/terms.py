"""Plain RDF terms: what the build writes instead of rdflib objects.

Its own module so that the modules that make triples (:mod:`kg.rdf`, :mod:`kg.eventgraph`,
:mod:`kg.streaming`) share it without importing one another.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Lit"]


class Lit(NamedTuple):
    """A literal in plain form: its lexical text and datatype IRI (``None`` for a plain string).

    The build writes its graph without creating rdflib terms (creating and indexing 1.2 million
    of them cost most of a whole-Reuters build); rdflib sees the same literal as
    ``Literal(lexical, datatype=datatype)``.
    """

    lexical: str
    datatype: str | None = None
