"""``entities.csv`` and ``triples.csv``: the graph as two flat tables (DESIGN.md contracts)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .._io import atomic_write_lines

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

__all__ = ["ENTITY_COLUMNS", "TRIPLE_COLUMNS", "STATEMENT_COLUMNS", "generate_entities_csv", "generate_triples_csv",
           "generate_statements_csv", "write_entities_csv", "write_triples_csv", "write_statements_csv"]

ENTITY_COLUMNS = ("id", "label", "type", "aliases", "mentions")
STATEMENT_COLUMNS = ("statement_id", "speaker_id", "speaker", "cue", "kind", "text", "about_ids", "doc", "sentence")
TRIPLE_COLUMNS = ("subject_id", "subject", "predicate", "object_id", "object", "negated", "confidence", "doc", "sentence", "modality",
                  "time")


def _rows_to_csv(columns: tuple[str, ...], rows: Iterator[dict]) -> Iterator[str]:
    """Minimal quoting; a row with a carriage return in a field is quoted whole, since the csv
    module leaves a lone CR unquoted when the line terminator is ``\n`` and readers split there."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    yield buf.getvalue()
    for row in rows:
        buf.seek(0)
        buf.truncate()
        values = [row[c] for c in columns]
        (quoted if any("\r" in v for v in values if isinstance(v, str)) else writer).writerow(values)
        yield buf.getvalue()


def generate_entities_csv(g: Graph) -> Iterator[str]:
    """``id,label,type,aliases,mentions``; aliases joined by ``|``, rows sorted by id."""
    from ..project import entity_rows

    rows = ({**r, "aliases": "|".join(r["aliases"])} for r in entity_rows(g))
    return _rows_to_csv(ENTITY_COLUMNS, rows)


def generate_triples_csv(g: Graph) -> Iterator[str]:
    """One row per extracted assertion, negated and hypothetical ones included and flagged."""
    from ..project import assertion_rows

    rows = (
        {**r, "negated": "true" if r["negated"] else "false", "confidence": f"{r['confidence']:.2f}"}
        for r in assertion_rows(g)
    )
    return _rows_to_csv(TRIPLE_COLUMNS, rows)


def write_entities_csv(g: Graph, path: str | Path) -> Path:
    """Write ``entities.csv`` atomically."""
    return atomic_write_lines(path, generate_entities_csv(g))


def write_triples_csv(g: Graph, path: str | Path) -> Path:
    """Write ``triples.csv`` atomically."""
    return atomic_write_lines(path, generate_triples_csv(g))


def generate_statements_csv(g: Graph) -> Iterator[str]:
    """One row per statement, in document order; several speakers or topics are joined by ``|``."""
    from ..project import tables

    return _rows_to_csv(STATEMENT_COLUMNS, (statement_csv_row(r) for r in tables(g).statements))


def statement_csv_row(r: dict) -> dict:
    """A row of ``statements.csv`` from a statement row (:mod:`kg.eventtables`)."""
    return {"statement_id": r["id"], "speaker_id": "|".join(r["speaker_ids"]), "speaker": "|".join(r["speakers"]),
            "cue": r["cue"], "kind": r["kind"], "text": r["text"], "about_ids": "|".join(r["about_ids"]),
            "doc": r["doc"], "sentence": r["sentence"]}


def write_statements_csv(g: Graph, path: str | Path) -> Path:
    """Write ``statements.csv`` atomically."""
    return atomic_write_lines(path, generate_statements_csv(g))
