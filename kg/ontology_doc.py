"""``kg ontology --doc``: a Markdown reference of ``ontology/kg.ttl``, generated from the file.

Generated, not written by hand, so it cannot drift from the ontology: classes with their
schema.org alignment, relations with domain, range, inverse, symmetry and the words that
trigger them, attributes and provenance properties, and the saved queries.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ._io import atomic_write_text

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

__all__ = ["generate_markdown", "write_markdown"]


def _domain_range(g: Graph, p) -> str:
    """The ``domain → range`` cell of a property's row."""
    from rdflib.namespace import RDFS

    return f"`{_name(g, g.value(p, RDFS.domain))}` → `{_name(g, g.value(p, RDFS.range))}`"


def _name(g: Graph, term) -> str:
    from rdflib import BNode
    from rdflib.collection import Collection
    from rdflib.namespace import OWL

    if term is None:
        return ""
    if isinstance(term, BNode):  # owl:unionOf ( kg:Assertion kg:Statement )
        members = g.value(term, OWL.unionOf)
        if members is not None:
            return " or ".join(_name(g, t) for t in Collection(g, members))
    try:
        return g.namespace_manager.normalizeUri(term)
    except Exception:  # noqa: BLE001 - no prefix covers it
        return f"<{term}>"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _list(g: Graph, terms) -> str:
    return ", ".join(f"`{_name(g, t)}`" for t in sorted(terms))


def generate_markdown(path: str | os.PathLike[str] | None = None) -> Iterator[str]:
    """Yield the Markdown reference of the ontology, section by section.

    Examples
    --------
    >>> text = "".join(generate_markdown())
    >>> "kg:meets" in text and "owl:SymmetricProperty" in text
    True
    """
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    from .ontology import ontology_file, saved_queries
    from .vocab import KG_NS

    source = Path(path) if path else ontology_file("kg.ttl")
    g = Graph().parse(source, format="turtle")
    g.bind("kg", KG_NS, replace=True)
    kg = lambda local: URIRef(KG_NS + local)  # noqa: E731
    onto = next(iter(g.subjects(RDF.type, OWL.Ontology)), None)
    ours = lambda s: str(s).startswith(KG_NS)  # noqa: E731
    label = lambda s: str(g.value(s, RDFS.label) or "")  # noqa: E731
    comment = lambda s: str(g.value(s, RDFS.comment) or "")  # noqa: E731

    yield f"# {label(onto) or 'kg ontology'}\n\n"
    yield f"{comment(onto)}\n\n"
    yield f"- IRI: `{onto}`\n- Namespace: `{KG_NS}` (prefix `kg:`)\n"
    yield f"- Version: {g.value(onto, OWL.versionInfo)}\n- Source: `ontology/kg.ttl`; SHACL shapes in `ontology/shapes.ttl`\n\n"
    yield (
        "Facts are stored twice: as a direct triple `?s kg:meets ?o` (only when the statement is "
        "positive and not hypothetical) and as a `kg:Assertion` node with its provenance. "
        "Relations marked *stored as* an inverse are written with the inverse property; symmetric "
        "relations are written once, subject and object in IRI order.\n\n"
    )

    yield "## Classes\n\n| class | label | parent | aligned with | description |\n|---|---|---|---|---|\n"
    for c in sorted(s for s in g.subjects(RDF.type, OWL.Class) if ours(s)):
        parents = [p for p in g.objects(c, RDFS.subClassOf) if ours(p) or str(p).startswith(str(RDF))]
        close = list(g.objects(c, URIRef("http://www.w3.org/2004/02/skos/core#closeMatch")))
        schema = [p for p in list(g.objects(c, OWL.equivalentClass)) + list(g.objects(c, RDFS.subClassOf)) + close
                  if not ours(p) and not str(p).startswith(str(RDF))]
        yield f"| `{_name(g, c)}` | {label(c)} | {_list(g, parents)} | {_list(g, schema)} | {_cell(comment(c))} |\n"

    between = set(g.transitive_subjects(RDFS.subPropertyOf, kg("relatedTo")))
    relations = sorted(p for p in g.subjects(RDF.type, OWL.ObjectProperty) if ours(p) and p in between)
    yield "\n## Relations between entities\n\n"
    yield "| property | label | domain → range | characteristics | verbs | nouns | roles | description |\n"
    yield "|---|---|---|---|---|---|---|---|\n"
    for p in relations:
        traits = []
        if (p, RDF.type, OWL.SymmetricProperty) in g:
            traits.append("symmetric")
        for inv in g.objects(p, OWL.inverseOf):
            traits.append(f"inverse of `{_name(g, inv)}` (stored as it)")
        for inv in g.subjects(OWL.inverseOf, p):
            traits.append(f"inverse of `{_name(g, inv)}`")
        for sup in g.objects(p, RDFS.subPropertyOf):
            if sup != kg("relatedTo"):
                traits.append(f"sub-property of `{_name(g, sup)}`")
        words = {a: ", ".join(sorted(str(t) for t in g.objects(p, kg(a)))) for a in ("trigger", "nounTrigger", "roleTrigger")}
        yield (
            f"| `{_name(g, p)}` | {label(p)} | {_domain_range(g, p)} "
            f"| {'; '.join(traits)} | {_cell(words['trigger'])} | {_cell(words['nounTrigger'])} | {_cell(words['roleTrigger'])} "
            f"| {_cell(comment(p))} |\n"
        )
    yield (
        "\nVerbs with no mapping become *open relations*: properties under "
        "`<base-iri>relation/` declared `rdfs:subPropertyOf kg:relatedTo`, labelled with the verb phrase.\n"
    )

    yield from _events_section(g, kg, label, comment)
    roles = set(g.transitive_subjects(RDFS.subPropertyOf, kg("participant"))) | {kg("place")}
    others = sorted(
        p for t in (OWL.DatatypeProperty, OWL.ObjectProperty) for p in g.subjects(RDF.type, t)
        if ours(p) and p not in relations and p not in roles
    )
    yield "\n## Attributes and provenance\n\n| property | label | domain → range | description |\n|---|---|---|---|\n"
    for p in others:
        yield f"| `{_name(g, p)}` | {label(p)} | {_domain_range(g, p)} | {_cell(comment(p))} |\n"
    yield (
        "\nStandard terms kg also writes: `rdfs:label`, `skos:altLabel` (aliases), `owl:sameAs`; on assertions "
        "`rdf:subject`, `rdf:predicate`, `rdf:object` and `prov:wasDerivedFrom` (the document); on documents "
        "(`schema:NewsArticle`) `dcterms:identifier`, `dcterms:title`, `dcterms:creator`, `dcterms:publisher`, "
        "`dcterms:date`, `dcterms:source`, `schema:url` and `schema:mentions` (the entities it names).\n"
    )

    yield "\n## Annotation properties\n\n| property | description |\n|---|---|\n"
    for p in sorted(s for s in g.subjects(RDF.type, OWL.AnnotationProperty) if ours(s)):
        yield f"| `{_name(g, p)}` | {_cell(comment(p))} |\n"

    yield "\n## Saved queries\n\nRun with `kg query GRAPH -f NAME`.\n\n| name | what it answers |\n|---|---|\n"
    for name, qpath in saved_queries().items():
        first = qpath.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
        yield f"| `{name}` | {_cell(first)} |\n"


