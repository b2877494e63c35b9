"""SHACL validation of a graph against ``ontology/shapes.ttl`` (pySHACL), with a readable report.

The shapes say what SPARQL users may rely on (see the comments in ``shapes.ttl``). The
ontology ``kg.ttl`` is mixed into the data graph while validating, so ``sh:class kg:Entity``
accepts a ``kg:Person`` and open relations count as sub-properties of ``kg:relatedTo``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OntologyError

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

__all__ = ["Issue", "ValidationReport", "validate"]

_INSTALL = "pip install pyshacl"


@dataclass(frozen=True, slots=True)
class Issue:
    """One SHACL result: which node, which property, what is wrong."""

    severity: str  # Violation, Warning or Info
    focus: str
    path: str
    message: str
    value: str = ""
    shape: str = ""

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}".rstrip()
        value = f" (value: {self.value})" if self.value and self.value not in self.message else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`: whether the graph conforms, and every issue found."""

    conforms: bool
    issues: tuple[Issue, ...]
    triples: int = 0

    def text(self, *, limit: int | None = 50) -> str:
        """A human-readable report: a verdict line, then one line per issue (sorted)."""
        if self.conforms:
            return f"Conforms: {self.triples} triples satisfy every shape in shapes.ttl.\n"
        shown = self.issues if limit is None else self.issues[:limit]
        lines = [f"Does not conform: {len(self.issues)} issue(s) in {self.triples} triples."]
        lines += [f"  {issue}" for issue in shown]
        if len(shown) < len(self.issues):
            lines.append(f"  ... and {len(self.issues) - len(shown)} more")
        return "\n".join(lines) + "\n"


def _short(g: Graph, term) -> str:
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return g.namespace_manager.normalizeUri(term)
        except Exception:  # noqa: BLE001 - a term no prefix covers
            return f"<{term}>"
    if isinstance(term, BNode):
        return "[]"
    if isinstance(term, Literal):
        text = str(term)
        return repr(text if len(text) <= 60 else text[:59] + "…")
    return str(term)


def _path(g: Graph, results: Graph, path) -> str:
    """A property path for the report; inverse and sequence paths in SPARQL syntax."""
    from rdflib import BNode
    from rdflib.namespace import SH

    if isinstance(path, BNode):
        inverse = results.value(path, SH.inversePath)
        if inverse is not None:
            return f"^{_short(g, inverse)}"
        return "(complex path)"
    return _short(g, path)


def validate(
    graph: Graph | str | os.PathLike[str],
    *,
    shapes: str | os.PathLike[str] | None = None,
) -> ValidationReport:
    """Validate a graph (or a graph file, or a store folder) against kg's SHACL shapes.

    Parameters
    ----------
    graph : rdflib.Graph or path
        The graph, a saved graph file, or a store folder.
    shapes : path, optional
        Another shapes file; default ``ontology/shapes.ttl``.

    Returns
    -------
    ValidationReport
        ``conforms`` and the issues; ``report.text()`` is what ``kg validate`` prints.
    """
    try:
        from pyshacl import validate as shacl_validate
    except ImportError as exc:  # pragma: no cover - a dependency of kg
        raise OntologyError(f"validation needs pySHACL: {_INSTALL}") from exc
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    from .ontology import ontology_file
    from .rdf import load_graph
    from .vocab import bind_prefixes

    g = graph if isinstance(graph, Graph) else load_graph(graph)
    shapes_path = Path(shapes) if shapes else ontology_file("shapes.ttl")
    try:
        shapes_graph = Graph().parse(shapes_path, format="turtle")
        ont = Graph().parse(ontology_file("kg.ttl"), format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise OntologyError(f"{shapes_path}: cannot parse the shapes: {str(exc).splitlines()[0]}") from exc
    conforms, results, _ = shacl_validate(
        g, shacl_graph=shapes_graph, ont_graph=ont, inference="none", advanced=True, allow_warnings=True,
    )
    names = bind_prefixes(Graph())
    for prefix, ns in g.namespaces():
        names.bind(prefix, ns, override=False)
    issues = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(r, SH.resultSeverity)
        message = results.value(r, SH.resultMessage)
        shape = results.value(r, SH.sourceShape)
        issues.append(Issue(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus=_short(names, results.value(r, SH.focusNode)),
            path=_path(names, results, results.value(r, SH.resultPath)),
            message=str(message) if message else _short(names, results.value(r, SH.sourceConstraintComponent)),
            value=_short(names, results.value(r, SH.value)),
            shape=_short(names, shape) if shape is not None and not str(shape).startswith("N") else "",
        ))
    issues.sort(key=lambda i: (i.severity != "Violation", i.focus, i.path, i.message, i.value))
    return ValidationReport(bool(conforms), tuple(issues), len(g))
