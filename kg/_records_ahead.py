"""``records.jsonl.gz`` written by a forked child from the moment parsing ends.

After the parse of a build with ``--workers 2`` or more, the main process assembles the graph
alone (resolution, graph records: 4 s on all of Reuters-21578) while the other core is idle,
and the records file needs nothing of the assembly: its lines are the parse's records, sorted
by document. So a child forked then writes it (2.5 s there) into an unnamed temporary file
beside the output folder (nothing is left behind by a crash), and the build copies it into its
new output folder at the end: the same bytes as :func:`kg.records_io.write_records`.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["RecordsAhead"]


class RecordsAhead:
    """The records of a build being written ahead; :meth:`place` puts the file where it belongs."""

    def __init__(self, pairs: list, *, base_iri: str, beside: str | os.PathLike[str]) -> None:
        import tempfile

        from ._forked import WRITER_NICE, Forked

        self.pairs = pairs
        folder = Path(beside).resolve().parent
        folder.mkdir(parents=True, exist_ok=True)
        self.file = tempfile.TemporaryFile(dir=folder)  # unlinked at once: a crash leaves nothing
        self.child = Forked(_write_into, self.file.fileno(), pairs, base_iri, what="records.jsonl.gz",
                            nice=WRITER_NICE)
        if not self.child.started:  # no fork on this platform: written here, before the assembly
            _write_into(self.file.fileno(), pairs, base_iri)

    def release(self) -> None:
        """Empty the caller's list of records (the child holds its own copy of the pages)."""
        self.pairs.clear()

    def place(self, path: str | os.PathLike[str]) -> Path:
        """Wait for the child, then copy the file to ``path`` atomically."""
        import shutil

        from ._io import atomic_write_with

        try:
            self.child.wait()
            self.file.seek(0)
            return atomic_write_with(path, lambda fh: shutil.copyfileobj(self.file, fh, 1 << 20))
        finally:
            self.close()

    def close(self) -> None:
        self.child.stop()
        self.file.close()


def _write_into(fd: int, pairs: list, base_iri: str) -> None:
    from .records_io import write_records_into

    with os.fdopen(os.dup(fd), "wb", buffering=1 << 20) as fh:
        write_records_into(fh, pairs, base_iri=base_iri)
