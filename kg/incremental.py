"""``kg add``: add new articles to a built graph or store, as if everything had been built at once.

Resolution is global ("Lavrov" joins "Sergey Lavrov" only when the corpus allows it), so an
added article may change how old mentions resolve. ``add`` therefore re-assembles the whole
graph from the saved extraction records of the old articles (:mod:`kg.records_io`) plus the
records of the new ones; only the new articles are parsed. The result is the graph a single
build of all the articles gives, and an article already in the graph (same id or same
content hash) changes nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError
from .records import Document, Skipped

__all__ = ["AddResult", "add", "locate"]


@dataclass(frozen=True)
class AddResult:
    """What ``kg add`` did: articles added, articles already present, skipped inputs."""

    target: Path
    added: tuple[str, ...]
    already: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    entities: int = 0
    facts: int = 0
    assertions: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the terminal."""
        if not self.added:
            return f"nothing added: {len(self.already)} article(s) already in {self.target}; {len(self.skipped)} skipped"
        return (
            f"added {len(self.added)} article(s) to {self.target} ({len(self.already)} already there, "
            f"{len(self.skipped)} skipped); now {self.entities} entities, {self.facts} facts from "
            f"{self.assertions} assertions; {self.seconds:.1f} s"
        )


def locate(target: str | os.PathLike[str]) -> tuple[Path, Path, bool]:
    """``(folder, records file, is_store)`` for a graph file, an output folder or a store folder."""
    from .records_io import RECORDS_FILE
    from .store import is_store

    path = Path(target)
    if path.is_dir():
        if is_store(path):
            return path, path / RECORDS_FILE, True
        if (path / "graph.ttl").is_file():
            return path, path / RECORDS_FILE, False
        raise InputError(str(path), "neither a kg output folder (graph.ttl) nor a store folder (kg-store.json)")
    if not path.is_file():
        raise InputError(str(path), "no such graph file or store folder")
    return path.parent, path.parent / RECORDS_FILE, False


def _known(doc: Document, ids: set[str], hashes: set[str]) -> bool:
    """Already in the graph: same cleaned text (or, without a hash, same id)."""
    return doc.sha256 in hashes if doc.sha256 else doc.id in ids


def _fresh_id(doc_id: str, taken: set[str]) -> str:
    """The id a single build gives a second article with the same id: ``x-2``, ``x-3``, ..."""
    n = 2
    while f"{doc_id}-{n}" in taken:
        n += 1
    return f"{doc_id}-{n}"


def add(
    target: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str]],
    *,
    title: str = "kg graph",
    **options,
) -> AddResult:
    """Add the articles of ``inputs`` to the graph or store ``target``, rewriting its outputs.

    Parameters
    ----------
    target : path
        ``graph.ttl`` of a build, its output folder, or a store folder; the build's
        ``records.jsonl.gz`` must be beside it.
    inputs : iterable of paths
        Files, folders or globs, as for ``kg build``.
    **options
        Passed to :func:`kg.build.extract_documents` (``model``, ``batch_size``, ...).

    Returns
    -------
    AddResult
        Ids added and ids already present. When nothing is new, no file is touched. The
        folder is rewritten all or nothing, and a second ``add`` (or build) on it meanwhile
        fails at once with a message naming this one.
    """
    from ._io import folder_lock, recover_folder

    started = time.perf_counter()
    folder, _, _ = locate(target)
    with folder_lock(folder):  # held from reading the records to writing them: no lost update
        recover_folder(folder)  # what a killed run left beside it, even when nothing is new
        return _add(target, inputs, title=title, started=started, **options)


def _add(target, inputs, *, title: str, started: float, **options) -> AddResult:
    from .ingest import iter_documents
    from .records_io import read_records

    folder, records_path, store = locate(target)
    records = read_records(records_path)
    ids, hashes = records.doc_ids(), records.hashes()
    inputs = [str(i) for i in inputs]
    ingest_opts = {k: options[k] for k in ("text_field", "max_bytes", "encoding") if k in options}

    # A cheap pass without the parser: when every article is already there, stop before spaCy.
    already: list[str] = []
    skipped: list[Skipped] = []
    new_count = 0
    for item in iter_documents(inputs, **ingest_opts):
        if isinstance(item, Skipped):
            skipped.append(item)
        elif _known(item, ids, hashes):
            already.append(item.id)
        else:
            new_count += 1
    if not new_count:
        return AddResult(folder, (), tuple(already), tuple(skipped), seconds=time.perf_counter() - started)

    from .build import assemble, extract_documents, write_outputs

    taken = set(ids)
    new_pairs = []
    for item in extract_documents(inputs, **{**options, "quiet": options.get("quiet", True)}):
        if isinstance(item, Skipped):
            continue  # already counted by the first pass
        doc, ex = item
        if _known(doc, ids, hashes):
            continue
        if doc.id in taken:  # same id, other text: keep both apart, as a single build does
            new_id = _fresh_id(doc.id, taken)
            doc, ex = _renamed(doc, ex, new_id)
        taken.add(doc.id)
        ids.add(doc.id)
        if doc.sha256:
            hashes.add(doc.sha256)
        new_pairs.append((doc, ex))
    pairs = list(records.pairs) + new_pairs
    base_iri = records.base_iri
    data, counts = assemble(pairs, base_iri=base_iri)
    if store:
        from .rdf import serialize
        from .store import write_store

        write_store(folder, serialize(data), base_iri=base_iri, records=pairs)
    else:
        write_outputs(data, folder, title=title, records=pairs, base_iri=base_iri)
    return AddResult(
        folder, tuple(d.id for d, _ in new_pairs), tuple(already), tuple(skipped),
        entities=counts["entities"], facts=counts["facts"], assertions=counts["assertions"],
        seconds=time.perf_counter() - started,
    )


def _renamed(doc: Document, ex, new_id: str):
    """A document and its extraction under another id (every record carries the id)."""
    mentions = tuple(replace(m, doc_id=new_id) for m in ex.mentions)

    def fix(m):
        return replace(m, doc_id=new_id) if m is not None else None

    assertions = tuple(replace(a, doc_id=new_id, subject=fix(a.subject), object=fix(a.object), speaker=fix(a.speaker))
                       for a in ex.assertions)
    return replace(doc, id=new_id), replace(ex, doc_id=new_id, mentions=mentions, assertions=assertions)
