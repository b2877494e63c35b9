"""The unit of work of parallel builds: parse and extract a batch of documents in one process.

Shared by the worker processes of ``kg build --workers N`` (:mod:`kg.pipeline`) and the Dask
tasks of ``kg build --dask`` (:mod:`kg.distributed`), which both import it from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .extract import Extraction
    from .records import Document

__all__ = ["extract_batch", "batches"]


def extract_batch(documents: list[Document], *, model: str | None = None, batch_size: int = 64) -> list[tuple[Document, Extraction]]:
    """Parse and extract a batch of documents in this process (the model is loaded once per process).

    The unit of work of worker processes and Dask tasks: documents in, small picklable
    ``(document without text, extraction)`` records out, in the same order.
    """
    from . import nlp as nlp_stage
    from .extract import extract
    from .ontology import load_lexicon

    lexicon = load_lexicon()
    nlp = nlp_stage.load_model(model)
    return [
        (replace(document, text=""), extract(doc, document.id, lexicon))
        for doc, document in nlp_stage.parse(nlp, ((d.text, d) for d in documents), batch_size=batch_size)
    ]


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of ``size`` documents (the last one shorter)."""
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