def _events_section(g: Graph, kg, label, comment) -> Iterator[str]:
    """Event classes with their triggers and roles, then the role properties."""
    from rdflib.namespace import RDFS

    from .ontology import load_lexicon

    lex = load_lexicon().events
    yield "\n## Statements, events and time\n\n"
    yield (
        "What people said is a `kg:Statement` node (speaker, cue, words, offsets, direct or reported, "
        "what it is about); the assertions said in it point to it with `kg:inStatement`. Its cue words: "
        + ", ".join(sorted(load_lexicon().cues)) + ".\n\n"
    )
    yield (
        "What happened is a `kg:Event` node of one of the classes below (typed with its parents too), with "
        "its participants by role, `kg:place`, and `kg:time` / `kg:timeStart` / `kg:timeEnd` / `kg:timeText`; "
        "the assertions it states point to it with `kg:inEvent`. A role slot is the verb's subject, object, "
        "a passive's subject, a noun's possessor, the subject of a support verb ("
        + ", ".join(sorted(lex.support)) + ") or a preposition.\n\n"
    )
    yield "| class | parent | aligned with | verbs | nouns | roles (slot: role) | description |\n|---|---|---|---|---|---|---|\n"
    for name in sorted(lex.classes):
        c = lex.classes[name]
        node = kg(name)
        close = [_name(g, o) for o in g.objects(node, g.namespace_manager.expand_curie("skos:closeMatch"))]
        verbs = ", ".join(sorted(k for k, v in lex.verbs.items() if v == name))
        nouns = ", ".join(sorted(k for k, v in lex.nouns.items() if v == name))
        roles = ", ".join(f"{slot}: {role}" for slot, role in sorted(c.roles.items()))
        yield (f"| `kg:{name}` | `kg:{c.parent or 'Event'}` | {', '.join(f'`{x}`' for x in close)} | {_cell(verbs)} "
               f"| {_cell(nouns)} | {_cell(roles)} | {_cell(comment(node))} |\n")
    yield "\n| role property | label | parents | description |\n|---|---|---|---|\n"
    roles = sorted(set(g.transitive_subjects(RDFS.subPropertyOf, kg("participant"))) | {kg("place")})
    for p in roles:
        parents = ", ".join(f"`{_name(g, o)}`" for o in sorted(g.objects(p, RDFS.subPropertyOf)))
        yield f"| `{_name(g, p)}` | {label(p)} | {parents} | {_cell(comment(p))} |\n"


def write_markdown(path: str | os.PathLike[str], *, ontology: str | os.PathLike[str] | None = None) -> Path:
    """Write the Markdown reference to ``path`` atomically."""
    return atomic_write_text(path, "".join(generate_markdown(ontology)))
