"""Exceptions raised by kg.

The tree::

    KGError                 base class; the CLI turns it into a one-line error and exit 1
     ├── InputError         an input file or record cannot be read (names the file and why)
     ├── ModelError         the spaCy pipeline cannot be loaded (says what to install)
     ├── OntologyError      the ontology or shapes files are missing or inconsistent
     ├── QueryError         a SPARQL query is malformed or cannot run
     └── ExportError        an output cannot be written or a format is unknown
"""

from __future__ import annotations

__all__ = ["KGError", "InputError", "ModelError", "OntologyError", "QueryError", "ExportError"]


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """An input cannot be read; the message names the file and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(KGError):
    """The spaCy pipeline cannot be loaded."""


class OntologyError(KGError):
    """The ontology, shapes or saved queries are missing or inconsistent."""


class QueryError(KGError):
    """A SPARQL query is malformed or failed."""


class ExportError(KGError):
    """An output cannot be written, or a format is unknown."""
